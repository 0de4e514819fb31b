"""Reading a question's words: its language, the names in it (exact, then typos), and what
its phrases say (the cues). Everything it knows comes from the `Lexicon`: the season's names
and the vocabulary files.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from knowledge.errors import KnowledgeError
from knowledge.models import ChangeEvent
from knowledge.plans.model import Bound, Measure
from knowledge.questions.language import (
    LANGUAGES,
    forms,
    frequencies,
    is_word,
    stem_keys,
    zipf,
)
from knowledge.questions.lexicon import Kind, Lexicon, Target
from knowledge.questions.model import (
    DatePart,
    Extreme,
    Intent,
    Language,
    OutOfScope,
    Part,
)
from knowledge.questions.vocabulary import (
    MIN_FUZZY_LETTERS,
    STEM_MAX_ZIPF,
    Cue,
    Vocabulary,
    vocabulary,
)
from knowledge.questions.words import words
from knowledge.resolver import ClubIndex

WORD_CUTOFF = 85.0
"""Lowest similarity (rapidfuzz ratio, 0–100) for correcting a keyword or a name."""
NAME_TYPO_MAX_ZIPF = 4.0
"""A word of the language this common is never read as a misspelt name."""
WORD_MARGIN = 6.0
"""A correction must beat the next different candidate by this much, or it is not made."""
SPANISH_MARK_WEIGHT = 3.0
"""¿, ¡ and ñ say Spanish more surely than any one word."""
ACCENT_WEIGHT = 0.3
"""Accents say Spanish only weakly: names carry them too ("Mérida")."""
WEAK_WORD_WEIGHT = 0.5
"""Little words shared with names ("de", "la") count half."""
_ES_MARKS = re.compile(r"[¿¡ñÑ]")
_ACCENTED = re.compile(r"[áéíóúÁÉÍÓÚü]")


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    language: Language
    clear: bool


def detect_language(text: str, words_of: Vocabulary | None = None) -> LanguageGuess:
    """English or Spanish, from the vocabulary's language words and Spanish marks.

    Proper names blur it ("Dorados de Sinaloa", "Culiacán"), so the little words shared with
    names and accents count less than "quién" or "who". A question with no telling words
    ("Necaxa vs UdeG") is not clear, and the reader's own language is used instead.
    """
    known = words_of or vocabulary()
    es_words = known.language_words.get("es", frozenset())
    en_words = known.language_words.get("en", frozenset())
    weak = known.weak_language_words.get("es", frozenset())
    es = SPANISH_MARK_WEIGHT * len(_ES_MARKS.findall(text))
    es += ACCENT_WEIGHT * len(_ACCENTED.findall(text))
    en = 0.0
    for typed in words(text):
        word = typed
        if word not in es_words and word not in en_words and word not in weak:
            word = correct(word, known.fuzzy_language_words) or word
        in_es, in_en = word in es_words, word in en_words
        if in_es and not in_en:
            es += 1
        elif in_en and not in_es:
            en += 1
        elif word in weak:
            es += WEAK_WORD_WEIGHT
    clear = max(es, en) >= 1 and abs(es - en) >= 1
    return LanguageGuess("es" if es > en else "en", clear)


def correct(word: str, candidates: Sequence[str]) -> str | None:
    """The one candidate `word` is a typo of, or None."""
    if len(word) < MIN_FUZZY_LETTERS or not word.isalpha():
        return None
    best = process.extract(word, candidates, scorer=fuzz.ratio, limit=2, score_cutoff=WORD_CUTOFF)
    if not best:
        return None
    if len(best) > 1 and best[1][1] > best[0][1] - WORD_MARGIN:
        return None
    return str(best[0][0])


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    targets: tuple[Target, ...]

    def of(self, kind: Kind) -> list[Target]:
        return [target for target in self.targets if target.kind is kind]


def find_names(tokens: list[str], lex: Lexicon) -> list[Span]:
    """Exact names, longest first at each position, left to right; then round names in the
    words left, so "gran final de ascenso" is the promotion final, not "gran final"."""
    spans = _longest_matches(tokens, lex, set(), rounds=False)
    taken = {i for span in spans for i in range(span.start, span.end)}
    return spans + _longest_matches(tokens, lex, taken, rounds=True)


def _longest_matches(tokens: list[str], lex: Lexicon, taken: set[int], rounds: bool) -> list[Span]:
    spans: list[Span] = []
    i = 0
    n = len(tokens)
    while i < n:
        best: Span | None = None
        end = i
        # Grow the window while it can still begin a name (by words, or spaceless).
        while end < n and end not in taken and end - i < lex.longest:
            end += 1
            window = tokens[i:end]
            spaced, squeezed = " ".join(window), "".join(window)
            if spaced not in lex.prefixes and squeezed not in lex.squeezed_prefixes:
                break
            targets = lex.keys.get(spaced)
            if targets is None and end - i > 1:
                targets = lex.keys.get(squeezed)
            found = tuple(t for t in targets or () if (t.kind is Kind.ROUND) == rounds)
            if found:
                best = Span(i, end, found)
        if best is not None:
            spans.append(best)
            i = best.end
        else:
            i += 1
    return spans


def fuzzy_names(tokens: list[str], taken: set[int], lex: Lexicon, clubs: ClubIndex) -> list[Span]:
    """Typos of names in the words no name or keyword claimed. Never a weak guess: the
    similarity must clear a strict cutoff and beat other names by a margin, and a club must
    also be what the resolver makes of the words."""
    spans: list[Span] = []
    i = 0
    n = len(tokens)
    while i < n:
        found = False
        for length in (3, 2, 1):
            window = tokens[i : i + length]
            if len(window) < length or not _typo_window(i, window, taken, lex):
                continue
            squeezed = "".join(window)
            if len(squeezed) < MIN_FUZZY_LETTERS or not squeezed.isalpha():
                continue
            targets = _fuzzy_targets(squeezed, lex)
            if targets is None:
                continue
            targets = tuple(t for t in targets if _confirmed(t, " ".join(window), clubs))
            if targets:
                spans.append(Span(i, i + length, targets))
                i += length
                found = True
                break
        if not found:
            i += 1
    return spans


def _typo_window(start: int, window: list[str], taken: set[int], lex: Lexicon) -> bool:
    """Words that may hold a misspelt name: none claimed or a keyword, and one at least not
    a word of any name ("Leones Negroz": "leones" is known, "negroz" is the typo)."""
    if any(start + k in taken for k in range(len(window))):
        return False
    if any(lex.vocabulary.is_function_word(word) for word in window):
        return False
    if len(window) == 1 and zipf(window[0]) >= NAME_TYPO_MAX_ZIPF:
        return False  # a common word ("honor") is that word, not a misspelt name
    return any(word not in lex.known_words for word in window)


def unknown(token: str, lex: Lexicon) -> bool:
    """A word that is neither a function word, a keyword, nor part of any name: where a club
    should be ("Necaxa vs Real Madrid"), such words are a name the season does not have.
    An operator is none ("did Tecos win either game vs Dorados?")."""
    vocabulary = lex.vocabulary
    return (
        not vocabulary.is_function_word(token)
        and token not in lex.known_words
        and token not in vocabulary.operators
    )


def unexplained(token: str, lex: Lexicon) -> bool:
    """A word that is neither a function word, a keyword (or a form of one), a framing word,
    an operator, nor part of any name."""
    vocabulary = lex.vocabulary
    return not (
        vocabulary.is_function_word(token)
        or vocabulary.frames(token)
        or token in vocabulary.operators
        or token in lex.known_words
        or vocabulary.is_keyword_form(token)
    )


def _fuzzy_targets(squeezed: str, lex: Lexicon) -> tuple[Target, ...] | None:
    ranked = process.extract(
        squeezed, lex.fuzzy_keys, scorer=fuzz.ratio, limit=6, score_cutoff=WORD_CUTOFF
    )
    if not ranked:
        return _swapped(squeezed, lex)
    best_targets = lex.fuzzy_targets[ranked[0][2]]
    best_score = ranked[0][1]
    for _, score, index in ranked[1:]:
        if lex.fuzzy_targets[index] != best_targets and score > best_score - WORD_MARGIN:
            return None
    return best_targets


def _swapped(squeezed: str, lex: Lexicon) -> tuple[Target, ...] | None:
    """A name with two letters swapped ("tecso"): one edit by optimal string alignment, where
    the similarity ratio counts two; only when exactly one name is that close."""
    letters = sorted(squeezed)
    found = {
        lex.fuzzy_targets[index]
        for key, _, index in process.extract(
            squeezed, lex.fuzzy_keys, scorer=OSA.distance, limit=3, score_cutoff=1
        )
        if sorted(key) == letters  # the same letters: a swap, not another word ("tacos")
    }
    return found.pop() if len(found) == 1 else None


def _confirmed(target: Target, text: str, clubs: ClubIndex) -> bool:
    """A fuzzily found club must be the resolver's answer for the same words."""
    if target.kind is not Kind.CLUB:
        return True
    try:
        return clubs.resolve(text).key == target.value
    except KnowledgeError:
        return False


