"""The page a deck is laid out on: apart from the layout so the config can make one without importing the outline."""

from typing import NamedTuple

from deckbuilder.core.rules.theme import Box, Theme
from deckbuilder.core.text.measure import Fit, Para, Typesetting, fit_size


# Read once, never changed: a named tuple, for the reason core/rules/settings.py gives.
class Page(NamedTuple):
    """The page a deck is laid out on: the theme's geometry stretched to the template's size."""

    theme: Theme
    setting: Typesetting  # measured in the measuring font: what fits there fits wherever the deck is opened
    shown: Typesetting  # measured as the deck shows it (Arial): whether a reader sees the text overflow
    sx: float = 1.0
    sy: float = 1.0

    def box(self, name: str) -> Box:
        """Return a named region, stretched to the page."""
        return self.theme.regions[name].scaled(self.sx, self.sy)

    def fit(self, paras: list[Para], box: Box, sizes: tuple[int, int], shown: bool = False) -> Fit:
        """Return the fit of ``paras`` in ``box``, measured in the measuring font or, ``shown``, in the deck's."""
        return fit_size(paras, box.width, box.height, sizes, self.shown if shown else self.setting)
