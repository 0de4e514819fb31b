"""Answers about clubs and places: stadia, cities, the season's dates and format, the
changes from the previous season, the liguilla."""

from __future__ import annotations

from collections.abc import Sequence

from commands import text as fmt
from commands.ask.common import (
    bye_facts,
    dont_know,
    fit,
    home_line,
    led_by,
    won_line,
)
from commands.ask.titles import champion
from commands.bracket import render_bracket
from commands.changes import change_line
from commands.club import render_club
from commands.i18n import Tr
from commands.limits import fields_from_lines
from commands.reply import Embed, Reply
from commands.season import render_season
from commands.stadiums import render_stadiums
from knowledge.models import Change, ChangeEvent, Club, Season
from knowledge.plans.model import Bound, within
from knowledge.queries import (
    bracket,
    changes,
    club_profile,
    season_summary,
    stadiums,
)
from knowledge.questions import Part, Question


def clubs_at(season: Season, question: Question) -> list[Club]:
    """The clubs a question places: named, or playing at the stadium or in the city named."""
    if question.clubs:
        return [season.club(club) for club in question.clubs]
    if question.stadiums:
        # "Capacidad del Estadio Jalisco y del Estadio Victoria": each ground named, in order.
        return [c for named in question.stadiums for c in season.clubs if c.stadium == named]
    if question.stadium is not None:
        return [club for club in season.clubs if club.stadium == question.stadium]
    if question.city is not None:
        return [club for club in season.clubs if club.city == question.city]
    return []


def stadium(season: Season, question: Question, tr: Tr) -> Reply:
    found = clubs_at(season, question)
    if not found:
        if question.city is not None:
            moved = [c for c in season.changes if c.new_city and question.city in c.new_city]
            if moved:
                return changes_list(season, moved, tr, event=ChangeEvent.MOVED)
            reason = tr("ask.unknown.reason.no_club_in", place=question.city)
            return dont_know(season, question, tr, reason=reason)
        return dont_know(season, question, tr)
    lead = " ".join(home_line(club, tr) + moved_note(season, club, tr) for club in found)
    return led_by(lead, render_club(season, club_profile(season, found[0].id), tr))


def moved_note(season: Season, club: Club, tr: Tr) -> str:
    """A club that moved to one town while the source lists its ground in another (Zacatepec:
    Zacatepec de Hidalgo, and Estadio Centenario in Cuernavaca): both are said."""
    for change in season.changes:
        moved = change.club == club.id and ChangeEvent.MOVED in change.events
        if moved and change.new_city and club.city not in change.new_city:
            return " " + tr("ask.moved", city=change.new_city, ground_city=club.city)
    return ""


def stadium_extreme(season: Season, question: Question, tr: Tr) -> Reply:
    ordered = stadiums(season)
    if question.seats is not None:
        return _stadia_past(season, ordered, question.seats, tr)
    club = ordered[-1] if question.extreme == "smallest" else ordered[0]
    lead = tr(
        f"ask.stadium.{question.extreme or 'biggest'}",
        stadium=club.stadium,
        club=club.said_name,
        city=club.city,
        capacity=tr.number(club.capacity),
    )
    return led_by(lead, render_stadiums(season, ordered, tr))


def _stadia_past(
    season: Season, ordered: Sequence[Club], seats: tuple[Bound, int], tr: Tr
) -> Reply:
    """The grounds holding more (or fewer) than so many, largest first, and how many."""
    side, bound = seats
    past = [club for club in ordered if within(club.capacity, seats)]
    # An exact capacity is said once; each ground's club says whose it is instead.
    beside = (lambda c: c.said_name) if side == "exactly" else (lambda c: tr.number(c.capacity))
    listed = fmt.and_list([f"{c.stadium} ({beside(c)})" for c in past], tr)
    key = f"ask.stadium.{side}"
    if past:
        lead = tr.plural(key, len(past), seats=tr.number(bound), stadia=listed)
    else:
        lead = tr(f"{key}.none", seats=tr.number(bound))
    return led_by(lead, render_stadiums(season, ordered, tr))


def season_dates(season: Season, question: Question, tr: Tr) -> Reply:
    summary = season_summary(season)
    reply = render_season(season, summary, tr)
    part = question.date_part or "both"
    if question.tournament is not None:
        competition = season.competition(question.tournament)
        start, end = competition.start_date, competition.end_date
        if start is not None and end is not None:
            lead = tr(
                f"ask.dates.tournament.{part}",
                competition=competition.name,
                start=tr.date(start),
                end=tr.date(end),
            )
        else:
            days = sorted(leg.date for leg in competition.legs)
            lead = tr(
                "ask.dates.tournament.matches",
                competition=competition.name,
                start=tr.date(days[0]),
                end=tr.date(days[-1]),
            )
            if part == "start" and not question.playoffs_said:
                # "When did the Clausura start?": the source does not say (it ended with its
                # final); its liguilla's days are offered in the refusal, not as an answer.
                return dont_know(season, question, tr, reason=lead)
        return led_by(lead, reply)
    info = summary.info
    lead = tr(
        f"ask.dates.season.{part}",
        season=fmt.season_name(season, tr),
        start=tr.date(info.start_date),
        end=tr.date(info.end_date),
        last=tr.date(summary.last_match.date),
    )
    return led_by(lead, reply)


