"""Answers about matches: results, scorers, how ties were decided, a club's road."""

from __future__ import annotations

from collections.abc import Sequence

from commands import text as fmt
from commands.ask.common import (
    MAX_LISTED,
    absent_reply,
    dont_know,
    fit,
    goal_list,
    goals_of,
    goals_side,
    head_to_head_asked,
    led_by,
    legs_asked,
    of_side,
    same_score,
    scope_of,
    stage,
    tie_sentence,
    ties_asked,
    ties_embed,
    top_scorer_line,
)
from commands.ask.plans import played_words
from commands.ask.titles import champion
from commands.club import finish_line
from commands.i18n import Tr
from commands.limits import fields_from_lines, truncate
from commands.path import render_path
from commands.reply import Embed, EmbedField, Reply
from commands.result import render_result
from commands.scorers import render_scorers
from knowledge.models import Goal, Leg, Season
from knowledge.plans.model import Scope
from knowledge.queries import (
    ClubPath,
    GoalEvent,
    Meeting,
    ScorerTable,
    club_path,
    club_paths,
    goal_events,
    meetings,
    scorers,
    tie_outcomes,
)
from knowledge.questions import Part, Question


def result(season: Season, question: Question, tr: Tr) -> Reply:
    if len(question.clubs) >= 2:
        h2h = head_to_head_asked(season, question)
        if not h2h.met:
            scope = scope_of(season, question, tr)
            lead = tr("result.never_met", a=h2h.club_a.name, b=h2h.club_b.name, scope=scope)
            return led_by(lead, render_result(season, h2h, tr, question.tournament))
        lead = "\n".join(tie_sentence(season, outcome, tr, legs=True) for outcome in h2h.ties)
        return led_by(lead, render_result(season, h2h, tr, question.tournament))
    outcomes = ties_asked(season, question)
    if question.clubs and not outcomes:
        return path(season, question, tr)
    if question.round is None and not question.clubs:
        if question.tournament is not None:
            return champion(season, question, tr)
        outcomes = [o for o in tie_outcomes(season) if o.round == "final"]
    if not outcomes:
        return dont_know(season, question, tr, reason=tr("ask.unknown.reason.no_tie"))
    lead = "\n".join(tie_sentence(season, outcome, tr, legs=True) for outcome in outcomes)
    embed = ties_embed(season, scope_of(season, question, tr), outcomes, tr)
    return led_by(lead, Reply(embeds=(embed,)))


def scorers_answer(season: Season, question: Question, tr: Tr, *, counting: bool = False) -> Reply:
    """The goals asked, by scorer; `counting` ("how many goals in the UdeG-Mérida tie?"):
    their number leads."""
    if question.players:
        return player_goals(season, question, tr)
    side, against = goals_side(question)
    if len(question.clubs) >= 2:
        h2h = head_to_head_asked(season, question)
        scope = tr("result.title", a=h2h.club_a.name, b=h2h.club_b.name)
        goals = sided(h2h.meetings, side, against)
        lead = goals_line(season, goals, scope, tr, counting=counting)
        if not goals and side in (h2h.club_a.id, h2h.club_b.id):
            # "¿Cuántos goles le metió San Luis a Necaxa?": none, though the games had some.
            other = h2h.club_b if side == h2h.club_a.id else h2h.club_a
            scores = ", ".join(fmt.leg_score(season, m.leg) for m in h2h.meetings)
            lead = tr(
                "ask.scorers.side_none",
                club=fmt.short(season, side),
                other=other.said_name,
                scores=scores,
            )
        return led_by(lead, render_result(season, h2h, tr, question.tournament))
    if question.round is not None:
        outcomes = ties_asked(season, question)
        club = question.clubs[0] if question.clubs else None
        legs = legs_asked(season, question, club)
        scope = scope_of(season, question, tr)
        goals = sided(legs, side, against)
        lead = goals_line(season, goals, scope, tr, one_tie=len(outcomes) == 1, counting=counting)
        embed = ties_embed(season, scope_of(season, question, tr), outcomes, tr)
        return led_by(lead, Reply(embeds=(embed,)))
    if against is not None:
        # "Who scored against Tecos?": the goals of its opponents, by scorer.
        legs = meetings(season, question.tournament, against)
        scope = fmt.short(season, against)
        if question.tournament:
            scope = f"{scope} · {scope_of(season, question, tr)}"
        goals = sided(legs, None, against)
        lead = goals_line(season, goals, scope, tr, one_tie=False, key="ask.scorers.against")
        title = tr("ask.scorers.against_title", scope=scope)
        embed = ties_embed(season, title, ties_asked(season, question), tr)
        return led_by(lead, Reply(embeds=(embed,)))
    club, table, reply = scorer_table(season, question, tr)
    if not table.rows and club is not None and not meetings(season, question.tournament, club):
        tournaments = (question.tournament,) if question.tournament else ()
        played = played_words(season, Scope(tournaments=tournaments), tr)
        return absent_reply(season, question, club, played, tr)
    if not table.rows:
        return reply
    listed = counted([(row.player, row.count) for row in table.rows], tr)
    scope = fmt.short(season, club) if club else scope_of(season, question, tr)
    if club and question.tournament:
        scope = f"{scope} · {scope_of(season, question, tr)}"
    return led_by(tr.plural("ask.scorers.table", table.total, scope=scope, list=listed), reply)


