"""What the reader knows of English and Spanish in general, beyond football: word stems, so one
vocabulary entry covers every form of a word, and word frequencies, so a real word is never
mistaken for a typo of a name and a very common word is known to only frame a question.

Stems come from the Snowball stemmers (`snowballstemmer`); the forms Snowball cannot relate
(irregular verbs, short Spanish ones: "held", "usan") from simplemma's lemmatization data,
shipped as `knowledge/lexicon/forms/<language>.txt` (see `tools/lemma_forms.py`); frequencies
from wordfreq's word lists, shipped as `knowledge/lexicon/words/<language>.txt` (see
`tools/general_words.py`).
Both were chosen by measurement (benchmarks/README.md): simplemma's Spanish lemmas cost
~510 ms and ~115 MB on first use and miss the accent-free forms fans type ("metio"), and
importing wordfreq itself costs ~85 ms, where a one-shot `seasonbot ask` has ~35 ms to spare.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import snowballstemmer

Language = Literal["en", "es"]
LANGUAGES: tuple[Language, ...] = ("en", "es")
WORDS_FOLDER = Path(__file__).resolve().parent.parent / "lexicon" / "words"
"""Where the general word lists are, for the tool that writes them."""
FORMS_FOLDER = Path(__file__).resolve().parent.parent / "lexicon" / "forms"
"""Where the vocabulary's word forms are, for the tool that writes them."""

_SNOWBALL_NAMES = {"en": "english", "es": "spanish"}
_ACCENTED = str.maketrans("aeiou", "áéíóú")
_VOWELS = frozenset("aeiou")
MIN_STEM = 3
"""Shorter stems say too little to tie two words together ("va", "es")."""


@functools.cache
def _stemmer(language: Language) -> Any:
    return snowballstemmer.stemmer(_SNOWBALL_NAMES[language])


@functools.lru_cache(maxsize=8192)
def stem_keys(word: str) -> frozenset[str]:
    """The stems of a folded word in each language, tagged with it ("es:anot", "en:score").

    Fans drop accents, and the Spanish stemmer reads "metió" (met-) and "metio" (meti-) as
    different words: the forms with an accent on one of the last two vowels count too, since
    that is where Spanish verb endings carry theirs (metió, anotaría)."""
    keys = {f"en:{_stemmer('en').stemWord(word)}"}
    spanish = _stemmer("es")
    for form in _accent_variants(word):
        keys.add(f"es:{spanish.stemWord(form)}")
    return frozenset(key for key in keys if len(key) - 3 >= MIN_STEM)


def _accent_variants(word: str) -> list[str]:
    forms = [word]
    vowels = [i for i, char in enumerate(word) if char in _VOWELS]
    for i in vowels[-2:]:
        forms.append(word[:i] + word[i].translate(_ACCENTED) + word[i + 1 :])
    return forms


def parse_words_file(text: str) -> dict[str, int]:
    """A words file: "<tenths> word word ..." per line, comments after "#"."""
    found: dict[str, int] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        tenths, *words = line.split()
        value = int(tenths)
        for word in words:
            found[word] = value
    return found


@functools.cache
def frequencies(language: Language) -> dict[str, int]:
    """Folded word -> Zipf frequency in tenths, for one language (read once per process)."""
    entry = resources.files("knowledge") / "lexicon" / "words" / f"{language}.txt"
    return parse_words_file(entry.read_text("utf-8"))


def zipf(word: str) -> float:
    """How common a folded word is in either language: its Zipf frequency (0 when unknown;
    3 is once per million words, 6 once per thousand)."""
    return max(frequencies(language).get(word, 0) for language in LANGUAGES) / 10


def zipf_in(word: str, language: Language) -> float:
    return frequencies(language).get(word, 0) / 10


def is_word(word: str) -> bool:
    """Whether a folded word is a word of either language (the lists hold words seen at least
    once per million)."""
    return any(word in frequencies(language) for language in LANGUAGES)


def general_words(language: Language) -> list[str]:
    """Every word of a language's list, for correcting typos into."""
    return list(frequencies(language))


def parse_forms_file(text: str) -> dict[str, str]:
    """A forms file: "<vocabulary word> form form ..." per line -> form to word."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, *forms = line.split()
        for form in forms:
            found[form] = word
    return found


@functools.cache
def forms() -> dict[str, str]:
    """Every language's forms of the vocabulary's words -> the word (read once per process)."""
    found: dict[str, str] = {}
    folder = resources.files("knowledge") / "lexicon" / "forms"
    for language in LANGUAGES:
        entry = folder / f"{language}.txt"
        if entry.is_file():
            for form, word in parse_forms_file(entry.read_text("utf-8")).items():
                found.setdefault(form, word)
    return found
