"""What a question is about: the names found, sorted into slots (clubs, tournament, round,
players, places...), the leg it picks, the years it names, and the words nothing explained.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from knowledge.models import RoundName
from knowledge.questions.lexicon import Kind, Lexicon
from knowledge.questions.model import LegPick
from knowledge.questions.numbers import MAX_RATIO
from knowledge.questions.reading import Reading, Span, unknown

_YEAR = re.compile(r"^(?:19|20)\d\d$")
_TWO_DIGITS = re.compile(r"^\d\d$")
_SCORE_DIGITS = re.compile(r"^\d$")
_SCORE_PLURAL = re.compile(r"^\ds?$")  # "0-0s": the second number may carry a plural
_RANK = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|ro|do|er|to|vo|mo|no|o)?$")
_ORDINAL = re.compile(r"^\d{1,2}(?:st|nd|rd|th|ro|do|er|to|vo|mo|no|o)$")
ROUND_BEFORE = {
    RoundName.FINAL: RoundName.SEMIFINALS,
    RoundName.SEMIFINALS: RoundName.QUARTERFINALS,
}
"""The round whose tie sends a club on to this one."""


@dataclass
class Slots:
    clubs: list[str] = field(default_factory=list)
    pure_clubs: list[str] = field(default_factory=list)
    """Clubs named by a word that is not also a city or stadium ("Necaxa", not "Celaya")."""
    tournament: str | None = None
    tournaments: list[str] = field(default_factory=list)
    round: RoundName | None = None
    players: list[str] = field(default_factory=list)
    stadium: str | None = None
    stadiums: list[str] = field(default_factory=list)
    city: str | None = None
    place_only: bool = False
    """A city or stadium named by words that are not also a club's name ("Culiacán")."""
    subject: str | None = None
    division: str | None = None
    other_clubs: list[str] = field(default_factory=list)
    other_competitions: list[str] = field(default_factory=list)
    unknown_names: list[str] = field(default_factory=list)
    seats: int | None = None
    """A number of seats named ("20,000", "20 mil", "20k")."""
    round_in_name: bool = False
    """The round was said only by a tournament's name ("the promotion final")."""


def fill_slots(spans: Sequence[Span], tokens: list[str], lex: Lexicon) -> Slots:
    slots = Slots()
    for span in sorted(spans, key=lambda s: s.start):
        kinds = {target.kind for target in span.targets}
        if Kind.CLUB in kinds:
            for target in span.of(Kind.CLUB):
                if target.value not in slots.clubs:
                    slots.clubs.append(target.value)
                    if not kinds & {Kind.CITY, Kind.STADIUM}:
                        slots.pure_clubs.append(target.value)
        elif Kind.FORMER in kinds:
            slots.subject = slots.subject or span.of(Kind.FORMER)[0].value
        elif Kind.PLAYER in kinds:
            for target in span.of(Kind.PLAYER):
                if target.value not in slots.players:
                    slots.players.append(target.value)
        for target in span.of(Kind.TOURNAMENT)[:1]:
            if target.value not in slots.tournaments:
                slots.tournaments.append(target.value)
        for target in span.of(Kind.STADIUM)[:1]:
            if Kind.CLUB not in kinds and target.value not in slots.stadiums:
                slots.stadiums.append(target.value)
        if Kind.TOURNAMENT in kinds and slots.tournament is None:
            slots.tournament = span.of(Kind.TOURNAMENT)[0].value
            # "promotion final", "final de ascenso": the name says the round too.
            for token in tokens[span.start : span.end]:
                for target in lex.keys.get(token, ()):
                    if target.kind is Kind.ROUND and slots.round is None:
                        slots.round = RoundName(target.value)
                        slots.round_in_name = True
        if Kind.ROUND in kinds and Kind.TOURNAMENT not in kinds:
            slots.round_in_name = False  # "the finals of both liguillas and the promotion"
        if Kind.ROUND in kinds and slots.round is None and Kind.TOURNAMENT not in kinds:
            slots.round = RoundName(span.of(Kind.ROUND)[0].value)
            if reached(tokens, span.start, lex, spans):
                # "How did UAT get to the final?": the tie asked about is the one that sent
                # them there (none sends a club to the quarterfinals: the table does).
                slots.round = ROUND_BEFORE.get(slots.round)
        if Kind.STADIUM in kinds and slots.stadium is None and Kind.CLUB not in kinds:
            slots.stadium = span.of(Kind.STADIUM)[0].value
            slots.place_only = True
        if Kind.CITY in kinds and slots.city is None:
            slots.city = span.of(Kind.CITY)[0].value
            slots.place_only |= not kinds & {Kind.CLUB, Kind.FORMER}
        if Kind.DIVISION in kinds and slots.division is None:
            slots.division = span.of(Kind.DIVISION)[0].value
        if Kind.OTHER_CLUB in kinds and not kinds & {
            Kind.CLUB,
            Kind.FORMER,
            Kind.CITY,
            Kind.STADIUM,
            Kind.TOURNAMENT,
        }:
            slots.other_clubs.append(span.of(Kind.OTHER_CLUB)[0].value)
        if Kind.OTHER_COMPETITION in kinds:
            slots.other_competitions.append(span.of(Kind.OTHER_COMPETITION)[0].value)
    if set(rounds_said(spans)) == set(RoundName):
        slots.round = None  # "qf, semis and final": the whole liguilla, every round of it
    return slots


