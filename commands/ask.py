"""/ask: a question in the fan's own words, English or Spanish, answered from the data.

`knowledge.questions.parse` says what is asked; this module answers with the same queries and,
where they fit, the same renderers as the slash commands (/bracket for "who won the
Clausura?", /relegation for "Celaya's ratio"...), led by a one-sentence direct answer in the
message content. Every sentence is built from query results and worded by the catalog, so
nothing is stated that the data does not hold. What the data does not cover (other seasons,
other leagues, the regular season, relegation ranks the source leaves out) gets a polite "I
don't know" with examples of what can be asked, never a near miss.

The reply speaks the question's language when the words make it clear ("¿quién ganó?"), else
the reader's Discord language. The bot's @mention and DM handler calls `answer_question`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from commands import format as fmt
from commands.bracket import render_bracket
from commands.champions import render_champions
from commands.changes import change_line
from commands.club import finish_line, render_club
from commands.context import Context
from commands.host import host_of, private_option
from commands.i18n import Locale, Tr, command_text, translator
from commands.limits import CONTENT, EMBEDS_TOTAL, FIELDS, fields_from_lines, truncate
from commands.path import render_path
from commands.relegation import (
    distance_line,
    not_in_table_line,
    render_relegation,
    row_line,
    with_fate,
)
from commands.reply import WARNING, Embed, EmbedField, Reply
from commands.result import render_result
from commands.scorers import render_scorers
from commands.season import render_season
from commands.stadiums import render_stadiums
from commands.ties import tie_heading, tie_lines
from knowledge.models import Change, ChangeEvent, Club, Competition, DecisionMethod, Goal, Season
from knowledge.queries import (
    ClubPath,
    HeadToHead,
    Meeting,
    NotInTable,
    RelegationStanding,
    RelegationTable,
    ScorerTable,
    bracket,
    champions,
    changes,
    club_path,
    club_paths,
    club_profile,
    goal_events,
    head_to_head,
    meetings,
    relegation_row,
    relegation_table,
    scorers,
    season_summary,
    stadiums,
    tie_outcomes,
)
from knowledge.questions import Intent, OutOfScope, Question, detect_language, parse
from knowledge.ties import TieOutcome

MAX_LISTED = 5
"""Scorers named in a one-line answer; the embed below has the rest."""
_MENTION = re.compile(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b")


# ---------------------------------------------------------------------------------------------
# Entry points


async def ask(ctx: Context, question: str) -> Reply:
    """The /ask handler: read the question, answer it in its own language."""
    knowledge = ctx.knowledge
    parsed = parse(question, knowledge.season, knowledge.clubs, knowledge.tournaments)
    tr = translator(_locale(parsed.language, parsed.language_clear, ctx.tr.locale))
    if not question.strip():
        # Nothing asked is a usage slip, not a question: only the asker sees the reply.
        reply = dont_know(knowledge.season, parsed, tr, reason=tr("ask.empty"))
        return dataclasses.replace(reply, ephemeral=True)
    return answer(knowledge.season, parsed, tr)


async def answer_question(ctx: Context, text: str) -> Reply:
    """For the bot's @mention and DM handler: the message text, mentions taken out."""
    return await ask(ctx, " ".join(_MENTION.sub(" ", text).split()))


def reply_locale(question: str, fallback: Locale) -> Locale:
    """The locale to answer `question` in: its own language when clear, else `fallback`."""
    guess = detect_language(question)
    return _locale(guess.language, guess.clear, fallback)


def _locale(language: str, clear: bool, fallback: Locale) -> Locale:
    if not clear:
        return fallback
    if language == "en":
        return "en"
    # Spanish questions read like Mexican fans write; Spain's Spanish reader keeps hers.
    return fallback if fallback.startswith("es") else "es-419"


def answer(season: Season, question: Question, tr: Tr) -> Reply:
    """The reply to a parsed question (pure: the benchmark and tests call it directly)."""
    return _ANSWERS[question.intent](season, question, tr)


# ---------------------------------------------------------------------------------------------
# Shared pieces


_DOUBLE_STOP = re.compile(r"(?<=[^.])\.(\*\*)?\.(?!\.)")
"""A sentence ending in a name that ends in a stop ("U. de G.") gets one stop, not two."""


