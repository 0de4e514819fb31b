"""/scorers: the goal tally from the playoffs' listed scorers, most goals first.

The source lists scorers for the liguillas and the promotion final only, so the reply says so
before the table: a regular-season top scorer is not something the data can tell. Players are
counted per club and name (J. Ibarra of Delfines is not P. Ibarra of UAT), and the one goal the
source gives without a minute is pointed out rather than hidden.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from commands import text as fmt
from commands.components import page_buttons
from commands.context import Context
from commands.host import host_of
from commands.i18n import Tr
from commands.memo import remembered
from commands.reply import Embed, Reply
from commands.slash import ClubName, TournamentName, slash_command
from knowledge.models import Season
from knowledge.queries import GoalEvent, ScorerRow, ScorerTable, meetings
from knowledge.queries import scorers as scorer_table

if TYPE_CHECKING:
    import discord

PAGE_ROWS = 15
"""Rows per page: a table a phone shows without scrolling. Longer tallies page with ◀ ▶
buttons rather than lose rows."""
FOLD_AT = 5
"""More players than this on the lowest tally are counted, not listed, unless asked for all:
26 rows of one-goal scorers push the leaders off a phone's screen."""


@remembered
@fmt.names_unbroken
async def scorers(
    ctx: Context,
    tournament: str | None = None,
    club: str | None = None,
    everyone: bool = False,
    page: int = 1,
) -> Reply:
    """`everyone`: the whole list, the long tail included. `page` is not a slash option: the
    ◀ ▶ buttons ask for it."""
    knowledge = ctx.knowledge
    competition = knowledge.tournaments.resolve(tournament).key if tournament else None
    club_key = knowledge.clubs.resolve(club).key if club else None
    table = scorer_table(ctx.season, competition, club_key)
    legs = len(meetings(ctx.season, competition, club_key)) if club_key else None
    folded = 0 if everyone else _folded(table.rows)
    pages = page_count(len(table.rows) - folded)
    page = min(max(page, 1), pages)  # an old button after the data changed: the nearest page
    reply = render_scorers(
        ctx.season,
        table,
        ctx.tr,
        tournament=competition,
        club=club_key,
        legs=legs,
        full=everyone,
        page=page,
    )
    options = {"tournament": competition, "club": club_key, "everyone": everyone}
    return replace(reply, components=page_buttons(ctx, "scorers", options, page, pages))


def page_count(rows: int) -> int:
    return max(1, -(-rows // PAGE_ROWS))


def _folded(rows: tuple[ScorerRow, ...]) -> int:
    """How many players on the lowest tally to count rather than list (0: list everyone)."""
    tail = [row for row in rows if row.count == rows[-1].count]
    return len(tail) if len(tail) > FOLD_AT and rows[0].count > rows[-1].count else 0


def _table(table: ScorerTable, tr: Tr, with_club: bool, shown: int, page: int) -> str:
    """The `page`th page of the first `shown` rows (the rest are folded into a count)."""
    header = [tr("scorers.column.rank"), tr("scorers.column.player")]
    header += [tr("scorers.column.club")] if with_club else []
    body = [[*header, tr("scorers.column.goals")]]
    previous = 0
    first = (page - 1) * PAGE_ROWS
    last = min(first + PAGE_ROWS, shown)
    for rank, row in zip(table.ranks[first:last], table.rows[first:last], strict=True):
        cells = [str(rank) if rank != previous else "", row.player]
        cells += [row.club.short_name] if with_club else []
        body.append([*cells, tr.number(row.count)])
        previous = rank
    return fmt.table(body, "><<>" if with_club else "><>")


MAX_NAMED_LEADERS = 3
"""More players than this tied at the top are counted, not named (a club's 1-goal tally)."""


def _leaders(table: ScorerTable, tr: Tr, with_club: bool) -> str:
    leaders = table.leaders
    count = leaders[0].count
    if len(leaders) > MAX_NAMED_LEADERS:
        players = tr.plural("scorers.players", len(leaders))
        return tr.plural("scorers.leaders", count, players=players)
    named = [
        f"**{row.player}** ({row.club.said_name})" if with_club else f"**{row.player}**"
        for row in leaders
    ]
    if len(leaders) == 1:
        return tr.plural("scorers.leader", count, player=named[0])
    return tr.plural("scorers.leaders", count, players=fmt.and_list(named, tr))


def _without_minute(season: Season, event: GoalEvent, tr: Tr) -> str:
    meeting = event.meeting
    return tr(
        "scorers.no_minute",
        player=event.goal.player,
        club=fmt.short(season, event.goal.club),
        match=fmt.leg_score(season, meeting.leg),
        date=tr.date(meeting.leg.date),
        stage=f"{meeting.competition.name} · {fmt.round_name(tr, meeting.round)}",
    )


def _empty(season: Season, tr: Tr, scope: str, club: str | None, legs: int | None) -> str:
    """Why no goal is listed: the club did not play, played without scoring, or no goals."""
    if club is None:
        return tr("scorers.none", scope=scope)
    name = fmt.short(season, club)
    if not legs:
        return tr("scorers.did_not_play", club=name, scope=scope)
    return tr.plural("scorers.no_goals_in_legs", legs, club=name, scope=scope)


def render_scorers(
    season: Season,
    table: ScorerTable,
    tr: Tr,
    *,
    tournament: str | None = None,
    club: str | None = None,
    legs: int | None = None,
    full: bool = False,
    page: int = 1,
) -> Reply:
    """`legs` is how many playoff legs `club` played in scope, to word an empty tally;
    `full` lists every player, the long tail on the lowest tally included; `page` which rows
    of the table to show (the ranks are the whole table's)."""
    scope = season.competition(tournament).name if tournament else fmt.season_name(season, tr)
    if club is None:
        title = "⚽ " + tr("scorers.title", scope=scope)
    else:
        title = "⚽ " + tr("scorers.club_title", club=fmt.short(season, club), scope=scope)
    note = f"_{tr('scorers.playoffs_only')}_"
    if not table.rows:
        description = f"{_empty(season, tr, scope, club, legs)}\n{note}"
        return Reply(embeds=(Embed(title=title, description=description),))
    lines = [
        _leaders(table, tr, with_club=club is None),
        tr.plural(
            "scorers.total", table.total, players=tr.plural("scorers.players", len(table.rows))
        ),
        note,
    ]
    folded = 0 if full else _folded(table.rows)
    shown = len(table.rows) - folded
    lines.append(_table(table, tr, with_club=club is None, shown=shown, page=page))
    pages = page_count(shown)
    if pages > 1:
        lines.append(tr("components.page", page=tr.number(page), pages=tr.number(pages)))
    if folded:
        lines.append(
            tr.plural(
                "scorers.folded",
                folded,
                goals=tr.plural("scorers.goals", table.rows[-1].count),
                command=tr("command.scorers.name"),
                option=tr("command.scorers.options.everyone.name"),
            )
        )
    lines += [
        "⏱️ " + _without_minute(season, event, tr)
        for row in table.rows
        for event in row.goals
        if event.goal.minute is None
    ]
    embed = Embed(title=title, description="\n".join(lines), footer=tr("scorers.footer"))
    return Reply(embeds=(embed,))


@slash_command("scorers", handler=scorers)
async def scorers_command(
    interaction: discord.Interaction[Any],
    tournament: TournamentName | None = None,
    club: ClubName | None = None,
    everyone: bool = False,
    private: bool = False,
) -> None:
    await host_of(interaction).answer(
        interaction,
        scorers,
        tournament=tournament,
        club=club,
        everyone=everyone,
        private=private,
    )
