"""Run the `deck` command: python -m deckbuilder."""

from deckbuilder.cli import run

run()
