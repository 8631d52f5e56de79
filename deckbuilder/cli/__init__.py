"""The `deck` command: parse arguments, call the library, print, set the exit code.

One module per command group, imported when its command runs; each imports what it needs inside the command.
"""

from __future__ import annotations

import gc
from importlib import import_module

import click

from deckbuilder import __version__

# Command name -> (module of this package, function). A command's module is imported only when the command
# runs or help lists it, so `deck plan`, run on every save, never loads the build, rehearse or import code.
COMMANDS = {
    "plan": ("plan", "plan"),
    "import": ("importer", "import_"),
    "build": ("build", "build"),
    "inspect": ("build", "inspect"),
    "new": ("plan", "new"),
    "rules": ("plan", "rules"),
    "schema": ("plan", "schema"),
    "rehearse": ("rehearse", "rehearse"),
    "drill": ("drill", "drill"),
    "history": ("history", "history"),
    "compare": ("history", "compare"),
    "report": ("history", "report"),
}


# Commands that resume the cyclic collector themselves, once their own imports are done (see common.loaded).
LOADS_ITSELF = frozenset({"plan"})


class LazyGroup(click.Group):
    """A group whose commands load on first use, listed in the order of COMMANDS."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name]
        command = getattr(import_module(f".{module}", __name__), name)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="deck")
@click.pass_context
def main(ctx: click.Context) -> None:
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
    from .common import loaded

    if ctx.invoked_subcommand not in LOADS_ITSELF:
        loaded()


def run() -> None:
    """Run `deck` as a program (the console script, python -m deckbuilder): the collector is paused while the
    command loads (see common.loaded), which a library caller of ``main`` never has done to it."""
    gc.disable()
    main()


if __name__ == "__main__":  # pragma: no cover
    run()
