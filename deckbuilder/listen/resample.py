"""Streaming sample-rate conversion to the recogniser's rate: a windowed-sinc low-pass (no aliasing when a 44.1 or
48 kHz recording comes down to 16 kHz), then linear interpolation at the output instants."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Samples = npt.NDArray[np.float64]
TAPS = 63  # enough for speech: the stop band only has to hold the hiss above 8 kHz down


def _low_pass(cutoff: float) -> Samples:
    """Return a Hamming-windowed sinc filter passing below ``cutoff`` (cycles per input sample)."""
    n = np.arange(TAPS) - (TAPS - 1) / 2
    taps = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hamming(TAPS)
    return np.asarray(taps / taps.sum())


class Resampler:
    """Convert a stream of float samples from ``rate_in`` to ``rate_out``, one block at a time."""

    def __init__(self, rate_in: int, rate_out: int) -> None:
        self.rate_in, self.rate_out = rate_in, rate_out
        self.step = rate_in / rate_out
        # Low-pass under the lower Nyquist frequency, with a margin for the filter's slope.
        self.taps = _low_pass(0.45 * min(rate_in, rate_out) / rate_in)
        self._history: Samples = np.zeros(TAPS - 1)
        self._filtered: Samples = np.zeros(0)
        self._position = 0.0  # the next output instant, in filtered samples from the start of _filtered

    def __call__(self, block: Samples) -> Samples:
        """Return the output samples that ``block`` completes."""
        if self.rate_in == self.rate_out:
            return block
        padded = np.concatenate([self._history, block])
        self._history = padded[len(padded) - (TAPS - 1) :]
        filtered = np.concatenate([self._filtered, np.convolve(padded, self.taps, mode="valid")])
        # Interpolating at position p needs samples floor(p) and floor(p) + 1.
        count = max(int(np.floor((len(filtered) - 1 - self._position) / self.step)) + 1, 0)
        if len(filtered) < 2:
            count = 0
        positions = self._position + self.step * np.arange(count)
        out = np.interp(positions, np.arange(len(filtered)), filtered) if count else np.zeros(0)
        self._position += self.step * count
        keep = int(np.floor(self._position))
        self._filtered = filtered[keep:]
        self._position -= keep
        return np.asarray(out)
