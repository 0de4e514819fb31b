"""Interactions through the real CommandTree: option parsing, checks, on_error, responses.

Between the handler tests (pure) and the end-to-end tests (a bot process against a Discord
double), these drive `SeasonBot.tree` in-process with payloads shaped like Discord's, and
read back exactly what the bot would post.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.client import SeasonBot
from bot.settings import Settings
from commands.context import Context
from commands.reply import Embed, Reply
from knowledge.store import KnowledgeStore
from tests.bot.dispatch import (
    ADMIN_GUILD,
    MODERATOR,
    OTHER_GUILD,
    Recorder,
    dispatch,
    dispatch_with,
    interaction_payload,
    slow_handler,
)
from tests.helpers import payload_text
from tests.payloads import MANAGE_GUILD, example, missing_keys


def test_the_payloads_have_the_shape_of_discords_examples() -> None:
    """The same factory as the e2e double's (`tests.payloads`), checked the same way: a key
    Discord sends that these payloads left out could hide a bug the tree would meet live."""
    command = interaction_payload("club", {"club": "Necaxa"})
    documented = example("interaction_application_command_type2.json")
    assert set(missing_keys(documented, command)) <= {"member.is_pending"}  # deprecated
    autocomplete = interaction_payload("club", {"club": "nec"}, kind=4, focused="club")
    autocomplete["data"]["version"] = "1"  # the command's version; discord.py never reads it
    assert missing_keys(example("interaction_autocomplete_type4.json"), autocomplete) == []


async def test_a_command_gets_one_channel_message_that_pings_no_one(
    bot: SeasonBot, recorder: Recorder
) -> None:
    sent = await dispatch(
        bot, interaction_payload("result", {"club_a": "Necaxa", "club_b": "UdeG"}), recorder
    )
    assert [s.type for s in sent] == [4]
    assert sent[0].data["allowed_mentions"] == {"parse": []}
    assert "UdeG won the tie: 2–1 on aggregate" in payload_text(sent[0].data)
    assert not sent[0].data.get("flags")


async def test_domain_errors_become_ephemeral_replies(bot: SeasonBot, recorder: Recorder) -> None:
    sent = await dispatch(bot, interaction_payload("club", {"club": "Chivas"}), recorder)
    assert [s.type for s in sent] == [4]
    assert sent[0].data["flags"] == 64
    assert "Chivas" in payload_text(sent[0].data)


async def test_spanish_locale_gets_spanish(bot: SeasonBot, recorder: Recorder) -> None:
    payload = interaction_payload("result", {"club_a": "Necaxa", "club_b": "UdeG"}, locale="es-419")
    sent = await dispatch(bot, payload, recorder)
    assert "UdeG ganó la serie: 2–1 en el global" in payload_text(sent[0].data)


async def test_autocomplete_answers_with_choices(bot: SeasonBot, recorder: Recorder) -> None:
    payload = interaction_payload("club", {"club": "nec"}, kind=4, focused="club")
    sent = await dispatch(bot, payload, recorder)
    assert [s.type for s in sent] == [8]
    choices = sent[0].data["choices"]
    assert choices[0] == {"name": "Necaxa", "value": "Necaxa"}
    assert len(choices) <= 25


async def test_a_failing_handler_gets_a_generic_message_and_a_logged_traceback(
    bot: SeasonBot,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The handler looks its renderer up in its module when it runs (the bot's snapshot is
    # fresh, so no reply of it is kept yet).
    stadiums_module = sys.modules["commands.stadiums"]

    def explode(*args: Any) -> Reply:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(stadiums_module, "render_stadiums", explode)
    with caplog.at_level(logging.ERROR, logger="seasonbot"):
        sent = await dispatch(bot, interaction_payload("stadiums"), recorder)
    assert sent[0].data["flags"] == 64
    assert "Something went wrong" in payload_text(sent[0].data)
    assert "secret internal detail" not in payload_text(sent[0].data)
    assert any(record.exc_info for record in caplog.records)


async def test_a_slow_handler_is_deferred_within_three_seconds(
    bot: SeasonBot, recorder: Recorder
) -> None:
    async def slow(ctx: Context) -> Reply:
        await asyncio.sleep(0.3)
        return Reply(embeds=(Embed(title="late but answered"),))

    bot.flow.defer_after = 0.05
    sent = await dispatch_with(bot, interaction_payload("stadiums"), recorder, slow)
    assert [s.type for s in sent[:1]] == [5]
    assert sent[1].kind == "original"
    assert "late but answered" in payload_text(sent[1].data)


async def test_an_error_after_a_public_deferral_is_sent_privately(
    bot: SeasonBot, recorder: Recorder
) -> None:
    """Deferred publicly at the margin, the answer turns out an error: Discord would put the
    follow-up in the deferral's place, for the whole channel to read. The deferral is
    deleted first; the error, with its "did you mean" button, is a message of its own that
    only the asker sees."""
    payload = interaction_payload("club", {"club": "Atletico San"})
    sent = await dispatch_with(bot, payload, recorder, slow_handler(bot, "club"))
    deferral, deletion, error = sent
    assert deferral.type == 5 and not deferral.data.get("flags")
    assert deletion.method == "DELETE" and deletion.url.endswith("/messages/@original")
    assert error.kind == "followup" and error.data["flags"] == 64
    assert "I don't know a club called “Atletico San”" in payload_text(error.data)
    assert "sb1:go:club:club=san-luis" in payload_text(error.data)


async def test_an_answer_after_a_public_deferral_keeps_its_place(
    bot: SeasonBot, recorder: Recorder
) -> None:
    """The answer takes the deferral's place: an edit of `@original` (Discord calls the
    older way, the first follow-up in the deferral's place, deprecated), never a new
    message."""
    payload = interaction_payload("club", {"club": "Atlético San Luis"})
    sent = await dispatch_with(bot, payload, recorder, slow_handler(bot, "club"))
    deferral, answer = sent
    assert deferral.type == 5 and not deferral.data.get("flags")
    assert answer.method == "PATCH" and answer.url.endswith("/messages/@original")
    assert "Estadio Alfonso Lastras" in payload_text(answer.data)
    assert bot.flow.metrics.answered == 1


async def test_an_error_after_a_private_deferral_needs_no_deletion(
    bot: SeasonBot, recorder: Recorder
) -> None:
    payload = interaction_payload("club", {"club": "Atletico San"})
    payload["data"]["options"].append({"type": 5, "name": "private", "value": True})
    sent = await dispatch_with(bot, payload, recorder, slow_handler(bot, "club"))
    deferral, error = sent
    assert deferral.type == 5 and deferral.data["flags"] == 64
    # In the private deferral's place, as private as it.
    assert error.kind == "original"
    assert "I don't know a club called “Atletico San”" in payload_text(error.data)


async def test_reload_refuses_a_non_moderator(bot: SeasonBot, recorder: Recorder) -> None:
    sent = await dispatch(
        bot, interaction_payload("reload", guild_command=True, user_id=222), recorder
    )
    assert sent[0].data["flags"] == 64
    assert "Only moderators can do that." in payload_text(sent[0].data)


async def test_reload_by_a_listed_moderator(bot: SeasonBot, recorder: Recorder) -> None:
    sent = await dispatch(
        bot, interaction_payload("reload", guild_command=True, user_id=MODERATOR), recorder
    )
    assert sent[0].type == 5  # /reload defers first: it reads and validates files
    assert sent[0].data["flags"] == 64
    assert sent[-1].kind == "original"  # the answer in the private deferral's place
    assert "Season data reloaded" in payload_text(sent[-1].data)
    assert "Nothing changed." in payload_text(sent[-1].data)


async def test_manage_server_alone_is_not_enough_when_moderators_are_listed(
    bot: SeasonBot, recorder: Recorder
) -> None:
    sent = await dispatch(
        bot,
        interaction_payload("reload", guild_command=True, user_id=333, permissions=MANAGE_GUILD),
        recorder,
    )
    assert "Only moderators can do that." in payload_text(sent[0].data)


async def test_without_a_moderator_list_manage_server_in_an_admin_guild_may_reload(
    data_copy: Path, tmp_path: Path, recorder: Recorder
) -> None:
    settings = Settings(
        SEASONBOT_KNOWLEDGE=data_copy,
        SEASONBOT_STATE_DIR=tmp_path / "state",
        SEASONBOT_ADMIN_GUILDS=f"{ADMIN_GUILD},{OTHER_GUILD}",
    )
    client = SeasonBot(KnowledgeStore(data_copy), settings)
    await client.load_features()
    try:
        sent = await dispatch(
            client,
            interaction_payload(
                "reload", guild_command=True, user_id=333, permissions=MANAGE_GUILD
            ),
            recorder,
        )
        assert "Season data reloaded" in payload_text(sent[-1].data)
        sent = await dispatch(
            client, interaction_payload("reload", guild_command=True, user_id=444), recorder
        )
        assert "Only moderators can do that." in payload_text(sent[0].data)
    finally:
        await client.close()


async def test_reload_is_registered_only_in_admin_guilds(bot: SeasonBot) -> None:
    import discord

    global_names = {command.name for command in bot.tree.get_commands()}
    admin_names = {c.name for c in bot.tree.get_commands(guild=discord.Object(ADMIN_GUILD))}
    assert "reload" not in global_names
    assert admin_names == {"reload"}
    reload_command = bot.tree.get_command("reload", guild=discord.Object(ADMIN_GUILD))
    assert reload_command is not None
    assert reload_command.default_permissions is not None
    assert reload_command.default_permissions.manage_guild
