"""Checks that relate one part of a season to another.

Each check yields `Issue`s whose `loc` is the path of the offending value in the YAML document
(the same form as pydantic's error locations), so the loader can name the file and line.
All checks run, so a moderator sees every problem of an edit at once.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from knowledge.consistency import check_leading_aliases, check_sources
from knowledge.models import Competition, DecisionMethod, RoundName, Season, Tie
from knowledge.names import compact, fold
from knowledge.ties import UndecidedTie, apply_rules, decide

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Issue:
    loc: Loc
    message: str


def check_season(season: Season) -> list[Issue]:
    """Every cross-reference problem of the season, in document order."""
    return [
        *_check_clubs(season),
        *_check_references(season),
        *_check_competitions(season),
        *_check_dates(season),
        *_check_relegation(season),
        *_check_infobox(season),
        *(Issue(loc, message) for loc, message in check_sources(season)),
        *(Issue(loc, message) for loc, message in check_leading_aliases(season)),
    ]


def _check_clubs(season: Season) -> Iterator[Issue]:
    first_use: dict[str, tuple[str, Loc]] = {}
    reported: set[Loc] = set()
    seen_ids: set[str] = set()
    for index, club in enumerate(season.clubs):
        if club.id in seen_ids:
            yield Issue(("clubs", index, "id"), f"club id {club.id!r} is defined twice")
        seen_ids.add(club.id)
        for field, name in club.written_names():
            loc: Loc = ("clubs", index, *field)
            key = compact(fold(name))
            if not key:
                yield Issue(loc, f"{name!r} has no letters or digits")
                continue
            owner, owner_loc = first_use.setdefault(key, (club.id, loc))
            if owner != club.id:
                # Name both places: the moderator's edit may be either one.
                message = f"the name {name!r} points to two clubs: {owner!r} and {club.id!r}"
                if owner_loc not in reported:
                    reported.add(owner_loc)
                    yield Issue(owner_loc, message)
                yield Issue(loc, message)
    if season.other_clubs is not None:
        for i, name in enumerate(season.other_clubs.names):
            owner_and_loc = first_use.get(compact(fold(name)))
            if owner_and_loc is not None:
                yield Issue(
                    ("other_clubs", "names", i),
                    f"{name!r} is listed as another league's club, but it is a name of "
                    f"{owner_and_loc[0]!r}",
                )


def _check_references(season: Season) -> Iterator[Issue]:
    """Every club id used anywhere must be a defined club."""
    known = season.clubs_by_id
    references: list[tuple[Loc, str]] = []
    info = season.season
    references += [(("season", "winners", key), club) for key, club in info.winners.items()]
    references += [(("season", "promoted", i), club) for i, club in enumerate(info.promoted)]
    for i, relegated in enumerate(info.relegated):
        references.append((("season", "relegated", i, "club"), relegated.club))
        if relegated.stayed_by_buying_place_of is not None:
            loc: Loc = ("season", "relegated", i, "stayed_by_buying_place_of")
            references.append((loc, relegated.stayed_by_buying_place_of))
    for i, change in enumerate(season.changes):
        if change.club is not None:
            references.append((("changes", i, "club"), change.club))
    for c, competition in enumerate(season.competitions):
        for b, bye in enumerate(competition.byes):
            references.append((("competitions", c, "byes", b, "club"), bye.club))
        for r, round_ in enumerate(competition.rounds):
            for t, tie in enumerate(round_.ties):
                tie_loc: Loc = ("competitions", c, "rounds", r, "ties", t)
                for n, leg in enumerate(tie.legs):
                    references.append(((*tie_loc, "legs", n, "home"), leg.home))
                    references.append(((*tie_loc, "legs", n, "away"), leg.away))
                    for g, goal in enumerate(leg.goals):
                        references.append(((*tie_loc, "legs", n, "goals", g, "club"), goal.club))
                if tie.decision is not None:
                    references.append(((*tie_loc, "decision", "winner"), tie.decision.winner))
    for i, row in enumerate(season.relegation.rows):
        references.append((("relegation", "rows", i, "club"), row.club))
    for loc, club_id in references:
        if club_id not in known:
            yield Issue(loc, f"unknown club {club_id!r}: it is not in the clubs list")

    competitions = season.competitions_by_id
    for key in info.winners:
        if key not in competitions:
            yield Issue(("season", "winners", key), f"unknown competition {key!r}")
    for i, key in enumerate(info.tournaments):
        if key not in competitions:
            yield Issue(("season", "tournaments", i), f"unknown competition {key!r}")
    for c, competition in enumerate(season.competitions):
        target = competition.winner_plays
        if target is not None and target not in competitions:
            yield Issue(("competitions", c, "winner_plays"), f"unknown competition {target!r}")


_ROUND_ORDER = list(RoundName)


def _check_competitions(season: Season) -> Iterator[Issue]:
    ids = Counter(competition.id for competition in season.competitions)
    for c, competition in enumerate(season.competitions):
        if ids[competition.id] > 1:
            yield Issue(
                ("competitions", c, "id"), f"competition id {competition.id!r} is defined twice"
            )
        yield from _check_rounds(season, competition, c)


def _check_rounds(season: Season, competition: Competition, c: int) -> Iterator[Issue]:
    order = [_ROUND_ORDER.index(round_.name) for round_ in competition.rounds]
    if order != sorted(set(order)):
        yield Issue(("competitions", c, "rounds"), "rounds must be distinct and in playing order")
    advancing: set[str] | None = None
    for r, round_ in enumerate(competition.rounds):
        byes = {bye.club for bye in competition.byes if bye.round == round_.name}
        entrants: list[str] = []
        winners: set[str] = set()
        for t, tie in enumerate(round_.ties):
            loc: Loc = ("competitions", c, "rounds", r, "ties", t)
            yield from _check_tie(season, competition, tie, loc)
            entrants.extend(tie.clubs)
            if tie.decision is not None and not tie.involves(tie.decision.winner):
                continue  # reported by _check_tie; no winner to carry forward
            try:
                winners.add(decide(tie, competition, round_.name).winner)
            except (UndecidedTie, KeyError):
                continue  # reported by _check_tie
        round_loc: Loc = ("competitions", c, "rounds", r)
        for club, count in Counter(entrants).items():
            if count > 1:
                yield Issue(round_loc, f"{club!r} plays more than one tie in the {round_.name}")
        for club in byes & set(entrants):
            yield Issue(round_loc, f"{club!r} has a bye in the {round_.name} but plays in it")
        if advancing is not None:
            for club in sorted(set(entrants) - advancing):
                yield Issue(
                    round_loc,
                    f"{club!r} plays in the {round_.name} without winning the round before "
                    "or having a bye",
                )
        advancing = winners | byes


def _check_tie(season: Season, competition: Competition, tie: Tie, loc: Loc) -> Iterator[Issue]:
    first, second = tie.legs
    for n, leg in enumerate(tie.legs):
        leg_loc: Loc = (*loc, "legs", n)
        if leg.home == leg.away:
            yield Issue((*leg_loc, "away"), f"{leg.home!r} cannot play itself")
        for g, goal in enumerate(leg.goals):
            if not leg.involves(goal.club):
                yield Issue(
                    (*leg_loc, "goals", g, "club"),
                    f"goal by {goal.player} is credited to {goal.club!r}, "
                    f"which did not play {leg.home} v {leg.away}",
                )
        listed = Counter(goal.club for goal in leg.goals)
        if (listed[leg.home], listed[leg.away]) != leg.score:
            yield Issue(
                (*leg_loc, "score"),
                f"listed goals give {leg.home} {listed[leg.home]}-{listed[leg.away]} {leg.away}, "
                f"but the score is {leg.home_goals}-{leg.away_goals}",
            )
    if (second.home, second.away) != (first.away, first.home):
        # Point at the second leg's field that breaks the pairing, not at the leg's first line.
        field = "home" if second.home != first.away else "away"
        yield Issue(
            (*loc, "legs", 1, field),
            f"the second leg ({second.home} v {second.away}) must be the first "
            f"({first.home} v {first.away}) with home and away swapped",
        )
        return  # the rest compares the two legs, which no longer pair up
    if second.date <= first.date:
        yield Issue(
            (*loc, "legs", 1, "date"),
            f"the second leg ({second.date}) must come after the first ({first.date})",
        )
    decision = tie.decision
    if decision is not None:
        if not tie.involves(decision.winner):
            yield Issue(
                (*loc, "decision", "winner"),
                f"{decision.winner!r} did not play in this tie ({first.home} v {first.away})",
            )
            return
        yield from _check_decision(competition, tie, loc)
    else:
        try:
            decide(tie, competition, "")
        except UndecidedTie as error:
            yield Issue(loc, str(error))


def _check_dates(season: Season) -> Iterator[Issue]:
    """The season starts before it ends; each competition and each leg lies within the season,
    and each leg within its competition's dates where the data gives them."""
    info = season.season
    start, last = info.start_date, info.last_match_day
    if info.end_date < start:
        # Name both lines: the moderator's edit may be either one.
        message = f"the season ends ({info.end_date}) before it starts ({start})"
        yield Issue(("season", "start_date"), message)
        yield Issue(("season", "end_date"), message)
        return  # nothing can lie within it
    if info.playoffs_end_date is not None and info.playoffs_end_date < info.end_date:
        yield Issue(
            ("season", "playoffs_end_date"),
            f"the playoffs end ({info.playoffs_end_date}) before the season does "
            f"({info.end_date}); give playoffs_end_date only where they ran past end_date",
        )
    hint = (
        ""
        if info.playoffs_end_date is not None
        else " (if its playoffs ran past season.end_date, give season.playoffs_end_date)"
    )

    def outside(day: dt.date) -> str | None:
        if start <= day <= last:
            return None
        return f"{day} is outside the season ({start} to {last}){hint if day > last else ''}"

    for c, competition in enumerate(season.competitions):
        loc: Loc = ("competitions", c)
        first, final = competition.start_date, competition.end_date
        if first is not None and final is not None and final < first:
            message = f"{competition.name} ends ({final}) before it starts ({first})"
            yield Issue((*loc, "start_date"), message)
            yield Issue((*loc, "end_date"), message)
        for field, day in (("start_date", first), ("end_date", final)):
            if day is not None and (problem := outside(day)) is not None:
                yield Issue((*loc, field), f"{competition.name}: {problem}")
        for r, round_ in enumerate(competition.rounds):
            for t, tie in enumerate(round_.ties):
                for n, leg in enumerate(tie.legs):
                    date_loc: Loc = (*loc, "rounds", r, "ties", t, "legs", n, "date")
                    if (problem := outside(leg.date)) is not None:
                        yield Issue(date_loc, problem)
                    elif first is not None and leg.date < first:
                        yield Issue(date_loc, f"{leg.date} is before {competition.name} began")
                    elif final is not None and leg.date > final:
                        yield Issue(date_loc, f"{leg.date} is after {competition.name} ended")