def _lead(text: str, reply: Reply) -> Reply:
    """`reply`, led by a direct answer in the message content."""
    return dataclasses.replace(reply, content=truncate(_DOUBLE_STOP.sub(r".\1", text), CONTENT))


def _fit(embed: Embed) -> Embed:
    """Drop trailing fields until the embed is inside Discord's limits."""
    fields = embed.fields[:FIELDS]
    while fields and dataclasses.replace(embed, fields=fields).text_length() > EMBEDS_TOTAL:
        fields = fields[:-1]
    return dataclasses.replace(embed, fields=fields)


def _pair(values: tuple[int, int]) -> str:
    return f"{values[0]}{fmt.DASH}{values[1]}"


def _how(season: Season, outcome: TieOutcome, tr: Tr) -> str:
    """How the winner got through, from the winner's side: "2–1 on aggregate against Necaxa"."""
    method = outcome.method.value
    if outcome.method is DecisionMethod.PENALTIES and outcome.extra_time:
        method = "penalties_aet"
    winner, loser = outcome.winner, outcome.loser
    return tr(
        f"ask.how.{method}",
        aggregate=fmt.aggregate(season, outcome),
        opponent=fmt.name(season, loser),
        away=_pair((outcome.away_goals_for(winner), outcome.away_goals_for(loser))),
        penalties=_pair(outcome.penalties or (0, 0)),
    )


def _stage(season: Season, outcome: TieOutcome, tr: Tr) -> str:
    """`Apertura 2013 · Final`."""
    return tie_heading(season.competition(outcome.competition_id), outcome, tr)


def _tie_sentence(season: Season, outcome: TieOutcome, tr: Tr) -> str:
    return tr(
        "ask.tie",
        stage=_stage(season, outcome, tr),
        winner=fmt.name(season, outcome.winner),
        how=_how(season, outcome, tr),
    )


def _ties_embed(season: Season, title: str, outcomes: Sequence[TieOutcome], tr: Tr) -> Embed:
    """Each tie as /bracket and /result show it: legs, scorers, decision, consequence."""
    fields: list[EmbedField] = []
    for outcome in outcomes:
        competition = season.competition(outcome.competition_id)
        fields += fields_from_lines(
            tie_heading(competition, outcome, tr),
            tie_lines(season, competition, outcome, tr),
            tr("embed.continued"),
        )
    return _fit(Embed(title=title, fields=tuple(fields), footer=tr("result.footer")))


def _ties(season: Season, question: Question) -> list[TieOutcome]:
    """The ties the question names: by tournament, round and every club it mentions."""
    clubs = set(question.clubs[:2])
    return [
        outcome
        for outcome in tie_outcomes(season, question.tournament)
        if (question.round is None or outcome.round == question.round)
        and clubs <= set(outcome.clubs)
    ]


def _scope(season: Season, question: Question, tr: Tr) -> str:
    """What the answer covers: `Apertura 2013 · Final`, `Clausura 2014`, or the season."""
    parts = []
    if question.tournament is not None:
        parts.append(season.competition(question.tournament).name)
    if question.round is not None:
        parts.append(fmt.round_name(tr, question.round))
    return " · ".join(parts) or season.season.name


def _goal_list(season: Season, goals: Sequence[Goal], tr: Tr) -> str:
    """`J. Gutiérrez (UdeG) 55', 56'; J. Goncalves (Necaxa) 86'`, players in scoring order."""
    minutes: dict[tuple[str, str], list[str]] = {}
    for goal in goals:
        mark = f"{goal.minute}'" if goal.minute is not None else tr("goal.no_minute")
        minutes.setdefault((goal.player, goal.club), []).append(mark)
    return "; ".join(
        f"{player} ({fmt.short(season, club)}) {', '.join(marks)}"
        for (player, club), marks in minutes.items()
    )


def _goals_of(meetings_: Sequence[Meeting], club: str | None = None) -> list[Goal]:
    found = []
    for meeting in meetings_:
        for goal in sorted(meeting.leg.goals, key=lambda goal: goal.minute or 999):
            if club is None or goal.club == club:
                found.append(goal)
    return found


