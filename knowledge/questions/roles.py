"""Clubs named by their role in a tournament: "el campeón del Clausura", "the Apertura
finalists", "el subcampeón del Clausura".

A fan asks about the club through what it did ("capacidad del estadio del campeón del
Clausura", "did both Apertura finalists make the Clausura semis?"). The question is read
again with the role replaced by the clubs that held it, and the reply says so. Whether that
reading answers better than the first is the caller's to judge: "who was the Apertura
champion?" asks the role itself, and reads as nothing once UdeG stands in for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.models import Season
from knowledge.plans.model import Test
from knowledge.queries import bracket
from knowledge.questions.lexicon import Kind, Lexicon
from knowledge.questions.words import words

ROLES = {
    "champion": "champion",
    "champions": "champion",
    "campeon": "champion",
    "winner": "champion",
    "ganador": "champion",
    "finalist": "finalists",
    "finalists": "finalists",
    "finalista": "finalists",
    "finalistas": "finalists",
    "subcampeon": "runner_up",
    "runnerup": "runner_up",
    "champs": "champion",
}
"""The roles a tournament gives its clubs, by the words that name one (folded)."""
SEASON_ROLES = {
    "promoted": "promoted",
    "ascendido": "promoted",
    "relegated": "relegated",
    "descendido": "relegated",
}
"""The roles the season gives its clubs, said as a word of the club ("the promoted team",
"el equipo descendido"); said by a verb, they are read by the lexicon's tests ("el equipo
que descendió", "the team that went up")."""
FATES = {Test.PROMOTED: "promoted", Test.RELEGATED: "relegated"}
CLUB_WORDS = frozenset({"team", "club", "side", "one", "equipo", "uno"})
RELATIVES = frozenset({"that", "which", "who", "que", "quien"})

BETWEEN = frozenset({"del", "de", "la", "el", "of", "the", "in", "en", "s"})
"""Words that may stand between a role and its tournament ("el campeón del Clausura",
"the champion of the Apertura")."""
REACH = 3
PREDICATING = frozenset(
    {"fue", "fueron", "es", "son", "era", "eran", "was", "were", "is", "are", "quedo", "became"}
)
"""Words that make the role a thing said of a club, not a name for one."""


@dataclass(frozen=True, slots=True)
class Role:
    role: str
    tournament: str
    clubs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RolesRead:
    text: str
    """The question with each role replaced by its clubs' names."""
    roles: tuple[Role, ...]


def read_roles(question: str, season: Season, lex: Lexicon, joiner: str) -> RolesRead | None:
    """The question with its roles replaced by the clubs that held them, or None when it
    names none. `joiner` joins two clubs ("and", "y")."""
    tokens = words(question)
    found: list[tuple[int, int, Role]] = []
    for i, token in enumerate(tokens):
        role = ROLES.get(token)
        if role is None or any(start <= i < end for start, end, _ in found):
            continue
        at = _tournament_near(tokens, i, lex)
        if at is None:
            continue
        start, end = min(i, at), max(i, at) + 1
        while start > 0 and tokens[start - 1] in ("el", "la", "los", "las", "the", "both"):
            start -= 1  # "los dos finalistas": the article goes with the role
        if start > 0 and tokens[start - 1] in ("dos", "two") and role == "finalists":
            start -= 1
            while start > 0 and tokens[start - 1] in ("los", "the"):
                start -= 1
        if _predicated(tokens, start, lex):
            continue  # "¿Necaxa fue campeón del Apertura?": the role is what is claimed
        tournament = _tournament(tokens[at], lex)
        assert tournament is not None
        found.append((start, end, Role(role, tournament, _holders(season, role, tournament))))
    found += _season_roles(tokens, season, lex, found)
    if not found:
        return None
    rewritten: list[str] = []
    position = 0
    for start, end, held in sorted(found, key=lambda item: item[0]):
        rewritten += tokens[position:start]
        names = [season.club(club).short_name for club in held.clubs]
        rewritten.append(f" {joiner} ".join(names))
        position = end
    rewritten += tokens[position:]
    # Its words are folded; its question marks are kept, which say a yes/no question.
    text = " ".join(rewritten)
    text = ("¿" if question.lstrip().startswith("¿") else "") + text
    text += "?" if question.rstrip().endswith("?") else ""
    return RolesRead(text, tuple(held for _, _, held in found))


