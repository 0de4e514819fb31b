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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from knowledge.bounded_yaml import Limits, load_packaged_yaml, read_document
from knowledge.models import ChangeEvent, RoundName
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
from knowledge.questions.words import folded_words

MIN_FUZZY_LETTERS = 5
"""Shorter words are never corrected: one typo in a short word makes another word."""
STEM_MAX_ZIPF = 5.5
"""Words this common are read as spelt, never by their stem: they are each spelt in the
vocabulary when they mean something, and theirs are the stems that collide ("parte" and
"partido" share "part")."""

# ---------------------------------------------------------------------------------------------
# The schema of a vocabulary file


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Meaning(_Strict):
    """What one phrase says."""

    asks: dict[Intent, float] = Field(default_factory=dict)
    part: Part | list[Part] | None = None
    leg: Literal[1, 2, "home", "away", "draw"] | None = None
    event: ChangeEvent | None = None
    extreme: Extreme | None = None
    bound: Bound | None = None
    not_in_data: str | None = None
    date_part: DatePart | None = None
    who: bool = False
    stadium_word: bool = False
    ratio_word: bool = False
    rank_word: bool = False
    test: Test | None = None
    """What a club, leg or tie did, for a plan's conditions ("scored", "perdió")."""
    entity: Entity | None = None
    """What a question selects ("which game", "qué equipo")."""
    measure: Measure | None = None
    """What a question ranks or counts by ("earliest": minute, "aforo": capacity)."""
    ordinal: int | None = Field(default=None, ge=1, le=99)
    """A place in an order ("quinto", "opened the scoring")."""
    previous: bool = False
    """Names the previous season ("the season before", "temporada pasada"): promotion and
    relegation asked with it are last season's changes."""


class PairSpec(_Strict):
    first: list[str] = Field(min_length=1)
    second: list[str] = Field(min_length=1)
    asks: dict[Intent, float] = Field(default_factory=dict)
    parts: list[Part] = Field(default_factory=list)


class LexiconFile(_Strict):
    """One language's vocabulary file."""

    language: str = Field(pattern=r"^[a-z]{2,3}$")
    language_words: str = ""
    """Words that tell a question's language."""
    weak_language_words: str = ""
    """Words of the language that names in other languages carry too ("de", "la")."""
    stop_words: str = ""
    """Function words: they say nothing about what is asked."""
    filler: str = ""
    """Words that only frame a question: discourse markers and fans' slang (lol, ngl, neta)."""
    content: str = ""
    """Words common enough to pass for framing words that still carry meaning ("old",
    "time", "women"): a question with one the answer does not use is not answered as if the
    word were not there."""
    greetings: str = ""
    """Hello, thanks and goodbye: a question of these alone gets a friendly word back."""
    shorthand: dict[str, str] = Field(default_factory=dict)
    """Fans' abbreviations and the words they stand for ("agg": "aggregate")."""
    operators: dict[Operator, list[str]] = Field(default_factory=dict)
    """Words that change what is asked; an answer that cannot honour one is refused."""
    question_words: str = ""
    """Words that open a question for something (who, when, quién): not a yes/no one."""
    yes_no_openers: str = ""
    """Words that open a yes/no question ("did", "was"; "neta")."""
    yes_no_tags: list[str] = Field(default_factory=list)
    """Words that end a yes/no question ("right", "didn't they", "o no", "verdad")."""
    object_markers: list[str] = Field(default_factory=list)
    """Words before the club something was done to ("a la UdeG", "against Tecos")."""
    months: dict[str, int] = Field(default_factory=dict)
    connectors: list[str] = Field(default_factory=list)
    reaching: list[str] = Field(default_factory=list)
    cup_words: list[str] = Field(default_factory=list)
    tournament_synonyms: dict[str, str] = Field(default_factory=dict)
    division_synonyms: dict[str, str] = Field(default_factory=dict)
    pairs: list[PairSpec] = Field(default_factory=list)
    rounds: dict[RoundName, list[str]] = Field(default_factory=dict)
    phrases: dict[str, Meaning | None] = Field(default_factory=dict)


class LexiconInvalid(ValueError):
    """A vocabulary file that does not follow `LexiconFile`, with `file:line: message` lines."""


def validated(data: Any, path: str = "<lexicon>", text: str | None = None) -> LexiconFile:
    """A vocabulary file's data, checked; the refusal names each problem's line."""
    try:
        return LexiconFile.model_validate(data)
    except ValidationError as error:
        lines = _lines_of(text) if text is not None else None
        problems = []
        for problem in error.errors():
            loc = tuple(problem["loc"])
            line = lines.line_of(loc) if lines is not None else 1
            where = ".".join(str(part) for part in loc)
            problems.append(f"{path}:{line}: {where}: {problem['msg']}")
        raise LexiconInvalid("\n".join(problems)) from None


