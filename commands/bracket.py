"""/bracket: one tournament's whole playoff, tie by tie, with the champion first.

The reply leads with what a fan asks first (who won), then a phone-wide overview of every tie,
then one embed field per tie with both legs, scorers and how it was decided. A picture of the
bracket may be attached later; the text stays complete on its own so it reads in any client.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from commands import text as fmt
from commands.components import component_id, label, tournament_switcher
from commands.context import Context
from commands.host import host_of
from commands.i18n import Tr
from commands.limits import fields_from_lines
from commands.memo import remembered
from commands.reply import Button, Embed, EmbedField, Reply
from commands.slash import TournamentName, slash_command
from commands.ties import footnote, tie_lines, with_footnote
from knowledge import queries
from knowledge.models import Competition, DecisionMethod, Season
from knowledge.queries import Bracket
from knowledge.ties import TieOutcome

if TYPE_CHECKING:
    import discord


async def bracket(ctx: Context, tournament: str, ties: bool = False) -> Reply:
    """`ties` (not a slash option: the "Every tie" button) shows the overview of every tie
    instead of the picture, which a phone draws most of a screen tall."""
    from commands.pictures import attach, picture  # Pillow, only once a picture is drawn

    found = ctx.knowledge.tournaments.resolve(tournament)
    reply = await _bracket_text(ctx, found.key, ties)
    if ties:
        return reply
    return fmt.pictures_unbroken(attach(reply, await picture(ctx, found.key)))


@remembered
@fmt.names_unbroken
async def _bracket_text(ctx: Context, tournament: str, ties: bool) -> Reply:
    """The reply without its picture (which has its own cache): kept per snapshot."""
    result = queries.bracket(ctx.season, tournament)
    several = sum(len(round_.ties) for round_ in result.rounds) > 1
    reply = render_bracket(ctx.season, result, ctx.tr, overview=ties or not several)
    rows = tournament_switcher(ctx, "bracket", {}, tournament)
    custom_id = component_id("view", "bracket", {"tournament": tournament, "ties": not ties})
    if several and custom_id is not None:
        caption = ctx.tr("bracket.picture_button" if ties else "bracket.ties_button")
        rows = (*rows, (Button(custom_id, label(caption)),))
    return replace(reply, components=rows)


def render_bracket(season: Season, result: Bracket, tr: Tr, *, overview: bool = True) -> Reply:
    """Headline, then (with `overview`) a table of every tie and where each tie's legs are.

    Short for a phone: /bracket shows the picture first and the overview one tap away (the
    picture shows the same ties, and its alt text tells them in words); the legs of every
    tie are one `/result` away (the reply says how). Only a single-tie bracket (the
    promotion final) shows its legs here, as there is then no overview to read instead.
    """
    competition = result.competition
    title = tr(f"bracket.title.{competition.kind}", competition=competition.name)
    lines = _headline(season, result, tr)
    ties = [tie for round_ in result.rounds for tie in round_.ties]
    fields: list[EmbedField] = []
    if len(ties) > 1 and overview:
        lines.append(fmt.table([_overview_row(season, tie, tr) for tie in ties], "<<><<"))
        final = result.final
        example = f"{fmt.short(season, final.first)} {fmt.short(season, final.second)}"
        lines.append(tr("bracket.legs", command=tr("command.result.name"), example=example))
    for round_ in result.rounds if len(ties) == 1 else ():
        for outcome in round_.ties:
            heading = tr(
                "bracket.tie",
                round=fmt.round_name(tr, outcome.round),
                first=fmt.short(season, outcome.first),
                second=fmt.short(season, outcome.second),
            )
            fields += fields_from_lines(
                heading,
                tie_lines(season, competition, outcome, tr, with_notes=False),
                tr("embed.continued"),
            )
    note = footnote(season, [(competition, tie) for tie in ties], tr)
    if len(ties) == 1:
        footer: str | None = with_footnote(tr("bracket.footer_single"), note)
    elif overview:
        footer = with_footnote(_legend(ties, tr), note)
    else:
        footer = note
    embed = Embed(title=title, description="\n".join(lines), fields=tuple(fields), footer=footer)
    return Reply(embeds=(embed,))


def _headline(season: Season, result: Bracket, tr: Tr) -> list[str]:
    """Champion (or promoted club) first, then the runner-up, the byes and what comes next."""
    competition = result.competition
    final = {
        "club": fmt.short(season, result.champion),
        "loser": fmt.short(season, result.runner_up),
        "how": fmt.decision_text(result.final, tr),
    }
    if competition.kind == "promotion_final":
        division = competition.promotes_to or ""
        lines = [tr("bracket.promoted", division=division, **final)]
    else:
        lines = [tr("bracket.champion", competition=competition.name, **final)]
    for bye in result.byes:
        key = "bracket.bye_seed" if bye.seed is not None else "bracket.bye"
        lines.append(
            tr(
                key,
                club=fmt.short(season, bye.club),
                seed=bye.seed,
                round=tr(f"round_in.{bye.round}"),
            )
        )
    if competition.qualified:
        lines.append(tr.plural("bracket.qualified", competition.qualified))
    lines += _feeders(season, competition, tr)
    if competition.winner_plays:
        next_up = season.competition(competition.winner_plays).name
        lines.append(tr("bracket.winner_plays", competition=next_up))
    return lines


def _feeders(season: Season, competition: Competition, tr: Tr) -> list[str]:
    """For a promotion final: which tournament each finalist won, from the season's winners."""
    lines = []
    for feeder in season.competitions:
        winner = season.season.winners.get(feeder.id)
        if feeder.winner_plays == competition.id and winner is not None:
            lines.append(
                tr("bracket.feeder", club=fmt.short(season, winner), competition=feeder.name)
            )
    return lines


def _legend(ties: list[TieOutcome], tr: Tr) -> str:
    """What the overview's markers mean: only those its rows show."""
    rounds = dict.fromkeys(outcome.round for outcome in ties)
    methods = dict.fromkeys(
        outcome.method for outcome in ties if outcome.method is not DecisionMethod.AGGREGATE
    )
    keys = [f"bracket.legend.round.{round_}" for round_ in rounds]
    keys += [f"bracket.legend.code.{method.value}" for method in methods]
    shown = [tr(key) for key in keys if tr.has(key)]
    return " · ".join(
        [tr("bracket.legend.intro"), ", ".join(shown)] if shown else [tr("bracket.legend.intro")]
    )


def _overview_row(season: Season, outcome: TieOutcome, tr: Tr) -> list[str]:
    """`QF  Necaxa  4–0 San Luis`: winner first, so the road to the title reads down the table."""
    if outcome.method is DecisionMethod.AGGREGATE:
        how = ""
    elif outcome.penalties is not None:
        how = tr("bracket.code.penalties", penalties=fmt.score(*outcome.penalties))
    else:
        how = tr(f"bracket.code.{outcome.method.value}")
    return [
        tr(f"bracket.round_short.{outcome.round}"),
        fmt.short(season, outcome.winner),
        fmt.aggregate_of(outcome),
        fmt.short(season, outcome.loser),
        how,
    ]


@slash_command("bracket", handler=bracket)
async def bracket_command(
    interaction: discord.Interaction[Any],
    tournament: TournamentName,
    private: bool = False,
) -> None:
    await host_of(interaction).answer(interaction, bracket, tournament=tournament, private=private)
