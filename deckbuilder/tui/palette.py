"""The coach's and the drill's colours, from layouts/terminal.yaml: a Textual theme for the CSS, and an ANSI theme
that turns the four colour names the screens' text uses into the same palette.

Text on the screens is styled by what it means (ALERT, GOOD, CAUTION, MUTED), never by a colour of its own, so
every cell is drawn from one palette whose contrasts are known (tests/test_tui_colours.py).
"""

from __future__ import annotations

from rich.terminal_theme import TerminalTheme
from textual.theme import Theme

from deckbuilder.core.rules.settings import TerminalColours

NAME = "deck"

# Rich styles by meaning: ANSI colour names, which the app's ANSI theme below draws in the palette's colours.
ALERT = "red"  # over budget, over time, not saved
GOOD = "green"  # within budget, within time
CAUTION = "yellow"  # near a limit, something to look at
MUTED = "bright_black"  # labels and secondary lines (never the terminal's "dim", whose contrast is anyone's guess)


def _rgb(value: str) -> tuple[int, int, int]:
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def textual_theme(c: TerminalColours) -> Theme:
    """Return the Textual theme of the palette; the CSS's muted text and its footer take the palette's colours
    too, where Textual would blend its own (too faint on a dark screen)."""
    muted, on_colour = "#" + c.muted, "#" + c.on_colour
    return Theme(
        name=NAME,
        primary="#" + c.primary,
        secondary="#" + c.accent,
        accent="#" + c.accent,
        warning="#" + c.warning,
        error="#" + c.error,
        success="#" + c.success,
        foreground="#" + c.text,
        background="#" + c.background,
        surface="#" + c.surface,
        panel="#" + c.panel,
        dark=True,
        variables={
            "text-muted": muted,
            "text-disabled": muted,
            "on-colour": on_colour,
            "footer-background": "#" + c.panel,
            "footer-foreground": "#" + c.text,
            "footer-description-foreground": "#" + c.text,
            "footer-key-foreground": "#" + c.warning,
            "footer-key-background": "#" + c.panel,
            # The end screen's scrollbar: a thumb that stands out from its track (3:1 at least, as a control).
            "scrollbar": muted,
            "scrollbar-hover": "#" + c.text,
            "scrollbar-active": "#" + c.text,
            "scrollbar-background": "#" + c.panel,
            "scrollbar-background-hover": "#" + c.panel,
            "scrollbar-background-active": "#" + c.panel,
            "scrollbar-corner-color": "#" + c.panel,
        },
    )


def ansi_theme(c: TerminalColours) -> TerminalTheme:
    """Return the ANSI theme that draws ALERT, GOOD, CAUTION and MUTED (and the other ANSI names) in the palette."""
    normal = [c.background, c.error, c.success, c.warning, c.primary, c.accent, c.accent, c.text]
    bright = [c.muted, c.error, c.success, c.warning, c.primary, c.accent, c.accent, c.text]
    return TerminalTheme(_rgb(c.background), _rgb(c.text), [_rgb(v) for v in normal], [_rgb(v) for v in bright])
