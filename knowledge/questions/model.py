"""A question, read: what is asked (the parts) and what it is about (the slots).

Pure data. `reading` finds the words and names, `deciding` composes them into a `Question`,
and `commands.ask` answers it with the same queries the slash commands use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from knowledge.models import ChangeEvent, RoundName
from knowledge.plans.model import Bound, Plan

Language = Literal["en", "es"]
Extreme = Literal["biggest", "smallest"]
DatePart = Literal["start", "end"]


class Intent(StrEnum):
    """The kind of answer: which query answers the question."""

    CHAMPION = "champion"
    PROMOTED = "promoted"
    RELEGATED = "relegated"
    RESULT = "result"
    SCORERS = "scorers"
    TOP_SCORER = "top_scorer"
    PLAYER_GOALS = "player_goals"
    STADIUM = "stadium"
    CLUB_AT = "club_at"
    STADIUM_EXTREME = "stadium_extreme"
    RELEGATION = "relegation"
    PATH = "path"
    DECISION = "decision"
    SEASON_DATES = "season_dates"
    FORMAT = "format"
    CHANGES = "changes"
    BRACKET = "bracket"
    CLUB = "club"
    COUNT = "count"
    """How many clubs, goals or games."""
    UNKNOWN = "unknown"


class Part(StrEnum):
    """What exactly is asked, where an intent's answer could lead with several things: the
    lead sentence answers this part first (the loser, not the winner)."""

    WINNER = "winner"
    LOSER = "loser"
    OPPONENT = "opponent"
    SCORE = "score"
    VENUE = "venue"
    CITY = "city"
    CAPACITY = "capacity"
    DATE = "date"
    NICKNAME = "nickname"
    FATE = "fate"
    """What became of a club: relegated, stayed up, place bought, disappeared."""
    GAMES = "games"
    """Why a club played the games it did (Ballenas Galeana's 28)."""
    COMPARE = "compare"
    """Two things set side by side: bigger, smaller."""
    CLUBS = "clubs"
    """A count of clubs."""
    GOALS = "goals"
    """A count of goals."""
    BIGGEST_WIN = "biggest_win"
    TEAM = "team"
    """The answer is a club ("which team scored the most goals?"), not a player."""
    EVERY = "every"
    """Said of each of several tournaments ("who won both the Apertura and the Clausura?")."""
    BYE = "bye"
    """Who skipped a round: the first seed, the table's leader ("superlíder")."""
    TOURNAMENTS = "tournaments"
    """Which tournaments something spans ("which tournaments count for the ratio?")."""
    MINUTE = "minute"
    """When in the match a goal was scored: each goal's minute, or that the source has none."""


class Operator(StrEnum):
    """A word that changes what is asked. Each is honoured by an answer or the question is
    refused naming it: an answer never reads as if the word were not there."""

    NEGATION = "negation"
    """not, no, never, without, sin, nunca, ni."""
    ONLY = "only"
    BOTH = "both"
    EITHER = "either"
    EACH = "each"
    """each, every, all, cada, todos."""
    SOME = "some"
    """any, a single, algún: whether there is one."""
    MORE = "more"
    """A comparison: more, bigger, mayor, más."""
    LESS = "less"
    MOST = "most"
    """A superlative: most, biggest, earliest."""
    LEAST = "least"
    ABOVE = "above"
    """A neighbour in a ranked table: right above, justo arriba."""
    BELOW = "below"
    CONDITION = "condition"
    """if, si: a premise to check, or a rule asked about."""
    MEAN = "mean"
    """average, promedio: a mean of what is measured."""
    SAME = "same"
    """same, mismo: one and the same ("had the same team won both…")."""
    EXCEPT = "except"
    """except, besides, apart from, aparte de, salvo: the one named next is left out."""


class OutOfScope(StrEnum):
    """Why a question is not one the data can answer (the reply says which)."""

    OTHER_SEASON = "other_season"
    OTHER_COMPETITION = "other_competition"
    OTHER_CLUB = "other_club"
    FORMER_CLUB = "former_club"
    """A club the data knows only from last season's changes, asked what only this season's
    clubs have ("where did Pumas Morelos play?": their ground)."""
    UNKNOWN_CLUB = "unknown_club"
    """A name where a club should be ("Necaxa vs Barcelona") that no club of the season has."""
    UNKNOWN_PLAYER = "unknown_player"
    """A player asked about who scored no playoff goal in the data ("Chicharito")."""
    REGULAR_SEASON = "regular_season"
    NOT_IN_DATA = "not_in_data"
    """A kind of fact the data does not hold (referees, founding dates...): see `topic`."""
    UNRELATED = "unrelated"
    NOT_UNDERSTOOD = "not_understood"
    AMBIGUOUS_CLUB = "ambiguous_club"
    """A word of several clubs' names and none alone ("Estudiantes"): which one is asked."""
    OPERATOR = "operator"
    """A word that changes what is asked ("not", "only", "above") that no answer honours:
    the question is not answered as if the word were not there."""


@dataclass(frozen=True, slots=True)
class LegPick:
    """One leg of a tie, as fans pick it: by number (first, ida), by host ("at home", "in
    Aguascalientes"), by its score ("the 2–2") or as a draw ("which legs were drawn?")."""

    number: int | None = None
    home: str | None = None
    """Club id of the host."""
    away: str | None = None
    """Club id of the visitor ("Necaxa away", when who hosted is not one club)."""
    city: str | None = None
    """The host's city, as the data writes it."""
    score: tuple[int, int] | None = None
    """A score, either way round."""
    draw: bool = False
    """Only legs that ended level."""


@dataclass(frozen=True, slots=True)
class Question:
    """A question, read. Slots hold ids and names exactly as the season data writes them."""

    text: str
    intent: Intent
    language: Language
    """Best guess; English when nothing tells."""
    language_clear: bool
    """Whether the words said which language it is (a bare "Necaxa vs UdeG" does not)."""
    clubs: tuple[str, ...] = ()
    """Club ids, in order of mention."""
    tournament: str | None = None
    tournaments: tuple[str, ...] = ()
    """Every tournament named, in order (a question may ask about two)."""
    round: RoundName | None = None
    player: str | None = None
    """The one scorer named, as the data writes him ("V. Lojero")."""
    players: tuple[str, ...] = ()
    """Every scorer the name could be ("Ibarra": J. Ibarra and P. Ibarra)."""
    stadium: str | None = None
    stadiums: tuple[str, ...] = ()
    city: str | None = None
    extreme: Extreme | None = None
    seats: tuple[Bound, int] | None = None
    """A capacity bound: stadia holding more than ("above"), at least, or fewer than so many."""
    subject: str | None = None
    """A former club named (a change's subject, e.g. "Irapuato FC")."""
    event: ChangeEvent | None = None
    division: str | None = None
    date_part: DatePart | None = None
    playoffs_said: bool = False
    """ "Liguilla", "playoffs" said: a tournament's playoff games are asked of, not the
    tournament itself ("when did the Clausura liguilla start", not "the Clausura")."""
    reason: OutOfScope | None = None
    """Set when `intent` is UNKNOWN."""
    topic: str | None = None
    """With NOT_IN_DATA: the kind of fact asked for ("referees")."""
    other_names: tuple[str, ...] = ()
    """Names of clubs outside this season that the question mentions (Chivas, América), or
    the words where a club or player should be that name none ("Real Madrid"), as typed."""
    parts: tuple[Part, ...] = ()
    """What exactly is asked, in order of importance."""
    leg: LegPick | None = None
    rank: int | None = None
    """A table rank asked for ("5th", "lugar 3")."""
    also: tuple[Intent, ...] = ()
    """Further intents a two-part question asks ("who went up and who went down?")."""
    unaccounted: tuple[str, ...] = ()
    """Content words nothing explained: a question with any is refused, not guessed."""
    plan: Plan = field(default_factory=Plan)
    """How it is answered beyond its intent: a query, a claim to check, a greeting."""
    blocked: tuple[str, ...] = ()
    """Operator words the answer could not honour (with OutOfScope.OPERATOR)."""
    ambiguous: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Words that could name several clubs, each with the clubs it could name."""
    without: tuple[str, ...] = ()
    """Words the fan chose to have the question read without (the "without" button)."""
    named: tuple[str, ...] = ()
    """Every name said (clubs, tournaments, rounds, players, places), as typed: what a
    question asked after it in the same message speaks of when it names nothing itself."""
    named_kinds: tuple[frozenset[str], ...] = ()
    """What each of `named` names (`lexicon.Kind` values: "club", "tournament"…)."""
    states: bool = False
    """Says what a club did with no question word, no "?" and no yes/no form: "Tecos and
    Necaxa drew 0-0 twice, how did Tecos go through?" gives a premise before it asks."""
    says_what: bool = True
    """Whether it says what it asks with a word of its own (a keyword, an operator), not
    with names alone: "Apertura semis" in "UdeG vs Oaxaca, Apertura semis" only narrows."""
