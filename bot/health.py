"""A heartbeat file for container health checks (`seasonbot health`, Docker's HEALTHCHECK).

A gateway bot serves no HTTP port to probe, so the running bot writes its state to a small
file every few seconds and `seasonbot health` reads it: healthy means connected and fresh.
The file also carries the interaction counters (answered, deferred, expired, failed, and the
first-response latency), so an operator sees at a glance whether fans are being lost.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.client import SeasonBot

INTERVAL_S = 15.0
STALE_AFTER_S = 90.0


def heartbeat_file(state_dir: Path) -> Path:
    """One file per host: containers that share the state volume (for the command-sync hash)
    each have their own hostname, and the health check runs in the container it checks."""
    host = "".join(c if c.isalnum() or c in "-_." else "_" for c in socket.gethostname())
    return state_dir / f"heartbeat-{host or 'local'}.json"


async def beat(bot: SeasonBot, path: Path, interval: float = INTERVAL_S) -> None:
    """Write the bot's state every `interval` seconds until cancelled."""
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        state = {
            "time": time.time(),
            "ready": bot.is_ready() and not bot.is_closed(),
            "latency_ms": round(bot.latency * 1000, 1) if bot.latency == bot.latency else None,
            "guilds": len(bot.guilds),
            "digest": bot.knowledge.digest[:12],
            "interactions": bot.flow.summary(),
        }
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(state), encoding="utf-8")
        temporary.replace(path)
        await asyncio.sleep(interval)


def check_health(path: Path, now: float | None = None) -> tuple[bool, str]:
    """(healthy, why) from the heartbeat file."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False, f"no heartbeat at {path}"
    age = (now or time.time()) - float(state.get("time", 0))
    if age > STALE_AFTER_S:
        return False, f"heartbeat is {age:.0f} s old"
    if not state.get("ready"):
        return False, "not connected to Discord"
    why = f"connected, {state.get('guilds', 0)} servers, data {state.get('digest')}"
    counts = state.get("interactions")
    if isinstance(counts, dict):
        why += "\n" + describe_metrics(counts)
    return True, why


def describe_metrics(counts: dict[str, object]) -> str:
    """`interactions: 120 answered, 14 deferred, 0 expired, 0 failed; first response ...`"""
    return (
        f"interactions: {counts.get('answered', 0)} answered, {counts.get('deferred', 0)} "
        f"deferred, {counts.get('expired', 0)} expired, {counts.get('failed', 0)} failed; "
        f"first response p50 {counts.get('first_response_p50_ms')} ms, "
        f"p99 {counts.get('first_response_p99_ms')} ms"
    )
