"""The HTTP side: the REST routes discord.py calls, interaction callbacks and webhooks, channel
messages and the CDN route for attachments, with Discord's refusals (429, 10062, 50027...)."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Literal, Self

from aiohttp import web

from tests.e2e.double.gateway import Gateway
from tests.e2e.double.model import (
    API,
    OWNER,
    Callback,
    ChannelMessage,
    CommandSync,
    Request,
    Violation,
    WebhookMessage,
)
from tests.e2e.double.openapi import response_problems, spec
from tests.e2e.double.strict import judge, read_body
from tests.payloads import (
    APPLICATION_ID,
    EPHEMERAL,
    shown_components,
)


class Rest(Gateway):
    """The server: `start` binds every route on 127.0.0.1 (the gateway's websocket too)."""

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
        if exc_info[0] is None:
            self.assert_no_violations()

    def take_violations(self, since: int = 0) -> list[Violation]:
        """The violations after the first `since`, forgotten (so each is reported once; a
        test that sends bad requests on purpose takes them to look at them)."""
        taken = self.violations[since:]
        del self.violations[since:]
        return taken

    def assert_no_violations(self, since: int = 0) -> None:
        """Fail with every request Discord would have refused (and every answer of the
        double's that is not the spec's shape) after the first `since`."""
        found = self.take_violations(since)
        assert not found, "Discord would refuse these requests:\n" + "\n".join(map(str, found))

    async def start(self) -> None:
        app = web.Application(client_max_size=32 * 1024 * 1024)
        route = app.router.add_route
        route("GET", f"{API}/users/@me", self._users_me)
        route("GET", f"{API}/oauth2/applications/@me", self._application)
        route("GET", f"{API}/applications/@me", self._application)
        route("GET", f"{API}/gateway", self._gateway_url)
        route("GET", f"{API}/gateway/bot", self._gateway_bot)
        route("PUT", f"{API}/applications/{{app}}/commands", self._put_commands)
        route("PUT", f"{API}/applications/{{app}}/guilds/{{guild}}/commands", self._put_commands)
        route("GET", f"{API}/applications/{{app}}/commands", self._get_commands)
        route("GET", f"{API}/applications/{{app}}/guilds/{{guild}}/commands", self._get_commands)
        route("POST", f"{API}/interactions/{{id}}/{{token}}/callback", self._callback)
        route("POST", f"{API}/webhooks/{{app}}/{{token}}", self._followup)
        route("PATCH", f"{API}/webhooks/{{app}}/{{token}}/messages/{{message}}", self._edit)
        route("GET", f"{API}/webhooks/{{app}}/{{token}}/messages/{{message}}", self._get_message)
        route("DELETE", f"{API}/webhooks/{{app}}/{{token}}/messages/{{message}}", self._delete)
        route("POST", f"{API}/channels/{{channel}}/messages", self._channel_message)
        route("GET", "/attachments/{id}/{filename}", self._attachment)
        route("GET", "/gateway", self._gateway)
        route("GET", "/resume-gateway", self._gateway)
        route("*", "/{tail:.*}", self._not_found)
        app.middlewares.append(self._log_requests)
        app.middlewares.append(self._hold_to_the_spec)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])

    async def close(self) -> None:
        for connection in self.connections:
            if not connection.closed:
                with contextlib.suppress(Exception):
                    await connection.ws.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def rate_limit_callbacks(self, count: int, retry_after: float = 0.3) -> None:
        """Answer the next `count` interaction callbacks with 429 and `retry_after` seconds."""
        self._rate_limits_left = count
        self._retry_after = retry_after

    def rate_limit_syncs(self, count: int, retry_after: float) -> None:
        """Answer the next `count` command syncs (PUT .../commands) with 429 and `retry_after`
        seconds, as Discord does to an application that syncs too often."""
        self._sync_rate_limits_left = count
        self._sync_retry_after = retry_after

    @web.middleware
    async def _log_requests(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        response = await handler(request)
        self.requests.append(Request(request.method, request.path, response.status))
        return response

    @web.middleware
    async def _hold_to_the_spec(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Judge every API request against the vendored spec before its route sees it, and
        every answer after (see `strict.py`). A request to a route the double lacks is left
        to `_not_found` (the fixtures check `unhandled`)."""
        if not request.path.startswith(API) or request.match_info.handler == self._not_found:
            return await handler(request)
        body = await read_body(request)
        operation = spec().operation(request.method, request.path.removeprefix(API))

        def violation(side: Literal["request", "response"], status: int, problems: Any) -> None:
            name = operation.id if operation is not None else None
            found = Violation(
                side, request.method, request.path, name, status, problems, body.payload
            )
            self.violations.append(found)

        if operation is None:
            violation(
                "request", 0, "no operation of the vendored spec (tools/vendor_discord_spec.py)"
            )
            return await handler(request)
        refusal = judge(operation, body)
        if refusal is not None:
            violation("request", refusal.status, refusal.body)
            await self._notify()
            response: web.StreamResponse = self.json(refusal.body, status=refusal.status)
        else:
            response = await handler(request)
        if isinstance(response, web.Response):
            raw = response.body if isinstance(response.body, bytes) else b""
            problems = response_problems(operation, response.status, raw)
            if problems:
                violation("response", response.status, problems)
        return response

    @staticmethod
    def json(
        payload: Any, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> web.Response:
        """`Content-Type: application/json` exactly (no charset): what discord.py parses."""
        response = web.Response(
            body=json.dumps(payload).encode(), status=status, headers=dict(headers or {})
        )
        response.headers["Content-Type"] = "application/json"
        return response

    async def _not_found(self, request: web.Request) -> web.Response:
        self.unhandled.append(Request(request.method, request.path, 404))
        return self.json({"message": "404: Not Found", "code": 0}, status=404)

    async def _users_me(self, request: web.Request) -> web.Response:
        if self.reject_token:
            return self.json({"message": "401: Unauthorized", "code": 0}, status=401)
        return self.json(self.bot_user())

    async def _application(self, request: web.Request) -> web.Response:
        owner = OWNER.payload()
        return self.json(
            {
                "id": str(APPLICATION_ID),
                "name": "Season Bot",
                "icon": None,
                "description": "Answers questions about the 2013–14 Ascenso MX season.",
                "summary": "",
                "type": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": owner,
                "team": None,
                "verify_key": "0" * 64,
                "flags": 1 << 23,
                "flags_new": str(1 << 23),
                "role_connections_verification_url": None,
                "approximate_user_install_count": 0,
                "approximate_user_authorization_count": 0,
                "explicit_content_filter": 0,
                "eligible_oauth2_scopes": [],
                "rpc_origins": [],
                "tags": [],
                "redirect_uris": [],
                "interactions_endpoint_url": None,
                "approximate_guild_count": len(self.guilds),
                "bot": self.bot_user(),
            }
        )

    async def _gateway_url(self, request: web.Request) -> web.Response:
        return self.json({"url": self.gateway_url})

    async def _gateway_bot(self, request: web.Request) -> web.Response:
        return self.json(
            {
                "url": self.gateway_url,
                "shards": self.recommended_shards,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 14_400_000,
                    "max_concurrency": 1,
                },
            }
        )

    async def _put_commands(self, request: web.Request) -> web.Response:
        guild = request.match_info.get("guild")
        guild_id = int(guild) if guild else None
        body = await request.json()
        if guild_id in self.guilds_refusing_commands:
            return self.json({"message": "Missing Access", "code": 50001}, status=403)
        if self._sync_rate_limits_left > 0:
            self._sync_rate_limits_left -= 1
            return self._rate_limited(self._sync_retry_after, "application-commands")
        commands = []
        for definition in body:
            command = {
                "id": self.snowflake(),
                "application_id": str(APPLICATION_ID),
                "version": self.snowflake(),
                "type": 1,
                "default_member_permissions": None,
                "nsfw": False,
                **definition,
            }
            if command["default_member_permissions"] is not None:
                command["default_member_permissions"] = str(command["default_member_permissions"])
            if command.get("integration_types") is None:
                command["integration_types"] = [0]  # GUILD_INSTALL, the default Discord fills in
            if guild_id is not None:
                command["guild_id"] = str(guild_id)
            commands.append(command)
        self.syncs.append(CommandSync(guild_id, commands))
        await self._notify()
        return self.json(commands)

    async def _get_commands(self, request: web.Request) -> web.Response:
        guild = request.match_info.get("guild")
        guild_id = int(guild) if guild else None
        latest = [sync for sync in self.syncs if sync.guild_id == guild_id]
        return self.json(latest[-1].commands if latest else [])

    async def _read_body(
        self, request: web.Request
    ) -> tuple[dict[str, Any], dict[str, bytes], bool]:
        """JSON, or discord.py's multipart: `payload_json` plus `files[n]` parts (read once,
        by `_hold_to_the_spec`)."""
        body = await read_body(request)
        payload = body.payload if isinstance(body.payload, dict) else {}
        return payload, body.files, body.multipart

    def _rate_limited(self, retry: float, bucket: str) -> web.Response:
        return self.json(
            {"message": "You are being rate limited.", "retry_after": retry, "global": False},
            status=429,
            headers={
                "Retry-After": str(max(1, round(retry))),
                "X-RateLimit-Limit": "5",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": f"{time.time() + retry:.3f}",
                "X-RateLimit-Reset-After": f"{retry:.3f}",
                "X-RateLimit-Bucket": bucket,
                "X-RateLimit-Scope": "user",
                "Via": "1.1 google",  # without it discord.py treats a 429 as a Cloudflare ban
            },
        )

    async def _callback(self, request: web.Request) -> web.Response:
        interaction_id = request.match_info["id"]
        token = request.match_info["token"]
        self.callback_attempts[interaction_id] += 1
        if self._rate_limits_left > 0:
            self._rate_limits_left -= 1
            self.rate_limited.append(interaction_id)
            await request.read()
            return self._rate_limited(self._retry_after, "interaction-callback")
        body, files, multipart = await self._read_body(request)
        if self._late(interaction_id, self.callback_deadline):
            self.expired_callbacks.append(interaction_id)
            await self._notify()
            return self.json({"message": "Unknown interaction", "code": 10062}, status=404)
        callback = Callback(
            interaction_id,
            token,
            body,
            files,
            dict(request.query),
            time.perf_counter(),
            multipart,
        )
        if self.callbacks.get(interaction_id):
            self.callbacks[interaction_id].append(callback)
            return self.json(
                {"message": "Interaction has already been acknowledged.", "code": 40060},
                status=400,
            )
        self.callbacks[interaction_id] = [callback]
        self._original[token] = callback
        waiter = self._callback_waiters.get(interaction_id)
        if waiter is not None and not waiter.done():
            waiter.set_result(callback)
        await self._notify()
        if "with_response" not in request.query:
            return web.Response(status=204)  # Discord's answer unless asked for the resource
        return self.json(self._callback_response(callback))

    def _late(self, interaction_id: str | None, limit: float | None) -> bool:
        """Whether Discord would refuse a request about this interaction by now."""
        dispatched = self.dispatched_at.get(interaction_id or "")
        return (
            limit is not None
            and dispatched is not None
            and (time.perf_counter() - dispatched > limit)
        )

    def _token_expired(self, token: str) -> web.Response | None:
        interaction_id = self._pending.get(token, {}).get("id")
        if not self._late(interaction_id, self.token_lifetime):
            return None
        self.expired_webhooks.append(token)
        return self.json({"message": "Invalid Webhook Token", "code": 50027}, status=401)

    def _callback_response(self, callback: Callback) -> dict[str, Any]:
        """`?with_response=1`: `{"interaction": {...}, "resource": {...}}` (discord.py parses
        `interaction.id` and, if present, `resource.message`). The resource's message is there
        for a reply (4) and a click's edit (7) only, as Discord's documentation and spec say:
        a deferral's "thinking…" message has its id alone."""
        interaction = self._pending.get(callback.token, {})
        kind = callback.type
        answer: dict[str, Any] = {
            "interaction": {
                "id": callback.interaction_id,
                "type": interaction.get("type", 2),
                "response_message_loading": kind == 5,
                "response_message_ephemeral": callback.ephemeral,
            }
        }
        if kind in (4, 5):
            answer["interaction"]["response_message_id"] = message_id = self.snowflake()
        if kind == 4:
            message = self.message_object(callback.token, callback.data, message_id, callback.flags)
            answer["resource"] = {"type": kind, "message": message}
        elif kind == 7:
            # UPDATE_MESSAGE: the clicked message, as edited.
            clicked = dict(interaction.get("message") or {})
            clicked.update({key: value for key, value in callback.data.items() if key != "flags"})
            clicked["components"] = shown_components(clicked.get("components") or [])
            answer["resource"] = {"type": kind, "message": clicked}
        return answer

    def _deferred(self, token: str) -> Callback | None:
        original = self._original.get(token)
        return original if original is not None and original.type == 5 else None

    @staticmethod
    def _unknown_message() -> web.Response:
        return Rest.json({"message": "Unknown Message", "code": 10008}, status=404)

    async def _followup(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        body, files, _ = await self._read_body(request)
        expired = self._token_expired(token)
        if expired is not None:
            return expired
        earlier = self.webhook_messages.setdefault(token, [])
        deferral = self._deferred(token)
        in_its_place = (
            deferral is not None
            and "@original" not in self.deleted_messages.get(token, set())
            and not any(m.original for m in earlier)
        )
        if deferral is not None and in_its_place:
            ephemeral = deferral.ephemeral  # the first follow-up is the deferred original
        else:
            # A message of its own: after a reply, an edit, or the deferral deleted.
            ephemeral = bool(int(body.get("flags") or 0) & EPHEMERAL)
        return await self._record_webhook(
            "followup",
            token,
            body=body,
            files=files,
            ephemeral=ephemeral,
            request=request,
            original=in_its_place,
        )

    async def _delete(self, request: web.Request) -> web.Response:
        """DELETE a message of an interaction: `@original` (its response, or its deferral's
        "thinking…") or a follow-up by id. Recorded in `deleted_messages`; a message that
        is not there (any more) is 404 Unknown Message (10008), as on Discord."""
        token = request.match_info["token"]
        message = request.match_info["message"]
        expired = self._token_expired(token)
        if expired is not None:
            return expired
        deleted = self.deleted_messages.setdefault(token, set())
        exists = (
            token in self._original
            if message == "@original"
            else any(m.message_id == message for m in self.webhook_messages.get(token, ()))
        )
        if not exists or message in deleted:
            return self._unknown_message()
        deleted.add(message)
        await self._notify()
        return web.Response(status=204)

    async def _edit(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        body, files, _ = await self._read_body(request)
        expired = self._token_expired(token)
        if expired is not None:
            return expired
        if request.match_info["message"] in self.deleted_messages.get(token, set()):
            return self._unknown_message()
        original = self._original.get(token)
        ephemeral = original.ephemeral if original is not None else False
        if original is not None and original.type in (6, 7):
            # A click's @original is the message clicked on: it keeps its own visibility.
            clicked = self._pending.get(token, {}).get("message") or {}
            ephemeral = bool(int(clicked.get("flags") or 0) & EPHEMERAL)
        return await self._record_webhook(
            "edit",
            token,
            body=body,
            files=files,
            ephemeral=ephemeral,
            request=request,
            original=request.match_info["message"] == "@original",
        )

    async def _record_webhook(
        self,
        kind: Literal["followup", "edit"],
        token: str,
        *,
        body: dict[str, Any],
        files: dict[str, bytes],
        ephemeral: bool,
        request: web.Request,
        original: bool,
    ) -> web.Response:
        message_id = self.snowflake()
        message = WebhookMessage(
            kind, token, body, files, ephemeral, time.perf_counter(), message_id, original
        )
        self.webhook_messages.setdefault(token, []).append(message)
        await self._notify()
        if kind == "followup" and request.query.get("wait") in ("0", "false", None):
            return web.Response(status=204)
        flags = EPHEMERAL if ephemeral else 0
        return self.json(self.message_object(token, body, message_id, flags))

    async def _get_message(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        messages = self.webhook_messages.get(token)
        if not messages:
            return self.json({"message": "Unknown Message", "code": 10008}, status=404)
        last = messages[-1]
        return self.json(self.message_object(token, last.body, last.message_id, 0))

    async def _attachment(self, request: web.Request) -> web.Response:
        content = self._attachments.get(request.match_info["id"])
        if content is None:
            return self.json({"message": "404: Not Found", "code": 0}, status=404)
        self.downloads.append(request.path)
        return web.Response(body=content, content_type="application/octet-stream")

    async def _channel_message(self, request: web.Request) -> web.Response:
        """POST /channels/{channel_id}/messages: record what the bot sent (`posted_messages`),
        answer with the full message object (discord.py
        builds the returned `Message` from it) and, as Discord does, dispatch it back to the
        bot as MESSAGE_CREATE. A post Discord would refuse never gets here (`strict.py`). A
        channel that is not a guild's is taken for a DM channel."""
        channel_id = int(request.match_info["channel"])
        guild = self._channel_guild(channel_id)
        body, files, multipart = await self._read_body(request)
        if str(channel_id) in self.read_only_channels:
            self.rejected_messages.append((str(channel_id), body, 50013))
            await self._notify()
            return self.json({"message": "Missing Permissions", "code": 50013}, status=403)
        message_id = self.snowflake()
        message = self._posted_message(channel_id, guild, body, files, message_id)
        self.posted_messages.setdefault(str(channel_id), []).append(
            ChannelMessage(
                str(channel_id), body, files, multipart, time.perf_counter(), message_id, message
            )
        )
        await self._notify()
        if self.echo_own_messages:
            echo = dict(message)
            if guild is not None:
                echo.update(guild_id=str(guild.id), member=self.partial_member(None))
            with contextlib.suppress(AssertionError):  # no session to echo to: nothing to do
                await self.deliver_message(echo)
        return self.json(message)
