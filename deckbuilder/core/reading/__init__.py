"""The sentence reader: what a sentence says, read by structure and lemmas (see reader.py)."""
