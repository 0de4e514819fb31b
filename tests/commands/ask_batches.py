"""Scoring /ask against the fresh question batches (tests/knowledge/batches/*.yaml).

A batch case says what kind of reply a question must get (an answer, an honest refusal, or a
short friendly reply to a greeting) and what the lead sentence must and must not say; a yes/no
question's lead must open with the right Yes or No. A case missed on the first reply may still
be right within one click: one of the reply's buttons that asks again gives the right reply.
The scorer is shared by the tests and by `python -m tests.commands.ask_batches [BATCH ...]`,
which prints the score and one line per miss (how the figures in
tests/knowledge/batches/SCORES.md were measured).
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from commands import declared_commands
from commands.ask import ask
from commands.ask.common import is_dont_know
from commands.context import Context, Handler
from commands.i18n import translator
from commands.pipeline import press
from commands.reply import Button, ButtonStyle, Reply
from knowledge.store import KnowledgeStore, packaged_seasons
from tests.helpers import payload_text

BATCHES = Path(__file__).resolve().parents[1] / "knowledge" / "batches"
REFUSAL_LOCALES = (translator("en"), translator("es-419"), translator("es-ES"))


def load_batch(name: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((BATCHES / f"{name}.yaml").read_text(encoding="utf-8"))
    return list(data["cases"])


def folded(text: str) -> str:
    """Case, accents, markdown, the kind of dash and the invisible joiners that hold a score
    together (NFKD makes a no-break space a space) do not matter when comparing facts."""
    text = text.replace("\u2060", "")
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
    """What a refusal says: its words, not its buttons (the example questions it offers)."""
    return payload_text(dataclasses.replace(reply, components=()))


@dataclass(frozen=True)
class Verdict:
    case: dict[str, Any]
    reply: Reply
    problems: tuple[str, ...]
    clicked: bool = False
    """Right after one click (a button of the first reply), not on the first reply."""

    @property
    def ok(self) -> bool:
        return not self.problems and not self.clicked

    @property
    def ok_within_a_click(self) -> bool:
        return not self.problems


YES = ("yes", "si")
NO = ("no",)
_LEAD_MARKS = re.compile(r"^[^\w]+")


def first_word(lead: str) -> str:
    """The lead's first word, folded, past any emoji or markdown ("✅ **Yes**, ..." -> yes)."""
    words = _LEAD_MARKS.sub("", folded(lead)).split()
    return re.sub(r"\W+$", "", words[0]) if words else ""


def judge(case: dict[str, Any], reply: Reply) -> Verdict:
    problems: list[str] = []
    lead = reply.content or ""
    if case["kind"] == "greet":
        if refuses(reply) or not lead:
            problems.append(f"no friendly reply: {lead!r}")
        elif re.search(r"\d", lead):
            problems.append(f"a greeting answered with facts: {lead!r}")
        return Verdict(case, reply, tuple(problems))
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
        said = _yes_or_no(case.get("yesno"))
        expected = {"yes": YES, "no": NO}.get(said)
        if expected is not None and first_word(lead) not in expected:
            problems.append(f"lead does not open with {said!r}")
        if problems and lead:
            problems.append(f"lead: {lead!r}")
    return Verdict(case, reply, tuple(problems))


MAX_READINGS = 3
"""A reply offers at most this many readings to pick from; more is not "one click"."""


def handlers() -> dict[str, Handler]:
    return {declared.name: declared.handler for declared in declared_commands()}


async def judged(ctx: Context, case: dict[str, Any]) -> Verdict:
    """The first reply's verdict; if it misses, the best a click on one of its buttons gives."""
    first = judge(case, await ask(ctx, case["q"]))
    if first.ok:
        return first
    # Readings of the question are primary buttons; example questions (secondary) are
    # offers of other questions, and a right answer found there would be luck.
    ids = [
        component.custom_id
        for row in first.reply.components
        for component in row
        if isinstance(component, Button)
        and component.custom_id.startswith("sb1:go:")
        and component.style is ButtonStyle.PRIMARY
    ]
    for custom_id in ids[:MAX_READINGS]:
        pressed = await press(
            ctx, handlers(), custom_id, owner=True, private_message=False, user="fan"
        )
        if pressed.new is not None and judge(case, pressed.new).ok:
            return Verdict(case, pressed.new, (), clicked=True)
    return first


def score(cases: list[dict[str, Any]], ctx: Context | None = None) -> list[Verdict]:
    """Every case answered by the /ask handler, the reader's locale English."""
    ctx = ctx or Context(KnowledgeStore(packaged_seasons()).current, translator("en"))

    async def answer_all() -> list[Verdict]:
        return [await judged(ctx, case) for case in cases]

    return asyncio.run(answer_all())


def summary(verdicts: list[Verdict]) -> str:
    good = sum(v.ok for v in verdicts)
    clicked = sum(v.ok_within_a_click for v in verdicts)
    refuse = [v for v in verdicts if v.case["kind"] == "refuse"]
    lines = [
        f"{good}/{len(verdicts)} right on the first reply ({100 * good / len(verdicts):.1f}%), "
        f"{clicked}/{len(verdicts)} within one click ({100 * clicked / len(verdicts):.1f}%); "
        f"refusals {sum(v.ok for v in refuse)}/{len(refuse)}"
    ]
    for lang in ("en", "es"):
        of = [v for v in verdicts if v.case["lang"] == lang]
        lines.append(f"  {lang}: {sum(v.ok for v in of)}/{len(of)}")
    lines += [f"  CLICK {v.case['q']!r}" for v in verdicts if v.clicked]
    lines += [
        f"  MISS {v.case['q']!r}: {'; '.join(v.problems)}"
        for v in verdicts
        if not v.ok_within_a_click
    ]
    return "\n".join(lines)


def _yes_or_no(said: object) -> str:
    """A case's `yesno`, written quoted or bare: YAML reads a bare yes/no as a boolean, which
    must not skip the check."""
    if isinstance(said, bool):
        return "yes" if said else "no"
    return str(said or "").lower()


def main(names: list[str]) -> None:
    for name in names or sorted(path.stem for path in BATCHES.glob("batch*.yaml")):
        print(f"== {name}")
        print(summary(score(load_batch(name))))


if __name__ == "__main__":
    main(sys.argv[1:])
