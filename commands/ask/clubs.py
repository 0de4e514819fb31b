"""Answers about one club or ground that lead with the part asked: its nicknames, its fate
(relegated and stayed up, its place bought, fewer games because just promoted), and two
grounds compared."""

from __future__ import annotations

from commands import text as fmt
from commands.ask.common import led_by
from commands.ask.titles import relegated_line
from commands.club import render_club
from commands.i18n import Tr
from commands.relegation import render_relegation
from commands.reply import Reply
from commands.stadiums import render_stadiums
from knowledge.models import ChangeEvent, Club, Season
from knowledge.queries import club_profile, stadiums
from knowledge.questions import Part, Question
from knowledge.relegation import relegation_table


def nickname_answer(season: Season, club: Club, tr: Tr) -> Reply:
    reply = render_club(season, club_profile(season, club.id), tr)
    if club.nicknames:
        names = fmt.and_list([f"**{nick}**" for nick in club.nicknames], tr)
        return led_by(tr("ask.part.nickname", club=club.name, names=names), reply)
    names = fmt.and_list(list(club.names), tr)
    return led_by(tr("ask.part.no_nickname", club=club.name, names=names), reply)


def fate_answer(season: Season, question: Question, tr: Tr) -> Reply | None:
    """What became of a club: its place bought, or why its games are fewer."""
    club = season.club(question.clubs[0])
    table = relegation_table(season)
    for relegated in season.season.relegated:
        if relegated.stayed_by_buying_place_of == club.id:
            buyer = next(s.row for s in table.standings if s.row.club == relegated.club)
            line = tr(
                "ask.part.bought",
                club=club.said_name,
                buyer=buyer.team,
                ratio=tr.ratio(buyer.ratio),
            )
            return led_by(line, render_relegation(season, table, tr))
    if Part.FATE in question.parts:
        for standing in table.standings:
            if standing.row.club == club.id and standing.relegated is not None:
                line = relegated_line(standing, "ask.relegated", season, tr)
                return led_by(line, render_relegation(season, table, tr, standing))
    if Part.GAMES in question.parts:
        rows = {s.row.club: s.row for s in table.standings}
        promoted = [
            change
            for change in season.changes
            if change.club == club.id and ChangeEvent.PROMOTED in change.events
        ]
        row = rows.get(club.id)
        if row is not None and promoted and row.games < max(r.games for r in rows.values()):
            line = tr(
                "ask.part.games",
                club=club.said_name,
                games=row.games,
                full=max(r.games for r in rows.values()),
                division=promoted[0].from_division or "",
            )
            return led_by(line, render_relegation(season, table, tr))
    return None


def compare_answer(season: Season, question: Question, tr: Tr) -> Reply | None:
    grounds: list[Club] = [season.club(club) for club in question.clubs]
    for stadium in question.stadiums:
        grounds += [club for club in season.clubs if club.stadium == stadium]
    grounds = list(dict.fromkeys(grounds))
    if len(grounds) != 2:
        return None
    big, small = sorted(grounds, key=lambda club: -club.capacity)
    key = "ask.part.same_size" if big.capacity == small.capacity else "ask.part.compare"
    line = tr(
        key,
        big=big.stadium,
        big_club=big.name,
        big_capacity=tr.number(big.capacity),
        small=small.stadium,
        small_club=small.name,
        small_capacity=tr.number(small.capacity),
        difference=tr.number(big.capacity - small.capacity),
    )
    return led_by(line, render_stadiums(season, stadiums(season), tr))
