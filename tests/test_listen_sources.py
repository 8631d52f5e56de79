"""Where sound comes from: a WAV recording played by the injected clock (or as fast as it can be read), and the
microphone through sounddevice (here a stand-in module, as this machine has no microphone)."""

from __future__ import annotations

import struct
import sys
import types
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from deckbuilder.errors import DeckError
from deckbuilder.listen.sources import MicrophoneSource, WavSource

RATE = 16000


class FakeClock:
    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def tone(freq: float, seconds: float, rate: int, amplitude: float = 0.5) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return amplitude * np.sin(2 * np.pi * freq * t)


def write_wav(path: Path, samples: np.ndarray, rate: int, width: int = 2, channels: int = 1) -> Path:
    data = np.repeat(samples[:, None], channels, axis=1).reshape(-1)
    if width == 1:
        raw = np.round(data * 127 + 128).astype(np.uint8).tobytes()
    elif width == 3:
        ints = np.round(data * (2**23 - 1)).astype("<i4")
        raw = b"".join(int(v).to_bytes(3, "little", signed=True) for v in ints)
    else:
        raw = np.round(data * (2 ** (8 * width - 1) - 1)).astype(f"<i{width}").tobytes()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        out.writeframes(raw)
    return path


def all_samples(source: WavSource) -> np.ndarray:
    chunks = []
    while True:
        got = source.read()
        if not got:
            break
        chunks.extend(got)
    assert source.done()
    return np.concatenate([c.samples for c in chunks]).astype(np.float64) / 32768


def peak_hz(samples: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[spectrum.argmax()])


def test_a_recording_is_heard_as_the_clock_moves(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "take.wav", tone(440, 3.0, RATE), RATE)
    clock = FakeClock(10.0)
    source = WavSource(path, clock)
    source.open(RATE)
    assert source.read() == []  # nothing is heard before its time
    clock.now = 10.5
    first = source.read()
    assert sum(len(c.samples) for c in first) == 8000
    assert first[0].start_s == 10.0
    clock.now = 11.25
    second = source.read()
    assert second[0].start_s == pytest.approx(10.5)
    assert sum(len(c.samples) for c in first + second) == 20000
    assert not source.done()
    clock.now = 60.0
    rest = source.read()
    assert sum(len(c.samples) for c in first + second + rest) == 48000
    assert source.done()
    assert source.read() == []
    source.close()


def test_as_fast_as_it_can_be_read_ignores_the_clock(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "take.wav", tone(440, 40.0, RATE), RATE)
    source = WavSource(path, FakeClock(5.0), realtime=False)
    source.open(RATE)
    chunks = source.read() + source.read()
    assert chunks[0].start_s == 5.0
    assert sum(len(c.samples) for c in chunks) == 40 * RATE
    starts = [c.start_s for c in chunks]
    assert starts == sorted(starts) and chunks[-1].start_s == pytest.approx(5.0 + 40 - len(chunks[-1].samples) / RATE)


