"""Get every figure's picture: from the cache, the user's file, or matplotlib in a side process."""

from __future__ import annotations

import dataclasses
import io
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from deckbuilder.core.outline.model import Figure
from deckbuilder.core.rules.settings import InputLimits
from deckbuilder.core.rules.theme import Box, Theme
from deckbuilder.core.text.measure import Glyphs
from deckbuilder.errors import DeckError
from deckbuilder.export.cache import RENDER_VERSION, FigureCache, figure_key
from deckbuilder.files.reading import read_bounded

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

Progress = Callable[[str], None]


def _render_job(figure: Figure, theme: Theme, glyphs: Glyphs, width: float, height: float) -> bytes:
    from deckbuilder.export.figures import render  # imported in the worker only

    return render(figure, theme, glyphs, width, height)


def pixel_size(data: bytes, name: str, max_pixels: int) -> tuple[int, int]:
    """Return an image's size in pixels (from its header), or a clear error for one that is not a usable image."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        width, height = max_pixels, 2  # over the limit: reported below
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise DeckError(f"{name} is not a readable PNG or JPEG image") from None
    if width * height > max_pixels:
        raise DeckError(
            f"{name} has more pixels than a slide can use (at most {max_pixels // 1_000_000} million; "
            "limit image_pixels in layouts/limits.yaml)",
            hint="export the picture at screen size (1920 pixels wide is plenty)",
        )
    return width, height


class Pictures:
    """Start drawing the figures that are not cached, then hand each picture over when asked."""

    def __init__(
        self, theme: Theme, glyphs: Glyphs, cache: FigureCache, progress: Progress | None, limits: InputLimits
    ) -> None:
        self.theme, self.glyphs, self.cache, self.progress, self.limits = theme, glyphs, cache, progress, limits
        self.total = 0
        self.rendered = 0
        self._ready: dict[str, bytes] = {}
        self._pending: dict[str, Future[bytes]] = {}
        self._pool: ProcessPoolExecutor | None = None

    def key(self, figure: Figure, box: Box) -> str:
        """Return the cache key of ``figure`` drawn in ``box``."""
        spec = {
            "figure": dataclasses.asdict(figure),
            "style": self.theme.fingerprint(),
            "size": [round(box.width, 3), round(box.height, 3)],
            "version": RENDER_VERSION,
        }
        return figure_key(spec)

    def start(self, wanted: list[tuple[int, Figure, Box]]) -> None:
        """Look each figure up in the cache and start drawing the rest while the slides are composed."""
        misses: list[tuple[str, int, Figure, Box]] = []
        for index, figure, box in wanted:
            if figure.chart == "image" or figure.native:
                continue
            key = self.key(figure, box)
            cached = self.cache.get(key, self.limits.image_bytes)
            if cached is not None and not self._usable(cached, key):
                cached = None
            if cached is not None:
                self._ready[key] = cached
            elif key not in self._pending and all(key != k for k, *_ in misses):
                misses.append((key, index, figure, box))
        if not misses:
            return
        if self.progress:
            slides = ", ".join(str(index) for _, index, _, _ in misses)
            self.progress(f"drawing {len(misses)} figure(s), for slide(s) {slides}")
        # A forked worker imports matplotlib while this process builds the slides: two cores, one wait.
        # multiprocessing loads only here: a deck of native charts draws no picture and starts no worker.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if "fork" in multiprocessing.get_all_start_methods():
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
            for key, _, figure, box in misses:
                self._pending[key] = self._pool.submit(
                    _render_job, figure, self.theme, self.glyphs, box.width, box.height
                )

    def _usable(self, png: bytes, key: str) -> bool:
        """Return whether a cached picture opens as one (its chunks are whole, but its header may still lie)."""
        try:
            pixel_size(png, "figure", self.limits.image_pixels)
        except DeckError as exc:
            self.cache.damaged("a cached picture", exc.message)
            return False
        return True

    def get(self, figure: Figure, box: Box) -> tuple[bytes, tuple[int, int]]:
        """Return the picture for ``figure`` in ``box`` and its pixel size."""
        self.total += 1
        if figure.chart == "image" and figure.path:
            limits = self.limits
            data = read_bounded(Path(figure.path), limits.image_bytes, "image", "image_bytes")
            return data, pixel_size(data, figure.path, limits.image_pixels)
        key = self.key(figure, box)
        png = self._ready.get(key)
        if png is None:
            future = self._pending.pop(key, None)
            png = (
                future.result()
                if future is not None
                else _render_job(figure, self.theme, self.glyphs, box.width, box.height)
            )
            self.cache.put(key, png)
            self._ready[key] = png
            self.rendered += 1
        return png, pixel_size(png, "figure", self.limits.image_pixels)

    def close(self) -> None:
        """Stop the worker, if one was started."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
