"""The double refuses what Discord refuses, in Discord's words, with a plain HTTP client.

Why: the e2e tests prove the bot's requests right only if the double is as strict as Discord.
Each case below is a request Discord answers with 400: one rule of its OpenAPI spec (vendored
in `double/spec/`) or of its documentation that the spec does not encode (`double/limits.py`).
Each must be refused with Discord's nested error body (`{code, message, errors: {...}}`, the
problem under its field's path), recorded as a violation, and never reach the route.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from tests.e2e.double import APPLICATION_ID, DiscordDouble
from tests.e2e.double.openapi import SPEC_FILE, spec
from tools.vendor_discord_spec import extract

on_the_module_loop = pytest.mark.asyncio(loop_scope="module")

CALLBACK = "/interactions/1/token1/callback"
FOLLOW_UP = f"/webhooks/{APPLICATION_ID}/token1"
ORIGINAL = f"/webhooks/{APPLICATION_ID}/token1/messages/@original"
POST = "/channels/1/messages"
COMMANDS = f"/applications/{APPLICATION_ID}/commands"


def button(number: int, **fields: Any) -> dict[str, Any]:
    return {"type": 2, "style": 1, "label": f"b{number}", "custom_id": f"c{number}", **fields}


def row(*items: dict[str, Any]) -> dict[str, Any]:
    return {"type": 1, "components": list(items)}


def reply(**data: Any) -> dict[str, Any]:
    return {"type": 4, "data": {"content": "x", **data}}


def command(**fields: Any) -> dict[str, Any]:
    return {"type": 1, "name": "club", "description": "A club", **fields}


def option(name: str, *, required: bool) -> dict[str, Any]:
    return {"type": 3, "name": name, "description": "d", "required": required}


SELECT = {
    "type": 3,
    "custom_id": "pick",
    "options": [{"label": "a", "value": "a"}, {"label": "b", "value": "b"}],
}

BROKEN: dict[str, tuple[str, str, Any, tuple[str, ...], str]] = {
    # name: (method, route, body, the path of the error, its code)
    "six buttons in a row": (
        "POST",
        CALLBACK,
        reply(components=[row(*(button(n) for n in range(6)))]),
        ("data", "components", "0", "components"),
        "BASE_TYPE_BAD_LENGTH",
    ),
    "a duplicated custom_id": (
        "POST",
        CALLBACK,
        reply(components=[row(button(1), button(2, custom_id="c1"))]),
        ("data", "components"),
        "COMPONENT_CUSTOM_ID_DUPLICATED",
    ),
    "a custom_id of 101 characters": (
        "POST",
        CALLBACK,
        reply(components=[row(button(1, custom_id="x" * 101))]),
        ("data", "components", "0", "components", "0", "custom_id"),
        "BASE_TYPE_BAD_LENGTH",
    ),
    "a label of 81 characters": (
        "POST",
        CALLBACK,
        reply(components=[row(button(1, label="x" * 81))]),
        ("data", "components", "0", "components", "0", "label"),
        "BASE_TYPE_MAX_LENGTH",
    ),
    "a flag a reply may not set (CROSSPOSTED)": (
        "POST",
        CALLBACK,
        reply(flags=1 << 1),
        ("data", "flags"),
        "MESSAGE_FLAGS_INVALID",
    ),
    "a flag a deferral may not set (SUPPRESS_EMBEDS)": (
        "POST",
        CALLBACK,
        {"type": 5, "data": {"flags": 1 << 2}},
        ("data", "flags"),
        "MESSAGE_FLAGS_INVALID",
    ),
    "a flag an edit may not set (EPHEMERAL)": (
        "PATCH",
        ORIGINAL,
        {"content": "x", "flags": 1 << 6},
        ("flags",),
        "MESSAGE_FLAGS_INVALID",
    ),
    "flags as a string": (
        "POST",
        FOLLOW_UP,
        {"content": "x", "flags": "64"},
        ("flags",),
        "NUMBER_TYPE_COERCE",
    ),
    "an attachment with no file": (
        "POST",
        FOLLOW_UP,
        {"content": "x", "attachments": [{"id": 0, "filename": "chart.png"}]},
        ("attachments", "0"),
        "ATTACHMENT_NOT_FOUND",
    ),
    "embeds over 6000 characters together": (
        "POST",
        CALLBACK,
        reply(embeds=[{"description": "x" * 3001}, {"description": "y" * 3000}]),
        ("data", "embeds"),
        "MAX_EMBED_SIZE_EXCEEDED",
    ),
    "a blank embed field name": (
        "POST",
        POST,
        {"embeds": [{"fields": [{"name": " ", "value": "v"}]}]},
        ("embeds", "0", "fields", "0", "name"),
        "BASE_TYPE_REQUIRED",
    ),
    "a locale Discord does not have": (
        "PUT",
        COMMANDS,
        [command(name_localizations={"es": "club"})],
        ("0", "name_localizations", "es"),
        "BASE_TYPE_CHOICES",
    ),
    "six action rows": (
        "POST",
        CALLBACK,
        reply(components=[row(button(n)) for n in range(6)]),
        ("data", "components"),
        "BASE_TYPE_MAX_LENGTH",
    ),
    "a select beside a button": (
        "POST",
        CALLBACK,
        reply(components=[row(SELECT, button(1))]),
        ("data", "components", "0", "components"),
        "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
    ),
    "a button with no custom_id": (
        "POST",
        CALLBACK,
        reply(components=[row({"type": 2, "style": 1, "label": "go"})]),
        ("data", "components", "0", "components", "0", "custom_id"),
        "BASE_TYPE_REQUIRED",
    ),
    "26 options in a select": (
        "POST",
        CALLBACK,
        reply(
            components=[
                row({**SELECT, "options": [{"label": f"{n}", "value": f"{n}"} for n in range(26)]})
            ]
        ),
        ("data", "components", "0", "components", "0", "options"),
        "BASE_TYPE_BAD_LENGTH",
    ),
    "parse users beside a list of users": (
        "POST",
        POST,
        {"content": "x", "allowed_mentions": {"parse": ["users"], "users": ["1"]}},
        ("allowed_mentions", "users"),
        "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
    ),
    "an unknown kind of mention to parse": (
        "POST",
        POST,
        {"content": "x", "allowed_mentions": {"parse": ["channels"]}},
        ("allowed_mentions", "parse", "0"),
        "BASE_TYPE_CHOICES",
    ),
    "content of 2001 characters": (
        "POST",
        POST,
        {"content": "x" * 2001},
        ("content",),
        "BASE_TYPE_MAX_LENGTH",
    ),
    "a command name in capitals": (
        "PUT",
        COMMANDS,
        [command(name="Club")],
        ("0", "name"),
        "APPLICATION_COMMAND_INVALID_NAME",
    ),
    "a localized name with a space": (
        "PUT",
        COMMANDS,
        [command(name_localizations={"es-ES": "el club"})],
        ("0", "name_localizations", "es-ES"),
        "APPLICATION_COMMAND_INVALID_NAME",
    ),
    "a required option after an optional one": (
        "PUT",
        COMMANDS,
        [command(options=[option("a", required=False), option("b", required=True)])],
        ("0", "options", "1", "required"),
        "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
    ),
    "an autocomplete choice value of 101 characters": (
        "POST",
        CALLBACK,
        {"type": 8, "data": {"choices": [{"name": "Necaxa", "value": "x" * 101}]}},
        ("data", "choices", "0", "value"),
        "BASE_TYPE_MAX_LENGTH",
    ),
    "26 autocomplete choices": (
        "POST",
        CALLBACK,
        {"type": 8, "data": {"choices": [{"name": f"{n}", "value": f"{n}"} for n in range(26)]}},
        ("data", "choices"),
        "BASE_TYPE_MAX_LENGTH",
    ),
    "a command description of 101 characters": (
        "PUT",
        COMMANDS,
        [command(description="x" * 101)],
        ("0", "description"),
        "BASE_TYPE_MAX_LENGTH",
    ),
}


@pytest_asyncio.fixture(loop_scope="module")
async def server() -> AsyncIterator[DiscordDouble]:
    async with DiscordDouble() as double:
        yield double


@pytest_asyncio.fixture(loop_scope="module")
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def send(
    http: aiohttp.ClientSession, server: DiscordDouble, method: str, route: str, body: Any
) -> tuple[int, Any]:
    async with http.request(method, server.api_base + route, json=body) as response:
        text = await response.text()
        return response.status, json.loads(text) if text else None


def errors_at(answer: Mapping[str, Any], path: tuple[str, ...]) -> list[str]:
    node: Any = answer["errors"]
    for key in path:
        assert key in node, f"no error under {'.'.join(path)}: {answer['errors']}"
        node = node[key]
    return [error["code"] for error in node["_errors"]]


@on_the_module_loop
@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
async def test_a_request_discord_refuses_is_refused_in_its_words(
    server: DiscordDouble, http: aiohttp.ClientSession, case: str
) -> None:
    method, route, body, path, code = BROKEN[case]
    status, answer = await send(http, server, method, route, body)
    assert status == 400, answer
    assert answer["code"] == 50035
    assert answer["message"] == "Invalid Form Body"
    assert code in errors_at(answer, path), answer
    (refused,) = server.take_violations()
    assert (refused.side, refused.status, refused.problems) == ("request", 400, answer)
    assert not server.callbacks, "a refused request never reaches the route"
    assert not server.webhook_messages
    assert not server.posted_messages
    assert not server.syncs


@on_the_module_loop
async def test_an_attachment_must_name_a_file_of_the_request(
    server: DiscordDouble, http: aiohttp.ClientSession
) -> None:
    """What discord.py sends for a picture (`payload_json`, `files[0]`, attachment id 0) is
    accepted; the same placeholder naming `files[1]`, which is not there, is not."""
    for index, expected in ((0, 200), (1, 400)):
        form = aiohttp.FormData()
        payload = {"content": "chart", "attachments": [{"id": index, "filename": "b.png"}]}
        form.add_field("payload_json", json.dumps(payload))
        form.add_field("files[0]", b"\x89PNG", filename="b.png")
        async with http.post(f"{server.api_base}{FOLLOW_UP}?wait=1", data=form) as response:
            assert response.status == expected
            answer = await response.json()
    assert errors_at(answer, ("attachments", "0")) == ["ATTACHMENT_NOT_FOUND"]
    assert len(server.take_violations()) == 1
    (sent,) = server.webhook_messages["token1"]
    assert sent.files == {"b.png": b"\x89PNG"}


@on_the_module_loop
async def test_an_empty_message_and_a_body_that_is_not_json(
    server: DiscordDouble, http: aiohttp.ClientSession
) -> None:
    status, answer = await send(http, server, "POST", POST, {"content": ""})
    assert (status, answer) == (400, {"code": 50006, "message": "Cannot send an empty message"})
    url = server.api_base + FOLLOW_UP
    async with http.post(url, data=b"{", headers={"Content-Type": "application/json"}) as r:
        assert r.status == 400
        assert (await r.json())["code"] == 50109
    assert [violation.status for violation in server.take_violations()] == [400, 400]


@on_the_module_loop
async def test_what_the_bot_sends_is_accepted_and_answered_as_discord_answers(
    server: DiscordDouble, http: aiohttp.ClientSession
) -> None:
    """The shapes the bot uses pass; 204 carries no body where Discord's has none, and every
    answer is checked against the spec's response for its status (a mismatch would be a
    "response" violation: the double's fault)."""
    components = [row(button(1), button(2)), row(SELECT)]
    status, answer = await send(http, server, "POST", CALLBACK, reply(components=components))
    assert (status, answer) == (204, None)
    edit = {"content": "y", "components": components, "allowed_mentions": {"parse": []}}
    status, answer = await send(http, server, "PATCH", ORIGINAL, edit)
    assert status == 200
    shown = [
        [row["id"], *(item["id"] for item in row["components"])] for row in answer["components"]
    ]
    assert shown == [[1, 2, 3], [4, 5]], "Discord numbers the components it shows"
    status, answer = await send(http, server, "POST", FOLLOW_UP + "?wait=0", {"content": "z"})
    assert (status, answer) == (204, None)
    status, answer = await send(http, server, "DELETE", ORIGINAL, None)
    assert (status, answer) == (204, None)
    localized = command(
        name_localizations={"es-ES": "club", "es-419": "club"},
        options=[option("club", required=True), option("torneo", required=False)],
    )
    status, answer = await send(http, server, "PUT", COMMANDS, [localized])
    assert status == 200
    assert answer[0]["integration_types"] == [0]
    assert not server.take_violations()


@on_the_module_loop
async def test_a_double_left_with_a_violation_fails_the_test(
    http: aiohttp.ClientSession,
) -> None:
    with pytest.raises(AssertionError, match="MESSAGE_FLAGS_INVALID"):
        async with DiscordDouble() as double:
            await send(http, double, "POST", CALLBACK, reply(flags=1 << 1))


def test_a_literal_route_is_its_own_operation() -> None:
    """`@original` is the original response's operation, not "a webhook message" by id."""
    operation = spec().operation
    found = operation("PATCH", f"/webhooks/{APPLICATION_ID}/t/messages/@original")
    assert found is not None and found.id == "update_original_webhook_message"
    found = operation("PATCH", f"/webhooks/{APPLICATION_ID}/t/messages/123")
    assert found is not None and found.id == "update_webhook_message"
    assert operation("POST", "/guilds/1/bans/2") is None


def test_the_vendored_spec_is_what_the_tool_extracts() -> None:
    """The vendored file was not edited by hand: extracting the listed operations from it
    gives it back (the errata live in `openapi.py`, not in the file)."""
    vendored = json.loads(SPEC_FILE.read_text("utf-8"))
    commit = vendored["info"]["x-vendored-from"]["commit"]
    assert extract(vendored, commit) == vendored
