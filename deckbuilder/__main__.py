"""Run the `deck` command: python -m deckbuilder."""

from .cli import main

main()
