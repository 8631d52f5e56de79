"""Where the sound comes from: the microphone, or a WAV recording played in real time against the injected clock
(or as fast as it can be read, for tests). Every source yields mono 16-bit chunks at the recogniser's rate, each
stamped with the clock time of its first sample; none of them writes anything anywhere."""

from __future__ import annotations

import queue
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from deckbuilder.errors import DeckError

from .resample import Resampler, Samples
from .wavfile import PcmWav, WavError, open_wav

Clock = Callable[[], float]
Pcm = npt.NDArray[np.int16]
BLOCK_S = 0.1  # a file is read and a microphone delivers in blocks this long


@dataclass(frozen=True)
class Chunk:
    """Consecutive samples, and the clock time at which the first of them was heard."""

    start_s: float
    samples: Pcm


class AudioSource(Protocol):
    """A stream of sound: opened once, read as it arrives (never blocking), closed at the end."""

    path: Path | None  # the recording it plays, if any (never to be overwritten)

    def prepare(self, rate: int) -> None: ...

    def open(self, rate: int) -> None: ...

    def read(self) -> list[Chunk]: ...

    def done(self) -> bool: ...

    def close(self) -> None: ...


def to_pcm(samples: Samples) -> Pcm:
    """Return float samples (full scale 1.0) as 16-bit integers, clipped."""
    return np.asarray(np.clip(np.round(samples * 32768.0), -32768, 32767).astype(np.int16))


def _bad_wav(path: Path, why: str) -> DeckError:
    return DeckError(
        f"cannot play this recording: {why}",
        file=str(path),
        hint="save it as 16-bit PCM WAV, e.g. `sox take.flac -b 16 take.wav`",
    )


