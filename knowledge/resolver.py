"""Turning what a fan typed into a club (or tournament) of the season, or an honest "not sure".

Order: an exact alias after folding, then rapidfuzz over every alias with a score
cutoff. The index never guesses: below the cutoff, or when the two best clubs score within a
margin of each other, the answer is not-found or ambiguous, with suggestions. Former names
from the season's changes (Irapuato, Toros Neza...) and the other league's clubs (Chivas,
Rayados...) are known too, so "Irapuato" is refused with a pointer to Zacatepec, and
"Rayados" is refused rather than fuzzily matched to Necaxa's "Rayos".

The same index serves autocomplete, where loose matching is harmless: the fan picks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Indel

from knowledge.consistency import club_names, leads
from knowledge.errors import (
    AmbiguousClub,
    AmbiguousName,
    AmbiguousTournament,
    Candidate,
    ClubNotFound,
    NameNotFound,
    NotFoundReason,
    TournamentNotFound,
)
from knowledge.models import Season
from knowledge.names import compact, fold

MAX_CHOICE_CHARS = 100
"""Discord's limit on an autocomplete choice's label and value."""
MAX_QUERY_CHARS = MAX_CHOICE_CHARS
"""Longer input is not a name: a name picked from the choices is at most a choice value long."""
MIN_FUZZY_CHARS = 4
"""Below this, one typo is a different name (UAT, UAG): short input must match exactly."""
CUTOFF = 75.0
"""Lowest fuzzy score that may resolve a name.

Scores are optimal-string-alignment similarity (0–100): an edit distance in which swapping
two neighbouring letters ("Mreida") is one typo, not two, so swaps stay close to the name
they garble and far from other clubs' names ("Morelia")."""
MARGIN = 12.0
"""The runner-up must trail the best by more than this, or we ask instead of picking.

Real typos of this season's names lead their runner-up by 25 points or more; 12 refuses
"Rayados" (Monterrey), which scores 83.3 on Necaxa's "Rayos" but 71.4 on "Dorados"."""
MAX_EDITS = 6
"""A fuzzy match may differ from the name it meets by at most this many inserted or deleted
characters (a wrong letter counts two). Real typos and abbreviations of this season's names
need at most 4 ("Cruz Azul Hgo")."""
RANKED = 16
"""How many fuzzy candidates to consider: enough for suggestions after de-duplication."""
SUGGEST_CUTOFF = 55.0
"""Lowest score worth suggesting when we refuse."""
MAX_SUGGESTIONS = 5
COMPLETE_CUTOFF = 75.0
"""Lowest fuzzy score for an autocomplete choice that is not a prefix match."""
MAX_CHOICES = 25
"""Discord's limit on autocomplete choices."""


@dataclass(frozen=True, slots=True)
class Entry:
    """Something a name can resolve to: its key, its display name and every name for it."""

    key: str
    name: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Unlisted:
    """A name that is not a club (or tournament) of this season, known so it can be refused
    outright: a former name (with the key of what it became), or another league's club."""

    name: str
    became: str | None
    """What a former name became; for another league's club, the club of this season whose
    name it begins, if any (Cruz Azul -> Cruz Azul Hidalgo), to point the fan to."""
    reason: NotFoundReason
    league: str | None = None


@dataclass(frozen=True, slots=True)
class Found:
    key: str
    name: str
    matched: str
    """The alias that matched, as written in the data."""
    score: float
    exact: bool


@dataclass(frozen=True, slots=True)
class Choice:
    """An autocomplete choice: `label` is shown, `value` is sent back (and resolves exactly)."""

    label: str
    value: str
    key: str


@dataclass(frozen=True, slots=True)
class _Alias:
    key: str
    """The entry's key; for an unlisted name, the key of what it became, or ""."""
    written: str
    unlisted: NotFoundReason | None = None
    league: str | None = None
    squeezed: str = ""
    """The folded name without spaces: the form fuzzy matching compares."""
    numbers: frozenset[str] = frozenset()


_NUMBER = re.compile(r"\d+")
_LETTER = re.compile(r"[^\W\d_]")


def plausible_typo(folded: str, alias: _Alias) -> bool:
    """Could `folded` be a misspelling of the alias, rather than another name that shares
    letters? Numbers must be the name's own ("Apertura 2014" is not "Apertura 2013"), and
    only a few characters may differ ("Mineros de Zacatecas" scores 80 against "Cañeros de
    Zacatepec", but is 8 edits away)."""
    if not set(_NUMBER.findall(folded)) <= alias.numbers:
        return False
    return Indel.distance(compact(folded), alias.squeezed, score_cutoff=MAX_EDITS) <= MAX_EDITS


def _alias(
    key: str, written: str, unlisted: NotFoundReason | None = None, league: str | None = None
) -> _Alias:
    folded = fold(written)
    numbers = frozenset(_NUMBER.findall(folded))
    return _Alias(key, written, unlisted, league, compact(folded), numbers)


