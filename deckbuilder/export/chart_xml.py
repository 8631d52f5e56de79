"""python-pptx's chart XML and workbook, made in time linear in the points.

python-pptx builds each series' points by adding strings one at a time and finds every category's place by
walking the categories before it, so a line chart of 25,000 points took 40 s and one of 100,000 (the CSV limit)
many minutes. The same XML, joined once, and categories that know their place take well under a second.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from xml.sax.saxutils import escape

from pptx.chart import xmlwriter
from pptx.chart.data import Categories

_writers: Any = xmlwriter  # its module globals are lent new values below
_PT = '                <c:pt idx="{idx}">\n                  <c:v>{value}</c:v>\n                </c:pt>\n'


class _CategorySeries(xmlwriter._CategorySeriesXmlWriter):
    """A category series whose points are joined once (the same text python-pptx writes)."""

    @property
    def _cat_pt_xml(self) -> str:
        return "".join(_PT.format(idx=i, value=escape(str(c.label))) for i, c in enumerate(self._series.categories))

    @property
    def _val_pt_xml(self) -> str:
        return "".join(_PT.format(idx=i, value=v) for i, v in enumerate(self._series.values) if v is not None)


class _XySeries(xmlwriter._XySeriesXmlWriter):
    """An XY series whose points are joined once."""

    def pt_xml(self, values: list[Any]) -> str:
        count = f'                <c:ptCount val="{len(values)}"/>\n'
        return count + "".join(_PT.format(idx=i, value=v) for i, v in enumerate(values) if v is not None)


@contextmanager
def _linear_writers() -> Iterator[None]:
    # python-pptx's chart writers name their series writer as a module global: lend them these while one
    # chart's XML is made (the build composes in one thread; pictures draw in another process).
    saved = _writers._CategorySeriesXmlWriter, _writers._XySeriesXmlWriter
    _writers._CategorySeriesXmlWriter, _writers._XySeriesXmlWriter = _CategorySeries, _XySeries
    try:
        yield
    finally:
        _writers._CategorySeriesXmlWriter, _writers._XySeriesXmlWriter = saved


class _FlatCategories(Categories):
    """Categories on one level, each of which knows its place at once (python-pptx counts from the first)."""

    _places: dict[int, int] | None = None

    def add_category(self, label: Any) -> Any:
        self._places = None
        return super().add_category(label)

    def index(self, category: Any) -> int:  # type: ignore[override]
        if self._places is None:
            self._places = {id(c): i for i, c in enumerate(self._categories)}
        place = self._places.get(id(category))
        return place if place is not None else int(super().index(category))


class LinearXml:
    """Mixed into a python-pptx chart data class: its XML in linear time."""

    def xml_bytes(self, chart_type: Any) -> bytes:
        with _linear_writers():
            return super().xml_bytes(chart_type)  # type: ignore[misc,no-any-return]


class LinearCategories(LinearXml):
    """Mixed into CategoryChartData: its XML, and its categories' places, in linear time."""

    _categories: Any

    @property
    def categories(self) -> Any:
        if not getattr(self, "_categories", None):
            self._categories = _FlatCategories()
        return self._categories

    @categories.setter
    def categories(self, labels: Iterable[Any]) -> None:
        flat = _FlatCategories()
        for label in labels:
            flat.add_category(label)
        self._categories = flat
