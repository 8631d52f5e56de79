"""Signals that end a run the way `q` does: what was done is saved, the terminal restored, the exit code 128 + n."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable

STOP_SIGNALS = ("SIGTERM", "SIGHUP", "SIGINT")


def catch_stop_signals(stop: Callable[[int], None]) -> list[int]:
    """Call ``stop(signal number)`` on SIGTERM, SIGHUP or SIGINT; return the numbers caught (to release later)."""
    loop = asyncio.get_running_loop()
    caught = []
    for name in STOP_SIGNALS:
        number = getattr(signal, name, None)
        if number is None:
            continue
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(number, stop, int(number))
            caught.append(int(number))
    return caught


def release_signals(numbers: list[int]) -> None:
    """Give the signals back to Python's defaults."""
    loop = asyncio.get_running_loop()
    for number in numbers:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.remove_signal_handler(number)
