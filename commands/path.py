"""/path: one club's road through the season's playoffs, and where it ended.

The description answers "how far did they get?" at a glance, one block per tournament (how it
ended, the bye, each round in a line); the fields then hold every tie in full. A club that did
not qualify gets that said plainly: the data has no regular-season matches to show instead.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from commands import text as fmt
from commands.components import canonical, component_id, label, tournament_switcher
from commands.context import Context
from commands.host import host_of
from commands.i18n import Tr
from commands.limits import fields_from_lines
from commands.memo import remembered
from commands.reply import Button, Embed, EmbedField, Reply, Row
from commands.slash import ClubName, TournamentName, slash_command
from commands.ties import footnote, with_footnote
from knowledge.models import RoundName, Season
from knowledge.queries import ClubPath, PathStep, club_path, club_paths

if TYPE_CHECKING:
    import discord


async def path(ctx: Context, club: str, tournament: str | None = None, legs: bool = False) -> Reply:
    """`legs` (not a slash option: the "Legs and scorers" button) shows each round's legs
    and scorers instead of the summary and its picture."""
    from commands.pictures import attach, picture  # Pillow, only for a picture

    knowledge = ctx.knowledge
    found = knowledge.clubs.resolve(club)
    competition = knowledge.tournaments.resolve(tournament).key if tournament else None
    reply = await _path_text(ctx, found.key, competition, legs)
    if competition is None or legs:
        # The whole season is a summary to read at a glance: each tournament's picture is
        # one pick away in the menu.
        return reply
    return fmt.pictures_unbroken(attach(reply, await picture(ctx, competition, found.key)))


@remembered
@fmt.names_unbroken
async def _path_text(ctx: Context, club: str, competition: str | None, legs: bool) -> Reply:
    """The reply without its picture (which has its own cache): kept per snapshot."""
    roads: tuple[ClubPath, ...]
    if competition is not None:
        roads = (club_path(ctx.season, club, competition),)
    else:
        roads = club_paths(ctx.season, club)
    reply = render_path(ctx.season, roads, ctx.tr, legs=legs)
    # The menu keeps the view: from the legs of one tournament to the legs of another.
    kept = {"club": club, "legs": legs}
    rows = tournament_switcher(ctx, "path", kept, competition, whole_season=True)
    if legs or any(road.steps for road in roads):
        rows = (*rows, *_legs_button(ctx, club, competition, legs))
    return replace(reply, components=rows)


def _legs_button(ctx: Context, club: str, competition: str | None, legs: bool) -> tuple[Row, ...]:
    """One tap between the summary and every round's legs and scorers."""
    options = {"club": club, "tournament": competition, "legs": not legs}
    custom_id = component_id("view", "path", canonical(ctx, options))
    if custom_id is None:
        return ()
    caption = ctx.tr("path.summary_button" if legs else "path.legs_button")
    return ((Button(custom_id, label(caption)),),)


_FINISH_ORDER = {
    "promoted": 0,
    "champion": 1,
    "runner_up": 2,
    "eliminated": 3,
    "did_not_qualify": 4,
}
"""How a road's lead orders the tournaments: a title before a defeat, the tournaments a club
did not reach last."""


def render_path(
    season: Season, paths: tuple[ClubPath, ...], tr: Tr, *, legs: bool = False
) -> Reply:
    """The answer first (how far the club went, its best finish first), then a block per
    tournament it played: one line per round, every score from the club's side. With
    `legs`, each round is a field of its legs and scorers instead."""
    club = paths[0].club
    name = fmt.short(season, club.id)
    whole_season = len(paths) == len(season.competitions)
    if whole_season and not any(road.qualified for road in paths):
        lead = tr("path.nowhere", club=name)
    else:
        ordered = sorted(paths, key=lambda road: _FINISH_ORDER[road.finish])
        finishes = fmt.and_list([_went(road, tr) for road in ordered], tr)
        lead = tr("path.lead", club=name, finishes=finishes)
    played = [road for road in paths if road.qualified]
    ties = [(road.competition, step.outcome) for road in paths for step in road.steps]
    blocks = [lead]
    fields: list[EmbedField] = []
    if legs:
        for road in played:
            for step in road.steps:
                fields += fields_from_lines(
                    f"{road.competition.name} · {_step(season, road, step, tr)}",
                    _legs(season, step, tr),
                    tr("embed.continued"),
                )
    elif len(paths) == 1 and played:
        # One tournament: the lead has said how it ended; its rounds follow at once.
        blocks = ["\n".join([lead, *_summary(season, played[0], tr)[1:]])]
    else:
        blocks += ["\n".join(_summary(season, road, tr)) for road in played]
    embed = Embed(
        title=tr("path.title", club=name),
        description="\n\n".join(blocks),
        fields=tuple(fields),
        footer=_footer(paths, legs, footnote(season, ties, tr), tr),
    )
    return Reply(embeds=(embed,))


def _footer(paths: tuple[ClubPath, ...], legs: bool, note: str | None, tr: Tr) -> str | None:
    """What the data covers, and where a decision came from. One tournament the club
    played comes with its picture, which leaves room for the note alone."""
    if legs:
        return with_footnote(tr("path.footer_legs"), note)
    if len(paths) == 1 and paths[0].qualified:
        return note
    return with_footnote(tr("path.footer"), note)


def _legs(season: Season, step: PathStep, tr: Tr) -> list[str]:
    """A round's legs with their scorers: the decision is the field's name."""
    lines: list[str] = []
    for number, leg in enumerate(step.outcome.tie.legs, start=1):
        lines += fmt.leg_lines(season, leg, tr, number)
    return lines


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
    """`❌ Final v UdeG: runner-up, lost 1–2 on aggregate`: a round from the club's side."""
    outcome = step.outcome
    if step.advanced:
        key = "path.step.won"
    elif outcome.round == RoundName.FINAL:
        key = "path.step.runner_up"
    else:
        key = "path.step.lost"
    return tr(
        key,
        round=fmt.round_name(tr, outcome.round),
        opponent=fmt.short(season, outcome.opponent_of(road.club.id)),
        how=fmt.decision_from(outcome, road.club.id, tr),
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
