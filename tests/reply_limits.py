"""Every Discord limit a reply breaks: the handler tests' check of each `Reply` they build.

The limits themselves are `commands/limits.py`'s, which the handlers keep to; this is the
tests' side of them. (On the wire, the e2e double refuses what Discord refuses.)
"""

from __future__ import annotations

from commands.limits import (
    ACTION_ROWS,
    BUTTONS_PER_ROW,
    CONTENT,
    CUSTOM_ID,
    DESCRIPTION,
    EMBEDS_PER_MESSAGE,
    EMBEDS_TOTAL,
    FIELD_NAME,
    FIELD_VALUE,
    FIELDS,
    FOOTER,
    LABEL,
    PLACEHOLDER,
    SELECT_OPTION_TEXT,
    SELECT_OPTIONS,
    TABLE_WIDTH,
    TITLE,
)
from commands.reply import Button, Embed, Reply, Select


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
