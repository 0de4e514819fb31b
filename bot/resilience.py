"""Keeping one bad gateway frame from taking the bot down.

discord.py lets an exception escape its gateway loop when a frame is not JSON, or when an
event lacks a field its parser expects; the client then stops. A proxy hiccup or a Discord
API change would take every server's bot offline over one event. We drop such an event with
a warning that says which event, what was wrong and where, instead: nothing else depends on
it, and the next frames are fine.

Only decoding errors (JSON, zlib, UTF-8) mean "not JSON": any other error escaping the
frame handler is a bug to see, not a frame to shrug off. READY is special: discord.py clears
its state before parsing it, so a READY that fails half-way (a malformed user id) would
leave the bot without its own user and fail every interaction after it. Then we keep the
user known from login and let the session become ready without the broken part.

This wraps discord.py internals (the parser table, `DiscordWebSocket.received_message`,
`ConnectionState` readiness), so it lives here, in one place, applied once by `seasonbot run`.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import traceback
import zlib
from collections.abc import Callable
from typing import Any

import discord
from discord.gateway import DiscordWebSocket

log = logging.getLogger("seasonbot.gateway")

NOT_JSON = (json.JSONDecodeError, zlib.error, UnicodeDecodeError)
"""What a frame that is not JSON raises (orjson's error is a json.JSONDecodeError too)."""


def describe(error: BaseException) -> str:
    """`KeyError: 'token' (discord/interactions.py:215 in _from_data)`: what and where,
    in one line, without the traceback."""
    frames = traceback.extract_tb(error.__traceback__)
    where = ""
    if frames:
        last = frames[-1]
        path = last.filename.replace("\\", "/").split("site-packages/")[-1]
        where = f" ({path}:{last.lineno} in {last.name})"
    return f"{type(error).__name__}: {error}{where}"


def _guarded(event: str, parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
    @functools.wraps(parse)
    def guarded(data: Any) -> Any:
        try:
            return parse(data)
        except Exception as error:
            log.warning("dropped a malformed %s event: %s", event, describe(error))
            return None

    return guarded


def _guarded_ready(state: Any, parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
    @functools.wraps(parse)
    def guarded(data: Any) -> Any:
        known_user = state.user  # from login (GET /users/@me): READY repeats it
        try:
            return parse(data)
        except Exception as error:
            log.warning(
                "dropped a malformed READY event: %s; keeping the bot user from login",
                describe(error),
            )
            if state.user is None and known_user is not None:
                state.user = known_user
                state._users[known_user.id] = known_user
            ready = getattr(state, "_ready_task", None)
            if hasattr(state, "_ready_state") and (ready is None or ready.done()):
                # Become ready as the READY would have: on the GUILD_CREATEs that follow.
                state._ready_task = asyncio.ensure_future(state._delay_ready())
            return None

    return guarded


def harden_parsers(client: discord.Client) -> None:
    """Make each event parser of this client drop, not raise on, a malformed event."""
    state = client._connection
    parsers: dict[str, Callable[[Any], Any]] = state.parsers
    for event, parse in list(parsers.items()):
        if hasattr(parse, "__wrapped__"):
            continue
        parsers[event] = (
            _guarded_ready(state, parse) if event == "READY" else _guarded(event, parse)
        )


_received_message = DiscordWebSocket.received_message


async def _tolerant_received_message(self: DiscordWebSocket, msg: Any, /) -> None:
    try:
        await _received_message(self, msg)
    except NOT_JSON as error:
        log.warning("dropped a gateway frame that is not JSON (shard %s): %s", self.shard_id, error)


def harden_gateway(client: discord.Client) -> None:
    harden_parsers(client)
    DiscordWebSocket.received_message = _tolerant_received_message  # type: ignore[method-assign]