def _check_decision(competition: Competition, tie: Tie, loc: Loc) -> Iterator[Issue]:
    """A recorded decision must be possible given the score."""
    decision = tie.decision
    assert decision is not None
    outcome = decide(tie, competition, "")
    level = outcome.aggregate[0] == outcome.aggregate[1]
    if decision.method is DecisionMethod.PENALTIES and not level:
        yield Issue(
            (*loc, "decision", "method"),
            f"a shoot-out needs a level aggregate, but it is {outcome.aggregate[0]}-"
            f"{outcome.aggregate[1]}",
        )
    if decision.method is not DecisionMethod.PENALTIES:
        verdict = apply_rules(tie, competition)
        if verdict is None or (verdict.winner, verdict.method) != (
            decision.winner,
            decision.method,
        ):
            yield Issue(
                (*loc, "decision"),
                f"the score does not give {decision.winner!r} the tie on {decision.method.value}",
            )


def _check_relegation(season: Season) -> Iterator[Issue]:
    rows = season.relegation.rows
    for i, row in enumerate(rows):
        expected = round(row.points / row.games, 4)
        if row.ratio != expected:
            yield Issue(
                ("relegation", "rows", i, "ratio"),
                f"ratio {row.ratio:.4f} is not points / games = {row.points}/{row.games} "
                f"= {expected:.4f}",
            )
        if i and row.rank != rows[i - 1].rank + 1:
            yield Issue(("relegation", "rows", i, "rank"), "ranks must be consecutive")
    for club, count in Counter(row.club for row in rows).items():
        if count > 1:
            yield Issue(("relegation", "rows"), f"{club!r} appears more than once")
    lowest = min(row.ratio for row in rows)
    for i, relegated in enumerate(season.season.relegated):
        row_of = {row.club: row for row in rows}.get(relegated.club)
        loc: Loc = ("season", "relegated", i, "club")
        if row_of is None:
            yield Issue(loc, f"relegated club {relegated.club!r} is not in the relegation table")
        elif row_of.ratio != lowest:
            yield Issue(loc, f"relegated club {relegated.club!r} does not have the lowest ratio")


