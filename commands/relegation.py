"""/relegation: the relegation table as the source gives it, and one club's place in it.

The source prints ranks 10–15 only, so the reply says so every time, and a club above rank 10
(Necaxa, UdeG...) gets a normal answer that its row is not in the data, never an error. The
pieces that word a row or a relegated club's fate are shared with /club.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from commands import text as fmt
from commands.context import Context
from commands.host import host_of
from commands.i18n import Tr
from commands.limits import TABLE_WIDTH
from commands.memo import remembered
from commands.reply import Embed, EmbedField, Reply
from commands.slash import ClubName, slash_command
from knowledge.models import Relegated, Season
from knowledge.relegation import (
    NotInTable,
    RelegationStanding,
    RelegationTable,
    relegation_row,
    relegation_table,
)

if TYPE_CHECKING:
    import discord

RELEGATED_MARK = "↓"
"""Marks the relegated row inside the monospace table (an emoji would break the columns)."""
CHOSEN_MARK = "←"
"""Points at the club the fan asked about."""


@remembered
@fmt.names_unbroken
async def relegation(ctx: Context, club: str | None = None) -> Reply:
    season = ctx.season
    table = relegation_table(season)
    if club is None:
        return render_relegation(season, table, ctx.tr)
    found = ctx.knowledge.clubs.resolve(club)
    return render_relegation(season, table, ctx.tr, relegation_row(season, found.key))


def _drop(table: RelegationTable) -> RelegationStanding:
    """The relegated club's row; the lowest ratio where the source names no one."""
    relegated = [standing for standing in table.standings if standing.relegated is not None]
    return relegated[0] if relegated else min(table.standings, key=lambda s: s.row.ratio)


def fate(season: Season, relegated: Relegated, tr: Tr) -> str | None:
    """What became of a relegated club, where the source tells more than "went down"."""
    if relegated.stayed_by_buying_place_of is not None:
        bought = fmt.name(season, relegated.stayed_by_buying_place_of)
        return tr("relegation.fate.bought", club=bought)
    if relegated.stayed_in_league:
        return tr("relegation.fate.stayed")
    return None


def with_fate(text: str, season: Season, relegated: Relegated, tr: Tr) -> str:
    """`text`, followed by the club's fate when there is one to tell."""
    told = fate(season, relegated, tr)
    return f"{text} {told}" if told else text


def row_line(standing: RelegationStanding, tr: Tr) -> str:
    """`Rank 14 · 28 pts in 28 games · ratio 1.0000`."""
    row = standing.row
    return tr(
        "relegation.row",
        rank=row.rank,
        points=tr.plural("relegation.points", row.points),
        games=tr.plural("relegation.games", row.games),
        ratio=tr.ratio(row.ratio),
    )


def distance_line(
    season: Season, standing: RelegationStanding, drop: RelegationStanding, tr: Tr
) -> str:
    """How far the club stood from the drop, or how it went down and what became of it."""
    if standing.relegated is not None:
        return "⬇️ " + with_fate(tr("relegation.went_down"), season, standing.relegated, tr)
    return tr(
        "relegation.above_drop",
        distance=tr.ratio(standing.above_drop),
        club=fmt.short(season, drop.row.club),
        ratio=tr.ratio(drop.row.ratio),
    )


def not_in_table_line(missing: NotInTable, tr: Tr) -> str:
    return tr(
        "relegation.not_in_data",
        club=missing.club.said_name,
        first=missing.first_rank,
        last=missing.last_rank,
    )


def _width(rows: list[list[str]]) -> int:
    return sum(max(len(row[i]) for row in rows) for i in range(len(rows[0]))) + len(rows[0]) - 1


def _table(table: RelegationTable, tr: Tr, chosen: str | None) -> str:
    """Rank, club, points, games, ratio and a marker, at most phone-wide.

    The source's own team names ("Dorados de Sinaloa") are used when they fit; otherwise the
    clubs' short names.
    """
    header = [
        tr("relegation.column.rank"),
        tr("relegation.column.club"),
        tr("relegation.column.points"),
        tr("relegation.column.games"),
        tr("relegation.column.ratio"),
        "",
    ]

    def rows(long_names: bool) -> list[list[str]]:
        body = []
        for standing in table.standings:
            row = standing.row
            marks = [RELEGATED_MARK] if standing.relegated is not None else []
            if row.club == chosen:
                marks.append(CHOSEN_MARK)
            # Two markers with a space between, so each reads as its own ("0.9524 ↓ ←").
            mark = " ".join(marks)
            body.append(
                [
                    str(row.rank),
                    row.team if long_names else standing.club.short_name,
                    tr.number(row.points),
                    tr.number(row.games),
                    tr.ratio(row.ratio),
                    mark,
                ]
            )
        return [header, *body]

    full = rows(long_names=True)
    return fmt.table(full if _width(full) <= TABLE_WIDTH else rows(long_names=False), "><>>><")


def _legend(table: RelegationTable, tr: Tr, chosen: str | None) -> str:
    parts = []
    if any(standing.relegated is not None for standing in table.standings):
        parts.append(tr("relegation.legend.relegated", mark=RELEGATED_MARK))
    if chosen is not None:
        club = next(s.club.said_name for s in table.standings if s.row.club == chosen)
        parts.append(tr("relegation.legend.chosen", mark=CHOSEN_MARK, club=club))
    return " · ".join(parts)


def rule_line(table: RelegationTable, tr: Tr) -> str:
    count = len(table.tournaments)
    if not count:
        return table.rule
    return tr.plural("relegation.rule", count, tournaments=fmt.and_list(table.tournaments, tr))


def render_relegation(
    season: Season,
    table: RelegationTable,
    tr: Tr,
    standing: RelegationStanding | NotInTable | None = None,
) -> Reply:
    drop = _drop(table)
    ranks = tr("relegation.ranks_only", first=table.first_rank, last=table.last_rank)
    chosen = standing.row.club if isinstance(standing, RelegationStanding) else None
    lines: list[str] = []
    if standing is None:
        title = tr("relegation.title", season=fmt.season_name(season, tr))
        if drop.relegated is not None:
            club = fmt.short(season, drop.row.club)
            headline = tr("relegation.headline", club=club, ratio=tr.ratio(drop.row.ratio))
            lines.append("⬇️ " + with_fate(headline, season, drop.relegated, tr))
    elif isinstance(standing, NotInTable):
        title = tr("relegation.club_title", club=standing.club.said_name)
        lines.append(not_in_table_line(standing, tr))
        if drop.relegated is not None:
            ratio = tr.ratio(drop.row.ratio)
            club = fmt.short(season, drop.row.club)
            lines.append(tr("relegation.drop_was", club=club, ratio=ratio))
    else:
        title = tr("relegation.club_title", club=standing.club.said_name)
        lines.append(f"**{row_line(standing, tr)}**")
        if standing.row.team != standing.club.said_name:
            lines.append(tr("relegation.listed_as", team=standing.row.team))
        lines.append(distance_line(season, standing, drop, tr))
    lines.append(_table(table, tr, chosen))
    lines += [legend for legend in (_legend(table, tr, chosen), ranks) if legend]
    embed = Embed(
        title=title,
        description="\n".join(lines),
        fields=(EmbedField(tr("relegation.rule_title"), rule_line(table, tr)),),
        footer=tr("relegation.footer"),
    )
    return Reply(embeds=(embed,))


@slash_command("relegation", handler=relegation)
async def relegation_command(
    interaction: discord.Interaction[Any],
    club: ClubName | None = None,
    private: bool = False,
) -> None:
    await host_of(interaction).answer(interaction, relegation, club=club, private=private)
