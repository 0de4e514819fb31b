"""Discord's payloads, built one way for every layer: the dispatch tests feed them to the real
`CommandTree` in-process (`tests/bot/dispatch.py`), the Discord double sends them over its
gateway (`tests/e2e/double/`).

Each part (user, member, channel, option, command and click data, the bot's message) is
built as discord.py's own model of it (`discord.types`), so mypy checks its keys and their
types against what discord.py reads. Discord sends a few things those types leave out or call
non-null (a member's `nick: null`, a channel's `flags`), and discord.py's interaction types
have no `member`, `user` or `message` at all (it reads them untyped): those are added beside
the typed part, and the whole interaction is a plain dict a test may change. What Discord
really sends is checked against its documented examples (`example`, `missing_keys`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from discord.types.channel import TextChannel
    from discord.types.interactions import (
        ApplicationCommandInteractionDataOption,
        ChatInputApplicationCommandInteractionData,
        MessageComponentInteractionData,
        ResolvedData,
    )
    from discord.types.member import MemberWithUser
    from discord.types.message import Attachment, Message
    from discord.types.user import PrimaryGuild, User


DISCORD_EPOCH_MS = 1_420_070_400_000

APPLICATION_ID = 1_187_000_000_000_000_001
"""The bot user's id equals the application id, as for every application made since 2021."""

EPHEMERAL = 1 << 6
"""Message flag 64."""

VIEW_AND_USE = (1 << 10) | (1 << 11) | (1 << 31)
"""View channel, send messages, use application commands: a member without Manage Server."""
MANAGE_GUILD = 1 << 5
ALL_PERMISSIONS = (1 << 51) - 1

JOINED = "2017-03-13T19:19:14.040000+00:00"
"""When every test member joined (the documented example's date)."""

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
DEFAULT_CHANNEL_ID = 645027906669510667
"""The documented example's channel: where an interaction happens unless told otherwise."""

_sequence = itertools.count(1)


def snowflake() -> str:
    """A fresh id whose timestamp is now, as Discord's are: the bot reads an interaction's age
    from it."""
    millis = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return str((millis << 22) | (next(_sequence) & 0x3FFFFF))


def no_primary_guild() -> PrimaryGuild:
    """A user who shows no server tag (the spec's UserResponse requires the field)."""
    return {"identity_guild_id": None, "identity_enabled": None, "tag": None, "badge": None}


def user(user_id: int, username: str) -> User:
    """A person's user object."""
    return {
        "id": str(user_id),
        "username": username,
        "global_name": username.title(),
        "discriminator": "0",
        "avatar": None,
        "public_flags": 0,
        "flags": 0,
        "bot": False,
        "primary_guild": no_primary_guild(),
    }


def bot_user() -> User:
    """The bot's own user (READY's `user`, the author of what it posts)."""
    return {
        "id": str(APPLICATION_ID),
        "username": "Season Bot",
        "global_name": None,
        "discriminator": "0",
        "avatar": None,
        "bot": True,
        "verified": True,
        "mfa_enabled": False,
        "flags": 0,
        "public_flags": 0,
        "email": None,
        "locale": "en-US",
        "primary_guild": no_primary_guild(),
    }


def member(
    account: User,
    *,
    roles: Sequence[int] = (),
    permissions: int | None = VIEW_AND_USE,
    joined: str = JOINED,
) -> dict[str, Any]:
    """A guild member with its user. `permissions` (as interactions carry them) None: left out,
    as in GUILD_CREATE's member list."""
    typed: MemberWithUser = {
        "user": account,
        "roles": [str(role) for role in roles],
        "joined_at": joined,
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
    }
    if permissions is not None:
        typed["permissions"] = str(permissions)
    return {"nick": None, "avatar": None, **typed}


def text_channel(channel_id: int, guild_id: int) -> dict[str, Any]:
    """A guild's text channel, `general`."""
    typed: TextChannel = {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(guild_id),
        "name": "general",
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
    }
    return {**typed, "topic": None, "flags": 0}


def option(
    name: str, value: Any, *, kind: int = 3, focused: bool = False
) -> ApplicationCommandInteractionDataOption:
    """One filled-in option of a slash command (type 3 string, 11 attachment...)."""
    entry: dict[str, Any] = {"name": name, "type": kind, "value": value}
    if focused:
        entry["focused"] = True
    # A union keyed by `type`: mypy cannot pick its member from a runtime int.
    typed: ApplicationCommandInteractionDataOption = entry  # type: ignore[assignment]
    return typed


def command_data(
    name: str,
    options: Sequence[ApplicationCommandInteractionDataOption] = (),
    *,
    command_id: str | None = None,
    guild_id: int | str | None = None,
    attachments: Mapping[str, Attachment] | None = None,
) -> ChatInputApplicationCommandInteractionData:
    """A slash command's `data`. `guild_id`: the command is registered in that guild (Discord
    then says so, and discord.py looks the command up there)."""
    data: ChatInputApplicationCommandInteractionData = {
        "id": command_id or snowflake(),
        "name": name,
        "type": 1,
        "options": list(options),
    }
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
    if attachments:
        resolved: ResolvedData = {"attachments": dict(attachments)}
        data["resolved"] = resolved
    return data