def correct_cues(tokens: list[str], taken: set[int], lex: Lexicon) -> list[str]:
    """Keyword typos ("clausra" is a name; "relegaded", "stadum" are keywords), and typos of
    the general language ("acutally"). A word of the language is never a typo: "player" is a
    word, so it is never read as "playera"."""
    corrected = list(tokens)
    word_forms = forms()
    for i, token in enumerate(tokens):
        if i in taken:
            continue
        known = lex.vocabulary
        if token in known.operators or known.frames(token):
            continue  # "wasn" stays a negation, never a form of "be"
        if token in word_forms and token not in known.cue_words:
            corrected[i] = word_forms[token]  # "usan" of "usar", "held" of "hold"
            continue
        if not unexplained(token, lex) or is_word(token):
            continue
        fixed = _typo_of(token, lex.vocabulary.fuzzy_cue_words)
        if fixed is not None:
            corrected[i] = fixed
    return corrected


_TYPOS: dict[tuple[int, str], str | None] = {}
TYPOS_KEPT = 4096
"""How many words' corrections are kept: a fuzzy search over thousands of words costs
~0.1 ms, and the same unknown words come back ("xq", "confundo"); the bound keeps a flood
of new ones from growing it."""


def _typo_of(token: str, cue_words: list[str]) -> str | None:
    """The keyword, else the common word, `token` is a typo of (`correct`), once per word."""
    key = (id(cue_words), token)
    if key not in _TYPOS:
        if len(_TYPOS) >= TYPOS_KEPT:
            _TYPOS.clear()
        _TYPOS[key] = correct(token, cue_words) or correct(token, common_words())
    return _TYPOS[key]


