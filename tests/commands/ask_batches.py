"""Scoring /ask against the fresh question batches (tests/knowledge/batches/*.yaml).

A batch case says what kind of reply a question must get (an answer or an honest refusal)
and what the lead sentence must and must not say. The scorer is shared by the tests and by
`python -m tests.commands.ask_batches [BATCH ...]`, which prints the score and one line per
miss (how the figures in tests/knowledge/batches/SCORES.md were measured).
"""

from __future__ import annotations

import asyncio
import json
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from commands.ask import ask
from commands.ask.common import is_dont_know
from commands.context import Context
from commands.i18n import translator
from commands.reply import Reply
from knowledge.store import KnowledgeStore, packaged_seasons
from tests.helpers import payload_text

BATCHES = Path(__file__).resolve().parents[1] / "knowledge" / "batches"
REFUSAL_LOCALES = (translator("en"), translator("es-419"), translator("es-ES"))


def load_batch(name: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((BATCHES / f"{name}.yaml").read_text(encoding="utf-8"))
    return list(data["cases"])


def folded(text: str) -> str:
    """Case, accents, markdown and the kind of dash do not matter when comparing facts."""
    bare = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    for dash in ("–", "—", "‑"):
        bare = bare.replace(dash, "-")
    return bare.replace("*", "").replace("_", "").casefold()


def says(text: str, fact: str) -> bool:
    """Whether `text` contains the fact, or one of its "a|b" alternatives."""
    return any(folded(option) in folded(text) for option in str(fact).split("|"))


def refuses(reply: Reply) -> bool:
    return any(is_dont_know(reply, tr) for tr in REFUSAL_LOCALES)


def refusal_text(reply: Reply) -> str:
    """What a refusal says, without its fixed list of example questions."""
    text = payload_text(reply)
    for tr in REFUSAL_LOCALES:
        text = text.replace(json.dumps(tr("ask.unknown.examples"), ensure_ascii=False)[1:-1], "")
    return text


@dataclass(frozen=True)
class Verdict:
    case: dict[str, Any]
    reply: Reply
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def judge(case: dict[str, Any], reply: Reply) -> Verdict:
    problems: list[str] = []
    lead = reply.content or ""
    if case["kind"] == "refuse":
        if not refuses(reply):
            problems.append(f"answered instead of refusing: {lead!r}")
        text = refusal_text(reply)
        problems += [f"states {fact!r}" for fact in case.get("not", []) if says(text, fact)]
    else:
        if refuses(reply):
            problems.append("refused")
        lacks = [fact for fact in case.get("lead", []) if not says(lead, fact)]
        problems += [f"lead lacks {fact!r}" for fact in lacks]
        problems += [f"lead states {fact!r}" for fact in case.get("not", []) if says(lead, fact)]
        if problems and lead:
            problems.append(f"lead: {lead!r}")
    return Verdict(case, reply, tuple(problems))


def score(cases: list[dict[str, Any]], ctx: Context | None = None) -> list[Verdict]:
    """Every case answered by the /ask handler, the reader's locale English."""
    ctx = ctx or Context(KnowledgeStore(packaged_seasons()).current, translator("en"))

    async def answer_all() -> list[Verdict]:
        return [judge(case, await ask(ctx, case["q"])) for case in cases]

    return asyncio.run(answer_all())


def summary(verdicts: list[Verdict]) -> str:
    good = sum(v.ok for v in verdicts)
    refuse = [v for v in verdicts if v.case["kind"] == "refuse"]
    lines = [
        f"{good}/{len(verdicts)} right ({100 * good / len(verdicts):.1f}%); "
        f"refusals {sum(v.ok for v in refuse)}/{len(refuse)}"
    ]
    for lang in ("en", "es"):
        of = [v for v in verdicts if v.case["lang"] == lang]
        lines.append(f"  {lang}: {sum(v.ok for v in of)}/{len(of)}")
    lines += [f"  MISS {v.case['q']!r}: {'; '.join(v.problems)}" for v in verdicts if not v.ok]
    return "\n".join(lines)


def main(names: list[str]) -> None:
    for name in names or sorted(path.stem for path in BATCHES.glob("batch*.yaml")):
        print(f"== {name}")
        print(summary(score(load_batch(name))))


if __name__ == "__main__":
    main(sys.argv[1:])
