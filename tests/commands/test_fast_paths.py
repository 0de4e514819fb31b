"""What the fast paths of rendering must keep: the same bytes as the plain way of doing it.

Holding names together (`unbroken`) uses regular expressions rearranged for speed, and a
translator looks its templates up in one merged table: each is checked here against the
plain form it replaced, on the seed's own names and on arbitrary text.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from commands import text as fmt
from commands.i18n import DEFAULT_LOCALE, Tr, catalog, language_of, messages, supported_locales
from knowledge.models import Season

_PLAIN_INITIAL = re.compile(r"(?<![\w.\u00a0])([A-ZÁÉÍÓÚÑ]\.) (?=\w)")
_PLAIN_PARTICLE = re.compile(r"(?<=[A-ZÁÉÍÓÚÑ]\.\u00a0)(de|del|la) (?=[A-ZÁÉÍÓÚÑ]\b)")


def plain_unbroken(text: str) -> str:
    """The rule as first written, with two regular expressions, then scores and minutes
    outside code blocks."""
    held = text
    if ". " in text:
        held = _PLAIN_INITIAL.sub("\\1\u00a0", text)
        held = _PLAIN_PARTICLE.sub("\\1\u00a0", held) if ".\u00a0" in held else held
    parts = held.split("```")
    for index in range(0, len(parts), 2):
        joined = re.sub(r"(?<=\d)–(?=\d)", "\u2060–\u2060", parts[index])
        parts[index] = re.sub(r"(?<=\w) (?=\d{1,3}'(?!\w))", "\u00a0", joined)
    return "```".join(parts)


def test_names_are_held_together_as_before(season: Season) -> None:
    texts = [
        "U. de G. beat Necaxa",
        "J. Gutiérrez 55', R. Prieto 26', 70'",
        "A. de la B. and C. del D.",
        "S.L. P. Torres",  # an abbreviation's last letter is not an initial
        "x. Y. z",
        ".A. B",
        "\u00a0J. Ibarra",
        "J.\u00a0de G. and U. la P.",
        "U.\u00a0de G",  # held already, and no ". ": left as it is
        "U.\u00a0de G and x. y",  # no initial to hold, but a particle to hold
        "A. B. C. de D.",
        "É. Ñ. Á.",
        "J. _x",
        "J. 9",
        "J. ",
        ". J",
        "Tecos 1–1 UAT\n```text\nFinal Tecos 1–1 UAT\n```\nJ. Cuevas 19', 2–0",
    ]
    texts += [name for club in season.clubs for name in club.names]
    for text in texts:
        assert fmt.unbroken(text) == plain_unbroken(text), text
    assert fmt.unbroken("Necaxa beat U. de G.") == "Necaxa beat U.\u00a0de\u00a0G."


_PIECES = st.sampled_from(
    ["U", "G", "Á", "Ñ", "j", ".", ". ", " ", "\u00a0", "de ", "del ", "la ", "x", "1", "_", "é"]
)


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_arbitrary_text_is_held_as_before(text: str) -> None:
    assert fmt.unbroken(text) == plain_unbroken(text)


@given(st.text(max_size=60))
def test_any_text_is_held_as_before(text: str) -> None:
    assert fmt.unbroken(text) == plain_unbroken(text)


def test_a_translator_reads_each_key_as_before() -> None:
    """The reader's words where the catalog has them, else the default language's."""
    fallback = catalog(language_of(DEFAULT_LOCALE))
    for locale in supported_locales():
        own = messages(locale)
        tr = Tr(locale)
        for key in {*own, *fallback}:
            expected = own.get(key) or fallback.get(key)
            if expected is None:
                continue
            assert tr(key) == expected, (locale, key)