def sided(meetings_: Sequence[Meeting], side: str | None, against: str | None) -> list[Goal]:
    """The goals of these games that `goals_side` asks for, in the order they came."""
    return [
        goal
        for meeting in meetings_
        for goal in goals_of([meeting])
        if of_side(goal, meeting.leg, side, against)
    ]


def counted(rows: Sequence[tuple[str, int]], tr: Tr) -> str:
    """`V. Lojero 6, J. Goncalves 4 and 6 more`: the first few, the rest counted."""
    shown = [f"{player} {tr.number(count)}" for player, count in rows[:MAX_LISTED]]
    hidden = len(rows) - len(shown)
    if hidden > 0:
        shown.append(tr.plural("ask.more", hidden))
    return fmt.and_list(shown, tr)


def goals_line(
    season: Season,
    goals: Sequence[Goal],
    scope: str,
    tr: Tr,
    *,
    one_tie: bool = True,
    key: str = "ask.scorers.goals",
    counting: bool = False,
) -> str:
    """Scorers with their minutes for one tie; for a whole round, scorers by goals; when
    `counting`, led by how many there were."""
    if not goals:
        return tr("ask.scorers.none", scope=scope)
    if counting and key == "ask.scorers.goals":
        key = "ask.scorers.goals_counted"
    if one_tie:
        total = tr.plural("ask.goals", len(goals))
        return tr(key, scope=scope, list=goal_list(season, goals, tr), goals=total)
    counts: dict[tuple[str, str], int] = {}
    for goal in goals:
        counts[(goal.player, goal.club)] = counts.get((goal.player, goal.club), 0) + 1
    rows = sorted(counts.items(), key=lambda item: -item[1])
    listed = counted(
        [(f"{player} ({fmt.short(season, club)})", n) for (player, club), n in rows], tr
    )
    return tr(key, scope=scope, list=listed, goals=tr.plural("ask.goals", len(goals)))


def scorer_table(
    season: Season, question: Question, tr: Tr
) -> tuple[str | None, ScorerTable, Reply]:
    """The /scorers answer for the question's club and tournament, and what it rests on."""
    club = question.clubs[0] if question.clubs else None
    table = scorers(season, question.tournament, club, question.round)
    played = len(meetings(season, question.tournament, club)) if club else None
    reply = render_scorers(
        season, table, tr, tournament=question.tournament, club=club, legs=played
    )
    return club, table, reply


