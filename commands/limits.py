"""Discord's message limits, and helpers that keep replies inside them."""

from __future__ import annotations

from collections.abc import Iterable

from commands.reply import Button, Embed, EmbedField, Reply, Select

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


def violations(reply: Reply) -> list[str]:
    """Every Discord limit the reply breaks; empty when it can be sent as is."""
    found: list[str] = []
    if reply.content is not None and not 0 < len(reply.content) <= CONTENT:
        found.append(f"content length {len(reply.content)}")
    if not reply.content and not reply.embeds and not reply.files:
        found.append("empty message")
    if len(reply.embeds) > EMBEDS_PER_MESSAGE:
        found.append(f"{len(reply.embeds)} embeds")
    total = 0
    for n, embed in enumerate(reply.embeds):
        found += [f"embed {n}: {problem}" for problem in _embed_violations(embed)]
        total += embed.text_length()
    if total > EMBEDS_TOTAL:
        found.append(f"embeds total {total} characters")
    return found + _component_violations(reply)


def _component_violations(reply: Reply) -> list[str]:
    found: list[str] = []
    if len(reply.components) > ACTION_ROWS:
        found.append(f"{len(reply.components)} action rows")
    ids: list[str] = []
    for n, row in enumerate(reply.components):
        selects = [item for item in row if isinstance(item, Select)]
        if not row or (selects and len(row) > 1) or len(row) > BUTTONS_PER_ROW:
            found.append(f"row {n}: {len(row)} items, {len(selects)} of them menus")
        for item in row:
            ids.append(item.custom_id)
            if not 0 < len(item.custom_id) <= CUSTOM_ID:
                found.append(f"custom_id length {len(item.custom_id)}")
            if isinstance(item, Button) and not 0 < len(item.label) <= LABEL:
                found.append(f"button label length {len(item.label)}")
        for select in selects:
            if not 0 < len(select.options) <= SELECT_OPTIONS:
                found.append(f"{len(select.options)} menu options")
            if select.placeholder is not None and len(select.placeholder) > PLACEHOLDER:
                found.append(f"placeholder length {len(select.placeholder)}")
            for option in select.options:
                if not 0 < len(option.label) <= LABEL:
                    found.append(f"menu option label length {len(option.label)}")
                if not 0 < len(option.value) <= SELECT_OPTION_TEXT:
                    found.append(f"menu option value length {len(option.value)}")
            if len({option.value for option in select.options}) < len(select.options):
                found.append("menu option values repeated")
    if len(set(ids)) < len(ids):
        found.append("custom_id repeated")
    return found


def _embed_violations(embed: Embed) -> list[str]:
    found: list[str] = []
    if embed.title is not None and not 0 < len(embed.title) <= TITLE:
        found.append(f"title length {len(embed.title)}")
    if embed.description is not None and not 0 < len(embed.description) <= DESCRIPTION:
        found.append(f"description length {len(embed.description)}")
    if len(embed.fields) > FIELDS:
        found.append(f"{len(embed.fields)} fields")
    for field in embed.fields:
        if not 0 < len(field.name.strip()) <= FIELD_NAME:
            found.append(f"field name length {len(field.name)}")
        if not 0 < len(field.value.strip()) <= FIELD_VALUE:
            found.append(f"field {field.name!r} value length {len(field.value)}")
    if embed.footer is not None and not 0 < len(embed.footer) <= FOOTER:
        found.append(f"footer length {len(embed.footer)}")
    if not (embed.title or embed.description or embed.fields or embed.image):
        found.append("empty embed")
    for block in _code_blocks(embed):
        wide = max((len(line) for line in block.splitlines()), default=0)
        if wide > TABLE_WIDTH:
            found.append(f"table {wide} characters wide")
    return found


def _code_blocks(embed: Embed) -> list[str]:
    texts = [embed.description or "", *(field.value for field in embed.fields)]
    blocks = []
    for text in texts:
        parts = text.split("```")
        blocks += [part.removeprefix("text\n") for part in parts[1::2]]
    return blocks
