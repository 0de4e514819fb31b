"""Domain errors: what a fan can get wrong, as types.

Commands raise these; the one error handler in `bot` turns each into a friendly ephemeral
reply. They carry data (the query, the suggestions), never pre-rendered text, so the reply can
be written in the reader's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name the index knows, with how well it matched a query (0–100)."""

    key: str
    name: str
    score: float


NotFoundReason = Literal["blank", "too_long", "no_match", "former_name", "other_club"]


class KnowledgeError(Exception):
    """Base of every error a fan's input can cause."""


class NameNotFound(KnowledgeError):
    """No club or tournament matches the query well enough to be sure."""

    kind: Literal["club", "tournament"] = "club"

    def __init__(
        self,
        query: str,
        suggestions: Sequence[Candidate] = (),
        reason: NotFoundReason = "no_match",
        former_of: str | None = None,
        league: str | None = None,
    ) -> None:
        super().__init__(query)
        self.query = query
        self.suggestions = tuple(suggestions)
        self.reason: NotFoundReason = reason
        self.former_of = former_of
        """For a former name (e.g. Irapuato): the key of the club it became, if any."""
        self.league = league
        """For another league's club (e.g. Cruz Azul): that league, where the data names it."""


class ClubNotFound(NameNotFound):
    kind: Literal["club", "tournament"] = "club"


class TournamentNotFound(NameNotFound):
    kind: Literal["club", "tournament"] = "tournament"


class AmbiguousName(KnowledgeError):
    """Several names match about equally well: we ask rather than pick one."""

    kind: Literal["club", "tournament"] = "club"

    def __init__(self, query: str, candidates: Sequence[Candidate]) -> None:
        super().__init__(query)
        self.query = query
        self.candidates = tuple(candidates)


class AmbiguousClub(AmbiguousName):
    kind: Literal["club", "tournament"] = "club"


class AmbiguousTournament(AmbiguousName):
    kind: Literal["club", "tournament"] = "tournament"


class SameClubTwice(KnowledgeError):
    """A head-to-head of a club with itself."""

    def __init__(self, club: str) -> None:
        super().__init__(club)
        self.club = club
