"""Driving the real CommandTree with interaction payloads, without a network.

This is the one place that touches discord.py's private internals: the tree's `_call` (what
the gateway's INTERACTION_CREATE leads to) and the webhook adapter that posts interaction
callbacks. Keeping them here means a discord.py upgrade breaks one helper, not every test.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import discord
from discord.webhook.async_ import AsyncWebhookAdapter, async_context

if TYPE_CHECKING:
    from bot.client import SeasonBot

APPLICATION_ID = 777000000000000001
ADMIN_GUILD = 290926798626357999
MODERATOR = 111
"""A user listed in SEASONBOT_MODERATORS by the `bot` fixture."""
OTHER_GUILD = 290926798626358000
_ids = itertools.count(900000000000000000)


@dataclass
class Sent:
    method: str
    url: str
    payload: dict[str, Any] | None
    files: list[str]

    @property
    def kind(self) -> str:
        return "callback" if "/callback" in self.url else "followup"

    @property
    def type(self) -> int | None:
        return self.payload.get("type") if self.payload else None

    @property
    def data(self) -> dict[str, Any]:
        """The message part: `data` of a callback, or the whole follow-up."""
        if self.payload is None:
            return {}
        return self.payload.get("data", {}) if self.kind == "callback" else self.payload


def message(payload: dict[str, Any] | None, channel_id: int) -> dict[str, Any]:
    payload = payload or {}
    return {
        "id": str(next(_ids)),
        "channel_id": str(channel_id),
        "type": 0,
        "content": payload.get("content") or "",
        "author": {
            "id": str(APPLICATION_ID),
            "username": "seasonbot",
            "discriminator": "0",
            "avatar": None,
        },
        "embeds": payload.get("embeds") or [],
        "attachments": [],
        "mentions": [],
        "mention_roles": [],
        "pinned": False,
        "mention_everyone": False,
        "tts": False,
        "timestamp": "2026-11-23T00:00:00+00:00",
        "edited_timestamp": None,
        "flags": payload.get("flags", 0),
    }


@dataclass
class Recorder(AsyncWebhookAdapter):
    """Stands in for Discord's HTTP API: records what the bot sends, answers like Discord."""

    sent: list[Sent] = field(default_factory=list)
    channel_id: int = 645027906669510667

    def __post_init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]

    async def request(
        self,
        route: Any,
        session: Any,
        *,
        payload: dict[str, Any] | None = None,
        multipart: list[dict[str, Any]] | None = None,
        files: Any = None,
        **_: Any,
    ) -> Any:
        if payload is None and multipart:
            import json

            payload = json.loads(multipart[0]["value"])
        names = [file.filename for file in files or []]
        self.sent.append(Sent(route.method, str(route.url), payload, names))
        if "/callback" in str(route.url):
            data = (payload or {}).get("data") or {}
            return {
                "interaction": {"id": route.url.split("/")[-3], "type": 2},
                "resource": {
                    "type": (payload or {}).get("type"),
                    "message": message(data, self.channel_id),
                },
            }
        return message(payload, self.channel_id)


def install_recorder() -> Recorder:
    recorder = Recorder()
    async_context.set(recorder)
    return recorder


def member(user_id: int, *, roles: tuple[int, ...] = (), permissions: int = 0) -> dict[str, Any]:
    return {
        "user": {
            "id": str(user_id),
            "username": f"fan{user_id}",
            "discriminator": "0",
            "avatar": None,
        },
        "roles": [str(role) for role in roles],
        "permissions": str(permissions),
        "flags": 0,
        "joined_at": "2017-03-13T19:19:14.040000+00:00",
        "deaf": False,
        "mute": False,
        "pending": False,
        "premium_since": None,
        "nick": None,
    }


def interaction_payload(
    name: str,
    options: dict[str, Any] | None = None,
    *,
    kind: int = 2,
    focused: str | None = None,
    locale: str = "en-US",
    guild_id: int = ADMIN_GUILD,
    user: dict[str, Any] | None = None,
    attachments: dict[str, dict[str, Any]] | None = None,
    guild_command: bool = False,
) -> dict[str, Any]:
    """An INTERACTION_CREATE `d`, shaped like Discord's documented example
    (tests/e2e/discord_payloads/).

    `guild_command`: the command is registered in the guild, not globally; Discord then puts
    the guild id in the command data too, which is how discord.py finds it."""
    option_list = []
    for key, value in (options or {}).items():
        option_type = 11 if attachments and value in attachments else 3
        entry: dict[str, Any] = {"type": option_type, "name": key, "value": value}
        if key == focused:
            entry["focused"] = True
        option_list.append(entry)
    data: dict[str, Any] = {"id": str(next(_ids)), "name": name, "type": 1, "options": option_list}
    if attachments:
        data["resolved"] = {"attachments": attachments}
    if guild_command:
        data["guild_id"] = str(guild_id)
    return {
        "id": str(next(_ids)),
        "application_id": str(APPLICATION_ID),
        "type": kind,
        "token": f"token-{next(_ids)}",
        "version": 1,
        "guild_id": str(guild_id),
        "channel_id": "645027906669510667",
        "channel": {
            "id": "645027906669510667",
            "type": 0,
            "name": "general",
            "position": 0,
            "guild_id": str(guild_id),
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
        },
        "member": user or member(53908232506183680, permissions=0),
        "app_permissions": "442368",
        "locale": locale,
        "guild_locale": "en-US",
        "data": data,
        "entitlements": [],
        "authorizing_integration_owners": {},
        "context": 0,
        "attachment_size_limit": 8388608,
    }


def log_in(bot: discord.Client) -> None:
    """What READY would have set: the bot's own user and application id."""
    state = bot._connection
    if state.user is None:
        user = {
            "id": str(APPLICATION_ID),
            "username": "seasonbot",
            "discriminator": "0",
            "avatar": None,
            "bot": True,
        }
        state.user = discord.ClientUser(state=state, data=user)  # type: ignore[arg-type]
        state.application_id = APPLICATION_ID


async def dispatch(bot: discord.Client, payload: dict[str, Any], recorder: Recorder) -> list[Sent]:
    """Run one interaction through the bot's tree the way the gateway would; what was sent."""
    log_in(bot)
    before = len(recorder.sent)
    interaction: discord.Interaction[Any] = discord.Interaction(data=payload, state=bot._connection)  # type: ignore[arg-type]
    flow = getattr(bot, "flow", None)
    if flow is not None:
        flow.admit(interaction)  # its age and its deferral at the margin, as from the gateway
    await bot.tree._call(interaction)  # type: ignore[attr-defined]
    return recorder.sent[before:]


async def dispatch_with(
    bot: SeasonBot, payload: dict[str, Any], recorder: Recorder, handler: Any
) -> list[Any]:
    """Dispatch, with `SeasonBot.answer` running `handler` instead of the command's own."""
    original = bot.answer

    async def answer(interaction: Any, _handler: Any, /, **options: Any) -> None:
        await original(interaction, handler, **options)

    bot.answer = answer  # type: ignore[method-assign]
    try:
        return await dispatch(bot, payload, recorder)
    finally:
        bot.answer = original  # type: ignore[method-assign]
