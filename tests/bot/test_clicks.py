"""Clicks through the bot's pipeline, in-process, as the gateway hands them over: what the bot
posts for each.

The end-to-end tests cover the usual paths against the Discord double; these pin the ones a
fast machine rarely takes (a click slower than the deadline is deferred as
DEFERRED_UPDATE_MESSAGE, then edited) and the private option's deferral.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any

import pytest
from discord import app_commands

from bot.client import SeasonBot
from tests import payloads
from tests.bot.dispatch import (
    ADMIN_GUILD,
    FAN,
    Recorder,
    Sent,
    asker,
    dispatch,
    dispatch_with,
    interaction_payload,
    message,
    private_reply,
    slow_handler,
)
from tests.helpers import assert_quiet, payload_text

OTHER = FAN + 1


def click_payload(
    custom_id: str,
    values: list[str] | None = None,
    *,
    clicker: int = FAN,
    author: int = FAN,
    ephemeral: bool = False,
) -> dict[str, Any]:
    """A MESSAGE_COMPONENT interaction on a message `author` got in answer to a command."""
    data = payloads.component_data(custom_id, 3 if values else 2, values or ())
    payload = payloads.interaction(data, kind=3, account=asker(clicker), guild_id=ADMIN_GUILD)
    clicked = message({"flags": 64 if ephemeral else 0})
    clicked["interaction_metadata"] = {
        "id": "1",
        "type": 2,
        "user": asker(author),
        "authorizing_integration_owners": {},
    }
    payload["message"] = clicked
    return payload


async def click(bot: SeasonBot, payload: dict[str, Any], recorder: Recorder) -> list[Sent]:
    return await dispatch(bot, payload, recorder)


def slowed(bot: SeasonBot, command: str) -> None:
    """Make `command`'s handler, as clicks find it, slower than the bot's margin."""
    found = bot.tree.get_command(command)
    assert isinstance(found, app_commands.Command)
    found.extras["handler"] = slow_handler(bot, command)


async def test_a_page_click_redraws_the_message(bot: SeasonBot, recorder: Recorder) -> None:
    (sent,) = await click(bot, click_payload("sb1:view:scorers:everyone=1&page=2"), recorder)
    assert sent.type == 7
    assert "Page 2 of 3" in payload_text(sent.data)
    rows = sent.data["components"]
    assert [b["custom_id"] for b in rows[0]["components"]] == [
        "sb1:view:scorers:everyone=1&page=1",
        "sb1:view:scorers:everyone=1&page=3",
    ]


async def test_a_slow_click_is_deferred_as_an_update_then_edited(
    bot: SeasonBot, recorder: Recorder
) -> None:
    slowed(bot, "scorers")  # past the deadline: the click must be deferred first
    sent = await click(bot, click_payload("sb1:view:scorers:everyone=1&page=3"), recorder)
    assert [s.type for s in sent[:1]] == [6]  # DEFERRED_UPDATE_MESSAGE, not a new message
    assert sent[1].method == "PATCH" and sent[1].url.endswith("/messages/@original")
    assert "Page 3 of 3" in payload_text(sent[1].data)
    assert len(sent) == 2


async def test_a_slow_did_you_mean_strips_the_buttons_then_follows_up(
    bot: SeasonBot, recorder: Recorder
) -> None:
    slowed(bot, "club")
    sent = await click(bot, click_payload("sb1:go:club:club=necaxa", ephemeral=True), recorder)
    assert [s.type for s in sent[:1]] == [6]
    assert sent[1].method == "PATCH" and sent[1].data["components"] == []
    assert "embeds" not in sent[1].data  # the error itself stays
    assert sent[2].kind == "followup" and not (sent[2].data.get("flags", 0) & 64)
    assert "Estadio Victoria" in payload_text(sent[2].data)


async def test_someone_elses_pick_is_answered_privately(bot: SeasonBot, recorder: Recorder) -> None:
    payload = click_payload("sb1:view:scorers:everyone=1&page=2", clicker=OTHER, author=FAN)
    (sent,) = await click(bot, payload, recorder)
    assert sent.type == 4 and sent.data["flags"] & 64
    assert "Page 2 of 3" in payload_text(sent.data)


async def test_a_private_command_that_defers_defers_privately(
    bot: SeasonBot, recorder: Recorder
) -> None:
    """Discord fixes a deferred answer's visibility at the deferral: `private` must be said
    then, not only in the answer that takes its place."""
    payload = interaction_payload("club", {"club": "Necaxa"})
    payload["data"]["options"].append({"type": 5, "name": "private", "value": True})
    slow = slow_handler(bot, "club")
    recorder.sent[:] = await dispatch_with(bot, payload, recorder, slow)
    deferral, answer = recorder.sent
    assert deferral.type == 5 and deferral.data["flags"] & 64
    assert answer.kind == "original" and "Share in channel" in payload_text(answer.data)


STALE = "This button or menu belongs to an answer this version of the bot can no longer redo"


@pytest.mark.parametrize(
    "values",
    [None, "missing", [], "tournament=apertura", [5], [None], [{"tournament": "apertura"}]],
    ids=["null", "missing", "empty", "text", "int", "list-of-null", "list-of-dict"],
)
async def test_a_menu_click_without_a_list_of_choices_is_refused(
    bot: SeasonBot, recorder: Recorder, caplog: pytest.LogCaptureFixture, values: Any
) -> None:
    """A select menu's click always says what was chosen, as a list of strings."""
    caplog.set_level(logging.INFO)
    payload = click_payload("sb1:view:bracket:", ["tournament=apertura"])
    if values == "missing":
        del payload["data"]["values"]
    else:
        payload["data"]["values"] = values
    assert STALE in private_reply(await click(bot, payload, recorder))
    assert_quiet(caplog.records)