TYPO_TARGET_ZIPF = 4.0
"""General words a typo is corrected into: common ones (about 5,000 per language); rarer
words are more often a near miss of something else than what was meant."""


@functools.cache
def common_words() -> list[str]:
    return sorted(
        {
            word
            for language in LANGUAGES
            for word, tenths in frequencies(language).items()
            if tenths >= 10 * TYPO_TARGET_ZIPF and len(word) >= MIN_FUZZY_LETTERS
        }
    )


@dataclass
class Reading:
    """What the cues said, summed."""

    @property
    def date_part(self) -> DatePart | None:
        """Start or end, when one alone is asked; both asked is the whole span."""
        return next(iter(self.date_parts)) if len(self.date_parts) == 1 else None

    scores: dict[Intent, float] = field(default_factory=dict)
    events: list[ChangeEvent] = field(default_factory=list)
    extreme: Extreme | None = None
    bound: Bound | None = None
    reasons: list[OutOfScope] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    date_parts: set[DatePart] = field(default_factory=set)
    parts: list[Part] = field(default_factory=list)
    leg: int | None = None
    both_legs: bool = False
    """Each leg said ("la ida y la vuelta", "the 1st and 2nd legs"): none is picked, and a
    claim holds in each."""
    host: str | None = None
    """ "home" or "away": the leg a club hosted, or played away."""
    draw: bool = False
    """The legs asked about are the drawn ones ("draws", "empates")."""
    asks_who: bool = False
    stadium_word: bool = False
    ratio_word: bool = False
    cup: bool = False
    previous: bool = False
    """The previous season is named ("the season before", "temporada pasada")."""
    crowd: bool = False
    """People are counted ("how many fans"): capacity, or attendance the data lacks."""
    capacity_said: bool = False
    """A ground's size is spoken of: "capacity", "aforo", "fit", "caben"."""
    rank_words: set[str] = field(default_factory=set)
    """Words read that name a table position ("rank", "lugar") or say where a club finished
    ("quedó")."""
    used: set[int] = field(default_factory=set)
    """Positions of the words a cue read."""
    marks: list[Mark] = field(default_factory=list)
    """What each phrase said for a plan (a test, an entity, a measure, a place), where."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A phrase's meaning for a query plan, with the words that said it."""

    start: int
    end: int
    cue: Cue


def read_cues(tokens: list[str], taken: set[int], known: Vocabulary) -> Reading:
    """Every phrase of the vocabulary in the words no name took; each word counts once.
    Where phrases overlap, the reading that reads the most words wins, then the one with the
    fewest (longest) phrases: "metió gol de visitante" is "metió" and "gol de visitante",
    not "metió gol" with "de visitante" left unread."""
    reading = Reading()
    for i, end, cue in _cover(tokens, taken, known):
        _add(reading, cue)
        reading.marks.append(Mark(i, end, cue))
        if cue.ratio_word or cue.rank_word:
            reading.rank_words.update(tokens[i:end])
        reading.used.update(range(i, end))
    present = set(tokens) | {f"{a} {b}" for a, b in itertools.pairwise(tokens)}
    reading.cup = bool(present & known.cup_words)
    for pair in known.pairs:
        if present & pair.first and present & pair.second:
            for intent, weight in pair.weights.items():
                reading.scores[intent] = reading.scores.get(intent, 0.0) + weight
            reading.parts += [part for part in pair.parts if part not in reading.parts]
    return reading


