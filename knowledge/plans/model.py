"""A question's typed query plan: what it selects, how it filters, what it asks of what it
selected, and how it aggregates; and, for a yes/no question or a premise, the claim to check.

Pure data, built by the question reader (`knowledge.questions.planning`) and run by
`knowledge.plans.execute`. Ids and names are as the season data writes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from knowledge.models import RoundName

Bound = Literal["above", "at_least", "below", "exactly"]
"""A capacity bound: more than, at least, fewer than, or exactly so many seats."""


def within(value: float, bound: tuple[Bound, float]) -> bool:
    """Whether a value is past a bound ("more than 20,000 seats", "at least 10 goals")."""
    side, limit = bound
    if side == "above":
        return value > limit
    if side == "at_least":
        return value >= limit
    if side == "exactly":
        return value == limit
    return value < limit


class Entity(StrEnum):
    """What a plan selects."""

    LEG = "leg"
    TIE = "tie"
    GOAL = "goal"
    CLUB = "club"
    """A club of the season, within a scope (the clubs that played it)."""
    STADIUM = "stadium"
    TABLE_ROW = "table_row"
    """A row of the relegation table."""
    PLAYER = "player"
    """A scorer of the scope, with his goals there (for `side`, when the query names one):
    "how many different players scored for Necaxa?"."""
    TOURNAMENT = "tournament"
    """One tournament's playoff games taken whole (of the scope's round, when it names one):
    "more goals in the Apertura's liguilla than in the Clausura's?"."""


class Measure(StrEnum):
    """A number a plan ranks, sums or compares by."""

    GOALS = "goals"
    """Goals in a leg or a tie, both sides; a club's goals scored, a player's goals."""
    CONCEDED = "conceded"
    MARGIN = "margin"
    MINUTE = "minute"
    CAPACITY = "capacity"
    RATIO = "ratio"
    POINTS = "points"
    GAMES = "games"
    SEED = "seed"
    """In a tie: 1 for the higher seed, 2 for the lower."""
    ORDER = "order"
    """A goal's place in its match's scoring, 1 for the opener."""
    DATE = "date"
    """A game's day ("the earliest match of the liguilla")."""
    GAME_GOALS = "game_goals"
    """A goal's scorer's goals in that game: 2 in a brace, 3 in a hat trick."""
    RANK = "rank"


class Test(StrEnum):
    """What a club, a leg or a tie did within the scope (negated: did not)."""

    PLAYED = "played"
    """A club: played the scope (qualified for the liguilla, was in the round)."""
    FROM_PLACE = "from_place"
    """A club: its town is the condition's `place`, or in it (`knowledge.places`)."""
    SCORED = "scored"
    CONCEDED = "conceded"
    WON_LEG = "won_leg"
    """A club: won at least one leg of the scope."""
    LOST_LEG = "lost_leg"
    DREW_LEG = "drew_leg"
    WENT_THROUGH = "went_through"
    """A club: won its tie of the scope's round (or of every round, with none named)."""
    WENT_OUT = "went_out"
    WON_TITLE = "won_title"
    """A club: won the tournament (its final)."""
    RELEGATED = "relegated"
    PROMOTED = "promoted"
    DRAWN = "drawn"
    """A leg that ended level; a tie level on aggregate."""
    GOALLESS = "goalless"
    PENALTIES = "penalties"
    """A tie decided on penalties."""
    AWAY_GOALS = "away_goals"
    EXTRA_TIME = "extra_time"
    """A tie that went to extra time, where the data says so."""
    HIGHER_SEED = "higher_seed"
    """A tie decided by the higher seed going through."""
    BYE = "bye"
    """A club: skipped a round of the scope as a seed (first place skips the quarterfinals)."""
    STAYED = "stayed"
    """A club: stayed in the league (not relegated, or relegated and stayed)."""
    HOME_WON = "home_won"
    """A leg the home side won ("won by the home team", "ganó el local")."""
    AWAY_WON = "away_won"
    """A leg the visitors won ("an away win", "ganó el visitante")."""
    WON_AWAY = "won_away"
    """A club: won a game it played away ("which clubs won away?")."""
    WON_HOME = "won_home"
    """A club: won a game it hosted."""
    DECIDED = "decided"
    """A leg with a winner, not drawn ("had a winner", "hubo ganador")."""
    EQUALISER = "equaliser"
    """A goal that levelled the score."""


