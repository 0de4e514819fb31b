"""The words of questions, as data: one file per language in `knowledge/lexicon/`.

Each file lists phrases, each once, with every meaning it has (`asks` weights per intent, a
`part` asked, a `leg`, an `event`, an `extreme`, a `bound`, a `date_part`, a `not_in_data`
topic, and the flags `who`, `stadium_word`, `ratio_word`, `rank_word`), plus the words that
only frame a question (function words, fillers and fans' slang, greetings), fans' shorthand,
the words that change what is asked (`operators`: not, only, both, above...), the words that
tell the language, round names, the words before a round reached, connectors and synonyms.
A file is validated by `LexiconFile` (unknown keys are refused, as in the season files), and
files are merged: a phrase in two files keeps every meaning of both. Adding a language is
adding its file.

A phrase matches the words as typed, or, where none does, by their stems (`language.py`):
one entry "anotar" covers anotó, anotaron and the accent-free "anoto". Forms whose meaning
differs from their stem's ("score" the result, "scored" who scored) are entries of their own.

The vocabulary is language, not season facts, so it is read once per process; the season's
names live in the `Lexicon` the store builds with each load.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from importlib import resources
from typing import TYPE_CHECKING, Any

from knowledge.models import ChangeEvent, RoundName
from knowledge.names import folded_words
from knowledge.plans.model import Bound, Entity, Measure, Test
from knowledge.questions.language import stem_keys, zipf
from knowledge.questions.model import (
    DatePart,
    Extreme,
    Intent,
    Operator,
    OutOfScope,
    Part,
)

if TYPE_CHECKING:
    from knowledge.questions.lexicon_files import LexiconFile, Meaning

MIN_FUZZY_LETTERS = 5
"""Shorter words are never corrected: one typo in a short word makes another word."""
STEM_MAX_ZIPF = 5.5
"""Words this common are read as spelt, never by their stem: they are each spelt in the
vocabulary when they mean something, and theirs are the stems that collide ("parte" and
"partido" share "part")."""

# ---------------------------------------------------------------------------------------------
# The vocabulary, built from the files


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
    test: Test | None = None
    entity: Entity | None = None
    measure: Measure | None = None
    ordinal: int | None = None
    cardinal: int | None = None
    previous: bool = False
    crowd: bool = False
    """Counts people: capacity only beside a ground or a verb of fitting (`Meaning.crowd`)."""


@dataclass(frozen=True, slots=True)
class PairCue:
    """Two words anywhere in a question that together ask for an intent ("how" + "win")."""

    first: frozenset[str]
    second: frozenset[str]
    weights: dict[Intent, float]
    parts: tuple[Part, ...] = ()


StemKey = tuple[str, ...]
"""A phrase by its words' stems, one language-tagged stem per word ("es:anot",)."""


