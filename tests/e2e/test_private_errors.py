"""Refusals stay private and friendly, through the real bot process and the Discord double.

Why here: after a public deferral, Discord puts the first follow-up in the deferral's place,
as public as it, whatever its flags say; so an error answered that way ("I don't know a club
called…", with its "did you mean" buttons) reached the whole channel. Under a burst every
interaction that reaches the margin is deferred. This module's bot has a margin of a
millisecond, so that a burst of names it does not know is nearly all deferred, and the test
reads what the double leaves on screen for each. It also sends payloads no synced command
describes, which the bot must refuse in words, with no traceback in its log.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from commands.i18n import translator
from tests.e2e.botproc import BotProcess
from tests.e2e.double import APPLICATION_ID, Callback, DiscordDouble
from tests.helpers import payload_text, text

pytestmark = pytest.mark.asyncio(loop_scope="module")

DEADLINE = 3.0
BURST = 20
"""Rounds of MIX: 120 interactions at once, most of them deferred before their answer."""
MIX: tuple[tuple[str, tuple[str, ...], dict[str, Any], str], ...] = (
    ("club", ("Nexaca",), {}, "I don't know a club called “Nexaca”"),
    ("result", ("Necaxa", "Chivas"), {}, "“Chivas” (Liga MX) did not play in this league."),
    ("path", ("Leones",), {}, "I don't know a club called “Leones”"),
    ("relegation", ("Atletico San",), {"locale": "es-419"}, "No conozco ningún club"),
    ("club", ("Nexaca",), {"private": True}, "I don't know a club called “Nexaca”"),
    ("club", ("Necaxa",), {}, "Estadio Victoria"),
)
"""(command, options, more, words the answer holds): five errors, one of them asked
privately, and one plain answer, which must stay where the deferral was."""
REFUSED = tuple(
    translator(locale)(key)
    for locale in ("en", "es-419")
    for key in ("error.title", "error.did_you_mean_title")
)
"""The titles of a reply the asker must act on: "Can't answer that", and "Did you mean…?"
over a name with close ones, which is a question in the bot's colour, not an error."""
OUTDATED = "the command has just been updated. Please run it again"


@pytest.fixture(scope="module")
def double_options() -> dict[str, Any]:
    return {"callback_deadline": DEADLINE}


@pytest.fixture(scope="module")
def bot_env() -> dict[str, str]:
    return {"SEASONBOT_DEFER_AFTER": "0.001", "SEASONBOT_WATCH": "false"}


async def shown_once_answered(double: DiscordDouble, callback: Callback) -> list[Any]:
    """What is left on screen for an interaction once its answer is in: after a deferral
    (a command's, or a click's as an update of its message), what the double shows once the
    answer came; else the callback's own message."""
    if callback.type not in (5, 6):
        return [(callback.ephemeral, callback.data)]
    await double.followup(callback.token, timeout=30)
    return double.shown(callback.token)


async def test_errors_after_public_deferrals_under_a_burst_reach_only_their_askers(
    double: DiscordDouble, bot: BotProcess
) -> None:
    asked = [
        (double.slash(command, *options, **more), words, bool(more.get("private")))
        for _ in range(BURST)
        for command, options, more, words in MIX
    ]
    callbacks = await asyncio.gather(
        *(double.interact(payload, timeout=DEADLINE + 1) for payload, _, _ in asked)
    )
    assert not double.expired_callbacks, "a first response came after Discord's 3 s"
    screens = await asyncio.gather(*(shown_once_answered(double, c) for c in callbacks))
    public_deferrals_of_errors = 0
    for (payload, words, private), callback, shown in zip(asked, callbacks, screens, strict=True):
        # The answer alone is left: a deferral was deleted under an error, or became it.
        [(ephemeral, message)] = shown
        assert words in text(message), (payload["data"], message)
        error = any(title in text(message) for title in REFUSED)
        assert ephemeral == (error or private), (payload["data"], shown)
        if "Nexaca" in words:
            assert "sb1:go:club:club=necaxa" in payload_text(message)  # did you mean Necaxa?
        if callback.type == 5:
            assert callback.ephemeral == private
            public_deferrals_of_errors += error and not private
    deleted = sum("@original" in ids for ids in double.deleted_messages.values())
    assert deleted == public_deferrals_of_errors
    # A command may still answer before its deferral goes out (the margin is 1 ms, the
    # deferral a task of its own), but a burst leaves most of them waiting for a slot.
    assert public_deferrals_of_errors >= BURST * 2, "the burst hardly reached the margin"
    print(f"{len(asked)} at once: {deleted} errors after a public deferral, all private")
    await asyncio.sleep(0.2)  # the bot logs after its request reached the double
    log = bot.log_text()
    assert "Traceback" not in log
    assert "interaction expired" not in log