class Aggregation(StrEnum):
    LIST = "list"
    COUNT = "count"
    SUM = "sum"
    MEAN = "mean"
    """The average of the measure over the rows: a capacity, goals per game."""
    MAX = "max"
    MIN = "min"
    COMPARE = "compare"
    """The named ones, side by side by a measure."""
    DIFFERENCE = "difference"
    NEIGHBOUR = "neighbour"
    """The row right above or below the named one in a ranked table."""


@dataclass(frozen=True, slots=True)
class Scope:
    """Where a plan looks: which matches of the season."""

    tournaments: tuple[str, ...] = ()
    """None named: every tournament of the season."""
    round: RoundName | None = None
    leg: int | None = None
    """1 or 2: that leg of each tie."""
    clubs: tuple[str, ...] = ()
    """Only matches (or ties) between these clubs (one: that club's)."""
    score: tuple[int, int] | None = None
    """Only legs with this score, either way round."""
    minute: int | None = None
    """Only goals scored in this minute."""
    home: str | None = None
    """Only legs this club hosted."""
    away: str | None = None
    """Only legs this club played away."""


@dataclass(frozen=True, slots=True)
class Condition:
    test: Test
    negated: bool = False
    scope: Scope | None = None
    """Where the test looks, when not the plan's own scope ("wasn't in the Apertura's
    liguilla but made the Clausura's")."""
    value: float | None = None
    """For a measure test: equal to this ("exactly 1.0")."""
    measure: Measure | None = None
    bound: Bound | None = None
    """For a measure test: past `value` this way, not equal to it ("a ratio below 1.1")."""
    place: str | None = None
    """With FROM_PLACE: the place's folded name ("jalisco")."""


@dataclass(frozen=True, slots=True)
class Query:
    """Select `entity` in `scope`, keep what passes every condition, then aggregate."""

    entity: Entity
    scope: Scope = field(default_factory=Scope)
    conditions: tuple[Condition, ...] = ()
    side: str | None = None
    """Goals: only those this club scored ("who scored for Necaxa")."""
    against: str | None = None
    """Goals: only those scored against this club ("who scored against Tecos")."""
    players: tuple[str, ...] = ()
    """Goals: only these scorers'."""
    aggregation: Aggregation = Aggregation.LIST
    measure: Measure | None = None
    nth: int = 1
    """With MAX or MIN: the nth ("the 2nd biggest")."""
    named: tuple[str, ...] = ()
    """With COMPARE, DIFFERENCE and NEIGHBOUR: the clubs, stadia or players named; listing
    clubs, the ones offered to choose from ("¿quién no descendió, Zacatepec o Ballenas?")."""
    below: bool = False
    """With NEIGHBOUR: the row below (else above)."""
    both_sides: bool = False
    """With NEIGHBOUR: the rows above and below ("just above and below Celaya")."""
    seats: tuple[Bound, int] | None = None
    """Stadia: only those past this capacity bound."""
    excluded: tuple[str, ...] = ()
    """Rows named so (a club's id, a player's name) left out: "apart from Necaxa"."""

    def __post_init__(self) -> None:
        # A condition said twice ("no jugaron ni la del Apertura ni…" beside "ninguna
        # liguilla") holds once: kept once, the answer says it once.
        object.__setattr__(self, "conditions", tuple(dict.fromkeys(self.conditions)))


