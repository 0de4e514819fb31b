"""A local Discord for the end-to-end tests: REST, webhooks, a CDN route and the gateway.

Why a double and not mocks: the e2e tests run the bot exactly as `seasonbot run` runs it (a
subprocess, the real discord.py client, real HTTP and websocket traffic), so they catch what
handler tests cannot: the payloads discord.py actually puts on the wire, `allowed_mentions`,
command sync at start-up, reconnects, rate limits, sharding. Everything discord.py 2.7 relies
on (DESIGN §8) is modelled here, checked against discord.py's source rather than guessed:

- JSON answers carry `Content-Type: application/json` exactly; with `; charset=utf-8`
  discord.py's `json_or_text` would hand the bot a string instead of a dict.
- READY carries `application {id, flags}`, `resume_gateway_url` pointing back here (at a path
  of its own, so a test can see that a RESUME really used it) and `shard` when one was sent.
- The gateway replays missed events on RESUME, as Discord does, so an interaction dispatched
  while the bot is reconnecting is delivered late rather than lost.
- A 429 carries a `Via` header: discord.py's webhook adapter only retries a 429 that has one
  (without it, it assumes a Cloudflare ban and raises).
- After a deferred (type 5) callback, the first follow-up *is* the original response and keeps
  the deferral's ephemerality whatever flags it sends, as Discord does.
- With `callback_deadline` set (Discord's is 3 s), a callback later than that after the
  interaction was dispatched gets 404 `Unknown interaction` (code 10062), and with
  `token_lifetime` set (Discord's is 15 min), a follow-up or edit after it gets 401 `Invalid
  Webhook Token` (50027), as Discord answers both. Both are off by default.

Frames are sent as plain-text JSON although the client asks for zlib-stream; discord.py only
decompresses binary frames.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import itertools
import json
import re
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import orjson
from aiohttp import BodyPartReader, WSMsgType, web

API = "/api/v10"
DISCORD_EPOCH_MS = 1_420_070_400_000

APPLICATION_ID = 1_187_000_000_000_000_001
"""The bot user's id equals the application id, as for every application made since 2021."""

ADMIN_GUILD_ID = 1_187_000_000_004_194_304
"""Lives on shard 0 of 2: `(id >> 22) % 2 == 0`. The moderators' server."""
FAN_GUILD_ID = 1_187_000_000_008_388_608
"""Lives on shard 1 of 2. A server where the bot has no moderator commands."""
MODERATOR_ROLE_ID = 1_187_000_000_000_000_101
ADMIN_CHANNEL_ID = 1_187_000_000_000_000_201
FAN_CHANNEL_ID = 1_187_000_000_000_000_202

EPHEMERAL = 1 << 6
"""Message flag 64."""

VIEW_AND_USE = (1 << 10) | (1 << 11) | (1 << 31)
"""View channel, send messages, use application commands: a member without Manage Server."""
MANAGE_GUILD = 1 << 5
ALL_PERMISSIONS = (1 << 51) - 1

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

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.username,
            "global_name": self.username.title(),
            "discriminator": "0",
            "avatar": None,
            "public_flags": 0,
            "flags": 0,
            "bot": False,
        }

    def member(self, joined: str) -> dict[str, Any]:
        return {
            "user": self.payload(),
            "nick": None,
            "avatar": None,
            "roles": [str(role) for role in self.roles],
            "joined_at": joined,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "permissions": str(self.permissions),
        }


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


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def message_text(message: Mapping[str, Any] | None) -> str:
    """Every user-visible string of a message: content, then each embed's texts."""
    if not message:
        return ""
    parts = [message.get("content") or ""]
    for embed in message.get("embeds") or ():
        parts += [embed.get("title") or "", embed.get("description") or ""]
        parts += [embed.get("author", {}).get("name") or ""]
        for embed_field in embed.get("fields") or ():
            parts += [embed_field.get("name") or "", embed_field.get("value") or ""]
        parts.append((embed.get("footer") or {}).get("text") or "")
    return "\n".join(part for part in parts if part)


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
        return message_text(self.data)

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
        return message_text(self.body)


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


class Connection:
    """One gateway websocket. Sends are serialised so a frame is never interleaved."""

    def __init__(self, number: int, ws: web.WebSocketResponse, request: web.Request) -> None:
        self.number = number
        self.ws = ws
        self.request = request
        self.path = request.path
        self.query = dict(request.query)
        self.session: Session | None = None
        self.closed = False
        self.close_code: int | None = None
        self.received: list[dict[str, Any]] = []
        self._lock = asyncio.Lock()

    @property
    def shard_id(self) -> int | None:
        if self.session is None or self.session.shard is None:
            return None
        return self.session.shard[0]

    async def send_text(self, text: str) -> None:
        if self.closed:
            return
        async with self._lock:
            try:
                await self.ws.send_str(text)
            except (ConnectionError, RuntimeError):
                self.closed = True  # the session keeps the frame for a RESUME to replay

    async def send(self, payload: Mapping[str, Any]) -> None:
        await self.send_text(json.dumps(payload))

    def abort(self) -> None:
        """Drop the TCP connection without a close frame, as a network failure would."""
        self.closed = True
        transport = self.request.transport
        if transport is not None:
            transport.abort()


