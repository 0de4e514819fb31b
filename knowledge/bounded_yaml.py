"""Reading a YAML document within bounds, with the line of every value.

We read PyYAML's event stream ourselves, iteratively, building both the plain data (for
pydantic, in `loader.py`) and a map from each value's path to its line. Pydantic's error
locations and `validation.Issue.loc` are such paths, so every problem gets a line.

Reading is bounded: depth, items per list, values per file, characters per value, digits
per number and names in total are checked as each event arrives, so a hostile file is
refused after a bounded amount of work, before any large structure is built (and never by
recursion that a deep file could exhaust). Anchors and aliases are refused: the data never
needs them, and they are how a small upload expands into a huge document ("billion laughs").

This module reads and bounds; it does not judge. What the data must be (pydantic, the
cross-checks) and how each refusal is worded for a moderator are in `loader.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from knowledge.validation import Loc  # a path in the data; for types only


@dataclass(frozen=True, slots=True)
class Limits:
    """How big a season file may grow, checked while it is read. The real file has depth 12,
    at most 39 items in a list, ~900 values, 172 characters in its longest value and 114
    names: these limits leave room for ten times that."""

    depth: int = 24
    """Lists and mappings inside each other."""
    items: int = 1_000
    """Entries in one list or mapping."""
    values: int = 20_000
    """Values in the whole file."""
    text: int = 2_000
    """Characters in one value."""
    digits: int = 18
    """Digits in one number (Python refuses to convert past 4,300; scores need 2)."""
    names: int = 2_000
    """Club spellings, nicknames, tournament aliases and other clubs' names together: every
    one of them is matched on every autocomplete keystroke."""


LIMITS = Limits()

NAME_LISTS = frozenset({"spellings", "nicknames", "aliases", "names"})
"""The fields whose items are names that fans' queries are matched against."""

_NUMBER = re.compile(r"[-+]?[0-9][0-9a-zA-Z_:.+-]*")
"""What YAML may read as a number (decimal, 0x/0o/0b, sexagesimal, exponent)."""
_NOT_DIGITS = re.compile(r"[^0-9]")
_TEXT = "tag:yaml.org,2002:str"

