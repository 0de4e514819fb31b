"""Running a query plan against a season: select, filter, aggregate. Pure and synchronous.

The rows are the season's facts as the plans see them: every leg (`LegRow`), tie
(`TieRow`), listed goal (`GoalRow`), club, stadium and relegation-table row. A plan's
conditions are tests on those rows (`knowledge.plans.model.Test`); its aggregation counts,
sums, ranks, compares or finds a neighbour. Results are typed and carry the rows they rest
on, so a renderer can say exactly what was counted and show it.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from knowledge.derived import per_season
from knowledge.models import (
    Change,
    Club,
    Competition,
    DecisionMethod,
    Goal,
    Leg,
    RoundName,
    Season,
)
from knowledge.names import fold
from knowledge.places import is_from
from knowledge.plans.model import (
    Aggregation,
    Claim,
    ClaimKind,
    Condition,
    Entity,
    Measure,
    Query,
    Scope,
    Test,
    within,
)
from knowledge.queries import ScorerRow, scorers
from knowledge.relegation import RelegationStanding, relegation_table
from knowledge.ties import TieOutcome

# ---------------------------------------------------------------------------------------------
# Rows


@dataclass(frozen=True, slots=True)
class TieRow:
    competition: Competition
    outcome: TieOutcome

    @property
    def round(self) -> RoundName:
        return RoundName(self.outcome.round)

    @property
    def goals(self) -> int:
        return sum(self.outcome.aggregate)


@dataclass(frozen=True, slots=True)
class LegRow:
    tie: TieRow
    number: int
    leg: Leg

    @property
    def goals(self) -> int:
        return self.leg.home_goals + self.leg.away_goals

    def goals_for(self, club: str) -> int:
        if club == self.leg.home:
            return self.leg.home_goals
        return self.leg.away_goals if club == self.leg.away else 0

    def conceded_by(self, club: str) -> int:
        if club == self.leg.home:
            return self.leg.away_goals
        return self.leg.home_goals if club == self.leg.away else 0

    def winner(self) -> str | None:
        home, away = self.leg.score
        if home == away:
            return None
        return self.leg.home if home > away else self.leg.away


@dataclass(frozen=True, slots=True)
class GoalRow:
    goal: Goal
    leg: LegRow
    order: int
    """The goal's place in its match's scoring (1: the opener); goals with no minute come
    after the others, in the order listed."""

    @property
    def against(self) -> str:
        leg = self.leg.leg
        return leg.away if self.goal.club == leg.home else leg.home


@dataclass(frozen=True, slots=True)
class ClubRow:
    club: Club


@dataclass(frozen=True, slots=True)
class PlayerRow:
    """A scorer and his goals in the scope asked."""

    player: str
    club: str
    goals: int


@dataclass(frozen=True, slots=True)
class ScopeRow:
    """A tournament's games taken whole, by their goals and their number."""

    scope: Scope


Row = TieRow | LegRow | GoalRow | ClubRow | RelegationStanding | ScopeRow | PlayerRow


@per_season
def ties(season: Season) -> tuple[TieRow, ...]:
    return tuple(
        TieRow(competition, season.outcomes[id(tie)])
        for competition in season.competitions
        for round_ in competition.rounds
        for tie in round_.ties
    )


@per_season
def legs(season: Season) -> tuple[LegRow, ...]:
    return tuple(
        LegRow(tie, number, leg)
        for tie in ties(season)
        for number, leg in enumerate(tie.outcome.tie.legs, 1)
    )


@per_season
def goals(season: Season) -> tuple[GoalRow, ...]:
    found = []
    for leg in legs(season):
        ordered = leg.leg.goals_in_order
        found += [GoalRow(goal, leg, order) for order, goal in enumerate(ordered, 1)]
    return tuple(found)


# ---------------------------------------------------------------------------------------------
# Scope


def in_scope_tie(tie: TieRow, scope: Scope) -> bool:
    if scope.tournaments and tie.competition.id not in scope.tournaments:
        return False
    if scope.round is not None and tie.round != scope.round:
        return False
    played = tie.outcome.clubs  # asked of every tie, for every scope: no sets built
    return all(club in played for club in scope.clubs[:2])


def in_scope_leg(leg: LegRow, scope: Scope) -> bool:
    if not in_scope_tie(leg.tie, scope):
        return False
    if scope.leg is not None and leg.number != scope.leg:
        return False
    if scope.home is not None and leg.leg.home != scope.home:
        return False
    if scope.away is not None and leg.leg.away != scope.away:
        return False
    return scope.score is None or sorted(scope.score) == sorted(leg.leg.score)


SCOPES_KEPT = 256
"""The scopes whose rows a season keeps: a question reads a few scopes many times over,
and the scopes fans can ask for are not few enough to keep them all."""


TieRows = Callable[[Scope], tuple[TieRow, ...]]
LegRows = Callable[[Scope], tuple[LegRow, ...]]


