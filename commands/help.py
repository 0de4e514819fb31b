"""/help: every command with a one-line description and an example to copy.

Examples use the command names of the reader's language (the same catalog keys Discord's
translator reads), so a Spanish reader is shown `/llave Apertura`, which is what their client
offers. The list is fixed here rather than read from the command tree: the handler sees only
its context, and a stable order (most asked first, moderators last) reads better anyway.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from commands.context import Context
from commands.host import host_of, private_option
from commands.i18n import Tr, command_text
from commands.reply import Embed, EmbedField, Reply
from knowledge.models import Season

COMMANDS: tuple[str, ...] = (
    "result",
    "bracket",
    "path",
    "relegation",
    "club",
    "stadiums",
    "champions",
    "scorers",
    "season",
    "ask",
    "help",
    "reload",
)
"""Every command, by its English (canonical) name, in the order /help lists them."""
MODERATOR_COMMANDS = frozenset({"reload"})


async def help(ctx: Context) -> Reply:
    return render_help(ctx.season, ctx.tr)


def command_name(tr: Tr, command: str) -> str:
    """The command's name as the reader's client shows it (its canonical name as a fallback)."""
    key = f"command.{command}.name"
    return tr(key) if tr.has(key) else command


def render_help(season: Season, tr: Tr) -> Reply:
    """A field per command: what it answers, then an example ready to copy."""
    fields = []
    for command in COMMANDS:
        name = f"/{command_name(tr, command)}"
        example_key = f"help.commands.{command}.example"
        example = f"{name} {tr(example_key)}" if tr.has(example_key) else name
        heading = name
        if command in MODERATOR_COMMANDS:
            heading = tr("help.moderators_only", command=name)
        value = "\n".join(
            (tr(f"help.commands.{command}.description"), tr("help.example", example=example))
        )
        fields.append(EmbedField(heading, value))
    embed = Embed(
        title=tr("help.title"),
        description=tr("help.intro", season=season.season.name),
        fields=tuple(fields),
        footer=tr("help.footer"),
    )
    return Reply(embeds=(embed,))


@app_commands.command(
    name=command_text("command.help.name"),
    description=command_text("command.help.description"),
    extras={"handler": help},
)
@private_option
async def help_command(
    interaction: discord.Interaction[Any],
    private: bool = False,
) -> None:
    await host_of(interaction).answer(interaction, help, private=private)


async def setup(bot: commands.Bot) -> None:
    bot.tree.add_command(help_command)
