"""The season's schema: frozen pydantic models that mirror `seasons/*.yaml` one to one.

The models check shape and types only. Facts that relate one part of the season to another
(a goal's club played the match, both legs pair the same clubs, ...) are checked in
`knowledge.validation`, so every problem of a file can be reported at once with its line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable, Mapping
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    NonNegativeInt,
    PositiveInt,
    StringConstraints,
    model_validator,
)

from knowledge.bounded_yaml import excerpt

if TYPE_CHECKING:
    from knowledge.ties import TieOutcome


class Frozen(BaseModel):
    """Base of every model: immutable, and unknown keys are typos, not extensions."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


ClubId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
"""A club's key in the data, e.g. `udeg`: lower case, digits and hyphens."""

Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]

_SEASON_ID = re.compile(r"[0-9]{4}-[0-9]{2}")


def _season_id(value: str) -> str:
    if not _SEASON_ID.fullmatch(value):
        raise ValueError(f"a season id is written like 2013-14, not {excerpt(value)}")
    return value


SeasonId = Annotated[str, AfterValidator(_season_id)]
"""A season's key, e.g. `2013-14`. It names the file an upload is written to, so it can hold
no path: a strict pattern, not free text."""

_PAIR = re.compile(r"^\s*(\d+)\s*[-–:]\s*(\d+)\s*$")


def _parse_pair(value: Any) -> Any:
    """Accept `2-1` (how people write scores) as well as `[2, 1]`."""
    if isinstance(value, str):
        match = _PAIR.match(value)
        if match is None:
            raise ValueError(f"a score is written like 2-1, not {excerpt(value)}")
        return (int(match.group(1)), int(match.group(2)))
    return value


Pair = Annotated[tuple[NonNegativeInt, NonNegativeInt], BeforeValidator(_parse_pair)]
"""Two non-negative counts: (home, away) for a leg, (winner, loser) for a shoot-out."""

SHOOTOUT_KICKS = 5
"""Kicks each side takes before a shoot-out goes to sudden death (Law 10 of the Laws of the
Game)."""


def shootout_can_end(winner: int, loser: int) -> bool:
    """Whether a penalty shoot-out can end `winner`-`loser` (the winner's goals first).

    The rule (Law 10): each side takes five kicks, in turn, and the shoot-out stops as soon as
    one side has scored more than the other could with all the kicks it has left; level after
    five each, the sides take one kick each until one scores and the other misses. So, with
    the margin m = winner - loser:

    - m = 1 is always possible: decided by the last of the five kicks, or in sudden death
      (1-0 after 0-0, 5-4, 8-7…), which only ever ends one goal apart;
    - m >= 2 ends the shoot-out within the five kicks, at the first kick after which the side
      behind had fewer than m kicks left. One kick earlier it was not yet over, so that side
      had exactly m - 1 left (it had taken 6 - m), and the winner had taken at most one kick
      more than it (7 - m). So winner <= 7 - m: 3-0, 4-1, 4-2 and 5-3 can end a shoot-out;
      4-0 (over at 3-0), 5-2, 6-4 and 40-3 cannot.

    `tests/knowledge/test_loader.py` checks this against every sequence of kicks.
    """
    margin = winner - loser
    return margin == 1 or (margin >= 2 and winner + margin <= SHOOTOUT_KICKS + 2)


def _shootout_score(value: tuple[int, int]) -> tuple[int, int]:
    winner, loser = value
    if winner <= loser:
        raise ValueError("the shoot-out score is written winner first, e.g. 4-3")
    if not shootout_can_end(winner, loser):
        raise ValueError(
            f"no penalty shoot-out ends {winner}-{loser}: within five kicks each it stops as "
            "soon as the side behind cannot catch up (so 3-0, 4-1, 5-3 at most that far "
            "apart), and after five each it ends one goal apart (5-4, 8-7)"
        )
    return value


ShootoutScore = Annotated[Pair, AfterValidator(_shootout_score)]
"""(winner, loser) goals of a penalty shoot-out that can really end so."""

MAX_CAPACITY = 200_000
"""The most people a stadium may be said to hold: the largest in the world holds about
150,000 (Rungrado 1st of May Stadium, Pyongyang). A larger number is a typo."""