def rounds_said(spans: Sequence[Span]) -> list[RoundName]:
    """The rounds named on their own (not in a tournament's name), in order, each once."""
    said = [
        RoundName(span.of(Kind.ROUND)[0].value)
        for span in sorted(spans, key=lambda s: s.start)
        if span.of(Kind.ROUND) and not span.of(Kind.TOURNAMENT)
    ]
    return list(dict.fromkeys(said))


PLAYOFFS_WORDS = frozenset({"liguillas", "playoffs", "playoff"})


def with_the_liguillas(
    tokens: list[str], spans: Sequence[Span], slots: Slots, lex: Lexicon
) -> None:
    """ "Sumando las dos liguillas y la final de ascenso", "all the playoff games + the promo
    final": the playoffs said beside the promotion final alone are every liguilla, and it.
    The round its name says ("final") is then no round of theirs."""
    kinds = {c.id: c.kind for c in lex.season.competitions}
    named = slots.tournaments
    if not named or any(kinds[t] == "liguilla" for t in named):
        return
    # "The promotion playoff": a playoff word in or right after its name is the name's.
    named_by = {
        i for span in spans if span.of(Kind.TOURNAMENT) for i in range(span.start, span.end + 1)
    }
    said = [i for i, t in enumerate(tokens) if i not in named_by and t in PLAYOFFS_WORDS]
    # "la liguilla y la final de ascenso": one liguilla said joined to the final's name is
    # the liguillas (of one club: two clubs' meetings are read of one tournament)
    joined = len(slots.clubs) < 2 and any(
        t == "liguilla" and _joined_to_name(tokens, i, spans) for i, t in enumerate(tokens)
    )
    if not said and not joined:
        return
    slots.tournaments = [c for c, kind in kinds.items() if kind == "liguilla"] + named
    if slots.round_in_name:
        slots.round = None


JOINING = frozenset({"and", "y", "e", "plus", "+", "&", "the", "la", "el"})


def _joined_to_name(tokens: list[str], at: int, spans: Sequence[Span]) -> bool:
    """The word at `at` and a tournament's name with only "and"/"y" (and articles) between."""
    for span in spans:
        if not span.of(Kind.TOURNAMENT):
            continue
        between = tokens[at + 1 : span.start] if span.start > at else tokens[span.end : at]
        if between and len(between) <= 3 and set(between) <= JOINING:
            return True
    return False


def reached(tokens: list[str], start: int, lex: Lexicon, spans: Sequence[Span] = ()) -> bool:
    """Whether the words before position `start` make the round there one reached; a
    tournament named between them is the round's ("who got to the Apertura semis")."""
    for span in spans:
        if span.end == start and span.of(Kind.TOURNAMENT):
            start = span.start
    before = [tuple(tokens[max(0, start - n) : start]) for n in (1, 2, 3)]
    return any(words in lex.vocabulary.reaching for words in before)


def pick_player(slots: Slots, spans: Sequence[Span], tokens: list[str], lex: Lexicon) -> None:
    """Narrow a surname to the players whose initial the fan gave ("Juan Ibarra", "E.
    Gonzalez"); with no first name, every player of that surname stays a candidate."""
    for span in spans:
        candidates = [t.value for t in span.of(Kind.PLAYER)]
        if len(candidates) < 2 or span.start == 0:
            continue
        before = tokens[span.start - 1]
        matching = [p for p in candidates if lex.initials.get(p, "") == before[:1]]
        if matching and before not in lex.vocabulary.stop:
            slots.players = [p for p in slots.players if p not in candidates or p in matching]


