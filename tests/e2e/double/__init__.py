"""A local Discord for the end-to-end tests: REST, webhooks, a CDN route and the gateway.

Why a double and not mocks: the e2e tests run the bot exactly as `seasonbot run` runs it (a
subprocess, the real discord.py client, real HTTP and websocket traffic), so they catch what
handler tests cannot: the payloads discord.py actually puts on the wire, `allowed_mentions`,
command sync at start-up, reconnects, rate limits, sharding. Everything discord.py 2.7 relies
on is modelled here, checked against discord.py's source rather than guessed:

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
- A command sync can be refused as Discord refuses it: 403 `Missing Access` (50001) for a
  guild in `guilds_refusing_commands` (one the application is not in), or 429 with a
  `retry_after` of the test's choosing (`rate_limit_syncs`).

- Every request to the API is judged as Discord judges it before any route sees it: against
  the operations of Discord's OpenAPI spec vendored in `spec/` (`openapi.py`, refreshed by
  `tools/vendor_discord_spec.py`) and the documented rules the spec does not encode
  (`limits.py`: component rows and ids, flags per route, embeds' 6000, attachments, command
  names and locales...). A request Discord would refuse gets Discord's own error body (400,
  `{code, message, errors: {...}}` nested by field) and is recorded in `violations`; the
  fixtures fail the test that sent it. The double's own answers are checked against the
  spec's response for their status too (204 with no body where Discord's has none).

Frames are sent as plain-text JSON although the client asks for zlib-stream; discord.py only
decompresses binary frames.

The package, one part of Discord a module, each class building on the one before:
`model` (ids, users, guilds, and what the double records), `payloads` (what Discord sends),
`gateway` (websocket sessions, IDENTIFY, RESUME, dispatch), `rest` (the HTTP routes and their
refusals, with `strict`, `openapi` and `limits` judging each request first) and `waiting` (what
a test awaits). `DiscordDouble` is all of them; import it and
everything else from `tests.e2e.double`.
"""

from __future__ import annotations

from tests.e2e.double.gateway import Connection, Session
from tests.e2e.double.model import (
    ADMIN_CHANNEL_ID,
    ADMIN_GUILD_ID,
    API,
    DEFAULT_GUILDS,
    FAN,
    FAN_CHANNEL_ID,
    FAN_GUILD_ID,
    INTENT_DM_MESSAGES,
    INTENT_GUILD_MESSAGES,
    INTENT_GUILDS,
    INTENT_MESSAGE_CONTENT,
    MODERATOR,
    MODERATOR_ROLE_ID,
    OTHER_BOT,
    OWNER,
    PRIVILEGED_INTENTS,
    ROLE_MODERATOR,
    Answer,
    Callback,
    ChannelMessage,
    CommandSync,
    Guild,
    Request,
    User,
    Violation,
    WebhookMessage,
)
from tests.e2e.double.waiting import Waiting
from tests.helpers import text as message_text
from tests.payloads import (
    ALL_PERMISSIONS,
    APPLICATION_ID,
    DISCORD_EPOCH_MS,
    EPHEMERAL,
    MANAGE_GUILD,
    VIEW_AND_USE,
    now_iso,
)


class DiscordDouble(Waiting):
    """The server. Use as `async with DiscordDouble() as double:`; see the module docstring."""


__all__ = [
    "ADMIN_CHANNEL_ID",
    "ADMIN_GUILD_ID",
    "ALL_PERMISSIONS",
    "API",
    "APPLICATION_ID",
    "DEFAULT_GUILDS",
    "DISCORD_EPOCH_MS",
    "EPHEMERAL",
    "FAN",
    "FAN_CHANNEL_ID",
    "FAN_GUILD_ID",
    "INTENT_DM_MESSAGES",
    "INTENT_GUILDS",
    "INTENT_GUILD_MESSAGES",
    "INTENT_MESSAGE_CONTENT",
    "MANAGE_GUILD",
    "MODERATOR",
    "MODERATOR_ROLE_ID",
    "OTHER_BOT",
    "OWNER",
    "PRIVILEGED_INTENTS",
    "ROLE_MODERATOR",
    "VIEW_AND_USE",
    "Answer",
    "Callback",
    "ChannelMessage",
    "CommandSync",
    "Connection",
    "DiscordDouble",
    "Guild",
    "Request",
    "Session",
    "User",
    "Violation",
    "WebhookMessage",
    "message_text",
    "now_iso",
]
