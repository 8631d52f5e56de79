"""Read YAML into plain data while remembering where every key and value stands.

Every scalar is kept as the text the user typed: "12:00", 010, 2026-12-01 and yes reach the outline's field kinds
as written, and the kind decides what the text means (a duration where a duration is due, a label where a label
is). Only YAML's null (~, null, an empty value) is read by YAML itself, as the 1.2 core schema reads it. YAML 1.1,
PyYAML's default, would read 12:00 as 720, 010 as 8 and a date as a date before any field had its say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from deckbuilder.core.text.numerals import DECIMAL
from deckbuilder.errors import DeckError

Path = tuple[str | int, ...]
# Characters that cannot stand in text on a slide or a terminal: C0 and C1 controls (tab and newline are
# fine), and the non-characters XML refuses. YAML's escapes ("\e", "\x1b", "\0") can produce them.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


@dataclass
class Source:
    """Parsed YAML data with the position (1-based line, column) of each path."""

    file: str
    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path, at_key: bool = False) -> tuple[int, int] | None:
        """Return where ``path`` (or its longest known prefix) stands; its key if ``at_key``."""
        if at_key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            if path[:end] in self.values:
                return self.values[path[:end]]
        return None

    def error(self, path: Path, message: str, hint: str | None = None, at_key: bool = False) -> DeckError:
        """Build a DeckError located at ``path``."""
        pos = self.position(path, at_key)
        key_path = format_path(path) or None
        if len(path) >= 2 and path[0] == "slides" and isinstance(path[1], int):
            key_path = f"slide {path[1] + 1}, {key_path}"
        return DeckError(
            message,
            file=self.file,
            line=pos[0] if pos else None,
            column=pos[1] if pos else None,
            key_path=key_path,
            hint=hint,
        )


def format_path(path: Path) -> str:
    """Return a key path such as ``slides[3].figure.chart``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + part
    return text


_TAG = "tag:yaml.org,2002:"
_STR, _NULL, _SEQ, _MAP = _TAG + "str", _TAG + "null", _TAG + "seq", _TAG + "map"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
# What YAML 1.2's core schema reads as a boolean or a number: an explicit !!bool, !!int or !!float must be one.
_TYPED = {
    _TAG + "bool": re.compile(r"true|True|TRUE|false|False|FALSE"),
    _TAG + "int": re.compile(r"[-+]?[0-9]+"),
    _TAG + "float": DECIMAL,
}


class _Composing(Composer, BaseResolver):
    """YAML's composer with no constructor: scalars stay text (see the module's docstring).

    Aliases are refused (no alias bomb can expand), and so is nesting past a limit. The events come from
    libyaml's parser where PyYAML was built with it (ten times quicker: `deck plan` runs on every save), else
    from PyYAML's own; either way every node is composed here."""

    max_depth = 40
    depth = 0

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        # A plain scalar is text unless it is YAML's null; a quoted one is always text.
        if kind is ScalarNode:
            return _NULL if implicit[0] and value in _NULLS else _STR
        return _SEQ if kind is SequenceNode else _MAP

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.depth >= self.max_depth:
            mark = self.peek_event().start_mark  # type: ignore[attr-defined]
            raise DeckError(
                f"the outline nests deeper than {self.max_depth} levels (limit yaml_depth in layouts/limits.yaml)",
                line=mark.line + 1,
                column=mark.column + 1,
                hint="an outline needs about six levels; flatten the lists",
            )
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            event = self.peek_event()  # type: ignore[attr-defined]
            mark = event.start_mark
            raise DeckError(
                "YAML aliases (*name) are not allowed in an outline",
                line=mark.line + 1,
                column=mark.column + 1,
                hint="write the repeated value out in full",
            )
        self.depth += 1
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            self.depth -= 1


class _PyLoader(Reader, Scanner, Parser, _Composing):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)


@cache
def _loader_class() -> type[_Composing]:
    """Return the composer over libyaml's parser, or over PyYAML's own where libyaml is missing."""
    try:
        from yaml._yaml import CParser
    except ImportError:
        return _PyLoader

    class _CLoader(_Composing, CParser):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            BaseResolver.__init__(self)

    return _CLoader