def _scoped(season: Season) -> tuple[TieRows, LegRows]:
    """The season's ties and legs in a scope, each scope's worked out once while it is among
    the last `SCOPES_KEPT` asked."""

    def build() -> tuple[TieRows, LegRows]:
        @functools.lru_cache(maxsize=SCOPES_KEPT)
        def tie_rows(scope: Scope) -> tuple[TieRow, ...]:
            return tuple(tie for tie in ties(season) if in_scope_tie(tie, scope))

        @functools.lru_cache(maxsize=SCOPES_KEPT)
        def leg_rows(scope: Scope) -> tuple[LegRow, ...]:
            return tuple(leg for leg in legs(season) if in_scope_leg(leg, scope))

        return tie_rows, leg_rows

    return season.derived(_scoped, build)


def scope_legs(season: Season, scope: Scope) -> list[LegRow]:
    return list(_scoped(season)[1](scope))  # a list of its own: callers may change it


def club_legs(season: Season, scope: Scope, club: str) -> list[LegRow]:
    """The legs of a scope that `club` played."""
    return [leg for leg in scope_legs(season, scope) if club in (leg.leg.home, leg.leg.away)]


def scope_ties(season: Season, scope: Scope) -> list[TieRow]:
    return list(_scoped(season)[0](scope))


def restricted(scope: Scope) -> bool:
    """Whether a scope names anything (else it is the whole season)."""
    return scope != Scope()


# ---------------------------------------------------------------------------------------------
# Tests


def club_passes(season: Season, club: str, test: Test, scope: Scope) -> bool:
    """Whether a club did `test` within `scope`."""
    if test is Test.RELEGATED:
        return any(r.club == club for r in season.season.relegated)
    if test is Test.BYE:
        return any(
            bye.club == club and (scope.round is None or bye.round == scope.round)
            for competition in season.competitions
            if not scope.tournaments or competition.id in scope.tournaments
            for bye in competition.byes
        )
    if test is Test.STAYED:
        down = [r for r in season.season.relegated if r.club == club]
        return all(r.stayed_in_league for r in down)
    if test is Test.PROMOTED:
        return club in season.season.promoted
    if test is Test.WON_TITLE:
        finals = [t for t in scope_ties(season, _whole(scope)) if t.round == RoundName.FINAL]
        return any(t.outcome.winner == club for t in finals)
    mine = club_legs(season, scope, club)
    ties_ = [t for t in scope_ties(season, scope) if club in t.outcome.clubs]
    if test is Test.PLAYED:
        return bool(mine)
    if test is Test.HIGHER_SEED:
        # Said of a club: it was the higher seed of its tie (it hosted the second leg).
        return any(t.outcome.higher_seed == club for t in ties_)
    if test is Test.SCORED:
        return any(leg.goals_for(club) for leg in mine)
    if test is Test.CONCEDED:
        return any(leg.conceded_by(club) for leg in mine)
    if test is Test.WON_LEG:
        return any(leg.winner() == club for leg in mine)
    if test in (Test.WON_AWAY, Test.WON_HOME):
        host = test is Test.WON_HOME
        return any(leg.winner() == club and (leg.leg.home == club) == host for leg in mine)
    if test is Test.LOST_LEG:
        return any(leg.winner() not in (None, club) for leg in mine)
    if test is Test.DREW_LEG:
        return any(leg.winner() is None for leg in mine)
    if test is Test.WENT_THROUGH:
        return bool(ties_) and all(t.outcome.winner == club for t in ties_)
    if test is Test.WENT_OUT:
        return any(t.outcome.loser == club for t in ties_)
    return False


def _whole(scope: Scope) -> Scope:
    """A title is its tournament's: the round and legs named do not narrow it."""
    return Scope(tournaments=scope.tournaments)


def goal_passes(goal: GoalRow, test: Test) -> bool:
    """An equaliser levels the score: known only where every goal up to it has its minute."""
    if test is not Test.EQUALISER:
        return False
    leg = goal.leg.leg
    ordered = leg.goals_in_order[: goal.order]
    if any(g.minute is None for g in ordered):
        return False
    home = sum(1 for g in ordered if g.club == leg.home)
    return home * 2 == len(ordered)


def leg_passes(leg: LegRow, test: Test) -> bool:
    if test in (Test.DRAWN, Test.DREW_LEG):
        return leg.winner() is None
    if test is Test.DECIDED:
        return leg.winner() is not None
    if test is Test.HOME_WON:
        return leg.winner() == leg.leg.home
    if test is Test.AWAY_WON:
        return leg.winner() == leg.leg.away
    if test is Test.GOALLESS:
        return leg.goals == 0
    return False


TIE_RESULTS = frozenset({Test.WENT_THROUGH, Test.WENT_OUT})


