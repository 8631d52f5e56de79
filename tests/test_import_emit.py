"""The importer's emitter: whatever text a write-up holds, the outline loads and says it back unchanged."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from deckbuilder.core.outline.loader import parse_outline
from deckbuilder.importer.draft import Draft, Imported
from deckbuilder.importer.emit import outline_text
from deckbuilder.importer.source import TableData, clean

# What breaks hand-written YAML: indicators, quotes, flow brackets, comment and anchor marks, numbers and
# dates that YAML would re-type, yes/no/null, and Unicode line breaks.
TRICKY = [
    ",", "[", "]", "{", "}", "#", ": ", "- ", "&", "*", "!", "%", "@", "`", "'", '"', "|", ">", "?", "\\",
    "yes", "no", "null", "~", "true", "1e3", "0x1F", "2024-01-31", "12:30", "0.50", "1,200", "$40,000",
    "(17.9, 20.0]", "\u2028", "\u2029", "\x85", "\t", "\ufeff", "\ufffe", "\U0001f600", "é",
]  # fmt: skip
texts = st.lists(st.sampled_from(TRICKY) | st.text(min_size=1, max_size=6), min_size=1, max_size=6).map("".join)


def _outline(title: str, cells: list[str], point: str) -> str:
    columns = ["Model", "Score"]
    table = TableData(columns, [[c, c] for c in cells], "w.md line 1")
    draft = Draft("results", title, f"why {title}", f"the sentence {title}", "w.md line 1", points=[point])
    draft.table, draft.notes = table, [point]
    imported = Imported(title, point, [draft], [], [], [], {})
    return outline_text(imported, {}, "12m", None, f"{title}.md")


@settings(max_examples=300, deadline=None)
@given(title=texts, cells=st.lists(texts, min_size=1, max_size=4), point=texts)
def test_every_value_round_trips(title: str, cells: list[str], point: str) -> None:
    title, point = clean(title) or "t", clean(point) or "p"  # the importer cleans every text before emitting
    cells = [clean(c) for c in cells]
    outline = parse_outline(_outline(title, cells, point), read_files=False)
    slide = outline.slides[1]
    assert outline.title == title and outline.presenter == point
    assert slide.title == title and [p.text for p in slide.points] == [point] and slide.notes == point
    assert slide.table is not None
    shown = [[str(c) if not isinstance(c, float) else repr(c) for c in row] for row in slide.table.rows]
    # A cell reads back as its text; a number reads back as the same number.
    for row, cell in zip(shown, cells, strict=True):
        assert row[0] == cell or float(row[0]) == float(cell)
