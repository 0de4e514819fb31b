"""Questions about a season, as pure functions returning typed answers (never strings).

Clubs and tournaments are passed as ids; turning what a fan typed into an id is the
resolver's job. Each answer is computed once per season and arguments
(`knowledge.derived.per_season`): a season never changes once loaded, every answer is
immutable, and the same few questions are asked over and over. The relegation table has a
module of its own, `knowledge.relegation`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from knowledge.derived import per_season
from knowledge.errors import SameClubTwice
from knowledge.lookup import club_of, competition_of
from knowledge.models import (
    Bye,
    Change,
    Club,
    Competition,
    Goal,
    Leg,
    Relegated,
    RoundName,
    Season,
    SeasonInfo,
)
from knowledge.relegation import NotInTable, RelegationStanding, relegation_row, relegation_table
from knowledge.ties import TieOutcome


def prepare(season: Season) -> None:
    """Answer, once, what the commands ask of a season, before it goes into service
    (`knowledge.store.prepare_snapshot`)."""
    tournaments = (None, *(competition.id for competition in season.competitions))
    champions(season)
    season_summary(season)
    stadiums(season)
    relegation_table(season)
    for tournament in tournaments:
        if tournament is not None:
            bracket(season, tournament)
        scorers(season, tournament)
        for club in season.clubs:
            scorers(season, tournament, club.id)
            meetings(season, tournament, club.id)
    for club in season.clubs:
        club_profile(season, club.id)


# ---------------------------------------------------------------------------------------------
# Matches and ties


@dataclass(frozen=True, slots=True)
class Meeting:
    """One leg, with where it stands in the season."""

    competition: Competition
    round: RoundName
    leg_number: Literal[1, 2]
    leg: Leg


def _competitions(season: Season, tournament: str | None) -> tuple[Competition, ...]:
    return season.competitions if tournament is None else (competition_of(season, tournament),)


def tie_outcomes(season: Season, tournament: str | None = None) -> Iterator[TieOutcome]:
    """Every tie in playing order, decided."""
    for competition in _competitions(season, tournament):
        for round_ in competition.rounds:
            for tie in round_.ties:
                yield season.outcomes[id(tie)]


@per_season
def meetings(
    season: Season,
    tournament: str | None = None,
    club: str | None = None,
    round_name: RoundName | None = None,
) -> tuple[Meeting, ...]:
    """Every leg, optionally of one tournament, club or round, in playing order."""
    found = []
    for competition in _competitions(season, tournament):
        for round_ in competition.rounds:
            if round_name is not None and round_.name != round_name:
                continue
            for tie in round_.ties:
                if club is not None and not tie.involves(club):
                    continue
                found.append(Meeting(competition, round_.name, 1, tie.legs[0]))
                found.append(Meeting(competition, round_.name, 2, tie.legs[1]))
    return tuple(sorted(found, key=lambda meeting: meeting.leg.date))


@dataclass(frozen=True, slots=True)
class HeadToHead:
    club_a: Club
    club_b: Club
    meetings: tuple[Meeting, ...]
    ties: tuple[TieOutcome, ...]
    """The two-legged ties between them, decided; empty when they never met."""

    @property
    def met(self) -> bool:
        return bool(self.meetings)


@per_season
def head_to_head(season: Season, a: str, b: str, tournament: str | None = None) -> HeadToHead:
    """Every meeting of clubs `a` and `b`, and how each of their ties ended."""
    club_a, club_b = club_of(season, a), club_of(season, b)
    if a == b:
        raise SameClubTwice(a)
    ties = tuple(
        outcome for outcome in tie_outcomes(season, tournament) if set(outcome.clubs) == {a, b}
    )
    legs = tuple(
        meeting for meeting in meetings(season, tournament, club=a) if meeting.leg.involves(b)
    )
    return HeadToHead(club_a, club_b, legs, ties)


# ---------------------------------------------------------------------------------------------
# Brackets and paths


@dataclass(frozen=True, slots=True)
class BracketRound:
    name: RoundName
    ties: tuple[TieOutcome, ...]
    byes: tuple[Bye, ...]


@dataclass(frozen=True, slots=True)
class Bracket:
    competition: Competition
    rounds: tuple[BracketRound, ...]
    champion: str
    runner_up: str
    final: TieOutcome

    @property
    def byes(self) -> tuple[Bye, ...]:
        return self.competition.byes

    @property
    def clubs(self) -> tuple[str, ...]:
        """Every club that took part, byes first, in order of appearance."""
        seen = [bye.club for bye in self.byes]
        for round_ in self.rounds:
            for tie in round_.ties:
                seen.extend(tie.clubs)
        return tuple(dict.fromkeys(seen))


@per_season
def bracket(season: Season, tournament: str) -> Bracket:
    """The whole playoff of one tournament: byes, every tie decided, the champion."""
    competition = competition_of(season, tournament)
    rounds = tuple(
        BracketRound(
            round_.name,
            tuple(season.outcomes[id(tie)] for tie in round_.ties),
            tuple(bye for bye in competition.byes if bye.round == round_.name),
        )
        for round_ in competition.rounds
    )
    final = rounds[-1].ties[-1]
    return Bracket(competition, rounds, final.winner, final.loser, final)


FinishKind = Literal["did_not_qualify", "eliminated", "runner_up", "champion", "promoted"]


@dataclass(frozen=True, slots=True)
class PathStep:
    outcome: TieOutcome
    advanced: bool


@dataclass(frozen=True, slots=True)
class ClubPath:
    club: Club
    competition: Competition
    bye: Bye | None
    steps: tuple[PathStep, ...]
    finish: FinishKind
    out_in: RoundName | None
    """The round the club went out in, for `eliminated`."""

    @property
    def qualified(self) -> bool:
        return self.finish != "did_not_qualify"


@per_season
def club_path(season: Season, club: str, tournament: str) -> ClubPath:
    """The club's road through one tournament, or that it did not qualify."""
    club_model = club_of(season, club)
    competition = competition_of(season, tournament)
    bye = next((bye for bye in competition.byes if bye.club == club), None)
    steps = tuple(
        PathStep(outcome, outcome.winner == club)
        for outcome in tie_outcomes(season, tournament)
        if club in outcome.clubs
    )
    finish: FinishKind
    out_in = None
    if not steps:
        finish = "did_not_qualify"
    elif steps[-1].advanced and steps[-1].outcome.round == RoundName.FINAL:
        finish = "promoted" if competition.kind == "promotion_final" else "champion"
    elif steps[-1].outcome.round == RoundName.FINAL:
        finish = "runner_up"
    else:
        finish, out_in = "eliminated", RoundName(steps[-1].outcome.round)
    return ClubPath(club_model, competition, bye, steps, finish, out_in)


