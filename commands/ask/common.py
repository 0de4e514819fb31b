"""Pieces every /ask answer shares: the lead sentence, tie sentences, scopes, goal lists,
and the honest "I don't know"."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from commands import text as fmt
from commands.components import component_id, label
from commands.i18n import Tr
from commands.limits import (
    BUTTONS_PER_ROW,
    CONTENT,
    EMBEDS_TOTAL,
    FIELDS,
    fields_from_lines,
    truncate,
)
from commands.reply import WARNING, Button, ButtonStyle, Embed, EmbedField, Reply, Row
from commands.ties import tie_heading, tie_lines
from knowledge.models import Club, Competition, DecisionMethod, Goal, Leg, Season
from knowledge.queries import (
    HeadToHead,
    Meeting,
    ScorerRow,
    head_to_head,
    meetings,
    tie_outcomes,
)
from knowledge.questions import OutOfScope, Question
from knowledge.ties import TieOutcome

MAX_LISTED = 5
"""Scorers named in a one-line answer; the embed below has the rest."""


# ---------------------------------------------------------------------------------------------
# Shared pieces


DOUBLE_STOP = re.compile(r"(?<=[^.])\.(\*\*)?\.(?!\.)")
"""A sentence ending in a name that ends in a stop ("U. de G.") gets one stop, not two."""


FIGURE = re.compile(r"\d+(?:[–,.]\d+)*")
"""A number as a reply writes it: a count, a score (`2–1`), a capacity (`17,898`), a ratio."""


def led_by(text: str, reply: Reply) -> Reply:
    """`reply`, led by a direct answer in the message content.

    The command reply below it opens with its own answer line; where that line says nothing
    the lead has not (every figure of it is in the lead), it is left out, so that a phone
    does not show the same answer twice. Only when a reply is first led: a second lead
    (a premise corrected, a second part asked) adds to the first and removes nothing.
    """
    content = truncate(DOUBLE_STOP.sub(r".\1", text), CONTENT)
    if reply.content is None and reply.embeds:
        reply = dataclasses.replace(
            reply, embeds=(_without_repeat(reply.embeds[0], content), *reply.embeds[1:])
        )
    return dataclasses.replace(reply, content=content)


def _without_repeat(embed: Embed, lead: str) -> Embed:
    """The embed without its first line when that line tells a result (a score) and the
    lead already gives every figure of it."""
    description = embed.description or ""
    first, _, rest = description.partition("\n")
    figures = FIGURE.findall(first.replace(fmt.WORD_JOINER, ""))
    said = set(FIGURE.findall(lead.replace(fmt.WORD_JOINER, "")))
    scores = [figure for figure in figures if "–" in figure]
    if not scores or not set(figures) <= said or first.startswith("```"):
        return embed
    return dataclasses.replace(embed, description=rest.lstrip("\n") or None)


def fit(embed: Embed) -> Embed:
    """Drop trailing fields until the embed is inside Discord's limits."""
    fields = embed.fields[:FIELDS]
    while fields and dataclasses.replace(embed, fields=fields).text_length() > EMBEDS_TOTAL:
        fields = fields[:-1]
    return dataclasses.replace(embed, fields=fields)


def how(season: Season, outcome: TieOutcome, tr: Tr) -> str:
    """How the winner got through, from the winner's side: "2–1 on aggregate against Necaxa",
    then the deciding step worded as every reply words it (`fmt.decision_text`)."""
    against = tr(
        "ask.how", aggregate=fmt.aggregate_of(outcome), opponent=fmt.short(season, outcome.loser)
    )
    if outcome.method is DecisionMethod.AGGREGATE:
        return against
    return f"{against}, {fmt.decision_text(outcome, tr, with_aggregate=False)}"


def stage(season: Season, outcome: TieOutcome, tr: Tr) -> str:
    """`Apertura 2013 · Final`."""
    return tie_heading(season.competition(outcome.competition_id), outcome, tr)


def tie_sentence(season: Season, outcome: TieOutcome, tr: Tr, legs: bool = False) -> str:
    """Who went through and how; with `legs`, both legs' scores too (a tie's "result")."""
    values = {
        "stage": stage(season, outcome, tr),
        "winner": fmt.short(season, outcome.winner),
        "how": how(season, outcome, tr),
    }
    if not legs:
        return tr("ask.tie", **values)
    scores = ", ".join(fmt.leg_score(season, leg) for leg in outcome.tie.legs)
    return tr("ask.tie_legs", legs=scores, **values)


