"""Every kind of /ask answer is needed: switching any one off turns some case of the question
sets (tests/knowledge/batches) from right to wrong, so the suite fails. A kind no case needs
could break unnoticed; this test names it.

A kind is switched off by making it refuse: an answer by intent, a query plan's aggregation,
the yes/no verdict, the premise correction, the greeting, the reading offered without unknown
words, and which side's goals a match answer lists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from commands.ask import common, handler, parts, plans
from commands.ask.places import unknown
from commands.context import Context
from commands.i18n import translator
from commands.reply import Reply
from knowledge.plans.model import Aggregation, Query
from knowledge.questions import Intent, Question
from knowledge.store import KnowledgeStore, packaged_seasons
from tests.commands.ask_batches import Verdict, load_batch, score

SETS = ("batch1", "batch2", "batch3", "batch4", "issue9_examples", "probes")
CASES = [case for name in SETS for case in load_batch(name)]


def _refusal(season: Any, question: Question, tr: Any, *_: Any) -> Reply:
    return unknown(season, question, tr)


def _intent_off(intent: Intent) -> Callable[[pytest.MonkeyPatch], None]:
    def switch(monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(handler._ANSWERS, intent, _refusal)
        original = parts.precise

        def without(season: Any, question: Question, tr: Any) -> Reply | None:
            return None if question.intent is intent else original(season, question, tr)

        monkeypatch.setattr(handler, "precise", without)

    return switch


def _aggregation_off(aggregation: Aggregation) -> Callable[[pytest.MonkeyPatch], None]:
    def switch(monkeypatch: pytest.MonkeyPatch) -> None:
        original = plans.query_reply

        def without(season: Any, query: Query, tr: Any) -> Reply:
            if query.aggregation is aggregation:
                asked = Question(
                    text="", intent=Intent.UNKNOWN, language="en", language_clear=False
                )
                return _refusal(season, asked, tr)
            return original(season, query, tr)

        monkeypatch.setattr(handler, "query_reply", without)

    return switch


def _attribute_off(module: Any, name: str, value: Any) -> Callable[[pytest.MonkeyPatch], None]:
    def switch(monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(module, name, value)

    return switch


def _both_sides(question: Question) -> tuple[None, None]:
    del question
    return None, None


KINDS: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    **{
        f"intent:{intent.value}": _intent_off(intent)
        for intent in Intent
        if intent is not Intent.UNKNOWN
    },
    **{f"query:{aggregation.value}": _aggregation_off(aggregation) for aggregation in Aggregation},
    "yes_no": _attribute_off(
        handler, "verdict_reply", lambda s, q, c, tr, fallback: _refusal(s, q, tr)
    ),
    "premise": _attribute_off(handler, "premise_line", lambda *_: None),
    "greeting": _attribute_off(handler, "greeting_reply", lambda q, tr: Reply()),
    "reading_without": _attribute_off(handler, "_without", lambda *_: None),
    "sides": _attribute_off(parts, "goals_side", _both_sides),
}


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(KnowledgeStore(packaged_seasons()).current, translator("en"))


@pytest.fixture(scope="module")
def right_now(ctx: Context) -> set[str]:
    return {v.case["q"] for v in score(CASES, ctx) if v.ok_within_a_click}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_switching_off_an_answer_kind_fails_some_case(
    kind: str, ctx: Context, right_now: set[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    KINDS[kind](monkeypatch)
    verdicts: list[Verdict] = score(CASES, ctx)
    broken = [v.case["q"] for v in verdicts if v.case["q"] in right_now and not v.ok_within_a_click]
    assert broken, f"no case of the question sets needs {kind}: switching it off changed nothing"


def test_the_kinds_cover_every_answer_of_the_handler() -> None:
    """A new answer by intent or aggregation is switched off here too, by construction."""
    assert {f"intent:{i.value}" for i in handler._ANSWERS if i is not Intent.UNKNOWN} <= set(KINDS)
    assert callable(common.goals_side)


@pytest.mark.parametrize("locale", ["en", "es-419", "es-ES"])
def test_every_test_a_plan_can_hold_is_worded_both_ways(locale: str) -> None:
    """A claim or a condition is said with its test's words: one with none raised KeyError
    the first time a reply needed it ('home_won', 'decided')."""
    from knowledge.plans.model import Test

    tr = translator(locale)
    missing = [f"ask.test.{t.value}.{way}" for t in Test for way in ("yes", "no")]
    assert [key for key in missing if not tr.has(key)] == []
