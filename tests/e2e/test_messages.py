"""Mentions and DMs, answered like /ask, through the real discord.py client.

Fans don't always type slash commands: "@Season Bot who won the Clausura?" in a channel, or a
DM, must get the answer /ask gives. These tests send MESSAGE_CREATE through the double's
gateway, exactly as Discord would send it to a bot without the Message Content intent (the
double blanks the content of guild messages that do not mention the bot), and read the reply
from the bot's POST /channels/{id}/messages. They prove the reply is a reply to that message,
pings nobody (not the asker, not @everyone), speaks the question's language, states only what
the data holds, and that the bot leaves alone what is not addressed to it: chatter, other bots,
its own messages (which Discord echoes back to it).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from commands.i18n import translator
from tests.e2e.botproc import BotProcess
from tests.e2e.checks import NO_PINGS
from tests.e2e.double import (
    ADMIN_GUILD_ID,
    APPLICATION_ID,
    FAN,
    FAN_GUILD_ID,
    INTENT_DM_MESSAGES,
    INTENT_GUILD_MESSAGES,
    INTENT_GUILDS,
    INTENT_MESSAGE_CONTENT,
    MODERATOR,
    MODERATOR_ROLE_ID,
    OTHER_BOT,
    PRIVILEGED_INTENTS,
    ChannelMessage,
    DiscordDouble,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

EN = translator("en")
ES = translator("es-419")
MENTION = f"<@{APPLICATION_ID}>"
SCORE = re.compile(r"\d+–\d+")


def assert_reply(reply: ChannelMessage, to: dict[str, Any]) -> None:
    """A reply to `to` in its channel that pings nobody, not even the asker, within limits."""
    assert reply.channel_id == to["channel_id"]
    reference = reply.reference
    assert str(reference.get("message_id")) == to["id"], f"not a reply to it: {reply.body}"
    assert str(reference.get("channel_id")) == to["channel_id"]
    if to.get("guild_id"):
        assert str(reference.get("guild_id")) == to["guild_id"]
    assert reply.allowed_mentions == {**NO_PINGS, "replied_user": False}, reply.allowed_mentions
    assert reply.message["type"] == 19  # what Discord made of it: a REPLY


async def ask(double: DiscordDouble, content: str, **options: Any) -> ChannelMessage:
    """Post `content` as a fan (options: `DiscordDouble.user_message`), return the checked
    reply."""
    message = await double.post_message(content, **options)
    reply = await double.reply_to(message)
    assert_reply(reply, message)
    return reply


# -- answered ----------------------------------------------------------------------------


async def test_a_mention_is_answered_like_ask(double: DiscordDouble, bot: BotProcess) -> None:
    reply = await ask(double, f"{MENTION} who won the Clausura?")
    assert "**Tecos** won the Clausura 2014" in reply.text
    assert "4–3" in reply.text
    assert reply.data.get("content"), "the direct answer leads, in the content"
    record = await bot.wait_for_log(
        lambda r: r.get("message") == "answered" and r.get("command") == "ask (mention)"
    )
    assert record["guild_id"] == ADMIN_GUILD_ID


async def test_a_nickname_mention_counts_too(double: DiscordDouble, bot: BotProcess) -> None:
    """`<@!id>`, the form older clients still send, is a mention of the bot as well."""
    reply = await ask(double, f"<@!{APPLICATION_ID}> who won the Clausura?")
    assert "**Tecos** won the Clausura 2014" in reply.text


async def test_a_spanish_mention_gets_spanish(double: DiscordDouble, bot: BotProcess) -> None:
    """In the Latin-American server (es-419): Mexican number format, a point for decimals."""
    reply = await ask(double, f"{MENTION} ¿quién descendió?", guild_id=FAN_GUILD_ID)
    assert "Zacatepec 1948" in reply.text
    assert "0.9524" in reply.text
    assert "descendió" in reply.data["content"]


async def test_a_spanish_question_in_an_english_server(
    double: DiscordDouble, bot: BotProcess
) -> None:
    """The question's own language wins over the server's."""
    reply = await ask(double, f"{MENTION} ¿quién descendió?", guild_id=ADMIN_GUILD_ID)
    assert "descendió" in reply.data["content"]
    assert "0.9524" in reply.text


@pytest.mark.parametrize(
    ("guild_id", "tr"), [(FAN_GUILD_ID, ES), (ADMIN_GUILD_ID, EN)], ids=["es-419", "en-US"]
)
async def test_the_server_language_when_the_question_has_none(
    double: DiscordDouble, bot: BotProcess, guild_id: int, tr: Any
) -> None:
    """ "Necaxa vs UdeG" could be either language: the server's preferred locale decides."""
    reply = await ask(double, f"{MENTION} Necaxa vs UdeG", guild_id=guild_id)
    assert tr("result.footer") in reply.text
    assert "2–1" in reply.text


