"""Every word of a question accounted for, in one place: used, skipped as framing, or blocking.

The rule this module keeps: the reader never answers a question as if one of its words were
not there. Each word is

- used: part of a name (`NAME`), a phrase of the vocabulary as typed or by its stem
  (`KEYWORD`), a number the question gives (`NUMBER`), or a word that changes what is asked
  (`OPERATOR`: not, only, both, more, above, if...), which the answer must then honour;
- skipped: it only frames the question: a function word, a filler or fans' slang, a greeting
  (`FRAME`), or one of the most common words of the language (`COMMON`);
- blocking: a word of the language that carries meaning the answer does not use (`CONTENT`:
  "salary", "coach", "tripping"), or no word of either language and no name (`UNKNOWN`).

A question with a blocking word is not answered as asked: the reply offers the reading
without it (a button), or refuses and names it. An operator the answer cannot honour blocks
the same way (`unhonoured`). Typos are read as the word they stand for first (`reading.py`
corrects them, real words never), so a misspelt keyword is used and a misspelt filler skipped.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

from knowledge.questions.language import forms, is_word, zipf
from knowledge.questions.lexicon import Kind, Lexicon
from knowledge.questions.model import Operator
from knowledge.questions.reading import Reading, Span
from knowledge.questions.vocabulary import STEM_MAX_ZIPF, Cue

EMPTY = Cue()

COMMON_ZIPF = 5.9
"""A word at least this common (about once in 8,000 words: "even", "really", "right", "pues")
only frames a question, unless the vocabulary lists it as content ("time", "old")."""
MIN_CONTENT_LETTERS = 3
"""Shorter words of the language ("ok", "xd", "pa") are noise, not content a question hangs
on; a short token that is no word at all ("xg") is unknown, and blocks."""
_NUMBER = re.compile(r"^\d+(?:st|nd|rd|th|ro|do|er|to|vo|mo|no|o|a|k|s)?$")  # "0-0s"


class Use(StrEnum):
    NAME = "name"
    KEYWORD = "keyword"
    NUMBER = "number"
    OPERATOR = "operator"
    FRAME = "frame"
    COMMON = "common"
    CONTENT = "content"
    UNKNOWN = "unknown"


BLOCKING = frozenset({Use.CONTENT, Use.UNKNOWN})


@dataclass(frozen=True, slots=True)
class Word:
    position: int
    text: str
    """As typed (folded)."""
    use: Use
    operator: Operator | None = None


@dataclass(frozen=True, slots=True)
class Accounting:
    words: tuple[Word, ...]

    @property
    def blocking(self) -> tuple[Word, ...]:
        return tuple(word for word in self.words if word.use in BLOCKING)

    @property
    def operators(self) -> tuple[Word, ...]:
        return tuple(word for word in self.words if word.use is Use.OPERATOR)

    def unhonoured(self, honoured: Collection[int]) -> tuple[Word, ...]:
        """The operator words the answer did not honour: each blocks the answer."""
        return tuple(word for word in self.operators if word.position not in honoured)

    def of(self, operator: Operator) -> tuple[Word, ...]:
        return tuple(word for word in self.operators if word.operator is operator)

    @property
    def only_framing(self) -> bool:
        """Nothing but greetings, fillers and function words: a hello, not a question."""
        return bool(self.words) and all(w.use in (Use.FRAME, Use.COMMON) for w in self.words)


def account(
    tokens: Sequence[str],
    corrected: Sequence[str],
    spans: Sequence[Span],
    reading: Reading,
    lex: Lexicon,
    *,
    skipped: Collection[str] = (),
) -> Accounting:
    """What each word of the question is. `corrected` holds each word as read (typos
    corrected); `skipped` are words the fan chose to have read without (the "without"
    button), which frame the question from then on."""
    named = {i for span in spans for i in range(span.start, span.end)}
    first_names = {
        span.start - 1
        for span in spans
        if span.start > 0
        and any(
            lex.initials.get(target.value, "") == tokens[span.start - 1][:1]
            for target in span.of(Kind.PLAYER)
        )
    }
    empty = {i for mark in reading.marks if mark.cue == EMPTY for i in range(mark.start, mark.end)}
    found = []
    for i, token in enumerate(tokens):
        if i in named or i in first_names:
            use, operator = Use.NAME, None
        elif i in empty:
            use, operator = Use.FRAME, None  # "good morning", "one more": a phrase of no meaning
        elif i in reading.used:
            use, operator = Use.KEYWORD, None
        elif token in skipped:
            use, operator = Use.FRAME, None
        else:
            use, operator = classify(corrected[i], lex)
        found.append(Word(i, token, use, operator))
    return Accounting(tuple(found))


def classify(word: str, lex: Lexicon) -> tuple[Use, Operator | None]:
    """What a word no name or phrase of the question took is."""
    vocabulary = lex.vocabulary
    operator = vocabulary.operators.get(word)
    if operator is not None:
        return Use.OPERATOR, operator
    if _NUMBER.match(word):
        return Use.NUMBER, None
    if vocabulary.frames(word) or (len(word) < MIN_CONTENT_LETTERS and is_word(word)):
        return Use.FRAME, None  # a short word of the language; "xg" is none, and blocks
    if word in vocabulary.out_of_data_words and zipf(word) < STEM_MAX_ZIPF:
        return Use.CONTENT, None  # "tiros" outside "tiró los penales": shots, not in the data
    keyword = vocabulary.is_keyword_form(word) and word not in vocabulary.framing_phrase_words
    if keyword or word in lex.known_words or word in forms():
        return Use.KEYWORD, None
    if word in vocabulary.months:
        return Use.NUMBER, None  # a date: "nov 30"
    if word in vocabulary.content:
        return Use.CONTENT, None
    if zipf(word) >= COMMON_ZIPF:
        return Use.COMMON, None
    if is_word(word):
        return Use.CONTENT, None
    return Use.UNKNOWN, None