class ClaimKind(StrEnum):
    """What a yes/no question (or a premise) says is so."""

    TEST = "test"
    """`subject` passes the query's conditions ("did Necaxa win the Apertura?")."""
    MEMBER = "member"
    """`subject` is what the query finds ("Estadio Jalisco was the biggest?")."""
    VALUE = "value"
    """The query's measure is `value` ("was it 5-0?", "7 goals?")."""
    SCORE = "score"
    """The leg (or tie) found has this score, either way round."""
    DATE = "date"
    MORE = "more"
    """The first named is above the second by the query's measure ("bigger than")."""
    LESS = "less"
    CHANGE = "change"
    """`subject` (a club or a former name) went through `event` last season."""
    HOME = "home"
    """The club named plays at `subject`: its stadium (`event` "stadium") or city ("city")."""
    TOP_SCORER = "top_scorer"
    """`subject`, a player, scored the most goals of the query's scope (alone or level)."""
    RULE = "rule"
    """`subject` is a rule of the liguillas in the query's scope (every liguilla, with none
    named): a tie-break step (`away_goals`, `higher_seed`; `extra_time` and `penalties` are
    none), `reseeded` every round, `higher_seed_hosts` the second leg, or
    `final_if_same_winner` (the promotion final is played even if one club won both)."""


@dataclass(frozen=True, slots=True)
class Claim:
    kind: ClaimKind
    query: Query
    subject: str | None = None
    score: tuple[int, int] | None = None
    day: int | None = None
    """With DATE: a day of the month, and `month` its month."""
    month: int | None = None
    year: int | None = None
    """With DATE and no day (a start or an end "in August 2013"): the year said, if any."""
    days: tuple[int, ...] = ()
    """With DATE: more days of that month said, each a day the selection was played ("the
    semis were played on the 20th and the 23rd")."""
    each: bool = False
    """The claim holds in each of the selected (both legs), not in one at least."""
    each_of: Entity | None = None
    """With `each` and a player: in each game (LEG) or each tie (TIE) his club played in
    the scope ("en todos los partidos de Necaxa", "in both Clausura ties"), not each leg
    number or tournament."""
    event: str | None = None
    """With CHANGE: the change event claimed ("promoted"); with DATE, "start" or "end" when
    the date claimed is a tournament's or the season's, not a leg's."""
    value: float | None = None
    """With VALUE: the number claimed."""
    bound: Bound | None = None
    """With VALUE: the number is a bound ("more than 50,000"), not the value itself."""
    only: bool = False
    """With TEST: `subject` is the one that passes, and no other ("the only one promoted")."""
    others: tuple[str, ...] = ()
    """With TEST: more subjects it is said of, and holds of each ("UdeG and Tecos both won a
    title")."""
    either: bool = False
    """With `others`: holds of any one of them ("did either Mérida or San Luis reach the
    semis?"), not of each."""
    place: str | None = None
    """With CHANGE and the "moved" event: where it is said to have moved ("a Campeche")."""
    division: tuple[str, str] | None = None
    """With CHANGE and a move between divisions: the division said, and "to" or "from" (or
    "" when no word says which): "relegated to the Segunda", "came up from the Segunda"."""
    denied: bool = False
    """What is said is that the claim does not hold: "no club won both, right?" (the claim
    "a club won both", denied)."""

    @property
    def subjects(self) -> tuple[str, ...]:
        return ((self.subject,) if self.subject is not None else ()) + self.others


@dataclass(frozen=True, slots=True)
class Plan:
    """How a question is answered beyond its intent: by a query, by checking a claim (a
    yes/no question), or with a friendly word (a greeting). `premise`: the claim is what a
    question for something takes for granted ("how did Tecos beat UdeG?"); when it is false,
    the answer corrects it first."""

    query: Query | None = None
    claim: Claim | None = None
    yes_no: bool = False
    premise: bool = False
    side: str | None = None
    """Goals asked of one club only ("who scored for Necaxa", "los goles de Oaxaca")."""
    against: str | None = None
    """Goals asked against one club ("¿quién le anotó al Tecos?")."""
    greeting: str | None = None
    """ "hello" or "thanks": nothing asked, a friendly word back."""