@pytest.mark.parametrize(("rate", "width", "channels"), [(44100, 2, 2), (48000, 3, 1), (22050, 1, 1), (8000, 4, 2)])
def test_any_pcm_recording_becomes_mono_at_the_models_rate(
    tmp_path: Path, rate: int, width: int, channels: int
) -> None:
    path = write_wav(tmp_path / "take.wav", tone(1000, 2.0, rate), rate, width, channels)
    source = WavSource(path, FakeClock(), realtime=False)
    source.open(RATE)
    heard = all_samples(source)
    assert len(heard) == pytest.approx(2.0 * RATE, abs=RATE * 0.01)
    assert peak_hz(heard, RATE) == pytest.approx(1000, abs=5)
    middle = heard[RATE // 2 : -RATE // 2]
    assert np.sqrt((middle**2).mean()) == pytest.approx(0.5 / np.sqrt(2), rel=0.05)  # loudness kept


def test_sound_above_the_models_range_is_filtered_not_folded_into_speech(tmp_path: Path) -> None:
    # 12 kHz cannot be kept at 16 kHz; unfiltered it would come back as a 4 kHz whistle.
    path = write_wav(tmp_path / "take.wav", tone(12000, 1.0, 44100), 44100)
    source = WavSource(path, FakeClock(), realtime=False)
    source.open(RATE)
    heard = all_samples(source)
    assert np.sqrt((heard**2).mean()) < 0.02


def riff(fmt: bytes, data: bytes, extra: bytes = b"") -> bytes:
    """Return a WAV file's bytes: a fmt chunk, any other chunk, then the sound."""
    body = b"WAVE" + b"fmt " + len(fmt).to_bytes(4, "little") + fmt + extra
    body += b"data" + len(data).to_bytes(4, "little") + data
    return b"RIFF" + len(body).to_bytes(4, "little") + body


def fmt_chunk(tag: int, channels: int, rate: int, bits: int, sub_format: int | None = None) -> bytes:
    align = channels * bits // 8
    chunk = struct.pack("<HHIIHH", tag, channels, rate, rate * align, align, bits)
    if sub_format is not None:  # WAVE_FORMAT_EXTENSIBLE: valid bits, channel mask, sub-format GUID
        guid = sub_format.to_bytes(2, "little") + bytes.fromhex("000000001000800000aa00389b71")
        chunk += struct.pack("<HHI", 22, bits, 3) + guid
    return chunk


def test_an_extensible_header_with_pcm_samples_plays(tmp_path: Path) -> None:
    # What sox and many recorders write for 24-bit stereo sound (Python 3.11's wave module refuses it).
    samples = tone(1000, 1.0, 48000)
    ints = np.round(np.repeat(samples, 2) * (2**23 - 1)).astype("<i4")
    data = b"".join(int(v).to_bytes(3, "little", signed=True) for v in ints)
    tags = b"LIST" + (4).to_bytes(4, "little") + b"INFO"
    path = tmp_path / "take.wav"
    path.write_bytes(riff(fmt_chunk(0xFFFE, 2, 48000, 24, sub_format=1), data, extra=tags))
    source = WavSource(path, FakeClock(), realtime=False)
    source.open(RATE)
    heard = all_samples(source)
    assert len(heard) == pytest.approx(RATE, abs=50) and peak_hz(heard, RATE) == pytest.approx(1000, abs=5)


def test_a_recording_still_being_written_plays_what_it_holds(tmp_path: Path) -> None:
    # A streamed header (espeak-ng --stdout, a recorder killed mid-take) declares more sound than there is.
    data = np.round(tone(440, 0.5, RATE) * 32767).astype("<i2").tobytes()
    content = bytearray(riff(fmt_chunk(1, 1, RATE, 16), data))
    content[40:44] = (0x7FFFF000).to_bytes(4, "little")
    path = tmp_path / "take.wav"
    path.write_bytes(bytes(content))
    source = WavSource(path, FakeClock(), realtime=False)
    source.open(RATE)
    assert len(all_samples(source)) == RATE // 2


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"not sound", "not a WAV file"),
        (riff(fmt_chunk(3, 1, RATE, 32), bytes(64)), "not PCM (format 3"),
        (riff(fmt_chunk(0xFFFE, 1, RATE, 32, sub_format=3), bytes(64)), "not PCM (format 3"),
        (riff(fmt_chunk(1, 1, 4000, 16), bytes(64)), "8 kHz or more"),
        (riff(fmt_chunk(1, 1, RATE, 16), b"")[:36], "holds no sound"),
    ],
    ids=["text", "float", "extensible float", "4 kHz", "no data"],
)
def test_a_file_that_is_not_a_pcm_wav_is_one_clear_error(tmp_path: Path, content: bytes, why: str) -> None:
    path = tmp_path / "take.wav"
    path.write_bytes(content)
    with pytest.raises(DeckError) as error:
        WavSource(path, FakeClock()).open(RATE)
    assert error.value.file == str(path)
    assert why in error.value.message and "sox take.flac -b 16 take.wav" in (error.value.hint or "")


def test_a_missing_recording_is_named(tmp_path: Path) -> None:
    with pytest.raises(DeckError, match="no such recording") as error:
        WavSource(tmp_path / "missing.wav", FakeClock()).open(RATE)
    assert error.value.file == str(tmp_path / "missing.wav")