def _phrases_at(
    tokens: list[str], i: int, taken: set[int], known: Vocabulary
) -> list[tuple[int, Cue]]:
    """The phrases that start at word `i`, longest first: as spelt, else by their stems."""
    found: list[tuple[int, Cue]] = []
    end = i
    while end < len(tokens) and end not in taken and end - i < known.longest:
        end += 1
        phrase = tuple(tokens[i:end])
        if phrase not in known.prefixes:
            break
        cue = known.phrases.get(phrase)
        if cue is not None:
            found.append((end, cue))
    if not found and not known.frames(tokens[i]):
        stemmed = _by_stems(tokens, i, taken, known)
        if stemmed is not None:
            found.append(stemmed)
    return found[::-1]


def _cover(tokens: list[str], taken: set[int], known: Vocabulary) -> list[tuple[int, int, Cue]]:
    """The phrases to read, in order: the most words read, then the fewest phrases."""
    n = len(tokens)
    # best[i]: (words read, -phrases) from word i on, and the phrase taken at i, if any.
    best: list[tuple[tuple[int, int], tuple[int, Cue] | None]] = [((0, 0), None)] * (n + 1)
    for i in range(n - 1, -1, -1):
        choice: tuple[tuple[int, int], tuple[int, Cue] | None] = (best[i + 1][0], None)
        if i not in taken:
            for end, cue in _phrases_at(tokens, i, taken, known):
                read, phrases = best[end][0]
                value = (read + end - i, phrases - 1)
                # A tie goes to the phrase that starts first (and, of those, the longest),
                # as reading left to right would.
                if value > choice[0] or (value == choice[0] and choice[1] is None):
                    choice = (value, (end, cue))
        best[i] = choice
    chosen: list[tuple[int, int, Cue]] = []
    i = 0
    while i < n:
        taken_here = best[i][1]
        if taken_here is None:
            i += 1
            continue
        end, cue = taken_here
        chosen.append((i, end, cue))
        i = end
    return chosen


def _by_stems(
    tokens: list[str], start: int, taken: set[int], known: Vocabulary
) -> tuple[int, Cue] | None:
    """The longest phrase at `start` whose words the question writes in other forms
    ("anotamos" for "anotar", "knocks out" for "knocked out")."""
    best: tuple[int, Cue] | None = None
    partial: list[tuple[str, ...]] = [()]
    end = start
    while end < len(tokens) and end not in taken and end - start < known.longest:
        keys = stemmable(tokens[end])
        end += 1
        partial = [(*key, stem) for key in partial for stem in keys]
        partial = [key for key in partial if key in known.stem_prefixes]
        if not partial:
            break
        for key in partial:
            cue = known.stemmed.get(key)
            if cue is not None:
                best = (end, cue)
    return best


def stemmable(word: str) -> frozenset[str]:
    """A word's stem keys, if it may be read by its stem: the most common words of a language
    are each spelt in the vocabulary when they mean something, and their stems are the ones
    that collide ("parte" and "partido" share "part")."""
    return stem_keys(word) if zipf(word) < STEM_MAX_ZIPF else frozenset()  # see the constant


def _add(reading: Reading, cue: Cue) -> None:
    for intent, weight in cue.weights.items():
        reading.scores[intent] = reading.scores.get(intent, 0.0) + weight
    if cue.event is not None:
        reading.events.append(cue.event)
    if cue.extreme is not None and reading.extreme is None:
        reading.extreme = cue.extreme
    if cue.bound is not None and reading.bound is None:
        reading.bound = cue.bound
    if cue.reason is not None:
        reading.reasons.append(cue.reason)
    if cue.topic is not None:
        reading.topics.append(cue.topic)
    if cue.date_part is not None:
        reading.date_parts.add(cue.date_part)
    reading.parts += [part for part in cue.parts if part not in reading.parts]
    if isinstance(cue.leg, int) and reading.leg is None and not reading.both_legs:
        reading.leg = cue.leg
    elif isinstance(cue.leg, int) and cue.leg != reading.leg:
        # "La ida y la vuelta": both legs said, so no one leg is picked.
        reading.leg, reading.both_legs = None, True
    elif cue.leg == "draw":
        reading.draw = True
    elif isinstance(cue.leg, str) and reading.host is None:
        reading.host = cue.leg
    reading.asks_who |= cue.asks_who
    reading.previous |= cue.previous
    reading.crowd |= cue.crowd
    reading.capacity_said |= cue.stadium_word or cue.measure is Measure.CAPACITY
    reading.stadium_word |= cue.stadium_word
    reading.ratio_word |= cue.ratio_word