def tie_passes(tie: TieRow, test: Test) -> bool:
    outcome = tie.outcome
    if test is Test.DRAWN:
        return outcome.aggregate[0] == outcome.aggregate[1]
    if test is Test.GOALLESS:
        return tie.goals == 0
    if test is Test.PENALTIES:
        return outcome.method is DecisionMethod.PENALTIES
    if test is Test.AWAY_GOALS:
        return outcome.method is DecisionMethod.AWAY_GOALS
    if test is Test.EXTRA_TIME:
        return outcome.extra_time is True
    if test is Test.HIGHER_SEED:
        return outcome.method is DecisionMethod.HIGHER_SEED
    return False


def passes(season: Season, row: Row, condition: Condition, scope: Scope) -> bool:
    where = condition.scope or scope
    if isinstance(row, ClubRow) and condition.test is Test.FROM_PLACE:
        result = is_from(row.club.city, condition.place or "") is True
    elif isinstance(row, ClubRow):
        result = club_passes(season, row.club.id, condition.test, where)
    elif isinstance(row, PlayerRow) and condition.test is Test.SCORED and condition.scope:
        # "Which players scored in both liguillas": a goal of his in each scope.
        mine = Query(Entity.GOAL, condition.scope, players=(row.player,))
        result = any(True for _ in _goals_asked(season, mine))
    elif isinstance(row, PlayerRow) and condition.value is not None:
        # "Scored more than once": his goals past a bound.
        bound = condition.bound or "exactly"
        result = within(float(row.goals), (bound, condition.value))
    elif isinstance(row, RelegationStanding | GoalRow) and condition.value is not None:
        # A measure said of a row: "a ratio below 1.1", "3 goals in the game" (a hat trick).
        measure = condition.measure or Measure.RATIO
        value = measure_of(season, row, measure, Query(Entity.TABLE_ROW))
        if condition.bound is not None:
            result = within(value, (condition.bound, condition.value))
        else:
            if isinstance(row, RelegationStanding) and measure is Measure.RATIO:
                value = row.row.ratio  # "1.0238" is the figure the source prints
            result = abs(value - condition.value) < 1e-9
    elif isinstance(row, RelegationStanding):
        result = club_passes(season, row.row.club, condition.test, where)
    elif isinstance(row, GoalRow):
        result = goal_passes(row, condition.test)
    elif isinstance(row, LegRow) and condition.test in GAME_TESTS and len(where.clubs) == 1:
        # One club's games: "the games Necaxa won".
        result = game_passes(row, where.clubs[0], replace(condition, negated=False))
    elif isinstance(row, LegRow):
        result = leg_passes(row, condition.test)
    elif isinstance(row, TieRow) and condition.test in TIE_RESULTS and len(where.clubs) == 1:
        # One club's ties: "how many ties did Tecos win?" (went through), or lose.
        through = row.outcome.winner == where.clubs[0]
        result = through if condition.test is Test.WENT_THROUGH else not through
    elif isinstance(row, TieRow):
        result = tie_passes(row, condition.test)
    else:
        result = False
    return result != condition.negated


# ---------------------------------------------------------------------------------------------
# Selecting


def select(season: Season, query: Query) -> list[Row]:
    """Every row of the query's entity within its scope that passes its conditions."""
    scope = query.scope
    rows: list[Row]
    if query.entity is Entity.LEG:
        rows = list(scope_legs(season, scope))
    elif query.entity is Entity.TIE:
        rows = list(scope_ties(season, scope))
    elif query.entity is Entity.GOAL:
        rows = list(_goals_asked(season, query))
    elif query.entity is Entity.PLAYER:
        scored: dict[str, list[GoalRow]] = {}
        for goal in _goals_asked(season, replace(query, entity=Entity.GOAL)):
            scored.setdefault(goal.goal.player, []).append(goal)
        rows = [PlayerRow(player, mine[0].goal.club, len(mine)) for player, mine in scored.items()]
    elif query.entity is Entity.CLUB:
        rows = [ClubRow(club) for club in _clubs_of(season, query)]
    elif query.entity is Entity.TOURNAMENT:
        # Its conditions are on its games ("more draws"): `measure_of` counts those passing.
        return [ScopeRow(replace(scope, tournaments=(t,))) for t in scope.tournaments]
    elif query.entity is Entity.STADIUM:
        rows = [
            ClubRow(club)
            for club in sorted(season.clubs, key=lambda club: -club.capacity)
            if query.seats is None or within(club.capacity, query.seats)
        ]
    else:
        rows = list(relegation_table(season).standings)
    if query.excluded:  # "apart from Necaxa": never among the rows
        rows = [row for row in rows if name_of(row) not in query.excluded]
    return [row for row in rows if all(passes(season, row, c, scope) for c in query.conditions)]


def _goals_asked(season: Season, query: Query) -> Iterator[GoalRow]:
    scope = query.scope
    for goal in goals(season):
        if (
            in_scope_leg(goal.leg, scope)
            and (scope.minute is None or goal.goal.minute == scope.minute)
            and (query.side is None or goal.goal.club == query.side)
            and (query.against is None or goal.against == query.against)
            and (not query.players or goal.goal.player in query.players)
        ):
            yield goal