def _season_roles(
    tokens: list[str], season: Season, lex: Lexicon, found: list[tuple[int, int, Role]]
) -> list[tuple[int, int, Role]]:
    """ "The promoted team", "el equipo descendido", "el equipo que descendió", "the team
    that went up": a club named by its fate in the season (the role's tournament is none)."""
    roles: list[tuple[int, int, Role]] = []
    for i in range(len(tokens)):
        if any(start <= i < end for start, end, _ in found + roles):
            continue
        role, end = _fate_at(tokens, i, lex)
        if role is None:
            continue
        start = i
        while start > 0 and tokens[start - 1] in ("el", "la", "los", "the"):
            start -= 1
        if _predicated(tokens, start, lex):
            continue  # "¿Zacatepec fue el equipo descendido?": the fate is what is claimed
        roles.append((start, end, Role(role, "", _fated(season, role))))
    return roles


def _fate_at(tokens: list[str], i: int, lex: Lexicon) -> tuple[str | None, int]:
    """The fate a club is named by from position `i`, and where its words end."""
    token = tokens[i]
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    if token in SEASON_ROLES and after in CLUB_WORDS:
        return SEASON_ROLES[token], i + 2  # "the promoted team"
    if token in CLUB_WORDS and after in SEASON_ROLES:
        return SEASON_ROLES[after], i + 2  # "el equipo descendido"
    if token in CLUB_WORDS and after in RELATIVES:
        for length in (3, 2, 1):  # "that got relegated", "que se fue", "que descendió"
            said = tuple(tokens[i + 2 : i + 2 + length])
            cue = lex.vocabulary.phrases.get(said)
            if len(said) == length and cue is not None and cue.test in FATES:
                return FATES[cue.test], i + 2 + length
    return None, i


def _fated(season: Season, role: str) -> tuple[str, ...]:
    if role == "promoted":
        return tuple(season.season.promoted)
    return tuple(relegated.club for relegated in season.season.relegated)


def _predicated(tokens: list[str], start: int, lex: Lexicon) -> bool:
    """Whether the role is said of a club, not a name for one: "fue campeón", "was Necaxa
    the Apertura champion", "¿Necaxa fue el campeón?" (a verb of being before it, with at
    most a club and articles between)."""
    j = start - 1
    while j >= 0:
        if tokens[j] in ("a", "an", "the", "el", "la", "un", "una"):
            j -= 1
            continue
        # A club's name, of up to three words ("Ballenas Galeana").
        named = [
            size
            for size in (3, 2, 1)
            if j - size + 1 >= 0
            and any(
                t.kind is Kind.CLUB
                for t in lex.keys.get(" ".join(tokens[j - size + 1 : j + 1]), ())
            )
        ]
        if not named:
            break
        j -= named[0]
    return j >= 0 and tokens[j] in PREDICATING


def _tournament_near(tokens: list[str], at: int, lex: Lexicon) -> int | None:
    """Where the role's tournament is said: right after it, past "del"/"of the", or right
    before it ("the Apertura champion")."""
    j = at + 1
    while j < len(tokens) and j - at <= REACH and tokens[j] in BETWEEN:
        j += 1
    if j < len(tokens) and j - at <= REACH and _tournament(tokens[j], lex) is not None:
        return j
    before = at - 1
    if before >= 0 and _tournament(tokens[before], lex) is not None:
        return before
    return None


def _tournament(token: str, lex: Lexicon) -> str | None:
    """A liguilla named by one word ("apertura", "clausura"); "campeón de ascenso" is the
    promotion final's own name, no role."""
    targets = [t for t in lex.keys.get(token, ()) if t.kind is Kind.TOURNAMENT]
    liguillas = {c.id for c in lex.season.competitions if c.kind == "liguilla"}
    return targets[0].value if len(targets) == 1 and targets[0].value in liguillas else None


def _holders(season: Season, role: str, tournament: str) -> tuple[str, ...]:
    played = bracket(season, tournament)
    if role == "champion":
        return (played.champion,)
    if role == "runner_up":
        return (played.runner_up,)
    return played.final.clubs
