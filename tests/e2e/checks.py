"""Assertions every e2e answer must pass, and the helpers that apply them.

Why here and not in each test: Discord's limits (`commands/limits.py`) hold for every message
the bot sends, not just the ones a test happens to look at. `ask` checks them on each answer, so
every interaction in the suite is also a check of no-pings and of the embed limits.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from tests.e2e.double import Answer, Callback, DiscordDouble, Session

T = TypeVar("T")

NO_PINGS: dict[str, list[str]] = {"parse": []}


def message_of(answer: Answer) -> Mapping[str, Any]:
    return answer.data


def assert_within_limits(message: Mapping[str, Any]) -> None:
    """Discord's message and embed limits; beyond them Discord answers 400 and the fan sees
    "The application did not respond"."""
    content = message.get("content") or ""
    assert len(content) <= 2000, f"content is {len(content)} characters"
    embeds = message.get("embeds") or []
    assert len(embeds) <= 10, f"{len(embeds)} embeds"
    total = 0
    for embed in embeds:
        title = embed.get("title") or ""
        description = embed.get("description") or ""
        footer = (embed.get("footer") or {}).get("text") or ""
        author = (embed.get("author") or {}).get("name") or ""
        fields = embed.get("fields") or []
        assert len(title) <= 256, f"embed title is {len(title)} characters"
        assert len(description) <= 4096, f"embed description is {len(description)} characters"
        assert len(footer) <= 2048
        assert len(author) <= 256
        assert len(fields) <= 25, f"{len(fields)} embed fields"
        for field in fields:
            assert 1 <= len(field["name"]) <= 256, f"field name {field['name']!r}"
            assert 1 <= len(field["value"]) <= 1024, f"field value of {len(field['value'])}"
        total += len(title) + len(description) + len(footer) + len(author)
        total += sum(len(field["name"]) + len(field["value"]) for field in fields)
    assert total <= 6000, f"embeds hold {total} characters together"
    assert_components_within_limits(message)


def assert_components_within_limits(message: Mapping[str, Any]) -> None:
    """Action rows (type 1) of at most 5 buttons (type 2) or one string select (type 3):
    Discord refuses the whole message otherwise."""
    rows = message.get("components") or []
    assert len(rows) <= 5, f"{len(rows)} action rows"
    ids: list[str] = []
    for row in rows:
        assert row["type"] == 1, row
        items = row["components"]
        kinds = [item["type"] for item in items]
        assert kinds in ([3],) or (1 <= len(items) <= 5 and set(kinds) == {2}), kinds
        for item in items:
            ids.append(item["custom_id"])
            assert 1 <= len(item["custom_id"]) <= 100, item["custom_id"]
            if item["type"] == 2:
                assert 1 <= len(item["label"]) <= 80, item["label"]
                assert item["style"] in (1, 2, 3, 4), item
            else:
                assert 1 <= len(item["options"]) <= 25, f"{len(item['options'])} options"
                for option in item["options"]:
                    assert 1 <= len(option["label"]) <= 100
                    assert 1 <= len(option["value"]) <= 100
    assert len(set(ids)) == len(ids), f"custom_ids repeat: {ids}"


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
    """Send an interaction and return what the user sees, checked against Discord's rules."""
    answer = await double.answer(payload, shard, timeout, session=session)
    if isinstance(answer, Callback):
        assert answer.type == 4, f"callback type {answer.type}: {answer.body}"
    message = message_of(answer)
    assert_no_pings(message)
    assert_within_limits(message)
    return answer


async def complete(
    double: DiscordDouble, payload: Mapping[str, Any], shard: int | None = None
) -> list[dict[str, Any]]:
    """Send an autocomplete interaction; check the result is a valid type 8 with choices."""
    callback = await double.interact(payload, shard)
    assert callback.type == 8, f"autocomplete answered with type {callback.type}"
    choices = callback.choices
    assert len(choices) <= 25, f"{len(choices)} choices"
    for choice in choices:
        assert 1 <= len(choice["name"]) <= 100, f"choice name {choice['name']!r}"
        assert 1 <= len(str(choice["value"])) <= 100, f"choice value {choice['value']!r}"
    return choices


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