class FakeStream:
    """sounddevice.InputStream as far as the microphone source uses it."""

    opened: list[FakeStream] = []

    def __init__(self, samplerate: int, blocksize: int, device: Any, channels: int, dtype: str, callback: Any) -> None:
        self.samplerate, self.blocksize, self.callback = samplerate, blocksize, callback
        self.running = False
        FakeStream.opened.append(self)

    def start(self) -> None:
        self.running = True

    def stop(self) -> None:
        self.running = False

    def close(self) -> None:
        pass

    def deliver(self, samples: np.ndarray, overflow: bool = False) -> None:
        block = np.round(samples * 32767).astype(np.int16)[:, None]
        self.callback(block, len(block), None, types.SimpleNamespace(input_overflow=overflow))


def fake_sounddevice(monkeypatch: pytest.MonkeyPatch, device_rate: int | None) -> None:
    module = types.ModuleType("sounddevice")

    def check_input_settings(**settings: Any) -> None:
        if device_rate is None:
            raise RuntimeError("Error querying device -1")
        if settings["samplerate"] != device_rate:
            raise RuntimeError("Invalid sample rate")

    def query_devices(device: Any = None, kind: str | None = None) -> Any:
        if device is None and kind is None:  # every device: none records when there is no microphone
            return [] if device_rate is None else [{"name": "mic", "max_input_channels": 1}]
        if device_rate is None:
            raise RuntimeError("Error querying device -1")
        return {"default_samplerate": float(device_rate)}

    module.check_input_settings = check_input_settings  # type: ignore[attr-defined]
    module.query_devices = query_devices  # type: ignore[attr-defined]
    module.InputStream = FakeStream  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sounddevice", module)
    FakeStream.opened = []


def test_the_microphone_stamps_each_block_by_the_injected_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_sounddevice(monkeypatch, RATE)
    clock = FakeClock(100.0)
    mic = MicrophoneSource(clock)
    mic.open(RATE)
    stream = FakeStream.opened[-1]
    assert stream.running and stream.samplerate == RATE
    clock.now = 100.1
    stream.deliver(tone(440, 0.1, RATE))
    clock.now = 100.2
    stream.deliver(tone(440, 0.1, RATE), overflow=True)
    chunks = mic.read()
    assert [round(c.start_s, 3) for c in chunks] == [100.0, 100.1]
    assert [len(c.samples) for c in chunks] == [1600, 1600]
    assert mic.overflows == 1 and mic.read() == [] and not mic.done()
    mic.close()
    assert not stream.running


def test_a_microphone_at_its_own_rate_is_converted(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_sounddevice(monkeypatch, 48000)
    mic = MicrophoneSource(FakeClock())
    mic.open(RATE)
    stream = FakeStream.opened[-1]
    assert stream.samplerate == 48000
    for _ in range(10):
        stream.deliver(tone(1000, 0.1, 48000))
    heard = np.concatenate([c.samples for c in mic.read()]).astype(np.float64) / 32768
    assert len(heard) == pytest.approx(RATE, abs=100)
    assert peak_hz(heard, RATE) == pytest.approx(1000, abs=5)


def test_no_microphone_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_sounddevice(monkeypatch, None)
    with pytest.raises(DeckError) as error:
        MicrophoneSource(FakeClock()).open(RATE)
    assert "this machine has no microphone" in error.value.message and "--audio" in (error.value.hint or "")
    with pytest.raises(DeckError) as error:  # a device named that is not there: PortAudio's own words
        MicrophoneSource(FakeClock(), device=3).open(RATE)
    assert "cannot listen to the microphone: Error querying device -1" in error.value.message


def test_a_missing_portaudio_names_the_system_library(monkeypatch: pytest.MonkeyPatch) -> None:
    class Missing:
        def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
            if name == "sounddevice":
                raise OSError("PortAudio library not found")

    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    monkeypatch.setattr(sys, "meta_path", [Missing(), *sys.meta_path])
    with pytest.raises(DeckError) as error:
        MicrophoneSource(FakeClock()).open(RATE)
    assert "PortAudio" in error.value.message and "libportaudio2" in (error.value.hint or "")