def ties_embed(season: Season, title: str, outcomes: Sequence[TieOutcome], tr: Tr) -> Embed:
    """Each tie as /bracket and /result show it: legs, scorers, decision, consequence."""
    fields: list[EmbedField] = []
    for outcome in outcomes:
        competition = season.competition(outcome.competition_id)
        fields += fields_from_lines(
            tie_heading(competition, outcome, tr),
            tie_lines(season, competition, outcome, tr),
            tr("embed.continued"),
        )
    return fit(Embed(title=title, fields=tuple(fields), footer=tr("result.footer")))


def ties_asked(season: Season, question: Question) -> list[TieOutcome]:
    """The ties the question names: by tournament, round and every club it mentions, and by
    the score it gives when no leg of theirs has it, so that it is an aggregate ("who beat
    Delfines 7-0?"; "which teams drew 0-0?" asks for legs, which the caller picks)."""
    clubs = set(question.clubs[:2])
    named = [
        outcome
        for tournament in _tournaments_asked(question)
        for outcome in tie_outcomes(season, tournament)
        if (question.round is None or outcome.round == question.round)
        and clubs <= set(outcome.clubs)
    ]
    score = question.leg.score if question.leg is not None else None
    if score is None or any(same_score(leg.score, score) for o in named for leg in o.tie.legs):
        return named
    return aggregated(named, score) or named


