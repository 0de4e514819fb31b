"""SIGTERM in the middle of a burst: every interaction still gets its final answer.

Why: Docker and systemd stop a bot with SIGTERM on every deploy. With answers in flight (a
deferred /bracket whose picture is still being drawn, commands still queued), closing at
once lost each of those follow-ups without a line in the log, and their fans saw "thinking…"
forever. The bot must stop taking new interactions, finish those it has within the grace
period, and only then close the gateway with code 1000.
"""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path

import pytest

from tests.e2e.botproc import start_bot
from tests.e2e.double import FAN_GUILD_ID, DiscordDouble
from tests.e2e.workload import burst_interactions

pytestmark = pytest.mark.asyncio(loop_scope="module")

LOCALES = ("en-US", "es-ES", "es-419")
PLAYOFF_CLUBS = ("Necaxa", "UdeG", "Tecos")


def cold_pictures(double: DiscordDouble) -> list[dict[str, object]]:
    """A picture each that nobody asked for yet (one per tournament, club and language):
    drawing them takes seconds, so answers are certainly in flight when SIGTERM comes."""
    brackets = [
        double.slash("bracket", tournament, locale=locale)
        for tournament, locale in itertools.product(("Apertura", "Clausura"), LOCALES)
    ]
    paths = [
        double.slash("path", club, locale=locale, guild_id=FAN_GUILD_ID)
        for club, locale in itertools.product(PLAYOFF_CLUBS, LOCALES)
    ]
    return brackets + paths


async def test_sigterm_mid_burst_loses_no_answer(double: DiscordDouble, workdir: Path) -> None:
    bot = await start_bot(
        double, workdir / "draining", name="draining", env={"SEASONBOT_SHUTDOWN_GRACE": "60"}
    )
    connection = double.session_for().connection
    assert connection is not None
    payloads = cold_pictures(double) + burst_interactions(double, 40)
    callbacks = await asyncio.gather(*(double.interact(payload) for payload in payloads))
    deferred = [callback.token for callback in callbacks if callback.type == 5]
    unanswered = [token for token in deferred if not double.webhook_messages.get(token)]
    assert unanswered, "every answer was already in: SIGTERM would not be mid-burst"

    stopping = asyncio.ensure_future(bot.stop(timeout=90))
    follow_ups = await asyncio.gather(*(double.followup(token, timeout=60) for token in deferred))
    code = await stopping

    assert code == 0, bot.tail()
    for token, follow_up in zip(deferred, follow_ups, strict=True):
        assert len(double.webhook_messages[token]) == 1, "answered twice"
        assert follow_up.text, f"an empty follow-up for {token[:16]}"
    for payload in payloads:
        assert len(double.callbacks[str(payload["id"])]) == 1
    assert connection.close_code == 1000, "the gateway session must end, not linger"
    drained = await bot.wait_for_log(lambda r: r["message"] == "interactions in flight finished")
    assert drained["in_flight"] >= len(unanswered) and drained["unfinished"] == 0
    assert "Traceback" not in bot.log_text()
