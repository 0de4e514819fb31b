"""The Discord client: loads the features; every interaction and mention enters here, and is
answered by the one pipeline (bot/pipeline.py)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from typing import Any, cast

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands as ext

from bot import discord_internals as internals
from bot.components import command_handlers, pressed
from bot.flow import InteractionFlow, InteractionGone, command_name
from bot.moderation import Reloader
from bot.payload_checks import declared_command, option_refusal
from bot.pipeline import (
    answer,
    answer_error,
    interaction_fields,
    interaction_request,
    interaction_tr,
    message_request,
)
from bot.settings import Settings
from commands import declared_commands
from commands.ask.handler import answer_question, reply_locale
from commands.components import PRIVATE
from commands.context import Context, Handler
from commands.errors import NotAllowed, OutdatedCommand, StaleCommand
from commands.i18n import locale_for, translator
from commands.pipeline import Pressed
from commands.pipeline import answer as answer_command
from commands.registration import app_command
from commands.slash import shown_command
from commands.text import unbroken_reply
from commands.translator import CatalogTranslator
from knowledge.store import KnowledgeStore, Snapshot

log = logging.getLogger("seasonbot")


def is_ephemeral_command(interaction: discord.Interaction[Any]) -> bool:
    """Answers only their user sees: commands marked `extras={"ephemeral": True}`, and any
    command asked with `private:True`. A deferral fixes the visibility, so it must know.

    The command is looked up by name, not through `interaction.command`: that parses every
    option, again, before the command runs (and deferrals come in thousands in a burst)."""
    data: Any = interaction.data or {}
    command = declared_command(interaction.client.tree, data)
    if command is not None and command.extras.get("ephemeral"):
        return True
    options = data.get("options") if isinstance(data, dict) else None
    if not isinstance(options, list):
        return False  # not options at all: refused once the command's turn comes
    return any(
        isinstance(option, dict) and option.get("name") == PRIVATE and option.get("value") is True
        for option in options
    )


class SeasonTree(internals.TreeEntry["SeasonBot"]):
    def received(self, interaction: discord.Interaction[SeasonBot]) -> asyncio.Task[None] | None:
        """Every command and autocomplete enters the bot's flow, straight from the gateway
        frame (see `SeasonBot.received`)."""
        return self.client.received(interaction)

    async def interaction_check(self, interaction: discord.Interaction[SeasonBot], /) -> bool:
        """Every command and autocomplete is checked against the command it names before
        discord.py reads its options (bot/payload_checks.py); one that does not fit is
        refused here: a command with a friendly error, an autocomplete with no choices."""
        data = interaction.data
        command = declared_command(self, data)
        if command is None or not isinstance(data, dict):
            return True  # discord.py finds no command either: answered as a stale one
        autocomplete = interaction.type is discord.InteractionType.autocomplete
        tr = interaction_tr(interaction)
        refusal = option_refusal(command, data, autocomplete=autocomplete, tr=tr)
        if refusal is None:
            return True
        if not autocomplete:
            await self.answer_error(interaction, refusal)
            return False
        log.info(
            "refused an autocomplete: %s",
            type(refusal).__name__,
            extra=interaction_fields(interaction),
        )
        ticket = self.client.flow.ticket(interaction)
        with contextlib.suppress(InteractionGone), ticket.unless_gone("autocomplete refused"):
            await interaction.response.autocomplete([])
        return False

    async def on_error(
        self, interaction: discord.Interaction[SeasonBot], error: app_commands.AppCommandError
    ) -> None:
        """discord.py's errors as ours: what was raised inside a command, a failed check,
        and a command or signature Discord has not finished updating."""
        original: BaseException = error
        if isinstance(error, app_commands.CommandInvokeError):
            original = error.original
        elif isinstance(error, app_commands.CheckFailure):
            original = NotAllowed()
        elif isinstance(error, app_commands.CommandNotFound):
            original = StaleCommand(name=error.name)
        elif isinstance(
            error, app_commands.CommandSignatureMismatch | app_commands.TransformerError
        ):
            # What the checks at the edge let through (interaction_check): the same refusal.
            name = command_name(interaction) or "?"
            original = OutdatedCommand(command=shown_command(interaction_tr(interaction), name))
        await self.answer_error(interaction, original)

    async def answer_error(
        self, interaction: discord.Interaction[SeasonBot], original: BaseException
    ) -> None:
        """An error of the tree's, answered by the bot's one error path (bot/pipeline.py)."""
        await answer_error(interaction_request(self.client.flow, interaction), original)


class SeasonBot(internals.EventEntry, ext.Bot):
    """The bot. Built with its settings and store; `seasonbot run` starts it."""

    def __init__(self, store: KnowledgeStore, settings: Settings, **options: Any) -> None:
        # The bot never joins voice channels; discord.py's warning about missing voice
        # libraries would only worry operators.
        internals.silence_voice_warnings()
        # Slash commands need no intents at all; guild and DM messages are for mentions and
        # DMs (answered as /ask). Message content is privileged, and not needed: Discord
        # sends the content of messages that mention the bot, and of DMs, regardless.
        intents = discord.Intents.none()
        intents.guilds = True
        intents.guild_messages = True
        intents.dm_messages = True
        super().__init__(
            command_prefix=ext.when_mentioned,
            intents=intents,
            tree_cls=SeasonTree,
            help_command=None,
            **options,
        )
        self.store = store
        self.settings = settings
        self.reloader = Reloader(store, settings.backups)
        self.moderator_commands: list[app_commands.Command[Any, ..., Any]] = []
        self.auto_sync = True
        """Sync changed command definitions at start-up (`seasonbot sync` syncs by hand)."""
        self.command_sync: asyncio.Task[None] | None = None
        """That start-up sync, running beside the gateway connection."""
        self.flow = InteractionFlow(
            slots=settings.max_in_flight,
            defer_after=settings.defer_after,
            is_ephemeral=is_ephemeral_command,
        )
        """Admission, deadlines and metrics for every interaction (bot/flow.py)."""

    async def login(self, token: str) -> None:
        # discord.py's default connector has no connection limit: under a burst it opens a
        # TCP connection per request in flight (thousands). A bounded pool reuses kept-alive
        # connections, and the flow's slots keep the requests in flight near that bound.
        connector = aiohttp.TCPConnector(limit=2 * self.settings.max_in_flight)
        internals.use_connector(self, connector)
        await super().login(token)

    @property
    def knowledge(self) -> Snapshot:
        return self.store.current

    @property
    def admin_guilds(self) -> list[discord.Object]:
        return [discord.Object(id=guild) for guild in self.settings.admin_guilds]

    async def setup_hook(self) -> None:
        await self.tree.set_translator(CatalogTranslator())
        await self.load_features()
        if self.auto_sync:
            from bot.sync import sync_in_background

            # Not awaited: the gateway connects meanwhile. A sync may wait out a long 429
            # (discord.py sleeps for its retry_after), and fans must not wait with it; the
            # commands Discord already has are answered in the meantime.
            self.command_sync = asyncio.create_task(sync_in_background(self))

    async def close(self) -> None:
        if self.command_sync is not None:
            self.command_sync.cancel()
        await super().close()

    async def load_features(self) -> None:
        """Every declared command into the tree: a moderator command into the admin guilds."""
        for declared in declared_commands():
            command = app_command(declared)
            if declared.moderator:
                self.add_moderator_command(command)
            else:
                self.tree.add_command(command)

    def context_for(self, interaction: discord.Interaction[Any]) -> Context:
        async def defer() -> None:
            await self.defer(interaction)

        return Context(
            self.knowledge,
            interaction_tr(interaction),
            user_id=interaction.user.id,
            moderation=self.reloader,
            defer=defer,
        )

    def add_moderator_command(self, command: app_commands.Command[Any, ..., Any]) -> None:
        """Moderator commands go to the admin guilds only, never globally."""
        self.moderator_commands.append(command)
        for guild in self.admin_guilds:
            self.tree.add_command(command, guild=guild)

    def is_moderator(self, interaction: discord.Interaction[Any]) -> bool:
        """The runtime check behind /reload (Discord's default_permissions only hide it)."""
        settings = self.settings
        if interaction.guild_id not in settings.admin_guilds:
            return False
        user = interaction.user
        if user.id in settings.moderators:
            return True
        roles = {role.id for role in getattr(user, "roles", ())}
        if roles & set(settings.moderator_roles):
            return True
        if settings.moderators or settings.moderator_roles:
            return False
        permissions = interaction.permissions
        return permissions.manage_guild or permissions.administrator

    async def defer(self, interaction: discord.Interaction[Any]) -> None:
        """Acknowledge now, before slow work (see `Ticket.defer`)."""
        await self.flow.ticket(interaction).defer()

    def received(self, interaction: discord.Interaction[Any]) -> asyncio.Task[None] | None:
        """Every interaction enters here, straight from its gateway frame: commands and
        autocomplete from the tree, clicks from the events (bot/discord_internals.py).

        discord.py would start a task per interaction at once; under a burst they would all
        share the loop and finish late together. Instead each goes through the bot's flow:
        its age is taken now, it waits its turn for a slot, and it is deferred if its turn
        comes too late (bot/flow.py). Returns its task, or None if it was dropped."""
        flow = self.flow
        ticket = flow.admit(interaction)
        if ticket is None:
            return None

        async def run() -> None:
            if ticket.click:
                await self.answer_click(interaction)
                return
            await cast(SeasonTree, self.tree).invoke(interaction)
            if ticket.autocomplete and interaction.response.is_done():
                # discord.py answered it itself, with the command's choices.
                ticket.responded(deferral=False)
                flow.metrics.answered += 1

        return flow.spawn(flow.run(ticket, run), ticket.describe())

    async def answer(
        self, interaction: discord.Interaction[Any], handler: Handler, /, **options: Any
    ) -> None:
        """A command's answer, by the bot's one pipeline (bot/pipeline.py): the handler's
        reply, or its error's. A slow handler is deferred by the flow when it reaches the
        safety margin, so the first response reaches Discord within 3 seconds."""
        command = interaction.command
        name = command.name if command is not None else ""

        async def work() -> Pressed:
            if command is not None and command.extras.get("defer"):
                await self.defer(interaction)  # known to be slow (pictures, a download)
            # The private option, and "did you mean" buttons: `commands.pipeline.answer`.
            context = self.context_for(interaction)
            return Pressed(new=await answer_command(context, name, handler, options))

        await answer(interaction_request(self.flow, interaction), work)

    async def answer_click(self, interaction: discord.Interaction[Any]) -> None:
        """A click on a button or a menu, by the same pipeline as a command."""

        async def work() -> Pressed:
            handlers = command_handlers(self.tree)
            return await pressed(interaction, self.context_for(interaction), handlers)

        await answer(interaction_request(self.flow, interaction), work)

    async def on_message(self, message: discord.Message) -> None:
        """A message that mentions the bot, or a DM, is a question: answered like /ask, by
        the same pipeline as a command.

        This replaces ext.Bot's prefix-command processing: the bot has no text commands.
        """
        me = self.user
        if me is None or message.author.bot or message.author.id == me.id:
            return
        if message.guild is not None and me not in message.mentions:
            return
        question = re.sub(rf"<@!?{me.id}>", " ", message.content).strip()
        guild_locale = message.guild.preferred_locale.value if message.guild else None
        tr = translator(reply_locale(question, locale_for(guild_locale)))
        context = Context(self.knowledge, tr, user_id=message.author.id)

        async def work() -> Pressed:
            # Held together as /ask holds its answers (a score never splits on a phone).
            return Pressed(new=unbroken_reply(await answer_question(context, question)))

        await answer(message_request(self.flow.metrics, message, tr), work)


class ShardedSeasonBot(SeasonBot, ext.AutoShardedBot):
    """The same bot over several shards (for more than 2,500 servers), possibly a subset of
    them per process: `SEASONBOT_SHARD_COUNT` and `SEASONBOT_SHARD_IDS`."""


def make_bot(store: KnowledgeStore, settings: Settings) -> SeasonBot:
    if settings.shard_count is None and not settings.shard_ids:
        return SeasonBot(store, settings)
    options: dict[str, Any] = {}
    if settings.shard_count is not None:
        options["shard_count"] = settings.shard_count
    if settings.shard_ids:
        options["shard_ids"] = list(settings.shard_ids)
    return ShardedSeasonBot(store, settings, **options)