@dataclass(frozen=True, slots=True)
class Vocabulary:
    phrases: dict[tuple[str, ...], Cue]
    prefixes: frozenset[tuple[str, ...]]
    """Every run of leading words of a phrase: where reading a phrase can stop."""
    longest: int
    stemmed: dict[StemKey, Cue]
    """The phrases by their words' stems, for forms no entry spells."""
    stem_prefixes: frozenset[StemKey]
    cue_words: frozenset[str]
    cue_stems: frozenset[str]
    """Every stem key of a phrase's words: a word with one is a form of a keyword."""
    fuzzy_cue_words: list[str]
    stop: frozenset[str]
    filler: frozenset[str]
    content: frozenset[str]
    greetings: frozenset[str]
    shorthand: dict[str, tuple[str, ...]]
    operators: dict[str, Operator]
    question_words: frozenset[str]
    yes_no_openers: frozenset[tuple[str, ...]]
    yes_no_tags: frozenset[tuple[str, ...]]
    object_markers: frozenset[str]
    months: dict[str, int]
    language_words: dict[str, frozenset[str]]
    weak_language_words: dict[str, frozenset[str]]
    fuzzy_language_words: list[str]
    rounds: dict[tuple[str, ...], RoundName]
    connectors: frozenset[str]
    cup_words: frozenset[str]
    tournament_synonyms: dict[str, str]
    division_synonyms: dict[str, str]
    pairs: tuple[PairCue, ...]
    out_of_data_words: frozenset[str] = frozenset()
    """Words that appear only in phrases naming what the data lacks ("tiro" of "tiró los
    penales", "asistencia"): such a word outside its phrase still speaks of that, so it
    blocks rather than being trusted as a keyword ("tiros a gol")."""
    framing_phrase_words: frozenset[str] = frozenset()
    """Words only of phrases that frame ("días" of "buenos días"): outside one, such a word is
    no keyword ("¿cuántos días duró el Apertura?")."""
    reaching: frozenset[tuple[str, ...]] = frozenset()
    """Words that make the round after them the one reached ("a la final", "to the final"):
    the tie asked about is the one before it."""

    def is_function_word(self, word: str) -> bool:
        return word in self.stop or word in self.cue_words

    def is_keyword_form(self, word: str) -> bool:
        """A keyword, or a form of one by its stem ("anotamos" of "anotar"); the most common
        words of a language count only as spelt (`reading.stemmable`)."""
        if word in self.cue_words:
            return True
        return zipf(word) < STEM_MAX_ZIPF and bool(stem_keys(word) & self.cue_stems)

    def frames(self, word: str) -> bool:
        """Says nothing about what is asked: a function word, filler, slang, a greeting, or
        a word that only makes it a yes/no question ("…, true?")."""
        return (
            word in self.stop
            or word in self.filler
            or word in self.greetings
            or (word,) in self.yes_no_tags
            or (word,) in self.yes_no_openers
        )


def _tokens(phrase: str) -> tuple[str, ...]:
    return tuple(folded_words(phrase))


def _words(spec: str) -> frozenset[str]:
    return frozenset(folded_words(spec))


def _phrase_set(spec: Iterable[str]) -> frozenset[str]:
    """Words or two-word phrases, folded ("por que")."""
    return frozenset(" ".join(_tokens(str(item))) for item in spec)


def _cue(meaning: Meaning) -> Cue:
    reason: OutOfScope | None = None
    topic: str | None = None
    if meaning.not_in_data is not None:
        if meaning.not_in_data in OutOfScope.__members__.values():
            reason = OutOfScope(meaning.not_in_data)
        else:
            reason, topic = OutOfScope.NOT_IN_DATA, meaning.not_in_data
    part = meaning.part
    parts = tuple([part] if isinstance(part, Part) else part or [])
    return Cue(
        weights={intent: float(weight) for intent, weight in meaning.asks.items()},
        parts=parts,
        leg=meaning.leg,
        event=meaning.event,
        extreme=meaning.extreme,
        bound=meaning.bound,
        reason=reason,
        topic=topic,
        date_part=meaning.date_part,
        asks_who=meaning.who,
        stadium_word=meaning.stadium_word,
        ratio_word=meaning.ratio_word,
        rank_word=meaning.rank_word,
        test=meaning.test,
        entity=meaning.entity,
        measure=meaning.measure,
        ordinal=meaning.ordinal,
        cardinal=meaning.cardinal,
        previous=meaning.previous,
        crowd=meaning.crowd,
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
        test=old.test or new.test,
        entity=old.entity or new.entity,
        measure=old.measure or new.measure,
        ordinal=old.ordinal or new.ordinal,
        cardinal=old.cardinal or new.cardinal,
        previous=old.previous or new.previous,
        crowd=old.crowd or new.crowd,
    )


def _stem_keys_of(phrase: tuple[str, ...], language: str) -> list[StemKey]:
    """Every way to write a phrase's words by one stem each, in the phrase's own language."""
    per_word = []
    for word in phrase:
        mine = sorted(key for key in stem_keys(word) if key.startswith(f"{language}:"))
        if not mine:
            return []
        per_word.append(mine)
    return [tuple(choice) for choice in itertools.product(*per_word)]


