"""The flow's parts on their own: ages from snowflakes, slot order, quiet expiry, draining.

The end-to-end burst test (tests/e2e/test_burst.py) shows them working together; these pin
the rules each part keeps, without a clock or a network."""

from __future__ import annotations

import asyncio
import logging
import sys
from types import SimpleNamespace
from typing import Any

import discord
import pytest

from bot.flow import (
    DISCORD_EPOCH_MS,
    InteractionFlow,
    InteractionGone,
    PrioritySemaphore,
    QuietExpiry,
    Ticket,
    created_monotonic,
    is_gone,
)


def snowflake_at(unix_seconds: float) -> int:
    return (int(unix_seconds * 1000) - DISCORD_EPOCH_MS) << 22


def test_age_comes_from_the_snowflake_when_the_clocks_agree() -> None:
    wall = 1_700_000_000.0
    created = created_monotonic(snowflake_at(wall - 1.25), wall=wall, monotonic=500.0)
    assert created == pytest.approx(500.0 - 1.25, abs=0.002)


@pytest.mark.parametrize("skew", [-5.0, 4.0, 3600.0], ids=["future", "too-old", "an-hour"])
def test_a_skewed_clock_falls_back_to_the_arrival_time(skew: float) -> None:
    wall = 1_700_000_000.0
    assert created_monotonic(snowflake_at(wall - skew), wall=wall, monotonic=500.0) == 500.0


def http_error(status: int, code: int) -> discord.HTTPException:
    response = SimpleNamespace(status=status, reason="", headers={})
    return discord.HTTPException(response, {"message": "x", "code": code})


def test_gone_means_unknown_interaction_or_an_expired_token() -> None:
    assert is_gone(http_error(404, 10062))
    assert is_gone(http_error(401, 50027))
    assert not is_gone(http_error(400, 40060))  # already acknowledged: a bug, not expiry
    assert not is_gone(http_error(500, 0))
    assert not is_gone(ValueError("10062"))


async def test_urgent_jobs_take_the_next_slot_and_each_lane_keeps_its_order() -> None:
    slots = PrioritySemaphore(2)
    started: list[str] = []
    release = asyncio.Event()

    async def job(name: str, urgent: bool) -> None:
        async with slots.slot(urgent=urgent):
            started.append(name)
            await release.wait()

    tasks = [asyncio.create_task(job(f"command{i}", False)) for i in range(4)]
    await asyncio.sleep(0)
    tasks += [asyncio.create_task(job(f"deferral{i}", True)) for i in range(2)]
    await asyncio.sleep(0)
    assert started == ["command0", "command1"]  # two slots, two running
    release.set()
    await asyncio.gather(*tasks)
    assert started == ["command0", "command1", "deferral0", "deferral1", "command2", "command3"]


async def test_urgent_jobs_go_oldest_first_and_signal_when_none_waits() -> None:
    """Deferrals are served by age (a deferral at the margin, for an interaction that
    waited in the queue, goes before the deferrals of newer ones), and commands wait until
    no deferral waits."""
    slots = PrioritySemaphore(1)
    started: list[str] = []
    release = asyncio.Event()

    async def job(name: str, created: float) -> None:
        async with slots.slot(urgent=True, key=created):
            started.append(name)
            await release.wait()

    tasks = [asyncio.create_task(job("first", 5.0))]
    await asyncio.sleep(0)
    tasks += [asyncio.create_task(job(name, at)) for name, at in (("new", 9.0), ("old", 1.0))]
    await asyncio.sleep(0)
    assert slots.urgent_waiting == 2
    idle = asyncio.create_task(slots.no_urgent_waiting())
    await asyncio.sleep(0)
    assert not idle.done()
    release.set()
    await asyncio.gather(*tasks)
    assert started == ["first", "old", "new"]
    assert idle.done() and slots.urgent_waiting == 0


class FakeResponse:
    def __init__(self) -> None:
        self.done = False

    def is_done(self) -> bool:
        return self.done


def fake_interaction(interaction_id: int = 42, name: str = "club") -> Any:
    return SimpleNamespace(
        id=interaction_id,
        type=discord.InteractionType.application_command,
        data={"name": name},
        response=FakeResponse(),
        extras={},
    )


async def test_expiry_is_one_warning_without_traceback_and_blocks_any_answer(
    caplog: pytest.LogCaptureFixture,
) -> None:
    flow = InteractionFlow(slots=4, defer_after=2.0)
    interaction = fake_interaction()
    ticket = Ticket(interaction, created=0.0, flow=flow)  # created long ago: past 3 s

    async def send() -> None:
        raise AssertionError("a dead interaction must not be answered")

    with caplog.at_level(logging.WARNING, logger="seasonbot"):
        for _ in range(3):
            with pytest.raises(InteractionGone):
                await ticket.first_response(send, deferral=False)
        with pytest.raises(InteractionGone):
            await ticket.later(send)
    expired = [record for record in caplog.records if "expired" in record.getMessage()]
    assert len(expired) == 1
    assert expired[0].exc_info is None
    assert expired[0].interaction_id == 42  # type: ignore[attr-defined]
    assert expired[0].command == "club"  # type: ignore[attr-defined]
    assert expired[0].age_ms > 3000  # type: ignore[attr-defined]
    assert flow.metrics.expired == 1


