"""Running the bot under test the way operators run it: `python -m bot run` in a subprocess.

Why a subprocess and not an in-process client: it exercises the real entry point (settings
from the environment, logging, signal handling, `configure_endpoints`) and lets a test prove
that SIGTERM shuts the bot down cleanly with exit code 0. The bot's output goes to a file, not
a pipe: a pipe nobody reads fills up after ~64 KB of log lines and would stall the bot.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tests.e2e.double import ADMIN_GUILD_ID, MODERATOR, MODERATOR_ROLE_ID, DiscordDouble

REPO = Path(__file__).resolve().parents[2]
SEASONS = REPO / "knowledge" / "seasons"


def copy_knowledge(target: Path) -> Path:
    """A private copy of the shipped season files: reload tests edit it, never the repo's."""
    target.mkdir(parents=True, exist_ok=True)
    for file in SEASONS.glob("*.yaml"):
        shutil.copy2(file, target / file.name)
    return target


def bot_environment(
    double: DiscordDouble, state_dir: Path, knowledge: Path, extra: Mapping[str, str]
) -> dict[str, str]:
    """The parent's environment without any Discord or seasonbot setting, plus the double's."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DISCORD_", "SEASONBOT_"))
    }
    env.update(double.env())
    env.update(
        SEASONBOT_STATE_DIR=str(state_dir),
        SEASONBOT_KNOWLEDGE=str(knowledge),
        SEASONBOT_ADMIN_GUILDS=str(ADMIN_GUILD_ID),
        SEASONBOT_MODERATORS=str(MODERATOR.id),
        SEASONBOT_MODERATOR_ROLES=str(MODERATOR_ROLE_ID),
        SEASONBOT_LOG_FORMAT="json",
        SEASONBOT_LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


async def run_seasonbot(
    env: Mapping[str, str], *args: str, timeout: float = 60.0
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` to its end (`health`, `run` refused at once), off the loop."""
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", *args],
        cwd=REPO,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


class BotProcess:
    """One `python -m bot run`, its log file, and a clean way to stop it."""

    def __init__(self, name: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
        self.name = name
        self.process = process
        self.log_path = log_path

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def log_records(self) -> list[dict[str, Any]]:
        """The JSON log lines (SEASONBOT_LOG_FORMAT=json); anything else is skipped."""
        records = []
        for line in self.log_text().splitlines():
            if line.startswith("{"):
                with contextlib.suppress(ValueError):
                    records.append(json.loads(line))
        return records

    async def wait_for_log(
        self, accept: Callable[[dict[str, Any]], bool], timeout: float = 5.0
    ) -> dict[str, Any]:
        """The first JSON log record `accept`s. Logging happens after the bot's request has
        reached the double, so a test that has its answer may still be ahead of the log."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            for record in self.log_records():
                if accept(record):
                    return record
            if loop.time() >= deadline:
                raise AssertionError(f"no such log record from {self.name}:\n{self.tail()}")
            await asyncio.sleep(0.02)

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    async def wait_ready(
        self, double: DiscordDouble, shard: int | None = None, *, after: int, timeout: float = 20.0
    ) -> None:
        """Until the bot has identified on the gateway (its commands are loaded by then:
        `setup_hook` runs before the gateway connects). Fails early if it exits."""
        session = asyncio.ensure_future(
            double.wait_for_session(shard, timeout=timeout, after=after)
        )
        try:
            while not session.done():
                if not self.alive:
                    raise AssertionError(
                        f"bot {self.name} exited with {self.process.returncode} before "
                        f"connecting:\n{self.tail()}"
                    )
                await asyncio.wait({session}, timeout=0.05)
            session.result()
        except AssertionError as error:
            raise AssertionError(f"{error}\n--- {self.name} log ---\n{self.tail()}") from None
        finally:
            session.cancel()

    async def wait_synced(self, timeout: float = 20.0) -> dict[str, Any]:
        """Until the start-up command sync, which runs beside the gateway connection, has
        finished or failed (its last log line)."""
        return await self.wait_for_log(
            lambda record: record["message"].startswith(
                ("command sync finished", "command sync failed")
            ),
            timeout,
        )

    async def stop(self, timeout: float = 10.0) -> int:
        """SIGTERM, as Docker and systemd stop it; SIGKILL only if it does not exit in time.
        Returns the exit code (a SIGKILLed process returns a negative one)."""
        if self.alive:
            self.process.send_signal(signal.SIGTERM)
            deadline = asyncio.get_running_loop().time() + timeout
            while self.alive and asyncio.get_running_loop().time() < deadline:
                await asyncio.sleep(0.02)
        if self.alive:
            self.process.kill()
        return await asyncio.to_thread(self.process.wait)


async def start_bot(
    double: DiscordDouble,
    workdir: Path,
    *,
    name: str = "bot",
    knowledge: Path | None = None,
    state_dir: Path | None = None,
    shard: int | None = None,
    env: Mapping[str, str] | None = None,
    wait: bool = True,
    synced: bool = True,
    command: Sequence[str] = ("-m", "bot", "run"),
    executable: str = sys.executable,
    own_session: bool = False,
) -> BotProcess:
    """Start `python -m bot run` (or `EXECUTABLE COMMAND`: `/bin/sh -c SCRIPT` runs a pod's
    entry) against `double` and wait until it is on the gateway and, with `synced`, until
    its start-up command sync is over. With `own_session`, the process is out of the
    terminal's process group, so Ctrl-C at a prompt (`seasonbot dev`) does not stop it."""
    workdir.mkdir(parents=True, exist_ok=True)
    knowledge = knowledge or copy_knowledge(workdir / "knowledge")
    state_dir = state_dir or workdir / "state"
    environment = bot_environment(double, state_dir, knowledge, env or {})
    log_path = workdir / f"{name}.log"
    identifies_before = len(double.identifies)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [executable, *command],
            cwd=REPO,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=own_session,
        )
    bot = BotProcess(name, process, log_path)
    if wait:
        try:
            await bot.wait_ready(double, shard, after=identifies_before)
            if synced:
                await bot.wait_synced()
        except BaseException:
            await bot.stop()
            raise
    return bot


async def start_shards(
    double: DiscordDouble, workdir: Path, count: int, *, env: Mapping[str, str] | None = None
) -> list[BotProcess]:
    """`count` processes, one shard each, started one after the other as one deployment is:
    one knowledge folder (`workdir/knowledge`) and one state folder between them."""
    knowledge = copy_knowledge(workdir / "knowledge")
    bots: list[BotProcess] = []
    try:
        for shard in range(count):
            shard_env = {"SEASONBOT_SHARD_COUNT": str(count), "SEASONBOT_SHARD_IDS": str(shard)}
            bots.append(
                await start_bot(
                    double,
                    workdir / f"shard{shard}",
                    name=f"shard{shard}",
                    knowledge=knowledge,
                    state_dir=workdir / "state",
                    shard=shard,
                    env={**(env or {}), **shard_env},
                )
            )
    except BaseException:
        for bot in bots:
            await bot.stop()
        raise
    return bots