def _home(club: Club, tr: Tr) -> str:
    return tr(
        "ask.home",
        club=club.name,
        stadium=club.stadium,
        city=club.city,
        capacity=tr.number(club.capacity),
    )


# ---------------------------------------------------------------------------------------------
# "I don't know"


def dont_know(season: Season, question: Question, tr: Tr, reason: str | None = None) -> Reply:
    """The polite refusal: why, what was asked (escaped, never pinging), what can be asked."""
    lines = []
    if reason is None and question.reason is not None:
        reason = _reason(season, question, tr)
    if reason:
        lines.append(reason)
    if question.text.strip():
        lines.append(tr("ask.unknown.asked", question=fmt.user_text(question.text, 100)))
    lines.append(tr("ask.unknown.covers", season=season.season.name))
    lines.append(f"{tr('ask.unknown.try')}\n{tr('ask.unknown.examples')}")
    embed = Embed(
        title=tr("ask.unknown.title"),
        description="\n\n".join(lines),
        footer=tr("ask.unknown.footer"),
        color=WARNING,
    )
    return Reply(embeds=(embed,))


def _reason(season: Season, question: Question, tr: Tr) -> str:
    reason = question.reason or OutOfScope.NOT_UNDERSTOOD
    return tr(
        f"ask.unknown.reason.{reason.value}",
        season=season.season.name,
        competition=season.season.competition,
        names=", ".join(fmt.user_text(name, 60) for name in question.other_names),
    )


def is_dont_know(reply: Reply, tr: Tr) -> bool:
    """Whether `reply` is the "I don't know" reply (for tests and the benchmark)."""
    return bool(reply.embeds) and reply.embeds[0].title == tr("ask.unknown.title")


# ---------------------------------------------------------------------------------------------
# Answers, one per intent


def _champion(season: Season, question: Question, tr: Tr) -> Reply:
    if question.tournament is None:
        result = champions(season)
        finals = [*result.winners, *([result.promotion] if result.promotion else [])]
        listed = "; ".join(
            tr("ask.champions.item", competition=c.name, club=fmt.name(season, final.winner))
            for c, final in finals
        )
        return _lead(tr("ask.champions.all", list=listed), render_champions(season, result, tr))
    played = bracket(season, question.tournament)
    lead = _won_line(season, played.competition, played.final, tr)
    return _lead(lead, render_bracket(season, played, tr))


def _won_line(season: Season, competition: Competition, final: TieOutcome, tr: Tr) -> str:
    key = "ask.champion.promotion" if competition.kind == "promotion_final" else "ask.champion.won"
    return tr(
        key,
        club=fmt.name(season, final.winner),
        competition=competition.name,
        division=competition.promotes_to or season.season.promoted_to or "",
        how=_how(season, final, tr),
    )


def _promoted(season: Season, question: Question, tr: Tr) -> Reply:
    result = champions(season)
    if not result.promoted:
        return dont_know(season, question, tr, reason=tr("ask.unknown.reason.no_promotion"))
    division = result.promoted_to or ""
    if result.promotion is not None:
        competition, final = result.promotion
        lead = tr(
            "ask.promoted.final",
            club=fmt.name(season, final.winner),
            division=division,
            competition=competition.name,
            how=_how(season, final, tr),
        )
        return _lead(lead, render_bracket(season, bracket(season, competition.id), tr))
    names = fmt.and_list([f"**{club.name}**" for club in result.promoted], tr)
    return _lead(
        tr("ask.promoted.plain", clubs=names, division=division),
        render_champions(season, result, tr),
    )


def _relegated(season: Season, question: Question, tr: Tr) -> Reply:
    table = relegation_table(season)
    down = [standing for standing in table.standings if standing.relegated is not None]
    if not down:
        return dont_know(season, question, tr, reason=tr("ask.unknown.reason.no_relegation"))
    lines = [_relegated_line(standing, "ask.relegated", season, tr) for standing in down]
    return _lead(" ".join(lines), render_relegation(season, table, tr))