class NameIndex:
    """Exact and fuzzy lookup over the names of a set of entries."""

    not_found: type[NameNotFound] = NameNotFound
    ambiguous: type[AmbiguousName] = AmbiguousName

    def __init__(self, entries: Iterable[Entry], unlisted: Iterable[Unlisted] = ()) -> None:
        self._entries = {entry.key: entry for entry in entries}
        self._exact: dict[str, _Alias] = {}
        fuzzy: dict[tuple[str, _Alias], None] = {}
        for entry in self._entries.values():
            for written in entry.names:
                self._add(_alias(entry.key, written), fuzzy)
        for other in unlisted:
            self._add(_alias(other.became or "", other.name, other.reason, other.league), fuzzy)
        # The first words of a name, where they are not a whole name themselves: the keys of
        # the entries whose names begin so. Words that begin two entries' names ("Estudiantes":
        # Estudiantes Tecos, Estudiantes de Altamira; "Universidad") are answered with both.
        self._leading: dict[str, dict[str, str]] = {}
        for entry in self._entries.values():
            for written in entry.names:
                words = fold(written).split()
                for end in range(1, len(words)):
                    begun = self._leading.setdefault(" ".join(words[:end]), {})
                    begun.setdefault(entry.key, written)
        # Fuzzy scoring compares spaceless forms: "U de G", "U.deG" and "udeg" are one typo
        # apart at most, and one pass over one list is what keeps a lookup in microseconds.
        self._choices = [form for form, _ in fuzzy]
        self._choice_alias = [alias for _, alias in fuzzy]
        # Autocomplete runs on every keystroke: fold every name once, here. Per entry: its
        # folded canonical name (the sort key), and each folded name with its spaceless form
        # and the first spelling that folds to it (shown in the choice's label).
        self._canonical = {key: fold(entry.name) for key, entry in self._entries.items()}
        self._completions: dict[str, tuple[tuple[str, str], ...]] = {}
        self._written: dict[str, dict[str, str]] = {}
        for key, entry in self._entries.items():
            spellings: dict[str, str] = {}
            for name in entry.names:
                spellings.setdefault(fold(name), name)
            self._written[key] = spellings
            self._completions[key] = tuple((name, compact(name)) for name in spellings)

    def _add(self, alias: _Alias, fuzzy: dict[tuple[str, _Alias], None]) -> None:
        folded = fold(alias.written)
        if not folded:
            return
        for form in (folded, alias.squeezed):
            # A club's own name wins over an unlisted name spelled the same way.
            existing = self._exact.get(form)
            if existing is None or (existing.unlisted and not alias.unlisted):
                self._exact[form] = alias
        fuzzy[(alias.squeezed, alias)] = None

    @property
    def entries(self) -> Sequence[Entry]:
        return tuple(self._entries.values())

    def entry(self, key: str) -> Entry:
        return self._entries[key]

    def resolve(self, query: str) -> Found:
        """The one entry `query` names. Raises `not_found` or `ambiguous` when not sure."""
        if len(query) > MAX_QUERY_CHARS:
            raise self.not_found(query[:MAX_QUERY_CHARS], reason="too_long")
        folded = fold(query)
        if not folded:
            raise self.not_found(query, reason="blank")
        squeezed = compact(folded)
        alias = self._exact.get(folded) or self._exact.get(squeezed)
        if alias is not None:
            return self._found_or_refused(query, alias, 100.0, exact=True)
        leading = self._leading.get(folded, {})
        if len(leading) > 1:
            named = sorted(leading.items(), key=lambda item: self._entries[item[0]].name)
            raise self.ambiguous(query, [self._named(key, written) for key, written in named])
        # Short input and bare numbers are never fuzzy: "UAT" is one letter from "UAG".
        fuzzy_ok = len(squeezed) >= MIN_FUZZY_CHARS and _LETTER.search(squeezed) is not None
        ranked = self._rank(squeezed) if fuzzy_ok else []
        if not ranked or ranked[0][1] < CUTOFF or not plausible_typo(folded, ranked[0][0]):
            raise self.not_found(query, self._suggestions(ranked))
        best, best_score = ranked[0]
        close = [(alias, score) for alias, score in ranked if score > best_score - MARGIN]
        if len(close) > 1:
            raise self.ambiguous(query, [self._candidate(a, s) for a, s in close[:MAX_SUGGESTIONS]])
        return self._found_or_refused(query, best, best_score, exact=False)

    def _found_or_refused(self, query: str, alias: _Alias, score: float, exact: bool) -> Found:
        if alias.unlisted is not None:
            suggestions = [self._candidate(alias, score)] if alias.key else []
            former = alias.key if alias.unlisted == "former_name" and alias.key else None
            raise self.not_found(
                query, suggestions, reason=alias.unlisted, former_of=former, league=alias.league
            )
        entry = self._entries[alias.key]
        return Found(entry.key, entry.name, alias.written, score, exact)

    def _named(self, key: str, written: str) -> Candidate:
        """The entry, with the name the fan's words began where it is not the usual one:
        "Altamira (Estudiantes de Altamira)"."""
        name = self._entries[key].name
        shown = name if fold(written) == fold(name) else f"{name} ({written})"
        return Candidate(key, shown, 100.0)

    def _candidate(self, alias: _Alias, score: float) -> Candidate:
        name = self._entries[alias.key].name if alias.key else alias.written
        return Candidate(alias.key, name, round(score, 1))

    def _suggestions(self, ranked: list[tuple[_Alias, float]]) -> list[Candidate]:
        """Entries worth offering, once each; a former name stands for what it became."""
        suggestions: dict[str, Candidate] = {}
        for alias, score in ranked:
            if alias.key and score >= SUGGEST_CUTOFF and alias.key not in suggestions:
                suggestions[alias.key] = self._candidate(alias, score)
        return list(suggestions.values())[:MAX_SUGGESTIONS]

    def _rank(self, squeezed: str) -> list[tuple[_Alias, float]]:
        """Best score per entry (each unlisted name counts as its own), best first."""
        best: dict[tuple[str, str], tuple[_Alias, float]] = {}
        for _, similarity, index in process.extract(
            squeezed,
            self._choices,
            scorer=OSA.normalized_similarity,
            limit=RANKED,
            score_cutoff=SUGGEST_CUTOFF / 100,
        ):
            score = similarity * 100
            alias = self._choice_alias[index]
            slot = (alias.key, alias.written if alias.unlisted else "")
            if slot not in best:  # results come best first
                best[slot] = (alias, score)
        return list(best.values())

    def complete(self, text: str, limit: int = MAX_CHOICES) -> list[Choice]:
        """Up to `limit` choices for a partly typed name, best first."""
        limit = min(limit, MAX_CHOICES)
        folded = fold(text[:MAX_QUERY_CHARS])
        if not folded:
            ordered = sorted(self._entries, key=self._canonical.__getitem__)
            return [self._choice(key, self._canonical[key]) for key in ordered[:limit]]
        scored: list[tuple[float, str, str]] = []
        for key, names in self._completions.items():
            score, matched = self._completion_score(folded, names)
            if score > 0:
                scored.append((score, key, matched))
        scored.sort(key=lambda item: (-item[0], self._canonical[item[1]]))
        return [self._choice(key, matched) for _, key, matched in scored[:limit]]

    @staticmethod
    def _completion_score(folded: str, names: tuple[tuple[str, str], ...]) -> tuple[float, str]:
        """Prefixes beat word prefixes beat fuzzy partial matches."""
        best: tuple[float, str] = (0.0, names[0][0])
        squeezed = compact(folded)
        for name, name_squeezed in names:
            if name.startswith(folded) or name_squeezed.startswith(squeezed):
                score = 200.0 - len(name) / 10
            elif any(word.startswith(folded) for word in name.split()):
                score = 150.0 - len(name) / 10
            else:
                # Typos in a partly typed name: only close partial matches are worth a slot.
                score = fuzz.partial_ratio(folded, name) if len(folded) >= 3 else 0.0
                score = score if score >= COMPLETE_CUTOFF else 0.0
            if score > best[0]:
                best = (score, name)
        return best

    def _choice(self, key: str, matched: str) -> Choice:
        """`matched` is a folded name of the entry; the label shows how the data spells it."""
        entry = self._entries[key]
        written = self._written[key].get(matched, entry.name)
        label = entry.name if matched == self._canonical[key] else f"{entry.name} ({written})"
        return Choice(
            label=label[:MAX_CHOICE_CHARS], value=entry.name[:MAX_CHOICE_CHARS], key=entry.key
        )


class ClubIndex(NameIndex):
    not_found = ClubNotFound
    ambiguous = AmbiguousClub

    @classmethod
    def for_season(cls, season: Season) -> ClubIndex:
        entries = [Entry(club.id, club.name, club.names) for club in season.clubs]
        unlisted = [
            Unlisted(change.subject, change.club, "former_name") for change in season.changes
        ]
        if season.other_clubs is not None:
            league = season.other_clubs.league
            names = [(club, words) for club, _, words in club_names(season)]
            for name in season.other_clubs.names:
                words = tuple(fold(name).split())
                begun = {club for club, longer in names if leads(words, longer)}
                similar = begun.pop() if len(begun) == 1 else None
                unlisted.append(Unlisted(name, similar, "other_club", league))
        return cls(entries, unlisted)


class TournamentIndex(NameIndex):
    not_found = TournamentNotFound
    ambiguous = AmbiguousTournament

    @classmethod
    def for_season(cls, season: Season) -> TournamentIndex:
        return cls(
            Entry(c.id, c.name, tuple(dict.fromkeys((c.name, c.id, *c.aliases))))
            for c in season.competitions
        )
