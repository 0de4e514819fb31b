"""/result: every meeting of two clubs, and how each of their ties ended."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from commands import text as fmt
from commands.context import Context
from commands.host import host_of
from commands.i18n import Tr
from commands.limits import fields_from_lines
from commands.memo import remembered
from commands.reply import Embed, EmbedField, Reply
from commands.slash import ClubName, TournamentName, slash_command
from commands.ties import footnote, tie_heading, tie_lines, who_beat_whom, with_footnote
from knowledge.models import Season
from knowledge.queries import HeadToHead, head_to_head

if TYPE_CHECKING:
    import discord


@remembered
@fmt.names_unbroken
async def result(ctx: Context, club_a: str, club_b: str, tournament: str | None = None) -> Reply:
    knowledge = ctx.knowledge
    a = knowledge.clubs.resolve(club_a)
    b = knowledge.clubs.resolve(club_b)
    competition = knowledge.tournaments.resolve(tournament).key if tournament else None
    return render_result(
        ctx.season, head_to_head(ctx.season, a.key, b.key, competition), ctx.tr, competition
    )


def render_result(season: Season, h2h: HeadToHead, tr: Tr, tournament: str | None) -> Reply:
    title = tr("result.title", a=h2h.club_a.said_name, b=h2h.club_b.said_name)
    scope = season.competition(tournament).name if tournament else fmt.season_name(season, tr)
    if not h2h.met:
        a, b = h2h.club_a.said_name, h2h.club_b.said_name
        description = tr("result.never_met", a=a, b=b, scope=scope)
        embed = Embed(title=title, description=description, footer=tr("result.coverage"))
        return Reply(embeds=(embed,))
    fields: list[EmbedField] = []
    leads = []
    ties = [(season.competition(o.competition_id), o) for o in h2h.ties]
    for competition, outcome in ties:
        leads.append(who_beat_whom(season, competition, outcome, tr))
        fields += fields_from_lines(
            tie_heading(competition, outcome, tr),
            tie_lines(season, competition, outcome, tr, with_notes=False),
            tr("embed.continued"),
        )
    # The answer first: who won each tie, and by how much; the legs follow in the fields.
    meetings = tr.plural("result.meetings", len(h2h.meetings))
    description = f"{'; '.join(leads)} ({meetings})"
    embed = Embed(
        title=title,
        description=description,
        fields=tuple(fields),
        footer=with_footnote(tr("result.footer"), footnote(season, ties, tr)),
    )
    return Reply(embeds=(embed,))


@slash_command("result", handler=result)
async def result_command(
    interaction: discord.Interaction[Any],
    club_a: ClubName,
    club_b: ClubName,
    tournament: TournamentName | None = None,
    private: bool = False,
) -> None:
    await host_of(interaction).answer(
        interaction, result, club_a=club_a, club_b=club_b, tournament=tournament, private=private
    )
