"""Clubs named by their role in a tournament, read from the real season."""

from __future__ import annotations

import pytest

from knowledge.models import Season
from knowledge.questions import Lexicon
from knowledge.questions.roles import read_roles
from knowledge.resolver import TournamentIndex


@pytest.fixture(scope="module")
def lex(season: Season, tournament_index: TournamentIndex) -> Lexicon:
    return Lexicon.build(season, tournament_index)


def test_a_champion_and_finalists_are_read_as_their_clubs(season: Season, lex: Lexicon) -> None:
    read = read_roles("capacidad del estadio del campeón del Clausura", season, lex, "y")
    assert read is not None
    assert read.text == "capacidad del estadio del Tecos"
    assert [(role.role, role.clubs) for role in read.roles] == [("champion", ("tecos",))]
    finalists = read_roles(
        "did both Apertura finalists make the Clausura semis?", season, lex, "and"
    )
    assert finalists is not None
    assert finalists.text == "did UdeG and Necaxa make the clausura semis?"


def test_a_role_said_of_a_club_or_no_role_is_left_alone(season: Season, lex: Lexicon) -> None:
    assert read_roles("was Necaxa the Apertura champion?", season, lex, "and") is None
    assert read_roles("¿Necaxa fue campeón del Apertura?", season, lex, "y") is None
    assert read_roles("who won the campeón de ascenso final", season, lex, "and") is None
    assert read_roles("capacity of Estadio Jalisco", season, lex, "and") is None