def _clubs_of(season: Season, query: Query) -> list[Club]:
    """The clubs a query is about: those that played its scope, or every club of the season
    when it names none (or asks whether they played at all)."""
    scope = query.scope
    if query.named and query.aggregation is Aggregation.LIST:
        # "¿Quién NO descendió, Zacatepec o Ballenas?": a choice, among the clubs offered.
        return [club for club in season.clubs if club.id in query.named]
    own_scope_played = any(c.test is Test.PLAYED and c.scope is None for c in query.conditions)
    # "Which teams never won a game in the playoffs": of the clubs that played a game; one
    # that played none did not fail to win one.
    of_games = any(c.test in GAME_TESTS and c.scope is None for c in query.conditions)
    if (not restricted(scope) and not of_games) or own_scope_played:
        return list(season.clubs)
    playing = {club for leg in scope_legs(season, scope) for club in (leg.leg.home, leg.leg.away)}
    return [club for club in season.clubs if club.id in playing]


# ---------------------------------------------------------------------------------------------
# Measures


def measure_of(season: Season, row: Row, measure: Measure, query: Query) -> float:
    """A row's value by `measure`, within the query's scope where it counts goals."""
    if isinstance(row, GoalRow):
        if measure is Measure.MINUTE:
            return float(row.goal.minute) if row.goal.minute is not None else float("nan")
        if measure is Measure.GAME_GOALS:
            return float(sum(goal.player == row.goal.player for goal in row.leg.leg.goals))
        # "The first goal of the Apertura final": of the tie, its legs one after another;
        # games played the same day have no order the data knows, so each counts its own
        # after the days before ("the first goal of the Clausura": each opener of its first
        # day).
        day = row.leg.leg.date
        earlier = [game for game in scope_legs(season, query.scope) if game.leg.date < day]
        if query.side is not None:
            # "Delfines' 3rd goal vs UAT": its side's own third of the game (as fans count
            # a meeting's), not the game's third; "Oaxaca's first goal in the Clausura": of
            # its games, one day after another.
            own = [goal for goal in row.leg.leg.goals_in_order if goal.club == row.goal.club]
            if len(query.scope.clubs) > 1:
                earlier = []
            before = sum(goal.club == row.goal.club for game in earlier for goal in game.leg.goals)
            return float(before + own.index(row.goal) + 1)
        return float(sum(len(game.leg.goals) for game in earlier) + row.order)
    if isinstance(row, LegRow):
        if measure is Measure.MARGIN:
            return float(abs(row.leg.home_goals - row.leg.away_goals))
        if measure is Measure.DATE:
            return float(row.leg.date.toordinal())
        return float(row.goals)
    if isinstance(row, TieRow):
        if measure is Measure.MARGIN:
            return float(abs(row.outcome.aggregate[0] - row.outcome.aggregate[1]))
        return float(row.goals)
    if isinstance(row, ScopeRow):
        return _scope_measure(season, row.scope, measure, query.conditions)
    if isinstance(row, PlayerRow):
        return float(row.goals)
    if isinstance(row, RelegationStanding):
        values = {
            # Points over games, as the source's rounded figure was worked out: a gap
            # between two is 4/84 = 0.0476, not the rounded figures' 0.0477.
            Measure.RATIO: row.row.points / row.row.games,
            Measure.POINTS: float(row.row.points),
            Measure.GAMES: float(row.row.games),
        }
        return values.get(measure, float(row.row.rank))
    club = row.club
    if measure is Measure.CAPACITY:
        return float(club.capacity)
    in_scope = club_legs(season, query.scope, club.id)
    if measure is Measure.GAMES:
        # A ground's games are those its club hosted; a club's, those it played.
        hosted = query.entity is Entity.STADIUM
        return float(sum(not hosted or leg.leg.home == club.id for leg in in_scope))
    if measure is Measure.CONCEDED:
        return float(sum(leg.conceded_by(club.id) for leg in in_scope))
    return float(sum(leg.goals_for(club.id) for leg in in_scope))


def _scope_measure(
    season: Season, scope: Scope, measure: Measure, conditions: Sequence[Condition]
) -> float:
    """A tournament's games that pass the conditions, counted, or their goals; one club's
    goals (or goals let in) when the scope names one."""
    played = [
        leg
        for leg in scope_legs(season, scope)
        if all(leg_passes(leg, c.test) != c.negated for c in conditions)
    ]
    club = scope.clubs[0] if len(scope.clubs) == 1 else None
    if measure is Measure.GAMES:
        return float(len(played))
    if club is not None and measure is Measure.CONCEDED:
        return float(sum(leg.conceded_by(club) for leg in played))
    if club is not None:
        return float(sum(leg.goals_for(club) for leg in played))
    return float(sum(leg.goals for leg in played))


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True, slots=True)
class Found:
    query: Query
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Counted:
    query: Query
    rows: tuple[Row, ...]
    count: int


