"""Who the double knows (its users, guilds and ids) and what it records of the bot's traffic.

`DoubleState` holds that record and the addresses the bot is pointed at; the other modules of
the package each add one part of Discord on top of it (see `tests/e2e/double/__init__.py`).
"""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from tests import payloads
from tests.helpers import text
from tests.payloads import (
    ALL_PERMISSIONS,
    EPHEMERAL,
    MANAGE_GUILD,
    VIEW_AND_USE,
)

if TYPE_CHECKING:
    from aiohttp import web
    from discord.types.user import User as DiscordUser

    from tests.e2e.double.gateway import Connection, Session

API = "/api/v10"
ADMIN_GUILD_ID = 1_187_000_000_004_194_304
"""Lives on shard 0 of 2: `(id >> 22) % 2 == 0`. The moderators' server."""
FAN_GUILD_ID = 1_187_000_000_008_388_608
"""Lives on shard 1 of 2. A server where the bot has no moderator commands."""
MODERATOR_ROLE_ID = 1_187_000_000_000_000_101
ADMIN_CHANNEL_ID = 1_187_000_000_000_000_201
FAN_CHANNEL_ID = 1_187_000_000_000_000_202

INTENT_GUILDS = 1 << 0
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_DM_MESSAGES = 1 << 12
INTENT_MESSAGE_CONTENT = 1 << 15
"""Privileged: without it Discord blanks the content of messages that neither mention the app
nor are DMs to it (nor its own)."""
PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | INTENT_MESSAGE_CONTENT
"""Guild members, presences, message content: each needs a switch in the developer portal."""


@dataclass(frozen=True, slots=True)
class User:
    """Someone the tests act as."""

    id: int
    username: str
    roles: tuple[int, ...] = ()
    permissions: int = VIEW_AND_USE

    def payload(self) -> DiscordUser:
        return payloads.user(self.id, self.username)

    def member(self, joined: str = payloads.JOINED) -> dict[str, Any]:
        return payloads.member(
            self.payload(), roles=self.roles, permissions=self.permissions, joined=joined
        )


FAN = User(1_187_000_000_000_000_301, "fan")
"""A plain member: no moderator id, no moderator role, no Manage Server."""
MODERATOR = User(1_187_000_000_000_000_302, "moderator", permissions=VIEW_AND_USE | MANAGE_GUILD)
"""Listed by id in SEASONBOT_MODERATORS."""
ROLE_MODERATOR = User(1_187_000_000_000_000_303, "rolemod", roles=(MODERATOR_ROLE_ID,))
"""Has the moderator role (SEASONBOT_MODERATOR_ROLES) but not Manage Server."""
OWNER = User(1_187_000_000_000_000_304, "owner", permissions=ALL_PERMISSIONS)
OTHER_BOT = User(1_187_000_000_000_000_305, "scorebot")
"""Another application's bot user (its messages carry `bot: true`): never to be answered."""


@dataclass(frozen=True, slots=True)
class Guild:
    id: int
    name: str
    channel_id: int
    members: tuple[User, ...]
    locale: str = "en-US"


DEFAULT_GUILDS = (
    Guild(
        ADMIN_GUILD_ID,
        "Ascenso moderators",
        ADMIN_CHANNEL_ID,
        (OWNER, MODERATOR, ROLE_MODERATOR, FAN),
    ),
    Guild(FAN_GUILD_ID, "Ascenso fans", FAN_CHANNEL_ID, (FAN,), locale="es-419"),
)


@dataclass(slots=True)
class Callback:
    """One interaction callback as the bot posted it (POST /interactions/{id}/{token}/callback)."""

    interaction_id: str
    token: str
    body: dict[str, Any]
    files: dict[str, bytes]
    query: dict[str, str]
    received: float
    """`time.perf_counter()` when the double read it."""
    multipart: bool = False

    @property
    def type(self) -> int:
        return int(self.body["type"])

    @property
    def data(self) -> dict[str, Any]:
        data = self.body.get("data")
        return data if isinstance(data, dict) else {}

    @property
    def flags(self) -> int:
        return int(self.data.get("flags") or 0)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def text(self) -> str:
        return text(self.data)

    @property
    def choices(self) -> list[dict[str, Any]]:
        """The choices of an autocomplete result (type 8)."""
        return list(self.data.get("choices") or [])