def read_text(data: bytes, file: str) -> str:
    """Decode UTF-8 bytes, pointing at the first byte that is not UTF-8."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise DeckError(
            f"byte 0x{data[exc.start]:02x} is not UTF-8 text",
            file=file,
            line=line,
            column=column,
            hint="save the file as UTF-8 (most editors offer it under 'Save with encoding')",
        ) from None
    if "\x00" in text:
        raise DeckError("the file holds NUL bytes; it is not a text file", file=file)
    return text


def _check_tabs(text: str, file: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise DeckError(
                "a tab in the indentation; YAML indents with spaces only",
                file=file,
                line=number,
                column=indent.index("\t") + 1,
                hint="replace the tab with spaces (most editors: 'convert indentation to spaces')",
            )


# What YAML refuses to read at all (its reader's NON_PRINTABLE): C0 and C1 controls but tab, newline, CR and
# NEL, surrogates and U+FFFE/U+FFFF.
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def place_of(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character of ``text``, as an error message names it."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def refuse_control(pattern: re.Pattern[str], text: str, file: str, where: str, hint: str) -> None:
    """Refuse the first character of ``text`` that ``pattern`` finds, naming it with its line and column."""
    found = pattern.search(text)
    if found is None:
        return
    line, column = place_of(text, found.start())
    raise DeckError(
        f"a control character (U+{ord(found.group()):04X}) {where}", file=file, line=line, column=column, hint=hint
    )


def _check_characters(text: str, file: str) -> None:
    """Refuse a character YAML cannot hold with its line and column (the reader's own error names neither)."""
    refuse_control(
        _NOT_YAML,
        text,
        file,
        "YAML cannot hold",
        "delete it; an escape sequence or a bell pasted from a terminal is invisible in most editors",
    )


def parse_yaml(text: str, file: str, max_depth: int = 40) -> Source:
    """Parse ``text`` into a Source, raising DeckError for anything unusable."""
    _check_tabs(text, file)
    _check_characters(text, file)
    loader = _loader_class()(text)  # type: ignore[call-arg]
    loader.max_depth = max_depth
    try:
        node = loader.get_single_node()
    except DeckError as exc:
        exc.file = file
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "not valid YAML"
        raise DeckError(
            f"not valid YAML: {problem}",
            file=file,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint=_syntax_hint(problem, exc.context or ""),
        ) from None
    except yaml.YAMLError as exc:
        raise DeckError(f"not valid YAML: {exc}", file=file) from None
    finally:
        loader.dispose()  # type: ignore[attr-defined]
    if node is None:
        raise DeckError(
            "the outline is empty",
            file=file,
            hint="run `deck new outline.yaml` for a starter outline to edit",
        )
    source = Source(file=file, data=None)
    source.data = _build(node, (), source)
    return source


def _syntax_hint(problem: str, context: str = "") -> str | None:
    if "flow sequence" in context or "flow mapping" in context:
        return 'inside [ ... ] or { ... }, a value with a comma, bracket or colon must be quoted: ["$40,000", "(1, 2]"]'
    if "mapping values are not allowed" in problem:
        return "a value that holds ': ' must be quoted, e.g. title: \"Churn: what drives it\""
    if "expected <block end>" in problem or "did not find expected" in problem:
        return "check the indentation of this line against the lines above it"
    return None


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _build(node: Node, path: Path, source: Source) -> Any:
    source.values[path] = _mark(node)
    if isinstance(node, MappingNode):
        _plain_collection(node, _MAP, path, source)
        _thousands_split(node, [n for pair in node.value for n in pair], path, source)
        _comma_split(node, path, source)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise source.error(path, "a key must be a plain word, not a list or mapping")
            key = _text(key_node, path, source)
            child = (*path, key)
            if key in result:
                first = source.keys[child]
                raise DeckError(
                    f"the key '{key}' appears twice (first on line {first[0]})",
                    file=source.file,
                    line=key_node.start_mark.line + 1,
                    column=key_node.start_mark.column + 1,
                    key_path=format_path(child),
                    hint="keep one of the two; YAML would silently drop the first",
                )
            source.keys[child] = _mark(key_node)
            result[key] = _build(value_node, child, source)
        return result
    if isinstance(node, SequenceNode):
        _plain_collection(node, _SEQ, path, source)
        _thousands_split(node, list(node.value), path, source)
        return [_build(item, (*path, i), source) for i, item in enumerate(node.value)]
    if node.tag == _NULL:
        return None
    return _scalar(node, path, source)


_THOUSANDS = re.compile(r"\d{3}(?!\d)")


def _thousands_split(node: Node, items: list[Node], path: Path, source: Source) -> None:
    """Refuse a number written with a thousands comma inside [ ... ] or { ... }: YAML splits "1,000" there into
    two values, "1" and "000", and the outline would fail later with a message the writer cannot place."""
    if not getattr(node, "flow_style", False):
        return
    for first, second in pairwise(items):
        if not (isinstance(first, ScalarNode) and isinstance(second, ScalarNode)) or first.style or second.style:
            continue
        joined = second.start_mark.index == first.end_mark.index + 1  # only the comma between them
        if joined and first.value[-1:].isdigit() and _THOUSANDS.match(second.value):
            number = f"{first.value.split()[-1]},{second.value[:3]}"
            error = source.error(
                path,
                f'"{number}" inside [ ... ] or {{ ... }} reads as two values: YAML splits it at the comma',
                hint=f'quote the whole value ("... {number} ...") or write the number without its comma',
            )
            error.line, error.column = first.end_mark.line + 1, first.end_mark.column + 1
            raise error


def _comma_split(node: MappingNode, path: Path, source: Source) -> None:
    """Refuse words after a comma inside { ... } that YAML took for a key with no value: "{rationale: fast, so it
    scales}" holds a key "so it scales", and the outline would only say that key is unknown."""
    if not getattr(node, "flow_style", False):
        return
    for (last_key, last), (key, value) in pairwise(node.value):
        orphan = isinstance(key, ScalarNode) and not key.style and " " in key.value.strip()
        empty = isinstance(value, ScalarNode) and value.tag == _NULL and not value.value
        if orphan and empty and isinstance(last, ScalarNode) and not last.style and isinstance(last_key, ScalarNode):
            error = source.error(
                path,
                f"'{key.value}' reads as a key with no value: inside {{ ... }} YAML ends a value at a comma",
                hint=f'quote the value that holds the comma: {last_key.value}: "{last.value}, {key.value}"',
            )
            error.line, error.column = _mark(key)
            raise error


def _plain_collection(node: Node, tag: str, path: Path, source: Source) -> None:
    if node.tag != tag:
        raise _tag_error(node, path, source)


def _tag_error(node: Node, path: Path, source: Source) -> DeckError:
    tag = FORBIDDEN.sub("?", node.tag.replace(_TAG, "!!"))
    tag = tag if len(tag) <= 40 else tag[:37] + "..."
    return source.error(
        path,
        f"the tag {tag} is not read in an outline",
        hint="remove the tag: deck reads each value as written, and its key decides what it means",
    )


def _scalar(node: Node, path: Path, source: Source) -> str:
    """Return a scalar as written; an explicit !!int, !!float or !!bool must read as one in YAML 1.2."""
    text = _text(node, path, source)
    if node.tag == _STR:
        return text
    shape = _TYPED.get(node.tag)
    if shape is None:
        raise _tag_error(node, path, source)
    if shape.fullmatch(text) is None:
        shown = FORBIDDEN.sub("?", text if len(text) <= 40 else text[:37] + "...")
        kind = node.tag.removeprefix(_TAG)
        raise source.error(path, f"YAML cannot read {shown!r} as {kind}", hint="remove the tag, or write a number")
    return text


def _text(node: Node, path: Path, source: Source) -> str:
    """Return a scalar's text; text with control characters is an error."""
    text: str = node.value
    bad = FORBIDDEN.search(text)
    if bad:
        raise source.error(
            path,
            f"the text holds a control character (U+{ord(bad.group()):04X}) at position {bad.start() + 1}; "
            "slides and terminals cannot show it",
            hint="delete it (it often comes from an escape such as \\e or \\x1b in a double-quoted string)",
        )
    return text