def format_answer(season: Season, question: Question, tr: Tr) -> Reply:
    summary = season_summary(season)
    reply = render_season(season, summary, tr)
    liguilla = next((c for c in season.competitions if c.kind == "liguilla"), None)
    names = fmt.and_list([season.competition(key).name for key in summary.info.tournaments], tr)
    if liguilla is None or not liguilla.qualified:
        return led_by(tr("ask.format.plain", tournaments=names), reply)
    steps = " → ".join(tr(f"season.rule.{rule.value}") for rule in liguilla.rules)
    byes = (
        tr("ask.format.bye", round=tr(f"round_in.{liguilla.byes[0].round}"))
        if liguilla.byes
        else ""
    )
    final = season.competition(liguilla.winner_plays) if liguilla.winner_plays else None
    lead = tr(
        "ask.format.liguilla",
        tournaments=names,
        qualified=liguilla.qualified,
        byes=byes,
        steps=steps,
    )
    if final is not None:
        division = final.promotes_to or summary.info.promoted_to or ""
        lead += " " + tr("ask.format.final", final=final.name, division=division)
        if summary.info.same_winner_rule and len(question.tournaments) > 1:
            # "What if the same club won both?": the data states that rule.
            lead = tr("ask.format.same_winner", division=division) + " " + lead
    return led_by(lead, reply)


def changes_answer(season: Season, question: Question, tr: Tr) -> Reply:
    if question.event is ChangeEvent.MOVED and question.city is not None:
        # "Who moved to Veracruz?": the city is where a club went, not what it was called.
        moved = [c for c in season.changes if c.new_city and question.city in c.new_city]
        if moved:
            return changes_list(season, moved, tr, event=ChangeEvent.MOVED)
    if question.subject is not None:
        found = [c for c in season.changes if c.subject == question.subject]
        return _with_homes(season, found, changes_list(season, found, tr), tr)
    if question.clubs:
        found = [c for club in question.clubs for c in changes(season, club)]
        if not found:
            club = fmt.short(season, question.clubs[0])
            return led_by(
                f"**{club}**: {tr('club.no_changes')}",
                render_club(season, club_profile(season, question.clubs[0]), tr),
            )
        return _with_homes(season, found, changes_list(season, found, tr), tr)
    found = list(season.changes)
    if question.event is not None:
        found = [c for c in found if question.event in c.events]
    if question.division is not None:
        found = [c for c in found if question.division in (c.from_division, c.to_division)]
    if question.city is not None:
        found = [c for c in found if c.new_city and question.city in c.new_city] or found
    if not found:
        return dont_know(season, question, tr, reason=tr("ask.unknown.reason.no_change"))
    return changes_list(season, found, tr, event=question.event)


def _with_homes(season: Season, found: Sequence[Change], reply: Reply, tr: Tr) -> Reply:
    """A club that moved to one town but whose stadium the source lists in another
    (Zacatepec: Zacatepec de Hidalgo, Estadio Centenario in Cuernavaca): say both."""
    homes = [
        home_line(season.club(change.club), tr)
        for change in found
        if change.club is not None
        and ChangeEvent.MOVED in change.events
        and season.club(change.club).city not in (change.new_city or "")
    ]
    if not homes or not reply.content:
        return reply
    return led_by(" ".join([reply.content, *homes]), reply)


def changes_list(
    season: Season, found: Sequence[Change], tr: Tr, event: ChangeEvent | None = None
) -> Reply:
    """The changes in full below; above, the one change, or who did what."""
    lines = [change_line(season, change, tr) for change in found]
    previous = season.season.previous or ""
    subjects = fmt.and_list([f"**{change.subject}**" for change in found], tr)
    if len(found) == 1:
        lead = lines[0]
    elif event is not None:
        lead = tr.plural(f"ask.changes.{event.value}", len(found), subjects=subjects)
    else:
        lead = tr.plural("ask.changes.list", len(found), subjects=subjects, previous=previous)
    title = tr("ask.changes.title", previous=previous)
    fields = fields_from_lines(title, lines, tr("embed.continued"))
    embed = Embed(title=title, description=None if fields else "—", fields=tuple(fields))
    return led_by(lead, Reply(embeds=(fit(embed),)))


def bracket_answer(season: Season, question: Question, tr: Tr) -> Reply:
    """The liguilla: who played it, who skipped a round, who won it; led by who skipped a
    round when that is what is asked ("who finished first?")."""
    if Part.BYE in question.parts:
        return _bye_answer(season, question, tr)
    if question.tournament is None:
        return champion(season, question, tr)
    played = bracket(season, question.tournament)
    lines = [won_line(season, played.competition, played.final, tr)]
    if played.competition.kind == "liguilla":
        names = fmt.and_list([fmt.short(season, club) for club in played.clubs], tr)
        lines.append(tr.plural("ask.bracket.clubs", len(played.clubs), clubs=names))
        for bye in played.byes:
            key = "bracket.bye_seed" if bye.seed is not None else "bracket.bye"
            skipped = tr(f"round_in.{bye.round}")
            lines.append(
                tr(key, club=fmt.short(season, bye.club), round=skipped, seed=bye.seed) + "."
            )
    return led_by(" ".join(lines), render_bracket(season, played, tr))


def _bye_answer(season: Season, question: Question, tr: Tr) -> Reply:
    lines = bye_facts(season, [question.tournament] if question.tournament else [], tr)
    if not lines:
        return dont_know(season, question, tr)
    if question.tournament is None:
        return led_by(" ".join(lines), champion(season, question, tr))
    return led_by(" ".join(lines), render_bracket(season, bracket(season, question.tournament), tr))


def club_answer(season: Season, question: Question, tr: Tr) -> Reply:
    if not question.clubs:
        return dont_know(season, question, tr)
    club = season.club(question.clubs[0])
    return led_by(home_line(club, tr), render_club(season, club_profile(season, club.id), tr))


def unknown(season: Season, question: Question, tr: Tr) -> Reply:
    return dont_know(season, question, tr)