class Session:
    """A gateway session: survives its connection, numbers its events, replays on RESUME."""

    MAX_REPLAY = 20_000

    def __init__(self, session_id: str, token: str, shard: tuple[int, int] | None, order: int):
        self.id = session_id
        self.token = token
        self.shard = shard
        self.order = order
        self.seq = 0
        self.frames: list[tuple[int, str]] = []
        self.connection: Connection | None = None
        self.invalid = False
        self.lock = asyncio.Lock()

    @property
    def shard_id(self) -> int | None:
        return None if self.shard is None else self.shard[0]

    @property
    def connected(self) -> bool:
        return self.connection is not None and not self.connection.closed

    async def dispatch(self, event: str, data: Any) -> int:
        """Number the event, keep it for a RESUME, send it if connected. Returns its seq."""
        async with self.lock:
            self.seq += 1
            # orjson: a burst sends thousands of frames, and json.dumps was a quarter of it.
            frame = orjson.dumps({"op": 0, "t": event, "s": self.seq, "d": data}).decode()
            self.frames.append((self.seq, frame))
            if len(self.frames) > self.MAX_REPLAY:
                del self.frames[: len(self.frames) - self.MAX_REPLAY]
            if self.connection is not None:
                await self.connection.send_text(frame)
            return self.seq