async def test_a_dm_needs_no_mention(double: DiscordDouble, bot: BotProcess) -> None:
    message = await double.post_message("how far did Necaxa get?", dm=True)
    assert "guild_id" not in message
    assert MENTION not in message["content"]
    reply = await double.reply_to(message)
    assert_reply(reply, message)
    assert "runner-up" in reply.text
    assert "UdeG" in reply.text
    assert "UdeG 1–2" in reply.text  # the Apertura final lost 1–2, from Necaxa's side
    record = await bot.wait_for_log(
        lambda r: r.get("message") == "answered" and r.get("command") == "ask (dm)"
    )
    assert record.get("guild_id") is None


async def test_out_of_scope_is_a_polite_i_dont_know(double: DiscordDouble, bot: BotProcess) -> None:
    reply = await ask(double, f"{MENTION} who won the 2015 Apertura?")
    assert EN("ask.unknown.title") in reply.text
    for invented in ("Tecos", "U. de G.", "UAT", "champion"):
        assert invented not in reply.text, f"{invented!r} in an I-don't-know:\n{reply.text}"
    scores = SCORE.findall(reply.text.replace("2013–14", "the season"))
    assert not scores, f"scores {scores} in an I-don't-know:\n{reply.text}"


async def test_a_bare_mention_gets_the_usage_hint(double: DiscordDouble, bot: BotProcess) -> None:
    """Nothing asked: the usage hint, as a normal reply (messages cannot be ephemeral)."""
    reply = await ask(double, MENTION)
    assert EN("ask.empty") in reply.text
    assert not int(reply.body.get("flags") or 0) & 64


@pytest.mark.parametrize(
    "typed", ["@everyone", "@here", f"<@&{MODERATOR_ROLE_ID}>", f"<@{MODERATOR.id}>"]
)
async def test_echoed_text_never_pings(double: DiscordDouble, bot: BotProcess, typed: str) -> None:
    """The I-don't-know quotes the question back; a ping in it must not come back verbatim,
    and the reply says `parse: []` whatever it contains."""
    reply = await ask(double, f"{MENTION} {typed} who won the 2015 Apertura?")
    assert EN("ask.unknown.title") in reply.text
    assert typed not in reply.text, f"{typed} echoed verbatim:\n{reply.text}"
    assert "@everyone" not in reply.text
    assert reply.message["mentions"] == []
    assert reply.message["mention_roles"] == []


# -- left alone --------------------------------------------------------------------------


async def test_a_message_without_a_mention_is_left_alone(
    double: DiscordDouble, bot: BotProcess
) -> None:
    message = await double.post_message("who won the Clausura?", mention_bot=False)
    await double.assert_no_reply(message)


async def test_a_mention_of_someone_else_is_left_alone(
    double: DiscordDouble, bot: BotProcess
) -> None:
    question = f"<@{MODERATOR.id}> who won the Clausura?"
    message = await double.post_message(question, mention_bot=False)
    assert [user["id"] for user in message["mentions"]] == [str(MODERATOR.id)]
    await double.assert_no_reply(message)