def _relegated_line(standing: RelegationStanding, key: str, season: Season, tr: Tr) -> str:
    row = standing.row
    text = tr(
        key,
        club=row.team,
        ratio=tr.ratio(row.ratio),
        points=tr.plural("relegation.points", row.points),
        games=tr.plural("relegation.games", row.games),
    )
    return with_fate(text, season, standing.relegated, tr) if standing.relegated else text


def _relegation(season: Season, question: Question, tr: Tr) -> Reply:
    table = relegation_table(season)
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
            lines.append(f"{row} {distance_line(season, found, _drop(table), tr)}")
        return _lead(" ".join(lines), render_relegation(season, table, tr, standing))
    if question.extreme == "biggest":
        if table.first_rank > 1:
            reason = tr(
                "ask.unknown.reason.top_ranks", first=table.first_rank, last=table.last_rank
            )
            return dont_know(season, question, tr, reason=reason)
        top = min(table.standings, key=lambda standing: standing.row.rank)
        lead = tr("ask.relegation.best", club=top.row.team, ratio=tr.ratio(top.row.ratio))
        return _lead(lead, render_relegation(season, table, tr))
    lowest = min(table.standings, key=lambda standing: standing.row.ratio)
    key = "ask.relegation.lowest_down" if lowest.relegated else "ask.relegation.lowest"
    return _lead(_relegated_line(lowest, key, season, tr), render_relegation(season, table, tr))


def _drop(table: RelegationTable) -> RelegationStanding:
    """The relegated club's row, the line every other row is measured from."""
    down = [standing for standing in table.standings if standing.relegated is not None]
    return down[0] if down else min(table.standings, key=lambda standing: standing.row.ratio)


def _result(season: Season, question: Question, tr: Tr) -> Reply:
    if len(question.clubs) >= 2:
        h2h = _head_to_head(season, question)
        if not h2h.met:
            scope = _scope(season, question, tr)
            lead = tr("result.never_met", a=h2h.club_a.name, b=h2h.club_b.name, scope=scope)
            return _lead(lead, render_result(season, h2h, tr, question.tournament))
        lead = "\n".join(_tie_sentence(season, outcome, tr) for outcome in h2h.ties)
        return _lead(lead, render_result(season, h2h, tr, question.tournament))
    outcomes = _ties(season, question)
    if question.clubs and not outcomes:
        return _path(season, question, tr)
    if question.round is None and not question.clubs:
        if question.tournament is not None:
            return _champion(season, question, tr)
        outcomes = [o for o in tie_outcomes(season) if o.round == "final"]
    if not outcomes:
        return dont_know(season, question, tr, reason=tr("ask.unknown.reason.no_tie"))
    lead = "\n".join(_tie_sentence(season, outcome, tr) for outcome in outcomes)
    embed = _ties_embed(season, _scope(season, question, tr), outcomes, tr)
    return _lead(lead, Reply(embeds=(embed,)))


def _head_to_head(season: Season, question: Question) -> HeadToHead:
    a, b = question.clubs[:2]
    h2h = head_to_head(season, a, b, question.tournament)
    if question.round is None:
        return h2h
    return HeadToHead(
        h2h.club_a,
        h2h.club_b,
        tuple(m for m in h2h.meetings if m.round == question.round),
        tuple(t for t in h2h.ties if t.round == question.round),
    )


def _scorers(season: Season, question: Question, tr: Tr) -> Reply:
    if question.players:
        return _player_goals(season, question, tr)
    if len(question.clubs) >= 2:
        h2h = _head_to_head(season, question)
        scope = tr("result.title", a=h2h.club_a.name, b=h2h.club_b.name)
        lead = _goals_line(season, _goals_of(h2h.meetings), scope, tr)
        return _lead(lead, render_result(season, h2h, tr, question.tournament))
    if question.round is not None:
        outcomes = _ties(season, question)
        club = question.clubs[0] if question.clubs else None
        legs = meetings(season, question.tournament, club, question.round)
        scope = _scope(season, question, tr)
        lead = _goals_line(season, _goals_of(legs, club), scope, tr, one_tie=len(outcomes) == 1)
        embed = _ties_embed(season, _scope(season, question, tr), outcomes, tr)
        return _lead(lead, Reply(embeds=(embed,)))
    club, table, reply = _scorer_table(season, question, tr)
    if not table.rows:
        return reply
    listed = _counted([(row.player, row.count) for row in table.rows], tr)
    scope = fmt.name(season, club) if club else _scope(season, question, tr)
    if club and question.tournament:
        scope = f"{scope} · {_scope(season, question, tr)}"
    return _lead(tr.plural("ask.scorers.table", table.total, scope=scope, list=listed), reply)


