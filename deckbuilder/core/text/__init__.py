"""How text is written and measured: glyph widths, sentences, one-line display, durations, numbers."""