def component_data(
    custom_id: str, component_type: Literal[2, 3], values: Sequence[str] = ()
) -> MessageComponentInteractionData:
    """A click's `data`: a button (2) or a choice in a string select (3)."""
    if component_type == 3:
        return {"custom_id": custom_id, "component_type": 3, "values": list(values)}
    return {"custom_id": custom_id, "component_type": 2}


def interaction(
    data: ChatInputApplicationCommandInteractionData | MessageComponentInteractionData,
    *,
    kind: Literal[2, 3, 4] = 2,
    account: User,
    guild_id: int | None,
    channel: dict[str, Any] | None = None,
    guild_locale: str = "en-US",
    locale: str = "en-US",
    roles: Sequence[int] = (),
    permissions: int = VIEW_AND_USE,
) -> dict[str, Any]:
    """An INTERACTION_CREATE `d` (`discord.types.interactions.ApplicationCommandInteraction`,
    or `MessageComponentInteraction` for `kind` 3, plus the asker), shaped like Discord's
    documented example plus what discord.py 2.7 requires (`version`, `application_id`,
    `attachment_size_limit`, member `flags`/`roles`/`permissions`): in the guild `guild_id`
    (in `channel`, the asker a member with `roles` and `permissions`), or, with `guild_id`
    None, in a DM with `account`."""
    assert ("custom_id" in data) == (kind == 3), f"type {kind} with data {data}"
    payload: dict[str, Any] = {
        "id": snowflake(),
        "application_id": str(APPLICATION_ID),
        "type": kind,
        "token": f"itoken-{uuid.uuid4().hex}",
        "version": 1,
        "locale": locale,
        "app_permissions": str(VIEW_AND_USE),
        "entitlements": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        "data": data,
    }
    if guild_id is None:
        payload.update(
            user=account,
            channel_id=account["id"],
            channel={"id": account["id"], "type": 1, "recipients": [account]},
            context=1,
            authorizing_integration_owners={"1": account["id"]},
        )
        return payload
    channel = channel or text_channel(DEFAULT_CHANNEL_ID, guild_id)
    payload.update(
        guild_id=str(guild_id),
        guild={"id": str(guild_id), "locale": guild_locale, "features": []},
        guild_locale=guild_locale,
        channel_id=channel["id"],
        channel=channel,
        member=member(account, roles=roles, permissions=permissions),
        context=0,
        authorizing_integration_owners={"0": str(guild_id)},
    )
    return payload


def bot_message(
    channel_id: str, data: Mapping[str, Any], message_id: str, flags: int, kind: int
) -> dict[str, Any]:
    """A message the bot posted, with `data`'s content, embeds and components."""
    typed: Message = {
        "id": message_id,
        "type": kind,  # type: ignore[typeddict-item]
        "channel_id": channel_id,
        "author": bot_user(),
        "content": data.get("content") or "",
        "embeds": data.get("embeds") or [],
        "attachments": [],
        "components": shown_components(data.get("components") or []),
        "mentions": [],
        "mention_roles": [],
        "mention_everyone": False,
        "pinned": False,
        "tts": False,
        "timestamp": now_iso(),
        "edited_timestamp": None,
        "flags": flags,
    }
    return dict(typed)


def shown_components(components: Sequence[Any]) -> list[Any]:
    """Components as a message shows them: each with its `id`, numbered in order where the
    request left it out ("generated sequentially if left empty", developers/components/
    reference), and a select's `min_values` and `max_values` (default 1) filled in."""

    def walk(items: Sequence[Any]) -> Iterator[dict[str, Any]]:
        for item in items:
            if isinstance(item, dict):
                yield item
                yield from walk(item.get("components") or ())

    copied: list[Any] = json.loads(json.dumps(list(components)))
    taken = {item["id"] for item in walk(copied) if isinstance(item.get("id"), int) and item["id"]}
    free = (n for n in itertools.count(1) if n not in taken)
    for item in walk(copied):
        if not item.get("id"):
            item["id"] = next(free)
        if item.get("type") in (3, 5, 6, 7, 8):
            item.setdefault("min_values", 1)
            item.setdefault("max_values", 1)
    return copied


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


EXAMPLES = Path(__file__).resolve().parent / "e2e" / "discord_payloads"
"""Discord's documented example payloads, copied from its API docs (see the README there)."""


def example(name: str) -> Any:
    """The documented example `name` (a file in EXAMPLES)."""
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))["payload"]


def missing_keys(documented: Any, ours: Any, where: str = "") -> list[str]:
    """Keys of `documented` (recursively) that `ours` lacks: a field Discord sends that a test
    payload leaves out, so that the bot could pass a test and fail on Discord."""
    if isinstance(documented, dict):
        if not isinstance(ours, dict):
            return [where or "<root>"]
        found: list[str] = []
        for key, value in documented.items():
            if key not in ours:
                found.append(f"{where}.{key}" if where else key)
            else:
                found += missing_keys(value, ours[key], f"{where}.{key}" if where else key)
        return found
    if isinstance(documented, list) and documented and isinstance(ours, list) and ours:
        return missing_keys(documented[0], ours[0], f"{where}[0]")
    return []