async def test_expiry_lines_wait_until_no_deferral_waits(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Past capacity, interactions expire by the hundred; their lines are written once the
    deferrals waiting for a slot are out, still one each, with the age at expiry."""
    flow = InteractionFlow(slots=1, defer_after=2.0)
    release = asyncio.Event()

    async def deferral() -> None:
        async with flow.first_responses.slot(urgent=True, key=0.0):
            await release.wait()

    running = [asyncio.create_task(deferral()) for _ in range(2)]
    await asyncio.sleep(0)
    assert flow.first_responses.urgent_waiting == 1
    with caplog.at_level(logging.WARNING, logger="seasonbot"):
        Ticket(fake_interaction(7), created=0.0, flow=flow).expire("past 3 s while queued")
        await asyncio.sleep(0)
        assert flow.metrics.expired == 1 and not caplog.records
        release.set()
        await asyncio.gather(*running)
        await asyncio.sleep(0)
    [line] = caplog.records
    assert line.getMessage() == "interaction expired: past 3 s while queued"
    assert line.interaction_id == 7 and line.age_ms > 3000  # type: ignore[attr-defined]


async def test_discord_saying_unknown_interaction_expires_the_ticket_quietly(
    caplog: pytest.LogCaptureFixture,
) -> None:
    flow = InteractionFlow(slots=4, defer_after=2.0)
    interaction = fake_interaction()
    ticket = flow.ticket(interaction)

    async def send() -> None:
        raise http_error(404, 10062)

    with caplog.at_level(logging.WARNING, logger="seasonbot"), pytest.raises(InteractionGone):
        await ticket.first_response(send, deferral=False)
    assert ticket.gone and flow.metrics.expired == 1
    assert [record.levelname for record in caplog.records] == ["WARNING"]
    assert "10062" in caplog.records[0].getMessage()


async def test_a_deferral_and_an_answer_never_both_go_out() -> None:
    flow = InteractionFlow(slots=4, defer_after=2.0)
    interaction = fake_interaction()
    ticket = flow.ticket(interaction)
    sent: list[str] = []

    def sender(kind: str) -> Any:
        async def send() -> None:
            await asyncio.sleep(0.01)
            sent.append(kind)
            interaction.response.done = True

        return send

    results = await asyncio.gather(
        ticket.first_response(sender("deferral"), deferral=True),
        ticket.first_response(sender("answer"), deferral=False),
    )
    assert sent == ["deferral"] and list(results) == [True, False]
    assert flow.metrics.deferred == 1 and len(flow.metrics.first_response_ms) == 1


async def test_drain_waits_for_work_in_flight_and_names_what_did_not_finish() -> None:
    flow = InteractionFlow(slots=4, defer_after=2.0)
    finished: list[str] = []

    async def work(seconds: float, name: str) -> None:
        await asyncio.sleep(seconds)
        finished.append(name)

    flow.spawn(work(0.01, "quick"), "interaction 1 (/club)")
    flow.spawn(work(30, "stuck"), "interaction 2 (/bracket)")
    flow.close()
    assert flow.admit(fake_interaction()) is None  # refused while shutting down
    unfinished = await flow.drain(grace=0.2)
    assert finished == ["quick"]
    assert unfinished == ["interaction 2 (/bracket)"]
    assert flow.metrics.refused == 1 and flow.in_flight == 0


def test_an_expired_autocomplete_is_one_warning_not_a_traceback() -> None:
    """discord.py's own log line when Discord refuses an autocomplete answer (10062)."""
    try:
        raise http_error(404, 10062)
    except discord.HTTPException:
        record = logging.getLogger("discord.app_commands.tree").makeRecord(
            "discord.app_commands.tree",
            logging.ERROR,
            __file__,
            1,
            "Ignoring exception in autocomplete for %r (Guild: %s, User: %s)",
            ("result", 1, 2),
            sys.exc_info(),
        )
    assert QuietExpiry().filter(record)
    assert record.levelname == "WARNING" and record.exc_info is None
    assert record.getMessage() == (
        "interaction expired: autocomplete refused: 404 (10062) for 'result'"
    )


def test_other_autocomplete_errors_keep_their_traceback() -> None:
    try:
        raise KeyError("bug")
    except KeyError:
        record = logging.makeLogRecord({"msg": "Ignoring", "exc_info": sys.exc_info()})
    assert QuietExpiry().filter(record)
    assert record.exc_info is not None
