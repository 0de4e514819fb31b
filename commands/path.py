"""/path: one club's road through the season's playoffs, and where it ended.

The description answers "how far did they get?" at a glance, one block per tournament (how it
ended, the bye, each round in a line); the fields then hold every tie in full. A club that did
not qualify gets that said plainly: the data has no regular-season matches to show instead.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from commands import text as fmt
from commands.components import tournament_switcher
from commands.context import Context
from commands.host import host_of
from commands.i18n import Tr
from commands.limits import fields_from_lines
from commands.memo import remembered
from commands.reply import Embed, EmbedField, Reply
from commands.slash import ClubName, TournamentName, slash_command
from commands.ties import footnote, tie_heading, tie_lines, with_footnote
from knowledge.models import Season
from knowledge.queries import ClubPath, PathStep, club_path, club_paths

if TYPE_CHECKING:
    import discord


async def path(ctx: Context, club: str, tournament: str | None = None) -> Reply:
    from commands.pictures import attach, attach_each, picture  # Pillow, only for a picture

    knowledge = ctx.knowledge
    found = knowledge.clubs.resolve(club)
    competition = knowledge.tournaments.resolve(tournament).key if tournament else None
    reply = await _path_text(ctx, found.key, competition)
    if competition is not None:
        return fmt.pictures_unbroken(attach(reply, await picture(ctx, competition, found.key)))
    # The whole season: a picture of each tournament the club played in, its road marked.
    pictures = [
        await picture(ctx, road.competition.id, found.key)
        for road in club_paths(ctx.season, found.key)
        if road.qualified
    ]
    return fmt.pictures_unbroken(attach_each(reply, pictures))


@remembered
@fmt.names_unbroken
async def _path_text(ctx: Context, club: str, competition: str | None) -> Reply:
    """The reply without its pictures (which have their own cache): kept per snapshot."""
    switcher = tournament_switcher(ctx, "path", {"club": club}, competition, whole_season=True)
    roads: tuple[ClubPath, ...]
    if competition is not None:
        roads = (club_path(ctx.season, club, competition),)
    else:
        roads = club_paths(ctx.season, club)
    return replace(render_path(ctx.season, roads, ctx.tr), components=switcher)


def render_path(season: Season, paths: tuple[ClubPath, ...], tr: Tr) -> Reply:
    """One block per tournament asked about; "no playoff this season" only when all were."""
    club = paths[0].club
    whole_season = len(paths) == len(season.competitions)
    if whole_season and not any(road.qualified for road in paths):
        lead = tr("path.nowhere", club=club.name)
    else:
        finishes = fmt.and_list([_went(road, tr) for road in paths], tr)
        lead = tr("path.lead", club=club.name, finishes=finishes)
    # The answer first (how far the club went), then a block per tournament.
    blocks = [lead, *("\n".join(_summary(season, road, tr)) for road in paths)]
    ties = [(road.competition, step.outcome) for road in paths for step in road.steps]
    fields: list[EmbedField] = []
    for road in paths:
        for step in road.steps:
            outcome = step.outcome
            heading = tr(
                "path.tie",
                heading=tie_heading(road.competition, outcome, tr),
                opponent=fmt.short(season, outcome.opponent_of(club.id)),
            )
            fields += fields_from_lines(
                heading,
                tie_lines(season, road.competition, outcome, tr, with_notes=False),
                tr("embed.continued"),
            )
    embed = Embed(
        title=tr("path.title", club=club.name),
        description="\n\n".join(blocks),
        fields=tuple(fields),
        footer=with_footnote(tr("path.footer"), footnote(season, ties, tr)),
    )
    return Reply(embeds=(embed,))


def _summary(season: Season, road: ClubPath, tr: Tr) -> list[str]:
    """`**Clausura 2014** · 🏆 champion`, the bye, then one line per round."""
    lines = [tr("path.tournament", competition=road.competition.name, finish=_finish(road, tr))]
    bye = road.bye
    if bye is not None:
        key = "path.bye_seed" if bye.seed is not None else "path.bye"
        lines.append(tr(key, round=tr(f"round_in.{bye.round}"), seed=bye.seed))
    lines += [_step(season, road, step, tr) for step in road.steps]
    return lines


def _went(road: ClubPath, tr: Tr) -> str:
    """`went out in the semifinals of the Clausura 2014`: the finish as a past event."""
    return tr(
        f"path.went.{road.finish}",
        competition=road.competition.name,
        round=tr(f"round_in.{road.out_in}") if road.out_in is not None else "",
        division=road.competition.promotes_to or "",
    )


def _finish(road: ClubPath, tr: Tr) -> str:
    if road.finish == "eliminated" and road.out_in is not None:
        return tr("path.finish.eliminated", round=tr(f"round_in.{road.out_in}"))
    if road.finish == "promoted":
        return tr("path.finish.promoted", division=road.competition.promotes_to or "")
    return tr(f"path.finish.{road.finish}")


def _step(season: Season, road: ClubPath, step: PathStep, tr: Tr) -> str:
    """`✅ Semifinals v Necaxa: won, 0–0 on aggregate, away goals level (0–0), decided by
    the higher seed`."""
    outcome = step.outcome
    how = fmt.decision_text(outcome, tr)
    return tr(
        "path.step.won" if step.advanced else "path.step.lost",
        round=fmt.round_name(tr, outcome.round),
        opponent=fmt.short(season, outcome.opponent_of(road.club.id)),
        how=how,
    )


@slash_command("path", handler=path)
async def path_command(
    interaction: discord.Interaction[Any],
    club: ClubName,
    tournament: TournamentName | None = None,
    private: bool = False,
) -> None:
    await host_of(interaction).answer(
        interaction, path, club=club, tournament=tournament, private=private
    )