def _capacity(value: int) -> int:
    if value > MAX_CAPACITY:
        raise ValueError(
            f"a capacity of {value:,} is no stadium's: the largest in the world holds about "
            f"150,000, and the limit is {MAX_CAPACITY:,}"
        )
    return value


Capacity = Annotated[PositiveInt, AfterValidator(_capacity)]
"""People a stadium holds: at least one, at most `MAX_CAPACITY`."""

Minute = Annotated[int, Field(ge=1, le=130)]

LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
"""A language the data's texts are written in: `en`, `es`."""


def _texts_by_language(value: Any) -> Any:
    """A plain string is taken as English, so an old one-language file still loads; the
    loader's `check_sources` then asks for the other languages."""
    return {"en": value} if isinstance(value, str) else value


class Texts(dict[str, str]):
    """A text per language that can be hashed like the frozen models holding it (a tie's
    outcome is a set member and a dict key). Never mutated after validation."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))


Localized = Annotated[
    dict[LanguageTag, Text], BeforeValidator(_texts_by_language), AfterValidator(Texts)
]
"""A text the bot shows as it is, in each of the season's `languages`: `{en: ..., es: ...}`.
Sources are written this way so that a Spanish reply cites its source in Spanish."""


def in_language(texts: Mapping[str, str], language: str) -> str:
    """The text in `language`, else in English, else in the first language given."""
    return texts.get(language) or texts.get("en") or next(iter(texts.values()))


class RoundName(StrEnum):
    QUARTERFINALS = "quarterfinals"
    SEMIFINALS = "semifinals"
    FINAL = "final"


class TieRule(StrEnum):
    """The tie-breaking steps a competition states, applied in order."""

    AGGREGATE = "aggregate"
    AWAY_GOALS = "away_goals"
    HIGHER_SEED = "higher_seed"


class DecisionMethod(StrEnum):
    AGGREGATE = "aggregate"
    AWAY_GOALS = "away_goals"
    HIGHER_SEED = "higher_seed"
    PENALTIES = "penalties"


class ChangeEvent(StrEnum):
    PROMOTED = "promoted"
    RELEGATED = "relegated"
    REBRANDED = "rebranded"
    MOVED = "moved"
    DISAPPEARED = "disappeared"
    STAYED_UP = "stayed_up"


class Club(Frozen):
    id: ClubId
    name: Text
    """Canonical name, as in the seed's table of stadia."""
    short_name: Text
    """What fits in a phone-wide table."""
    prose_name: Text | None = None
    """What a sentence calls it, where the short name is a table's shorthand that fans do
    not say ("CA Hidalgo" for Cruz Azul Hidalgo)."""
    spellings: tuple[Text, ...] = Field(min_length=1)
    """Every spelling the seed uses for this club."""
    nicknames: tuple[Text, ...] = ()
    nicknames_source: Localized | None = None
    city: Text
    city_translations: Annotated[dict[LanguageTag, Text], AfterValidator(Texts)] = Field(
        default_factory=Texts
    )
    """The city's name in another language, only where it differs ("Ciudad de Oaxaca")."""
    stadium: Text
    capacity: Capacity

    @model_validator(mode="after")
    def _nicknames_need_a_source(self) -> Club:
        if self.nicknames and self.nicknames_source is None:
            raise ValueError("nicknames are not in the seed, so they need a nicknames_source")
        return self

    def city_in(self, language: str) -> str:
        """The city as a reader of `language` names it: place names stay as the data has
        them unless it gives that language's own form."""
        return self.city_translations.get(language, self.city)

    @property
    def said_name(self) -> str:
        """The name a sentence uses: the prose name where there is one, else the short."""
        return self.prose_name or self.short_name

    def written_names(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Every name with the field it is written in (`("spellings", 0)`): what the checks
        of names read, each one reporting where a bad name is."""
        named: list[tuple[tuple[str | int, ...], str]] = [
            (("name",), self.name),
            (("short_name",), self.short_name),
        ]
        if self.prose_name is not None:
            named.append((("prose_name",), self.prose_name))
        named += [(("spellings", i), name) for i, name in enumerate(self.spellings)]
        named += [(("nicknames", i), name) for i, name in enumerate(self.nicknames)]
        return named

    @property
    def names(self) -> tuple[str, ...]:
        """Every name a fan may use, canonical first, without repeats."""
        said = (self.name, self.short_name, self.prose_name, *self.spellings, *self.nicknames)
        return tuple(dict.fromkeys(name for name in said if name))


class Change(Frozen):
    """One change from the previous season, as the seed lists it."""

    subject: Text
    """The club as it was called before the change."""
    club: ClubId | None = None
    """The club of this season that the change made, if any."""
    events: tuple[ChangeEvent, ...] = Field(min_length=1)
    from_division: Text | None = None
    to_division: Text | None = None
    new_name: Text | None = None
    new_city: Text | None = None
    note: Text | None = None


class Goal(Frozen):
    player: Text
    club: ClubId
    minute: Minute | None


class Leg(Frozen):
    date: dt.date
    home: ClubId
    away: ClubId
    score: Pair
    goals: tuple[Goal, ...] = ()

    @property
    def home_goals(self) -> int:
        return self.score[0]

    @property
    def away_goals(self) -> int:
        return self.score[1]

    def goals_of(self, club: str) -> int:
        if club == self.home:
            return self.home_goals
        if club == self.away:
            return self.away_goals
        raise KeyError(club)

    def involves(self, club: str) -> bool:
        return club in (self.home, self.away)

    @property
    def goals_in_order(self) -> tuple[Goal, ...]:
        """The goals as they were scored, by minute; one whose minute the source does not
        give comes last (the source's order breaks ties)."""
        return tuple(sorted(self.goals, key=lambda goal: (goal.minute is None, goal.minute or 0)))


class Decision(Frozen):
    """How a tie was really decided, where the competition's rules do not tell."""

    winner: ClubId
    method: DecisionMethod
    penalties: ShootoutScore | None = None
    """Shoot-out score, winner's kicks first."""
    extra_time: bool | None = None
    source: Localized

    @model_validator(mode="after")
    def _shootout_has_a_score(self) -> Decision:
        if (self.method is DecisionMethod.PENALTIES) != (self.penalties is not None):
            raise ValueError("a penalties decision needs a penalties score, and only it has one")
        return self


class Tie(Frozen):
    legs: tuple[Leg, Leg]
    decision: Decision | None = None

    @property
    def clubs(self) -> tuple[str, str]:
        """(first-leg host, second-leg host)."""
        return (self.legs[0].home, self.legs[0].away)

    def involves(self, club: str) -> bool:
        return club in self.clubs


class Round(Frozen):
    name: RoundName
    ties: tuple[Tie, ...] = Field(min_length=1)


class Bye(Frozen):
    club: ClubId
    round: RoundName
    seed: PositiveInt | None = None
    source: Localized


class Competition(Frozen):
    id: ClubId
    name: Text
    aliases: tuple[Text, ...] = ()
    """Other ways fans name it ("Apertura", "AP13"): for matching, not facts."""
    kind: Literal["liguilla", "promotion_final"]
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    rules: tuple[TieRule, ...] = Field(min_length=1)
    higher_seed_hosts_second_leg: bool = False
    """The seed's rule: "The higher seeded teams play on their home field during the second leg"."""
    qualified: PositiveInt | None = None
    reseeded_every_round: bool = False
    winner_plays: ClubId | None = None
    promotes_to: Text | None = None
    byes: tuple[Bye, ...] = ()
    rounds: tuple[Round, ...] = Field(min_length=1)

    @property
    def final(self) -> Tie:
        return self.rounds[-1].ties[-1]

    @property
    def legs(self) -> tuple[Leg, ...]:
        return tuple(leg for round_ in self.rounds for tie in round_.ties for leg in tie.legs)


class Relegated(Frozen):
    club: ClubId
    stayed_in_league: bool = False
    stayed_by_buying_place_of: ClubId | None = None


class SeasonInfo(Frozen):
    id: SeasonId
    name: Text
    competition: Text
    country: Text
    tier: PositiveInt
    start_date: dt.date
    end_date: dt.date
    playoffs_end_date: dt.date | None = None
    """The last day of the playoffs, where they ran past `end_date`: a source may date a
    season by its league phase (2013-14 "took place from 19 July 2013 to 12 April 2014",
    and its playoffs ran to 10 May). Every match falls between `start_date` and this day
    (`end_date` when it is not given): `validation` checks it."""
    previous: Text | None = None
    next: Text | None = None
    tournaments: tuple[ClubId, ...] = Field(min_length=1)
    winners: dict[ClubId, ClubId]
    """Tournament id -> winning club, from the seed's infobox."""
    promoted: tuple[ClubId, ...] = ()
    promoted_to: Text | None = None
    relegated: tuple[Relegated, ...] = ()
    same_winner_rule: Text | None = None
    languages: tuple[LanguageTag, ...] = ("en",)
    """The languages every shown text of the file (each `source`) is given in."""

    @property
    def last_match_day(self) -> dt.date:
        """The last day a match of the season may be dated."""
        return self.playoffs_end_date or self.end_date


def _four_places(value: float) -> float:
    if round(value, 4) != value:
        raise ValueError(f"a ratio is given to 4 decimal places, not {value}")
    return value


class RelegationRow(Frozen):
    rank: PositiveInt
    club: ClubId
    team: Text
    """The club's name as the source's table prints it."""
    points: NonNegativeInt
    games: PositiveInt
    ratio: Annotated[float, Field(ge=0), AfterValidator(_four_places)]


class Relegation(Frozen):
    rule: Text
    tournaments: tuple[Text, ...] = ()
    rows: tuple[RelegationRow, ...] = Field(min_length=1)


class OtherClubs(Frozen):
    """Clubs fans may name that did not play this season (mostly the top flight's). Not facts
    the bot states: names the resolver refuses outright instead of matching them to a
    similar-looking club of this season."""

    source: Localized
    league: Text | None = None
    """The league these clubs played in that season ("Liga MX")."""
    names: tuple[Text, ...] = Field(min_length=1)


_T = TypeVar("_T")


class _Memo:
    """A season's derived values (`Season.derived`), and the season they belong to."""

    __slots__ = ("owner", "values")

    def __init__(self, owner: int) -> None:
        self.owner = owner
        self.values: dict[Hashable, Any] = {}


class Season(Frozen):
    """One season file, whole. Build it with `knowledge.loader`, which also checks the facts."""

    season: SeasonInfo
    clubs: tuple[Club, ...] = Field(min_length=1)
    other_clubs: OtherClubs | None = None
    changes: tuple[Change, ...] = ()
    competitions: tuple[Competition, ...] = Field(min_length=1)
    relegation: Relegation

    @cached_property
    def clubs_by_id(self) -> dict[str, Club]:
        return {club.id: club for club in self.clubs}

    @cached_property
    def competitions_by_id(self) -> dict[str, Competition]:
        return {competition.id: competition for competition in self.competitions}

    @cached_property
    def outcomes(self) -> dict[int, TieOutcome]:
        """Every tie decided once, by the identity of the (immutable) tie: answers ask for
        the same outcomes over and over, and deciding is the costliest part of them."""
        from knowledge.ties import decide  # ties builds on these models

        return {
            id(tie): decide(tie, competition, round_.name)
            for competition in self.competitions
            for round_ in competition.rounds
            for tie in round_.ties
        }

    @cached_property
    def _memo(self) -> _Memo:
        return _Memo(id(self))

    def derived(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """`compute()`, computed once per season and `key`: a value derived from this season
        alone (a scorer table, a tie's lines in one language). The season never changes once
        loaded and a reload builds a new one, so a value kept here lives exactly as long as
        the data it came from. `key` must say everything the value depends on besides the
        season (the function, its arguments, the reader's locale)."""
        memo = self._memo
        if memo.owner != id(self):
            # A `model_copy` (an edited season) starts with its original's attributes: its
            # values are not this season's.
            memo = self.__dict__["_memo"] = _Memo(id(self))
        try:
            return cast(_T, memo.values[key])
        except KeyError:
            value = memo.values[key] = compute()
            return value

    def club(self, club_id: str) -> Club:
        return self.clubs_by_id[club_id]

    def competition(self, competition_id: str) -> Competition:
        return self.competitions_by_id[competition_id]

    @property
    def legs(self) -> tuple[Leg, ...]:
        return tuple(leg for competition in self.competitions for leg in competition.legs)
