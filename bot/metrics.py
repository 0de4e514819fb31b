"""What the interaction flow counts, and how it is reported: `seasonbot health` reads
`InteractionFlow.summary()`, and the log carries a summary line every minute under load."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.flow import InteractionFlow

log = logging.getLogger("seasonbot")

LATENCY_WINDOW = 10_000
"""First-response latencies kept for the percentiles (the most recent ones)."""


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile: an observed value, never an interpolation between two."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass
class Metrics:
    """What `seasonbot health` reports and the minute summary logs."""

    answered: int = 0
    """Got their final answer (directly, or in place of a deferral): commands, clicks, mentions."""
    deferred: int = 0
    """First response was a deferral."""
    expired: int = 0
    """Dropped past the deadline, or Discord said the interaction was gone."""
    failed: int = 0
    """An unexpected error (the user got the generic error reply)."""
    refused: int = 0
    """Arrived while shutting down."""
    first_response_ms: deque[float] = field(default_factory=lambda: deque(maxlen=LATENCY_WINDOW))

    def snapshot(self) -> dict[str, Any]:
        latencies = list(self.first_response_ms)
        return {
            "answered": self.answered,
            "deferred": self.deferred,
            "expired": self.expired,
            "failed": self.failed,
            "refused": self.refused,
            "first_response_p50_ms": round(percentile(latencies, 0.5), 1) if latencies else None,
            "first_response_p99_ms": round(percentile(latencies, 0.99), 1) if latencies else None,
        }


def log_summary(flow: InteractionFlow) -> dict[str, Any]:
    summary = flow.summary()
    log.info(
        "interaction metrics: %(answered)s answered, %(deferred)s deferred, %(expired)s "
        "expired, %(failed)s failed, first response p50 %(first_response_p50_ms)s ms, "
        "p99 %(first_response_p99_ms)s ms",
        summary,
        extra={f"metric_{key}": value for key, value in summary.items()},
    )
    return summary


async def report_every(flow: InteractionFlow, interval: float = 60.0) -> None:
    """A summary log line every `interval` seconds in which anything happened."""
    last: dict[str, Any] = {}
    while True:
        await asyncio.sleep(interval)
        now = flow.summary()
        counts = {key: now[key] for key in ("answered", "deferred", "expired", "failed")}
        if counts != last or now["in_flight"]:
            log_summary(flow)
        last = counts
