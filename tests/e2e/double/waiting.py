"""What a test awaits: a state of the double, a session, a callback, a follow-up, a reply to a
fan's message, or (with a probe first, so silence means something) no reply at all."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from typing import Any

from tests.e2e.double.gateway import Session
from tests.e2e.double.model import FAN, OTHER_BOT, Answer, Callback, ChannelMessage, WebhookMessage
from tests.e2e.double.rest import Rest


class Waiting(Rest):
    """Waiting without sleeping: every change of the double notifies the waiters."""

    async def wait_until(
        self, predicate: Callable[[], bool], timeout: float, what: str = "condition"
    ) -> None:
        """Wait for a state of the double (a session, a resume, a sync...) without sleeping."""

        async def waiting() -> None:
            async with self._changed:
                await self._changed.wait_for(predicate)

        try:
            await asyncio.wait_for(waiting(), timeout)
        except TimeoutError:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}") from None

    async def wait_for_session(
        self, shard: int | None = None, *, timeout: float = 15.0, after: int = 0
    ) -> Session:
        """A connected, identified session for `shard` (None: an unsharded one), created
        after the first `after` identifies."""

        def found() -> Session | None:
            for session in reversed(list(self.sessions.values())):
                if session.order < after or session.invalid or not session.connected:
                    continue
                if session.shard_id == shard:
                    return session
            return None

        await self.wait_until(lambda: found() is not None, timeout, f"a session on shard {shard}")
        session = found()
        assert session is not None
        return session

    async def wait_for_resume(self, count: int, timeout: float = 10.0) -> None:
        """Until `count` RESUMEs have been answered in all."""
        await self.wait_until(lambda: len(self.resumes) >= count, timeout, f"{count} resumes")

    async def interact(
        self,
        payload: Mapping[str, Any],
        shard: int | None = None,
        timeout: float = 3.0,
        *,
        session: Session | None = None,
    ) -> Callback:
        """Dispatch INTERACTION_CREATE and wait for its callback (Discord's 3-second rule)."""
        interaction_id = str(payload["id"])
        future: asyncio.Future[Callback] = asyncio.get_running_loop().create_future()
        self._callback_waiters[interaction_id] = future
        self._pending[str(payload["token"])] = dict(payload)
        self.dispatched_at[interaction_id] = time.perf_counter()
        guild_id = int(payload["guild_id"]) if payload.get("guild_id") else None
        try:
            await self.dispatch(
                "INTERACTION_CREATE", payload, shard=shard, guild_id=guild_id, session=session
            )
            self.sent_at[interaction_id] = time.perf_counter()
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            name = payload.get("data", {}).get("name")
            raise AssertionError(
                f"no callback for interaction {interaction_id} (/{name}) within {timeout}s"
            ) from None
        finally:
            self._callback_waiters.pop(interaction_id, None)

    async def answer(
        self,
        payload: Mapping[str, Any],
        shard: int | None = None,
        timeout: float = 3.0,
        *,
        session: Session | None = None,
        followup_timeout: float = 20.0,
    ) -> Answer:
        """What the user ends up seeing: the callback's message or, after a deferral, the
        follow-up. Discord allows a follow-up 15 minutes; a test allows `followup_timeout`."""
        callback = await self.interact(payload, shard, timeout, session=session)
        if callback.type != 5:
            return callback
        return await self.followup(callback.token, timeout=followup_timeout)

    async def followup(self, token: str, index: int = 0, timeout: float = 3.0) -> WebhookMessage:
        await self.wait_until(
            lambda: len(self.webhook_messages.get(token, ())) > index,
            timeout,
            f"follow-up #{index + 1} for interaction token {token[:16]}…",
        )
        return self.webhook_messages[token][index]

    async def post_message(self, content: str, **options: Any) -> dict[str, Any]:
        """Build a `fan_message` (same options) and deliver it; returns its payload."""
        payload = self.fan_message(content, **options)
        await self.deliver_message(payload)
        return payload

    def replies(self, message: Mapping[str, Any]) -> list[ChannelMessage]:
        """What the bot posted in `message`'s channel since it was dispatched, replying to it
        or to nothing (a plain send would answer it too, just not as a reply)."""
        message_id = str(message["id"])
        mark = self._channel_marks.get(message_id, 0)
        posted = self.posted_messages.get(str(message["channel_id"]), [])[mark:]
        return [
            reply
            for reply in posted
            if str(reply.reference.get("message_id", message_id)) == message_id
        ]

    async def reply_to(self, message: Mapping[str, Any], timeout: float = 5.0) -> ChannelMessage:
        """The bot's first reply to `message` (see `replies`), waited for up to `timeout`."""
        try:
            await self.wait_until(
                lambda: bool(self.replies(message)),
                timeout,
                f"a reply to message {message['id']} in channel {message['channel_id']}",
            )
        except AssertionError as error:
            notes = []
            if any(withheld["id"] == message["id"] for withheld in self.withheld_messages):
                notes.append("the double withheld the message: the bot lacks its intent")
            refused = [code for channel, _, code in self.rejected_messages]
            if refused:
                notes.append(f"posts refused with codes {refused}")
            raise AssertionError("; ".join([str(error), *notes])) from None
        return self.replies(message)[0]

    async def say(self, content: str, *, timeout: float = 5.0, **options: Any) -> ChannelMessage:
        """Post a message as a fan (options: `fan_message`'s) and return the bot's reply, e.g.
        `await double.say("who won the Clausura?")` (mentions the bot in the admin guild) or
        `await double.say("how far did Necaxa get?", dm=True)`."""
        payload = await self.post_message(content, **options)
        return await self.reply_to(payload, timeout)

    PROBE_QUESTION = "who won the Apertura?"

    async def assert_no_reply(
        self,
        message: Mapping[str, Any],
        *,
        within: float = 0.3,
        probe: bool = True,
        timeout: float = 5.0,
    ) -> None:
        """That the bot posts nothing in `message`'s channel in answer to it.

        Silence alone proves little (a dead or slow bot is silent too), so first a probe: a
        fan's question to the bot, sent after `message` on the same gateway session (in the
        same channel, unless that is a DM with another bot: then in the fan's DM). The gateway
        delivers in order and discord.py reads in order, so once the probe is answered the bot
        has read `message`; `within` seconds more cover a reply still racing the probe's."""
        channel = str(message["channel_id"])
        mark = self._channel_marks.get(str(message["id"]), 0)
        answered: ChannelMessage | None = None
        if probe:
            if message.get("guild_id"):
                question = self.fan_message(self.PROBE_QUESTION, guild_id=int(message["guild_id"]))
            else:
                recipient = self._dm_recipients.get(int(channel), FAN)
                if recipient == OTHER_BOT:
                    recipient = FAN
                question = self.fan_message(self.PROBE_QUESTION, user=recipient, dm=True)
            await self.deliver_message(question)
            answered = await self.reply_to(question, timeout)
        await asyncio.sleep(within)
        stray = [
            posted
            for posted in self.posted_messages.get(channel, [])[mark:]
            if posted is not answered
        ]
        assert not stray, (
            f"the bot answered message {message['id']} ({message.get('content')!r}): "
            f"{[posted.text for posted in stray]}"
        )
