"""Buttons and menus through the real bot and the Discord double.

A click is a MESSAGE_COMPONENT interaction (type 3) carrying the message it was on; the bot
answers with UPDATE_MESSAGE (7) to redraw that message, a new message (4, or a follow-up),
or DEFERRED_UPDATE_MESSAGE (6) first when the answer is slow. Each test asserts what Discord
would receive, within its limits.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.botproc import BotProcess, start_bot
from tests.e2e.checks import ask, assert_no_pings
from tests.e2e.double import FAN, Callback, DiscordDouble, User
from tests.helpers import text

pytestmark = pytest.mark.asyncio(loop_scope="module")

OTHER_FAN = User(1_187_000_000_000_000_399, "otherfan")
CLICK_TIMEOUT = 10.0
"""A switch of tournament draws a new picture: allow for a slow machine (the bot defers)."""


def buttons_by_label(message: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The message's buttons by label."""
    return {
        item["label"]: item
        for row in message.get("components") or []
        for item in row["components"]
        if item["type"] == 2
    }


def select_menu(message: Mapping[str, Any]) -> dict[str, Any]:
    (select,) = [
        item
        for row in message.get("components") or []
        for item in row["components"]
        if item["type"] == 3
    ]
    return dict(select)


def checked(message: Mapping[str, Any]) -> Mapping[str, Any]:
    """A message the bot sent, pinging no one (an edit of a message need not repeat its
    `allowed_mentions`; Discord's limits are the double's to enforce)."""
    if "allowed_mentions" in message:
        assert_no_pings(message)
    return message


async def redrawn(double: DiscordDouble, callback: Callback) -> tuple[dict[str, Any], bool]:
    """The clicked message as the bot redrew it (UPDATE_MESSAGE, or an edit after
    DEFERRED_UPDATE_MESSAGE), and whether it came with files."""
    if callback.type == 7:
        return callback.data, bool(callback.files)
    assert callback.type == 6, f"callback type {callback.type}: {callback.body}"
    await double.wait_until(
        lambda: any(m.kind == "edit" for m in double.webhook_messages.get(callback.token, ())),
        CLICK_TIMEOUT,
        "the edit after a deferred update",
    )
    edit = next(m for m in double.webhook_messages[callback.token] if m.kind == "edit")
    return edit.body, bool(edit.files)


async def test_did_you_mean_click_answers_with_the_suggested_club(
    double: DiscordDouble, bot: BotProcess
) -> None:
    interaction = double.slash("club", "Nexaca")
    error = await ask(double, interaction)
    assert error.ephemeral
    assert {label: b["custom_id"] for label, b in buttons_by_label(error.data).items()} == {
        "Necaxa": "sb1:go:club:club=necaxa",
        "Oaxaca": "sb1:go:club:club=oaxaca",
    }
    message = double.message_of(error, interaction)
    callback = await double.interact(double.click(message, "sb1:go:club:club=necaxa"))
    # The error message loses its buttons; the answer is a new, public message.
    assert callback.type == 7 and callback.data["components"] == []
    answer = await double.followup(callback.token)
    assert not answer.ephemeral
    checked(answer.data)
    assert answer.data["embeds"][0]["title"] == "Necaxa"
    assert "Estadio Victoria" in answer.text and "23,851" in answer.text


async def test_did_you_mean_on_a_second_option_in_spanish(
    double: DiscordDouble, bot: BotProcess
) -> None:
    interaction = double.slash("result", "UdeG", "Nexaca", locale="es-ES")
    error = await ask(double, interaction)
    necaxa = buttons_by_label(error.data)["Necaxa"]
    assert necaxa["custom_id"] == "sb1:go:result:club_a=udeg&club_b=necaxa"
    click = double.click(double.message_of(error, interaction), necaxa["custom_id"], locale="es-ES")
    callback = await double.interact(click)
    answer = await double.followup(callback.token)
    # The Apertura 2013 final: Necaxa 1–1 UdeG, then UdeG 1–0 Necaxa; UdeG champion.
    assert "1–1" in answer.text and "1–0" in answer.text and "Apertura 2013" in answer.text


async def test_the_switcher_redraws_the_message_for_its_author(
    double: DiscordDouble, bot: BotProcess
) -> None:
    interaction = double.slash("bracket", "Apertura")
    answer = await ask(double, interaction, timeout=CLICK_TIMEOUT)
    select = select_menu(answer.data)
    assert select["custom_id"] == "sb1:view:bracket:"
    assert [option["value"] for option in select["options"]] == [
        "tournament=apertura-2013",
        "tournament=clausura-2014",
        "tournament=promotion-2014",
    ]
    message = double.message_of(answer, interaction)
    click = double.click(message, select["custom_id"], ["tournament=clausura-2014"])
    callback = await double.interact(click, timeout=CLICK_TIMEOUT)
    body, has_files = await redrawn(double, callback)
    checked(body)
    assert "Clausura 2014" in body["embeds"][0]["title"]
    # Tecos won the Clausura 2014 (4–3 on penalties against UAT in the final).
    assert "Tecos" in text(body) and "4–3" in text(body)
    assert has_files, "the Clausura's picture replaces the Apertura's"
    assert [o["default"] for o in select_menu(body)["options"]] == [False, True, False]
    # Redrawn, not answered anew: no new message.
    assert not any(m.kind == "followup" for m in double.webhook_messages.get(callback.token, []))


