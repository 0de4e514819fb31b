"""The relegation table: the ratio of points to games over the seasons it counts, and where
each club stands in it."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from knowledge.derived import per_season
from knowledge.lookup import club_of
from knowledge.models import Club, Relegated, RelegationRow, Season


@dataclass(frozen=True, slots=True)
class RelegationStanding:
    row: RelegationRow
    club: Club
    relegated: Relegated | None
    """How the club went down (and whether it stayed), if it was relegated."""
    above_drop: float
    """Ratio above the relegated club's, to 4 places; 0 for the relegated club."""


@dataclass(frozen=True, slots=True)
class NotInTable:
    """The club is not among the ranks the source gives (10–15)."""

    club: Club
    first_rank: int
    last_rank: int


@dataclass(frozen=True, slots=True)
class RelegationTable:
    rule: str
    tournaments: tuple[str, ...]
    standings: tuple[RelegationStanding, ...]

    @property
    def first_rank(self) -> int:
        return self.standings[0].row.rank

    @property
    def last_rank(self) -> int:
        return self.standings[-1].row.rank


@per_season
def relegation_table(season: Season) -> RelegationTable:
    """The relegation table as the source gives it, the relegated club marked."""
    rows = season.relegation.rows
    relegated = {entry.club: entry for entry in season.season.relegated}
    # The distance comes from points and games, not from the printed ratios: Altamira's
    # 94/84 - 80/84 is 0.16667, which the ratios rounded to 4 places (1.1190 - 0.9524) make
    # 0.1666.
    drop_row = min(
        [row for row in rows if row.club in relegated] or rows,
        key=lambda row: Fraction(row.points, row.games),
    )
    drop = Fraction(drop_row.points, drop_row.games)
    standings = tuple(
        RelegationStanding(
            row,
            season.club(row.club),
            relegated.get(row.club),
            round(float(Fraction(row.points, row.games) - drop), 4),
        )
        for row in rows
    )
    return RelegationTable(season.relegation.rule, season.relegation.tournaments, standings)


@per_season
def relegation_row(season: Season, club: str) -> RelegationStanding | NotInTable:
    """The club's row, or that the source's table does not reach it (not an error)."""
    club_model = club_of(season, club)
    table = relegation_table(season)
    for standing in table.standings:
        if standing.row.club == club:
            return standing
    return NotInTable(club_model, table.first_rank, table.last_rank)