class DiscordDouble:
    """The server. Use as `async with DiscordDouble() as double:`; see the module docstring."""

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
        self.reject_token = False
        self.ready_overrides: dict[str, Any] = {}
        """Fields laid over the next READY (then forgotten): a malformed READY, for tests."""
        """Answer GET /users/@me with 401, as Discord does for a wrong or revoked token."""
        # Channel messages: mentions and DMs.
        self.posted_messages: dict[str, list[ChannelMessage]] = {}
        """channel id -> the messages the bot posted there, in order, with their files and
        the message object the double answered."""
        self.rejected_messages: list[tuple[str, dict[str, Any], int]] = []
        """(channel id, body, error code) of message posts answered with 400, as Discord would."""
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

    # -- lifecycle -------------------------------------------------------------------------

    async def __aenter__(self) -> DiscordDouble:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def start(self) -> None:
        app = web.Application(client_max_size=32 * 1024 * 1024)
        route = app.router.add_route
        route("GET", f"{API}/users/@me", self._users_me)
        route("GET", f"{API}/oauth2/applications/@me", self._application)
        route("GET", f"{API}/applications/@me", self._application)
        route("GET", f"{API}/gateway", self._gateway_url)
        route("GET", f"{API}/gateway/bot", self._gateway_bot)
        route("PUT", f"{API}/applications/{{app}}/commands", self._put_commands)
        route("PUT", f"{API}/applications/{{app}}/guilds/{{guild}}/commands", self._put_commands)
        route("GET", f"{API}/applications/{{app}}/commands", self._get_commands)
        route("GET", f"{API}/applications/{{app}}/guilds/{{guild}}/commands", self._get_commands)
        route("POST", f"{API}/interactions/{{id}}/{{token}}/callback", self._callback)
        route("POST", f"{API}/webhooks/{{app}}/{{token}}", self._followup)
        route("PATCH", f"{API}/webhooks/{{app}}/{{token}}/messages/{{message}}", self._edit)
        route("GET", f"{API}/webhooks/{{app}}/{{token}}/messages/{{message}}", self._get_message)
        route("DELETE", f"{API}/webhooks/{{app}}/{{token}}/messages/{{message}}", self._no_content)
        route("POST", f"{API}/channels/{{channel}}/messages", self._channel_message)
        route("GET", "/attachments/{id}/{filename}", self._attachment)
        route("GET", "/gateway", self._gateway)
        route("GET", "/resume-gateway", self._gateway)
        route("*", "/{tail:.*}", self._not_found)
        app.middlewares.append(self._log_requests)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])

    async def close(self) -> None:
        for connection in self.connections:
            if not connection.closed:
                with contextlib.suppress(Exception):
                    await connection.ws.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

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

    # -- waiting ---------------------------------------------------------------------------

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_until(
        self, predicate: Callable[[], bool], timeout: float, what: str = "condition"
    ) -> None:
        """Wait for a state of the double (a session, a resume, a sync...) without sleeping."""

        async def waiting() -> None:
            async with self._changed:
                await self._changed.wait_for(predicate)

        try:
            await asyncio.wait_for(waiting(), timeout)
        except TimeoutError:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}") from None

    async def wait_for_session(
        self, shard: int | None = None, *, timeout: float = 15.0, after: int = 0
    ) -> Session:
        """A connected, identified session for `shard` (None: an unsharded one), created
        after the first `after` identifies."""

        def found() -> Session | None:
            for session in reversed(list(self.sessions.values())):
                if session.order < after or session.invalid or not session.connected:
                    continue
                if session.shard_id == shard:
                    return session
            return None

        await self.wait_until(lambda: found() is not None, timeout, f"a session on shard {shard}")
        session = found()
        assert session is not None
        return session

    async def wait_for_resume(self, count: int, timeout: float = 10.0) -> None:
        """Until `count` RESUMEs have been answered in all."""
        await self.wait_until(lambda: len(self.resumes) >= count, timeout, f"{count} resumes")

    # -- gateway control -------------------------------------------------------------------

    def session_for(self, shard: int | None = None, guild_id: int | None = None) -> Session:
        """The session Discord would send an event to: by shard, else by the guild's shard."""
        live = [session for session in self.sessions.values() if not session.invalid]
        if shard is not None:
            candidates = [session for session in live if session.shard_id == shard]
        elif guild_id is not None and any(session.shard for session in live):
            candidates = [
                session
                for session in live
                if session.shard is not None
                and (guild_id >> 22) % session.shard[1] == session.shard[0]
            ]
        else:
            candidates = [session for session in live if session.shard is None] or live
        if not candidates:
            raise AssertionError(f"no gateway session for shard {shard} (guild {guild_id})")
        return max(candidates, key=lambda session: (session.connected, session.order))

    async def dispatch(
        self,
        event: str,
        data: Any,
        *,
        shard: int | None = None,
        guild_id: int | None = None,
        session: Session | None = None,
    ) -> int:
        """Send a DISPATCH (op 0) to `session`, else to the session of `shard` or the guild."""
        return await (session or self.session_for(shard, guild_id)).dispatch(event, data)

    async def send_op(
        self, payload: Mapping[str, Any], shard: int | None = None, session: Session | None = None
    ) -> None:
        """Send a non-dispatch frame (op 7 RECONNECT, op 9 INVALID_SESSION...) as is."""
        await self._connection(shard, session).send(payload)

    async def send_raw(
        self, text: str, shard: int | None = None, session: Session | None = None
    ) -> None:
        """Send any text frame, valid JSON or not."""
        await self._connection(shard, session).send_text(text)

    async def request_reconnect(self, shard: int | None = None) -> None:
        """op 7: the client must reconnect and RESUME."""
        await self.send_op({"op": 7, "d": None}, shard)

    def drop(self, shard: int | None = None) -> None:
        """Close the socket hard: no close frame, the TCP connection just goes away."""
        self._connection(shard).abort()

    def _connection(self, shard: int | None, session: Session | None = None) -> Connection:
        session = session or self.session_for(shard)
        connection = session.connection
        if connection is None or connection.closed:
            raise AssertionError(f"shard {shard} is not connected")
        return connection

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        connection = Connection(len(self.connections), ws, request)
        self.connections.append(connection)
        await connection.send({"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}})
        try:
            async for message in ws:
                if message.type is not WSMsgType.TEXT:
                    continue
                payload = json.loads(message.data)
                connection.received.append(payload)
                await self._on_frame(connection, payload)
        finally:
            connection.closed = True
            session = connection.session
            connection.close_code = ws.close_code
            if session is not None and session.connection is connection:
                session.connection = None
                if ws.close_code in (1000, 1001):
                    session.invalid = True  # a clean close ends the session, as on Discord
            await self._notify()
        return ws

    async def _on_frame(self, connection: Connection, payload: Mapping[str, Any]) -> None:
        op, data = payload.get("op"), payload.get("d") or {}
        if op == 1:
            await connection.send({"op": 11})
        elif op == 2:
            await self._identify(connection, data)
        elif op == 6:
            await self._resume(connection, data)

    async def _identify(self, connection: Connection, data: Mapping[str, Any]) -> None:
        shard = tuple(data["shard"]) if data.get("shard") is not None else None
        session = Session(uuid.uuid4().hex, data["token"], shard, len(self.identifies))
        self.identifies.append(dict(data))
        self.sessions[session.id] = session
        session.connection = connection
        connection.session = session
        guilds = [guild for guild in self.guilds if self._on_shard(guild.id, shard)]
        ready: dict[str, Any] = {
            "v": 10,
            "user": self.bot_user(),
            "guilds": [{"id": str(guild.id), "unavailable": True} for guild in guilds],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.resume_gateway_url,
            "application": {"id": str(APPLICATION_ID), "flags": 1 << 23},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "geo_ordered_rtc_regions": [],
        }
        if shard is not None:
            ready["shard"] = list(shard)
        ready.update(self.ready_overrides)
        self.ready_overrides = {}
        await session.dispatch("READY", ready)
        for guild in guilds:
            await session.dispatch("GUILD_CREATE", self.guild_payload(guild))
        await self._notify()

    async def _resume(self, connection: Connection, data: Mapping[str, Any]) -> None:
        session = self.sessions.get(str(data.get("session_id")))
        if session is None or session.invalid or session.token != data.get("token"):
            await connection.send({"op": 9, "d": False})
            return
        last_seen = int(data.get("seq") or 0)
        async with session.lock:
            previous = session.connection
            session.connection = connection
            connection.session = session
            for seq, frame in session.frames:
                if seq > last_seen:
                    await connection.send_text(frame)
            session.seq += 1
            resumed = json.dumps({"op": 0, "t": "RESUMED", "s": session.seq, "d": {}})
            session.frames.append((session.seq, resumed))
            await connection.send_text(resumed)
        if previous is not None and previous is not connection and not previous.closed:
            previous.abort()
        self.resumes.append((connection, session))
        await self._notify()

    @staticmethod
    def _on_shard(guild_id: int, shard: tuple[int, int] | None) -> bool:
        return shard is None or (guild_id >> 22) % shard[1] == shard[0]

    # -- payloads --------------------------------------------------------------------------

    def snowflake(self) -> str:
        millis = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return str((millis << 22) | (next(self._ids) & 0x3FFFFF))

    @staticmethod
    def bot_user() -> dict[str, Any]:
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
        }

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
        joined = now_iso()
        bot_member: dict[str, Any] = {
            "user": self.bot_user(),
            "nick": None,
            "avatar": None,
            "roles": [],
            "joined_at": joined,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
        }
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
        return {
            "id": str(guild.channel_id),
            "type": 0,
            "guild_id": str(guild.id),
            "name": "general",
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }

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
        kind: int = 2,
        user: User = FAN,
        guild_id: int | None = ADMIN_GUILD_ID,
        locale: str = "en-US",
    ) -> dict[str, Any]:
        """An INTERACTION_CREATE `d`, shaped like Discord's documented example plus the fields
        discord.py 2.7 requires (`version`, `application_id`, `attachment_size_limit`, member
        `flags`/`roles`/`permissions`)."""
        payload: dict[str, Any] = {
            "id": self.snowflake(),
            "application_id": str(APPLICATION_ID),
            "type": kind,
            "token": f"itoken-{uuid.uuid4().hex}",
            "version": 1,
            "locale": locale,
            "app_permissions": str(VIEW_AND_USE),
            "entitlements": [],
            "attachment_size_limit": 10 * 1024 * 1024,
            "data": dict(data),
        }
        if guild_id is None:
            payload.update(
                user=user.payload(),
                channel_id=str(user.id),
                channel={"id": str(user.id), "type": 1, "recipients": [user.payload()]},
                context=1,
                authorizing_integration_owners={"1": str(user.id)},
            )
            return payload
        guild = self.guild(guild_id)
        payload.update(
            guild_id=str(guild.id),
            guild={"id": str(guild.id), "locale": guild.locale, "features": []},
            guild_locale=guild.locale,
            channel_id=str(guild.channel_id),
            channel=self.channel_payload(guild),
            member=user.member("2017-03-13T19:19:14.040000+00:00"),
            context=0,
            authorizing_integration_owners={"0": str(guild.id)},
        )
        return payload

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
        options: list[dict[str, Any]] = []
        resolved: dict[str, dict[str, Any]] = {}
        for option, value in values.items():
            if value is None:
                continue
            kind = declared_types.get(option, 3)
            if kind == 11:
                resolved[str(value["id"])] = value
                options.append({"name": option, "type": 11, "value": str(value["id"])})
            else:
                entry: dict[str, Any] = {"name": option, "type": kind, "value": value}
                if option == focused:
                    entry["focused"] = True
                options.append(entry)
        if focused is not None and focused not in values:
            options.append({"name": focused, "type": 3, "value": "", "focused": True})
        data: dict[str, Any] = {
            "id": (definition or {}).get("id", self.snowflake()),
            "name": name,
            "type": 1,
            "options": options,
        }
        if definition is not None and definition.get("guild_id"):
            data["guild_id"] = definition["guild_id"]  # guild commands are matched by it
        if resolved:
            data["resolved"] = {"attachments": resolved}
        kind = 4 if focused is not None else 2
        return self.interaction(data, kind=kind, user=user, guild_id=guild_id, locale=locale)

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

    # -- interactions ----------------------------------------------------------------------

    async def interact(
        self,
        payload: Mapping[str, Any],
        shard: int | None = None,
        timeout: float = 3.0,
        *,
        session: Session | None = None,
    ) -> Callback:
        """Dispatch INTERACTION_CREATE and wait for its callback (Discord's 3-second rule)."""
        interaction_id = str(payload["id"])
        future: asyncio.Future[Callback] = asyncio.get_running_loop().create_future()
        self._callback_waiters[interaction_id] = future
        self._pending[str(payload["token"])] = dict(payload)
        self.dispatched_at[interaction_id] = time.perf_counter()
        guild_id = int(payload["guild_id"]) if payload.get("guild_id") else None
        try:
            await self.dispatch(
                "INTERACTION_CREATE", payload, shard=shard, guild_id=guild_id, session=session
            )
            self.sent_at[interaction_id] = time.perf_counter()
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            name = payload.get("data", {}).get("name")
            raise AssertionError(
                f"no callback for interaction {interaction_id} (/{name}) within {timeout}s"
            ) from None
        finally:
            self._callback_waiters.pop(interaction_id, None)

    async def answer(
        self,
        payload: Mapping[str, Any],
        shard: int | None = None,
        timeout: float = 3.0,
        *,
        session: Session | None = None,
        followup_timeout: float = 20.0,
    ) -> Answer:
        """What the user ends up seeing: the callback's message or, after a deferral, the
        follow-up. Discord allows a follow-up 15 minutes; a test allows `followup_timeout`."""
        callback = await self.interact(payload, shard, timeout, session=session)
        if callback.type != 5:
            return callback
        return await self.followup(callback.token, timeout=followup_timeout)

    async def followup(self, token: str, index: int = 0, timeout: float = 3.0) -> WebhookMessage:
        await self.wait_until(
            lambda: len(self.webhook_messages.get(token, ())) > index,
            timeout,
            f"follow-up #{index + 1} for interaction token {token[:16]}…",
        )
        return self.webhook_messages[token][index]

    # -- message components ------------------------------------------------------------------

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
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": kinds.get(custom_id, 2)}
        if data["component_type"] == 3:
            data["values"] = list(values)
        payload = self.interaction(data, kind=3, user=user, guild_id=guild_id, locale=locale)
        payload["message"] = dict(message)
        return payload

    def rate_limit_callbacks(self, count: int, retry_after: float = 0.3) -> None:
        """Answer the next `count` interaction callbacks with 429 and `retry_after` seconds."""
        self._rate_limits_left = count
        self._retry_after = retry_after

    # -- REST ------------------------------------------------------------------------------

    @web.middleware
    async def _log_requests(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        response = await handler(request)
        self.requests.append(Request(request.method, request.path, response.status))
        return response

    @staticmethod
    def json(
        payload: Any, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> web.Response:
        """`Content-Type: application/json` exactly (no charset): what discord.py parses."""
        response = web.Response(
            body=json.dumps(payload).encode(), status=status, headers=dict(headers or {})
        )
        response.headers["Content-Type"] = "application/json"
        return response

    async def _not_found(self, request: web.Request) -> web.Response:
        self.unhandled.append(Request(request.method, request.path, 404))
        return self.json({"message": "404: Not Found", "code": 0}, status=404)

    async def _no_content(self, request: web.Request) -> web.Response:
        return web.Response(status=204)

    async def _users_me(self, request: web.Request) -> web.Response:
        if self.reject_token:
            return self.json({"message": "401: Unauthorized", "code": 0}, status=401)
        return self.json(self.bot_user())

    async def _application(self, request: web.Request) -> web.Response:
        owner = OWNER.payload()
        return self.json(
            {
                "id": str(APPLICATION_ID),
                "name": "Season Bot",
                "icon": None,
                "description": "Answers questions about the 2013–14 Ascenso MX season.",
                "summary": "",
                "type": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": owner,
                "team": None,
                "verify_key": "0" * 64,
                "flags": 1 << 23,
                "rpc_origins": [],
                "tags": [],
                "redirect_uris": [],
                "interactions_endpoint_url": None,
                "approximate_guild_count": len(self.guilds),
                "bot": self.bot_user(),
            }
        )

    async def _gateway_url(self, request: web.Request) -> web.Response:
        return self.json({"url": self.gateway_url})

    async def _gateway_bot(self, request: web.Request) -> web.Response:
        return self.json(
            {
                "url": self.gateway_url,
                "shards": self.recommended_shards,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 14_400_000,
                    "max_concurrency": 1,
                },
            }
        )

    async def _put_commands(self, request: web.Request) -> web.Response:
        guild = request.match_info.get("guild")
        guild_id = int(guild) if guild else None
        body = await request.json()
        commands = []
        for definition in body:
            command = {
                "id": self.snowflake(),
                "application_id": str(APPLICATION_ID),
                "version": self.snowflake(),
                "type": 1,
                "default_member_permissions": None,
                "nsfw": False,
                **definition,
            }
            if command["default_member_permissions"] is not None:
                command["default_member_permissions"] = str(command["default_member_permissions"])
            if guild_id is not None:
                command["guild_id"] = str(guild_id)
            commands.append(command)
        self.syncs.append(CommandSync(guild_id, commands))
        await self._notify()
        return self.json(commands)

    async def _get_commands(self, request: web.Request) -> web.Response:
        guild = request.match_info.get("guild")
        guild_id = int(guild) if guild else None
        latest = [sync for sync in self.syncs if sync.guild_id == guild_id]
        return self.json(latest[-1].commands if latest else [])

    async def _read_body(
        self, request: web.Request
    ) -> tuple[dict[str, Any], dict[str, bytes], bool]:
        """JSON, or discord.py's multipart: `payload_json` plus `files[n]` parts."""
        if not request.content_type.startswith("multipart/"):
            return await request.json(), {}, False
        body: dict[str, Any] = {}
        files: dict[str, bytes] = {}
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader):
                continue
            content = await part.read()
            if part.name == "payload_json":
                body = json.loads(content)
            else:
                files[part.filename or part.name or "file"] = bytes(content)
        return body, files, True

    def _rate_limited(self) -> web.Response:
        retry = self._retry_after
        return self.json(
            {"message": "You are being rate limited.", "retry_after": retry, "global": False},
            status=429,
            headers={
                "Retry-After": str(max(1, round(retry))),
                "X-RateLimit-Limit": "5",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": f"{time.time() + retry:.3f}",
                "X-RateLimit-Reset-After": f"{retry:.3f}",
                "X-RateLimit-Bucket": "interaction-callback",
                "X-RateLimit-Scope": "user",
                "Via": "1.1 google",  # without it discord.py treats a 429 as a Cloudflare ban
            },
        )

    async def _callback(self, request: web.Request) -> web.Response:
        interaction_id = request.match_info["id"]
        token = request.match_info["token"]
        self.callback_attempts[interaction_id] += 1
        if self._rate_limits_left > 0:
            self._rate_limits_left -= 1
            self.rate_limited.append(interaction_id)
            await request.read()
            return self._rate_limited()
        body, files, multipart = await self._read_body(request)
        if self._late(interaction_id, self.callback_deadline):
            self.expired_callbacks.append(interaction_id)
            await self._notify()
            return self.json({"message": "Unknown interaction", "code": 10062}, status=404)
        callback = Callback(
            interaction_id,
            token,
            body,
            files,
            dict(request.query),
            time.perf_counter(),
            multipart,
        )
        if self.callbacks.get(interaction_id):
            self.callbacks[interaction_id].append(callback)
            return self.json(
                {"message": "Interaction has already been acknowledged.", "code": 40060},
                status=400,
            )
        self.callbacks[interaction_id] = [callback]
        self._original[token] = callback
        waiter = self._callback_waiters.get(interaction_id)
        if waiter is not None and not waiter.done():
            waiter.set_result(callback)
        await self._notify()
        if "with_response" not in request.query:
            return web.Response(status=204)  # Discord's answer unless asked for the resource
        return self.json(self._callback_response(callback))

    def _late(self, interaction_id: str | None, limit: float | None) -> bool:
        """Whether Discord would refuse a request about this interaction by now."""
        dispatched = self.dispatched_at.get(interaction_id or "")
        return (
            limit is not None
            and dispatched is not None
            and (time.perf_counter() - dispatched > limit)
        )

    def _token_expired(self, token: str) -> web.Response | None:
        interaction_id = self._pending.get(token, {}).get("id")
        if not self._late(interaction_id, self.token_lifetime):
            return None
        self.expired_webhooks.append(token)
        return self.json({"message": "Invalid Webhook Token", "code": 50027}, status=401)

    def _callback_response(self, callback: Callback) -> dict[str, Any]:
        """`?with_response=1`: `{"interaction": {...}, "resource": {...}}` (discord.py parses
        `interaction.id` and, if present, `resource.message`)."""
        interaction = self._pending.get(callback.token, {})
        kind = callback.type
        answer: dict[str, Any] = {
            "interaction": {
                "id": callback.interaction_id,
                "type": interaction.get("type", 2),
                "response_message_loading": kind == 5,
                "response_message_ephemeral": callback.ephemeral,
            }
        }
        if kind in (4, 5):
            message_id = self.snowflake()
            answer["interaction"]["response_message_id"] = message_id
            flags = callback.flags | (1 << 7 if kind == 5 else 0)
            message = self.message_object(callback.token, callback.data, message_id, flags)
            answer["resource"] = {"type": kind, "message": message}
        elif kind == 7:
            # UPDATE_MESSAGE: the clicked message, as edited.
            clicked = dict(interaction.get("message") or {})
            clicked.update({key: value for key, value in callback.data.items() if key != "flags"})
            answer["resource"] = {"type": kind, "message": clicked}
        return answer

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
        return {
            "id": message_id,
            "type": kind,
            "channel_id": channel_id,
            "author": self.bot_user(),
            "content": data.get("content") or "",
            "embeds": data.get("embeds") or [],
            "attachments": [],
            "components": data.get("components") or [],
            "mentions": [],
            "mention_roles": [],
            "mention_everyone": False,
            "pinned": False,
            "tts": False,
            "timestamp": now_iso(),
            "edited_timestamp": None,
            "flags": flags,
        }

    def _deferred(self, token: str) -> Callback | None:
        original = self._original.get(token)
        return original if original is not None and original.type == 5 else None

    async def _followup(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        body, files, _ = await self._read_body(request)
        expired = self._token_expired(token)
        if expired is not None:
            return expired
        earlier = self.webhook_messages.setdefault(token, [])
        deferral = self._deferred(token)
        if deferral is not None and not any(m.kind == "followup" for m in earlier):
            ephemeral = deferral.ephemeral  # the first follow-up is the deferred original
        else:
            ephemeral = bool(int(body.get("flags") or 0) & EPHEMERAL)
        return await self._record_webhook(
            "followup", token, body=body, files=files, ephemeral=ephemeral, request=request
        )

    async def _edit(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        body, files, _ = await self._read_body(request)
        expired = self._token_expired(token)
        if expired is not None:
            return expired
        original = self._original.get(token)
        ephemeral = original.ephemeral if original is not None else False
        if original is not None and original.type in (6, 7):
            # A click's @original is the message clicked on: it keeps its own visibility.
            clicked = self._pending.get(token, {}).get("message") or {}
            ephemeral = bool(int(clicked.get("flags") or 0) & EPHEMERAL)
        return await self._record_webhook(
            "edit", token, body=body, files=files, ephemeral=ephemeral, request=request
        )

    async def _record_webhook(
        self,
        kind: Literal["followup", "edit"],
        token: str,
        *,
        body: dict[str, Any],
        files: dict[str, bytes],
        ephemeral: bool,
        request: web.Request,
    ) -> web.Response:
        message_id = self.snowflake()
        message = WebhookMessage(
            kind, token, body, files, ephemeral, time.perf_counter(), message_id
        )
        self.webhook_messages.setdefault(token, []).append(message)
        await self._notify()
        if kind == "followup" and request.query.get("wait") in ("0", "false", None):
            return web.Response(status=204)
        flags = EPHEMERAL if ephemeral else 0
        return self.json(self.message_object(token, body, message_id, flags))

    async def _get_message(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        messages = self.webhook_messages.get(token)
        if not messages:
            return self.json({"message": "Unknown Message", "code": 10008}, status=404)
        last = messages[-1]
        return self.json(self.message_object(token, last.body, last.message_id, 0))

    async def _attachment(self, request: web.Request) -> web.Response:
        content = self._attachments.get(request.match_info["id"])
        if content is None:
            return self.json({"message": "404: Not Found", "code": 0}, status=404)
        self.downloads.append(request.path)
        return web.Response(body=content, content_type="application/octet-stream")

    # -- channel messages: mentions and DMs ------------------------------------------------

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
            me = DiscordDouble.bot_user()
            author = {key: me[key] for key in (*fields, "public_flags", "flags")}
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
            "timestamp": now_iso(),
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

    def session_intents(self, session: Session) -> int:
        """The intents the session asked for in its IDENTIFY."""
        return int(self.identifies[session.order].get("intents") or 0)

    def _message_session(self, guild_id: int | None) -> Session:
        """Guild messages go to the guild's shard; DMs to shard 0, as on Discord."""
        if guild_id is not None:
            return self.session_for(guild_id=guild_id)
        live = [session for session in self.sessions.values() if not session.invalid]
        return self.session_for(0 if any(session.shard for session in live) else None)

    @staticmethod
    def _content_visible(payload: Mapping[str, Any]) -> bool:
        """Without the message content intent Discord still sends the content of DMs, of
        messages that mention the app, and of the app's own messages."""
        if not payload.get("guild_id"):
            return True
        if int(payload["author"]["id"]) == APPLICATION_ID:
            return True
        return any(int(user["id"]) == APPLICATION_ID for user in payload.get("mentions") or ())

    async def deliver_message(self, payload: Mapping[str, Any]) -> bool:
        """Dispatch MESSAGE_CREATE as Discord would to this bot: only if its session asked for
        GUILD_MESSAGES (guild) or DIRECT_MESSAGES (DM), else it is withheld and False is
        returned; and without the MESSAGE_CONTENT intent, with content, embeds, attachments
        and components blanked unless the content is visible anyway (`_content_visible`)."""
        message = dict(payload)
        message_id = str(message["id"])
        guild_id = int(message["guild_id"]) if message.get("guild_id") else None
        self.user_messages[message_id] = message
        self._channel_marks[message_id] = len(
            self.posted_messages.get(str(message["channel_id"]), ())
        )
        session = self._message_session(guild_id)
        intents = self.session_intents(session)
        needed = INTENT_GUILD_MESSAGES if guild_id is not None else INTENT_DM_MESSAGES
        if not intents & needed:
            self.withheld_messages.append(message)
            return False
        event = dict(message)
        if not intents & INTENT_MESSAGE_CONTENT and not self._content_visible(message):
            event.update(content="", embeds=[], attachments=[], components=[])
        await session.dispatch("MESSAGE_CREATE", event)
        return True

    async def post_message(self, content: str, **options: Any) -> dict[str, Any]:
        """Build a `fan_message` (same options) and deliver it; returns its payload."""
        payload = self.fan_message(content, **options)
        await self.deliver_message(payload)
        return payload

    def replies(self, message: Mapping[str, Any]) -> list[ChannelMessage]:
        """What the bot posted in `message`'s channel since it was dispatched, replying to it
        or to nothing (a plain send would answer it too, just not as a reply)."""
        message_id = str(message["id"])
        mark = self._channel_marks.get(message_id, 0)
        posted = self.posted_messages.get(str(message["channel_id"]), [])[mark:]
        return [
            reply
            for reply in posted
            if str(reply.reference.get("message_id", message_id)) == message_id
        ]

    async def reply_to(self, message: Mapping[str, Any], timeout: float = 5.0) -> ChannelMessage:
        """The bot's first reply to `message` (see `replies`), waited for up to `timeout`."""
        try:
            await self.wait_until(
                lambda: bool(self.replies(message)),
                timeout,
                f"a reply to message {message['id']} in channel {message['channel_id']}",
            )
        except AssertionError as error:
            notes = []
            if any(withheld["id"] == message["id"] for withheld in self.withheld_messages):
                notes.append("the double withheld the message: the bot lacks its intent")
            refused = [code for channel, _, code in self.rejected_messages]
            if refused:
                notes.append(f"posts refused with codes {refused}")
            raise AssertionError("; ".join([str(error), *notes])) from None
        return self.replies(message)[0]

    async def say(self, content: str, *, timeout: float = 5.0, **options: Any) -> ChannelMessage:
        """Post a message as a fan (options: `fan_message`'s) and return the bot's reply, e.g.
        `await double.say("who won the Clausura?")` (mentions the bot in the admin guild) or
        `await double.say("how far did Necaxa get?", dm=True)`."""
        payload = await self.post_message(content, **options)
        return await self.reply_to(payload, timeout)

    PROBE_QUESTION = "who won the Apertura?"

    async def assert_no_reply(
        self,
        message: Mapping[str, Any],
        *,
        within: float = 0.3,
        probe: bool = True,
        timeout: float = 5.0,
    ) -> None:
        """That the bot posts nothing in `message`'s channel in answer to it.

        Silence alone proves little (a dead or slow bot is silent too), so first a probe: a
        fan's question to the bot, sent after `message` on the same gateway session (in the
        same channel, unless that is a DM with another bot: then in the fan's DM). The gateway
        delivers in order and discord.py reads in order, so once the probe is answered the bot
        has read `message`; `within` seconds more cover a reply still racing the probe's."""
        channel = str(message["channel_id"])
        mark = self._channel_marks.get(str(message["id"]), 0)
        answered: ChannelMessage | None = None
        if probe:
            if message.get("guild_id"):
                question = self.fan_message(self.PROBE_QUESTION, guild_id=int(message["guild_id"]))
            else:
                recipient = self._dm_recipients.get(int(channel), FAN)
                if recipient == OTHER_BOT:
                    recipient = FAN
                question = self.fan_message(self.PROBE_QUESTION, user=recipient, dm=True)
            await self.deliver_message(question)
            answered = await self.reply_to(question, timeout)
        await asyncio.sleep(within)
        stray = [
            posted
            for posted in self.posted_messages.get(channel, [])[mark:]
            if posted is not answered
        ]
        assert not stray, (
            f"the bot answered message {message['id']} ({message.get('content')!r}): "
            f"{[posted.text for posted in stray]}"
        )

    def _refusal(self, body: Mapping[str, Any], files: Mapping[str, bytes]) -> str | None:
        """Why Discord would answer a message post with 400, if it would."""
        content = body.get("content") or ""
        if not (content or body.get("embeds") or files or body.get("sticker_ids")):
            return "50006 Cannot send an empty message"
        if len(content) > 2000:
            return "50035 content: Must be 2000 or fewer in length."
        if len(body.get("embeds") or ()) > 10:
            return "50035 embeds: Must be 10 or fewer in length."
        return None

    async def _channel_message(self, request: web.Request) -> web.Response:
        """POST /channels/{channel_id}/messages: record what the bot sent (`posted_messages`),
        answer with the full message object (discord.py
        builds the returned `Message` from it) and, as Discord does, dispatch it back to the
        bot as MESSAGE_CREATE. A post Discord would refuse gets its 400. A channel that is not
        a guild's is taken for a DM channel."""
        channel_id = int(request.match_info["channel"])
        guild = self._channel_guild(channel_id)
        body, files, multipart = await self._read_body(request)
        if str(channel_id) in self.read_only_channels:
            self.rejected_messages.append((str(channel_id), body, 50013))
            await self._notify()
            return self.json({"message": "Missing Permissions", "code": 50013}, status=403)
        refusal = self._refusal(body, files)
        if refusal is not None:
            code, text = refusal.split(" ", 1)
            self.rejected_messages.append((str(channel_id), body, int(code)))
            await self._notify()
            return self.json({"message": text, "code": int(code)}, status=400)
        message_id = self.snowflake()
        message = self._posted_message(channel_id, guild, body, files, message_id)
        self.posted_messages.setdefault(str(channel_id), []).append(
            ChannelMessage(
                str(channel_id), body, files, multipart, time.perf_counter(), message_id, message
            )
        )
        await self._notify()
        if self.echo_own_messages:
            echo = dict(message)
            if guild is not None:
                echo.update(guild_id=str(guild.id), member=self.partial_member(None))
            with contextlib.suppress(AssertionError):  # no session to echo to: nothing to do
                await self.deliver_message(echo)
        return self.json(message)

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
