"""Pieces every renderer shares: names, scores, scorers, tie decisions and phone-wide tables.

Pure functions of knowledge results and a `Tr`; they never touch Discord. A score is written
with an en dash ("UdeG 1–0 Necaxa"), as football writing does.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from discord.utils import escape_markdown, escape_mentions

from commands.i18n import Tr
from commands.limits import TABLE_WIDTH, truncate
from knowledge.models import DecisionMethod, Goal, Leg, Season
from knowledge.queries import Meeting
from knowledge.ties import TieOutcome

DASH = "–"


_INVISIBLE = frozenset({"Cc", "Cf", "Cs"})
"""Controls, format characters (bidi overrides, zero widths, soft hyphens) and lone surrogates:
echoed, they could reorder or hide a reply's text, or drive the console's terminal."""


def user_text(text: str, limit: int = 100) -> str:
    """User input echoed back: invisible characters dropped, cut short, markdown escaped,
    mentions defused."""
    visible = "".join(c for c in text if unicodedata.category(c) not in _INVISIBLE or c.isspace())
    return escape_mentions(escape_markdown(truncate(" ".join(visible.split()), limit)))


def short(season: Season, club: str) -> str:
    return season.club(club).short_name


def name(season: Season, club: str) -> str:
    return season.club(club).name


def score(season: Season, leg: Leg) -> str:
    """`UdeG 1–0 Necaxa`, home first."""
    home, away = short(season, leg.home), short(season, leg.away)
    return f"{home} {leg.home_goals}{DASH}{leg.away_goals} {away}"


def _goals_by_player(goals: Sequence[Goal], tr: Tr) -> str:
    """`R. Prieto 26', 70' , J. Ibarra 89'` as the seed writes them, players in order."""
    minutes: dict[str, list[str]] = {}
    for goal in goals:
        mark = f"{goal.minute}'" if goal.minute is not None else tr("goal.no_minute")
        minutes.setdefault(goal.player, []).append(mark)
    return ", ".join(f"{player} {', '.join(marks)}" for player, marks in minutes.items())


def scorers(season: Season, leg: Leg, tr: Tr) -> str | None:
    """`UdeG: J. Gutiérrez 55' · Necaxa: J. Goncalves 86'`, or None for a goalless leg."""
    if not leg.goals:
        return None
    parts = []
    for club in (leg.home, leg.away):
        goals = sorted(
            (goal for goal in leg.goals if goal.club == club),
            key=lambda goal: goal.minute if goal.minute is not None else 999,
        )
        if goals:
            parts.append(f"{short(season, club)}: {_goals_by_player(goals, tr)}")
    return " · ".join(parts)


def leg_lines(season: Season, leg: Leg, tr: Tr, leg_number: int | None = None) -> list[str]:
    """A leg in two lines: date and score, then the scorers with their minutes."""
    label = tr(f"leg.{leg_number}") + " · " if leg_number else ""
    lines = [f"{label}{tr.date(leg.date)} · **{score(season, leg)}**"]
    goals = scorers(season, leg, tr)
    if goals:
        lines.append(f"⚽ {goals}")
    return lines


def meeting_lines(season: Season, meeting: Meeting, tr: Tr) -> list[str]:
    return leg_lines(season, meeting.leg, tr, meeting.leg_number)


def round_name(tr: Tr, round_: str) -> str:
    return tr(f"round.{round_}")


def aggregate(season: Season, outcome: TieOutcome) -> str:
    """`2–1`, winner's goals first."""
    return f"{outcome.goals_for(outcome.winner)}{DASH}{outcome.goals_for(outcome.loser)}"


def decision(season: Season, outcome: TieOutcome, tr: Tr) -> list[str]:
    """How the tie was decided, in words, with the source of any recorded decision."""
    winner = short(season, outcome.winner)
    level = f"{outcome.aggregate[0]}{DASH}{outcome.aggregate[1]}"
    lines: list[str]
    if outcome.method is DecisionMethod.AGGREGATE:
        lines = [tr("decision.aggregate", winner=winner, score=aggregate(season, outcome))]
    elif outcome.method is DecisionMethod.AWAY_GOALS:
        away = (
            f"{outcome.away_goals_for(outcome.winner)}{DASH}{outcome.away_goals_for(outcome.loser)}"
        )
        lines = [tr("decision.away_goals", winner=winner, aggregate=level, away=away)]
    elif outcome.method is DecisionMethod.HIGHER_SEED:
        away = f"{outcome.away_goals[0]}{DASH}{outcome.away_goals[1]}"
        lines = [tr("decision.higher_seed", winner=winner, aggregate=level, away=away)]
    else:
        penalties = outcome.penalties or (0, 0)
        key = "decision.penalties_aet" if outcome.extra_time else "decision.penalties"
        shootout = f"{penalties[0]}{DASH}{penalties[1]}"
        lines = [tr(key, winner=winner, aggregate=level, penalties=shootout)]
    if outcome.by_rules is not None:
        rules_key = f"decision.by_rules.{outcome.by_rules.method.value}"
        lines.append(tr(rules_key, club=short(season, outcome.by_rules.winner)))
    if outcome.source:
        lines.append(tr("decision.source", source=outcome.source))
    return lines


def table(rows: Sequence[Sequence[str]], align: str, width: int = TABLE_WIDTH) -> str:
    """A monospace table in a code block, columns padded, no wider than `width`.

    `align` has one character per column: `<` left, `>` right. The first left-aligned column
    is shortened when the table would be too wide for a phone.
    """
    widths = [max(len(row[i]) for row in rows) for i in range(len(align))]
    gaps = len(align) - 1
    excess = sum(widths) + gaps - width
    if excess > 0:
        flexible = align.index("<")
        widths[flexible] = max(3, widths[flexible] - excess)
    lines = []
    for row in rows:
        cells = []
        for i, raw in enumerate(row):
            cell = truncate(raw, widths[i])
            cells.append(cell.ljust(widths[i]) if align[i] == "<" else cell.rjust(widths[i]))
        lines.append(" ".join(cells).rstrip())
    return "```text\n" + "\n".join(lines) + "\n```"


def and_list(items: Sequence[str], tr: Tr) -> str:
    """`a, b and c` / `a, b y c`: lists in running text, joined the reader's way."""
    from babel.lists import format_list

    return str(format_list(list(items), locale=tr.locale.replace("-", "_"))) if items else ""