@per_season
def club_paths(season: Season, club: str) -> tuple[ClubPath, ...]:
    """The club's road through every tournament of the season."""
    return tuple(club_path(season, club, competition.id) for competition in season.competitions)


# ---------------------------------------------------------------------------------------------
# Clubs, stadia, champions, the season


@dataclass(frozen=True, slots=True)
class Record:
    """Playoff legs played: won, drawn, lost, goals for and against."""

    played: int = 0
    won: int = 0
    drawn: int = 0
    lost: int = 0
    goals_for: int = 0
    goals_against: int = 0


@per_season
def playoff_record(season: Season, club: str) -> Record:
    won = drawn = lost = goals_for = goals_against = 0
    for meeting in meetings(season, club=club):
        leg = meeting.leg
        scored = leg.goals_of(club)
        conceded = leg.home_goals + leg.away_goals - scored
        goals_for += scored
        goals_against += conceded
        won += scored > conceded
        drawn += scored == conceded
        lost += scored < conceded
    return Record(won + drawn + lost, won, drawn, lost, goals_for, goals_against)


@dataclass(frozen=True, slots=True)
class ClubProfile:
    club: Club
    changes: tuple[Change, ...]
    paths: tuple[ClubPath, ...]
    record: Record
    relegation: RelegationStanding | NotInTable
    titles: tuple[Competition, ...]
    promoted: bool


@per_season
def club_profile(season: Season, club: str) -> ClubProfile:
    """Everything the season says about one club."""
    club_model = club_of(season, club)
    paths = club_paths(season, club)
    return ClubProfile(
        club=club_model,
        changes=changes(season, club),
        paths=paths,
        record=playoff_record(season, club),
        relegation=relegation_row(season, club),
        titles=tuple(path.competition for path in paths if path.finish == "champion"),
        promoted=club in season.season.promoted,
    )


@per_season
def stadiums(season: Season) -> tuple[Club, ...]:
    """Every club's stadium, largest first."""
    return tuple(sorted(season.clubs, key=lambda club: (-club.capacity, club.stadium)))


@dataclass(frozen=True, slots=True)
class Champions:
    winners: tuple[tuple[Competition, TieOutcome], ...]
    """Each tournament of the season with its decided final."""
    promotion: tuple[Competition, TieOutcome] | None
    promoted: tuple[Club, ...]
    promoted_to: str | None
    relegated: tuple[tuple[Club, Relegated], ...]


@per_season
def champions(season: Season) -> Champions:
    """Who won what, who went up, who went down."""
    info = season.season
    winners = tuple(
        (season.competition(key), bracket(season, key).final) for key in info.tournaments
    )
    promotion = next(
        (
            (competition, bracket(season, competition.id).final)
            for competition in season.competitions
            if competition.kind == "promotion_final"
        ),
        None,
    )
    return Champions(
        winners=winners,
        promotion=promotion,
        promoted=tuple(season.club(club) for club in info.promoted),
        promoted_to=info.promoted_to,
        relegated=tuple((season.club(entry.club), entry) for entry in info.relegated),
    )


@dataclass(frozen=True, slots=True)
class SeasonSummary:
    info: SeasonInfo
    competitions: tuple[Competition, ...]
    clubs: int
    matches: int
    goals: int
    first_match: Leg
    last_match: Leg
    changes: tuple[Change, ...]

    @property
    def playoffs_after_stated_end(self) -> bool:
        """The source's dates end on 12 April 2014, but the playoffs ran into May."""
        return self.last_match.date > self.info.end_date