def top_scorer(season: Season, question: Question, tr: Tr) -> Reply:
    club, table, reply = scorer_table(season, question, tr)
    if not table.rows:
        return reply
    lead = top_scorer_line(
        table.leaders, scope_of(season, question, tr), tr, of_club=club is not None
    )
    return led_by(lead, reply)


MAX_GAMES_SAID = 3
"""A player's goals said with their games and minutes in the lead, up to this many."""


def _when_said(question: Question) -> bool:
    return Part.MINUTE in question.parts or Part.DATE in question.parts


def player_goals(season: Season, question: Question, tr: Tr) -> Reply:
    """A player's goals within what the question names: tournament, round, leg and the club
    they were scored against; with their minutes in the lead when the minute is asked."""
    if not question.players:
        return scorers_answer(season, question, tr)
    leg = question.leg.number if question.leg is not None else None
    score = question.leg.score if question.leg is not None else None
    events = [
        event
        for event in goal_events(season, question.tournament)
        if (question.round is None or event.meeting.round == question.round)
        and (leg is None or event.meeting.leg_number == leg)
        and (score is None or same_score(event.meeting.leg.score, score))
    ]
    scope = scope_of(season, question, tr)
    if leg is not None:
        scope = f"{scope} · {tr(f'leg.{leg}')}"
    leads: list[str] = []
    fields: list[EmbedField] = []
    asked: list[GoalEvent] = []
    for player in question.players:
        club = next(
            (event.goal.club for event in goal_events(season) if event.goal.player == player),
            None,
        )
        club_name = fmt.short(season, club) if club else ""
        # A club named that is not the player's own: the goals scored against it.
        opponents = [named for named in question.clubs if named != club]
        mine = [
            event
            for event in events
            if event.goal.player == player
            and (not opponents or _against(event.meeting.leg, event.goal.club) in opponents)
        ]
        shown = scope
        if opponents:
            against = fmt.and_list([fmt.short(season, named) for named in opponents], tr)
            shown = f"{scope}, {tr('ask.player.against', club=against)}"
        if score is not None:
            # "Moreno's goal in the 3-1": the game that score names is the scope, "1 goal in
            # the playoffs, Oaxaca 3–1 UdeG", never "1 goal in the playoffs, 2013–14", which
            # would read as all his goals.
            games = dict.fromkeys(fmt.leg_score(season, e.meeting.leg) for e in mine or events)
            shown = fmt.and_list(list(games), tr) if games else shown
        if not mine:
            # "Lojero's goals in the Clausura final": Necaxa did not play it, which says more
            # than "no goal", and corrects what the question takes for granted.
            absent = club is not None and not _club_played(season, question, club, opponents)
            key = "ask.player.club_absent" if absent else "ask.player.none"
            lead = tr(key, player=player, club=club_name, scope=shown)
            there = [event.goal for event in events]
            if absent and there and len(there) <= MAX_LISTED:
                # "what minute did lojero score in the promotion final": who did, then
                lead = f"{lead} {tr('ask.player.goals_there', list=goal_list(season, there, tr))}"
            leads.append(lead)
            continue
        asked += mine
        goals = tr.plural("ask.goals", len(mine))
        # "when did Valdovinos score vs Mérida?": a goal's when is its game and minute; a
        # few goals are said with their games too ("¿a quién se los metió?", "in which games")
        if _when_said(question) or len(mine) <= MAX_GAMES_SAID:
            minutes = ", ".join(
                f"{fmt.leg_score(season, event.meeting.leg)} {fmt.minute(event.goal, tr)}"
                for event in mine
            )
            lead = tr(
                "ask.player.scored_at",
                player=player,
                club=club_name,
                goals=goals,
                scope=shown,
                minutes=minutes,
            )
        else:
            lead = tr("ask.player.scored", player=player, club=club_name, goals=goals, scope=shown)
        leads.append(lead)
        # One line per match, its goals' minutes together: `6', 49'`.
        by_match: dict[int, list[str]] = {}
        for event in mine:
            by_match.setdefault(id(event.meeting.leg), []).append(fmt.minute(event.goal, tr))
        lines = []
        for event in {id(event.meeting.leg): event for event in reversed(mine)}.values():
            meeting = event.meeting
            lines.append(
                tr(
                    "ask.player.goal",
                    date=tr.date(meeting.leg.date),
                    stage=f"{meeting.competition.name} · {fmt.round_name(tr, meeting.round)}",
                    score=fmt.leg_score(season, meeting.leg),
                    minute=", ".join(by_match[id(meeting.leg)]),
                )
            )
        lines.reverse()
        fields += fields_from_lines(player, lines, tr("embed.continued"))
    if Part.MINUTE in question.parts and asked and all(e.goal.minute is None for e in asked):
        # "¿En qué minuto metió Goncalves su gol en el 4-1?": the source gives none, so the
        # minute asked is not known, said as such (with the goal, so the fan sees which).
        goals = "; ".join(
            f"{e.goal.player} ({fmt.short(season, e.goal.club)}), "
            f"{fmt.leg_score(season, e.meeting.leg)}"
            for e in asked
        )
        return dont_know(season, question, tr, reason=tr("ask.player.no_minute", goals=goals))
    title = "⚽ " + tr("ask.player.title", players=", ".join(question.players), scope=scope)
    embed = Embed(
        title=truncate(title, 256),
        description=f"_{tr('scorers.playoffs_only')}_",
        fields=tuple(fields),
        footer=tr("ask.player.footer"),
    )
    return led_by(" ".join(leads), Reply(embeds=(fit(embed),)))


