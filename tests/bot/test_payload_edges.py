"""Payloads Discord (or someone posing as it) may send that no synced command describes: each
one gets a friendly refusal through the real `CommandTree`, never a traceback in the log nor
"Something went wrong".

Why these: a command whose definition Discord has not finished replacing arrives in its old
shape (an option missing, retyped, or gone), and discord.py, left to itself, raises
`CommandSignatureMismatch`, hands an int to a handler that expects text, or keeps only the
last of two options with one name, silently answering a question nobody asked.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from discord import app_commands

from bot.client import SeasonBot
from tests.bot.dispatch import (
    MODERATOR,
    Recorder,
    Sent,
    dispatch,
    interaction_of,
    interaction_payload,
    private_reply,
)
from tests.helpers import assert_quiet

OUTDATED = "the command has just been updated. Please run it again"


@pytest.fixture(autouse=True)
def _capture(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)


async def test_a_stale_command_missing_a_required_option_asks_to_run_it_again(
    bot: SeasonBot, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    """`/result` as an older definition sent it, with one club: discord.py raises
    CommandSignatureMismatch. (An option's name is escaped, as one the command does not
    have is the payload's own text: `club\\_b` reads `club_b` on Discord.)"""
    sent = await dispatch(bot, interaction_payload("result", {"club_a": "Necaxa"}), recorder)
    words = private_reply(sent)
    assert OUTDATED in words and "“club\\_b”" in words
    assert_quiet(caplog.records)


async def test_the_outdated_refusal_is_in_the_readers_language(
    bot: SeasonBot, recorder: Recorder
) -> None:
    payload = interaction_payload("result", {"club_a": "Necaxa"}, locale="es-419")
    words = private_reply(await dispatch(bot, payload, recorder))
    assert "/resultado llegó con la opción «club\\_b»" in words
    assert "el comando se acaba de actualizar" in words


def club(value: Any, kind: int = 3) -> dict[str, Any]:
    return {"type": kind, "name": "club", "value": value}


def private(value: Any) -> dict[str, Any]:
    return {"type": 5, "name": "private", "value": value}


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ([club(5)], "club"),
        ([club(None)], "club"),
        ([club(["Necaxa"])], "club"),
        ([club({"name": "Necaxa"})], "club"),
        ([{"type": 3, "name": "club"}], "club"),
        ([club("Necaxa", kind=4)], "club"),
        ([club("Necaxa"), private("yes")], "private"),
        ([club("Necaxa"), private(1)], "private"),
        ([club("Necaxa"), private(None)], "private"),
        ([club("Necaxa"), {"type": 3, "name": "season", "value": "2012-13"}], "season"),
        ({"club": "Necaxa"}, None),
        (["club"], None),
        (None, None),
    ],
    ids=[
        "text-as-int",
        "text-as-null",
        "text-as-list",
        "text-as-dict",
        "no-value",
        "text-as-integer-option",
        "yes-no-as-text",
        "yes-no-as-int",
        "yes-no-as-null",
        "an-option-since-removed",
        "options-a-dict",
        "options-not-options",
        "options-null",
    ],
)
async def test_options_of_another_shape_than_declared_are_refused(
    bot: SeasonBot,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
    options: Any,
    named: str | None,
) -> None:
    """`/club club:<text> private:<yes/no>` sent otherwise: a value of another type (an
    integer option of an older definition, say), or an option it no longer has."""
    payload = interaction_payload("club")
    payload["data"]["options"] = options
    words = private_reply(await dispatch(bot, payload, recorder))
    assert OUTDATED in words
    if named is not None:
        assert f"option “{named}”" in words
    assert_quiet(caplog.records)