def _counted(rows: Sequence[tuple[str, int]], tr: Tr) -> str:
    """`V. Lojero 6, J. Goncalves 4 and 6 more`: the first few, the rest counted."""
    shown = [f"{player} {tr.number(count)}" for player, count in rows[:MAX_LISTED]]
    hidden = len(rows) - len(shown)
    if hidden > 0:
        shown.append(tr.plural("ask.more", hidden))
    return fmt.and_list(shown, tr)


def _goals_line(
    season: Season, goals: Sequence[Goal], scope: str, tr: Tr, one_tie: bool = True
) -> str:
    """Scorers with their minutes for one tie; for a whole round, scorers by goals."""
    if not goals:
        return tr("ask.scorers.none", scope=scope)
    if one_tie:
        return tr("ask.scorers.goals", scope=scope, list=_goal_list(season, goals, tr))
    counts: dict[tuple[str, str], int] = {}
    for goal in goals:
        counts[(goal.player, goal.club)] = counts.get((goal.player, goal.club), 0) + 1
    rows = sorted(counts.items(), key=lambda item: -item[1])
    listed = _counted(
        [(f"{player} ({fmt.short(season, club)})", n) for (player, club), n in rows], tr
    )
    return tr("ask.scorers.goals", scope=scope, list=listed)


def _scorer_table(
    season: Season, question: Question, tr: Tr
) -> tuple[str | None, ScorerTable, Reply]:
    """The /scorers answer for the question's club and tournament, and what it rests on."""
    club = question.clubs[0] if question.clubs else None
    table = scorers(season, question.tournament, club)
    played = len(meetings(season, question.tournament, club)) if club else None
    reply = render_scorers(
        season, table, tr, tournament=question.tournament, club=club, legs=played
    )
    return club, table, reply


def _top_scorer(season: Season, question: Question, tr: Tr) -> Reply:
    club, table, reply = _scorer_table(season, question, tr)
    if not table.rows:
        return reply
    leaders = table.leaders
    scope = _scope(season, question, tr)
    goals = tr.plural("ask.goals", leaders[0].count)
    if len(leaders) == 1:
        row = leaders[0]
        key = "ask.top.club" if club is not None else "ask.top.one"
        lead = tr(key, player=row.player, club=row.club.name, goals=goals, scope=scope)
    else:
        names = fmt.and_list([f"**{row.player}** ({row.club.short_name})" for row in leaders], tr)
        lead = tr("ask.top.shared", players=names, goals=goals, scope=scope)
    return _lead(lead, reply)


def _player_goals(season: Season, question: Question, tr: Tr) -> Reply:
    if not question.players:
        return _scorers(season, question, tr)
    events = [
        event
        for event in goal_events(season, question.tournament)
        if question.round is None or event.meeting.round == question.round
    ]
    scope = _scope(season, question, tr)
    leads: list[str] = []
    fields: list[EmbedField] = []
    for player in question.players:
        mine = [event for event in events if event.goal.player == player]
        club = next(
            (event.goal.club for event in goal_events(season) if event.goal.player == player),
            None,
        )
        club_name = fmt.name(season, club) if club else ""
        if not mine:
            leads.append(tr("ask.player.none", player=player, club=club_name, scope=scope))
            continue
        goals = tr.plural("ask.goals", len(mine))
        leads.append(
            tr("ask.player.scored", player=player, club=club_name, goals=goals, scope=scope)
        )
        lines = []
        for event in mine:
            meeting = event.meeting
            minute = (
                f"{event.goal.minute}'" if event.goal.minute is not None else tr("goal.no_minute")
            )
            lines.append(
                tr(
                    "ask.player.goal",
                    date=tr.date(meeting.leg.date),
                    stage=f"{meeting.competition.name} · {fmt.round_name(tr, meeting.round)}",
                    score=fmt.score(season, meeting.leg),
                    minute=minute,
                )
            )
        fields += fields_from_lines(player, lines, tr("embed.continued"))
    title = "⚽ " + tr("ask.player.title", players=", ".join(question.players), scope=scope)
    embed = Embed(
        title=truncate(title, 256),
        description=f"_{tr('scorers.playoffs_only')}_",
        fields=tuple(fields),
        footer=tr("result.footer"),
    )
    return _lead(" ".join(leads), Reply(embeds=(_fit(embed),)))


