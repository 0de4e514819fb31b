"""The knowledge in service, and its live reload.

A `Snapshot` is everything built from one load: the seasons, the name indexes made from
them, and what is worked out once for every answer (`knowledge.queries.prepare`, and what the
layers above register with `prepare_every_snapshot`), kept on the season it comes from so
that it goes with it. The store holds exactly one snapshot and replaces it with a single
assignment, after the new one has been validated and built to one side. A reader takes
`store.current` once and works on that, so it never sees half of one load and half of
another; a refused reload leaves the old snapshot in service.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from knowledge.files import read_regular_file
from knowledge.loader import (
    MAX_FILE_BYTES,
    Problem,
    SeasonRefused,
    read_season_files,
    season_files,
)
from knowledge.models import Season
from knowledge.queries import prepare
from knowledge.resolver import ClubIndex, TournamentIndex

if TYPE_CHECKING:
    from knowledge.questions import Lexicon


def packaged_seasons() -> Path:
    """The season files shipped with the package (the default knowledge)."""
    return Path(str(resources.files("knowledge") / "seasons"))


def digest_of(files: Iterable[Path], given: Mapping[Path, bytes] | None = None) -> str:
    """SHA-256 over the files' bytes (those in `given` taken from there, not read); an
    unreadable file (or one the loader would refuse to read: too large, not a regular file)
    makes it differ from any load."""
    given = given or {}
    digest = hashlib.sha256()
    for file in files:
        try:
            digest.update(given[file] if file in given else read_regular_file(file, MAX_FILE_BYTES))
        except OSError:
            digest.update(b"\0unreadable\0" + str(file).encode())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Replacement:
    """New bytes for one season file, already read as `season`, not yet written. A load
    with it takes them in place of the file on disk, so that the folder they would make is
    validated whole before anything is written (refused means untouched)."""

    file: Path
    data: bytes
    season: Season


Preparer = Callable[["Snapshot"], None]
"""Work a layer above wants done on every snapshot before it goes into service (rendering
what every reply repeats): it keeps its results with `Season.derived`."""

_PREPARERS: list[Preparer] = []


def prepare_every_snapshot(preparer: Preparer) -> Preparer:
    """Run `preparer` on each snapshot loaded from now on, before it is served. Knowledge
    cannot import the layers that render it; they register here instead."""
    _PREPARERS.append(preparer)
    return preparer


@dataclass(frozen=True, slots=True)
class Snapshot:
    seasons: tuple[Season, ...]
    source: Path
    files: tuple[Path, ...]
    """Every season file read, in name order."""
    file_of: dict[str, Path]
    """Season id -> the file it was read from (where an upload of that season goes)."""
    digest: str
    """SHA-256 over the files' bytes: the same digest means the same data."""
    loaded_at: dt.datetime
    clubs: ClubIndex = field(repr=False)
    tournaments: TournamentIndex = field(repr=False)

    @property
    def season(self) -> Season:
        """The season the commands answer about: the latest one loaded."""
        return self.seasons[-1]

    @property
    def lexicon(self) -> Lexicon:
        """The names /ask finds in questions, built once per load: by `prepare_snapshot`, or
        by the first question (a one-line console answer about a result never reads the
        vocabulary files)."""
        from knowledge.questions import Lexicon  # the question reader: for questions only

        season, tournaments = self.season, self.tournaments
        return season.derived((Lexicon.build,), lambda: Lexicon.build(season, tournaments))

    @classmethod
    def load(
        cls, source: Path, prepare: bool = True, replacing: Replacement | None = None
    ) -> Snapshot:
        """Read, validate and index everything at `source` (with `replacing` in place of its
        file). Raises `SeasonRefused`.

        `prepare` works out ahead what answers will ask (`prepare_snapshot`): what a server
        wants before its first fan, and what a process answering one line and exiting does not
        (it pays for what it asks, derived on first use, the same values)."""
        data = {replacing.file: replacing.data} if replacing is not None else {}
        files = tuple(season_files(source, data))
        digest = digest_of(files, data)  # before parsing: a file edited meanwhile reloads again
        pairs = read_season_files(
            source, {replacing.file: replacing.season} if replacing is not None else None
        )
        seasons = tuple(season for _, season in pairs)
        latest = seasons[-1]
        tournaments = TournamentIndex.for_season(latest)
        snapshot = cls(
            seasons=seasons,
            source=source,
            files=files,
            file_of={season.season.id: file for file, season in pairs},
            digest=digest,
            loaded_at=dt.datetime.now(dt.UTC),
            clubs=ClubIndex.for_season(latest),
            tournaments=tournaments,
        )
        if prepare:
            prepare_snapshot(snapshot)
        return snapshot


