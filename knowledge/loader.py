"""YAML -> `Season`, or a refusal that lists every problem with its file and line.

The file is read within bounds, each value with its line (`bounded_yaml.py`); pydantic
(`models.py`) and the cross-checks (`validation.py`) then validate it, and every problem they
find is located by its path in the data, so each comes back as `path:line: message`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from knowledge.bounded_yaml import LIMITS, NAME_LISTS, Limits, Unacceptable, read_document
from knowledge.files import FileTooLarge, read_regular_file
from knowledge.models import Season
from knowledge.validation import Issue, Loc, check_season

__all__ = [
    "LIMITS",
    "MAX_FILE_BYTES",
    "MAX_PROBLEMS",
    "NAME_LISTS",
    "Limits",
    "Problem",
    "SeasonRefused",
    "parse_season",
    "read_season",
    "read_season_files",
    "read_seasons",
    "season_files",
]
"""The limits a season file is read within are part of this module's interface (tests and
benchmarks pass their own); they live with the reader that checks them."""

MAX_FILE_BYTES = 1024 * 1024
"""Season files are ~20 KB; anything near a megabyte is a mistake or an attack."""

MAX_PROBLEMS = 50
"""Problems listed in one refusal; the rest are counted. A moderator fixes the first ones
first, and a file with thousands of problems must not cost thousands of lines to refuse."""


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class SeasonRefused(Exception):
    """The data was not loaded. `problems` says where and why: the first `MAX_PROBLEMS` of
    them, and `omitted` counts the rest."""

    def __init__(self, problems: Iterable[Problem], omitted: int = 0) -> None:
        listed = list(problems)
        self.problems = tuple(listed[:MAX_PROBLEMS])
        self.omitted = omitted + len(listed) - len(self.problems)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """`path:line: message` per problem, then how many more there are."""
        lines = [str(problem) for problem in self.problems]
        if self.omitted:
            lines.append(f"… and {self.omitted} more problems")
        return lines


def _root_errors(error: ValidationError) -> list[Any]:
    """Pydantic's errors, without "at least 1 item after validation" for a list whose every
    item had its own error: that one is a consequence, not something to fix."""
    errors = error.errors()
    if not any(e["type"] == "too_short" for e in errors):
        return errors
    failed_inside = {tuple(e["loc"][:end]) for e in errors for end in range(len(e["loc"]))}
    return [
        e for e in errors if not (e["type"] == "too_short" and tuple(e["loc"]) in failed_inside)
    ]


_PRUNING_ROUNDS = 4
"""Removing an item can make its owner invalid (a tie left with one leg); the owner goes in
the next round. Past this many rounds the cross-reference checks are skipped."""


def _issues_besides(data: dict[Any, Any], errors: list[Any]) -> list[Issue]:
    """Cross-reference problems of a file that also has schema errors, so that `seasonbot
    check` reports both kinds in one run.

    The list items with schema errors are set aside and the rest is checked. Problems that
    setting them aside may have caused are not reported: those in the same club or
    competition, and those naming a club or competition that an item set aside defines or
    belongs to. They will show, if real, once the schema errors are fixed. If an error is
    not inside any list item (a missing section, a bad season date), nothing is checked.
    """
    removed: set[Loc] = set()
    to_original: _IndexMap = _IndexMap()
    for _ in range(_PRUNING_ROUNDS):
        for error in errors:
            item = _enclosing_item(to_original(tuple(error["loc"])))
            if item is None:
                return []
            removed.add(item)
        to_original = _IndexMap()
        pruned = _without(data, removed, (), to_original)
        try:
            season = Season.model_validate(pruned)
        except ValidationError as error:
            errors = _root_errors(error)
            continue
        units = {_unit_of(item) for item in removed}
        ids, names = _names_of(data, removed | units)
        mentions = {repr(key) for key in ids} | names
        issues = [Issue(to_original(issue.loc), issue.message) for issue in check_season(season)]
        return [
            issue
            for issue in issues
            if _unit_of(issue.loc) not in units
            and not ids.intersection(map(str, issue.loc))
            and not any(mention in issue.message for mention in mentions)
        ]
    return []


class _IndexMap:
    """Maps a location in pruned data back to the original: kept indices per list."""

    def __init__(self) -> None:
        self.kept: dict[Loc, list[int]] = {}

    def __call__(self, loc: Loc) -> Loc:
        original: list[str | int] = []
        for part in loc:
            kept = self.kept.get(tuple(original))
            if isinstance(part, int) and kept is not None and part < len(kept):
                original.append(kept[part])
            else:
                original.append(part)
        return tuple(original)


def _without(value: Any, removed: set[Loc], loc: Loc, index_map: _IndexMap) -> Any:
    """A copy of `value` without the list items at `removed` (depth is bounded by Limits)."""
    if isinstance(value, dict):
        return {k: _without(v, removed, (*loc, k), index_map) for k, v in value.items()}
    if isinstance(value, list):
        kept = [i for i in range(len(value)) if (*loc, i) not in removed]
        index_map.kept[loc] = kept
        return [_without(value[i], removed, (*loc, i), index_map) for i in kept]
    return value


def _enclosing_item(loc: Loc) -> Loc | None:
    """The innermost list item that holds `loc`."""
    for end in range(len(loc), 0, -1):
        if isinstance(loc[end - 1], int):
            return loc[:end]
    return None


def _unit_of(loc: Loc) -> Loc:
    """The club, competition or change that `loc` is part of; else its whole section."""
    return loc[:2] if len(loc) > 1 and isinstance(loc[1], int) else loc[:1]


def _names_of(data: Any, locs: Iterable[Loc]) -> tuple[set[str], set[str]]:
    """The ids and names of the items at `locs`, and the clubs they are about."""
    ids: set[str] = set()
    names: set[str] = set()
    for loc in locs:
        item = data
        for part in loc:
            try:
                item = item[part]
            except (KeyError, IndexError, TypeError):
                item = None
                break
        if not isinstance(item, dict):
            continue
        ids.update(item[key] for key in ("id", "club") if isinstance(item.get(key), str))
        if isinstance(item.get("name"), str):
            names.add(item["name"])
    return ids, names


_KEY_SHOWN = re.compile(r"[^\W\d_][\w-]{0,31}|\[key\]")
"""A key a refusal repeats as written: one that looks like a field name or a typo of one (a
letter, then letters, digits, `_` or `-`, at most 32 characters: `capcity`), or pydantic's
own `[key]`. Any other key is named by its line alone: a file that is no season file (a
password file given to `/reload file:`) must not come back line by line as unknown keys."""

_HIDDEN_KEY = "<key>"


def _describe(loc: Loc) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        shown = part if _KEY_SHOWN.fullmatch(part) else _HIDDEN_KEY
        text += f".{shown}" if text else shown
    return text


def _pydantic_message(error: Any) -> str:
    message = str(error["msg"]).removeprefix("Value error, ")
    loc = tuple(error["loc"])
    if error["type"] == "missing":
        return f"{_describe(loc)} is required"
    if error["type"] == "extra_forbidden" and not _KEY_SHOWN.fullmatch(str(loc[-1])):
        where = f"{_describe(loc[:-1])}: " if loc[:-1] else ""
        return f"{where}an unknown key (not repeated here: it is not written like a field name)"
    return f"{_describe(loc)}: {message}" if loc else message


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


def parse_season(text: str, path: str = "<season>", limits: Limits = LIMITS) -> Season:
    """Validate `text` as a season file. Raises `SeasonRefused` listing every problem."""
    unprintable = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if unprintable is not None:
        line = text.count("\n", 0, unprintable.start()) + 1
        character = f"#x{ord(unprintable.group()):04x}"
        message = f"YAML: unacceptable character {character}: special characters are not allowed"
        raise SeasonRefused([Problem(path, line, message)])
    try:
        document = read_document(text, limits)
    except Unacceptable as passed:
        raise SeasonRefused([Problem(path, passed.line, passed.message)]) from None
    except yaml.MarkedYAMLError as error:
        raise SeasonRefused(_syntax_problems(path, error)) from None
    except yaml.YAMLError as error:
        raise SeasonRefused([Problem(path, 1, f"YAML: {error}")]) from None
    if document is None:
        raise SeasonRefused([Problem(path, 1, "the file is empty")])
    data, source = document.data, document.source
    problems = [
        Problem(path, line, "duplicate key: the later value would silently win")
        for line in document.duplicate_lines
    ]
    if not isinstance(data, dict):
        raise SeasonRefused([*problems, Problem(path, 1, "a season file is a mapping of sections")])
    # Only the problems a refusal lists are worded; the rest are counted.
    omitted = 0
    try:
        season = Season.model_validate(data)
    except ValidationError as error:
        errors = _root_errors(error)
        room = max(0, MAX_PROBLEMS - len(problems))
        problems += [
            Problem(path, source.line_of(tuple(e["loc"])), _pydantic_message(e))
            for e in errors[:room]
        ]
        omitted += len(errors[room:])
        issues = _issues_besides(data, errors)
    else:
        issues = check_season(season)
    room = max(0, MAX_PROBLEMS - len(problems))
    problems += [
        Problem(path, source.line_of(issue.loc), f"{_describe(issue.loc)}: {issue.message}")
        for issue in issues[:room]
    ]
    omitted += len(issues[room:])
    if problems or omitted:
        raise SeasonRefused(problems, omitted)
    return season


def read_season(path: Path) -> Season:
    """Read and validate one season file: a regular file of at most `MAX_FILE_BYTES`
    (`knowledge.files`), so `/dev/zero` or a named pipe is refused, not read for ever."""
    try:
        text = read_regular_file(path, MAX_FILE_BYTES).decode("utf-8")
    except FileTooLarge as error:
        raise SeasonRefused([Problem(str(path), 1, str(error.strerror))]) from None
    except UnicodeDecodeError as error:
        raise SeasonRefused([Problem(str(path), 1, f"not UTF-8 text: {error.reason}")]) from None
    except OSError as error:
        raise SeasonRefused([Problem(str(path), 1, f"cannot read: {error.strerror}")]) from None
    return parse_season(text, str(path))


def season_files(path: Path, also: Iterable[Path] = ()) -> list[Path]:
    """The season files at `path`: the file itself, or a folder's `*.yaml` and `*.yml`
    (symlinks followed, so a Kubernetes ConfigMap's `name.yaml -> ..data/name.yaml` is read,
    and its `..data` folders are not), in name order; with `also`, files about to be written."""
    if path.is_dir():
        found = {p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()}
        return sorted(found.union(also))
    return sorted({path, *also})


def read_seasons(path: Path) -> tuple[Season, ...]:
    """Every season at `path`, oldest first. All files are checked before any is refused."""
    return tuple(season for _, season in read_season_files(path))


def read_season_files(
    path: Path, given: Mapping[Path, Season] | None = None
) -> tuple[tuple[Path, Season], ...]:
    """(file, season) for every season at `path`, oldest first; refuses if any file is bad.
    `given`: files taken as these seasons rather than read (an upload validated with the files
    beside it, before anything is written)."""
    given = given or {}
    files = season_files(path, given)
    if not files:
        raise SeasonRefused([Problem(str(path), 1, "no season files (*.yaml) here")])
    seasons: dict[str, tuple[Path, Season]] = {}
    problems: list[Problem] = []
    omitted = 0
    for file in files:
        try:
            season = given[file] if file in given else read_season(file)
        except SeasonRefused as refused:
            problems += refused.problems
            omitted += refused.omitted
            continue
        if season.season.id in seasons:
            problems.append(Problem(str(file), 1, f"season {season.season.id} is in two files"))
        seasons[season.season.id] = (file, season)
    if problems:
        raise SeasonRefused(problems, omitted)
    return tuple(sorted(seasons.values(), key=lambda pair: pair[1].season.start_date))