def _clubs_at(season: Season, question: Question) -> list[Club]:
    """The clubs a question places: named, or playing at the stadium or in the city named."""
    if question.clubs:
        return [season.club(club) for club in question.clubs]
    if question.stadium is not None:
        return [club for club in season.clubs if club.stadium == question.stadium]
    if question.city is not None:
        return [club for club in season.clubs if club.city == question.city]
    return []


def _stadium(season: Season, question: Question, tr: Tr) -> Reply:
    found = _clubs_at(season, question)
    if not found:
        if question.city is not None:
            moved = [c for c in season.changes if c.new_city and question.city in c.new_city]
            if moved:
                return _changes_list(season, moved, tr, event=ChangeEvent.MOVED)
            reason = tr("ask.unknown.reason.no_club_in", place=question.city)
            return dont_know(season, question, tr, reason=reason)
        return dont_know(season, question, tr)
    lead = " ".join(_home(club, tr) for club in found)
    return _lead(lead, render_club(season, club_profile(season, found[0].id), tr))


def _stadium_extreme(season: Season, question: Question, tr: Tr) -> Reply:
    ordered = stadiums(season)
    club = ordered[-1] if question.extreme == "smallest" else ordered[0]
    lead = tr(
        f"ask.stadium.{question.extreme or 'biggest'}",
        stadium=club.stadium,
        club=club.name,
        city=club.city,
        capacity=tr.number(club.capacity),
    )
    return _lead(lead, render_stadiums(season, ordered, tr))


def _path(season: Season, question: Question, tr: Tr) -> Reply:
    if not question.clubs:
        return dont_know(season, question, tr)
    club = question.clubs[0]
    paths: tuple[ClubPath, ...]
    if question.tournament is not None:
        paths = (club_path(season, club, question.tournament),)
    else:
        # The promotion final is only worth a word for the clubs that played it.
        paths = tuple(
            path
            for path in club_paths(season, club)
            if path.qualified or path.competition.kind == "liguilla"
        )
    finishes = "; ".join(finish_line(season, path, tr) for path in paths)
    lead = tr("ask.path", club=fmt.name(season, club), finishes=finishes)
    return _lead(lead, render_path(season, paths, tr))


def _decision(season: Season, question: Question, tr: Tr) -> Reply:
    outcomes = _ties(season, question)
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
                stage=_stage(season, outcome, tr),
                first=fmt.name(season, outcome.first),
                second=fmt.name(season, outcome.second),
                how=how,
            )
        )
    embed = _ties_embed(season, _scope(season, question, tr), outcomes, tr)
    return _lead("\n".join(lines), Reply(embeds=(embed,)))


def _season_dates(season: Season, question: Question, tr: Tr) -> Reply:
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
        return _lead(lead, reply)
    info = summary.info
    lead = tr(
        f"ask.dates.season.{part}",
        season=info.name,
        start=tr.date(info.start_date),
        end=tr.date(info.end_date),
        last=tr.date(summary.last_match.date),
    )
    return _lead(lead, reply)


def _format(season: Season, question: Question, tr: Tr) -> Reply:
    summary = season_summary(season)
    reply = render_season(season, summary, tr)
    liguilla = next((c for c in season.competitions if c.kind == "liguilla"), None)
    names = fmt.and_list([season.competition(key).name for key in summary.info.tournaments], tr)
    if liguilla is None or not liguilla.qualified:
        return _lead(tr("ask.format.plain", tournaments=names), reply)
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
    return _lead(lead, reply)


