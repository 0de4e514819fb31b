"""Club and tournament names: what fans type must meet the right club, or an honest refusal.

The name set lives in `club_names.yaml` beside this file so it can grow without touching code.
Every entry is its own test case: a failure names the exact spelling. The bar is 100%: a
spelling that resolves to the wrong club, or a club of another season that resolves at all,
is a wrong answer given with confidence (README.md, "What it does": the bot never guesses).
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge.errors import (
    AmbiguousClub,
    AmbiguousTournament,
    ClubNotFound,
    NameNotFound,
    TournamentNotFound,
)
from knowledge.models import Season
from knowledge.resolver import (
    CUTOFF,
    MAX_CHOICES,
    MAX_QUERY_CHARS,
    MAX_SUGGESTIONS,
    ClubIndex,
    Entry,
    NameIndex,
    TournamentIndex,
)

NAMES: dict[str, list[dict[str, Any]]] = yaml.safe_load(
    Path(__file__).with_name("club_names.yaml").read_text(encoding="utf-8")
)
RESOLVE = NAMES["resolve"]
REFUSE = NAMES["refuse"]

OVERLONG = ("Necaxa " * 50)[:300]
"""300 characters that contain a club's name: still refused, as input no fan types as a name."""


def _resolve_id(entry: dict[str, Any]) -> str:
    return f"{entry['query']!r}->{entry['club']}"


def _refuse_id(entry: dict[str, Any]) -> str:
    return repr(entry["query"]) if len(entry["query"]) <= 40 else f"{len(entry['query'])}-chars"


# --- the name set itself ----------------------------------------------------------------


def test_name_set_is_big_and_covers_every_club(season: Season) -> None:
    """At least 170 spellings to resolve and 50 to refuse; at least 6 for each of 15 clubs."""
    assert len(RESOLVE) >= 170
    assert len(REFUSE) >= 50
    per_club = {club.id: 0 for club in season.clubs}
    for entry in RESOLVE:
        assert entry["club"] in per_club, f"{entry} names no club of the season"
        per_club[entry["club"]] += 1
    assert len(per_club) == 15
    assert min(per_club.values()) >= 6, per_club


def test_name_set_entries_are_strings_and_unique() -> None:
    """YAML turns unquoted `null`, `yes` or `1234` into other types; every query must be text."""
    queries = [entry["query"] for entry in [*RESOLVE, *REFUSE]]
    assert all(isinstance(query, str) for query in queries)
    assert len(queries) == len(set(queries)), "a query is listed twice"


def test_every_seed_spelling_is_in_the_name_set(season: Season) -> None:
    """Each spelling the seed uses (and each canonical name) is covered by a resolve entry."""
    listed = {entry["query"]: entry["club"] for entry in RESOLVE}
    for club in season.clubs:
        for name in (club.name, *club.spellings):
            assert listed.get(name) == club.id, f"{name!r} ({club.id}) is not in the name set"


# --- resolve: 100% ------------------------------------------------------------------------


@pytest.mark.parametrize("entry", RESOLVE, ids=_resolve_id)
def test_resolves_to_exactly_that_club(
    club_index: ClubIndex, season: Season, entry: dict[str, Any]
) -> None:
    found = club_index.resolve(entry["query"])
    assert found.key == entry["club"]
    assert found.name == season.club(entry["club"]).name
    assert found.score >= CUTOFF


@pytest.mark.parametrize("entry", REFUSE, ids=_refuse_id)
def test_refuses_what_is_not_a_club_of_the_season(
    club_index: ClubIndex, entry: dict[str, Any]
) -> None:
    with pytest.raises((ClubNotFound, AmbiguousClub)) as caught:
        club_index.resolve(entry["query"])
    error = caught.value
    if "former_of" in entry or "reason" in entry:
        assert isinstance(error, ClubNotFound)
        assert error.reason == entry.get("reason", "former_name")
    if "former_of" in entry:
        assert isinstance(error, ClubNotFound)
        assert error.former_of == entry["former_of"]
        assert entry["former_of"] in [candidate.key for candidate in error.suggestions]