async def test_a_button_click_that_carries_choices_is_refused(
    bot: SeasonBot, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    """A button has no choices: values on one would add options its id never held."""
    payload = click_payload("sb1:view:scorers:everyone=1&page=2")
    payload["data"]["values"] = ["page=3"]
    assert STALE in private_reply(await click(bot, payload, recorder))
    assert_quiet(caplog.records)


@pytest.mark.parametrize(
    ("custom_id", "values"),
    [
        ("sb1:go:club:club=necaxa&club=chivas", None),
        ("sb1:view:scorers:page=2&everyone=1&page=3", None),
        ("sb1:view:path:club=necaxa", ["club=chivas"]),
        ("sb1:view:bracket:", ["tournament=apertura", "tournament=clausura"]),
    ],
    ids=["in-the-id", "page-twice", "id-and-choice", "two-choices"],
)
async def test_an_option_named_twice_in_a_click_is_refused(
    bot: SeasonBot,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
    custom_id: str,
    values: list[str] | None,
) -> None:
    """Refused as the console refuses an option typed twice: the bot never writes such an
    id, and which of the two was meant is a guess (the last used to win)."""
    caplog.set_level(logging.INFO)
    sent = await click(bot, click_payload(custom_id, values), recorder)
    assert STALE in private_reply(sent)
    assert_quiet(caplog.records)


def broken(bot: SeasonBot, command: str, *, delay: float = 0.0) -> None:
    """Make `command`'s handler, as clicks find it, fail with a bug of ours (after `delay`
    seconds: past the bot's margin, it is deferred first)."""
    found = bot.tree.get_command(command)
    assert isinstance(found, app_commands.Command)

    @functools.wraps(found.extras["handler"])
    async def explode(*args: Any, **options: Any) -> Any:
        await asyncio.sleep(delay)
        raise RuntimeError("secret internal detail")

    found.extras["handler"] = explode


async def test_a_failing_click_is_answered_counted_and_logged_like_a_command(
    bot: SeasonBot, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    """One error path for commands and clicks: the generic reply, privately; the failure
    counted in the bot's metrics (what `seasonbot health` shows) and logged once with its
    traceback and the click's id."""
    broken(bot, "scorers")
    with caplog.at_level(logging.INFO, logger="seasonbot"):
        sent = await click(bot, click_payload("sb1:view:scorers:everyone=1&page=2"), recorder)
    words = payload_text(sent[0].data)
    assert [s.type for s in sent] == [4] and sent[0].data["flags"] & 64
    assert "Something went wrong" in words and "secret internal detail" not in words
    assert bot.flow.metrics.failed == 1
    assert bot.flow.metrics.answered == 1
    (failure,) = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert failure.getMessage() == "error answering" and failure.exc_info is not None
    assert vars(failure)["custom_id"] == "sb1:view:scorers:everyone=1&page=2"
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.INFO] == ["answered"]


async def test_a_slow_failing_click_says_so_privately_after_its_deferral(
    bot: SeasonBot, recorder: Recorder
) -> None:
    """Deferred as an update at the margin (the flow's deferral, as for a command), the
    clicked message stays as it was and the error is a private message of its own."""
    broken(bot, "scorers", delay=0.2)
    bot.flow.defer_after = 0.05
    sent = await click(bot, click_payload("sb1:view:scorers:everyone=1&page=2"), recorder)
    deferral, error = sent
    assert deferral.type == 6
    assert error.kind == "followup" and error.data["flags"] & 64
    assert "Something went wrong" in payload_text(error.data)
    assert bot.flow.metrics.deferred == 1 and bot.flow.metrics.failed == 1
