"""Shared fixtures: the real season, loaded once, and the indexes built from it.

Knowledge tests run against the shipped data file rather than fixtures of their own, so a fact
that the data gets wrong fails a test that names the fact.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.loader import read_season
from knowledge.models import Season
from knowledge.resolver import ClubIndex, TournamentIndex

SEASON_FILE = Path(__file__).resolve().parents[1] / "knowledge" / "seasons" / "2013-14.yaml"
"""The data file the bot ships with; tests edit copies of its text, never the file."""


@pytest.fixture(scope="session")
def season_text() -> str:
    return SEASON_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def season() -> Season:
    return read_season(SEASON_FILE)


@pytest.fixture(scope="session")
def club_index(season: Season) -> ClubIndex:
    return ClubIndex.for_season(season)


@pytest.fixture(scope="session")
def tournament_index(season: Season) -> TournamentIndex:
    return TournamentIndex.for_season(season)