def _lines_of(text: str) -> Any:
    document = read_document(text, Limits(items=5_000, values=50_000, names=50_000))
    return document.source if document is not None else None


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
    previous: bool = False


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
        """Says nothing about what is asked: a function word, filler, slang or greeting."""
        return word in self.stop or word in self.filler or word in self.greetings


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
        previous=meaning.previous,
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
        previous=old.previous or new.previous,
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
    phrases: dict[tuple[str, ...], Cue] = {}
    stemmed: dict[StemKey, Cue] = {}
    rounds: dict[tuple[str, ...], RoundName] = {}
    language_words: dict[str, frozenset[str]] = {}
    weak: dict[str, frozenset[str]] = {}
    stop: set[str] = set()
    filler: set[str] = set()
    content: set[str] = set()
    greetings: set[str] = set()
    shorthand: dict[str, tuple[str, ...]] = {}
    operators: dict[str, Operator] = {}
    question_words: set[str] = set()
    yes_no_openers: set[tuple[str, ...]] = set()
    yes_no_tags: set[tuple[str, ...]] = set()
    object_markers: set[str] = set()
    months: dict[str, int] = {}
    connectors: set[str] = set()
    cup_words: set[str] = set()
    tournament_synonyms: dict[str, str] = {}
    division_synonyms: dict[str, str] = {}
    pairs: list[PairCue] = []
    reaching: set[tuple[str, ...]] = set()
    for name, raw in files.items():
        data = raw if isinstance(raw, LexiconFile) else validated({"language": name, **raw})
        language = data.language
        for phrase, meaning in data.phrases.items():
            key = _tokens(str(phrase))
            cue = _cue(meaning or Meaning())
            phrases[key] = _merge(phrases.get(key), cue)
            for stems in _stem_keys_of(key, language):
                stemmed[stems] = _merge(stemmed.get(stems), cue)
        for round_name, spellings in data.rounds.items():
            for spelling in spellings:
                rounds[_tokens(str(spelling))] = RoundName(round_name)
        language_words[language] = _words(data.language_words)
        weak[language] = _words(data.weak_language_words)
        stop |= _words(data.stop_words)
        filler |= _words(data.filler)
        content |= _words(data.content)
        greetings |= _words(data.greetings)
        for short, meaning_of in data.shorthand.items():
            shorthand[" ".join(_tokens(short))] = _tokens(meaning_of)
        for operator, spellings in data.operators.items():
            for spelling in spellings:
                operators[" ".join(_tokens(spelling))] = operator
        question_words |= _words(data.question_words)
        yes_no_openers |= {(word,) for word in _words(data.yes_no_openers)}
        yes_no_tags |= {_tokens(tag) for tag in data.yes_no_tags}
        object_markers |= _words(" ".join(data.object_markers))
        months |= {" ".join(_tokens(name)): month for name, month in data.months.items()}
        connectors |= _words(" ".join(data.connectors))
        cup_words |= _words(" ".join(data.cup_words))
        reaching |= {_tokens(str(words)) for words in data.reaching}
        for synonyms, into in (
            (data.tournament_synonyms, tournament_synonyms),
            (data.division_synonyms, division_synonyms),
        ):
            for word, meaning_text in synonyms.items():
                into[" ".join(_tokens(str(word)))] = " ".join(_tokens(str(meaning_text)))
        for pair in data.pairs:
            pairs.append(
                PairCue(
                    _phrase_set(pair.first),
                    _phrase_set(pair.second),
                    {intent: float(weight) for intent, weight in pair.asks.items()},
                    tuple(pair.parts),
                )
            )
    cue_words = frozenset(word for phrase in phrases for word in phrase)
    every_language_word = frozenset().union(*language_words.values())
    return Vocabulary(
        phrases=phrases,
        prefixes=frozenset(phrase[:k] for phrase in phrases for k in range(1, len(phrase) + 1)),
        longest=max(len(phrase) for phrase in phrases),
        stemmed=stemmed,
        stem_prefixes=frozenset(key[:k] for key in stemmed for k in range(1, len(key) + 1)),
        cue_words=cue_words,
        cue_stems=frozenset(stem for key in stemmed for stem in key),
        fuzzy_cue_words=sorted(
            word for word in cue_words if len(word) >= MIN_FUZZY_LETTERS and word.isalpha()
        ),
        stop=frozenset(stop),
        filler=frozenset(filler),
        content=frozenset(content),
        greetings=frozenset(greetings),
        shorthand=shorthand,
        operators=operators,
        question_words=frozenset(question_words),
        yes_no_openers=frozenset(yes_no_openers),
        yes_no_tags=frozenset(yes_no_tags),
        object_markers=frozenset(object_markers),
        months=months,
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


def read_files() -> dict[str, LexiconFile]:
    """Every packaged vocabulary file, validated, by its language."""
    folder = resources.files("knowledge") / "lexicon"
    found: dict[str, LexiconFile] = {}
    for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if entry.name.endswith(".yaml"):
            text = entry.read_text(encoding="utf-8")
            data = validated(load_packaged_yaml(text), f"knowledge/lexicon/{entry.name}", text)
            found[data.language] = data
    return found


@functools.cache
def vocabulary() -> Vocabulary:
    """The packaged vocabulary, read once per process (it is not season data)."""
    return build(read_files())
