"""The words of questions, as data: one file per language in `knowledge/lexicon/`.

Each file lists phrases, each once, with every meaning it has (`asks` weights per intent, a
`part` asked, a `leg`, an `event`, an `extreme`, a `bound`, a `date_part`, a `not_in_data`
topic, and the flags `who`, `stadium_word`, `ratio_word`, `rank_word`), plus stop words, the
words that tell the language, round names, the words before a round reached, connectors and
synonyms. Files are merged: a phrase in two files keeps every meaning of both. Adding a
language is adding its file.

The vocabulary is language, not season facts, so it is read once per process; the season's
names live in the `Lexicon` the store builds with each load.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

from knowledge.bounded_yaml import load_packaged_yaml
from knowledge.models import ChangeEvent, RoundName
from knowledge.questions.model import Bound, DatePart, Extreme, Intent, OutOfScope, Part
from knowledge.questions.words import folded_words

MIN_FUZZY_LETTERS = 5
"""Shorter words are never corrected: one typo in a short word makes another word."""


@dataclass(frozen=True, slots=True)
class Cue:
    """What a phrase says."""

    weights: dict[Intent, float] = field(default_factory=dict)
    """How strongly the phrase asks for each intent."""
    parts: tuple[Part, ...] = ()
    leg: int | str | None = None
    """1 or 2 (first or second leg), "home"/"away" (the leg a club hosted), or "draw" (the
    legs that ended level)."""
    event: ChangeEvent | None = None
    extreme: Extreme | None = None
    bound: Bound | None = None
    """ "more than" or "less than": with a number of seats, a capacity bound."""
    reason: OutOfScope | None = None
    topic: str | None = None
    date_part: DatePart | None = None
    asks_who: bool = False
    """Asks for a club ("who", "which team", "de quién"): with a city or stadium, club_at."""
    stadium_word: bool = False
    """Names grounds or their size: with "biggest"/"smallest", the stadium extreme."""
    ratio_word: bool = False
    """Names the relegation ratio: with "lowest"/"best", the relegation extreme."""
    rank_word: bool = False
    """Says where a club finished ("quedó 14", "finished 12"): a number beside it, in a
    question about the table, is a rank (as beside a ratio word, "lugar 3")."""


@dataclass(frozen=True, slots=True)
class PairCue:
    """Two words anywhere in a question that together ask for an intent ("how" + "win")."""

    first: frozenset[str]
    second: frozenset[str]
    weights: dict[Intent, float]
    parts: tuple[Part, ...] = ()


@dataclass(frozen=True, slots=True)
class Vocabulary:
    phrases: dict[tuple[str, ...], Cue]
    prefixes: frozenset[tuple[str, ...]]
    """Every run of leading words of a phrase: where reading a phrase can stop."""
    longest: int
    cue_words: frozenset[str]
    fuzzy_cue_words: list[str]
    stop: frozenset[str]
    language_words: dict[str, frozenset[str]]
    weak_language_words: dict[str, frozenset[str]]
    fuzzy_language_words: list[str]
    rounds: dict[tuple[str, ...], RoundName]
    connectors: frozenset[str]
    cup_words: frozenset[str]
    tournament_synonyms: dict[str, str]
    division_synonyms: dict[str, str]
    pairs: tuple[PairCue, ...]
    reaching: frozenset[tuple[str, ...]] = frozenset()
    """Words that make the round after them the one reached ("a la final", "to the final"):
    the tie asked about is the one before it."""

    def is_function_word(self, word: str) -> bool:
        return word in self.stop or word in self.cue_words


def _tokens(phrase: str) -> tuple[str, ...]:
    return tuple(folded_words(phrase))


def _words(spec: Any) -> frozenset[str]:
    text = " ".join(spec) if isinstance(spec, list) else str(spec or "")
    return frozenset(folded_words(text))


def _phrase_set(spec: list[str]) -> frozenset[str]:
    """Words or two-word phrases, folded ("por que")."""
    return frozenset(" ".join(_tokens(str(item))) for item in spec)


def _cue(meaning: dict[str, Any]) -> Cue:
    not_in_data = meaning.get("not_in_data")
    reason: OutOfScope | None = None
    topic: str | None = None
    if not_in_data is not None:
        if not_in_data in OutOfScope.__members__.values():
            reason = OutOfScope(not_in_data)
        else:
            reason, topic = OutOfScope.NOT_IN_DATA, str(not_in_data)
    part = meaning.get("part")
    parts = tuple(Part(p) for p in ([part] if isinstance(part, str) else part or []))
    return Cue(
        weights={Intent(k): float(v) for k, v in (meaning.get("asks") or {}).items()},
        parts=parts,
        leg=meaning.get("leg"),
        event=ChangeEvent(meaning["event"]) if meaning.get("event") else None,
        extreme=meaning.get("extreme"),
        bound=meaning.get("bound"),
        reason=reason,
        topic=topic,
        date_part=meaning.get("date_part"),
        asks_who=bool(meaning.get("who")),
        stadium_word=bool(meaning.get("stadium_word")),
        ratio_word=bool(meaning.get("ratio_word")),
        rank_word=bool(meaning.get("rank_word")),
    )


def _merge(old: Cue | None, new: Cue) -> Cue:
    """A phrase in two files keeps the meanings of both."""
    if old is None:
        return new
    weights = dict(old.weights)
    for intent, weight in new.weights.items():
        weights[intent] = max(weights.get(intent, 0.0), weight)
    return replace(
        old,
        weights=weights,
        parts=tuple(dict.fromkeys(old.parts + new.parts)),
        leg=old.leg or new.leg,
        event=old.event or new.event,
        extreme=old.extreme or new.extreme,
        bound=old.bound or new.bound,
        reason=old.reason or new.reason,
        topic=old.topic or new.topic,
        date_part=old.date_part or new.date_part,
        asks_who=old.asks_who or new.asks_who,
        stadium_word=old.stadium_word or new.stadium_word,
        ratio_word=old.ratio_word or new.ratio_word,
        rank_word=old.rank_word or new.rank_word,
    )


def build(files: dict[str, dict[str, Any]]) -> Vocabulary:
    """The vocabulary from parsed data files, by language."""
    phrases: dict[tuple[str, ...], Cue] = {}
    rounds: dict[tuple[str, ...], RoundName] = {}
    language_words: dict[str, frozenset[str]] = {}
    weak: dict[str, frozenset[str]] = {}
    stop: set[str] = set()
    connectors: set[str] = set()
    cup_words: set[str] = set()
    tournament_synonyms: dict[str, str] = {}
    division_synonyms: dict[str, str] = {}
    pairs: list[PairCue] = []
    reaching: set[tuple[str, ...]] = set()
    for language, data in files.items():
        for phrase, meaning in (data.get("phrases") or {}).items():
            key = _tokens(str(phrase))
            phrases[key] = _merge(phrases.get(key), _cue(meaning or {}))
        for round_name, spellings in (data.get("rounds") or {}).items():
            for spelling in spellings:
                rounds[_tokens(str(spelling))] = RoundName(round_name)
        language_words[language] = _words(data.get("language_words"))
        weak[language] = _words(data.get("weak_language_words"))
        stop |= _words(data.get("stop_words"))
        connectors |= _words(data.get("connectors"))
        cup_words |= _words(data.get("cup_words"))
        reaching |= {_tokens(str(words)) for words in data.get("reaching") or ()}
        for synonyms, into in (
            (data.get("tournament_synonyms"), tournament_synonyms),
            (data.get("division_synonyms"), division_synonyms),
        ):
            for word, meaning in (synonyms or {}).items():
                into[" ".join(_tokens(str(word)))] = " ".join(_tokens(str(meaning)))
        for pair in data.get("pairs") or []:
            pairs.append(
                PairCue(
                    _phrase_set(pair["first"]),
                    _phrase_set(pair["second"]),
                    {Intent(k): float(v) for k, v in (pair.get("asks") or {}).items()},
                    tuple(Part(part) for part in pair.get("parts") or ()),
                )
            )
    cue_words = frozenset(word for phrase in phrases for word in phrase)
    every_language_word = frozenset().union(*language_words.values())
    return Vocabulary(
        phrases=phrases,
        prefixes=frozenset(phrase[:k] for phrase in phrases for k in range(1, len(phrase) + 1)),
        longest=max(len(phrase) for phrase in phrases),
        cue_words=cue_words,
        fuzzy_cue_words=sorted(
            word for word in cue_words if len(word) >= MIN_FUZZY_LETTERS and word.isalpha()
        ),
        stop=frozenset(stop),
        language_words=language_words,
        weak_language_words=weak,
        fuzzy_language_words=sorted(w for w in every_language_word if len(w) >= MIN_FUZZY_LETTERS),
        rounds=rounds,
        connectors=frozenset(connectors),
        cup_words=frozenset(cup_words),
        tournament_synonyms=tournament_synonyms,
        division_synonyms=division_synonyms,
        pairs=tuple(pairs),
        reaching=frozenset(reaching),
    )


def read_files() -> dict[str, dict[str, Any]]:
    """Every packaged vocabulary file, by its language."""
    folder = resources.files("knowledge") / "lexicon"
    found: dict[str, dict[str, Any]] = {}
    for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if entry.name.endswith(".yaml"):
            data = load_packaged_yaml(entry.read_text(encoding="utf-8"))
            found[str(data["language"])] = data
    return found


@functools.cache
def vocabulary() -> Vocabulary:
    """The packaged vocabulary, read once per process (it is not season data)."""
    return build(read_files())
