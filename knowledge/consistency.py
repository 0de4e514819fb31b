"""Checks on what a reader will see, beyond the season's facts: each source in every language
of the file, and club names that cannot lead the resolver to the wrong club.

Kept apart from `knowledge.validation` (which checks the facts against each other) and called
from its `check_season`, so every problem still comes back with its file and line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from knowledge.models import Season
from knowledge.names import fold

Loc = tuple[str | int, ...]


def check_sources(season: Season) -> Iterator[tuple[Loc, str]]:
    """Every `source` (and `nicknames_source`) gives a text in each of the season's `languages`,
    so that a Spanish reply never cites its source in English."""
    wanted = season.season.languages
    sources: list[tuple[Loc, Mapping[str, str]]] = []
    for index, club in enumerate(season.clubs):
        if club.nicknames_source is not None:
            sources.append((("clubs", index, "nicknames_source"), club.nicknames_source))
    if season.other_clubs is not None:
        sources.append((("other_clubs", "source"), season.other_clubs.source))
    for c, competition in enumerate(season.competitions):
        for b, bye in enumerate(competition.byes):
            sources.append((("competitions", c, "byes", b, "source"), bye.source))
        for r, round_ in enumerate(competition.rounds):
            for t, tie in enumerate(round_.ties):
                if tie.decision is not None:
                    loc: Loc = ("competitions", c, "rounds", r, "ties", t, "decision", "source")
                    sources.append((loc, tie.decision.source))
    for loc, texts in sources:
        missing = [language for language in wanted if language not in texts]
        if missing:
            yield (
                loc,
                (
                    f"the source has no text in {', '.join(missing)}: give it as "
                    + ", ".join(f"{language}: …" for language in wanted)
                ),
            )


def club_names(season: Season) -> Iterator[tuple[str, Loc, tuple[str, ...]]]:
    """(club id, location, folded words) for every name and nickname of every club."""
    for index, club in enumerate(season.clubs):
        for field, name in club.written_names():
            words = tuple(fold(name).split())
            if words:
                yield club.id, ("clubs", index, *field), words


def leads(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """`short` is the first words of `long`, and shorter ("estudiantes" leads "estudiantes de
    altamira")."""
    return len(short) < len(long) and long[: len(short)] == short


def check_leading_aliases(season: Season) -> Iterator[tuple[Loc, str]]:
    """No name of one club may be the leading words of another club's name.

    The resolver takes a name at its word: if "Estudiantes" named Tecos, a fan who meant
    "Estudiantes de Altamira" and typed the first word would get Tecos. A name both clubs
    begin with belongs to neither; the resolver answers it with both.
    """
    names = list(club_names(season))
    for owner, loc, words in names:
        for other, _, longer in names:
            if other != owner and leads(words, longer):
                yield (
                    loc,
                    (
                        f"{' '.join(words)!r} (a name of {owner!r}) is how a name of {other!r} "
                        f"begins ({' '.join(longer)!r}): fans typing it may mean either club, so "
                        "give it to neither"
                    ),
                )
                break
