"""Discord's message limits, and helpers that keep replies inside them. (The tests check every
reply against them: `tests/reply_limits.py`.)"""

from __future__ import annotations

from collections.abc import Iterable

from commands.reply import EmbedField

TITLE = 256
DESCRIPTION = 4096
FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
EMBEDS_TOTAL = 6000
EMBEDS_PER_MESSAGE = 10
CONTENT = 2000
# Autocomplete's limits (25 choices, 100 characters each) are `knowledge.resolver`'s
# MAX_CHOICES and MAX_CHOICE_CHARS: the resolver builds the choices, and knowledge never
# imports commands.
TABLE_WIDTH = 34
"""Monospace characters a code block holds on a phone (about 400 px wide): wider lines wrap,
and a marker at the end of a row would land on a line of its own."""
ACTION_ROWS = 5
BUTTONS_PER_ROW = 5
CUSTOM_ID = 100
LABEL = 80
SELECT_OPTIONS = 25
SELECT_OPTION_TEXT = 100
PLACEHOLDER = 150


def truncate(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def chunk_lines(lines: Iterable[str], limit: int = FIELD_VALUE) -> list[str]:
    """Join lines into blocks of at most `limit` characters, never splitting a line."""
    blocks: list[str] = []
    current = ""
    for raw in lines:
        line = truncate(raw, limit)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            blocks.append(current)
            current = line
        else:
            current = candidate
    if current:
        blocks.append(current)
    return blocks


def fields_from_lines(name: str, lines: Iterable[str], continued: str) -> list[EmbedField]:
    """One field, or several (`continued` names the rest) when the lines are too long."""
    return [
        EmbedField(truncate(name if i == 0 else f"{name} ({continued})", FIELD_NAME), block)
        for i, block in enumerate(chunk_lines(lines))
    ]
