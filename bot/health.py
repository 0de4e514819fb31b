"""Heartbeat files for container health checks (`seasonbot health`, Docker's HEALTHCHECK).

A gateway bot serves no HTTP port to probe, so each running bot process writes its state to a
small file of its own every few seconds, and at once when it connects, and `seasonbot health`
reads them all: healthy means every process of this host is alive, connected and fresh. The
file also carries the interaction counters (answered, deferred, expired, failed, and the
first-response latency), so an operator sees at a glance whether fans are being lost.

The files live in `heartbeats/<host>/` under the state folder. Per host, because containers
that share the state volume (for the command-sync hash) each have their own hostname and the
health check runs in the container it checks. Per process within it, because one host may
run several shard processes, and one of them dead is the bot partly down. A process's file
is named after the shards it runs rather than its pid, so a restarted process takes over its
predecessor's file instead of leaving a stale one behind; a clean shutdown removes it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.client import SeasonBot

log = logging.getLogger("seasonbot")

INTERVAL_S = 15.0
STALE_AFTER_S = 90.0


def heartbeat_folder(state_dir: Path) -> Path:
    """This host's heartbeats."""
    host = "".join(c if c.isalnum() or c in "-_." else "_" for c in socket.gethostname())
    return state_dir / "heartbeats" / (host.strip(".") or "local")


def process_name(shard_ids: Sequence[int]) -> str:
    """What a process is called in health's report: the shards it runs, or `main`."""
    return "shards-" + "-".join(str(shard) for shard in sorted(shard_ids)) if shard_ids else "main"


def heartbeat_file(state_dir: Path, shard_ids: Sequence[int] = ()) -> Path:
    """The heartbeat of the process that runs `shard_ids` (all of them: `()`) on this host."""
    return heartbeat_folder(state_dir) / f"{process_name(shard_ids)}.json"


def _state(bot: SeasonBot) -> dict[str, Any]:
    return {
        "time": time.time(),
        "pid": os.getpid(),
        "ready": bot.is_ready() and not bot.is_closed(),
        "latency_ms": round(bot.latency * 1000, 1) if bot.latency == bot.latency else None,
        "guilds": len(bot.guilds),
        "digest": bot.knowledge.digest[:12],
        "interactions": bot.flow.summary(),
    }


def _write(path: Path, state: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(state), encoding="utf-8")
    temporary.replace(path)


async def beat(bot: SeasonBot, path: Path, interval: float = INTERVAL_S) -> None:
    """Write the bot's state every `interval` seconds until cancelled, and as soon as it is
    connected: a health check must not read "not connected" for an interval after the bot
    connects (nor an orchestrator hold back traffic for as long)."""
    failing = False
    while True:
        try:
            _write(path, _state(bot))
            failing = False
        except OSError as error:
            if not failing:  # once per run of failures, not every interval
                log.warning("cannot write the heartbeat %s: %s", path, error)
            failing = True
        if bot.is_ready():
            await asyncio.sleep(interval)
        else:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(bot.wait_until_ready(), interval)


def forget_heartbeat(path: Path) -> None:
    """A clean shutdown takes its heartbeat away: the process is gone on purpose."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _is_running(pid: object) -> bool:
    """Whether process `pid` of this host exists (health runs where the bot runs)."""
    if not isinstance(pid, int) or pid <= 0:
        return True  # no pid to check: the heartbeat's age alone decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, as another user
    return True


def _check_one(path: Path, now: float) -> tuple[bool, str]:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        age = now - float(state.get("time", 0))
    except (OSError, ValueError, TypeError, AttributeError):
        return False, "unreadable heartbeat"
    if not _is_running(state.get("pid")):
        return False, f"process {state.get('pid')} is not running"
    if age > STALE_AFTER_S:
        return False, f"heartbeat is {age:.0f} s old"
    if not state.get("ready"):
        return False, "not connected to Discord"
    why = f"connected, {state.get('guilds', 0)} servers, data {state.get('digest')}"
    counts = state.get("interactions")
    if isinstance(counts, dict):
        why += "\n" + describe_metrics(counts)
    return True, why


def check_health(state_dir: Path, now: float | None = None) -> tuple[bool, str]:
    """(healthy, why) from every heartbeat of this host: unhealthy if there is none, or if
    any process's is stale, not connected, or left by a process no longer running."""
    folder = heartbeat_folder(state_dir)
    paths = sorted(folder.glob("*.json"))
    if not paths:
        return False, f"no heartbeat in {folder}"
    now = time.time() if now is None else now
    results = [(path.stem, *_check_one(path, now)) for path in paths]
    if len(results) == 1:
        _, healthy, why = results[0]
        return healthy, why
    lines = [f"{name}: {why}" for name, _, why in results]
    return all(healthy for _, healthy, _ in results), "\n".join(lines)


def describe_metrics(counts: dict[str, object]) -> str:
    """`interactions: 120 answered, 14 deferred, 0 expired, 0 failed; first response ...`"""
    p50, p99 = counts.get("first_response_p50_ms"), counts.get("first_response_p99_ms")
    latency = (
        f"first response p50 {p50} ms, p99 {p99} ms"
        if p50 is not None and p99 is not None
        else "first response: no traffic yet"
    )
    return (
        f"interactions: {counts.get('answered', 0)} answered, {counts.get('deferred', 0)} "
        f"deferred, {counts.get('expired', 0)} expired, {counts.get('failed', 0)} failed; "
        f"{latency}"
    )