def _club_played(season: Season, question: Question, club: str, opponents: list[str]) -> bool:
    """Whether the club played a game within what the question names: tournament, round,
    leg, score and the opponents named."""
    leg = question.leg.number if question.leg is not None else None
    score = question.leg.score if question.leg is not None else None
    return any(
        (leg is None or meeting.leg_number == leg)
        and (score is None or same_score(meeting.leg.score, score))
        and all(meeting.leg.involves(named) for named in opponents)
        for meeting in legs_asked(season, question, club)
    )


def _against(leg: Leg, club: str) -> str:
    """The club a goal of `club` was scored against in `leg`."""
    return leg.away if leg.home == club else leg.home


def path(season: Season, question: Question, tr: Tr) -> Reply:
    if not question.clubs:
        return dont_know(season, question, tr)
    club = question.clubs[0]
    paths: tuple[ClubPath, ...]
    if question.tournaments:  # each tournament named, in turn
        paths = tuple(club_path(season, club, tournament) for tournament in question.tournaments)
    elif question.tournament is not None:
        paths = (club_path(season, club, question.tournament),)
    else:
        # The promotion final is only worth a word for the clubs that played it.
        paths = tuple(
            path
            for path in club_paths(season, club)
            if path.qualified or path.competition.kind == "liguilla"
        )
    finishes = "; ".join(finish_line(season, path, tr) for path in paths)
    lead = tr("ask.path", club=fmt.short(season, club), finishes=finishes)
    return led_by(lead, render_path(season, paths, tr))


def decision(season: Season, question: Question, tr: Tr) -> Reply:
    outcomes = ties_asked(season, question)
    if question.round is None and len(question.clubs) < 2:
        # "How was the Clausura decided?": its final, which decided the title.
        outcomes = [outcome for outcome in outcomes if outcome.round == "final"]
    if not outcomes:
        return dont_know(season, question, tr, reason=tr("ask.unknown.reason.no_tie"))
    lines = []
    for outcome in outcomes:
        how = fmt.decision(season, outcome, tr)[0]
        lines.append(
            tr(
                "ask.decision",
                stage=stage(season, outcome, tr),
                first=fmt.short(season, outcome.first),
                second=fmt.short(season, outcome.second),
                how=how,
            )
        )
    embed = ties_embed(season, scope_of(season, question, tr), outcomes, tr)
    return led_by("\n".join(lines), Reply(embeds=(embed,)))