def prepare_snapshot(snapshot: Snapshot) -> None:
    """Work out, before a snapshot is served, what the first questions would otherwise pay
    for: the answers every command asks of its season, and what the layers above registered.
    A load builds its snapshot to one side, so this costs the reload (some tens of ms), not
    the first fans to ask; anything not prepared is derived on first use."""
    prepare(snapshot.season)
    snapshot.lexicon  # noqa: B018  (built now, not by the first question)
    for preparer in _PREPARERS:
        preparer(snapshot)


@dataclass(frozen=True, slots=True)
class Counts:
    added: int = 0
    removed: int = 0
    changed: int = 0

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass(frozen=True, slots=True)
class SeasonDiff:
    """What a reload changed, counted per section."""

    sections: Mapping[str, Counts]

    @property
    def changed_sections(self) -> dict[str, Counts]:
        return {name: counts for name, counts in self.sections.items() if counts.any}

    @property
    def unchanged(self) -> bool:
        return not any(counts.any for counts in self.sections.values())


def _compare(old: Mapping[Hashable, object], new: Mapping[Hashable, object]) -> Counts:
    return Counts(
        added=sum(1 for key in new if key not in old),
        removed=sum(1 for key in old if key not in new),
        changed=sum(1 for key in new if key in old and old[key] != new[key]),
    )


def _sections(season: Season) -> dict[str, dict[Hashable, object]]:
    """Each section of a season keyed by what identifies an item across edits."""
    matches: dict[Hashable, object] = {}
    decisions: dict[Hashable, object] = {}
    goals: dict[Hashable, object] = {}
    for competition in season.competitions:
        for round_ in competition.rounds:
            for tie in round_.ties:
                decisions[(competition.id, round_.name, tie.clubs)] = tie.decision
                for leg in tie.legs:
                    match_key = (competition.id, round_.name, leg.home, leg.away)
                    matches[match_key] = (leg.date, leg.score)
                    # A player's n-th goal of a match keeps its key when its minute is fixed.
                    ordinal: Counter[tuple[str, str]] = Counter()
                    for goal in leg.goals:
                        ordinal[(goal.club, goal.player)] += 1
                        key = (match_key, goal.club, goal.player, ordinal[(goal.club, goal.player)])
                        goals[key] = goal.minute
    return {
        "season": {"info": season.season},
        "clubs": {club.id: club for club in season.clubs},
        "changes": {change.subject: change for change in season.changes},
        "matches": matches,
        "decisions": decisions,
        "goals": goals,
        "relegation rows": {row.club: row for row in season.relegation.rows},
    }


def diff_seasons(old: Season, new: Season) -> SeasonDiff:
    old_sections, new_sections = _sections(old), _sections(new)
    return SeasonDiff(
        {name: _compare(old_sections[name], new_sections[name]) for name in new_sections}
    )


@dataclass(frozen=True, slots=True)
class ReloadResult:
    accepted: bool
    snapshot: Snapshot
    """The snapshot in service after the attempt: the new one, or the old one kept."""
    diff: SeasonDiff | None = None
    problems: tuple[Problem, ...] = ()
    omitted: int = 0
    """Problems beyond those listed (a refusal lists the first `MAX_PROBLEMS`)."""


class KnowledgeStore:
    """Holds the current snapshot; `reload` swaps in a new one only if it is valid."""

    def __init__(self, source: Path, prepare: bool = True) -> None:
        """`prepare`: see `Snapshot.load`; every reload of this store does the same."""
        self._source = source
        self._prepare = prepare
        self._current = Snapshot.load(source, prepare)
        self._reload_lock = threading.Lock()

    @property
    def current(self) -> Snapshot:
        return self._current

    @property
    def source(self) -> Path:
        return self._source

    def reload(
        self,
        replacing: Replacement | None = None,
        before_swap: Callable[[Snapshot], None] | None = None,
    ) -> ReloadResult:
        """Validate the source again (with `replacing` in place of its file) and swap it in;
        on refusal keep serving the old data. `before_swap` runs once the new snapshot is
        valid, before it is served (the bot writes an upload there): if it raises, the old
        data stays in service and the exception propagates."""
        with self._reload_lock:
            old = self._current
            try:
                new = Snapshot.load(self._source, self._prepare, replacing)
            except SeasonRefused as refused:
                return ReloadResult(False, old, problems=refused.problems, omitted=refused.omitted)
            if before_swap is not None:
                before_swap(new)
            self._current = new  # the one assignment readers can observe
            return ReloadResult(True, new, diff=diff_seasons(old.season, new.season))
