"""YAML -> `Season`, or a refusal that lists every problem with its file and line.

PyYAML's composer keeps each node's position; we walk the node tree ourselves to build both the
plain data for pydantic and a map from each value's path to its line. Pydantic's error
locations and `validation.Issue.loc` are such paths, so every problem gets a line.

Anchors and aliases are refused: the data never needs them, and they are how a small upload
expands into a huge document ("billion laughs").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from knowledge.models import Season
from knowledge.validation import Loc, check_season

MAX_FILE_BYTES = 1024 * 1024
"""Season files are ~15 KB; anything near a megabyte is a mistake or an attack."""


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class SeasonRefused(Exception):
    """The data was not loaded. `problems` says where and why, every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = tuple(problems)


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses anchors and aliases at the place they appear."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (& and *) are not allowed in season files",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


class _SourceMap:
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


def _to_data(
    node: yaml.Node, loader: _StrictLoader, loc: Loc, source: _SourceMap, duplicates: list[int]
) -> Any:
    """Plain data for pydantic; records each value's line, and the lines of duplicate keys."""
    source.lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            if not isinstance(key, str | int):
                key = str(key)
            if key in mapping:
                duplicates.append(key_node.start_mark.line + 1)
            # A mapping entry's line is its key's: that is where a reader looks.
            source.lines[(*loc, key)] = key_node.start_mark.line + 1
            mapping[key] = _to_data(value_node, loader, (*loc, key), source, duplicates)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [
            _to_data(item, loader, (*loc, index), source, duplicates)
            for index, item in enumerate(node.value)
        ]
    return loader.construct_object(node)


def _describe(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


def _pydantic_message(error: Any) -> str:
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "missing":
        return f"{_describe(error['loc'])} is required"
    return f"{_describe(error['loc'])}: {message}" if error["loc"] else message


_UNCLOSED = {
    "while parsing a flow sequence": "the [ list",
    "while parsing a flow mapping": "the { mapping",
    "while scanning a quoted scalar": "the quoted text",
}
"""Contexts whose opener is where the fix belongs, though PyYAML notices the error later
(on the next line, or at the end of the file for an unclosed quote)."""


def _syntax_problems(path: str, error: yaml.MarkedYAMLError) -> list[Problem]:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark is not None else 1
    problems = [Problem(path, line, f"YAML syntax: {error.problem}")]
    opener = _UNCLOSED.get(error.context or "")
    if opener is not None and error.context_mark is not None:
        opened = error.context_mark.line + 1
        if opened != line:
            message = f"YAML syntax: {opener} that starts here is not closed properly"
            problems.insert(0, Problem(path, opened, message))
    return problems


def parse_season(text: str, path: str = "<season>") -> Season:
    """Validate `text` as a season file. Raises `SeasonRefused` listing every problem."""
    try:
        # The reader checks every character up front, in the constructor.
        loader = _StrictLoader(text)
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        character = f"#x{error.character:04x}" if isinstance(error.character, int) else "?"
        message = f"YAML: unacceptable character {character}: {error.reason}"
        raise SeasonRefused([Problem(path, line, message)]) from None
    source = _SourceMap()
    duplicates: list[int] = []
    try:
        node = loader.get_single_node()
        if node is None:
            raise SeasonRefused([Problem(path, 1, "the file is empty")])
        data = _to_data(node, loader, (), source, duplicates)
    except yaml.MarkedYAMLError as error:
        raise SeasonRefused(_syntax_problems(path, error)) from None
    except yaml.YAMLError as error:
        raise SeasonRefused([Problem(path, 1, f"YAML: {error}")]) from None
    finally:
        loader.dispose()
    problems = [
        Problem(path, line, "duplicate key: the later value would silently win")
        for line in duplicates
    ]
    if not isinstance(data, dict):
        raise SeasonRefused([*problems, Problem(path, 1, "a season file is a mapping of sections")])
    try:
        season = Season.model_validate(data)
    except ValidationError as error:
        problems += [
            Problem(path, source.line_of(tuple(e["loc"])), _pydantic_message(e))
            for e in error.errors()
        ]
        raise SeasonRefused(problems) from None
    problems += [
        Problem(path, source.line_of(issue.loc), f"{_describe(issue.loc)}: {issue.message}")
        for issue in check_season(season)
    ]
    if problems:
        raise SeasonRefused(problems)
    return season


def read_season(path: Path) -> Season:
    """Read and validate one season file."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SeasonRefused(
                [Problem(str(path), 1, f"the file is {size} bytes; the limit is {MAX_FILE_BYTES}")]
            )
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise SeasonRefused([Problem(str(path), 1, f"not UTF-8 text: {error.reason}")]) from None
    except OSError as error:
        raise SeasonRefused([Problem(str(path), 1, f"cannot read: {error.strerror}")]) from None
    return parse_season(text, str(path))


def season_files(path: Path) -> list[Path]:
    """The season files at `path`: the file itself, or a folder's `*.yaml` and `*.yml`."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path]


def read_seasons(path: Path) -> tuple[Season, ...]:
    """Every season at `path`, oldest first. All files are checked before any is refused."""
    return tuple(season for _, season in read_season_files(path))


def read_season_files(path: Path) -> tuple[tuple[Path, Season], ...]:
    """(file, season) for every season at `path`, oldest first; refuses if any file is bad."""
    files = season_files(path)
    if not files:
        raise SeasonRefused([Problem(str(path), 1, "no season files (*.yaml) here")])
    seasons: dict[str, tuple[Path, Season]] = {}
    problems: list[Problem] = []
    for file in files:
        try:
            season = read_season(file)
        except SeasonRefused as refused:
            problems += refused.problems
            continue
        if season.season.id in seasons:
            problems.append(Problem(str(file), 1, f"season {season.season.id} is in two files"))
        seasons[season.season.id] = (file, season)
    if problems:
        raise SeasonRefused(problems)
    return tuple(sorted(seasons.values(), key=lambda pair: pair[1].season.start_date))
