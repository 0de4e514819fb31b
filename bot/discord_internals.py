"""Every use of a discord.py internal, in one module, each with why the public API will not do.

discord.py's public API covers what a bot usually needs. This one needs a few things it does
not offer: a burst of interactions each answered within Discord's 3 s (bot/flow.py), a local
Discord double in place of discord.com, a gateway that survives one bad frame
(bot/resilience.py). What those take of discord.py's insides is here and nowhere else; ruff's
SLF001 refuses a private name anywhere else in the project.

`INTERNALS` and `OVERRIDES` declare what is used: the upgrade canary
(tests/bot/test_discord_internals.py) checks each against the installed discord.py on every
test run, so an upgrade that removes or reshapes one fails that test at once, naming it,
instead of failing a live bot. None of them differs between discord.py 2.7.1 and 2.8.0a (the
upstream source, compared when the `<2.8` pin was lifted).
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import re
import sys
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import aiohttp
import discord
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket
from discord.http import HTTPClient, Route
from discord.state import ConnectionState

ClientT = TypeVar("ClientT", bound=discord.Client)

# -- where Discord is ---------------------------------------------------------------------------


def point_at(api_base: str, gateway_url: str | None) -> None:
    """`Route.BASE` and `DiscordWebSocket.DEFAULT_GATEWAY`, set for the whole process.

    Why: discord.py takes no base URL. Every REST route, interaction callback and webhook
    request is built on the class attribute `Route.BASE`, and a client that is not sharded
    connects to the class attribute `DEFAULT_GATEWAY`; neither is a `Client` option. A REST
    proxy or the local Discord double (DISCORD_API_BASE, DISCORD_GATEWAY_URL) needs both."""
    Route.BASE = api_base
    if gateway_url:
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)


def api_base() -> str:
    """`Route.BASE`: the REST base every request goes to (see `point_at`)."""
    return Route.BASE


# -- the client and its connection ----------------------------------------------------------------


def silence_voice_warnings() -> None:
    """`VoiceClient.warn_nacl` and `warn_dave`, cleared before a client is built.

    Why: `Client()` logs a warning when the voice libraries are missing, under a switch that
    is a class attribute, not an option. This bot never joins a voice channel; the warning
    would only worry operators."""
    discord.VoiceClient.warn_nacl = False
    discord.VoiceClient.warn_dave = False


def connection_state(client: discord.Client) -> ConnectionState[Any]:
    """`Client._connection`: the state that parses gateway events.

    Why: an `Interaction` is built on it (the dispatch tests build them from payloads, as the
    gateway does), and its event parsers and READY's bookkeeping (`harden` below) live on it;
    discord.py offers no accessor."""
    return client._connection


def use_connector(client: discord.Client, connector: aiohttp.BaseConnector) -> None:
    """`Client.http.connector`, set before discord.py opens its HTTP session at login.

    Why: `Client(connector=...)` is public, but aiohttp builds a connector only inside a
    running event loop, and the bot is built before its loop runs (bot/runtime.py); `login`
    is the first moment inside the loop before the session is opened with it."""
    http: HTTPClient = client.http
    http.connector = connector


# -- the gateway --------------------------------------------------------------------------------


def event_parsers(client: discord.Client) -> dict[str, Callable[[Any], Any]]:
    """`ConnectionState.parsers`: the table of one parser per gateway event.

    Why: a parser that raises on a malformed event stops the gateway loop, and with it the
    bot (bot/resilience.py wraps each one); discord.py has no hook around event parsing."""
    parsers: dict[str, Callable[[Any], Any]] = connection_state(client).parsers
    return parsers


def keep_user(client: discord.Client, user: discord.ClientUser) -> None:
    """The bot's own user, put back as READY would have: `state.user` and `state._users`.

    Why: discord.py clears its state before parsing READY, so a READY that fails half-way
    leaves the bot without its own user, and every interaction after it fails; the user
    known from login is put back where READY puts it. There is no public setter."""
    state = connection_state(client)
    state.user = user
    state._users[user.id] = user  # type: ignore[assignment]  # as discord.py's READY does


def become_ready_later(client: discord.Client) -> None:
    """Start discord.py's wait for the guilds after READY (`_delay_ready`), unless running.

    Why: a READY that failed half-way never starts it, and the client would never dispatch
    `ready`; READY's queue (`_ready_state`) exists once READY began, and `_ready_task` is
    the wait, if one runs. discord.py exposes neither."""
    state = connection_state(client)
    ready = getattr(state, "_ready_task", None)
    if hasattr(state, "_ready_state") and (ready is None or ready.done()):
        state._ready_task = asyncio.ensure_future(state._delay_ready())


FrameHandler = Callable[[DiscordWebSocket, Any], Awaitable[None]]
_RECEIVED_MESSAGE: FrameHandler = DiscordWebSocket.received_message


def drop_frames_raising(
    errors: tuple[type[Exception], ...], report: Callable[[int | None, Exception], None]
) -> None:
    """`DiscordWebSocket.received_message`, wrapped class-wide: a frame whose handling raises
    one of `errors` is reported and dropped, and the connection goes on.

    Why: discord.py lets a frame that does not decode escape its gateway loop, which stops
    the client. It offers no hook between reading a frame and handling it, and it builds a
    new websocket object inside `Client.connect` on every (re)connection, so the class is the
    one place to wrap. Wrapping discord.py's own handler, kept at import, makes this
    idempotent."""

    async def received_message(self: DiscordWebSocket, msg: Any, /) -> None:
        try:
            await _RECEIVED_MESSAGE(self, msg)
        except errors as error:
            report(self.shard_id, error)

    DiscordWebSocket.received_message = received_message  # type: ignore[method-assign]


# -- where interactions enter -------------------------------------------------------------------


class TreeEntry(app_commands.CommandTree[ClientT]):
    """discord.py's command tree, its two private doors behind public names.

    `_from_interaction` is where `ConnectionState.parse_interaction_create` hands every
    application command and autocomplete; discord.py would start a task for each at once.
    Overridden, it hands each to `received` instead (the bot admits it into its flow:
    bot/flow.py). `invoke` then runs it as discord.py would: `_call` (the only way to have
    discord.py read the options, run the transformers and checks, and call the command)
    and, for an error, `on_error` (public). discord.py's `_dispatch_error` would also run a
    command's own error handlers; this bot's commands have none."""

    def _from_interaction(self, interaction: discord.Interaction[ClientT]) -> None:
        self.received(interaction)

    def received(self, interaction: discord.Interaction[ClientT]) -> asyncio.Task[None] | None:
        """An application command or autocomplete, as soon as its gateway frame is parsed."""
        raise NotImplementedError

    async def invoke(self, interaction: discord.Interaction[ClientT]) -> None:
        """Checks, options, the command (or its autocomplete) and, on error, `on_error`."""
        try:
            await self._call(interaction)
        except app_commands.AppCommandError as error:
            interaction.command_failed = True
            await self.on_error(interaction, error)


class EventEntry(discord.Client):
    """`Client.dispatch`, overridden: it is undocumented (no docstring, so not in discord.py's
    API reference), but it is the one place every event passes.

    Why: discord.py dispatches `socket_event_type` for every gateway frame and `interaction`
    for every interaction, each a task for its listeners. Under a burst those are thousands
    of tasks in the 3 s every interaction has; nothing here listens to the first, commands
    reach the tree on their own (`TreeEntry`), and a click goes straight to `received`, so
    that it enters the same flow as a command, in order, from the frame that brought it."""

    def received(self, interaction: discord.Interaction[Any]) -> asyncio.Task[None] | None:
        """A click (a button or a menu), as soon as its gateway frame is parsed."""
        raise NotImplementedError

    def dispatch(self, event: str, /, *args: Any, **kwargs: Any) -> None:
        if event == "socket_event_type":
            return
        if event == "interaction":
            interaction = args[0] if args else None
            if getattr(interaction, "type", None) is discord.InteractionType.component:
                self.received(interaction)  # type: ignore[arg-type]
            return
        super().dispatch(event, *args, **kwargs)


# -- the lean deferral (bot/flow.py) ---------------------------------------------------------------


def http_session(interaction: discord.Interaction[Any]) -> aiohttp.ClientSession | None:
    """`Interaction._session`: discord.py's HTTP session, None before login.

    Why: a deferral under a burst is one plain POST on discord.py's own session (its pool of
    kept-alive connections), not discord.py's webhook request (see `Ticket._post_deferral`);
    the session is not public."""
    session = interaction._session
    return session if isinstance(session, aiohttp.ClientSession) else None


def http_proxy(interaction: discord.Interaction[Any]) -> dict[str, Any]:
    """`Interaction._state.http`'s proxy settings, for that POST to go the way discord.py's
    requests go (`Client(proxy=...)`); the state is not public."""
    http = interaction._state.http
    return {"proxy": http.proxy, "proxy_auth": http.proxy_auth}


def mark_responded(
    interaction: discord.Interaction[Any], kind: discord.InteractionResponseType
) -> None:
    """`InteractionResponse._response_type`, set as discord.py's `defer` sets it, once the
    plain POST of a deferral succeeded.

    Why: `response.is_done()` and `response.type` (public) read it, and discord.py's
    follow-ups and edits of `@original` depend on it; there is no public setter."""
    interaction.response._response_type = kind


# -- what the upgrade canary checks ---------------------------------------------------------------

INTERNALS: tuple[tuple[object, str], ...] = (
    (Route, "BASE"),
    (DiscordWebSocket, "DEFAULT_GATEWAY"),
    (discord.VoiceClient, "warn_nacl"),
    (discord.VoiceClient, "warn_dave"),
    (discord.Client, "_connection"),
    (discord.Client, "http"),
    (HTTPClient, "connector"),
    (HTTPClient, "proxy"),
    (HTTPClient, "proxy_auth"),
    (ConnectionState, "parsers"),
    (ConnectionState, "user"),
    (ConnectionState, "_users"),
    (ConnectionState, "_ready_task"),
    (ConnectionState, "_ready_state"),
    (discord.Interaction, "_session"),
    (discord.Interaction, "_state"),
    (discord.InteractionResponse, "_response_type"),
)
"""(owner, attribute) for every internal above that is read or set, not overridden: an
attribute of the class, or one its code assigns on `self` (an instance attribute)."""

OVERRIDES: tuple[tuple[type, str, tuple[str, ...], bool], ...] = (
    (app_commands.CommandTree, "_from_interaction", ("self", "interaction"), False),
    (app_commands.CommandTree, "_call", ("self", "interaction"), True),
    (discord.Client, "dispatch", ("self", "event", "args", "kwargs"), False),
    (DiscordWebSocket, "received_message", ("self", "msg"), True),
    (ConnectionState, "_delay_ready", ("self",), True),
)
"""(class, method, its parameters, whether it is a coroutine) for every method of discord.py
that is overridden, wrapped or called here: the code here relies on its signature."""


@functools.cache
def _module_source(module: str) -> str:
    found = sys.modules.get(module)
    try:
        return inspect.getsource(found) if found is not None else ""
    except (OSError, TypeError):
        return ""


def assigned_on_self(owner: type, name: str) -> bool:
    """Whether the module of `owner` (or of a discord.py class it inherits) assigns
    `self.<name>`: an instance attribute, which the class itself does not have."""
    pattern = re.compile(rf"\bself\.{re.escape(name)}\s*(?::[^=\n]*)?=(?!=)")
    modules = {cls.__module__ for cls in owner.__mro__ if cls.__module__.startswith("discord")}
    return any(pattern.search(_module_source(module)) for module in modules)


def missing_internals() -> list[str]:
    """Each internal above that the installed discord.py no longer has, or has changed, in
    words that name it; empty when all are there."""
    missing = [
        f"{getattr(owner, '__qualname__', owner)}.{name}"
        for owner, name in INTERNALS
        if not hasattr(owner, name)
        and not (isinstance(owner, type) and assigned_on_self(owner, name))
    ]
    for owner, name, parameters, coroutine in OVERRIDES:
        method = getattr(owner, name, None)
        where = f"{owner.__qualname__}.{name}"
        if method is None:
            missing.append(where)
            continue
        found = tuple(inspect.signature(method).parameters)
        if found != parameters:
            missing.append(f"{where}{found} (expected {parameters})")
        elif inspect.iscoroutinefunction(method) != coroutine:
            missing.append(f"{where} ({'no longer' if coroutine else 'now'} a coroutine)")
    return missing
