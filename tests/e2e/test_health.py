"""`seasonbot health` over two shard processes on one host, one of which dies.

Why: Docker's HEALTHCHECK runs `seasonbot health` in the container. When that container runs
two shard processes, they used to share one heartbeat file, so the live one kept it fresh and
health passed while the fans of the dead one's servers got no answer at all.
"""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import pytest

from tests.e2e.botproc import bot_environment, run_seasonbot, start_shards
from tests.e2e.checks import eventually
from tests.e2e.double import DiscordDouble

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def health(double: DiscordDouble, workdir: Path) -> subprocess.CompletedProcess[str]:
    env = bot_environment(double, workdir / "state", workdir / "knowledge", {})
    return await run_seasonbot(env, "health")


async def test_health_fails_when_one_of_two_shard_processes_is_dead(
    double: DiscordDouble, workdir: Path
) -> None:
    shards = await start_shards(double, workdir, 2)
    try:
        both = await eventually(
            lambda: health(double, workdir),
            lambda done: done.returncode == 0,
            timeout=30.0,
            what="a healthy report from both processes",
        )
        assert both.stdout.count("connected, ") == 2, both.stdout
        assert "shards-0: " in both.stdout and "shards-1: " in both.stdout

        shards[1].process.kill()  # kill -9: no clean shutdown, its heartbeat stays behind
        await asyncio.to_thread(shards[1].process.wait)
        dead = await health(double, workdir)
        assert dead.returncode == 1, dead.stdout
        assert f"shards-1: process {shards[1].process.pid} is not running" in dead.stdout
        assert "shards-0: connected, " in dead.stdout
    finally:
        codes = [await shard.stop() for shard in shards]
    assert codes[0] == 0, shards[0].tail()
    # A clean shutdown takes its heartbeat away; the crashed process's is still there.
    alone = await health(double, workdir)
    assert alone.returncode == 1
    assert "shards-0" not in alone.stdout
    assert f"process {shards[1].process.pid} is not running" in alone.stdout