_COLLECTION_TAGS = frozenset({None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser where PyYAML has it: some 50 times faster at scanning than pure Python,
so even a megabyte of comments is read in milliseconds. Same events, same error marks."""


def load_packaged_yaml(text: str) -> Any:
    """A YAML file shipped with the package (catalogs, vocabularies), read with the same fast
    safe loader. Those files are ours, so they skip the bounds a season file is read with;
    the pure-Python `yaml.safe_load` spent half a second of every start-up on them."""
    return yaml.load(text, Loader=_Loader)


EXCERPT_CHARS = 24
"""The most of a value a refusal quotes."""


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """`text` as a refusal quotes it: cut to `limit` characters (an ellipsis marks the cut),
    then escaped (`repr`: no line breaks, no control characters). What a file holds is never
    echoed whole: it may be no season file at all (a password file given to `/reload`)."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


class SourceMap:
    """Lines of the values in a YAML document, by path."""

    def __init__(self) -> None:
        self.lines: dict[Loc, int] = {}

    def line_of(self, loc: Loc) -> int:
        """The line of the deepest part of `loc` that the document has."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return 1


class Unacceptable(Exception):
    """Reading stops here: a limit passed, or YAML the data never needs (a list as a key)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


_NO_KEY = object()
"""No key read yet (in a mapping), or no document at all (from `_Reader.read`)."""


@dataclass(slots=True)
class _Open:
    """A list or mapping being read."""

    loc: Loc
    container: dict[Any, Any] | list[Any]
    names: bool = False
    """Its items count towards `Limits.names`."""
    key: Any = _NO_KEY
    """In a mapping: the key whose value is being read."""
    count: int = 0

    @property
    def expects_key(self) -> bool:
        return isinstance(self.container, dict) and self.key is _NO_KEY


@dataclass(slots=True)
class _Reader:
    loader: Any
    """PyYAML's (untyped) parser, resolver and constructor in one."""
    limits: Limits
    source: SourceMap = field(default_factory=SourceMap)
    duplicates: list[int] = field(default_factory=list)
    values: int = 0
    names: int = 0

    def read(self) -> Any:
        """The document's plain data; `_NO_KEY` for a file with no document at all."""
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return _NO_KEY
        document = loader.get_event()
        data = self._document()
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            extra = loader.get_event()
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                document.start_mark,
                "but found another document",
                extra.start_mark,
            )
        return data

    def _document(self) -> Any:
        stack: list[_Open] = []
        while True:
            event: Any = self.loader.get_event()
            if isinstance(event, yaml.CollectionEndEvent):
                value: Any = stack.pop().container
            else:
                if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                    raise yaml.MarkedYAMLError(
                        problem="anchors and aliases (& and *) are not allowed in season files",
                        problem_mark=event.start_mark,
                    )
                line = event.start_mark.line + 1
                parent = stack[-1] if stack else None
                if parent is not None and parent.expects_key:
                    parent.key = self._key(event, parent, line)
                    continue
                value = self._value(event, parent, stack, line)
                if value is _NO_KEY:
                    continue  # a list or mapping opened; its value comes with its end
            if not stack:
                return value
            parent = stack[-1]
            if isinstance(parent.container, dict):
                parent.container[parent.key] = value
                parent.key = _NO_KEY
            else:
                parent.container.append(value)

    def _key(self, event: Any, mapping: _Open, line: int) -> Any:
        if not isinstance(event, yaml.ScalarEvent):
            raise Unacceptable(line, "a key must be plain text, not a list or a mapping")
        key = self._scalar(event, line)
        if not isinstance(key, str | int):
            key = str(key)
        assert isinstance(mapping.container, dict)
        if key in mapping.container:
            self.duplicates.append(line)
        # A mapping entry's line is its key's: that is where a reader looks.
        self.source.lines[(*mapping.loc, key)] = line
        return key

    def _value(self, event: Any, parent: _Open | None, stack: list[_Open], line: int) -> Any:
        limits = self.limits
        self.values += 1
        if self.values > limits.values:
            raise Unacceptable(line, f"more than {limits.values:,} values; the limit is that")
        loc: Loc = ()
        if parent is not None:
            parent.count += 1
            if parent.count > limits.items:
                raise Unacceptable(
                    line, f"more than {limits.items:,} items in one list or mapping (the limit)"
                )
            if parent.names:
                self.names += 1
                if self.names > limits.names:
                    raise Unacceptable(line, f"more than {limits.names:,} names in all (the limit)")
            index = parent.count - 1 if isinstance(parent.container, list) else parent.key
            loc = (*parent.loc, index)
        self.source.lines.setdefault(loc, line)
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event, line)
        if len(stack) >= limits.depth:
            raise Unacceptable(
                line, f"lists and mappings nested deeper than {limits.depth} levels (the limit)"
            )
        if event.tag not in _COLLECTION_TAGS:
            raise Unacceptable(
                line, f"YAML tags ({excerpt(event.tag)}) are not allowed in season files"
            )
        names = isinstance(parent.container, dict) and parent.key in NAME_LISTS if parent else False
        container: dict[Any, Any] | list[Any] = (
            {} if isinstance(event, yaml.MappingStartEvent) else []
        )
        stack.append(_Open(loc, container, names=names))
        return _NO_KEY

    def _scalar(self, event: Any, line: int) -> Any:
        value = event.value
        limits = self.limits
        if _NUMBER.fullmatch(value):
            digits = len(_NOT_DIGITS.sub("", value))
            if digits > limits.digits:
                raise Unacceptable(
                    line, f"a number of {digits:,} digits; the limit is {limits.digits}"
                )
        if len(value) > limits.text:
            raise Unacceptable(
                line, f"a value of {len(value):,} characters; the limit is {limits.text:,}"
            )
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:  # quoted, or a block scalar: text, as written
                return value
            tag = self.loader.resolve(yaml.ScalarNode, value, event.implicit)
        if tag == _TEXT:
            return value
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            return self.loader.construct_object(node)
        except (ValueError, OverflowError):
            # e.g. the date 2013-11-31: kept as text, for pydantic to refuse on its line.
            return value
        finally:
            self.loader.constructed_objects.clear()


@dataclass(frozen=True, slots=True)
class Document:
    """What a YAML file held: its plain data, where each value is, and duplicate keys."""

    data: Any
    source: SourceMap
    duplicate_lines: tuple[int, ...]
    """Lines of keys that repeat one earlier in the same mapping (the later would win)."""


def read_document(text: str, limits: Limits = LIMITS) -> Document | None:
    """The one YAML document in `text`, read within `limits`; None if it has no document.

    Raises `Unacceptable` past a limit or on YAML the data never needs, and PyYAML's
    `MarkedYAMLError` (with its marks) on a syntax error or a second document."""
    loader = _Loader(text)
    reader = _Reader(loader, limits)
    try:
        data = reader.read()
    finally:
        loader.dispose()
    if data is _NO_KEY:
        return None
    return Document(data, reader.source, tuple(reader.duplicates))
