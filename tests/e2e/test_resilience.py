"""The gateway and REST going wrong, as they do in production: the bot must keep answering.

Why: a bot that answers every test interaction but dies on the first op 7, dropped socket or
429 is down for real fans within a day. Each test disturbs the connection, then proves the
bot still answers — including interactions Discord dispatched while it was away, which the
double replays on RESUME as Discord does.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from tests.e2e.botproc import BotProcess, start_bot
from tests.e2e.checks import ask
from tests.e2e.double import DiscordDouble, Session

pytestmark = pytest.mark.asyncio(loop_scope="module")

DEADLINE = 3.0
"""Discord's: the first response must arrive within 3 seconds of the interaction."""


async def still_answers(double: DiscordDouble, session: Session | None = None) -> None:
    answer = await ask(double, double.slash("result", "Necaxa", "UdeG"), session=session)
    assert "2–1" in answer.text


async def test_reconnect_request_resumes_and_keeps_answering(
    double: DiscordDouble, bot: BotProcess
) -> None:
    resumes, identifies = len(double.resumes), len(double.identifies)
    await double.request_reconnect()
    # Dispatched while the bot reconnects: delivered when it resumes, within the deadline.
    await still_answers(double)
    await double.wait_for_resume(resumes + 1)
    connection, _ = double.resumes[-1]
    assert connection.path == "/resume-gateway", "RESUME must use READY's resume_gateway_url"
    assert len(double.identifies) == identifies, "resumed, not a new session"
    await still_answers(double)


async def test_hard_socket_close_reconnects_and_keeps_answering(
    double: DiscordDouble, bot: BotProcess
) -> None:
    resumes = len(double.resumes)
    double.drop()
    await still_answers(double)
    await double.wait_for_resume(resumes + 1)
    await still_answers(double)
    assert bot.alive


async def test_rate_limited_callback_is_retried_after_waiting(
    double: DiscordDouble, bot: BotProcess
) -> None:
    double.rate_limit_callbacks(1, retry_after=0.3)
    payload = double.slash("club", "UdeG")
    callback = await double.interact(payload, timeout=DEADLINE)
    interaction = payload["id"]
    assert double.rate_limited == [interaction]
    assert double.callback_attempts[interaction] == 2
    assert len(double.callbacks[interaction]) == 1
    assert callback.received - double.dispatched_at[interaction] >= 0.3, "retried too soon"
    assert callback.type == 4
    assert "55,020" in callback.text
    await bot.wait_for_log(lambda record: "rate limited" in record["message"])


@pytest.mark.parametrize(
    "frame",
    [
        {"op": 42, "d": {"unexpected": True}},
        {"op": 0, "t": "SOMETHING_DISCORD_ADDED_LATER", "s": None, "d": {"x": 1}},
        {"op": 11},
    ],
    ids=["unknown-op", "unknown-event", "stray-heartbeat-ack"],
)
async def test_unexpected_frames_are_survived(
    double: DiscordDouble, bot: BotProcess, frame: dict[str, object]
) -> None:
    await double.send_raw(json.dumps(frame))
    await still_answers(double)
    assert bot.alive


async def answered_or_died(double: DiscordDouble, victim: BotProcess, session: Session) -> str:
    """'answered' or 'died', whichever comes first (a dead bot need not cost the deadline)."""
    answer = asyncio.ensure_future(still_answers(double, session))
    while not answer.done() and victim.alive:
        await asyncio.wait({answer}, timeout=0.05)
    if answer.done():
        answer.result()
        return "answered"
    answer.cancel()
    return "died"


@pytest.mark.parametrize(
    "frame",
    [
        "{this is not json",
        json.dumps({"op": 0, "t": "INTERACTION_CREATE", "s": None, "d": {"id": "1", "type": 2}}),
    ],
    ids=["not-json", "interaction-missing-fields"],
)
async def test_malformed_frame_is_survived(
    double: DiscordDouble, workdir: Path, frame: str
) -> None:
    """Its own bot: the one under test may die, and must not take the module's bot along."""
    name = "victim-" + str(len(double.identifies))
    victim = await start_bot(double, workdir / name, name=name)
    session = double.session_for()
    try:
        await double.send_raw(frame, session=session)
        outcome = await answered_or_died(double, victim, session)
    finally:
        code = await victim.stop()
    assert outcome == "answered", f"the bot died:\n{victim.tail(8)}"
    assert code == 0


async def test_a_ready_with_a_bad_user_id_is_dropped_and_the_bot_keeps_answering(
    double: DiscordDouble, workdir: Path
) -> None:
    """A READY discord.py cannot parse (a user id that is not a number) used to be logged as
    "not JSON" and leave the bot deaf to every interaction."""
    double.ready_overrides = {"user": {**double.bot_user(), "id": "not-a-snowflake"}}
    name = "victim-ready"
    victim = await start_bot(double, workdir / name, name=name)
    session = double.session_for()
    try:
        outcome = await answered_or_died(double, victim, session)
        warning = await victim.wait_for_log(lambda r: "malformed READY" in r["message"])
    finally:
        code = await victim.stop()
    assert outcome == "answered", f"the bot stopped answering:\n{victim.tail(8)}"
    assert "not-a-snowflake" in warning["message"], warning
    assert "traceback" not in warning
    assert not any("not JSON" in r["message"] for r in victim.log_records())
    assert code == 0
