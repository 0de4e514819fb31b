"""/champions: who won what, who went up and who went down, in one glance.

The description is the honours list (each title with how its final was won); the fields hold
each final in full, so the penalty shoot-outs and their sources are there for whoever doubts.
"""

from __future__ import annotations

from commands import text as fmt
from commands.context import Context
from commands.i18n import Tr
from commands.limits import fields_from_lines
from commands.memo import remembered
from commands.reply import Embed, EmbedField, Reply
from commands.slash import private_only_command
from commands.ties import footnote, tie_heading, tie_lines, with_footnote
from knowledge.models import Club, Competition, Relegated, Season
from knowledge.queries import Champions
from knowledge.queries import champions as champions_of
from knowledge.ties import TieOutcome


@remembered
@fmt.names_unbroken
async def champions(ctx: Context) -> Reply:
    return render_champions(ctx.season, champions_of(ctx.season), ctx.tr)


def render_champions(season: Season, result: Champions, tr: Tr) -> Reply:
    """Honours first (each title with how it was won), then each final in full."""
    lines = [_title_line(season, competition, final, tr) for competition, final in result.winners]
    finals = list(result.winners)
    if result.promotion is not None:
        competition, final = result.promotion
        finals.append(result.promotion)
        lines.append(_title_line(season, competition, final, tr))
    if result.promoted:
        names = ", ".join(club.said_name for club in result.promoted)
        lines.append(tr("champions.promoted", clubs=names, division=result.promoted_to or ""))
    lines += [_relegated_line(season, club, entry, tr) for club, entry in result.relegated]
    winners = {final.winner for _, final in result.winners}
    if result.promotion is not None and len(winners) > 1:
        lines.append(tr("champions.different_winners"))
    fields: list[EmbedField] = []
    for competition, final in finals:
        fields += fields_from_lines(
            tie_heading(competition, final, tr),
            tie_lines(season, competition, final, tr, with_notes=False),
            tr("embed.continued"),
        )
    embed = Embed(
        title=tr("champions.title", season=fmt.season_name(season, tr)),
        description="\n".join(lines),
        fields=tuple(fields),
        footer=with_footnote(tr("champions.footer"), footnote(season, finals, tr)),
    )
    return Reply(embeds=(embed,))


def _title_line(season: Season, competition: Competition, final: TieOutcome, tr: Tr) -> str:
    """`🏆 **Apertura 2013**: **UdeG**, beating Necaxa (2–1 on aggregate)`."""
    how = fmt.decision_text(final, tr)
    key = "champions.promotion_final" if competition.kind == "promotion_final" else "champions.won"
    return tr(
        key,
        competition=competition.name,
        club=fmt.short(season, final.winner),
        opponent=fmt.short(season, final.loser),
        how=how,
    )


def _relegated_line(season: Season, club: Club, entry: Relegated, tr: Tr) -> str:
    """The relegated club under the name the rest of the reply and the relegation table's
    rows give it (Zacatepec, not the table's "Zacatepec 1948")."""
    shown = club.said_name
    if entry.stayed_in_league and entry.stayed_by_buying_place_of:
        bought = fmt.name(season, entry.stayed_by_buying_place_of)
        return tr("champions.relegated_bought", club=shown, other=bought)
    if entry.stayed_in_league:
        return tr("champions.relegated_stayed", club=shown)
    return tr("champions.relegated", club=shown)


champions_command = private_only_command("champions", champions)
