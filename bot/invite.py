"""The invite link a server admin opens to add the bot (`seasonbot invite`), made offline.

A bot token is three dot-separated parts, the first the bot user's id in base64; a bot's
user id is its application's id (the `client_id` of an invite) for every application made
since 2016. So the link needs no call to Discord; `SEASONBOT_APPLICATION_ID` gives the id
where there is no token on the machine (or for an older application whose ids differ: the
Developer Portal shows the Application ID on its General Information page).
"""

from __future__ import annotations

import base64
import binascii
from urllib.parse import urlencode

AUTHORIZE_URL = "https://discord.com/oauth2/authorize"

SCOPES = ("bot", "applications.commands")
"""`bot` joins the server (gateway events: mentions); `applications.commands` lets the
server use its slash commands."""

PERMISSION_BITS = {
    # Discord's documented bit for each permission (developer docs, "Permissions").
    "View Channel": 1 << 10,
    "Send Messages": 1 << 11,
    "Embed Links": 1 << 14,
    "Attach Files": 1 << 15,
    "Read Message History": 1 << 16,
}
"""What the bot does with each: slash commands are answered through the interaction's own
webhook, which needs no permission; a mention is answered with a reply in the channel, so
it must see the channel, send there, send embeds and pictures (/bracket and /path), and
read the message it replies to."""

PERMISSIONS = sum(PERMISSION_BITS.values())


class NoApplicationId(Exception):
    """Neither SEASONBOT_APPLICATION_ID nor a token to read the id from."""


def application_id_of(token: str) -> int:
    """The application id a bot token starts with. Raises `ValueError` (never quoting the
    token) if its first part is not an id in base64."""
    first = token.strip().split(".", 1)[0]
    try:
        decoded = base64.b64decode(first + "=" * (-len(first) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        decoded = b""
    text = decoded.decode("ascii", errors="replace")
    if not (text.isascii() and text.isdigit() and 0 < int(text) < 2**64):
        raise ValueError(
            "the token's first part is not an application id in base64; "
            "set SEASONBOT_APPLICATION_ID (the Developer Portal's Application ID)"
        )
    return int(text)


def invite_url(application_id: int, permissions: int = PERMISSIONS) -> str:
    """The OAuth2 link that adds the bot with its commands and exactly `permissions`."""
    query = {
        "client_id": str(application_id),
        "scope": " ".join(SCOPES),
        "permissions": str(permissions),
    }
    return f"{AUTHORIZE_URL}?{urlencode(query)}"