def _changes(season: Season, question: Question, tr: Tr) -> Reply:
    if question.event is ChangeEvent.MOVED and question.city is not None:
        # "Who moved to Veracruz?": the city is where a club went, not what it was called.
        moved = [c for c in season.changes if c.new_city and question.city in c.new_city]
        if moved:
            return _changes_list(season, moved, tr, event=ChangeEvent.MOVED)
    if question.subject is not None:
        found = [c for c in season.changes if c.subject == question.subject]
        return _changes_list(season, found, tr)
    if question.clubs:
        found = [c for club in question.clubs for c in changes(season, club)]
        if not found:
            club = fmt.name(season, question.clubs[0])
            return _lead(
                f"**{club}**: {tr('club.no_changes')}",
                render_club(season, club_profile(season, question.clubs[0]), tr),
            )
        return _changes_list(season, found, tr)
    found = list(season.changes)
    if question.event is not None:
        found = [c for c in found if question.event in c.events]
    if question.division is not None:
        found = [c for c in found if question.division in (c.from_division, c.to_division)]
    if question.city is not None:
        found = [c for c in found if c.new_city and question.city in c.new_city] or found
    if not found:
        return dont_know(season, question, tr, reason=tr("ask.unknown.reason.no_change"))
    return _changes_list(season, found, tr, event=question.event)


def _changes_list(
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
    return _lead(lead, Reply(embeds=(_fit(embed),)))


def _bracket(season: Season, question: Question, tr: Tr) -> Reply:
    """The liguilla: who played it, who skipped a round, who won it."""
    if question.tournament is None:
        return _champion(season, question, tr)
    played = bracket(season, question.tournament)
    lines = [_won_line(season, played.competition, played.final, tr)]
    if played.competition.kind == "liguilla":
        names = fmt.and_list([fmt.name(season, club) for club in played.clubs], tr)
        lines.append(tr.plural("ask.bracket.clubs", len(played.clubs), clubs=names))
        for bye in played.byes:
            key = "bracket.bye_seed" if bye.seed is not None else "bracket.bye"
            skipped = tr(f"round_in.{bye.round}")
            lines.append(
                tr(key, club=fmt.name(season, bye.club), round=skipped, seed=bye.seed) + "."
            )
    return _lead(" ".join(lines), render_bracket(season, played, tr))


def _club(season: Season, question: Question, tr: Tr) -> Reply:
    if not question.clubs:
        return dont_know(season, question, tr)
    club = season.club(question.clubs[0])
    return _lead(_home(club, tr), render_club(season, club_profile(season, club.id), tr))


def _unknown(season: Season, question: Question, tr: Tr) -> Reply:
    return dont_know(season, question, tr)


_ANSWERS: dict[Intent, Callable[[Season, Question, Tr], Reply]] = {
    Intent.CHAMPION: _champion,
    Intent.PROMOTED: _promoted,
    Intent.RELEGATED: _relegated,
    Intent.RESULT: _result,
    Intent.SCORERS: _scorers,
    Intent.TOP_SCORER: _top_scorer,
    Intent.PLAYER_GOALS: _player_goals,
    Intent.STADIUM: _stadium,
    Intent.CLUB_AT: _stadium,
    Intent.STADIUM_EXTREME: _stadium_extreme,
    Intent.RELEGATION: _relegation,
    Intent.PATH: _path,
    Intent.DECISION: _decision,
    Intent.SEASON_DATES: _season_dates,
    Intent.FORMAT: _format,
    Intent.CHANGES: _changes,
    Intent.BRACKET: _bracket,
    Intent.CLUB: _club,
    Intent.UNKNOWN: _unknown,
}


# ---------------------------------------------------------------------------------------------
# The slash command


@app_commands.command(
    name=command_text("command.ask.name"),
    description=command_text("command.ask.description"),
    extras={"handler": ask, "rest_of_line": True},
)
@private_option
@app_commands.rename(question=command_text("command.ask.options.question.name"))
@app_commands.describe(question=command_text("command.ask.options.question.description"))
async def ask_command(
    interaction: discord.Interaction[Any],
    question: app_commands.Range[str, 1, 300],
    private: bool = False,
) -> None:
    await host_of(interaction).answer(interaction, ask, question=question, private=private)


async def setup(bot: commands.Bot) -> None:
    bot.tree.add_command(ask_command)
