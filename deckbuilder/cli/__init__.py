"""The `deck` command: parse arguments, call the library, print, set the exit code.

One module per command group; each imports what it needs inside the command, so `deck --help` stays fast.
"""

from __future__ import annotations

import click

from deckbuilder import __version__

from .build import build, inspect
from .drill import drill
from .importer import import_
from .plan import new, plan, rules, schema
from .rehearse import compare, history, rehearse, report


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="deck")
def main() -> None:
    """Plan, build and rehearse a 10-15 minute take-home presentation.

    \b
    Start here:
      deck new talk.yaml          write a starter outline to edit
      deck import report.md       or start from your write-up or notebooks
      deck plan talk.yaml         check the timing and content of the talk
      deck build talk.yaml        write the deck
      deck rehearse talk.pptx     time yourself slide by slide
      deck drill talk.pptx        answer the panel's questions
    """


for _command in (plan, import_, build, inspect, new, rules, schema, rehearse, drill, history, compare, report):
    main.add_command(_command)

if __name__ == "__main__":  # pragma: no cover
    main()