def unknown_beside_connectors(tokens: list[str], taken: set[int], lex: Lexicon) -> list[str]:
    """Words where a club should be, next to "vs" or "against", that no name claimed."""
    found: list[str] = []
    for i, token in enumerate(tokens):
        if token not in lex.vocabulary.connectors or i in taken:
            continue
        for step in (1, -1):
            j = i + step
            while 0 <= j < len(tokens) and j not in taken and tokens[j] in lex.vocabulary.stop:
                j += step
            run: list[str] = []
            while (
                0 <= j < len(tokens)
                and j not in taken
                and unknown(tokens[j], lex)
                and tokens[j].isalpha()
                and len(run) < 3
            ):
                run.append(tokens[j])
                j += step
            framing = all(lex.vocabulary.frames(word) for word in run)
            # "saludos raza, contra quién…": words that only frame are no club's name, though
            # one may start one ("Real Madrid").
            if run and len("".join(run)) >= 3 and not framing:
                found.append(" ".join(run if step == 1 else reversed(run)))
    return list(dict.fromkeys(found))


def years_in_season(
    tokens: list[str],
    taken: set[int],
    spans: Sequence[Span],
    lex: Lexicon,
    *,
    previous_ok: bool = False,
) -> bool:
    """Whether every year written is this season's, and a tournament's own where it is
    written next to one ("Clausura 2013" is last season's Clausura). With `previous_ok` (a
    question about the changes from the previous season), that season's name counts too:
    the data knows what changed between the two."""
    tournament_at: dict[int, str] = {}
    # "Subió a la Liga MX 2014-15", "promoted to Primera División 2014-15": the next season's
    # name right after a division gone to is where this season's promotion took a club (not
    # "how did UdeG do in Liga MX 2014-15", which asks about that season).
    division_end = {
        end
        for span in spans
        if span.of(Kind.DIVISION) and gone_to(tokens[max(0, span.start - 2) : span.start])
        for end in (span.end, span.end + 1)
        if end == span.end or tokens[span.end : span.end + 1] in (["en"], ["in"], ["for"])
    }
    for span in spans:
        for target in span.of(Kind.TOURNAMENT):
            for position in range(span.start - 1, span.end + 3):
                tournament_at.setdefault(position, target.value)
            break
    for i, token in enumerate(tokens):
        # "Clausura 2014-15": the name took "2014", and the "15" after it makes it a pair.
        paired = i + 1 < len(tokens) and i + 1 not in taken
        if i in taken and not (paired and _YEAR.match(token)):
            continue
        year: int | None = None
        if _YEAR.match(token) and paired and _TWO_DIGITS.match(tokens[i + 1]):
            # "2013-14" names this season; "2014-15" (its successor's name) does not.
            first = lex.season.season.start_date.year
            pair = (int(token), int(tokens[i + 1]))
            last_season = (first - 1, first % 100)
            next_season = (first + 1, (first + 2) % 100)
            destination = pair == next_season and i in division_end
            if pair == (first, (first + 1) % 100):
                continue  # "Clausura 2013-14": the season's name, not the Clausura's year
            if (previous_ok and pair == last_season) or destination:
                continue
            return False
        if i in taken:
            continue  # the name's own year, which its reading checked
        if _YEAR.match(token):
            year = int(token)
        elif _TWO_DIGITS.match(token) and i in tournament_at and i - 1 >= 0:
            previous = tokens[i - 1]
            if any(t.kind is Kind.TOURNAMENT for t in lex.keys.get(previous, ())):
                year = 2000 + int(token)
        if year is None:
            continue
        if year not in lex.season_years:
            # "2013-14" and "13/14" name this season; "2012-13" does not.
            return False
        tournament = tournament_at.get(i)
        if tournament is not None and year not in lex.tournament_years.get(tournament, {year}):
            return False
    return True


GONE_TO = frozenset({"to", "into", "a", "al"})


def gone_to(before: list[str]) -> bool:
    """The words before a division say it was gone to: "to", "a la", "into the"."""
    if before and before[-1] in ("la", "the"):
        before = before[:-1]
    return bool(before) and before[-1] in GONE_TO


def _only_opponent(slots: Slots, lex: Lexicon) -> str | None:
    """ "Did Necaxa score away in the Apertura final?": the one club it met there hosted its
    away game; with several opponents, which one is unsaid."""
    from knowledge.plans.execute import scope_ties
    from knowledge.plans.model import Scope

    club = slots.clubs[0]
    scope = Scope(tournaments=tuple(slots.tournaments), round=slots.round, clubs=(club,))
    opponents = {tie.outcome.opponent_of(club) for tie in scope_ties(lex.season, scope)}
    return opponents.pop() if len(opponents) == 1 else None


AT_A_CLUB = (
    ("at",),
    ("en", "casa", "de"),
    ("en", "casa", "del"),
    ("en", "cancha", "de"),
    ("en", "cancha", "del"),
)
"""Words before a club that say its ground hosted the leg picked."""