@pytest.mark.parametrize(("command", "option"), [("club", "club"), ("result", "club_a")])
async def test_an_option_sent_twice_is_refused_as_the_console_refuses_it(
    bot: SeasonBot,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
    command: str,
    option: str,
) -> None:
    """Which of the two was meant is a guess; discord.py would keep the last."""
    payload = interaction_payload(command, {option: "Necaxa", "club_b": "UdeG"})
    if command == "club":
        payload["data"]["options"].pop()
    payload["data"]["options"].append({"type": 3, "name": option, "value": "Chivas"})
    words = private_reply(await dispatch(bot, payload, recorder))
    assert words.endswith(f"/{command} got the option `{option}` twice.")
    assert_quiet(caplog.records)


async def test_a_yes_no_option_sent_twice_is_refused_even_when_both_agree(
    bot: SeasonBot, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    payload = interaction_payload("stadiums")
    payload["data"]["options"] = [{"type": 5, "name": "private", "value": True}] * 2
    words = private_reply(await dispatch(bot, payload, recorder))
    assert words.endswith("/stadiums got the option `private` twice.")
    assert_quiet(caplog.records)


async def test_an_upload_that_is_not_among_the_resolved_attachments_is_refused(
    bot: SeasonBot, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    payload = interaction_payload("reload", guild_command=True, user_id=MODERATOR)
    payload["data"]["options"] = [{"type": 11, "name": "file", "value": "1234"}]
    words = private_reply(await dispatch(bot, payload, recorder))
    assert OUTDATED in words and "“file”" in words
    assert_quiet(caplog.records)


def choices(sent: list[Sent]) -> list[Any]:
    assert [s.type for s in sent] == [8], [s.payload for s in sent]
    found: list[Any] = sent[0].data["choices"]
    return found


async def test_autocomplete_focused_on_a_yes_no_option_gets_no_choices(
    bot: SeasonBot, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    payload = interaction_payload("club", {"club": "nec"}, kind=4)
    payload["data"]["options"].append(
        {"type": 5, "name": "private", "value": True, "focused": True}
    )
    assert choices(await dispatch(bot, payload, recorder)) == []
    assert_quiet(caplog.records)


@pytest.mark.parametrize(
    "options",
    [
        [{"type": 3, "name": "club", "value": "nec"}],  # nothing focused
        [{"type": 3, "name": "club", "value": 5, "focused": True}],
        [{"type": 3, "name": "club", "value": None, "focused": True}],
        [
            {"type": 3, "name": "club", "value": "nec", "focused": True},
            {"type": 3, "name": "club", "value": "ude"},
        ],
        [{"type": 3, "name": "season", "value": "2012", "focused": True}],
    ],
    ids=["unfocused", "int", "null", "twice", "unknown"],
)
async def test_an_autocomplete_no_command_describes_gets_no_choices(
    bot: SeasonBot,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
    options: list[dict[str, Any]],
) -> None:
    payload = interaction_payload("club", kind=4)
    payload["data"]["options"] = options
    assert choices(await dispatch(bot, payload, recorder)) == []
    assert_quiet(caplog.records)


async def test_autocomplete_still_completes_with_the_other_required_options_unfilled(
    bot: SeasonBot, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    """Completing the first club, the second is not filled in yet: that is no refusal."""
    payload = interaction_payload("result", {"club_a": "nec"}, kind=4, focused="club_a")
    assert {"name": "Necaxa", "value": "Necaxa"} in choices(await dispatch(bot, payload, recorder))
    assert_quiet(caplog.records)


async def test_a_signature_mismatch_discord_py_finds_itself_is_worded_too(
    bot: SeasonBot, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    """The tree's one error path maps discord.py's own CommandSignatureMismatch (raised, for
    instance, when a callback's signature and Discord's options disagree) to the same
    refusal, for whatever the checks at the edge let through."""
    interaction = interaction_of(bot, interaction_payload("club", {"club": "Necaxa"}))
    command = bot.tree.get_command("club")
    assert isinstance(command, app_commands.Command)
    await bot.tree.on_error(interaction, app_commands.CommandSignatureMismatch(command))
    words = private_reply(recorder.sent[-1:])
    assert OUTDATED in words
    assert_quiet(caplog.records)
