"""The payloads the double sends: READY's guilds, interactions, clicks, fans' messages, and the
message objects it answers the bot's posts with, each shaped like Discord's documented example
(tests/e2e/discord_payloads/) plus what discord.py 2.7 requires."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, cast

from tests import payloads
from tests.e2e.double.model import (
    ADMIN_CHANNEL_ID,
    ADMIN_GUILD_ID,
    FAN,
    MODERATOR_ROLE_ID,
    OTHER_BOT,
    OWNER,
    Answer,
    DoubleState,
    Guild,
    User,
    WebhookMessage,
)
from tests.payloads import (
    APPLICATION_ID,
    EPHEMERAL,
    VIEW_AND_USE,
)

if TYPE_CHECKING:
    from discord.types.interactions import (
        ApplicationCommandInteractionDataOption,
        ChatInputApplicationCommandInteractionData,
        MessageComponentInteractionData,
    )
    from discord.types.message import Attachment


class Payloads(DoubleState):
    """Builds what Discord would send; `slash`, `click` and `fan_message` are the tests' own."""

    snowflake = staticmethod(payloads.snowflake)
    bot_user = staticmethod(payloads.bot_user)

    def guild(self, guild_id: int) -> Guild:
        for guild in self.guilds:
            if guild.id == guild_id:
                return guild
        raise KeyError(guild_id)

    def guild_payload(self, guild: Guild) -> dict[str, Any]:
        """GUILD_CREATE: the @everyone role's id is the guild's; member_count matches."""
        everyone = {
            "id": str(guild.id),
            "name": "@everyone",
            "permissions": str(VIEW_AND_USE),
        }
        moderators = {
            "id": str(MODERATOR_ROLE_ID),
            "name": "moderators",
            "permissions": str(VIEW_AND_USE),
        }
        roles = [
            {
                "color": 0,
                "hoist": False,
                "icon": None,
                "unicode_emoji": None,
                "position": position,
                "managed": False,
                "mentionable": False,
                "flags": 0,
                **role,
            }
            for position, role in enumerate((everyone, moderators))
        ]
        joined = payloads.now_iso()
        bot_member = payloads.member(self.bot_user(), permissions=None, joined=joined)
        members = [bot_member, *(user.member(joined) for user in guild.members)]
        return {
            "id": str(guild.id),
            "name": guild.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": str(OWNER.id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": roles,
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": guild.locale,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "joined_at": joined,
            "large": False,
            "unavailable": False,
            "member_count": len(members),
            "voice_states": [],
            "members": members,
            "channels": [self.channel_payload(guild)],
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    @staticmethod
    def channel_payload(guild: Guild) -> dict[str, Any]:
        return payloads.text_channel(guild.channel_id, guild.id)

    def synced_command(self, name: str, guild_id: int | None) -> dict[str, Any] | None:
        """The latest definition of `name` the bot synced: the guild's first, then global."""
        for scope in (guild_id, None):
            for sync in reversed(self.syncs):
                if sync.guild_id != scope:
                    continue
                for command in sync.commands:
                    if command.get("name") == name:
                        return command
                break  # only the latest sync of a scope counts
        return None

    def interaction(
        self,
        data: Mapping[str, Any],
        *,
        kind: Literal[2, 3, 4] = 2,
        user: User = FAN,
        guild_id: int | None = ADMIN_GUILD_ID,
        locale: str = "en-US",
    ) -> dict[str, Any]:
        """An INTERACTION_CREATE `d` from `user` in `guild_id`'s channel (None: a DM), built by
        `tests.payloads.interaction`. `data` is taken as given (a test may add what Discord
        sends only in some payloads, such as an autocomplete's command `version`)."""
        typed = cast(
            "ChatInputApplicationCommandInteractionData | MessageComponentInteractionData",
            dict(data),
        )
        if guild_id is None:
            return payloads.interaction(
                typed, kind=kind, account=user.payload(), guild_id=None, locale=locale
            )
        guild = self.guild(guild_id)
        return payloads.interaction(
            typed,
            kind=kind,
            account=user.payload(),
            guild_id=guild.id,
            channel=self.channel_payload(guild),
            guild_locale=guild.locale,
            locale=locale,
            roles=user.roles,
            permissions=user.permissions,
        )

    def slash(
        self,
        name: str,
        *args: Any,
        user: User = FAN,
        guild_id: int | None = ADMIN_GUILD_ID,
        locale: str = "en-US",
        focused: str | None = None,
        **named: Any,
    ) -> dict[str, Any]:
        """A slash command (or, with `focused`, its autocomplete) as Discord would send it.

        Options are taken from the definition the bot synced, so the tests need not know
        option names: positional arguments fill the options in declared order (as the console
        does), keywords by name. An attachment option takes an `attachment()` object.
        """
        definition = self.synced_command(name, guild_id)
        declared = [option["name"] for option in (definition or {}).get("options", [])]
        declared_types = {
            option["name"]: option["type"] for option in (definition or {}).get("options", [])
        }
        if len(args) > len(declared):
            raise AssertionError(f"/{name} takes {declared}, got {len(args)} positional values")
        values = dict(zip(declared, args, strict=False))
        values.update(named)
        options: list[ApplicationCommandInteractionDataOption] = []
        resolved: dict[str, Attachment] = {}
        for option_name, value in values.items():
            if value is None:
                continue
            kind = declared_types.get(option_name, 3)
            if kind == 11:
                resolved[str(value["id"])] = value
                options.append(payloads.option(option_name, str(value["id"]), kind=11))
            else:
                options.append(
                    payloads.option(option_name, value, kind=kind, focused=option_name == focused)
                )
        if focused is not None and focused not in values:
            options.append(payloads.option(focused, "", focused=True))
        data = payloads.command_data(
            name,
            options,
            command_id=(definition or {}).get("id"),
            # guild commands are matched by it
            guild_id=(definition or {}).get("guild_id") or None,
            attachments=resolved,
        )
        return self.interaction(
            data, kind=4 if focused is not None else 2, user=user, guild_id=guild_id, locale=locale
        )

    def attachment(self, filename: str, content: bytes) -> dict[str, Any]:
        """An uploaded file: served from this double's CDN route, described as Discord would."""
        attachment_id = self.snowflake()
        self._attachments[attachment_id] = content
        url = f"{self.base_url}/attachments/{attachment_id}/{filename}"
        return {
            "id": attachment_id,
            "filename": filename,
            "size": len(content),
            "url": url,
            "proxy_url": url,
            "content_type": "application/x-yaml; charset=utf-8",
            "ephemeral": True,
        }

    def message_of(self, answer: Answer, interaction: Mapping[str, Any]) -> dict[str, Any]:
        """The message a fan sees for `answer` (to `interaction`), as Discord attaches it to a
        click on one of its components: its embeds, components, flags and, naming who ran the
        command, `interaction_metadata`."""
        data = answer.data
        flags = EPHEMERAL if answer.ephemeral else 0
        message_id = answer.message_id if isinstance(answer, WebhookMessage) else self.snowflake()
        message = self.message_object(answer.token, data, message_id, flags)
        user = interaction.get("member", {}).get("user") or interaction.get("user")
        message["interaction_metadata"] = {
            "id": str(interaction["id"]),
            "type": int(interaction["type"]),
            "user": user,
            "authorizing_integration_owners": interaction.get("authorizing_integration_owners")
            or {},
        }
        return message

    def click(
        self,
        message: Mapping[str, Any],
        custom_id: str,
        values: Sequence[str] = (),
        *,
        user: User = FAN,
        guild_id: int | None = ADMIN_GUILD_ID,
        locale: str = "en-US",
    ) -> dict[str, Any]:
        """A MESSAGE_COMPONENT interaction (type 3): a click on the button `custom_id` of
        `message`, or, with `values`, a choice in its select menu."""
        kinds = {
            item["custom_id"]: item["type"]
            for row in message.get("components") or []
            for item in row.get("components") or []
            if "custom_id" in item
        }
        data = payloads.component_data(custom_id, 3 if kinds.get(custom_id) == 3 else 2, values)
        payload = self.interaction(data, kind=3, user=user, guild_id=guild_id, locale=locale)
        payload["message"] = dict(message)
        return payload

    def message_object(
        self, token: str, data: Mapping[str, Any], message_id: str, flags: int
    ) -> dict[str, Any]:
        """A full message object, as discord.py builds `Message` from it."""
        interaction = self._pending.get(token, {})
        channel = interaction.get("channel_id", str(ADMIN_CHANNEL_ID))
        message = self.bot_message(channel, data, message_id, flags, kind=20)
        message.update(
            guild_id=interaction.get("guild_id"),
            webhook_id=str(APPLICATION_ID),
            application_id=str(APPLICATION_ID),
        )
        return message

    def bot_message(
        self, channel_id: str, data: Mapping[str, Any], message_id: str, flags: int, kind: int
    ) -> dict[str, Any]:
        """A message the bot posted, with `data`'s content and embeds."""
        return payloads.bot_message(channel_id, data, message_id, flags, kind)

    def dm_channel_id(self, user: User) -> int:
        """The DM channel between `user` and the bot: an id of its own, not the user's.

        Discord sends a bot no CHANNEL_CREATE for a DM (not since API v8), and discord.py needs
        none: a MESSAGE_CREATE without `guild_id` in a channel it does not know becomes a
        `DMChannel` (`ConnectionState._get_guild_channel` -> `DMChannel._from_message`), and
        `Message.reply` posts to that channel's id."""
        channel = self._dm_channels.get(user.id)
        if channel is None:
            channel = self._dm_channels[user.id] = int(self.snowflake())
            self._dm_recipients[channel] = user
        return channel

    def _channel_guild(self, channel_id: int) -> Guild | None:
        for guild in self.guilds:
            if guild.channel_id == channel_id:
                return guild
        return None

    def _known_users(self) -> dict[int, User]:
        users = {user.id: user for guild in self.guilds for user in guild.members}
        users[OTHER_BOT.id] = OTHER_BOT
        return users

    @staticmethod
    def message_author(user: User | None, *, bot: bool | None = None) -> dict[str, Any]:
        """A message's `author`: a plain user object (`user` None: the bot itself). `bot`
        overrides the `bot` flag (true for the bot itself and OTHER_BOT, else false)."""
        if user is None:
            fields = ("id", "username", "global_name", "discriminator", "avatar", "bot")
            me: dict[str, Any] = dict(Payloads.bot_user())
            author = {key: me[key] for key in (*fields, "public_flags", "flags", "primary_guild")}
        else:
            author = {**user.payload(), "bot": user == OTHER_BOT}
        if bot is not None:
            author["bot"] = bot
        return author

    @staticmethod
    def partial_member(user: User | None) -> dict[str, Any]:
        """The `member` of a guild MESSAGE_CREATE (and of each mention): no `user` in it."""
        roles = [str(role) for role in user.roles] if user is not None else []
        return {
            "roles": roles,
            "nick": None,
            "avatar": None,
            "joined_at": "2017-03-13T19:19:14.040000+00:00",
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
        }

    def _mentions(
        self, content: str, guild: Guild | None
    ) -> tuple[list[dict[str, Any]], list[str]]:
        """`mentions` (users, each with a partial `member` in a guild) and `mention_roles`,
        read from the content as Discord does."""
        known = self._known_users()
        users: list[dict[str, Any]] = []
        seen: set[int] = set()
        for match in re.finditer(r"<@!?(\d+)>", content):
            user_id = int(match.group(1))
            if user_id in seen or (user_id != APPLICATION_ID and user_id not in known):
                continue
            seen.add(user_id)
            user = None if user_id == APPLICATION_ID else known[user_id]
            entry = self.message_author(user)
            if guild is not None:
                entry["member"] = self.partial_member(user)
            users.append(entry)
        roles: list[str] = []
        if guild is not None:
            for match in re.finditer(r"<@&(\d+)>", content):
                if int(match.group(1)) == MODERATOR_ROLE_ID and match.group(1) not in roles:
                    roles.append(match.group(1))
        return users, roles

    def fan_message(
        self,
        content: str,
        *,
        user: User = FAN,
        guild_id: int = ADMIN_GUILD_ID,
        dm: bool = False,
        mention_bot: bool | None = None,
        bot_author: bool | None = None,
        from_self: bool = False,
    ) -> dict[str, Any]:
        """A MESSAGE_CREATE `d` as Discord sends it: in `guild_id`'s channel with `guild_id` and
        the author's partial `member`, or (`dm`) in the DM channel between `user` and the bot,
        without either. `mention_bot` (default: in a guild, not in a DM) puts `<@BOT_ID>` in
        front of the content; `mentions` is read from the content. `from_self`: the author is the
        bot itself. `bot_author` overrides the author's `bot` flag (by default true for the bot
        itself and OTHER_BOT, false for people)."""
        if mention_bot is None:
            mention_bot = not dm
        mention = f"<@{APPLICATION_ID}>"
        if mention_bot and mention not in content and f"<@!{APPLICATION_ID}>" not in content:
            content = f"{mention} {content}"
        guild = None if dm else self.guild(guild_id)
        channel_id = self.dm_channel_id(user) if guild is None else guild.channel_id
        mentions, roles = self._mentions(content, guild)
        author_user = None if from_self else user
        payload: dict[str, Any] = {
            "id": self.snowflake(),
            "type": 0,
            "channel_id": str(channel_id),
            "author": self.message_author(author_user, bot=bot_author),
            "content": content,
            "timestamp": payloads.now_iso(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,  # a fan may not ping @everyone: Discord says false
            "mentions": mentions,
            "mention_roles": roles,
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "flags": 0,
            "components": [],
            "nonce": str(uuid.uuid4().int >> 64),
        }
        if guild is not None:
            payload["guild_id"] = str(guild.id)
            payload["member"] = self.partial_member(author_user)
        return payload

    def _posted_message(
        self,
        channel_id: int,
        guild: Guild | None,
        body: Mapping[str, Any],
        files: Mapping[str, bytes],
        message_id: str,
    ) -> dict[str, Any]:
        """The message object Discord answers a post with: `bot_message` plus what a channel
        message carries besides (mentions, attachments, the reply's reference and the message
        it replies to). No `guild_id`/`member`: the REST answer leaves them out; the gateway
        echo has them."""
        reference = body.get("message_reference")
        replying = isinstance(reference, dict) and reference.get("message_id") is not None
        kind = 19 if replying else 0  # REPLY, or DEFAULT
        flags = int(body.get("flags") or 0)
        message = self.bot_message(str(channel_id), body, message_id, flags, kind=kind)
        content = body.get("content") or ""
        mentions, roles = self._mentions(content, guild)
        described = {
            int(item.get("id", -1)): item
            for item in body.get("attachments") or ()
            if isinstance(item, dict)
        }
        attachments = []
        for index, (filename, data) in enumerate(files.items()):
            attachment_id = self.snowflake()
            self._attachments[attachment_id] = data
            url = f"{self.base_url}/attachments/{attachment_id}/{filename}"
            attachment: dict[str, Any] = {
                "id": attachment_id,
                "filename": filename,
                "size": len(data),
                "url": url,
                "proxy_url": url,
                "content_type": "application/octet-stream",
            }
            if described.get(index, {}).get("description"):
                attachment["description"] = described[index]["description"]
            attachments.append(attachment)
        message.update(
            author=self.message_author(None),
            mentions=mentions,
            mention_roles=roles,
            attachments=attachments,
            embeds=[{"type": "rich", **embed} for embed in body.get("embeds") or ()],
            tts=bool(body.get("tts")),
        )
        if body.get("nonce") is not None:
            message["nonce"] = body["nonce"]
        if isinstance(reference, dict) and replying:
            message["message_reference"] = {
                "type": 0,
                "message_id": str(reference["message_id"]),
                "channel_id": str(reference.get("channel_id") or channel_id),
                **({"guild_id": str(guild.id)} if guild is not None else {}),
            }
            referenced = self.user_messages.get(str(reference["message_id"]))
            if referenced is not None:
                message["referenced_message"] = referenced
        return message