def leg_pick(
    tokens: list[str], taken: set[int], reading: Reading, slots: Slots, lex: Lexicon
) -> LegPick | None:
    """The one leg a question picks: "first leg", "ida"; "at home" with a club; a host
    city ("in Aguascalientes"); a score ("the 2-2"); the drawn ones. None when it picks none."""
    score = score_named(tokens, taken)
    home: str | None = None
    away: str | None = None
    if reading.host is not None and slots.clubs:
        # "Necaxa at home": Necaxa hosted; "UdeG away": the other club did.
        home = slots.clubs[0] if reading.host == "home" else None
        if reading.host == "away" and len(slots.clubs) > 1:
            home = slots.clubs[1]
        elif reading.host == "away":
            home = _only_opponent(slots, lex)
            away = slots.clubs[0] if home is None else None
    if home is None and reading.leg is not None and len(slots.clubs) == 1:
        # "The 2nd leg was played at Tecos?", "¿la ida fue en casa de Tecos?": its ground.
        for i in range(len(tokens)):
            for words in AT_A_CLUB:
                if tuple(tokens[i : i + len(words)]) == words and i + len(words) in taken:
                    home = slots.clubs[0]
    city = slots.city if slots.place_only and slots.stadium is None else None
    if (reading.leg, home, away, city, score) == (None,) * 5 and not reading.draw:
        return None
    return LegPick(
        number=reading.leg, home=home, away=away, city=city, score=score, draw=reading.draw
    )


_THOUSANDS = frozenset({"mil", "thousand", "k"})
_SEATS = re.compile(r"^(\d{1,6})(k?)$")
MIN_SEATS = 1000
"""Fewer is not a stadium's capacity but some other number ("more than 2 goals")."""


def seats_named(tokens: list[str]) -> tuple[int, frozenset[str]] | None:
    """A number of seats: "20000", "20 000" (folded from "20,000"), "20 mil", "20k"; with the
    words that wrote it."""
    for i, token in enumerate(tokens):
        found = _SEATS.match(token)
        if found is None:
            continue
        seats = int(found.group(1)) * (1000 if found.group(2) else 1)
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if len(after) == 3 and after.isdigit():
            seats = seats * 1000 + int(after)
        elif after in _THOUSANDS:
            seats *= 1000
        else:
            after = ""
        if seats >= MIN_SEATS:
            return seats, frozenset({token, after} - {""})
    return None


def score_named(tokens: list[str], taken: set[int]) -> tuple[int, int] | None:
    """ "2-2", "5 0", "4-1": two one-digit numbers side by side (folded text drops the dash)."""
    for i in range(len(tokens) - 1):
        if i in taken or i + 1 in taken:
            continue
        if _SCORE_DIGITS.match(tokens[i]) and _SCORE_PLURAL.match(tokens[i + 1]):
            later = tokens[i + 2] if i + 2 < len(tokens) and i + 2 not in taken else ""
            if _SCORE_DIGITS.match(tokens[i + 1]) and _SCORE_PLURAL.match(later):
                continue  # "5 0-0 games": five games that ended 0-0, no 5-0
            return int(tokens[i]), int(tokens[i + 1][0])
    return None


RANK_ARTICLES = frozenset({"el", "la", "the"})
TALLY_WORDS = frozenset({"points", "puntos", "pts", "games", "partidos", "juegos", "pj", "gp"})
_NUMBERED = re.compile(r"(?:#|\bno\.|\bn[uú]mero|\bnumber)\s*(\d{1,2})\b", re.IGNORECASE)


def rank_named(tokens: list[str], reading: Reading, text: str = "") -> int | None:
    """A rank: an ordinal ("5th", "3ro"), a number beside a rank word ("lugar 3"), or one
    numbered ("#1", "number 1"), in a question about the table."""
    if not reading.ratio_word:
        return None
    numbered = _NUMBERED.search(text)
    if numbered is not None:
        return int(numbered.group(1))
    for i, token in enumerate(tokens):
        match = _RANK.match(token)
        if match is None:
            continue
        beside = {tokens[j] for j in (i - 1, i + 1, i - 2) if 0 <= j < len(tokens)}
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        # "¿quién fue el 10 en la tabla?": a number after an article is a place, unless
        # another number follows it ("el 1 1" is a ratio, 1.1, as folded).
        placed = i > 0 and tokens[i - 1] in RANK_ARTICLES and not after.isdigit()
        # "¿Quién fue 13 en la tabla de descenso?": no ratio is that big, nor is it a tally
        # said beside its points or games.
        past_ratios = int(match.group(1)) > MAX_RATIO and not after.isdigit()
        bare = past_ratios and not beside & TALLY_WORDS
        if _ORDINAL.match(token) or beside & reading.rank_words or placed or bare:
            return int(match.group(1))
    # An ordinal in words ("finished second"; "2nd" is read as "second" too).
    for mark in reading.marks:
        if mark.cue.ordinal is not None and mark.cue.entity is None:
            return mark.cue.ordinal
    return None
