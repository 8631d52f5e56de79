"""Read a PCM WAV file as it is played: plain PCM, and the "extensible" header with PCM samples that sox and many
recorders write for 24-bit or multichannel sound (which Python 3.11's wave module refuses)."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

PCM = 1
EXTENSIBLE = 0xFFFE


class WavError(Exception):
    """The file is not a WAV recording deck can play; the message says why."""


@dataclass
class PcmWav:
    """An open WAV file, positioned in its sound."""

    handle: BinaryIO
    channels: int
    rate: int
    width: int  # bytes a sample
    left: int  # bytes of sound left at most (a recording still being written declares a huge size)

    def read(self, frames: int) -> bytes:
        """Return up to ``frames`` frames (fewer, or none, at the end)."""
        frame = self.width * self.channels
        data = self.handle.read(min(frames * frame, self.left))
        data = data[: len(data) // frame * frame]
        self.left = self.left - len(data) if data else 0
        return data

    def close(self) -> None:
        """Close the file."""
        self.handle.close()


def _format(body: bytes) -> tuple[int, int, int]:
    """Return channels, rate and sample width of a PCM fmt chunk."""
    if len(body) < 16:
        raise WavError("its format header is cut short")
    tag, channels, rate, _, align, _ = struct.unpack("<HHIIHH", body[:16])
    if tag == EXTENSIBLE and len(body) >= 26:
        tag = int.from_bytes(body[24:26], "little")  # the sub-format's GUID begins with the format's code
    if tag != PCM:
        raise WavError(f"its samples are not PCM (format {tag}, e.g. floating point or compressed)")
    if not channels or align % channels or not 1 <= align // channels <= 4 or rate < 8000:
        raise WavError("its samples are not 8 to 32-bit PCM at 8 kHz or more")
    return channels, rate, align // channels


def open_wav(path: Path) -> PcmWav:
    """Open a WAV file at its sound; raise WavError when it is not PCM WAV (OSError when it cannot be read)."""
    handle = open(path, "rb")  # noqa: SIM115 - kept open while the talk plays
    try:
        head = handle.read(12)
        if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            raise WavError("it is not a WAV file")
        form: tuple[int, int, int] | None = None
        while True:
            header = handle.read(8)
            if len(header) < 8:
                raise WavError("it holds no sound")
            name, size = header[:4], int.from_bytes(header[4:], "little")
            if name == b"fmt ":
                form = _format(handle.read(size + size % 2))
            elif name == b"data":
                if form is None:
                    raise WavError("its sound comes before its format")
                channels, rate, width = form
                return PcmWav(handle, channels, rate, width, size)
            else:
                handle.seek(size + size % 2, 1)  # a chunk of tags or cues
    except BaseException:
        handle.close()
        raise