async def test_the_switcher_answers_anyone_else_privately(
    double: DiscordDouble, bot: BotProcess
) -> None:
    interaction = double.slash("path", "Necaxa")
    answer = await ask(double, interaction, timeout=CLICK_TIMEOUT)
    message = double.message_of(answer, interaction)
    select = select_menu(answer.data)
    assert select["custom_id"] == "sb1:view:path:club=necaxa"
    click = double.click(message, select["custom_id"], ["tournament=clausura-2014"], user=OTHER_FAN)
    callback = await double.interact(click, timeout=CLICK_TIMEOUT)
    assert callback.type in (4, 6), "the author's message is not touched"
    private = callback if callback.type == 4 else await double.followup(callback.token)
    assert private.ephemeral
    checked(private.data)
    # Necaxa's Clausura: past Delfines 6–3, out in the semifinals.
    assert "6–3" in private.text and "Apertura 2013" not in private.text.split("\n")[1]


async def test_a_private_answer_is_shared_publicly_once(
    double: DiscordDouble, bot: BotProcess
) -> None:
    interaction = double.slash("club", "Leones Negros", private=True)
    answer = await ask(double, interaction)
    assert answer.ephemeral
    share = buttons_by_label(answer.data)["Share in channel"]
    assert share["custom_id"] == "sb1:share:club:club=udeg" and share["style"] == 3
    callback = await double.interact(
        double.click(double.message_of(answer, interaction), share["custom_id"])
    )
    assert callback.type == 7 and callback.data["components"] == []  # shared once: no button
    shared = await double.followup(callback.token)
    assert not shared.ephemeral
    checked(shared.data)
    assert shared.data["content"] == f"Shared by <@{FAN.id}>"
    assert shared.data["embeds"] == answer.data["embeds"]
    assert "55,020" in shared.text  # Estadio Jalisco
    assert len(double.webhook_messages[callback.token]) == 1


async def test_scorers_page_forward_and_back(double: DiscordDouble, bot: BotProcess) -> None:
    interaction = double.slash("scorers", all=True)
    answer = await ask(double, interaction)
    first = buttons_by_label(answer.data)
    assert first["◀ Previous"].get("disabled") is True
    assert first["Next ▶"]["custom_id"] == "sb1:view:scorers:everyone=1&page=2"
    assert "Page 1 of 3" in answer.text and "V.\u00a0Lojero" in answer.text
    message = double.message_of(answer, interaction)
    callback = await double.interact(double.click(message, "sb1:view:scorers:everyone=1&page=2"))
    assert callback.type == 7
    page = checked(callback.data)
    assert "Page 2 of 3" in text(page) and "C.\u00a0Valdovinos" in text(page)
    assert "V.\u00a0Lojero" not in text(page).split("```")[1]
    # Page 3 from the redrawn message, then someone else pages: privately.
    message = double.message_of(callback, interaction)
    callback = await double.interact(double.click(message, "sb1:view:scorers:everyone=1&page=3"))
    assert callback.type == 7 and "Page 3 of 3" in text(callback.data)
    assert buttons_by_label(callback.data)["Next ▶"].get("disabled") is True
    other = double.click(message, "sb1:view:scorers:everyone=1&page=3", user=OTHER_FAN)
    private = await double.interact(other)
    assert private.type == 4 and private.ephemeral and "Page 3 of 3" in private.text


async def test_a_stale_id_gets_a_clear_private_message(
    double: DiscordDouble, bot: BotProcess
) -> None:
    interaction = double.slash("club", "Necaxa")
    answer = await ask(double, interaction)
    message = dict(double.message_of(answer, interaction))
    message["components"] = [
        {
            "type": 1,
            "components": [{"type": 2, "style": 1, "label": "Old", "custom_id": "sb0:club:9"}],
        }
    ]
    callback = await double.interact(double.click(message, "sb0:club:9"))
    assert callback.type == 4 and callback.ephemeral
    assert "no longer redo" in callback.text
    record = await bot.wait_for_log(lambda r: r.get("message") == "refused: StaleComponent")
    assert record["custom_id"] == "sb0:club:9"


async def test_a_click_after_a_restart_still_works(double: DiscordDouble, workdir: Path) -> None:
    """Nothing about the answer lives in the process that gave it: a new process (a restart,
    another shard or replica) answers the click from its id alone."""
    first = await start_bot(double, workdir / "first")
    interaction = double.slash("scorers", all=True)
    answer = await ask(double, interaction)
    message = double.message_of(answer, interaction)
    assert await first.stop() == 0, first.tail()
    second = await start_bot(double, workdir / "second")
    try:
        callback = await double.interact(
            double.click(message, "sb1:view:scorers:everyone=1&page=2")
        )
        assert callback.type == 7 and "Page 2 of 3" in text(callback.data)
        record = await second.wait_for_log(
            lambda r: r.get("message") == "answered" and "custom_id" in r
        )
        assert record["custom_id"] == "sb1:view:scorers:everyone=1&page=2"
    finally:
        assert await second.stop() == 0, second.tail()
