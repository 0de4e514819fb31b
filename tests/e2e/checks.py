"""Assertions every e2e answer must pass, and the helpers that apply them.

Why here and not in each test: the house rules hold for every message the bot sends, not just
the ones a test happens to look at. `ask` checks no-pings on each answer, so every interaction
in the suite is also a check of it. Discord's own limits (embeds, components, choices) need no
assertion here: the double refuses every request that breaks one, and the test fails
(`tests/e2e/conftest.py`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from tests.e2e.double import Answer, Callback, DiscordDouble, Session

T = TypeVar("T")

NO_PINGS: dict[str, list[str]] = {"parse": []}


def assert_no_pings(message: Mapping[str, Any]) -> None:
    """Echoed user text never pings: every message says `allowed_mentions: {"parse": []}`."""
    assert message.get("allowed_mentions") == NO_PINGS, message.get("allowed_mentions")


async def ask(
    double: DiscordDouble,
    payload: Mapping[str, Any],
    shard: int | None = None,
    timeout: float = 3.0,
    *,
    session: Session | None = None,
) -> Answer:
    """Send an interaction and return what the user sees, checked to ping no one."""
    answer = await double.answer(payload, shard, timeout, session=session)
    if isinstance(answer, Callback):
        assert answer.type == 4, f"callback type {answer.type}: {answer.body}"
    assert_no_pings(answer.data)
    return answer


async def complete(
    double: DiscordDouble, payload: Mapping[str, Any], shard: int | None = None
) -> list[dict[str, Any]]:
    """Send an autocomplete interaction; its result is a type 8 with choices (the double
    refuses choices Discord would refuse)."""
    callback = await double.interact(payload, shard)
    assert callback.type == 8, f"autocomplete answered with type {callback.type}"
    return callback.choices


async def eventually(
    probe: Callable[[], Awaitable[T]],
    accept: Callable[[T], bool],
    *,
    timeout: float = 10.0,
    interval: float = 0.1,
    what: str = "the expected answer",
) -> T:
    """Poll `probe` until `accept` holds: for effects that arrive on their own schedule
    (another process's file watcher), without a fixed sleep."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = await probe()
        if accept(value):
            return value
        if loop.time() >= deadline:
            raise AssertionError(f"no {what} within {timeout}s; last: {value!r}"[:2000])
        await asyncio.sleep(interval)