async def test_a_deferred_answer_edits_the_deferral_in_place(
    double: DiscordDouble, bot: BotProcess
) -> None:
    """After a deferral, the answer takes its place: an edit of `@original` (PATCH
    /webhooks/{app}/{token}/messages/@original), not a follow-up message (POST
    /webhooks/{app}/{token}), which Discord's documentation calls deprecated for that. A
    private answer stays as private as its deferral."""
    asked = [double.slash("bracket", "Apertura")]  # a picture not drawn yet: deferred
    for _ in range(10):
        asked += [double.slash("club", "Necaxa"), double.slash("club", "Necaxa", private=True)]
    callbacks = await asyncio.gather(
        *(double.interact(payload, timeout=DEADLINE + 1) for payload in asked)
    )
    deferred = [callback for callback in callbacks if callback.type == 5]
    assert deferred, "nothing was deferred"
    for callback in deferred:
        await double.followup(callback.token, timeout=30)
        [(ephemeral, message)] = double.shown(callback.token)
        assert ephemeral == callback.ephemeral
        assert "Necaxa" in text(message) or "Apertura 2013" in text(message)
        [answer] = double.webhook_messages[callback.token]
        assert answer.kind == "edit" and answer.original
        webhook = f"/webhooks/{APPLICATION_ID}/{callback.token}"
        sent = [(r.method, r.path.split(webhook)[1]) for r in double.requests if webhook in r.path]
        assert sent == [("PATCH", "/messages/@original")]
    assert not double.deleted_messages.keys() & {c.token for c in deferred}
    print(f"{len(asked)} at once: {len(deferred)} deferred, each answered in place")


def club(value: Any) -> dict[str, Any]:
    return {"type": 3, "name": "club", "value": value}


async def refusal(double: DiscordDouble, payload: dict[str, Any]) -> str:
    """The words of the one refusal the asker sees; nothing of it is left in public."""
    callback = await double.interact(payload, timeout=DEADLINE + 1)
    [(ephemeral, message)] = await shown_once_answered(double, callback)
    assert ephemeral, message
    words = text(message)
    assert "Something went wrong" not in words
    return words


async def test_payloads_no_command_describes_are_refused_in_words(
    double: DiscordDouble, bot: BotProcess
) -> None:
    def crafted(options: Any, name: str = "club") -> dict[str, Any]:
        payload = double.slash(name, "Necaxa")
        payload["data"]["options"] = options
        return payload

    for payload in (
        crafted([club(5)]),
        crafted([club(None)]),
        crafted([club(["Necaxa"])]),
        crafted([club({"name": "Necaxa"})]),
        crafted(None),
        crafted([{"type": 3, "name": "club_a", "value": "Necaxa"}], "result"),
    ):
        assert OUTDATED in await refusal(double, payload), payload["data"]
    twice = crafted([club("Necaxa"), club("Chivas")])
    assert "/club got the option `club` twice." in await refusal(double, twice)

    autocomplete = double.slash("club", "nec", focused="club")
    autocomplete["data"]["options"] = [
        club("nec"),
        {"type": 5, "name": "private", "value": True, "focused": True},
    ]
    callback = await double.interact(autocomplete)
    assert callback.type == 8 and callback.choices == []

    menu = {
        "type": 1,
        "components": [
            {
                "type": 3,
                "custom_id": "sb1:view:bracket:",
                "options": [{"label": "Apertura 2013", "value": "tournament=apertura-2013"}],
            }
        ],
    }
    message = double.message_object("", {"components": [menu]}, double.snowflake(), 0)
    stale = "This button or menu belongs to an answer this version of the bot can no longer"
    for values in (None, "missing", [7]):
        click = double.click(message, "sb1:view:bracket:", ["tournament=apertura-2013"])
        if values == "missing":
            del click["data"]["values"]
        else:
            click["data"]["values"] = values
        assert stale in await refusal(double, click)
    twice = double.click(message, "sb1:go:club:club=necaxa&club=chivas")
    assert stale in await refusal(double, twice)

    await asyncio.sleep(0.2)
    assert "Traceback" not in bot.log_text()
    assert not [r for r in bot.log_records() if r["level"] in ("ERROR", "CRITICAL")]