class _Posted:
    """A message body the bot sent, read the way the tests read every answer."""

    body: dict[str, Any]

    @property
    def data(self) -> dict[str, Any]:
        return self.body

    @property
    def text(self) -> str:
        return text(self.body)


@dataclass(slots=True)
class WebhookMessage(_Posted):
    """A follow-up (POST /webhooks/{app}/{token}) or an edit of the original response."""

    kind: Literal["followup", "edit"]
    token: str
    body: dict[str, Any]
    files: dict[str, bytes]
    ephemeral: bool
    """As Discord shows it: the first follow-up after a deferral keeps the deferral's flag."""
    received: float
    message_id: str
    original: bool = False
    """It is the interaction's original response, as now written: an edit of `@original`,
    or the first follow-up after a deferral (in the deferral's place), not a message of its
    own."""


Answer = Callback | WebhookMessage
"""What a user finally sees: the callback's message, or the follow-up after a deferral."""


@dataclass(slots=True)
class ChannelMessage(_Posted):
    """A message the bot posted (POST /channels/{channel_id}/messages): JSON, or multipart
    `payload_json` plus `files[n]`. `message` is the full message object the double answered."""

    channel_id: str
    body: dict[str, Any]
    files: dict[str, bytes]
    multipart: bool
    received: float
    message_id: str
    message: dict[str, Any]

    @property
    def reference(self) -> dict[str, Any]:
        """`message_reference` as sent (empty if the message is not a reply)."""
        reference = self.body.get("message_reference")
        return reference if isinstance(reference, dict) else {}

    @property
    def allowed_mentions(self) -> dict[str, Any] | None:
        allowed = self.body.get("allowed_mentions")
        return allowed if isinstance(allowed, dict) else None


@dataclass(slots=True)
class CommandSync:
    """One PUT of command definitions: `guild_id` None is the global scope."""

    guild_id: int | None
    commands: list[dict[str, Any]]


@dataclass(slots=True)
class Request:
    method: str
    path: str
    status: int


@dataclass(frozen=True, slots=True)
class Violation:
    """A request Discord would refuse, answered with Discord's error (`side` "request"), or an
    answer of the double's that is not the spec's shape (`side` "response": the double's
    fault). Either fails the test that caused it (tests/e2e/conftest.py)."""

    side: Literal["request", "response"]
    method: str
    path: str
    operation: str | None
    status: int
    problems: Any
    """The error body the double answered (a request), or what differs (a response)."""
    body: Any = None

    def __str__(self) -> str:
        return (
            f"{self.side} {self.method} {self.path} ({self.operation}) -> {self.status}: "
            f"{self.problems}"
        )