async def test_another_bot_is_left_alone(double: DiscordDouble, bot: BotProcess) -> None:
    """Two bots answering each other would never stop."""
    message = await double.post_message(f"{MENTION} who won the Clausura?", user=OTHER_BOT)
    assert message["author"]["bot"] is True
    await double.assert_no_reply(message)
    dm = await double.post_message("who won the Clausura?", user=OTHER_BOT, dm=True)
    await double.assert_no_reply(dm)


async def test_its_own_messages_are_left_alone(double: DiscordDouble, bot: BotProcess) -> None:
    """Discord echoes every message the bot posts back to it over the gateway: answering
    those, in a DM above all, would be a loop."""
    message = await double.post_message(f"{MENTION} who won the Clausura?", from_self=True)
    assert message["author"]["id"] == str(APPLICATION_ID)
    await double.assert_no_reply(message)
    # Its own id is reason enough, even without the `bot` flag. (In a guild discord.py takes
    # the author from the member cache, where the bot's own member is always a bot; in a DM it
    # builds the author from the payload, so only the id check stops an answer.)
    unflagged = await double.post_message(
        "who won the Clausura?", dm=True, from_self=True, bot_author=False
    )
    assert unflagged["author"]["bot"] is False
    await double.assert_no_reply(unflagged)
    # A DM reply comes back as a DM from the bot; the probe proves the bot read past it.
    question = await double.post_message("who won the Clausura?", dm=True, user=FAN)
    reply = await double.reply_to(question)
    echo = double.user_messages[reply.message_id]
    assert echo["author"]["id"] == str(APPLICATION_ID)
    await double.assert_no_reply(echo)


async def test_a_channel_it_cannot_post_in(double: DiscordDouble, bot: BotProcess) -> None:
    """Mentioned where it may read but not write (an announcements channel), the bot cannot
    answer: Discord says 403. That is the server's setup, not a fault of the bot: a warning
    in the log, no traceback, and the next question is answered as usual."""
    channel = str(double.guild(ADMIN_GUILD_ID).channel_id)
    refused = len(double.rejected_messages)
    double.read_only_channels.add(channel)
    try:
        message = await double.post_message(f"{MENTION} who won the Clausura?")
        await double.wait_until(
            lambda: len(double.rejected_messages) > refused, 5.0, "the refused reply"
        )
    finally:
        double.read_only_channels.discard(channel)
    assert double.rejected_messages[refused][2] == 50013
    record = await bot.wait_for_log(lambda r: r.get("message_id") == int(message["id"]))
    assert record["level"] == "WARNING", record
    assert "traceback" not in record
    await double.say("who won the Clausura?")


# -- intents -----------------------------------------------------------------------------


async def test_no_privileged_intents(double: DiscordDouble, bot: BotProcess) -> None:
    """Guilds, guild messages, DMs: nothing a developer-portal switch must allow. Mentions and
    DMs carry their content without the Message Content intent (bit 15), as the double
    models: every test above ran without it."""
    assert double.identifies, "the bot never identified"
    for identify in double.identifies:
        intents = int(identify["intents"])
        assert intents == INTENT_GUILDS | INTENT_GUILD_MESSAGES | INTENT_DM_MESSAGES, bin(intents)
        assert not intents & INTENT_MESSAGE_CONTENT
        assert not intents & PRIVILEGED_INTENTS
    assert not double.withheld_messages, "a message the bot needed was not delivered"


async def test_nothing_went_wrong(double: DiscordDouble, bot: BotProcess) -> None:
    """No ERROR in the bot's log. (A post Discord would refuse as malformed fails the test that
    sent it: the double judges every request, `tests/e2e/conftest.py`.)"""
    errors = [record for record in bot.log_records() if record["level"] == "ERROR"]
    assert not errors, errors
