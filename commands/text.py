"""Pieces every renderer shares: names, scores, scorers, tie decisions and phone-wide tables.

Pure functions of knowledge results and a `Tr`; they never touch Discord. A score is written
with an en dash ("UdeG 1–0 Necaxa"), as football writing does.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Awaitable, Callable, Coroutine, Hashable, Sequence
from typing import Any, Literal, ParamSpec

from commands.i18n import Tr
from commands.limits import TABLE_WIDTH, truncate
from commands.reply import Embed, EmbedField, Reply
from knowledge.models import DecisionMethod, Goal, Leg, Season
from knowledge.ties import TieOutcome

DASH = "–"
"""The one dash between two numbers of a score. Written only by `score`."""

# Club names: one per club in a reply, the name fans use. Every renderer asks for a club's
# name through `short` ("UdeG", "Dorados", "Tecos"): titles, headlines, legs, scorers, tie
# decisions, tables, a road's steps, the clubs a line mentions in passing. A short name that
# is only a table's shorthand ("CA Hidalgo") has a prose name a sentence says instead
# ("Cruz Azul Hidalgo"); the phone-wide tables keep the short one. The full name
# (`name`: "U. de G.", "Sinaloa", "Estudiantes Tecos", as the seed's table of stadia gives
# it) is said once where it helps: on the club's own card ("Full name: Sinaloa"), in
# /stadiums, which is that table, and in the pictures' titles. The relegation table's own
# spelling ("Zacatepec 1948", "Dorados de Sinaloa") is said once, as "listed in the table
# as", where a line speaks of the club's row. The club card's "Names" field lists them all,
# so a reader can tie "Dorados" to "Sinaloa".


_INVISIBLE = frozenset({"Cc", "Cf", "Cs"})
"""Controls, format characters (bidi overrides, zero widths, soft hyphens) and lone surrogates:
echoed, they could reorder or hide a reply's text, or drive the console's terminal."""


# discord.py's `utils.escape_markdown` (as called here: links left alone) and
# `utils.escape_mentions`, copied (discord.py is MIT-licensed) so that wording a reply never
# imports discord.py, which the console does not load; a test checks they agree with its own.
_URL = r"(?P<url><[^: >]+:\/[^ >]+>|(?:https?|steam):\/\/[^\s<]+[^<.,:;\"\'\]\s])"
_MARKDOWN = r"(?P<markdown>[_\\~|\*`]|^>(?:>>)?\s|\[.+\]\(.+\)|^#{1,3}|^\s*-)"
_ESCAPABLE = re.compile(f"(?:{_URL}|{_MARKDOWN})", re.MULTILINE)
_MENTION = re.compile(r"@(everyone|here|[!&]?[0-9]{17,20})")


def _escaped(match: re.Match[str]) -> str:
    return match["url"] or "\\" + match["markdown"]


def escape_markdown(text: str) -> str:
    return _ESCAPABLE.sub(_escaped, text)


def escape_mentions(text: str) -> str:
    return _MENTION.sub("@\u200b\\1", text)


def user_text(text: str, limit: int = 100) -> str:
    """User input echoed back: invisible characters dropped, cut short, markdown escaped,
    mentions defused."""
    visible = "".join(c for c in text if unicodedata.category(c) not in _INVISIBLE or c.isspace())
    return escape_mentions(escape_markdown(truncate(" ".join(visible.split()), limit)))


def short(season: Season, club: str) -> str:
    """The club's name in a reply: the one fans use (see the rule above)."""
    return season.club(club).said_name


def name(season: Season, club: str) -> str:
    """The club's full name, said once where it helps (see the rule above)."""
    return season.club(club).name


def season_name(season: Season, tr: Tr) -> str:
    """The season's name in the reader's word order: "2013–14 Ascenso MX", and in Spanish
    "Ascenso MX 2013–14" (the competition first, as Spanish names a season)."""
    info = season.season
    years = info.name.replace(info.competition, "").strip()
    if not years or years == info.name:
        return info.name
    return tr("season_name", competition=info.competition, years=years)


