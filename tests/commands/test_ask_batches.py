"""/ask on the fresh batches (tests/knowledge/batches): each case on its own (a miss is an
xfail saying what went wrong, `pytest -rx`), and the gates: 95% on each batch, every
question the data cannot answer refused, and every example of issue 9 right.
"""

from __future__ import annotations

from typing import Any

import pytest

from commands.context import Context
from commands.i18n import translator
from knowledge.store import KnowledgeStore, packaged_seasons
from tests.commands.ask_batches import Verdict, load_batch, score, summary

GATE = 0.95
BATCHES = ("batch1", "batch2", "batch3", "issue9_examples", "probes")
CASES = [(name, case) for name in BATCHES for case in load_batch(name)]


@pytest.fixture(scope="module")
def verdicts() -> dict[str, list[Verdict]]:
    ctx = Context(KnowledgeStore(packaged_seasons()).current, translator("en"))
    return {name: score(load_batch(name), ctx) for name in BATCHES}


def test_the_batches_are_as_big_as_the_issue_asks() -> None:
    first, second = load_batch("batch1"), load_batch("batch2")
    assert len(first) >= 150 and len(second) >= 100
    assert sum(case["lang"] == "es" for case in first) >= 60
    assert sum(case["kind"] == "refuse" for case in first) >= 30
    assert not {case["q"] for case in first} & {case["q"] for case in second}


@pytest.mark.parametrize(("batch", "case"), CASES, ids=[f"{b}:{c['q'][:50]}" for b, c in CASES])
def test_case(batch: str, case: dict[str, Any], verdicts: dict[str, list[Verdict]]) -> None:
    verdict = next(v for v in verdicts[batch] if v.case is case or v.case == case)
    if not verdict.ok:
        pytest.xfail("; ".join(verdict.problems))


@pytest.mark.parametrize("batch", ["batch1", "batch2", "batch3"])
def test_each_batch_is_answered_at_least_95_percent_right(
    batch: str, verdicts: dict[str, list[Verdict]]
) -> None:
    found = verdicts[batch]
    accuracy = sum(v.ok for v in found) / len(found)
    print(summary(found))
    assert accuracy >= GATE, summary(found)


@pytest.mark.parametrize("batch", BATCHES)
def test_every_question_the_data_cannot_answer_is_refused(
    batch: str, verdicts: dict[str, list[Verdict]]
) -> None:
    missed = [v for v in verdicts[batch] if v.case["kind"] == "refuse" and not v.ok]
    assert missed == []


def test_every_example_of_the_issue_is_right(verdicts: dict[str, list[Verdict]]) -> None:
    assert [v.case["q"] for v in verdicts["issue9_examples"] if not v.ok] == []