class WavSource:
    """A PCM WAV file heard as if spoken now: by the injected clock (``realtime``), or all at once."""

    def __init__(self, path: Path, clock: Clock, realtime: bool = True) -> None:
        self.path: Path | None = path
        self.clock, self.realtime = clock, realtime
        self._wav: PcmWav | None = None
        self._resample: Resampler | None = None
        self._ready: Pcm = np.zeros(0, dtype=np.int16)  # converted samples not handed out yet
        self._given = 0  # samples handed out so far
        self._started = 0.0
        self._ended = False
        self.rate = 0

    def _open_wav(self) -> PcmWav:
        assert self.path is not None
        try:
            if self.path.exists() and not self.path.is_file():  # a folder, a pipe or a device: never opened
                raise DeckError("is not a regular file; give the recording as a WAV file", file=str(self.path))
            return open_wav(self.path)
        except FileNotFoundError:
            raise DeckError("no such recording", file=str(self.path)) from None
        except WavError as exc:
            raise _bad_wav(self.path, str(exc)) from None
        except OSError as exc:
            raise DeckError(f"cannot read this recording: {exc.strerror}", file=str(self.path)) from None

    def prepare(self, rate: int) -> None:
        """Check that the file is a recording deck can play (DeckError saying why not); it plays from `open`."""
        self._open_wav().close()

    def open(self, rate: int) -> None:
        """Open the file; its first sample is heard now."""
        wav = self._open_wav()
        self._wav, self.rate = wav, rate
        self._resample = Resampler(wav.rate, rate)
        self._started = self.clock()

    def _decode(self, frames: int) -> None:
        """Read up to ``frames`` frames of the file, mixed to mono at the target rate, onto the ready queue."""
        assert self._wav is not None and self._resample is not None
        raw = self._wav.read(frames)
        width, channels = self._wav.width, self._wav.channels
        if not raw:
            self._ended = True
            return
        if width == 3:  # 24-bit: widen each sample to 32 bits
            bytes3 = np.frombuffer(raw[: len(raw) // 3 * 3], dtype=np.uint8).reshape(-1, 3)
            as32 = np.zeros((len(bytes3), 4), dtype=np.uint8)
            as32[:, 1:] = bytes3
            values = as32.view("<i4").reshape(-1).astype(np.float64) / 2**31
        elif width == 1:  # 8-bit WAV is unsigned
            values = (np.frombuffer(raw, dtype=np.uint8).astype(np.float64) - 128) / 128
        else:
            values = np.frombuffer(raw, dtype=f"<i{width}").astype(np.float64) / 2 ** (8 * width - 1)
        values = values[: len(values) // channels * channels].reshape(-1, channels).mean(axis=1)
        self._ready = np.concatenate([self._ready, to_pcm(self._resample(values))])

    def read(self) -> list[Chunk]:
        """Return the samples whose time has come (all that is left, in blocks, when not in real time)."""
        if self._wav is None:
            return []
        due = (
            int((self.clock() - self._started) * self.rate)
            if self.realtime
            else self._given + len(self._ready) + int(30 * self.rate)
        )
        source_rate = self._wav.rate
        while self._given + len(self._ready) < due and not self._ended:
            self._decode(max(int((due - self._given - len(self._ready)) * source_rate / self.rate) + 1, 1024))
        chunks = []
        block = int(BLOCK_S * self.rate)
        while len(self._ready) and self._given < due:
            size = min(block, len(self._ready), due - self._given)
            chunks.append(Chunk(self._started + self._given / self.rate, self._ready[:size].copy()))
            self._ready = self._ready[size:]
            self._given += size
        return chunks

    def done(self) -> bool:
        """Return True once the whole recording has been handed out."""
        return self._ended and not len(self._ready)

    def close(self) -> None:
        """Close the file."""
        if self._wav is not None:
            self._wav.close()
            self._wav = None


def _has_input(sounddevice: Any) -> bool:
    """Whether PortAudio lists any device that can record."""
    try:
        return any(int(d.get("max_input_channels", 0)) > 0 for d in sounddevice.query_devices())
    except Exception:  # a system whose audio cannot even be listed: let opening say what is wrong
        return True


class MicrophoneSource:
    """The default (or a named) input device, through PortAudio; chunks are stamped by the injected clock."""

    path: Path | None = None

    def __init__(self, clock: Clock, device: int | str | None = None) -> None:
        self.clock, self.device = clock, device
        self._queue: queue.SimpleQueue[tuple[float, Pcm]] = queue.SimpleQueue()
        self._stream: Any = None
        self._resample: Resampler | None = None
        self.rate = 0
        self.device_rate = 0
        self.overflows = 0  # blocks the system dropped because nobody read them in time

    def prepare(self, rate: int) -> None:
        """Start capturing now (what is heard before the talk starts tells the room's noise)."""
        self.open(rate)

    def open(self, rate: int) -> None:
        """Start capturing: at ``rate`` when the device offers it, else at its own rate, converted."""
        if self._stream is not None:
            return
        try:
            import sounddevice
        except OSError:  # the Python package is there, the system library is not
            raise DeckError(
                "the microphone needs the system audio library PortAudio, which is missing",
                hint="install it, e.g. `sudo apt-get install libportaudio2`, or play a recording with --audio",
            ) from None
        self.rate = rate
        if self.device is None and not _has_input(sounddevice):
            raise DeckError(
                "cannot listen: this machine has no microphone (the system's audio lists no input device)",
                hint="connect one, or play a recording with --audio take.wav",
            )
        try:
            try:
                sounddevice.check_input_settings(device=self.device, channels=1, dtype="int16", samplerate=rate)
                self.device_rate = rate
            except Exception:  # the device has its own rate: capture at that and convert
                info = sounddevice.query_devices(self.device, "input")
                self.device_rate = int(info["default_samplerate"])
            self._resample = Resampler(self.device_rate, rate)
            self._stream = sounddevice.InputStream(
                samplerate=self.device_rate,
                blocksize=int(BLOCK_S * self.device_rate),
                device=self.device,
                channels=1,
                dtype="int16",
                callback=self._heard,
            )
            self._stream.start()
        except Exception as exc:  # PortAudio reports a missing or busy device in many ways
            raise DeckError(
                f"cannot listen to the microphone: {exc}",
                hint="check that a microphone is connected and free, or play a recording with --audio take.wav",
            ) from None

    def _heard(self, data: Any, frames: int, time_info: Any, status: Any) -> None:
        # PortAudio's thread: stamp and queue, nothing more (the block ended now, so it began frames ago).
        if status and status.input_overflow:
            self.overflows += 1
        self._queue.put((self.clock() - frames / self.device_rate, np.array(data[:, 0], dtype=np.int16)))

    def read(self) -> list[Chunk]:
        """Return what the microphone heard since the last read."""
        chunks: list[Chunk] = []
        while True:
            try:
                start, block = self._queue.get_nowait()
            except queue.Empty:
                return chunks
            if self._resample is not None and self.device_rate != self.rate:
                block = to_pcm(self._resample(block.astype(np.float64) / 32768.0))
            chunks.append(Chunk(start, block))

    def done(self) -> bool:
        """A microphone never runs out."""
        return False

    def close(self) -> None:
        """Stop capturing."""
        if self._stream is not None:
            self._stream.stop()
            self._stream.close()
            self._stream = None
