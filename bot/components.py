"""Clicks on the bot's buttons and menus, from Discord: what a click asks for.

Nothing is registered per message: discord.py's view store stays empty (every view is
stopped before it goes: bot/messages.py), and every click enters the bot's one pipeline
(bot/pipeline.py) like a command. What to do is read from the component's id alone
(`commands.components`, run by `commands.pipeline.press`), so a click works after a restart,
on any shard and on any replica.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.payload_checks import click_values
from commands.context import Context, Handler
from commands.pipeline import Pressed, press


def command_handlers(tree: app_commands.CommandTree[Any]) -> dict[str, Handler]:
    """The public commands a component may run again, by name (moderator commands, which
    live in the admin guilds only, are not among them)."""
    return {
        command.name: command.extras["handler"]
        for command in tree.walk_commands()
        if isinstance(command, app_commands.Command) and "handler" in command.extras
    }


async def pressed(
    interaction: discord.Interaction[Any],
    ctx: Context,
    handlers: dict[str, Handler],
) -> Pressed:
    """What the click asks for: its message redrawn in place (type 7, or an edit once
    deferred as an update, type 6) and/or a new message."""
    message = interaction.message
    private_message = bool(message is not None and message.flags.ephemeral)
    metadata = message.interaction_metadata if message is not None else None
    # Only the one who ran the command sees an ephemeral message; a public one names its
    # author in the metadata Discord attaches to it.
    owner = private_message or (metadata is not None and metadata.user.id == interaction.user.id)
    custom_id, values = click_values(interaction.data)  # checked at the edge: payload_checks
    return await press(
        ctx,
        handlers,
        custom_id,
        values,
        owner=owner,
        private_message=private_message,
        user=interaction.user.mention,
    )