def same_score(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """The same score, either way round: a fan's "0-4" is the data's "4-0" too."""
    return sorted(a) == sorted(b)


def aggregated(outcomes: Sequence[TieOutcome], score: tuple[int, int]) -> list[TieOutcome]:
    """The ties whose aggregate is `score`."""
    return [outcome for outcome in outcomes if same_score(outcome.aggregate, score)]


def legs_asked(season: Season, question: Question, club: str | None = None) -> tuple[Meeting, ...]:
    """The legs of every tournament the question names (of all, if none), in its round."""
    rounds = (meetings(season, t, club, question.round) for t in _tournaments_asked(question))
    return tuple(m for legs in rounds for m in legs)


def _tournaments_asked(question: Question) -> tuple[str | None, ...]:
    """Each tournament the question names ("the Apertura and Clausura finals"); None, the
    whole season, when it names none."""
    return question.tournaments or (question.tournament,)


def scope_of(season: Season, question: Question, tr: Tr) -> str:
    """What the answer covers: `Apertura 2013 · Final`, `Clausura 2014`, or the season."""
    parts = []
    if len(question.tournaments) > 1:  # "the Apertura and Clausura finals"
        names = [season.competition(t).name for t in question.tournaments]
        parts.append(fmt.and_list(names, tr))
    elif question.tournament is not None:
        parts.append(season.competition(question.tournament).name)
    if question.round is not None:
        parts.append(fmt.round_name(tr, question.round))
    return " · ".join(parts) or fmt.season_name(season, tr)


def goal_list(season: Season, goals: Sequence[Goal], tr: Tr) -> str:
    """`J. Gutiérrez (UdeG) 55', 56'; J. Goncalves (Necaxa) 86'`, players in scoring order."""
    minutes: dict[tuple[str, str], list[str]] = {}
    for goal in goals:
        minutes.setdefault((goal.player, goal.club), []).append(fmt.minute(goal, tr))
    return "; ".join(
        f"{player} ({fmt.short(season, club)}) {', '.join(marks)}"
        for (player, club), marks in minutes.items()
    )


def goals_side(question: Question) -> tuple[str | None, str | None]:
    """Whose goals are asked (a club's, or those against a club), or (None, None) for both
    sides: one club named alone is that club's ("UAT scorers in the final"); two clubs or a
    match's score ("Delfines 2–2 Necaxa") ask for both, unless one is marked ("for Necaxa")."""
    plan = question.plan
    if plan.side is not None or plan.against is not None:
        return plan.side, plan.against
    scored = question.leg is not None and question.leg.score is not None
    if len(question.clubs) == 1 and not scored:
        return question.clubs[0], None
    return None, None


def of_side(goal: Goal, leg: Leg, side: str | None, against: str | None) -> bool:
    """Whether a goal of `leg` is one asked for by `goals_side`."""
    if side is not None:
        return goal.club == side
    if against is not None:
        return goal.club != against and against in (leg.home, leg.away)
    return True


def goals_of(meetings_: Sequence[Meeting], club: str | None = None) -> list[Goal]:
    found = []
    for meeting in meetings_:
        for goal in meeting.leg.goals_in_order:
            if club is None or goal.club == club:
                found.append(goal)
    return found


def home_line(club: Club, tr: Tr) -> str:
    return tr(
        "ask.home",
        club=club.said_name,
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
        reason = reason_line(season, question, tr)
    if reason:
        lines.append(reason)
    if question.text.strip():
        lines.append(tr("ask.unknown.asked", question=fmt.user_text(question.text, 100)))
    lines.append(tr("ask.unknown.covers", season=fmt.season_name(season, tr)))
    lines.append(tr("ask.unknown.try"))
    embed = Embed(
        title=tr("ask.unknown.title"),
        description="\n\n".join(lines),
        footer=tr("ask.unknown.footer"),
        color=WARNING,
    )
    return Reply(embeds=(embed,), components=example_rows(tr))


def absent_reply(season: Season, question: Question, club: str, scope: str, tr: Tr) -> Reply:
    """A club's games or goals asked where it played no playoff game ("how many games did
    Celaya win?", "BUAP's goals all season"): they were the regular season's, which the data
    does not hold, so the reply says so rather than "0 of the 0"."""
    not_played = tr("ask.plan.not_played", club=fmt.short(season, club), scope=scope)
    reason = f"{not_played} {tr('ask.unknown.reason.regular_season')}"
    return dont_know(season, question, tr, reason=reason)


def examples(tr: Tr) -> list[str]:
    """The example questions of the catalog, one per line."""
    return [
        line.lstrip("•").strip() for line in tr("ask.unknown.examples").splitlines() if line.strip()
    ]


def example_rows(tr: Tr) -> tuple[Row, ...]:
    """The example questions as buttons: one click asks each (secondary: they are offers,
    not readings of what was asked)."""
    buttons = []
    for question in examples(tr)[:BUTTONS_PER_ROW]:
        custom_id = component_id("go", "ask", {"question": question})
        if custom_id is not None:
            buttons.append(Button(custom_id, label(question), ButtonStyle.SECONDARY))
    return (tuple(buttons),) if buttons else ()


def reading_button(question: str, caption: str) -> Button | None:
    """A button that asks `question` (a reading of what was asked): primary, one click."""
    custom_id = component_id("go", "ask", {"question": question})
    if custom_id is None:
        return None
    return Button(custom_id, label(caption), ButtonStyle.PRIMARY)


def reason_line(season: Season, question: Question, tr: Tr) -> str:
    reason = question.reason or OutOfScope.NOT_UNDERSTOOD
    key = reason.value
    if reason is OutOfScope.NOT_UNDERSTOOD and question.unaccounted:
        key = "not_understood_words"
    topic = ""
    if question.topic is not None and tr.has(f"ask.unknown.topic.{question.topic}"):
        ranks = [row.rank for row in season.relegation.rows]
        topic = tr(f"ask.unknown.topic.{question.topic}", first=min(ranks), last=max(ranks))
    elif reason is OutOfScope.NOT_IN_DATA:
        key = "regular_season"
    return tr(
        f"ask.unknown.reason.{key}",
        topic=topic,
        season=fmt.season_name(season, tr),
        competition=season.season.competition,
        names=", ".join(fmt.user_text(name, 60) for name in question.other_names),
    )


def is_dont_know(reply: Reply, tr: Tr) -> bool:
    """Whether `reply` is the "I don't know" reply (for tests and the benchmark)."""
    return bool(reply.embeds) and reply.embeds[0].title == tr("ask.unknown.title")


def won_line(season: Season, competition: Competition, final: TieOutcome, tr: Tr) -> str:
    key = "ask.champion.promotion" if competition.kind == "promotion_final" else "ask.champion.won"
    return tr(
        key,
        club=fmt.short(season, final.winner),
        competition=competition.name,
        division=competition.promotes_to or season.season.promoted_to or "",
        how=how(season, final, tr),
    )


def head_to_head_asked(season: Season, question: Question) -> HeadToHead:
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


def bye_facts(season: Season, tournaments: Sequence[str], tr: Tr) -> list[str]:
    """Who skipped a round of each tournament (all when none is given): the first seed is the
    table's leader, which is how the source knows it."""
    return [
        tr(
            "ask.fact.bye_first" if bye.seed == 1 else "ask.fact.bye_of",
            club=fmt.short(season, bye.club),
            round=tr(f"round_in.{bye.round}"),
            competition=competition.name,
        )
        for competition in season.competitions
        if not tournaments or competition.id in tournaments
        for bye in competition.byes
    ]


def top_scorer_line(
    leaders: Sequence[ScorerRow], scope: str, tr: Tr, *, of_club: bool = False
) -> str:
    """Who scored the most goals of a scope (several, when level), and how many."""
    goals = tr.plural("ask.goals", leaders[0].count)
    if len(leaders) == 1:
        row = leaders[0]
        key = "ask.top.club" if of_club else "ask.top.one"
        return tr(key, player=row.player, club=row.club.said_name, goals=goals, scope=scope)
    names = fmt.and_list([f"**{row.player}** ({row.club.said_name})" for row in leaders], tr)
    return tr("ask.top.shared", players=names, goals=goals, scope=scope)
