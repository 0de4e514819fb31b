"""The Discord client: loads the features, answers interactions, turns errors into replies."""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import re
import time
from typing import Any

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands as ext

from bot.flow import InteractionFlow, InteractionGone, command_name, is_gone
from bot.moderation import Reloader
from bot.payload_checks import declared_command, option_refusal
from bot.settings import Settings
from commands import declared_commands
from commands.ask.handler import answer_question, reply_locale
from commands.components import PRIVATE
from commands.context import Context, Handler
from commands.errors import (
    NotAllowed,
    OutdatedCommand,
    StaleCommand,
    is_expected,
    render_error,
)
from commands.i18n import Tr, locale_for, translator
from commands.pipeline import answer as answer_command
from commands.registration import app_command
from commands.reply import Reply
from commands.slash import shown_command
from commands.translator import CatalogTranslator
from knowledge.store import KnowledgeStore, Snapshot

log = logging.getLogger("seasonbot")

# The bot never joins voice channels; discord.py's warning about missing voice libraries
# would only worry operators.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False


def interaction_tr(interaction: discord.Interaction[Any]) -> Tr:
    """The reader's language: the user's locale, then the guild's, then English."""
    guild_locale = interaction.guild_locale.value if interaction.guild_locale else None
    return translator(locale_for(interaction.locale.value, guild_locale))


def discord_message(reply: Reply) -> dict[str, Any]:
    """The keyword arguments discord.py needs to send a `Reply`."""
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
        from bot.components import static_view  # built on this module

        message["view"] = static_view(reply.components)
    return message


async def send_reply(interaction: discord.Interaction[SeasonBot], reply: Reply) -> None:
    """Respond, or follow up if the interaction was already answered or deferred.

    Every path that answers goes through here, so nothing is answered twice: the first
    response is sent under the interaction's ticket, which a deferral at the margin also
    takes. An ephemeral reply after a public deferral is still seen by its asker alone
    (`Ticket.follow_up`). Raises `InteractionGone` if Discord no longer accepts an answer
    (logged there).
    """
    message = discord_message(reply)
    ticket = interaction.client.flow.ticket(interaction)
    sent = await ticket.first_response(
        lambda: interaction.response.send_message(**message), deferral=False
    )
    if not sent:
        await ticket.follow_up(
            lambda: interaction.followup.send(**message), private=reply.ephemeral
        )
    interaction.client.flow.metrics.answered += 1


def interaction_fields(interaction: discord.Interaction[Any]) -> dict[str, Any]:
    """The fields every log line about an interaction carries. The command is its name as
    sent: `interaction.command` would parse the options, which may be what is wrong."""
    return {
        "interaction_id": interaction.id,
        "command": command_name(interaction),
        "user_id": interaction.user.id if interaction.user else None,
        "guild_id": interaction.guild_id,
    }


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


def error_reply(bot: SeasonBot, error: BaseException, tr: Tr, fields: dict[str, Any]) -> Reply:
    """The one path from an error to what the fan reads, for slash commands and for
    questions in messages: a refusal (a domain error) is logged as one line, anything else
    is counted as failed with its traceback in the log; `render_error` words both."""
    if isinstance(error, NotAllowed):
        log.warning("refused a moderator command to a non-moderator", extra=fields)
    elif is_expected(error):
        log.info("refused: %s", type(error).__name__, extra=fields)
    else:
        bot.flow.metrics.failed += 1
        log.error("error answering", exc_info=error, extra=fields)
    return render_error(error, tr)


class SeasonTree(app_commands.CommandTree["SeasonBot"]):
    def _from_interaction(self, interaction: discord.Interaction[SeasonBot]) -> None:
        """Every command and autocomplete enters here, straight from the gateway frame.

        discord.py would start a task per interaction at once; under a burst they would all
        share the loop and finish late together. Instead each goes through the bot's flow:
        its age is taken now, it waits its turn for a slot, and it is deferred if its turn
        comes too late (see bot/flow.py). This overrides discord.py's one entry point for
        application commands (`ConnectionState.parse_interaction_create` calls it)."""
        flow = self.client.flow
        ticket = flow.admit(interaction)
        if ticket is None:
            return

        async def call() -> None:
            try:
                await self._call(interaction)
            except app_commands.AppCommandError as error:
                await self._dispatch_error(interaction, error)
            if ticket.autocomplete and interaction.response.is_done():
                ticket.responded(deferral=False)
                flow.metrics.answered += 1

        flow.spawn(flow.run(ticket, call), ticket.describe())

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
        """The one place errors become replies: domain errors say what to fix; anything
        else gets a generic message, and its traceback goes to the log."""
        ticket = self.client.flow.ticket(interaction)
        if isinstance(original, discord.HTTPException) and is_gone(original):
            ticket.expire(f"Discord answered {original.status} ({original.code})")
        if isinstance(original, InteractionGone) or ticket.gone:
            return  # logged once by the ticket; nobody is left to read an error reply
        fields = interaction_fields(interaction)
        reply = error_reply(self.client, original, interaction_tr(interaction), fields)
        try:
            await send_reply(interaction, reply)
        except InteractionGone:
            pass  # logged once by the ticket
        except discord.HTTPException:
            log.exception("could not send the error reply", extra=fields)