def build(files: Mapping[str, Mapping[str, Any] | LexiconFile]) -> Vocabulary:
    """The vocabulary from vocabulary files (parsed data or validated), by language."""
    from knowledge.questions.lexicon_files import LexiconFile, validated

    phrases: dict[tuple[str, ...], Cue] = {}
    stemmed: dict[StemKey, Cue] = {}
    language_words: dict[str, frozenset[str]] = {}
    weak: dict[str, frozenset[str]] = {}
    sets: dict[str, set[Any]] = {name: set() for name in _SETS}
    maps: dict[str, dict[Any, Any]] = {name: {} for name in _MAPS}
    pairs: list[PairCue] = []
    for name, raw in files.items():
        data = raw if isinstance(raw, LexiconFile) else validated({"language": name, **raw})
        _read_phrases(data, phrases, stemmed)
        language_words[data.language] = _words(data.language_words)
        weak[data.language] = _words(data.weak_language_words)
        _read_words(data, sets, maps)
        pairs += [
            PairCue(
                _phrase_set(pair.first),
                _phrase_set(pair.second),
                {intent: float(weight) for intent, weight in pair.asks.items()},
                tuple(pair.parts),
            )
            for pair in data.pairs
        ]
    return _assemble(
        phrases,
        stemmed,
        language_words,
        weak,
        **{name: frozenset(found) for name, found in sets.items()},
        **maps,
        pairs=tuple(pairs),
    )


_SETS = (
    "stop",
    "filler",
    "content",
    "greetings",
    "question_words",
    "yes_no_openers",
    "yes_no_tags",
    "object_markers",
    "connectors",
    "cup_words",
    "reaching",
)
_MAPS = ("shorthand", "operators", "months", "rounds", "tournament_synonyms", "division_synonyms")


def _read_phrases(
    data: LexiconFile, phrases: dict[tuple[str, ...], Cue], stemmed: dict[StemKey, Cue]
) -> None:
    from knowledge.questions.lexicon_files import Meaning

    for phrase, meaning in data.phrases.items():
        key = _tokens(str(phrase))
        cue = _cue(meaning or Meaning())
        phrases[key] = _merge(phrases.get(key), cue)
        for stems in _stem_keys_of(key, data.language):
            stemmed[stems] = _merge(stemmed.get(stems), cue)


def _read_words(
    data: LexiconFile, sets: dict[str, set[Any]], maps: dict[str, dict[Any, Any]]
) -> None:
    """One file's word lists, merged into the others'."""
    sets["stop"] |= _words(data.stop_words)
    for name in ("filler", "content", "greetings", "question_words"):
        sets[name] |= _words(getattr(data, name))
    sets["yes_no_openers"] |= {(word,) for word in _words(data.yes_no_openers)}
    sets["yes_no_tags"] |= {_tokens(tag) for tag in data.yes_no_tags}
    for name in ("object_markers", "connectors", "cup_words"):
        sets[name] |= _words(" ".join(getattr(data, name)))
    sets["reaching"] |= {_tokens(str(words)) for words in data.reaching}
    for short, meaning_of in data.shorthand.items():
        maps["shorthand"][" ".join(_tokens(short))] = _tokens(meaning_of)
    for operator, spellings in data.operators.items():
        for spelling in spellings:
            maps["operators"][" ".join(_tokens(spelling))] = operator
    maps["months"] |= {" ".join(_tokens(name)): month for name, month in data.months.items()}
    for round_name, spellings in data.rounds.items():
        for spelling in spellings:
            maps["rounds"][_tokens(str(spelling))] = RoundName(round_name)
    for name in ("tournament_synonyms", "division_synonyms"):
        for word, meaning_text in getattr(data, name).items():
            maps[name][" ".join(_tokens(str(word)))] = " ".join(_tokens(str(meaning_text)))


