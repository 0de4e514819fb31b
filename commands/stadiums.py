"""/stadiums: the season's 15 grounds, largest first.

Stadium names are long ("Unidad Deportiva Campus II de la UAC"), so each ground takes two
short lines instead of a wide table: name and capacity, then club and city. That reads on a
phone without wrapping.
"""

from __future__ import annotations

from collections.abc import Sequence

from commands import text as fmt
from commands.context import Context
from commands.i18n import Tr
from commands.limits import DESCRIPTION, fields_from_lines
from commands.memo import remembered
from commands.reply import Embed, Reply
from commands.slash import private_only_command
from knowledge.models import Club, Season
from knowledge.queries import stadiums as stadiums_by_capacity

INDENT = "\u2003"
"""An em space: indents the club line under its ground without markdown's list or quote marks."""


@remembered
@fmt.names_unbroken
async def stadiums(ctx: Context) -> Reply:
    return render_stadiums(ctx.season, stadiums_by_capacity(ctx.season), ctx.tr)


def stadium_lines(rank: int, club: Club, tr: Tr) -> str:
    """`**1. Estadio Jalisco** — 55,020` over `U. de G. · Guadalajara`."""
    first = tr("stadiums.line", rank=rank, stadium=club.stadium, capacity=tr.number(club.capacity))
    return f"{first}\n{INDENT}{club.name} · {club.city_in(tr.language)}"


def render_stadiums(season: Season, clubs: Sequence[Club], tr: Tr) -> Reply:
    title = "🏟️ " + tr("stadiums.title", season=fmt.season_name(season, tr))
    entries = [stadium_lines(rank, club, tr) for rank, club in enumerate(clubs, start=1)]
    footer = tr.plural("stadiums.footer", len(clubs))
    description = "\n".join(entries)
    if len(description) <= DESCRIPTION:
        embed = Embed(title=title, description=description, footer=footer)
    else:
        fields = fields_from_lines(tr("stadiums.by_capacity"), entries, tr("embed.continued"))
        embed = Embed(title=title, fields=tuple(fields[:25]), footer=footer)
    return Reply(embeds=(embed,))


stadiums_command = private_only_command("stadiums", stadiums)
