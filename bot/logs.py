"""Logging as structured text or JSON lines, with the interaction's fields on each line.

Handlers pass `extra={"interaction_id": ..., "command": ..., "latency_ms": ...}`; both formats
print those fields. Nothing here ever sees the token: settings hold it as a `SecretStr`.

What a line says about a fan's input (a question, a club name, a file name, an error's text)
comes in through a record's arguments and fields, never through its format string, and both
formats write the control characters in those as escapes: a name holding a line break, a
carriage return or a terminal escape cannot start a line of its own that reads like ours.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from typing import Any

FIELDS = ("interaction_id", "command", "user_id", "guild_id", "latency_ms", "outcome", "shard_id")
_STANDARD = set(vars(logging.makeLogRecord({})))


_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Control characters (C0, DEL, C1), the Unicode line and paragraph separators, and the
bidirectional overrides: what a terminal, `str.splitlines` or a log viewer may take for the
end of a line, obey, or show in another order than written."""


def _escape_character(match: re.Match[str]) -> str:
    code = ord(match.group())
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(match.group())
    return named or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def escape_controls(text: str) -> str:
    """`text` with every control character written as an escape (`\\n`, `\\x1b`, `\\u2028`)."""
    return _UNSAFE.sub(_escape_character, text)


_JSON_UNESCAPED = re.compile("[\x7f-\x9f\u2028\u2029]")


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


class _Escaped:
    """An argument of a log record as `%s` and `%r` show it, its control characters escaped."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __str__(self) -> str:
        return escape_controls(str(self.value))

    def __repr__(self) -> str:
        return escape_controls(repr(self.value))


def _safe(value: object) -> object:
    # Numbers stay numbers, for `%d` and `%.1f`; they hold no characters to escape.
    return value if isinstance(value, int | float) else _Escaped(value)


def safe_message(record: logging.LogRecord) -> str:
    """The record's message with its arguments' control characters escaped (the format
    string is ours, and may break a line on purpose)."""
    args = record.args
    if isinstance(args, tuple):
        args = tuple(_safe(arg) for arg in args)
    elif isinstance(args, dict):
        args = {key: _safe(value) for key, value in args.items()}
    message = str(record.msg)
    return message % args if args else message


def _extra(record: logging.LogRecord) -> dict[str, Any]:
    return {
        key: value
        for key, value in vars(record).items()
        if key not in _STANDARD and key not in ("message", "asctime") and value is not None
    }


def _field(value: Any) -> Any:
    """A field for either format: numbers and booleans as they are, anything else as its
    text with its control characters escaped."""
    if value is None or isinstance(value, bool | int | float):
        return value
    return escape_controls(value if isinstance(value, str) else str(value))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": safe_message(record),
            **{key: _field(value) for key, value in _extra(record).items()},
        }
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        # json escapes C0 itself; what it leaves (a traceback's DEL, C1, U+2028) as \\uXXXX.
        return _JSON_UNESCAPED.sub(_json_escape, json.dumps(entry, ensure_ascii=False))


class TextFormatter(logging.Formatter):
    """`time level logger message key=value ...`: greppable, one event a line."""

    def format(self, record: logging.LogRecord) -> str:
        line = (
            f"{self.formatTime(record, '%Y-%m-%dT%H:%M:%S')} {record.levelname:<7} "
            f"{record.name} {safe_message(record)}"
        )
        pairs = " ".join(f"{key}={_field(value)}" for key, value in _extra(record).items())
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