def test_former_name_without_a_successor_points_nowhere(club_index: ClubIndex) -> None:
    """Pumas Morelos disappeared: refused as a former name, with nothing to suggest."""
    with pytest.raises(ClubNotFound) as caught:
        club_index.resolve("Pumas Morelos")
    assert caught.value.reason == "former_name"
    assert caught.value.former_of is None
    assert caught.value.suggestions == ()


def test_overlong_input_is_refused_before_matching(club_index: ClubIndex) -> None:
    assert len(OVERLONG) == 300
    with pytest.raises(ClubNotFound) as caught:
        club_index.resolve(OVERLONG)
    assert caught.value.reason == "too_long"
    assert len(caught.value.query) == MAX_QUERY_CHARS


# --- how refusals help -------------------------------------------------------------------------


def test_suggestions_are_capped_at_five() -> None:
    """Seven names about equally close to the query: a refusal lists the best five."""
    index = NameIndex(Entry(f"c{n}", f"Lobos {n}", (f"Lobos {n}",)) for n in range(7))
    with pytest.raises(NameNotFound) as caught:
        index.resolve("Lobitos")
    assert len(caught.value.suggestions) == MAX_SUGGESTIONS == 5


@pytest.mark.parametrize("entry", REFUSE, ids=_refuse_id)
def test_no_refusal_offers_more_than_five(club_index: ClubIndex, entry: dict[str, Any]) -> None:
    try:
        club_index.resolve(entry["query"])
    except ClubNotFound as error:
        assert len(error.suggestions) <= MAX_SUGGESTIONS
        assert len({candidate.key for candidate in error.suggestions}) == len(error.suggestions)
    except AmbiguousClub as error:
        assert 2 <= len(error.candidates) <= MAX_SUGGESTIONS


@pytest.mark.parametrize(
    ("query", "clubs"),
    [("Nexaca", {"necaxa", "oaxaca"}), ("Oacaxa", {"necaxa", "oaxaca"})],
)
def test_typo_between_two_clubs_is_refused_listing_both(
    club_index: ClubIndex, query: str, clubs: set[str]
) -> None:
    """Halfway between Necaxa and Oaxaca: suggest both, pick neither."""
    with pytest.raises(ClubNotFound) as caught:
        club_index.resolve(query)
    assert clubs <= {candidate.key for candidate in caught.value.suggestions}


@pytest.mark.parametrize(
    ("query", "clubs"),
    [("UDAG", {"udeg", "tecos"}), ("Uatg", {"uat", "tecos"}), ("Teros", {"celaya", "tecos"})],
)
def test_near_miss_of_two_clubs_is_ambiguous(
    club_index: ClubIndex, query: str, clubs: set[str]
) -> None:
    """UDAG is one letter from UDG and from UAG: ask, don't pick."""
    with pytest.raises(AmbiguousClub) as caught:
        club_index.resolve(query)
    assert {candidate.key for candidate in caught.value.candidates[:2]} == clubs


@pytest.mark.parametrize(
    ("query", "clubs"),
    [
        # Tecos are Estudiantes Tecos, Altamira was known as Estudiantes de Altamira.
        ("Estudiantes", {"tecos", "altamira"}),
        ("estudiantes", {"tecos", "altamira"}),
        # Universidad de Guadalajara (U. de G.), Universidad Autónoma de Tamaulipas (UAT).
        ("Universidad", {"udeg", "uat"}),
    ],
)
def test_words_that_begin_two_clubs_names_are_ambiguous(
    club_index: ClubIndex, query: str, clubs: set[str]
) -> None:
    with pytest.raises(AmbiguousClub) as caught:
        club_index.resolve(query)
    assert {candidate.key for candidate in caught.value.candidates} == clubs


def test_an_ambiguous_name_shows_the_name_each_club_was_begun_by(club_index: ClubIndex) -> None:
    with pytest.raises(AmbiguousClub) as caught:
        club_index.resolve("Estudiantes")
    names = [candidate.name for candidate in caught.value.candidates]
    assert names == ["Altamira (Estudiantes de Altamira)", "Estudiantes Tecos"]


def test_a_liga_mx_club_is_refused_and_points_to_the_club_named_after_it(
    club_index: ClubIndex,
) -> None:
    """Cruz Azul played in Liga MX; Cruz Azul Hidalgo, its reserve side, played here."""
    with pytest.raises(ClubNotFound) as caught:
        club_index.resolve("Cruz Azul")
    error = caught.value
    assert error.reason == "other_club"
    assert error.league == "Liga MX"
    assert error.former_of is None
    assert [candidate.key for candidate in error.suggestions] == ["cruz-azul-hidalgo"]