@dataclass(frozen=True, slots=True)
class Summed:
    query: Query
    rows: tuple[Row, ...]
    total: float


@dataclass(frozen=True, slots=True)
class Ranked:
    query: Query
    rows: tuple[Row, ...]
    """The rows at the nth place (several when tied)."""
    value: float
    ranked: tuple[Row, ...]
    """Every row ranked, best first."""


@dataclass(frozen=True, slots=True)
class Compared:
    query: Query
    values: tuple[tuple[Row, float], ...]
    """The named rows with their values, in the order named."""


@dataclass(frozen=True, slots=True)
class Neighbour:
    query: Query
    of: RelegationStanding
    row: RelegationStanding | None
    """None: the named row is the first (or last) the table lists."""
    below: RelegationStanding | None = None
    """With `both_sides`: the row below (`row` is then the one above)."""


Result = Found | Counted | Summed | Ranked | Compared | Neighbour


def run(season: Season, query: Query) -> Result:
    rows = select(season, query)
    aggregation = query.aggregation
    if query.named and aggregation in (Aggregation.SUM, Aggregation.COUNT, Aggregation.LIST):
        rows = [row for row in rows if name_of(row) in query.named]
    if aggregation is Aggregation.COUNT:
        return Counted(query, tuple(rows), len(rows))
    if aggregation in (Aggregation.SUM, Aggregation.MEAN):
        # A mean is its sum over its rows: the words divide ("20,417 on average, 15 grounds").
        measure = query.measure or Measure.GOALS
        return Summed(
            query, tuple(rows), sum(measure_of(season, row, measure, query) for row in rows)
        )
    if aggregation in (Aggregation.MAX, Aggregation.MIN):
        return _ranked(season, query, rows)
    if aggregation in (Aggregation.COMPARE, Aggregation.DIFFERENCE):
        measure = query.measure or Measure.GOALS
        if query.entity is Entity.GOAL:
            # Players side by side: each one's goals counted, shown by the first of them.
            counted = []
            for name in query.named:
                mine = [row for row in rows if name_of(row) == name]
                if mine:
                    counted.append((mine[0], float(len(mine))))
            return Compared(query, tuple(counted))
        named = [row for name in query.named for row in rows if name_of(row) == name]
        return Compared(
            query, tuple((row, measure_of(season, row, measure, query)) for row in named)
        )
    if aggregation is Aggregation.NEIGHBOUR:
        return _neighbour(query, rows)
    return Found(query, tuple(rows))


def _ranked(season: Season, query: Query, rows: Sequence[Row]) -> Ranked:
    measure = query.measure or Measure.GOALS
    valued = [(row, measure_of(season, row, measure, query)) for row in rows]
    valued = [(row, value) for row, value in valued if not math.isnan(value)]
    descending = query.aggregation is Aggregation.MAX
    levels = sorted({value for _, value in valued}, reverse=descending)
    if len(levels) < query.nth:
        return Ranked(query, (), float("nan"), ())
    value = levels[query.nth - 1]
    ordered = tuple(
        row for row, _ in sorted(valued, key=lambda item: -item[1] if descending else item[1])
    )
    return Ranked(query, tuple(row for row, v in valued if v == value), value, ordered)


def _neighbour(query: Query, rows: Sequence[Row]) -> Neighbour | Found:
    table = sorted(
        (row for row in rows if isinstance(row, RelegationStanding)), key=lambda s: s.row.rank
    )
    at = next((i for i, row in enumerate(table) if row.row.club in query.named), None)
    if at is None:
        return Found(query, ())

    def at_offset(offset: int) -> RelegationStanding | None:
        return table[at + offset] if 0 <= at + offset < len(table) else None

    if query.both_sides:
        return Neighbour(query, table[at], at_offset(-1), at_offset(1))
    return Neighbour(query, table[at], at_offset(1 if query.below else -1))


def name_of(row: Row) -> str:
    """The id or name a plan names a row by: a club's id (a stadium by its club's id too), a
    player's name, a table row's club."""
    if isinstance(row, ClubRow):
        return row.club.id
    if isinstance(row, RelegationStanding):
        return row.row.club
    if isinstance(row, GoalRow):
        return row.goal.player
    if isinstance(row, ScopeRow):
        return row.scope.tournaments[0]
    if isinstance(row, PlayerRow):
        return row.player
    return ""


# ---------------------------------------------------------------------------------------------
# Claims


@dataclass(frozen=True, slots=True)
class Verdict:
    holds: bool
    result: Result
    """What settles it."""


GAME_TESTS = frozenset({Test.SCORED, Test.WON_LEG, Test.LOST_LEG, Test.DREW_LEG, Test.CONCEDED})