@per_season
def season_summary(season: Season) -> SeasonSummary:
    legs = sorted(season.legs, key=lambda leg: leg.date)
    return SeasonSummary(
        info=season.season,
        competitions=season.competitions,
        clubs=len(season.clubs),
        matches=len(legs),
        goals=sum(leg.home_goals + leg.away_goals for leg in legs),
        first_match=legs[0],
        last_match=legs[-1],
        changes=season.changes,
    )


@per_season
def changes(season: Season, club: str | None = None) -> tuple[Change, ...]:
    """The changes from the previous season, or those that made one club."""
    if club is None:
        return season.changes
    club_of(season, club)
    return tuple(change for change in season.changes if change.club == club)


# ---------------------------------------------------------------------------------------------
# Scorers


@dataclass(frozen=True, slots=True)
class GoalEvent:
    goal: Goal
    meeting: Meeting


@dataclass(frozen=True, slots=True)
class ScorerRow:
    club: Club
    player: str
    goals: tuple[GoalEvent, ...]

    @property
    def count(self) -> int:
        return len(self.goals)


@dataclass(frozen=True, slots=True)
class ScorerTable:
    rows: tuple[ScorerRow, ...]
    """Most goals first; players are keyed by club and name (J. Ibarra ≠ P. Ibarra)."""
    total: int
    without_minute: int
    ranks: tuple[int, ...]
    """Each row's rank, competition style (1, 2, 2, 4…): tied players share the rank of the
    first of them."""

    @property
    def leaders(self) -> tuple[ScorerRow, ...]:
        """Everyone tied for the most goals."""
        if not self.rows:
            return ()
        top = self.rows[0].count
        return tuple(row for row in self.rows if row.count == top)


@per_season
def goal_events(
    season: Season, tournament: str | None = None, club: str | None = None
) -> tuple[GoalEvent, ...]:
    """Every listed goal, in playing order, optionally of one tournament or club."""
    if club is not None:
        club_of(season, club)
    return tuple(
        GoalEvent(goal, meeting)
        for meeting in meetings(season, tournament, club)
        for goal in meeting.leg.goals_in_order
        if club is None or goal.club == club
    )


@per_season
def scorers(
    season: Season,
    tournament: str | None = None,
    club: str | None = None,
    round_name: RoundName | None = None,
) -> ScorerTable:
    """The goal tally from the playoffs' listed scorers (the source lists no others), of one
    round when one is given ("the top scorer of the finals")."""
    events = [
        event
        for event in goal_events(season, tournament, club)
        if round_name is None or event.meeting.round == round_name
    ]
    by_player: dict[tuple[str, str], list[GoalEvent]] = defaultdict(list)
    for event in events:
        by_player[(event.goal.club, event.goal.player)].append(event)
    rows = sorted(
        (ScorerRow(season.club(key[0]), key[1], tuple(found)) for key, found in by_player.items()),
        key=lambda row: (-row.count, row.player, row.club.name),
    )
    return ScorerTable(
        tuple(rows),
        len(events),
        sum(1 for event in events if event.goal.minute is None),
        _competition_ranks([row.count for row in rows]),
    )


def _competition_ranks(counts: list[int]) -> tuple[int, ...]:
    ranks: list[int] = []
    for index, count in enumerate(counts):
        tied = index > 0 and counts[index - 1] == count
        ranks.append(ranks[-1] if tied else index + 1)
    return tuple(ranks)


# ---------------------------------------------------------------------------------------------
# Aggregations over a set of ties (the /ask answers that count, rank or find the widest)


@dataclass(frozen=True, slots=True)
class NumberedLeg:
    """A leg of a tie with its number (1 or 2)."""

    outcome: TieOutcome
    number: int
    leg: Leg


def numbered_legs(outcomes: Iterable[TieOutcome]) -> list[NumberedLeg]:
    return [NumberedLeg(o, n, leg) for o in outcomes for n, leg in enumerate(o.tie.legs, 1)]


def total_goals(outcomes: Iterable[TieOutcome]) -> int:
    """Goals over every leg of the ties."""
    return sum(leg.home_goals + leg.away_goals for o in outcomes for leg in o.tie.legs)


def goals_by_club(outcomes: Iterable[TieOutcome]) -> list[tuple[str, int]]:
    """Each club's goals over the ties' legs, most first (a stable order among equals)."""
    goals: dict[str, int] = {}
    for outcome in outcomes:
        for leg in outcome.tie.legs:
            goals[leg.home] = goals.get(leg.home, 0) + leg.home_goals
            goals[leg.away] = goals.get(leg.away, 0) + leg.away_goals
    return sorted(goals.items(), key=lambda item: -item[1])


def widest_wins(outcomes: Iterable[TieOutcome]) -> tuple[int, list[NumberedLeg]]:
    """The widest margin of any leg of the ties, and every leg won by it."""
    legs = numbered_legs(outcomes)
    if not legs:
        return 0, []
    margin = max(abs(one.leg.home_goals - one.leg.away_goals) for one in legs)
    return margin, [one for one in legs if abs(one.leg.home_goals - one.leg.away_goals) == margin]
