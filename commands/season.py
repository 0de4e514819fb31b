"""/season: the season at a glance: dates, format, numbers and what changed since last year.

Every sentence is built from structured data (dates, rules, flags, change events) and worded by
the catalog, so the Spanish reply is as complete as the English one. Where the source's dates
and its matches disagree (the stated end is 12 April 2014, the playoffs ran into May), the
reply leads with the span the matches show and gives the source's dates as a footnote. The
changes from the previous season are one tap away, so the first view fits a phone.
"""

from __future__ import annotations

from dataclasses import replace

from commands import text as fmt
from commands.changes import change_line
from commands.components import component_id, label
from commands.context import Context
from commands.i18n import Tr
from commands.limits import fields_from_lines
from commands.memo import remembered
from commands.reply import Button, Embed, EmbedField, Reply
from commands.slash import private_only_command
from knowledge.models import Competition, DecisionMethod, Season
from knowledge.queries import SeasonSummary, season_summary


@remembered
@fmt.names_unbroken
async def season(ctx: Context, changes: bool = False) -> Reply:
    """`changes` (not a slash option: a button) shows the changes from the previous season,
    which the first view leaves one tap away."""
    reply = render_season(ctx.season, season_summary(ctx.season), ctx.tr, changes=changes)
    summary = season_summary(ctx.season)
    if not summary.changes:
        return reply
    custom_id = component_id("view", "season", {"changes": not changes})
    if custom_id is None:
        return reply
    caption = (
        ctx.tr("season.back_button")
        if changes
        else ctx.tr(
            "season.changes", previous=summary.info.previous or "", count=len(summary.changes)
        )
    )
    return replace(reply, components=((Button(custom_id, label(fmt.unbroken(caption))),),))


def render_season(
    season: Season, summary: SeasonSummary, tr: Tr, *, changes: bool = False
) -> Reply:
    """Dates and numbers in the description; tournaments and format as fields, or, with
    `changes`, the changes from the previous season."""
    info = summary.info
    title = tr("season.title", season=fmt.season_name(season, tr))
    if changes:
        lines = [change_line(season, change, tr) for change in summary.changes]
        heading = tr("season.changes", previous=info.previous or "", count=len(lines))
        embed = Embed(title=title, fields=tuple(fields_from_lines(heading, lines, "…")))
        return Reply(embeds=(embed,))
    # The dates first ("when was the season?" is what the command is asked most): from the
    # first day to the last match, as the matches say; the source's own end date, which
    # its playoffs ran past, is the footnote.
    last = summary.last_match
    end = max(info.end_date, last.date)
    lines = [
        tr("season.dates", start=tr.date(info.start_date), end=tr.date(end)),
        tr("season.about", competition=info.competition, tier=info.tier),
    ]
    counts = " · ".join(
        (
            tr.plural("season.count.clubs", summary.clubs),
            tr.plural("season.count.matches", summary.matches),
            tr.plural("season.count.goals", summary.goals),
        )
    )
    lines.append(f"⚽ {counts}")
    continued = tr("embed.continued")
    fields: list[EmbedField] = []
    fields += fields_from_lines(
        tr("season.tournaments"),
        [_dates(competition, tr) for competition in summary.competitions],
        continued,
    )
    fields += fields_from_lines(tr("season.format.title"), _format(season, summary, tr), continued)
    footer = tr("season.footer")
    if summary.playoffs_after_stated_end:
        # By identity: comparing legs field by field, for every leg of the season, cost more
        # than the rest of the reply.
        competition = next(c for c in summary.competitions if any(leg is last for leg in c.legs))
        stated = tr(
            "season.stated_dates",
            start=tr.date(info.start_date),
            end=tr.date(info.end_date),
            match=fmt.leg_score(season, last),
            date=tr.date(last.date),
            competition=competition.name,
        )
        footer = f"{footer}\nℹ️ {stated}"
    embed = Embed(title=title, description="\n".join(lines), fields=tuple(fields), footer=footer)
    return Reply(embeds=(embed,))


def _dates(competition: Competition, tr: Tr) -> str:
    """A tournament's stated dates, or, where the source gives none, those of its matches."""
    if competition.start_date and competition.end_date:
        return tr(
            "season.tournament_dates",
            competition=competition.name,
            start=tr.date(competition.start_date),
            end=tr.date(competition.end_date),
        )
    days = sorted(leg.date for leg in competition.legs)
    return tr(
        "season.tournament_matches",
        competition=competition.name,
        start=tr.date(days[0]),
        end=tr.date(days[-1]),
    )


def _format(season: Season, summary: SeasonSummary, tr: Tr) -> list[str]:
    """The format in bullets, from the tournaments' rules and flags (the first liguilla's)."""
    tournaments = [season.competition(key).name for key in summary.info.tournaments]
    lines = [tr.plural("season.format.tournaments", len(tournaments), names=", ".join(tournaments))]
    liguilla = next((c for c in summary.competitions if c.kind == "liguilla"), None)
    if liguilla is not None:
        if liguilla.qualified and liguilla.byes:
            bye = liguilla.byes[0]
            lines.append(
                tr(
                    "season.format.liguilla_bye",
                    qualified=liguilla.qualified,
                    rest=liguilla.qualified - len(liguilla.byes),
                    round=tr(f"round_in.{bye.round}"),
                )
            )
        elif liguilla.qualified:
            lines.append(tr("season.format.liguilla", qualified=liguilla.qualified))
        steps = " → ".join(tr(f"season.rule.{rule.value}") for rule in liguilla.rules)
        lines.append(tr("season.format.rules", steps=steps))
        shootouts = finals_on_penalties(season)
        if shootouts:
            names = fmt.and_list([c.name for c in shootouts], tr)
            lines.append(tr.plural("season.format.penalties", len(shootouts), competitions=names))
        if liguilla.higher_seed_hosts_second_leg:
            lines.append(tr("season.format.hosts"))
        if liguilla.reseeded_every_round:
            lines.append(tr("season.format.reseeded"))
        if liguilla.winner_plays:
            final = season.competition(liguilla.winner_plays)
            lines.append(
                tr(
                    "season.format.final",
                    final=final.name,
                    division=final.promotes_to or summary.info.promoted_to or "",
                )
            )
    if summary.info.same_winner_rule:
        lines.append(tr("season.format.same_winner"))
    return [f"• {line}" for line in lines]


def finals_on_penalties(season: Season) -> list[Competition]:
    """The tournaments whose final was really decided on penalties (a recorded decision),
    which the stated rules leave out: the tie-break order alone would mislead."""
    return [
        competition
        for competition in season.competitions
        if season.outcomes[id(competition.final)].method is DecisionMethod.PENALTIES
    ]


season_command = private_only_command("season", season)