def game_passes(game: LegRow, club: str, condition: Condition) -> bool:
    """Whether one game a club played passes a game-level test."""
    winner = game.winner()
    result = {
        Test.SCORED: game.goals_for(club) > 0,
        Test.CONCEDED: game.conceded_by(club) > 0,
        Test.WON_LEG: winner == club,
        Test.LOST_LEG: winner is not None and winner != club,
        Test.DREW_LEG: winner is None,
    }.get(condition.test, False)
    return result != condition.negated


def _check_test(season: Season, claim: Claim) -> Verdict:
    """A TEST claim: its subject (or, with none, the scope's rows) passes the conditions."""
    query = claim.query
    base = Query(
        query.entity,
        query.scope,
        aggregation=Aggregation.LIST,
        side=query.side,
        players=query.players,
    )
    result = run(season, query)
    if claim.subject is None and claim.each:
        # "Were both legs draws?", "every 2nd leg was won by the home team?": each row of
        # the scope passes.
        every = select(season, base)
        holds = bool(every) and all(
            passes(season, row, c, query.scope) for c in query.conditions for row in every
        )
        return Verdict(holds, Found(base, tuple(every)))
    if claim.subject is None:
        # Said of what the scope names, no one in it ("did the promotion final go to
        # penalties?"): it holds where some row of the scope passes.
        return Verdict(bool(result_rows(result)), result)
    subjects = [row for row in select(season, base) if name_of(row) == claim.subject]
    round_alone = query.scope.round is not None and not query.scope.tournaments
    if claim.each and claim.each_of is not None and query.entity is Entity.GOAL and not round_alone:
        # "¿Goncalves anotó en todos los partidos de Necaxa en la liguilla del Apertura?":
        # each game (or tie) his club played in the scope, not each leg number
        his_club = _his_club(season, claim.subject)
        games = club_legs(season, query.scope, his_club) if his_club is not None else []
        parts: dict[int, list[LegRow]] = {}
        for game in games:
            key = id(game.tie.outcome) if claim.each_of is Entity.TIE else id(game.leg)
            parts.setdefault(key, []).append(game)
        if parts:
            holds = all(
                any(goal.player == claim.subject for game in part for goal in game.leg.goals)
                for part in parts.values()
            )
            return Verdict(holds, result)
    if claim.each and query.entity is Entity.GOAL:
        # A player's goals in each part of the scope: each leg, or each tournament named.
        holds = all(
            any(name_of(row) == claim.subject for row in select(season, replace(base, scope=part)))
            for part in _his_parts(season, query.scope, claim.subject)
        )
        return Verdict(holds, result)
    if claim.each and any(c.test in GAME_TESTS for c in query.conditions):
        # "Necaxa scored in every Apertura game?": each game the club played, not each leg
        # number.
        games = club_legs(season, query.scope, claim.subject)
        holds = bool(games) and all(
            game_passes(game, claim.subject, c) for c in query.conditions for game in games
        )
        return Verdict(holds, result)
    if claim.each:
        holds = bool(subjects) and all(
            all(passes(season, row, c, part) for c in query.conditions)
            for row in subjects
            for part in each_part(season, query.scope)
        )
    else:
        holds = any(name_of(row) == claim.subject for row in result_rows(result))
    negations = bool(query.conditions) and all(c.negated for c in query.conditions)
    skipped = any(c.test is Test.BYE for c in query.conditions)
    if (negations or skipped) and not subjects and claim.subject in season.clubs_by_id:
        # "Tecos didn't win the Apertura, right?", "Oaxaca skipped the quarters?": true of a
        # club the scope never had.
        club = ClubRow(season.club(claim.subject))
        holds = all(passes(season, club, c, query.scope) for c in query.conditions)
    if claim.only and query.entity is Entity.GOAL:
        # "Only Lojero scored for Necaxa?": every goal of the scope (that side's) is his.
        everyone = select(season, replace(base, players=()))
        holds = holds and all(name_of(row) == claim.subject for row in everyone)
    elif claim.only:
        holds = holds and {name_of(row) for row in result_rows(result)} == {claim.subject}
    return Verdict(holds, result)


def _his_parts(season: Season, scope: Scope, player: str | None) -> list[Scope]:
    """What "both"/"each" ranges over for a player: with a round and no tournament named
    ("¿Gutiérrez anotó en los dos partidos de la final?"), the legs of the one his club
    played, not each liguilla's."""
    parts = each_part(season, scope)
    club = _his_club(season, player)
    if scope.tournaments or scope.round is None or club is None:
        return parts
    played = [part for part in parts if part.tournaments and club_legs(season, part, club)]
    if len(played) != 1:
        return parts
    return [replace(played[0], leg=number) for number in (1, 2)]


def _his_club(season: Season, player: str | None) -> str | None:
    """The one club a scorer scored for, by his goals (None if none, or more than one)."""
    his = {row.goal.club for row in goals(season) if row.goal.player == player}
    return next(iter(his)) if len(his) == 1 else None


