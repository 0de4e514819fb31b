"""Starting `seasonbot run` when something goes wrong on the way: the bot still comes up.

Why: a start is when an operator changes things (a new admin server id, a reload asked for
while the bot is restarting), and when Discord is strictest (command syncs are rate-limited
hard). None of that may keep the public commands off Discord: an admin guild the bot is not
in is skipped, a long 429 on the sync is waited out beside the gateway, not before it, and a
SIGHUP that comes while the data loads is a reload, done once the bot is up.
"""

from __future__ import annotations

import signal
import textwrap
from pathlib import Path

import pytest

from tests.e2e.botproc import copy_knowledge, start_bot
from tests.e2e.checks import ask, eventually
from tests.e2e.double import ADMIN_GUILD_ID, Answer, DiscordDouble

pytestmark = pytest.mark.asyncio(loop_scope="module")

STRANGER_GUILD_ID = 1_187_000_000_012_582_912
"""A server the application was never invited to: Discord refuses its command sync (403)."""


def scopes(double: DiscordDouble, since: int = 0) -> list[int | None]:
    return [sync.guild_id for sync in double.syncs[since:]]


async def assert_result_answered(double: DiscordDouble) -> None:
    answer = await ask(double, double.slash("result", "Necaxa", "UdeG"))
    assert "UdeG beat Necaxa 2–1 on aggregate in the Apertura 2013 final" in answer.text
    assert "UdeG 1–0 Necaxa" in answer.text and "Necaxa 1–1 UdeG" in answer.text


async def test_an_admin_guild_the_app_is_not_in_is_skipped_and_result_is_answered(
    double: DiscordDouble, workdir: Path
) -> None:
    double.guilds_refusing_commands = {STRANGER_GUILD_ID}
    syncs = len(double.syncs)
    bot = await start_bot(
        double,
        workdir / "stranger",
        env={"SEASONBOT_ADMIN_GUILDS": f"{STRANGER_GUILD_ID},{ADMIN_GUILD_ID}"},
    )
    try:
        await assert_result_answered(double)
        # The other scopes were synced all the same, the stranger's after it too.
        assert scopes(double, syncs) == [None, ADMIN_GUILD_ID]
        warnings = [
            record
            for record in bot.log_records()
            if record["level"] == "WARNING" and str(STRANGER_GUILD_ID) in record["message"]
        ]
        assert len(warnings) == 1, bot.tail()
        assert "50001" in warnings[0]["message"] and "traceback" not in warnings[0]
        assert not any(record["level"] == "ERROR" for record in bot.log_records()), bot.tail()
        assert bot.alive
    finally:
        double.guilds_refusing_commands = set()
        assert await bot.stop() == 0, bot.tail()


async def test_a_long_rate_limit_on_sync_does_not_keep_the_bot_off_the_gateway(
    double: DiscordDouble, workdir: Path
) -> None:
    """A minute's 429 on the first sync: the bot is on the gateway and answering while the
    sync waits, and SIGTERM still ends it cleanly, sync and all."""
    double.rate_limit_syncs(1, retry_after=60.0)
    syncs = len(double.syncs)
    bot = await start_bot(double, workdir / "limited", synced=False)
    try:
        await assert_result_answered(double)
        await bot.wait_for_log(lambda record: "rate limited" in record["message"])
        assert scopes(double, syncs) == [], "the sync did not wait out its 429"
    finally:
        double.rate_limit_syncs(0, retry_after=0)
        assert await bot.stop() == 0, bot.tail()


async def test_commands_are_synced_once_a_rate_limit_is_over(
    double: DiscordDouble, workdir: Path
) -> None:
    double.rate_limit_syncs(1, retry_after=0.5)
    syncs = len(double.syncs)
    bot = await start_bot(double, workdir / "waited")
    try:
        finished = await bot.wait_synced()
        assert finished["message"] == "command sync finished", bot.tail()
        assert scopes(double, syncs) == [None, ADMIN_GUILD_ID]
        await assert_result_answered(double)
    finally:
        assert await bot.stop() == 0, bot.tail()


HANG_UP_WHILE_LOADING = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path

    from knowledge import store

    load = store.KnowledgeStore.__init__

    def load_then_hang_up(self, *args, **kwargs):
        load(self, *args, **kwargs)
        # The operator corrects the data and asks for a reload while the bot is starting.
        season = Path(os.environ["SEASONBOT_KNOWLEDGE"]) / "2013-14.yaml"
        text = season.read_text(encoding="utf-8")
        season.write_text(text.replace("capacity: 55020", "capacity: 55999"), encoding="utf-8")
        os.kill(os.getpid(), signal.SIGHUP)

    store.KnowledgeStore.__init__ = load_then_hang_up
    from bot.cli import main

    sys.exit(main(["run"]))
    """
)


async def test_a_sighup_while_starting_is_a_reload_once_up(
    double: DiscordDouble, workdir: Path
) -> None:
    """SIGHUP's default action ends a process; until the bot's loop takes it over, it used to
    end the bot. With the watcher off, only that SIGHUP's reload can serve the correction."""
    knowledge = copy_knowledge(workdir / "hup-knowledge")
    bot = await start_bot(
        double,
        workdir / "hup",
        knowledge=knowledge,
        env={"SEASONBOT_WATCH": "off"},
        command=("-c", HANG_UP_WHILE_LOADING),
    )
    try:

        def corrected(answer: Answer) -> bool:
            return "55,999" in answer.text

        await eventually(
            lambda: ask(double, double.slash("stadiums")),
            corrected,
            timeout=10.0,
            what="the capacity corrected before the SIGHUP",
        )
        assert bot.process.returncode is None
    finally:
        code = await bot.stop()
    assert code == 0, f"exit {code} (-{int(signal.SIGHUP)} is SIGHUP):\n{bot.tail()}"
