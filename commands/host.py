"""What command modules need from the running bot, as a protocol (commands never import bot).

A slash command's callback is a thin adapter: it hands its options to `Host.answer`, which
builds the `Context`, calls the feature's handler and sends the `Reply`. The console calls the
same handlers with the same options, so both transports answer identically.

discord is named for the type checker only: the console imports the command modules, and
never discord.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast

from commands.context import Handler
from knowledge.store import Snapshot

if TYPE_CHECKING:
    import discord


class Host(Protocol):
    @property
    def knowledge(self) -> Snapshot: ...

    async def answer(
        self, interaction: discord.Interaction[Any], handler: Handler, /, **options: Any
    ) -> None: ...

    async def defer(self, interaction: discord.Interaction[Any]) -> None:
        """Acknowledge now, before slow work, as the bot's flow does at its margin."""

    def is_moderator(self, interaction: discord.Interaction[Any]) -> bool: ...


def host_of(interaction: discord.Interaction[Any]) -> Host:
    return cast(Host, interaction.client)
