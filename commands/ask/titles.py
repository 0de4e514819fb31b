"""Answers about titles and the table: champions, promotion, relegation, the ratio table."""

from __future__ import annotations

from commands import text as fmt
from commands.ask.common import (
    dont_know,
    how,
    led_by,
    won_line,
)
from commands.bracket import render_bracket
from commands.champions import render_champions
from commands.i18n import Tr
from commands.relegation import (
    distance_line,
    not_in_table_line,
    render_relegation,
    row_line,
    rule_line,
    with_fate,
)
from commands.reply import Reply
from knowledge.models import Season
from knowledge.queries import bracket, champions
from knowledge.questions import Part, Question
from knowledge.relegation import (
    NotInTable,
    RelegationStanding,
    RelegationTable,
    relegation_row,
    relegation_table,
)

# ---------------------------------------------------------------------------------------------
# Answers, one per intent


def champion(season: Season, question: Question, tr: Tr) -> Reply:
    if question.tournament is None:
        result = champions(season)
        finals = [*result.winners, *([result.promotion] if result.promotion else [])]
        listed = "; ".join(
            tr("ask.champions.item", competition=c.name, club=fmt.short(season, final.winner))
            for c, final in finals
        )
        return led_by(tr("ask.champions.all", list=listed), render_champions(season, result, tr))
    played = bracket(season, question.tournament)
    lead = won_line(season, played.competition, played.final, tr)
    return led_by(lead, render_bracket(season, played, tr))


def promoted(season: Season, question: Question, tr: Tr) -> Reply:
    result = champions(season)
    if not result.promoted:
        return dont_know(season, question, tr, reason=tr("ask.unknown.reason.no_promotion"))
    division = result.promoted_to or ""
    if result.promotion is not None:
        competition, final = result.promotion
        lead = tr(
            "ask.promoted.final",
            club=fmt.short(season, final.winner),
            division=division,
            competition=competition.name,
            how=how(season, final, tr),
        )
        return led_by(lead, render_bracket(season, bracket(season, competition.id), tr))
    names = fmt.and_list([f"**{club.name}**" for club in result.promoted], tr)
    return led_by(
        tr("ask.promoted.plain", clubs=names, division=division),
        render_champions(season, result, tr),
    )


def relegated(season: Season, question: Question, tr: Tr) -> Reply:
    table = relegation_table(season)
    down = [standing for standing in table.standings if standing.relegated is not None]
    if not down:
        return dont_know(season, question, tr, reason=tr("ask.unknown.reason.no_relegation"))
    lines = [relegated_line(standing, "ask.relegated", season, tr) for standing in down]
    return led_by(" ".join(lines), render_relegation(season, table, tr))


def relegated_line(standing: RelegationStanding, key: str, season: Season, tr: Tr) -> str:
    row = standing.row
    text = tr(
        key,
        club=row.team,
        ratio=tr.ratio(row.ratio),
        points=tr.plural("relegation.points", row.points),
        games=tr.plural("relegation.games", row.games),
    )
    return with_fate(text, season, standing.relegated, tr) if standing.relegated else text


def relegation(season: Season, question: Question, tr: Tr) -> Reply:
    table = relegation_table(season)
    if Part.TOURNAMENTS in question.parts:
        # "Which tournaments count for the ratio?": the table's rule, which names them.
        return led_by(rule_line(table, tr), render_relegation(season, table, tr))
    if question.rank is not None and not question.clubs:
        return _rank(season, question, table, tr)
    if question.clubs:
        lines: list[str] = []
        standing: RelegationStanding | NotInTable | None = None
        for club in question.clubs:
            found = relegation_row(season, club)
            if isinstance(found, NotInTable):
                # The source lists ranks 10–15 only: say so rather than guess a rank.
                return dont_know(season, question, tr, reason=not_in_table_line(found, tr))
            standing = standing or found
            row = tr("ask.relegation.row", club=found.club.name, row=row_line(found, tr))
            lines.append(f"{row} {distance_line(season, found, drop_row(table), tr)}")
        return led_by(" ".join(lines), render_relegation(season, table, tr, standing))
    if question.extreme == "biggest":
        if table.first_rank > 1:
            reason = tr(
                "ask.unknown.reason.top_ranks", first=table.first_rank, last=table.last_rank
            )
            return dont_know(season, question, tr, reason=reason)
        top = min(table.standings, key=lambda standing: standing.row.rank)
        lead = tr(
            "ask.relegation.best",
            club=top.row.team,
            ratio=tr.ratio(top.row.ratio),
        )
        return led_by(lead, render_relegation(season, table, tr))
    lowest = min(table.standings, key=lambda standing: standing.row.ratio)
    key = "ask.relegation.lowest_down" if lowest.relegated else "ask.relegation.lowest"
    return led_by(relegated_line(lowest, key, season, tr), render_relegation(season, table, tr))


def drop_row(table: RelegationTable) -> RelegationStanding:
    """The relegated club's row, the line every other row is measured from."""
    down = [standing for standing in table.standings if standing.relegated is not None]
    return down[0] if down else min(table.standings, key=lambda standing: standing.row.ratio)


def both_champions(season: Season, question: Question, tr: Tr) -> Reply | None:
    """ "Who won the Clausura and who the Apertura?": each tournament's champion."""
    lines = []
    for tournament in question.tournaments:
        played = bracket(season, tournament)
        lines.append(won_line(season, played.competition, played.final, tr))
    if not lines:
        return None
    if Part.EVERY in question.parts:
        winners = {bracket(season, tournament).final.winner for tournament in question.tournaments}
        if len(winners) == 1:
            lines.insert(0, tr("ask.champion.all_one", club=fmt.short(season, winners.pop())))
        else:
            lines.insert(0, tr("ask.champion.none_all"))
    return led_by("\n".join(lines), render_champions(season, champions(season), tr))


def _rank(season: Season, question: Question, table: RelegationTable, tr: Tr) -> Reply:
    """The club at a rank asked for, or that the source does not list that rank."""
    found = [standing for standing in table.standings if standing.row.rank == question.rank]
    if not found:
        topic = tr("ask.unknown.topic.top_ranks", first=table.first_rank, last=table.last_rank)
        return dont_know(season, question, tr, reason=topic)
    standing = found[0]
    line = tr("ask.relegation.row", club=standing.row.team, row=row_line(standing, tr))
    return led_by(line, render_relegation(season, table, tr, standing))