def score(a: int, b: int, /) -> str:
    """Every score the bot writes: a leg's, an aggregate, away goals, a shoot-out, a record.
    `score(2, 1)` is `2–1`, with the en dash football writing uses."""
    return f"{a}{DASH}{b}"


def leg_score(season: Season, leg: Leg) -> str:
    """`UdeG 1–0 Necaxa`, home first."""
    home, away = short(season, leg.home), short(season, leg.away)
    return f"{home} {score(leg.home_goals, leg.away_goals)} {away}"


def minute(goal: Goal, tr: Tr) -> str:
    """When a goal was scored: `55'`, or that the source gives no minute."""
    return f"{goal.minute}'" if goal.minute is not None else tr("goal.no_minute")


def _goals_by_player(goals: Sequence[Goal], tr: Tr) -> str:
    """`R. Prieto 26', 70' , J. Ibarra 89'` as the seed writes them, players in order."""
    minutes: dict[str, list[str]] = {}
    for goal in goals:
        minutes.setdefault(goal.player, []).append(minute(goal, tr))
    return ", ".join(f"{player} {', '.join(marks)}" for player, marks in minutes.items())


def scorers(season: Season, leg: Leg, tr: Tr) -> str | None:
    """`UdeG: J. Gutiérrez 55' · Necaxa: J. Goncalves 86'`, or None for a goalless leg."""
    if not leg.goals:
        return None
    parts = []
    for club in (leg.home, leg.away):
        goals = [goal for goal in leg.goals_in_order if goal.club == club]
        if goals:
            parts.append(f"{short(season, club)}: {_goals_by_player(goals, tr)}")
    return " · ".join(parts)


def leg_lines(season: Season, leg: Leg, tr: Tr, leg_number: int | None = None) -> list[str]:
    """A leg in two lines: date and score, then the scorers with their minutes."""
    label = tr(f"leg.{leg_number}") + " · " if leg_number else ""
    lines = [f"{label}{tr.date(leg.date)} · **{leg_score(season, leg)}**"]
    goals = scorers(season, leg, tr)
    if goals:
        lines.append(f"⚽ {goals}")
    return lines


def round_name(tr: Tr, round_: str) -> str:
    return tr(f"round.{round_}")


def _method_key(outcome: TieOutcome) -> str:
    if outcome.method is DecisionMethod.PENALTIES and outcome.extra_time:
        return "penalties_aet"
    return outcome.method.value


def decision_text(outcome: TieOutcome, tr: Tr, *, with_aggregate: bool = True) -> str:
    """How a tie was decided, in the one wording every reply and picture uses.

    `1–1 on aggregate, 4–3 on penalties after extra time`: the aggregate (winner's goals
    first), then the step that decided it when the aggregate did not. It names no club, so it
    reads the same from either side (`won, …` on the winner's road, `out, …` on the loser's).
    Without the aggregate (pictures show it beside the names) it is the deciding step alone.
    """
    winner, loser = outcome.winner, outcome.loser
    parts = [tr("decision.aggregate", aggregate=aggregate_of(outcome))] if with_aggregate else []
    method = _method_key(outcome)
    if outcome.method is DecisionMethod.AGGREGATE:
        if not with_aggregate:
            parts.append(tr("decision.on_aggregate"))
    elif outcome.method in (DecisionMethod.AWAY_GOALS, DecisionMethod.HIGHER_SEED):
        away = score(outcome.away_goals_for(winner), outcome.away_goals_for(loser))
        parts.append(tr(f"decision.{method}", away=away))
    else:
        penalties = outcome.penalties or (0, 0)
        parts.append(tr(f"decision.{method}", penalties=score(*penalties)))
    return ", ".join(parts)


def decision_from(outcome: TieOutcome, club: str, tr: Tr) -> str:
    """How a tie went, from `club`'s side: every score with its goals first, and whether it
    won or lost the step that decided it: `lost 1–2 on aggregate`, `1–1 on aggregate, lost
    3–4 on penalties after extra time`. What a club's own road says of each round."""
    other = outcome.opponent_of(club)
    side = "won" if outcome.winner == club else "lost"
    aggregate = score(outcome.goals_for(club), outcome.goals_for(other))
    away = score(outcome.away_goals_for(club), outcome.away_goals_for(other))
    shootout = outcome.penalties or (0, 0)
    penalties = score(*shootout) if side == "won" else score(*shootout[::-1])
    return tr(
        f"side.{_method_key(outcome)}.{side}",
        aggregate=aggregate,
        away=away,
        penalties=penalties,
    )


