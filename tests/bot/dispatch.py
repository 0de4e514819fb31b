"""Driving the real CommandTree with interaction payloads, without a network.

An interaction is built on the bot's connection state, as the gateway's INTERACTION_CREATE
builds it, and enters the bot where the gateway hands it over (`SeasonBot.received`): both
through bot/discord_internals.py. What the bot sends goes through discord.py's webhook
adapter, which the `Recorder` stands in for: the one internal of discord.py the tests use
themselves (`TEST_INTERNALS`, checked with the bot's by tests/bot/test_discord_internals.py).
The payloads are `tests.payloads`'s, the same the end-to-end double sends (one application
id, one shape).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.webhook.async_ import AsyncWebhookAdapter, async_context

from bot.discord_internals import connection_state
from tests import payloads
from tests.helpers import text

if TYPE_CHECKING:
    from discord.types.user import User

    from bot.client import SeasonBot
    from commands.context import Context, Handler
    from commands.reply import Reply

ADMIN_GUILD = 290926798626357999
MODERATOR = 111
"""A user listed in SEASONBOT_MODERATORS by the `bot` fixture."""
OTHER_GUILD = 290926798626358000
FAN = 53908232506183680
"""The documented example's user: a member without Manage Server."""
CHANNEL = payloads.DEFAULT_CHANNEL_ID


@dataclass
class Sent:
    method: str
    url: str
    payload: dict[str, Any] | None
    files: list[str]

    @property
    def kind(self) -> str:
        """`callback` (the first response), `original` (an edit of `@original`: the answer
        in the deferral's place, or the clicked message redrawn), `followup` (a message of
        its own) or `delete`."""
        if "/callback" in self.url:
            return "callback"
        if self.method == "DELETE":
            return "delete"
        return "original" if self.method == "PATCH" else "followup"

    @property
    def type(self) -> int | None:
        return self.payload.get("type") if self.payload else None

    @property
    def data(self) -> dict[str, Any]:
        """The message part: `data` of a callback, or the whole follow-up or edit."""
        if self.payload is None:
            return {}
        return self.payload.get("data", {}) if self.kind == "callback" else self.payload


def private_reply(sent: list[Sent]) -> str:
    """The text of the one answer sent, checked to be a first response only its asker sees
    (a refusal), and no generic "Something went wrong"."""
    assert [s.type for s in sent] == [4], [s.payload for s in sent]
    assert sent[0].data["flags"] & payloads.EPHEMERAL
    words = text(sent[0].data)
    assert "Something went wrong" not in words
    return words


def message(body: Mapping[str, Any] | None, channel_id: int = CHANNEL) -> dict[str, Any]:
    """The message object Discord answers a post of `body` with."""
    body = body or {}
    return payloads.bot_message(
        str(channel_id), body, payloads.snowflake(), int(body.get("flags") or 0), kind=0
    )


TEST_INTERNALS: tuple[tuple[object, str, tuple[str, ...]], ...] = (
    (AsyncWebhookAdapter, "request", ("route", "session", "payload", "multipart", "files")),
    (discord.webhook.async_, "async_context", ()),
)
"""What the tests take of discord.py's undocumented webhook module (`discord.webhook.async_`):
(owner, attribute, the parameters `Recorder.request` reads). Every interaction response,
follow-up and edit goes through the adapter in `async_context`; the Recorder replaces it."""


@dataclass
class Recorder(AsyncWebhookAdapter):
    """Stands in for Discord's HTTP API: records what the bot sends, answers like Discord."""

    sent: list[Sent] = field(default_factory=list)
    channel_id: int = CHANNEL

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


def asker(user_id: int) -> User:
    """The user object of the member `user_id` who runs a command or clicks."""
    return payloads.user(user_id, f"fan{user_id}")


def interaction_payload(
    name: str,
    options: Mapping[str, Any] | None = None,
    *,
    kind: Literal[2, 4] = 2,
    focused: str | None = None,
    locale: str = "en-US",
    guild_id: int = ADMIN_GUILD,
    user_id: int = FAN,
    permissions: int = 0,
    guild_command: bool = False,
) -> dict[str, Any]:
    """A slash command (`kind` 4, with `focused`: its autocomplete) with string `options`, run
    by the member `user_id` with `permissions` in `guild_id`: `tests.payloads.interaction`.

    `guild_command`: the command is registered in the guild, not globally; Discord then puts
    the guild id in the command data too, which is how discord.py finds it."""
    entries = [
        payloads.option(key, value, focused=key == focused)
        for key, value in (options or {}).items()
    ]
    data = payloads.command_data(name, entries, guild_id=guild_id if guild_command else None)
    return payloads.interaction(
        data,
        kind=kind,
        account=asker(user_id),
        guild_id=guild_id,
        locale=locale,
        permissions=permissions,
    )


def log_in(bot: discord.Client) -> None:
    """What READY would have set: the bot's own user and application id."""
    state = connection_state(bot)
    if state.user is None:
        state.user = discord.ClientUser(state=state, data=payloads.bot_user())
        state.application_id = payloads.APPLICATION_ID


async def dispatch(bot: SeasonBot, payload: dict[str, Any], recorder: Recorder) -> list[Sent]:
    """Run one interaction (a command, an autocomplete, a click) through the bot the way the
    gateway would hand it over: into its flow (its age, a deferral at the margin), then the
    tree or the clicks' dispatcher. What was sent."""
    before = len(recorder.sent)
    task = bot.received(interaction_of(bot, payload))
    if task is not None:
        await task
    return recorder.sent[before:]


def interaction_of(bot: SeasonBot, payload: dict[str, Any]) -> discord.Interaction[Any]:
    """The interaction discord.py builds from the payload of an INTERACTION_CREATE."""
    log_in(bot)
    return discord.Interaction(data=payload, state=connection_state(bot))  # type: ignore[arg-type]


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


def slow_handler(bot: SeasonBot, command: str) -> Handler:
    """`command`'s own handler, 0.2 s slower, and the bot's margin set to 50 ms: a slow
    answer, deferred first (for `dispatch_with`, or put in the tree's `extras`)."""
    found = bot.tree.get_command(command)
    assert isinstance(found, app_commands.Command)
    handler: Handler = found.extras["handler"]

    @functools.wraps(handler)
    async def slow(ctx: Context, /, **options: Any) -> Reply:
        await asyncio.sleep(0.2)
        reply: Reply = await handler(ctx, **options)
        return reply

    bot.flow.defer_after = 0.05
    return slow
