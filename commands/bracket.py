"""/bracket: one tournament's whole playoff, tie by tie, with the champion first.

The reply leads with what a fan asks first (who won), then a phone-wide overview of every tie,
then one embed field per tie with both legs, scorers and how it was decided. A picture of the
bracket may be attached later; the text stays complete on its own so it reads in any client.
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
from commands.slash import TournamentName, slash_command
from commands.ties import footnote, tie_lines, with_footnote
from knowledge import queries
from knowledge.models import Competition, DecisionMethod, Season
from knowledge.queries import Bracket
from knowledge.ties import TieOutcome

if TYPE_CHECKING:
    import discord


async def bracket(ctx: Context, tournament: str) -> Reply:
    from commands.pictures import attach, picture  # Pillow, only once a picture is drawn

    found = ctx.knowledge.tournaments.resolve(tournament)
    reply = await _bracket_text(ctx, found.key)
    return fmt.pictures_unbroken(attach(reply, await picture(ctx, found.key)))


@remembered
@fmt.names_unbroken
async def _bracket_text(ctx: Context, tournament: str) -> Reply:
    """The reply without its picture (which has its own cache): kept per snapshot."""
    reply = render_bracket(ctx.season, queries.bracket(ctx.season, tournament), ctx.tr)
    return replace(reply, components=tournament_switcher(ctx, "bracket", {}, tournament))


def render_bracket(season: Season, result: Bracket, tr: Tr) -> Reply:
    """Headline, overview table and where each tie's legs are; the picture goes beside them.

    Short for a phone: the legs of every tie are one `/result` away (the reply says how) and
    in the picture's alt text as results; only a single-tie bracket (the promotion final)
    shows its legs here, as there is then no overview to read instead. The picture, drawn
    landscape for the 296 px a phone shows it at, leaves room for the overview: the reply
    stays within 1.5 phone screens (`tests/commands/test_phone_layout.py`).
    """
    competition = result.competition
    title = tr(f"bracket.title.{competition.kind}", competition=competition.name)
    lines = _headline(season, result, tr)
    ties = [tie for round_ in result.rounds for tie in round_.ties]
    fields: list[EmbedField] = []
    if len(ties) > 1:
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
    legend = tr("bracket.footer_single") if len(ties) == 1 else _legend(ties, tr)
    footer = with_footnote(legend, note)
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
    intro = tr("bracket.legend.intro")
    return f"{intro} · {', '.join(shown)}" if shown else intro


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