class DoubleState:
    """What the double recorded of the bot, and where it listens."""

    def __init__(
        self,
        *,
        guilds: Sequence[Guild] = DEFAULT_GUILDS,
        heartbeat_interval_ms: int = 41_250,
        recommended_shards: int = 1,
        callback_deadline: float | None = None,
        token_lifetime: float | None = None,
    ) -> None:
        self.guilds = tuple(guilds)
        self.callback_deadline = callback_deadline
        """Seconds after dispatch a first response is still accepted (Discord: 3); None: any."""
        self.token_lifetime = token_lifetime
        """Seconds after dispatch a follow-up is still accepted (Discord: 900); None: any."""
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.recommended_shards = recommended_shards
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._ids = itertools.count(1)
        self._changed = asyncio.Condition()
        # What the bot did, for the tests to assert on.
        self.requests: list[Request] = []
        self.unhandled: list[Request] = []
        self.syncs: list[CommandSync] = []
        self.callbacks: dict[str, list[Callback]] = {}
        self.callback_attempts: Counter[str] = Counter()
        self.rate_limited: list[str] = []
        self.expired_callbacks: list[str] = []
        """Interaction ids whose callback came after `callback_deadline` (answered 10062)."""
        self.expired_webhooks: list[str] = []
        """Tokens whose follow-up or edit came after `token_lifetime` (answered 50027)."""
        self.webhook_messages: dict[str, list[WebhookMessage]] = {}
        self.deleted_messages: dict[str, set[str]] = {}
        """token -> the ids of the interaction's messages the bot deleted (`@original` for
        its original response)."""
        self.violations: list[Violation] = []
        """Requests refused as Discord refuses them (the vendored spec and the documented
        limits, `strict.py`), and answers of the double's own that are not the spec's shape.
        A test that sends a bad request on purpose takes its violations (`take_violations`)."""
        self.downloads: list[str] = []
        self.connections: list[Connection] = []
        self.sessions: dict[str, Session] = {}
        self.identifies: list[dict[str, Any]] = []
        self.resumes: list[tuple[Connection, Session]] = []
        # Bookkeeping.
        self.dispatched_at: dict[str, float] = {}
        """interaction id -> when `interact` was called: Discord's clock starts there."""
        self.sent_at: dict[str, float] = {}
        """interaction id -> when its frame was written to the gateway socket."""
        self._attachments: dict[str, bytes] = {}
        self._pending: dict[str, dict[str, Any]] = {}
        """token -> the interaction payload, for follow-ups and message objects."""
        self._callback_waiters: dict[str, asyncio.Future[Callback]] = {}
        self._original: dict[str, Callback] = {}
        """token -> the interaction's (first) callback: the original response."""
        self._rate_limits_left = 0
        self._retry_after = 0.3
        self._sync_rate_limits_left = 0
        self._sync_retry_after = 0.3
        self.guilds_refusing_commands: set[int] = set()
        """Guilds whose command sync gets 403 Missing Access (code 50001), as Discord answers
        for a guild the application is not in."""
        self.reject_token = False
        self.ready_overrides: dict[str, Any] = {}
        """Fields laid over the next READY (then forgotten): a malformed READY, for tests."""
        """Answer GET /users/@me with 401, as Discord does for a wrong or revoked token."""
        # Channel messages: mentions and DMs.
        self.posted_messages: dict[str, list[ChannelMessage]] = {}
        """channel id -> the messages the bot posted there, in order, with their files and
        the message object the double answered."""
        self.rejected_messages: list[tuple[str, dict[str, Any], int]] = []
        """(channel id, body, error code) of message posts refused for the channel's permissions
        (403, 50013); a malformed post is a violation (`violations`)."""
        self.user_messages: dict[str, dict[str, Any]] = {}
        """message id -> every MESSAGE_CREATE `d` delivered by `deliver_message` (echoes of the
        bot's own messages included)."""
        self.withheld_messages: list[dict[str, Any]] = []
        """Messages not delivered because the session lacks the intent Discord requires."""
        self.echo_own_messages = True
        """Dispatch MESSAGE_CREATE for what the bot posts, as Discord does."""
        self.read_only_channels: set[str] = set()
        """Channels where the bot may read but not send: posts there get 403 Missing
        Permissions (code 50013), as in an announcements channel."""
        self._dm_channels: dict[int, int] = {}
        """user id -> the id of the DM channel between that user and the bot."""
        self._dm_recipients: dict[int, User] = {}
        """DM channel id -> the user at the other end."""
        self._channel_marks: dict[str, int] = {}
        """message id -> how many bot messages its channel held when it was delivered."""

    def shown(self, token: str) -> list[tuple[bool, dict[str, Any]]]:
        """What the answers to the interaction `token` leave on screen, in order, each as
        (ephemeral, message body): the original response as last written (`{}` while it is
        still "thinking…"), unless deleted, then every follow-up of its own not deleted."""
        deleted = self.deleted_messages.get(token, set())
        messages = self.webhook_messages.get(token, [])
        shown: list[tuple[bool, dict[str, Any]]] = []
        callback = self._original.get(token)
        if callback is not None and callback.type in (4, 5) and "@original" not in deleted:
            versions = [message.body for message in messages if message.original]
            first = callback.data if callback.type == 4 else {}
            shown.append((callback.ephemeral, versions[-1] if versions else first))
        shown += [
            (message.ephemeral, message.body)
            for message in messages
            if not message.original and message.message_id not in deleted
        ]
        return shown

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        """For DISCORD_API_BASE."""
        return f"{self.base_url}{API}"

    @property
    def gateway_url(self) -> str:
        """For DISCORD_GATEWAY_URL; discord.py appends `?v=10&encoding=json&compress=...`."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    @property
    def resume_gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/resume-gateway"

    def env(self) -> dict[str, str]:
        """The environment that points a bot at this double."""
        return {
            "DISCORD_TOKEN": "fake-token",
            "DISCORD_API_BASE": self.api_base,
            "DISCORD_GATEWAY_URL": self.gateway_url,
        }

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()