def _moved_to(place: str, new_city: str | None) -> bool:
    """Whether a place said is the town a change moved a club to: "Campeche" of "Ciudad del
    Carmen, Campeche"; "Oaxaca City" (the stadia's name for it) of "Oaxaca, Oaxaca"."""
    said, town = fold(place), fold(new_city or "")
    return bool(town) and (said in town or town.split(",")[0].strip() in said)


def _moved_between(season: Season, change: Change, division: str, way: str) -> bool:
    """Whether a move between divisions had `division` at the end `way` says ("to",
    "from", or "" for either). A move the source states one end of ("promoted from the
    Segunda") has this season's league at the other."""
    league = season.season.competition
    ends = {
        "from": change.from_division or (league if change.to_division else None),
        "to": change.to_division or (league if change.from_division else None),
    }
    said = fold(division)
    if way:
        return fold(ends[way] or "") == said
    return said in {fold(end or "") for end in ends.values()}


def ruled_competitions(season: Season, scope: Scope) -> list[Competition]:
    """The competitions whose rules a rule claim is about: those named, else every
    liguilla."""
    named = [c for c in season.competitions if c.id in scope.tournaments]
    return named or [c for c in season.competitions if c.kind == "liguilla"]


def _rule_holds(season: Season, scope: Scope, rule: str) -> bool:
    """Whether every competition of the scope states the rule (as the source states them)."""
    ruled = ruled_competitions(season, scope)
    if rule == "final_if_same_winner":
        # "If one club won both, would there still be a promotion final?": not where the
        # data states the rule that it would go up without one.
        return season.season.same_winner_rule is None

    def states(competition: Competition) -> bool:
        if rule == "reseeded":
            return competition.reseeded_every_round
        if rule == "higher_seed_hosts":
            return competition.higher_seed_hosts_second_leg
        return rule in {step.value for step in competition.rules}

    return bool(ruled) and all(states(c) for c in ruled)


def scope_leaders(season: Season, scope: Scope) -> tuple[ScorerRow, ...]:
    """The players with the most goals of a scope's tournament (or the whole playoffs)."""
    tournament = scope.tournaments[0] if len(scope.tournaments) == 1 else None
    return scorers(season, tournament).leaders


def check(season: Season, claim: Claim) -> Verdict:
    """Whether a claim holds, with the result that shows it."""
    query = claim.query
    if claim.denied:
        said = check(season, replace(claim, denied=False))
        return Verdict(not said.holds, said.result)
    if claim.kind is ClaimKind.TOP_SCORER:
        leaders = scope_leaders(season, query.scope)
        return Verdict(any(row.player == claim.subject for row in leaders), Found(query, ()))
    if claim.kind is ClaimKind.RULE:
        return Verdict(_rule_holds(season, query.scope, claim.subject or ""), Found(query, ()))
    if claim.kind is ClaimKind.TEST and claim.others:
        verdicts = [check(season, replace(claim, subject=s, others=())) for s in claim.subjects]
        holds = (any if claim.either else all)(v.holds for v in verdicts)
        return Verdict(holds, verdicts[0].result)
    if claim.kind is ClaimKind.TEST:
        return _check_test(season, claim)
    if claim.kind is ClaimKind.HOME:
        clubs = [season.club(named) for named in query.named]
        if claim.event == "place":  # a town or state of the gazetteer's
            holds = all(is_from(c.city, claim.subject or "") is True for c in clubs)
            return Verdict(holds, Found(query, tuple(ClubRow(club) for club in clubs)))
        homes = [club.stadium if claim.event == "stadium" else club.city for club in clubs]
        holds = all(home == claim.subject for home in homes)
        return Verdict(holds, Found(query, tuple(ClubRow(club) for club in clubs)))
    if claim.kind is ClaimKind.CHANGE:
        # An event of a club's change ("La Piedad went up"), or, with no event, that a club
        # named in the query was the one the change's subject became ("Delfines used to be
        # Toros Neza").
        found = [
            change
            for change in season.changes
            if claim.subject in (change.club, change.subject)
            and (
                any(event.value == claim.event for event in change.events)
                if claim.event is not None
                else change.club in query.named
            )
            and (claim.place is None or _moved_to(claim.place, change.new_city))
            and (claim.division is None or _moved_between(season, change, *claim.division))
            # "irapuato rebranded as zacatepec?": into the club named, when one is
            and (claim.event is None or not query.named or change.club in query.named)
        ]
        return Verdict(bool(found), Found(query, ()))
    result = run(season, query)
    rows = result_rows(result)
    if claim.kind in (ClaimKind.MORE, ClaimKind.LESS) and isinstance(result, Compared):
        if len(result.values) != 2:
            return Verdict(False, result)
        first, second = (value for _, value in result.values)
        return Verdict(first > second if claim.kind is ClaimKind.MORE else first < second, result)
    if claim.kind is ClaimKind.VALUE and claim.value is not None:
        value = value_of(result)
        if claim.bound is not None:
            return Verdict(within(value, (claim.bound, claim.value)), result)
        return Verdict(said_as(value, claim.value), result)
    if claim.kind is ClaimKind.MEMBER:
        # A goal is a player's, and his club's: "did Tecos score first?" asks the latter.
        return Verdict(
            any(
                name_of(row) == claim.subject
                or (isinstance(row, GoalRow) and row.goal.club == claim.subject)
                for row in rows
            ),
            result,
        )
    if claim.kind is ClaimKind.SCORE and claim.score is not None:
        # "Won 4-3 on penalties?": the shootout's score, not a leg's or the aggregate.
        shootout = any(c.test is Test.PENALTIES for c in query.conditions)
        # "Did Mérida beat UdeG 5-0?": that score, with the subject the winner.
        won = [row for row in rows if claim.subject is None or _won_by(row, claim.subject)]
        target = sorted(claim.score)
        scores = [_score_of(row, shootout=shootout) for row in won]
        matching = [s for s in scores if s is not None and sorted(s) == target]
        if claim.each:
            holds = bool(rows) and len(won) == len(rows) and len(matching) == len(rows)
        else:
            holds = bool(matching)
        return Verdict(holds, result)
    if claim.kind is ClaimKind.DATE:
        days = [row.leg.date for row in rows if isinstance(row, LegRow)]
        if claim.event in ("start", "end"):
            days = [edge_date(season, query.scope, claim.event)]
        if claim.day is None:  # "did the Apertura kick off in August 2013?"
            holds = bool(days) and all(
                day.month == claim.month and claim.year in (None, day.year) for day in days
            )
            return Verdict(holds, result)
        holds = all(
            any(day.day == said and claim.month in (None, day.month) for day in days)
            for said in (claim.day, *claim.days)
        )
        return Verdict(holds, result)
    return Verdict(bool(rows), result)


