"""The gateway: websocket connections, sessions that survive them, IDENTIFY, RESUME with replay,
and the dispatch of events (interactions, messages) to the shard Discord would pick."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Mapping
from typing import Any

import orjson
from aiohttp import WSMsgType, web

from tests.e2e.double.model import (
    INTENT_DM_MESSAGES,
    INTENT_GUILD_MESSAGES,
    INTENT_MESSAGE_CONTENT,
)
from tests.e2e.double.payloads import Payloads
from tests.payloads import (
    APPLICATION_ID,
)


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


class Gateway(Payloads):
    """The gateway side of the double, and the control a test has over it."""

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

    # -- channel messages: MESSAGE_CREATE as Discord delivers it ----------------------------

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
