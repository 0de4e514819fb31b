"""The double's own contract, checked with a plain HTTP and websocket client (no bot).

Why: every other e2e test trusts the double to behave like Discord where discord.py looks
(the list in `tests/e2e/double/__init__.py`). If the double drifted — a charset on a JSON
answer, no `Via` on a 429, no replay on RESUME — the bot tests could pass against a Discord
that does not exist, or fail for reasons that are not the bot's. These pin the details down
where they are cheap to read.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from tests.e2e.double import ADMIN_GUILD_ID, APPLICATION_ID, FAN_GUILD_ID, DiscordDouble

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(loop_scope="module")
async def server() -> AsyncIterator[DiscordDouble]:
    async with DiscordDouble(heartbeat_interval_ms=45_000, recommended_shards=2) as double:
        yield double


@pytest_asyncio.fixture(loop_scope="module")
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def receive(ws: aiohttp.ClientWebSocketResponse) -> dict[str, Any]:
    message = await ws.receive(timeout=5)
    assert message.type is aiohttp.WSMsgType.TEXT, "frames are plain-text JSON"
    data: dict[str, Any] = json.loads(message.data)
    return data


async def test_json_answers_have_the_exact_content_type(
    server: DiscordDouble, http: aiohttp.ClientSession
) -> None:
    for path in ("/users/@me", "/oauth2/applications/@me", "/gateway/bot", "/nowhere"):
        async with http.get(server.api_base + path) as response:
            assert response.headers["Content-Type"] == "application/json", path
    async with http.get(server.api_base + "/oauth2/applications/@me") as response:
        app = await response.json()
    for key in ("description", "icon", "bot_public", "bot_require_code_grant", "owner"):
        assert key in app
    assert app["verify_key"]


async def test_unknown_routes_are_404_json_and_recorded(
    server: DiscordDouble, http: aiohttp.ClientSession
) -> None:
    async with http.post(server.api_base + "/guilds/1/bans/2", json={}) as response:
        assert response.status == 404
        assert (await response.json())["message"] == "404: Not Found"
    assert [(r.method, r.path) for r in server.unhandled] == [("POST", "/api/v10/guilds/1/bans/2")]


async def test_gateway_bot_points_at_the_double(
    server: DiscordDouble, http: aiohttp.ClientSession
) -> None:
    async with http.get(server.api_base + "/gateway/bot") as response:
        data = await response.json()
    assert data["url"] == server.gateway_url
    assert data["shards"] == 2
    assert data["session_start_limit"]["max_concurrency"] == 1


async def test_rate_limited_callback_carries_what_discord_py_needs(
    server: DiscordDouble, http: aiohttp.ClientSession
) -> None:
    server.rate_limit_callbacks(1, retry_after=0.25)
    url = f"{server.api_base}/interactions/1/tok/callback?with_response=1"
    async with http.post(url, json={"type": 4, "data": {"content": "x"}}) as response:
        assert response.status == 429
        assert response.headers["Via"]  # else discord.py raises instead of retrying
        assert response.headers["X-RateLimit-Remaining"] == "0"
        body = await response.json()
    assert body["retry_after"] == 0.25
    assert body["global"] is False
    async with http.post(url, json={"type": 4, "data": {"content": "x"}}) as response:
        assert response.status == 200
        answer = await response.json()
    assert answer["interaction"]["id"] == "1"
    assert answer["resource"]["message"]["content"] == "x"
    assert server.callback_attempts["1"] == 2


async def test_gateway_identify_ready_heartbeat_resume_replay(
    server: DiscordDouble, http: aiohttp.ClientSession
) -> None:
    url = server.gateway_url + "?v=10&encoding=json&compress=zlib-stream"
    async with http.ws_connect(url) as ws:
        hello = await receive(ws)
        assert hello == {"op": 10, "d": {"heartbeat_interval": 45_000}}
        await ws.send_json({"op": 2, "d": {"token": "t", "shard": [1, 2], "intents": 1}})
        ready = await receive(ws)
        assert ready["t"] == "READY"
        assert ready["d"]["shard"] == [1, 2]
        assert ready["d"]["application"] == {"id": str(APPLICATION_ID), "flags": 1 << 23}
        assert ready["d"]["resume_gateway_url"] == server.resume_gateway_url
        assert [guild["id"] for guild in ready["d"]["guilds"]] == [str(FAN_GUILD_ID)]
        guild = await receive(ws)
        assert guild["t"] == "GUILD_CREATE"
        assert guild["d"]["roles"][0]["id"] == guild["d"]["id"], "@everyone's id is the guild's"
        assert guild["d"]["member_count"] == len(guild["d"]["members"])
        await ws.send_json({"op": 1, "d": guild["s"]})
        assert await receive(ws) == {"op": 11}
        session_id, seen = ready["d"]["session_id"], guild["s"]
        await ws.close(code=4000)  # not 1000/1001: those end the session, as on Discord
    missed = await server.dispatch("TYPING_START", {"x": 1}, shard=1)  # while disconnected
    async with http.ws_connect(server.resume_gateway_url) as ws:
        await receive(ws)  # HELLO
        await ws.send_json({"op": 6, "d": {"token": "t", "session_id": session_id, "seq": seen}})
        replayed = await receive(ws)
        assert (replayed["t"], replayed["s"]) == ("TYPING_START", missed)
        assert (await receive(ws))["t"] == "RESUMED"
        await ws.send_json({"op": 6, "d": {"token": "t", "session_id": "nope", "seq": 1}})
        assert await receive(ws) == {"op": 9, "d": False}
    assert server.guild(ADMIN_GUILD_ID).members, "the admin guild has members to act as"


async def test_multipart_callback_and_deferred_follow_up(
    server: DiscordDouble, http: aiohttp.ClientSession
) -> None:
    """What discord.py sends for a reply with a picture: `payload_json` plus `files[n]`; and a
    deferral's first follow-up shows with the deferral's visibility, whatever its flags say."""
    form = aiohttp.FormData(default_to_multipart=True)
    form.add_field("payload_json", json.dumps({"type": 5, "data": {"flags": 64}}))
    url = f"{server.api_base}/interactions/7/tok7/callback?with_response=1"
    async with http.post(url, data=form) as response:
        assert response.status == 200
    form = aiohttp.FormData()
    form.add_field("payload_json", json.dumps({"content": "chart", "flags": 0}))
    form.add_field("files[0]", b"\x89PNG", filename="bracket.png")
    follow_up = f"{server.api_base}/webhooks/{APPLICATION_ID}/tok7?wait=1"
    async with http.post(follow_up, data=form) as response:
        message = await response.json()
    assert message["content"] == "chart"
    (recorded,) = server.webhook_messages["tok7"]
    assert recorded.files == {"bracket.png": b"\x89PNG"}
    assert recorded.ephemeral, "the deferral was ephemeral, so the reply is"
    assert server.callbacks["7"][0].multipart


async def test_a_deleted_deferral_leaves_the_follow_up_its_own_visibility(
    server: DiscordDouble, http: aiohttp.ClientSession
) -> None:
    """After a public deferral the first follow-up takes the deferral's place, public
    whatever its flags say; with the deferral deleted first, it is a message of its own,
    and `shown` says what is left on screen."""
    base = f"{server.api_base}/webhooks/{APPLICATION_ID}"
    for token, delete_first in (("tok8", False), ("tok9", True)):
        url = f"{server.api_base}/interactions/{token[3:]}/{token}/callback"
        async with http.post(url, json={"type": 5}) as response:
            assert response.status == 204
        assert server.shown(token) == [(False, {})], "a public 'thinking…'"
        if delete_first:
            async with http.delete(f"{base}/{token}/messages/@original") as response:
                assert response.status == 204
            assert server.shown(token) == []
        async with http.post(f"{base}/{token}?wait=1", json={"content": "x", "flags": 64}):
            pass
    assert server.shown("tok8") == [(False, {"content": "x", "flags": 64})]
    assert server.shown("tok9") == [(True, {"content": "x", "flags": 64})]
    async with http.delete(f"{base}/tok9/messages/@original") as response:
        assert response.status == 404
        assert (await response.json())["code"] == 10008
    async with http.patch(f"{base}/tok9/messages/@original", json={"content": "y"}) as response:
        assert response.status == 404


async def test_flags_a_response_may_not_set_are_refused(
    server: DiscordDouble, http: aiohttp.ClientSession
) -> None:
    base = f"{server.api_base}/webhooks/{APPLICATION_ID}/tok10"
    url = f"{server.api_base}/interactions/10/tok10/callback"
    async with http.post(url, json={"type": 4, "data": {"content": "x", "flags": 1 << 1}}) as r:
        assert r.status == 400 and (await r.json())["code"] == 50035
    async with http.post(url, json={"type": 4, "data": {"content": "x", "flags": 64}}) as r:
        assert r.status == 204
    for flags in ("64", None, True, -1, 1 << 7):
        async with http.post(f"{base}?wait=1", json={"content": "x", "flags": flags}) as r:
            assert r.status == (200 if flags is None else 400), flags
    refused = server.take_violations()
    assert [violation.status for violation in refused] == [400] * 5
    assert "flags" in refused[0].problems["errors"]["data"]
    assert all("flags" in violation.problems["errors"] for violation in refused[1:])
