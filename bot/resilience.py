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

What this takes of discord.py's internals (the parser table, `DiscordWebSocket.received_message`,
READY's bookkeeping) is in bot/discord_internals.py, with why; it is applied once, by
`seasonbot run`.
"""

from __future__ import annotations

import functools
import json
import logging
import traceback
import zlib
from collections.abc import Callable
from typing import Any

import discord

from bot import discord_internals as internals

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


def _guarded_ready(client: discord.Client, parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
    @functools.wraps(parse)
    def guarded(data: Any) -> Any:
        known_user = client.user  # from login (GET /users/@me): READY repeats it
        try:
            return parse(data)
        except Exception as error:
            log.warning(
                "dropped a malformed READY event: %s; keeping the bot user from login",
                describe(error),
            )
            if client.user is None and known_user is not None:
                internals.keep_user(client, known_user)
            # Become ready as the READY would have: on the GUILD_CREATEs that follow.
            internals.become_ready_later(client)
            return None

    return guarded


def harden_parsers(client: discord.Client) -> None:
    """Make each event parser of this client drop, not raise on, a malformed event."""
    parsers = internals.event_parsers(client)
    for event, parse in list(parsers.items()):
        if hasattr(parse, "__wrapped__"):
            continue
        parsers[event] = (
            _guarded_ready(client, parse) if event == "READY" else _guarded(event, parse)
        )


def _report_frame(shard_id: int | None, error: Exception) -> None:
    log.warning("dropped a gateway frame that is not JSON (shard %s): %s", shard_id, error)


def harden_gateway(client: discord.Client) -> None:
    harden_parsers(client)
    internals.drop_frames_raising(NOT_JSON, _report_frame)
