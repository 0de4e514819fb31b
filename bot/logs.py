"""Logging as structured text or JSON lines, with the interaction's fields on each line.

Handlers pass `extra={"interaction_id": ..., "command": ..., "latency_ms": ...}`; both formats
print those fields. Nothing here ever sees the token: settings hold it as a `SecretStr`.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

FIELDS = ("interaction_id", "command", "user_id", "guild_id", "latency_ms", "outcome", "shard_id")
_STANDARD = set(vars(logging.makeLogRecord({})))


def _extra(record: logging.LogRecord) -> dict[str, Any]:
    return {
        key: value
        for key, value in vars(record).items()
        if key not in _STANDARD and key not in ("message", "asctime") and value is not None
    }


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **_extra(record),
        }
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """`time level logger message key=value ...`: greppable, one event a line."""

    def format(self, record: logging.LogRecord) -> str:
        line = (
            f"{self.formatTime(record, '%Y-%m-%dT%H:%M:%S')} {record.levelname:<7} "
            f"{record.name} {record.getMessage()}"
        )
        pairs = " ".join(f"{key}={value}" for key, value in _extra(record).items())
        if pairs:
            line = f"{line} {pairs}"
        if record.exc_info:
            line = f"{line}\n{self.formatException(record.exc_info)}"
        return line


def configure_logging(level: str, fmt: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # discord.py's own INFO lines (gateway connects, shard ids) are worth keeping; its DEBUG
    # is per-frame noise.
    logging.getLogger("discord").setLevel(max(logging.INFO, logging.getLevelName(level)))
