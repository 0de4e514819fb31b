"""Every reply read at a glance on a phone (issue 22): short, never split, from the club's side.

Every command's reply (and /ask's answers to the questions fans ask most), in English, es-419
and es-ES, with its buttons and menus, is laid out as a phone draws it (`tests/phone.py`: a
400 px screen, 700 px of chat) and checked:

- no reply runs over 1.5 screens as first shown: the rest is one tap away;
- no score ("1–1"), no scorer with a minute ("J. Cuevas 19'") and no initial with its surname
  ("J. Gutiérrez", "U. de G.") holds a place where a line may break;
- on a club's own road (/path), every score of a round is read from that club's side.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from typing import Any

import pytest

from commands import pipeline
from commands.ask import ask
from commands.bracket import bracket
from commands.club import club
from commands.context import Context, Handler
from commands.i18n import translator
from commands.path import path
from commands.relegation import relegation
from commands.reply import Reply
from commands.result import result
from commands.scorers import scorers
from knowledge.models import DecisionMethod, Season
from knowledge.queries import club_paths
from knowledge.store import KnowledgeStore
from knowledge.ties import TieOutcome
from tests import phone
from tests.commands.test_every_reply import WITHOUT_OPTIONS

LOCALES = ("en", "es-419", "es-ES")

QUESTIONS = (
    "who won the clausura",
    "who won the apertura",
    "who won the promotion final",
    "who knocked necaxa out of the clausura",
    "how did tecos do in the clausura",
    "when did Lojero score",
    "how many goals did Lojero score",
    "who scored in the apertura final",
    "who was relegated",
    "where does UdeG play",
    "when was the season",
    "what changed from last season",
    "who won the world cup",
    "quién ganó el clausura",
    "quién eliminó a Necaxa en el clausura",
    "cuándo anotó Lojero",
)
"""The questions of the issue and the examples /ask offers, in both languages."""

Call = tuple[Handler, dict[str, Any]]


def every_call(store: KnowledgeStore) -> list[Call]:
    """Each command once with no option, and with each club, tournament and pair that met."""
    season_ = store.current.season
    clubs = [c.id for c in season_.clubs]
    tournaments = [c.name for c in season_.competitions]
    calls: list[Call] = [(handler, {}) for handler in WITHOUT_OPTIONS]
    calls += [
        (club, {"club": "nexaca"}),
        (club, {"club": "estudiantes"}),
        (result, {"club_a": "Necaxa", "club_b": "Celaya"}),
    ]
    calls += [(bracket, {"tournament": t}) for t in tournaments]
    calls += [(scorers, {"tournament": t}) for t in tournaments]
    for key in clubs:
        calls += [(club, {"club": key}), (relegation, {"club": key}), (path, {"club": key})]
        calls += [(scorers, {"club": key})]
        calls += [(path, {"club": key, "tournament": t}) for t in tournaments]
    met = {tuple(sorted(outcome.clubs)) for outcome in season_.outcomes.values()}
    calls += [(result, {"club_a": a, "club_b": b}) for a, b in sorted(met)]
    calls += [(ask, {"question": question}) for question in QUESTIONS]
    return calls


def _asked(handler: Handler, options: dict[str, Any]) -> str:
    shown = " ".join(str(value) for value in options.values())
    return f"/{handler.__name__.removesuffix('_reply')} {shown}".strip()


@pytest.fixture(scope="module")
def replies(store: KnowledgeStore) -> list[tuple[str, str, Reply]]:
    """(locale, what was asked, the reply a fan sees: buttons, menus and pictures included)."""
    found = []
    for locale in LOCALES:
        ctx = Context(store.current, translator(locale))
        for handler, options in every_call(store):
            name = handler.__name__
            reply = asyncio.run(pipeline.answer(ctx, name, handler, options))
            found.append((locale, _asked(handler, options), reply))
    return found


def test_no_reply_runs_over_one_and_a_half_phone_screens(
    replies: list[tuple[str, str, Reply]],
) -> None:
    too_long = [
        f"{locale} {asked}: {phone.screens(reply):.2f} screens"
        for locale, asked, reply in replies
        if phone.screens(reply) > phone.MAX_SCREENS
    ]
    assert too_long == []


SCORE = re.compile(r"\d+[\u2060]?[–-][\u2060]?\d+")
"""A score as drawn, its dash held (or not) by word joiners."""


def _players(season_: Season) -> list[str]:
    return sorted(
        {goal.player for c in season_.competitions for leg in c.legs for goal in leg.goals},
        key=len,
        reverse=True,
    )


def held_spans(season_: Season, paragraph: str) -> Iterator[tuple[int, int]]:
    """What must never break: scores, each scorer's name with the minute after it, each
    initial with its surname, and `U. de G.`."""
    for match in SCORE.finditer(paragraph):
        yield match.span()
    for player in _players(season_):
        spaced = r"[ \u00a0]".join(re.escape(word) for word in player.split(" "))
        for match in re.finditer(rf"{spaced}(?:[ \u00a0]\d+')?", paragraph):
            yield match.span()
    for match in re.finditer(r"U\.[ \u00a0]de[ \u00a0]G\.?", paragraph):
        yield match.span()


def test_no_score_scorer_minute_or_initial_can_break(
    store: KnowledgeStore, replies: list[tuple[str, str, Reply]]
) -> None:
    season_ = store.current.season
    broken = []
    held = 0
    for locale, asked, reply in replies:
        for where, paragraph in phone.drawn_texts(reply):
            for start, end in held_spans(season_, paragraph):
                held += 1
                if phone.breaks_inside(paragraph, start, end):
                    broken.append(f"{locale} {asked} ({where}): {paragraph[start:end]!r}")
    assert held > 1000
    assert sorted(set(broken))[:20] == []


def _from_the_side_of(outcome: TieOutcome, club_id: str) -> list[tuple[int, int]]:
    """The scores a round of `club_id`'s road gives, each with that club's number first: the
    aggregate, then the away goals or the shoot-out where they decided it."""
    other = outcome.opponent_of(club_id)
    scores = [(outcome.goals_for(club_id), outcome.goals_for(other))]
    if outcome.method in (DecisionMethod.AWAY_GOALS, DecisionMethod.HIGHER_SEED):
        scores.append((outcome.away_goals_for(club_id), outcome.away_goals_for(other)))
    if outcome.method is DecisionMethod.PENALTIES and outcome.penalties is not None:
        winner, loser = outcome.penalties
        scores.append((winner, loser) if outcome.winner == club_id else (loser, winner))
    return scores


ROUND_LINE = re.compile(r"^[✅❌]")


def test_on_a_clubs_road_scores_are_from_that_clubs_side(
    store: KnowledgeStore, replies: list[tuple[str, str, Reply]]
) -> None:
    season_ = store.current.season
    checked = 0
    for locale in LOCALES:
        ctx = Context(store.current, translator(locale))
        for key in (c.id for c in season_.clubs):
            reply = asyncio.run(path(ctx, key))
            lines = [
                line
                for line in (reply.embeds[0].description or "").splitlines()
                if ROUND_LINE.match(line)
            ]
            steps = [step for road in club_paths(season_, key) for step in road.steps]
            assert len(lines) == len(steps), (locale, key, lines)
            for line, step in zip(lines, steps, strict=True):
                drawn = [
                    tuple(int(n) for n in re.split(r"\D+", score)) for score in SCORE.findall(line)
                ]
                assert drawn == _from_the_side_of(step.outcome, key), (locale, key, line)
                checked += 1
    assert checked > 3 * 20


def test_the_layout_model_breaks_and_measures_as_a_phone() -> None:
    """The model itself: a line breaks at a space, after an en dash before a digit, never at
    a no-break space or a word joiner; a long line wraps; one line of chat is well under a
    screen."""
    assert phone.breaks_inside("Tecos 1–1 UAT", 6, 9) == [8]
    assert phone.breaks_inside("Tecos 1\u2060–\u20601 UAT", 6, 11) == []
    assert phone.breaks_inside("J. Cuevas 19'", 0, 13) == [3, 10]
    assert phone.breaks_inside("J.\u00a0Cuevas\u00a019'", 0, 13) == []
    sentence = "Tecos won the Clausura 2014, beating UAT in the final: 1–1 on aggregate"
    lines = phone.wrapped(sentence, phone.BODY, phone.EMBED_WIDTH)
    assert len(lines) == 2 and "".join(lines).replace(" ", "") == sentence.replace(" ", "")
    assert all(phone.text_width(line, phone.BODY) <= phone.EMBED_WIDTH for line in lines)
    assert phone.reply_height(Reply(content="UdeG 1–0 Necaxa")) < 100
