"""A `Reply` in the form discord.py sends it: the keyword arguments of a message, new or edited.

Nothing is registered per message: every view is stopped before it goes, so discord.py's view
store stays empty and every click reaches the bot's one dispatcher (bot/components.py), which
reads what to do from the component's id alone.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

import discord

from commands.reply import Button, Reply, Row


def static_view(rows: Iterable[Row]) -> discord.ui.View:
    """discord.py's form of our components, for sending only: stopped, so that discord.py
    keeps no view in memory and the click reaches the bot's dispatcher."""
    view = discord.ui.View(timeout=None)
    for number, row in enumerate(rows):
        for item in row:
            if isinstance(item, Button):
                view.add_item(
                    discord.ui.Button(
                        style=discord.ButtonStyle(int(item.style)),
                        label=item.label,
                        custom_id=item.custom_id,
                        disabled=item.disabled,
                        row=number,
                    )
                )
            else:
                options = [
                    discord.SelectOption(label=o.label, value=o.value, default=o.default)
                    for o in item.options
                ]
                view.add_item(
                    discord.ui.Select(
                        custom_id=item.custom_id,
                        placeholder=item.placeholder,
                        options=options,
                        row=number,
                    )
                )
    view.stop()
    return view


def discord_message(reply: Reply) -> dict[str, Any]:
    """The keyword arguments discord.py needs to send a `Reply` as a new message."""
    message: dict[str, Any] = {
        "embeds": [discord.Embed.from_dict(embed.to_dict()) for embed in reply.embeds],
        "ephemeral": reply.ephemeral,
        "allowed_mentions": discord.AllowedMentions.none(),
    }
    if reply.content is not None:
        message["content"] = reply.content
    if reply.files:
        message["files"] = [
            discord.File(
                io.BytesIO(file.data), filename=file.filename, description=file.description
            )
            for file in reply.files
        ]
    if reply.components:
        message["view"] = static_view(reply.components)
    return message


def edited_message(reply: Reply) -> dict[str, Any]:
    """The keyword arguments discord.py needs to make a message `reply`: its embeds,
    pictures and components all replaced (a clicked message redrawn, or a deferral's
    "thinking…" become the answer)."""
    message = discord_message(reply)
    message.pop("ephemeral")  # a message keeps its visibility
    message["attachments"] = message.pop("files", [])
    message.setdefault("view", None)  # no components: the message's own go
    return message
