"""Clicks on the bot's buttons and menus, from Discord: one dispatcher for every component.

Nothing is registered per message: discord.py's view store stays empty (every view we send
is stopped before it goes), and `SeasonBot.on_interaction` hands each click here. What to
do is read from the component's id alone (`commands.components`), so a click works after a
restart, on any shard and on any replica.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.client import discord_message, interaction_fields, interaction_tr
from bot.payload_checks import click_values
from commands.context import Handler
from commands.errors import is_expected, render_error
from commands.pipeline import Pressed, press
from commands.reply import Button, Reply, Row

if TYPE_CHECKING:
    from bot.client import SeasonBot

log = logging.getLogger("seasonbot")


def static_view(rows: Iterable[Row]) -> discord.ui.View:
    """discord.py's form of our components, for sending only: stopped, so that discord.py
    keeps no view in memory and the click reaches `on_component`."""
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


def edited_message(reply: Reply) -> dict[str, Any]:
    """The keyword arguments discord.py needs to redraw a message as `reply`: its embeds,
    pictures and components all replaced."""
    message = discord_message(reply)
    message.pop("ephemeral")  # a message keeps its visibility
    message["attachments"] = message.pop("files", [])
    message["view"] = static_view(reply.components) if reply.components else None
    return message


def command_handlers(tree: app_commands.CommandTree[Any]) -> dict[str, Handler]:
    """The public commands a component may run again, by name (moderator commands, which
    live in the admin guilds only, are not among them)."""
    return {
        command.name: command.extras["handler"]
        for command in tree.walk_commands()
        if isinstance(command, app_commands.Command) and "handler" in command.extras
    }


async def on_component(bot: SeasonBot, interaction: discord.Interaction[Any]) -> None:
    """Answer a click within Discord's 3 seconds: redraw the message (type 7) and/or post a
    new one; a slow answer is deferred first (type 6). Never "This interaction failed"."""
    started = time.perf_counter()
    data = interaction.data
    custom_id = data.get("custom_id") if isinstance(data, dict) else None
    message = interaction.message
    private_message = bool(message is not None and message.flags.ephemeral)
    metadata = message.interaction_metadata if message is not None else None
    # Only the one who ran the command sees an ephemeral message; a public one names its
    # author in the metadata Discord attaches to it.
    owner = private_message or (metadata is not None and metadata.user.id == interaction.user.id)
    fields = {**interaction_fields(interaction), "custom_id": str(custom_id)[:100]}

    async def defer() -> None:
        """DEFERRED_UPDATE_MESSAGE: the message may yet change (a "thinking" deferral would
        post a new message instead)."""
        if not interaction.response.is_done():
            await interaction.response.defer()

    async def run() -> Pressed:
        custom_id, values = click_values(data)  # checked at the edge: bot/payload_checks.py
        return await press(
            replace(bot.context_for(interaction), defer=defer),
            command_handlers(bot.tree),
            custom_id,
            values,
            owner=owner,
            private_message=private_message,
            user=interaction.user.mention,
        )

    work = asyncio.ensure_future(run())
    # A click is deferred at the same safety margin as a command (the flow's `defer_after`).
    done, _ = await asyncio.wait({work}, timeout=bot.flow.defer_after)
    if not done:
        await defer()
    try:
        pressed = await work
    except Exception as error:
        if is_expected(error):
            log.info("refused a click: %s", type(error).__name__, extra=fields)
        else:
            log.error("error answering a click", exc_info=error, extra=fields)
        pressed = Pressed(new=render_error(error, interaction_tr(interaction)))
    try:
        await deliver(interaction, pressed)
    except discord.HTTPException:
        log.exception("could not answer a click", extra=fields)
        return
    latency = round((time.perf_counter() - started) * 1000, 2)
    log.info("answered a click", extra={**fields, "latency_ms": latency})


async def deliver(interaction: discord.Interaction[Any], pressed: Pressed) -> None:
    response = interaction.response
    if not response.is_done():
        if pressed.update is not None:
            await response.edit_message(**edited_message(pressed.update))
        elif pressed.strip:
            await response.edit_message(view=None)
        elif pressed.new is not None:
            await response.send_message(**discord_message(pressed.new))
            return
    elif pressed.update is not None:
        await interaction.edit_original_response(**edited_message(pressed.update))
    elif pressed.strip:
        await interaction.edit_original_response(view=None)
    if pressed.new is not None:
        await interaction.followup.send(**discord_message(pressed.new))
