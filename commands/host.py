"""What command modules need from the running bot, as a protocol (commands never import bot).

A slash command's callback is a thin adapter: it hands its options to `Host.answer`, which
builds the `Context`, calls the feature's handler and sends the `Reply`. The console calls the
same handlers with the same options, so both transports answer identically.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar, cast

import discord
from discord import app_commands

from commands.context import Handler
from commands.i18n import command_text
from knowledge.store import Snapshot

T = TypeVar("T")


class Host(Protocol):
    @property
    def knowledge(self) -> Snapshot: ...

    async def answer(
        self, interaction: discord.Interaction[Any], handler: Handler, /, **options: Any
    ) -> None: ...

    def is_moderator(self, interaction: discord.Interaction[Any]) -> bool: ...

    def add_moderator_command(self, command: app_commands.Command[Any, ..., Any]) -> None:
        """Register a command in the admin guilds only."""


def host_of(interaction: discord.Interaction[Any]) -> Host:
    return cast(Host, interaction.client)


async def club_autocomplete(
    interaction: discord.Interaction[Any], current: str
) -> list[app_commands.Choice[str]]:
    """Clubs for a partly typed name, best first (at most 25, each within 100 characters)."""
    choices = host_of(interaction).knowledge.clubs.complete(current)
    return [app_commands.Choice(name=choice.label, value=choice.value) for choice in choices]


async def tournament_autocomplete(
    interaction: discord.Interaction[Any], current: str
) -> list[app_commands.Choice[str]]:
    choices = host_of(interaction).knowledge.tournaments.complete(current)
    return [app_commands.Choice(name=choice.label, value=choice.value) for choice in choices]


def private_option(command: T) -> T:
    """The `private` option (`privado`) every public command declares: an ephemeral answer
    with a button to share it (`commands.components`)."""
    renamed = app_commands.rename(private=command_text("command.options.private.name"))
    described = app_commands.describe(private=command_text("command.options.private.description"))
    return renamed(described(command))
