"""Mentions and DMs, answered like /ask, through the real discord.py client.

Fans don't always type slash commands: "@Season Bot who won the Clausura?" in a channel, or
a DM, must get the same answer /ask gives. These tests send MESSAGE_CREATE events through
the double's gateway and read the bot's reply from the REST call it makes, and check the
bot asked for no privileged intent (Message Content included) to do it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.e2e.botproc import BotProcess
from tests.e2e.double import APPLICATION_ID, DEFAULT_GUILDS, DiscordDouble, User

pytestmark = pytest.mark.asyncio(loop_scope="module")

ADMIN, FANS = DEFAULT_GUILDS  # FANS' preferred locale is es-419
MENTION = f"<@{APPLICATION_ID}>"
OTHER_BOT = User(1_187_000_000_000_000_399, "otherbot")

GUILDS = 1 << 0
GUILD_MESSAGES = 1 << 9
DM_MESSAGES = 1 << 12
MESSAGE_CONTENT = 1 << 15
PRIVILEGED = (1 << 1) | (1 << 8) | MESSAGE_CONTENT  # members, presences, message content


def text_of(reply: dict[str, Any]) -> str:
    return json.dumps(reply, ensure_ascii=False)


def assert_polite_reply(reply: dict[str, Any] | None, to: dict[str, Any]) -> dict[str, Any]:
    """A reply to that message, which pings nobody (not even the asker)."""
    assert reply is not None, "the bot did not reply"
    assert reply["allowed_mentions"]["parse"] == []
    assert reply["allowed_mentions"].get("replied_user") is False
    assert str(reply["message_reference"]["message_id"]) == to["id"]
    return reply


async def test_a_mention_is_answered_like_ask(double: DiscordDouble, bot: BotProcess) -> None:
    message = double.user_message(f"{MENTION} who won the Clausura?", guild=ADMIN, mention_bot=True)
    reply = assert_polite_reply(await double.message(message), message)
    assert "Estudiantes Tecos" in text_of(reply)
    assert "4–3" in text_of(reply)


async def test_a_spanish_mention_gets_spanish(double: DiscordDouble, bot: BotProcess) -> None:
    message = double.user_message(f"{MENTION} ¿quién descendió?", guild=FANS, mention_bot=True)
    reply = assert_polite_reply(await double.message(message), message)
    assert "Zacatepec 1948" in text_of(reply)
    assert "0.9524" in text_of(reply)  # es-419 writes decimals with a point, as in Mexico
    assert "descendió" in text_of(reply)


async def test_a_dm_needs_no_mention(double: DiscordDouble, bot: BotProcess) -> None:
    message = double.user_message("how far did Necaxa get in the Apertura?")
    reply = assert_polite_reply(await double.message(message), message)
    assert "runner-up" in text_of(reply)
    assert "UdeG" in text_of(reply)
    assert "2–1" in text_of(reply)


async def test_out_of_scope_gets_i_dont_know(double: DiscordDouble, bot: BotProcess) -> None:
    message = double.user_message(
        f"{MENTION} who won the 2015 Apertura?", guild=ADMIN, mention_bot=True
    )
    reply = assert_polite_reply(await double.message(message), message)
    assert "I don't know" in text_of(reply)
    assert "Estudiantes Tecos" not in text_of(reply)


async def test_echoed_text_never_pings(double: DiscordDouble, bot: BotProcess) -> None:
    message = double.user_message(
        f"{MENTION} @everyone what about the Copa Libertadores?", guild=ADMIN, mention_bot=True
    )
    reply = assert_polite_reply(await double.message(message), message)
    assert "@everyone" not in text_of(reply).replace("@\\u200beveryone", "").replace(
        "@\u200beveryone", ""
    )


async def test_messages_not_for_the_bot_are_left_alone(
    double: DiscordDouble, bot: BotProcess
) -> None:
    chatter = double.user_message("who won the Clausura?", guild=ADMIN)  # no mention
    assert await double.message(chatter, timeout=0.5) is None
    other_bot = double.user_message(
        f"{MENTION} who won the Clausura?",
        guild=ADMIN,
        mention_bot=True,
        author=OTHER_BOT,
        from_bot=True,
    )
    assert await double.message(other_bot, timeout=0.5) is None
    own = double.user_message("who won the Clausura?", author=User(APPLICATION_ID, "Season Bot"))
    assert await double.message(own, timeout=0.5) is None


async def test_no_privileged_intents(double: DiscordDouble, bot: BotProcess) -> None:
    """Mentions and DMs carry their content without the Message Content intent."""
    intents = {identify["intents"] for identify in double.identifies}
    assert intents == {GUILDS | GUILD_MESSAGES | DM_MESSAGES}
    assert not any(value & PRIVILEGED for value in intents)