def said_as(value: float, said: float) -> bool:
    """Whether `value` is what was said, to the digits it was said with: a ratio of 0.9524
    is "0.95" (a fan rounds), never "0.96"; a whole number must be exact."""
    text = repr(said)
    if "." not in text or text.endswith(".0"):
        return abs(value - said) < 1e-9  # "a ratio of 1" is 1, not 0.9524 rounded
    digits = len(text.split(".")[1])
    return abs(round(value, digits) - said) < 1e-9


def value_of(result: Result) -> float:
    """The one number a result gives: a sum, a count, or the one value compared."""
    if isinstance(result, Summed):
        return result.total
    if isinstance(result, Compared) and len(result.values) == 1:
        return float(result.values[0][1])
    return float(len(result_rows(result)))


def edge_date(season: Season, scope: Scope, edge: str) -> dt.date:
    """When a tournament (the one named) or the season began or ended, as the data says."""
    for competition in season.competitions:
        if competition.id in scope.tournaments[:1]:
            day = competition.start_date if edge == "start" else competition.end_date
            if day is not None:
                return day
    info = season.season
    return info.start_date if edge == "start" else info.end_date


def each_part(season: Season, scope: Scope) -> list[Scope]:
    """What "both"/"each" ranges over: each tournament named; with a round and none named
    ("both finals"), each liguilla's; else each leg."""
    if len(scope.tournaments) > 1:
        return [replace(scope, tournaments=(tournament,)) for tournament in scope.tournaments]
    if not scope.tournaments and scope.round is not None:
        liguillas = [c.id for c in season.competitions if c.kind == "liguilla"]
        parts = [replace(scope, tournaments=(tournament,)) for tournament in liguillas]
        # "…against San Luis in both games of the quarters": the one liguilla they met in.
        met = [part for part in parts if not scope.clubs or scope_ties(season, part)]
        if len(met) != 1:
            return parts
        scope = met[0]
    return [replace(scope, leg=number) for number in (1, 2)]


def result_rows(result: Result) -> tuple[Row, ...]:
    if isinstance(result, Neighbour):
        return (result.row,) if result.row is not None else ()
    if isinstance(result, Compared):
        return tuple(row for row, _ in result.values)
    return result.rows


def _won_by(row: Row, club: str) -> bool:
    """Whether the club won the game, or went through in the tie."""
    if isinstance(row, LegRow):
        other = row.leg.away if club == row.leg.home else row.leg.home
        return row.goals_for(club) > row.goals_for(other)
    if isinstance(row, TieRow):
        return row.outcome.winner == club
    return False


def _score_of(row: Row, *, shootout: bool = False) -> tuple[int, int] | None:
    if isinstance(row, LegRow):
        return row.leg.score
    if isinstance(row, TieRow):
        return row.outcome.penalties if shootout else row.outcome.aggregate
    return None


Measurer = Callable[[Row], float]
