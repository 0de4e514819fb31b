"""A club or a tournament by its id, or the domain error that says it is not in the season."""

from __future__ import annotations

from knowledge.errors import ClubNotFound, TournamentNotFound
from knowledge.models import Club, Competition, Season


def club_of(season: Season, club_id: str) -> Club:
    club = season.clubs_by_id.get(club_id)
    if club is None:
        raise ClubNotFound(club_id)
    return club


def competition_of(season: Season, competition_id: str) -> Competition:
    competition = season.competitions_by_id.get(competition_id)
    if competition is None:
        raise TournamentNotFound(competition_id)
    return competition
