"""Starting and stopping `seasonbot run`: command sync only on change, clean exits.

Why: Discord rate-limits command syncs hard, and every restart of every process would sync
if the bot did it blindly (README.md, "Running it on Discord": it syncs only what changed).
And operators stop the bot with SIGTERM (Docker, systemd): it must close its gateway session
cleanly and exit 0, or the orchestrator reports a crash on every deploy.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.botproc import REPO, bot_environment, copy_knowledge, run_seasonbot, start_bot
from tests.e2e.checks import ask
from tests.e2e.double import ADMIN_GUILD_ID, FAN_GUILD_ID, DiscordDouble

pytestmark = pytest.mark.asyncio(loop_scope="module")


def scopes(double: DiscordDouble, since: int = 0) -> list[int | None]:
    return [sync.guild_id for sync in double.syncs[since:]]


async def test_sync_only_when_the_definitions_change(double: DiscordDouble, workdir: Path) -> None:
    knowledge = copy_knowledge(workdir / "knowledge")
    state = workdir / "state"

    # First start, empty state: both scopes are pushed.
    first = await start_bot(double, workdir / "first", knowledge=knowledge, state_dir=state)
    session = double.session_for()
    connection = session.connection
    assert connection is not None
    assert scopes(double) == [None, ADMIN_GUILD_ID]
    await ask(double, double.slash("result", "Necaxa", "UdeG"))
    assert await first.stop() == 0, first.tail()
    assert any(r["message"] == "shutting down" for r in first.log_records())
    await double.wait_until(lambda: connection.close_code is not None, 5, "the socket to close")
    assert connection.close_code == 1000, f"closed with {connection.close_code}, not cleanly"
    assert session.invalid

    # Same definitions, same state folder: nothing is pushed, and the bot still answers.
    second = await start_bot(double, workdir / "second", knowledge=knowledge, state_dir=state)
    assert scopes(double, 2) == []
    answer = await ask(double, double.slash("result", "Necaxa", "UdeG"))
    assert "2–1" in answer.text
    assert await second.stop() == 0, second.tail()

    # A new admin guild changes one scope: only that one is pushed.
    third = await start_bot(
        double,
        workdir / "third",
        knowledge=knowledge,
        state_dir=state,
        env={"SEASONBOT_ADMIN_GUILDS": f"{ADMIN_GUILD_ID},{FAN_GUILD_ID}"},
    )
    assert scopes(double, 2) == [FAN_GUILD_ID]
    assert [command["name"] for command in double.syncs[-1].commands] == ["reload"]
    assert await third.stop() == 0, third.tail()


async def test_run_without_a_token_exits_2_naming_the_variable(
    double: DiscordDouble, workdir: Path
) -> None:
    env = bot_environment(double, workdir / "state", workdir / "knowledge", {})
    del env["DISCORD_TOKEN"]
    requests = len(double.requests)
    result = await run_seasonbot(env, "run", timeout=30)
    assert result.returncode == 2
    assert "DISCORD_TOKEN" in result.stderr
    assert len(double.requests) == requests, "without a token it must not call Discord"


async def test_rejected_token_exits_1(double: DiscordDouble, workdir: Path) -> None:
    double.reject_token = True
    try:
        bot = await start_bot(double, workdir / "rejected", wait=False)
        code = await asyncio.wait_for(asyncio.to_thread(bot.process.wait), 20)
    finally:
        double.reject_token = False
    assert code == 1, bot.tail()
    assert "refused the token" in bot.log_text()
    assert "fake-token" not in bot.log_text(), "the token must never be logged"


async def test_seasonbot_sync_pushes_the_scope_asked_for(
    double: DiscordDouble, workdir: Path
) -> None:
    """An operator's sync pushes what was asked, changed or not, and nothing else; it logs
    in over REST only (no gateway session)."""
    env = bot_environment(double, workdir / "sync-state", copy_knowledge(workdir / "sync"), {})

    def sync(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", "sync", *args],
            check=False,
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    before, sessions = len(double.syncs), len(double.sessions)
    # --guild: every command copied to that server, where a tester sees it at once.
    guild = await asyncio.to_thread(sync, "--guild", str(ADMIN_GUILD_ID))
    assert guild.returncode == 0, guild.stderr
    assert scopes(double, before) == [ADMIN_GUILD_ID]
    copied = {command["name"] for command in double.syncs[-1].commands}
    assert {"result", "bracket", "ask", "reload"} <= copied
    assert f"synced {len(copied)} commands to guild {ADMIN_GUILD_ID}" in guild.stdout
    # --clear: the copy taken away; the admin server keeps its own /reload.
    cleared = await asyncio.to_thread(sync, "--guild", str(ADMIN_GUILD_ID), "--clear")
    assert cleared.returncode == 0, cleared.stderr
    assert f"synced 1 commands to guild {ADMIN_GUILD_ID}" in cleared.stdout
    assert [command["name"] for command in double.syncs[-1].commands] == ["reload"]

    everywhere = await asyncio.to_thread(sync)
    assert everywhere.returncode == 0, everywhere.stderr
    assert scopes(double, before + 2) == [None]
    names = {command["name"] for command in double.syncs[-1].commands}
    assert {"result", "bracket", "ask"} <= names and "reload" not in names
    assert len(double.sessions) == sessions, "a sync needs no gateway connection"


async def test_sighup_reloads_from_disk(double: DiscordDouble, workdir: Path) -> None:
    """With the file watcher off, an edit is served only after SIGHUP; a bad edit then is
    refused and the last good data keeps answering."""
    import signal

    knowledge = copy_knowledge(workdir / "hup-knowledge")
    bot = await start_bot(
        double, workdir / "hup", knowledge=knowledge, env={"SEASONBOT_WATCH": "false"}
    )
    season_file = knowledge / "2013-14.yaml"
    good = season_file.read_text(encoding="utf-8")
    try:
        season_file.write_text(good.replace("capacity: 55020", "capacity: 55999"), "utf-8")
        await asyncio.sleep(0.5)
        assert "55,020" in (await ask(double, double.slash("stadiums"))).text
        bot.process.send_signal(signal.SIGHUP)
        for _ in range(50):
            if "55,999" in (await ask(double, double.slash("stadiums"))).text:
                break
            await asyncio.sleep(0.1)
        assert "55,999" in (await ask(double, double.slash("stadiums"))).text

        season_file.write_text(good.replace("score: 0-2", "score: 0-7"), "utf-8")
        bot.process.send_signal(signal.SIGHUP)
        await asyncio.sleep(1.0)
        assert "55,999" in (await ask(double, double.slash("stadiums"))).text
        assert any(r["message"].startswith("reload refused") for r in bot.log_records())
    finally:
        assert await bot.stop() == 0, bot.tail()