def _other_roles(given: Mapping[str, Any]) -> frozenset[str]:
    """Words the vocabulary knows in a role besides its phrases ("copa" says a cup, "primer"
    an order): not words only of what the data lacks."""
    words = set(given["stop"] | given["filler"] | given["greetings"] | given["cup_words"])
    words |= set(given["operators"]) | set(given["months"]) | set(given["tournament_synonyms"])
    words |= {word for spelling in given["rounds"] for word in spelling}
    return frozenset(words)


def _assemble(
    phrases: dict[tuple[str, ...], Cue],
    stemmed: dict[StemKey, Cue],
    language_words: dict[str, frozenset[str]],
    weak_language_words: dict[str, frozenset[str]],
    **given: Any,
) -> Vocabulary:
    """The vocabulary from what the files give, with what follows from it worked out: the
    phrases' prefixes and words, the stems' prefixes, the words worth correcting typos into."""
    cue_words = frozenset(word for phrase in phrases for word in phrase)
    in_data = frozenset(
        word for phrase, cue in phrases.items() if cue.reason is None for word in phrase
    )
    meaningful = frozenset(
        word for phrase, cue in phrases.items() if cue != Cue() for word in phrase
    )
    every_language_word = frozenset().union(*language_words.values())
    return Vocabulary(
        phrases=phrases,
        prefixes=frozenset(phrase[:k] for phrase in phrases for k in range(1, len(phrase) + 1)),
        longest=max(len(phrase) for phrase in phrases),
        stemmed=stemmed,
        stem_prefixes=frozenset(key[:k] for key in stemmed for k in range(1, len(key) + 1)),
        cue_words=cue_words,
        out_of_data_words=cue_words - in_data - _other_roles(given),
        framing_phrase_words=cue_words - meaningful - given["stop"],
        cue_stems=frozenset(stem for key in stemmed for stem in key),
        fuzzy_cue_words=sorted(
            word for word in cue_words if len(word) >= MIN_FUZZY_LETTERS and word.isalpha()
        ),
        language_words=language_words,
        weak_language_words=weak_language_words,
        fuzzy_language_words=sorted(w for w in every_language_word if len(w) >= MIN_FUZZY_LETTERS),
        **given,
    )


# ---------------------------------------------------------------------------------------------
# The compiled vocabulary: what the bot reads


_CUE_DEFAULTS = Cue()


def _cue_data(cue: Cue) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in Cue.__dataclass_fields__:
        value = getattr(cue, name)
        if value == getattr(_CUE_DEFAULTS, name):
            continue
        if name == "weights":
            value = {str(intent): weight for intent, weight in sorted(value.items())}
        elif name == "parts":
            value = [str(part) for part in value]
        data[name] = str(value) if isinstance(value, StrEnum) else value
    return data


def _cue_of(data: Mapping[str, Any]) -> Cue:
    values = dict(data)
    values["weights"] = {Intent(k): float(v) for k, v in values.get("weights", {}).items()}
    values["parts"] = tuple(Part(part) for part in values.get("parts", ()))
    for name, kind in _ENUMS.items():
        if values.get(name) is not None:
            values[name] = kind(values[name])
    return Cue(**values)


_ENUMS: dict[str, type[StrEnum]] = {
    "event": ChangeEvent,
    "reason": OutOfScope,
    "test": Test,
    "entity": Entity,
    "measure": Measure,
}