def aggregate_of(outcome: TieOutcome) -> str:
    """`2–1`, winner's goals first."""
    return score(outcome.goals_for(outcome.winner), outcome.goals_for(outcome.loser))


def tie_memo(
    season: Season, outcome: TieOutcome, key: Hashable, lines: Callable[[], list[str]]
) -> list[str]:
    """`lines()`, worked out once per season for one of the season's own ties (`key` says
    what else they depend on: the function, the locale...). A tie from elsewhere (a test's
    own) is worked out every time."""
    if season.outcomes.get(id(outcome.tie)) is not outcome:
        return lines()
    return list(season.derived((key, id(outcome)), lambda: tuple(lines())))


def decision(season: Season, outcome: TieOutcome, tr: Tr) -> list[str]:
    """The decision as a tie's lines: who won and how, what the rules alone would have given,
    and the source of a recorded decision in the reader's language."""
    return tie_memo(season, outcome, (decision, tr.locale), lambda: _decision(season, outcome, tr))


def _decision(season: Season, outcome: TieOutcome, tr: Tr) -> list[str]:
    lines = [
        tr("decision.won", winner=short(season, outcome.winner), how=decision_text(outcome, tr))
    ]
    if outcome.by_rules is not None:
        rules_key = f"decision.by_rules.{outcome.by_rules.method.value}"
        lines.append(tr(rules_key, club=short(season, outcome.by_rules.winner)))
    if outcome.source:
        lines.append(tr("decision.source", source=tr.text(outcome.source)))
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
    return _joined(tuple(items), tr.locale) if items else ""


def or_list(items: Sequence[str], tr: Tr) -> str:
    """`a, b or c` / `a, b o c`: the choices of a question asked back."""
    return _joined(tuple(items), tr.locale, "or") if items else ""


@functools.lru_cache(maxsize=1024)
def _joined(
    items: tuple[str, ...], locale: str, style: Literal["standard", "or"] = "standard"
) -> str:
    # Babel reads its locale data on every call: the same lists come back again and again.
    from babel.lists import format_list

    return str(format_list(list(items), style=style, locale=locale.replace("-", "_")))


NBSP = "\u00a0"
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÁÉÍÓÚÑ")
"""The letters an initial is written with."""
_NOT_BEFORE_AN_INITIAL = frozenset(".\u00a0")
"""Besides word characters: what ends an abbreviation ("S.L.P.") or a name already held."""
_PARTICLE = re.compile(r"([A-ZÁÉÍÓÚÑ]\.\u00a0(?:de|del|la)) (?=[A-ZÁÉÍÓÚÑ]\b)")
"""The `de G` of `U. de G.` (after its initial has been held): a short name held together
from end to end."""


def _word(character: str) -> bool:
    """What a regular expression's `\\w` matches."""
    return character.isalnum() or character == "_"


def _held(match: re.Match[str]) -> str:
    return match.group(1) + NBSP


WORD_JOINER = "\u2060"
"""Invisible, and no line may break beside it: it holds a score's dash to its numbers."""
_SCORE_DASH = re.compile(rf"(?<=\d){DASH}(?=\d)")
_HELD_DASH = f"{WORD_JOINER}{DASH}{WORD_JOINER}"
_BEFORE_MINUTE = re.compile(r"(?<=\w) (?=\d{1,3}'(?!\w))")
"""The space between a scorer and the minute of the goal: `J. Cuevas 19'`."""