class SeasonBot(ext.Bot):
    """The bot. Built with its settings and store; `seasonbot run` starts it."""

    def __init__(self, store: KnowledgeStore, settings: Settings, **options: Any) -> None:
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
        self.http.connector = aiohttp.TCPConnector(limit=2 * self.settings.max_in_flight)
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

    async def answer(
        self, interaction: discord.Interaction[Any], handler: Handler, /, **options: Any
    ) -> None:
        """Run a handler and send its reply. A slow handler is deferred by the flow when it
        reaches the safety margin, so the first response reaches Discord within 3 seconds."""
        started = time.perf_counter()
        command = interaction.command
        if command is not None and command.extras.get("defer"):
            await self.defer(interaction)  # known to be slow (pictures, a download)
        # Through `commands.pipeline`: the private option, and "did you mean" buttons.
        name = command.name if command is not None else ""
        reply = await answer_command(self.context_for(interaction), name, handler, options)
        await send_reply(interaction, reply)
        log.info(
            "answered",
            extra={
                **interaction_fields(interaction),
                "latency_ms": round((time.perf_counter() - started) * 1000, 2),
            },
        )

    def dispatch(self, event_name: str, /, *args: Any, **kwargs: Any) -> None:
        """discord.py dispatches `socket_event_type` for every gateway frame, and
        `interaction` for every interaction (a task for `on_interaction` each time, though
        commands reach the tree directly). Under a burst that is thousands of no-ops in the
        3 s every interaction has; nothing here listens to the first, and `on_interaction`
        only handles clicks, so neither is dispatched otherwise."""
        if event_name == "socket_event_type":
            return
        if event_name == "interaction" and not (
            args and getattr(args[0], "type", None) is discord.InteractionType.component
        ):
            return
        super().dispatch(event_name, *args, **kwargs)

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        """Clicks on buttons and menus (commands go through the tree)."""
        if interaction.type is discord.InteractionType.component:
            from bot.components import on_component  # built on this module

            await on_component(self, interaction)

    async def on_message(self, message: discord.Message) -> None:
        """A message that mentions the bot, or a DM, is a question: answered like /ask.

        This replaces ext.Bot's prefix-command processing: the bot has no text commands.
        """
        me = self.user
        if me is None or message.author.bot or message.author.id == me.id:
            return
        if message.guild is not None and me not in message.mentions:
            return
        question = re.sub(rf"<@!?{me.id}>", " ", message.content).strip()
        started = time.perf_counter()
        guild_locale = message.guild.preferred_locale.value if message.guild else None
        tr = translator(reply_locale(question, locale_for(guild_locale)))
        context = Context(self.knowledge, tr, user_id=message.author.id)
        fields = {
            "message_id": message.id,
            "user_id": message.author.id,
            "guild_id": message.guild.id if message.guild else None,
            "command": "ask (mention)" if message.guild else "ask (dm)",
        }
        try:
            reply = await answer_question(context, question)
        except Exception as error:
            reply = error_reply(self, error, tr, fields)
        sendable = discord_message(reply)
        sendable.pop("ephemeral")  # messages cannot be ephemeral; replies to a DM are private
        try:
            await message.reply(mention_author=False, **sendable)
        except discord.Forbidden:
            # Mentioned where it may read but not write (an announcements channel): the
            # server's choice, not a fault; there is nobody to tell but the log.
            log.warning("no permission to reply to a message", extra=fields)
            return
        log.info(
            "answered a message",
            extra={**fields, "latency_ms": round((time.perf_counter() - started) * 1000, 2)},
        )


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