def compiled(vocabulary_: Vocabulary) -> dict[str, Any]:
    """The vocabulary as JSON data: its phrases, stems and word lists, everything the bot
    reads (what can be worked out from those is worked out again on load)."""
    table: dict[str, int] = {}
    datas: list[dict[str, Any]] = []

    def index(cue: Cue) -> int:
        data = _cue_data(cue)
        key = json.dumps(data, sort_keys=True)
        if key not in table:
            table[key] = len(datas)
            datas.append(data)
        return table[key]

    phrases = sorted([list(phrase), index(cue)] for phrase, cue in vocabulary_.phrases.items())
    stemmed = sorted([list(key), index(cue)] for key, cue in vocabulary_.stemmed.items())
    return {
        "cues": datas,
        "phrases": phrases,
        "stemmed": stemmed,
        "stop": sorted(vocabulary_.stop),
        "filler": sorted(vocabulary_.filler),
        "content": sorted(vocabulary_.content),
        "greetings": sorted(vocabulary_.greetings),
        "shorthand": {k: list(v) for k, v in sorted(vocabulary_.shorthand.items())},
        "operators": {k: str(v) for k, v in sorted(vocabulary_.operators.items())},
        "question_words": sorted(vocabulary_.question_words),
        "yes_no_openers": sorted(list(words) for words in vocabulary_.yes_no_openers),
        "yes_no_tags": sorted(list(words) for words in vocabulary_.yes_no_tags),
        "object_markers": sorted(vocabulary_.object_markers),
        "months": dict(sorted(vocabulary_.months.items())),
        "language_words": {k: sorted(v) for k, v in sorted(vocabulary_.language_words.items())},
        "weak_language_words": {
            k: sorted(v) for k, v in sorted(vocabulary_.weak_language_words.items())
        },
        "rounds": sorted([list(words), str(name)] for words, name in vocabulary_.rounds.items()),
        "connectors": sorted(vocabulary_.connectors),
        "cup_words": sorted(vocabulary_.cup_words),
        "tournament_synonyms": dict(sorted(vocabulary_.tournament_synonyms.items())),
        "division_synonyms": dict(sorted(vocabulary_.division_synonyms.items())),
        "pairs": [
            {
                "first": sorted(pair.first),
                "second": sorted(pair.second),
                "weights": {str(k): v for k, v in sorted(pair.weights.items())},
                "parts": [str(part) for part in pair.parts],
            }
            for pair in vocabulary_.pairs
        ],
        "reaching": sorted(list(words) for words in vocabulary_.reaching),
    }


def from_compiled(data: Mapping[str, Any]) -> Vocabulary:
    cues = [_cue_of(cue) for cue in data["cues"]]
    return _assemble(
        {tuple(words): cues[index] for words, index in data["phrases"]},
        {tuple(key): cues[index] for key, index in data["stemmed"]},
        {k: frozenset(v) for k, v in data["language_words"].items()},
        {k: frozenset(v) for k, v in data["weak_language_words"].items()},
        stop=frozenset(data["stop"]),
        filler=frozenset(data["filler"]),
        content=frozenset(data["content"]),
        greetings=frozenset(data["greetings"]),
        shorthand={k: tuple(v) for k, v in data["shorthand"].items()},
        operators={k: Operator(v) for k, v in data["operators"].items()},
        question_words=frozenset(data["question_words"]),
        yes_no_openers=frozenset(tuple(words) for words in data["yes_no_openers"]),
        yes_no_tags=frozenset(tuple(words) for words in data["yes_no_tags"]),
        object_markers=frozenset(data["object_markers"]),
        months=dict(data["months"]),
        rounds={tuple(words): RoundName(name) for words, name in data["rounds"]},
        connectors=frozenset(data["connectors"]),
        cup_words=frozenset(data["cup_words"]),
        tournament_synonyms=dict(data["tournament_synonyms"]),
        division_synonyms=dict(data["division_synonyms"]),
        pairs=tuple(
            PairCue(
                frozenset(pair["first"]),
                frozenset(pair["second"]),
                {Intent(k): float(v) for k, v in pair["weights"].items()},
                tuple(Part(part) for part in pair["parts"]),
            )
            for pair in data["pairs"]
        ),
        reaching=frozenset(tuple(words) for words in data["reaching"]),
    )


@functools.cache
def vocabulary() -> Vocabulary:
    """The packaged vocabulary, read once per process (it is not season data): compiled from
    the vocabulary files by `tools/compile_lexicon.py` into JSON, which loads in a millisecond
    or two where the YAML files, validated and stemmed, take some 40 ms (benchmarks/README)."""
    entry = resources.files("knowledge") / "lexicon" / "compiled.json"
    return from_compiled(json.loads(entry.read_text(encoding="utf-8")))