def test_a_liga_mx_club_named_like_no_club_here_points_nowhere(club_index: ClubIndex) -> None:
    with pytest.raises(ClubNotFound) as caught:
        club_index.resolve("Chivas")
    assert caught.value.reason == "other_club"
    assert caught.value.league == "Liga MX"
    assert caught.value.suggestions == ()


def test_every_liga_mx_name_that_begins_a_club_here_points_to_it(
    club_index: ClubIndex, season: Season
) -> None:
    """Any such pair in the data, not only Cruz Azul: each is refused with its pointer."""
    assert season.other_clubs is not None
    pairs = {}
    for name in season.other_clubs.names:
        try:
            club_index.resolve(name)
        except ClubNotFound as error:
            # Querétaro is also a former name of the seed's changes, and refused as such.
            if error.reason == "other_club" and error.suggestions:
                pairs[name] = error.suggestions[0].key
    assert pairs == {"Cruz Azul": "cruz-azul-hidalgo"}


# --- autocomplete -------------------------------------------------------------------------------


def test_complete_with_nothing_typed_offers_all_fifteen(
    club_index: ClubIndex, season: Season
) -> None:
    choices = club_index.complete("")
    assert sorted(choice.key for choice in choices) == sorted(club.id for club in season.clubs)


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("nec", "necaxa"),
        ("leones", "udeg"),
        ("NEC", "necaxa"),
        ("dor", "sinaloa"),
        ("zac", "zacatepec"),
    ],
)
def test_complete_puts_the_best_match_first(club_index: ClubIndex, text: str, first: str) -> None:
    assert club_index.complete(text)[0].key == first


def _typed_texts() -> list[str]:
    """What a fan may have typed so far: nothing, one letter, prefixes of every spelling."""
    texts = ["", " ", *string.ascii_lowercase, "x" * 150, "⚽", "@everyone"]
    texts += [entry["query"][:n] for entry in RESOLVE for n in (2, 4)]
    texts += [entry["query"] for entry in [*RESOLVE, *REFUSE]]
    return list(dict.fromkeys(texts))


def test_complete_choices_fit_discord_and_resolve_back(club_index: ClubIndex) -> None:
    """At most 25 choices, names and values 1–100 characters, each value naming its club."""
    for text in _typed_texts():
        choices = club_index.complete(text)
        assert len(choices) <= MAX_CHOICES, text
        assert len({choice.key for choice in choices}) == len(choices), text
        for choice in choices:
            assert 1 <= len(choice.label) <= 100, choice
            assert 1 <= len(choice.value) <= 100, choice
            found = club_index.resolve(choice.value)
            assert (found.key, found.exact) == (choice.key, True), choice


def test_complete_respects_a_smaller_limit_and_caps_a_larger_one(club_index: ClubIndex) -> None:
    assert len(club_index.complete("", limit=3)) == 3
    assert len(club_index.complete("", limit=100)) == 15


# --- tournaments ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "tournament"),
    [
        ("Apertura", "apertura-2013"),
        ("clausura", "clausura-2014"),
        ("AP13", "apertura-2013"),
        ("Apertura 2013", "apertura-2013"),
        ("CL14", "clausura-2014"),
        ("final de ascenso", "promotion-2014"),
        ("promotion", "promotion-2014"),
        ("Promoción", "promotion-2014"),
        ("Campeón de Ascenso 2014", "promotion-2014"),
    ],
)
def test_tournament_resolves(
    tournament_index: TournamentIndex, query: str, tournament: str
) -> None:
    assert tournament_index.resolve(query).key == tournament


@pytest.mark.parametrize(
    "query",
    [
        "Liga MX",
        "Copa MX",
        "2015",
        "",
        "Champions League",
        # Another season's tournaments: the year is what makes the name, not a typo.
        "Apertura 2014",
        "Clausura 2013",
    ],
)
def test_tournament_refuses_what_the_season_did_not_have(
    tournament_index: TournamentIndex, query: str
) -> None:
    with pytest.raises((TournamentNotFound, AmbiguousTournament)):
        tournament_index.resolve(query)