def unbroken(text: str) -> str:
    """`text` as a phone must draw it: no score, no scorer with a minute and no name with
    initials split across two lines.

    A line may break after an en dash, so a score reads "1–" at the end of one line and "1"
    at the start of the next: word joiners hold the dash to its numbers (`1⁠–⁠1`). A
    non-breaking space holds a scorer to the minute (`J. Cuevas 19'`) and an initial to its
    name (`initials_held`). Every reply goes through here before it is sent.

    A code block (a table) is drawn monospace and never wrapped: its scores get no joiners,
    which would only take room in its 34 columns and show as a box in some fonts.
    """
    held = initials_held(text)
    if "```" not in held:
        return _scores_held(held)
    parts = held.split("```")
    return "```".join(part if index % 2 else _scores_held(part) for index, part in enumerate(parts))


def _scores_held(text: str) -> str:
    """`text` with every score's dash and every scorer's minute held (`unbroken`)."""
    if DASH in text:
        text = _SCORE_DASH.sub(_HELD_DASH, text)
    if "'" in text:
        text = _BEFORE_MINUTE.sub(NBSP, text)
    return text


def initials_held(text: str) -> str:
    """`text` with a non-breaking space after every initial, so that a phone never wraps
    "J. / Gutiérrez" or "U. de / G." across two lines.

    An initial is a capital standing alone (not the end of a word or of an abbreviation)
    with its full stop, then a space and a word: `J. Gutiérrez`, `U. de`. They are found by
    looking at each ". " in the text (a regular expression would look at every character).
    """
    stop = text.find(". ")
    if stop < 0:
        return text  # no initial to hold (most lines)
    pieces: list[str] = []
    start = 0
    last = len(text) - 1
    while stop >= 0:
        if (
            stop >= 1
            and text[stop - 1] in _CAPITALS
            and (
                stop < 2 or not (_word(text[stop - 2]) or text[stop - 2] in _NOT_BEFORE_AN_INITIAL)
            )
            and stop + 2 <= last
            and _word(text[stop + 2])
        ):
            pieces += (text[start : stop + 1], NBSP)
            start = stop + 2
        stop = text.find(". ", stop + 1)
    held = "".join((*pieces, text[start:])) if pieces else text
    return _PARTICLE.sub(_held, held) if f".{NBSP}" in held else held


def _unbroken_field(field: EmbedField) -> EmbedField:
    name, value = unbroken(field.name), unbroken(field.value)
    if name is field.name and value is field.value:
        return field
    return EmbedField(name, value, field.inline)


def _unbroken_embed(embed: Embed) -> Embed:
    def keep(text: str | None) -> str | None:
        return unbroken(text) if text else text

    title, description, footer = keep(embed.title), keep(embed.description), keep(embed.footer)
    fields = tuple(_unbroken_field(field) for field in embed.fields)
    if (
        title is embed.title
        and description is embed.description
        and footer is embed.footer
        and all(new is old for new, old in zip(fields, embed.fields, strict=True))
    ):
        return embed  # nothing to hold; embeds are frozen, so the same one serves
    return dataclasses.replace(
        embed, title=title, description=description, footer=footer, fields=fields
    )


def unbroken_reply(reply: Reply) -> Reply:
    """Every text of the reply (embeds, content, pictures' alt text) with names unbroken."""
    return pictures_unbroken(
        dataclasses.replace(
            reply,
            content=unbroken(reply.content) if reply.content else reply.content,
            embeds=tuple(_unbroken_embed(embed) for embed in reply.embeds),
        )
    )


def pictures_unbroken(reply: Reply) -> Reply:
    """The alt text of the reply's pictures with names unbroken: for a reply whose text
    already is, when pictures are attached to it."""
    if not reply.files:
        return reply
    files = tuple(
        dataclasses.replace(f, description=unbroken(f.description)) if f.description else f
        for f in reply.files
    )
    return dataclasses.replace(reply, files=files)


_P = ParamSpec("_P")


def names_unbroken(
    handler: Callable[_P, Awaitable[Reply]],
) -> Callable[_P, Coroutine[Any, Any, Reply]]:
    """A command handler whose reply never splits a name at an initial (`unbroken`)."""

    @functools.wraps(handler)
    async def answer(*args: _P.args, **kwargs: _P.kwargs) -> Reply:
        return unbroken_reply(await handler(*args, **kwargs))

    return answer