def _check_infobox(season: Season) -> Iterator[Issue]:
    """The infobox's winners and promoted clubs must be what the ties give."""
    for key, club in season.season.winners.items():
        competition = season.competitions_by_id.get(key)
        champion = _champion(competition)
        if champion is not None and champion != club:
            yield Issue(
                ("season", "winners", key),
                f"{club!r} is named winner, but the final gives {champion!r}",
            )
    finals = [c for c in season.competitions if c.kind == "promotion_final"]
    promoted = season.season.promoted
    champions: dict[str, str] = {}
    for competition in finals:
        champion = _champion(competition)
        if champion is None:
            continue  # an undecided or inconsistent final is reported where it is
        champions.setdefault(champion, competition.name)
        if champion not in promoted:
            yield Issue(
                ("season", "promoted"),
                f"{competition.name} was won by {champion!r}, who is not listed as promoted",
            )
    if not finals or len(champions) < len(finals):
        return  # without every final's winner, who went up is not known from the data
    # Promotion is what the finals give: exactly their winners, each once.
    for i, club in enumerate(promoted):
        if club not in champions:
            won = ", ".join(f"{name} ({winner!r})" for winner, name in champions.items())
            yield Issue(
                ("season", "promoted", i),
                f"{club!r} is listed as promoted, but promotion goes to the winner of {won} alone",
            )
        elif club in promoted[:i]:
            yield Issue(("season", "promoted", i), f"{club!r} is listed as promoted twice")


def _champion(competition: Competition | None) -> str | None:
    if competition is None:
        return None
    final = competition.final
    if final.decision is not None and not final.involves(final.decision.winner):
        return None
    try:
        return decide(final, competition, RoundName.FINAL).winner
    except (UndecidedTie, KeyError):
        return None
