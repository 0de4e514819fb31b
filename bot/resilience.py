"""Keeping one bad gateway frame from taking the bot down.

discord.py lets an exception escape its gateway loop when a frame is not JSON, or when an
event lacks a field its parser expects; the client then stops. A proxy hiccup or a Discord
API change would take every server's bot offline over one event. We drop such an event with
a warning instead: nothing else depends on it, and the next frames are fine.

This wraps discord.py internals (the parser table, `DiscordWebSocket.received_message`), so
it lives here, in one place, applied once by `seasonbot run`.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

import discord
from discord.gateway import DiscordWebSocket

log = logging.getLogger("seasonbot.gateway")

ESSENTIAL = frozenset({"READY", "RESUMED"})
"""Without these the session cannot work; a failure there must stay loud."""


def _guarded(event: str, parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
    @functools.wraps(parse)
    def guarded(data: Any) -> Any:
        try:
            return parse(data)
        except Exception:
            log.warning("dropped a malformed %s event", event, exc_info=True)
            return None

    return guarded


def harden_parsers(client: discord.Client) -> None:
    """Make each event parser of this client drop, not raise on, a malformed event."""
    parsers: dict[str, Callable[[Any], Any]] = client._connection.parsers
    for event, parse in list(parsers.items()):
        if event not in ESSENTIAL and not hasattr(parse, "__wrapped__"):
            parsers[event] = _guarded(event, parse)


_received_message = DiscordWebSocket.received_message


async def _tolerant_received_message(self: DiscordWebSocket, msg: Any, /) -> None:
    try:
        await _received_message(self, msg)
    except ValueError:  # not JSON (json.JSONDecodeError and orjson's errors are ValueErrors)
        log.warning("dropped a gateway frame that is not JSON (shard %s)", self.shard_id)


def harden_gateway(client: discord.Client) -> None:
    harden_parsers(client)
    DiscordWebSocket.received_message = _tolerant_received_message  # type: ignore[method-assign]
