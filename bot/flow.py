"""Flow control for interactions: every one answered within Discord's 3 s, or dropped quietly.

Why: under a burst, thousands of interactions arrive within a second. Run all at once, they
share the event loop fairly and all finish late together (measured: 2,000 at once, 1,948
lost). So work is admitted through a fixed number of slots, in order, and each interaction
carries its age:

- its creation time comes from its snowflake id (Discord's clock), or from when its gateway
  frame was parsed if the two clocks disagree by more than the deadline;
- at `defer_after` seconds (default 1.5) an interaction with no first response yet is
  deferred at once (ephemeral commands ephemerally, a click as an update of its message)
  and its answer, when ready, edits the deferral (`@original`: bot/pipeline.py); when
  the queue is already long enough that it cannot be answered in time, it is deferred on
  arrival instead of at the margin;
- deferrals and autocomplete jump the queue, oldest first: they are cheap and their time
  is short; no command starts its work while one of them waits, and a deferral is one
  plain POST (not discord.py's webhook machinery);
- an interaction already past 3 s without a first response is dropped with one log line:
  Discord refuses a late answer (10062), so trying only delays the others (while
  deferrals wait, its log line is written after them);
- Discord saying the interaction or its token is gone (10062, 10015, 50027) is one WARNING
  line with the interaction id, command and age, never a traceback and never a second try.

On shutdown, `close()` stops admitting and `drain()` lets what is in flight finish.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import json
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import aiohttp
import discord

from bot import discord_internals as internals
from bot.metrics import Metrics

log = logging.getLogger("seasonbot")

DISCORD_DEADLINE_S = 3.0
"""Discord's: the first response must arrive within 3 s of the interaction's creation."""
DISCORD_EPOCH_MS = 1_420_070_400_000
GONE_CODES = frozenset({10062, 10015, 50027})
"""Unknown interaction, unknown webhook, invalid webhook token: nobody is listening any more."""
PRIOR_JOB_SECONDS = 0.004
"""What each interaction ahead in the queue adds to the wait, until measured: on arrival of a
burst nothing has finished yet to measure. benchmarks/burst.py found 2-5 ms on a busy 2-core
machine (frame parsing, handler, the HTTP callback)."""


def snowflake_seconds(snowflake: int) -> float:
    """Unix time at which Discord created the object with this id."""
    return ((snowflake >> 22) + DISCORD_EPOCH_MS) / 1000


def created_monotonic(snowflake: int, *, wall: float, monotonic: float) -> float:
    """The interaction's creation on the monotonic clock, given the clocks read on arrival.

    The snowflake counts the time spent in Discord and in our socket buffer too. It needs a
    synchronised clock (NTP); an age outside [0, 3 s] on arrival says the clocks disagree,
    and then the arrival time is the better guess."""
    age = wall - snowflake_seconds(snowflake)
    if 0.0 <= age <= DISCORD_DEADLINE_S:
        return monotonic - age
    return monotonic


def command_name(interaction: discord.Interaction[Any]) -> str | None:
    """The command an interaction names, as sent (None for a click): read from its data,
    never parsed, so a malformed payload can still be logged."""
    if interaction.type not in (
        discord.InteractionType.application_command,
        discord.InteractionType.autocomplete,
    ):
        return None
    data: Any = interaction.data
    name = data.get("name") if isinstance(data, dict) else None
    return name if isinstance(name, str) else None


def is_gone(error: BaseException) -> bool:
    """Whether Discord says this interaction (or its webhook token) no longer exists."""
    return isinstance(error, discord.HTTPException) and error.code in GONE_CODES


class QuietExpiry(logging.Filter):
    """discord.py answers autocomplete itself and logs a failure with its traceback. One
    that failed because the interaction had expired (10062 under a burst) is no fault: it
    becomes one WARNING line like every other expiry."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        error = getattr(error, "original", error)
        if isinstance(error, discord.HTTPException) and is_gone(error):
            command = record.args[0] if isinstance(record.args, tuple) and record.args else None
            record.msg = "interaction expired: autocomplete refused: %s (%s) for %r"
            record.args = (error.status, error.code, command)
            record.exc_info = record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class InteractionGone(Exception):
    """The interaction expired before we could answer it; already logged by its ticket."""


class PrioritySemaphore:
    """At most `size` jobs at once. Urgent jobs go before the others, the oldest (smallest
    `key`) first; the others in order of arrival."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._free = size
        self._urgent: list[tuple[float, int, asyncio.Future[None]]] = []
        """A heap: (key, arrival, waiter)."""
        self._normal: deque[asyncio.Future[None]] = deque()
        self._arrivals = itertools.count()
        self._no_urgent_waiting = asyncio.Event()
        self._no_urgent_waiting.set()

    @property
    def waiting(self) -> int:
        return len(self._urgent) + len(self._normal)

    @property
    def urgent_waiting(self) -> int:
        return len(self._urgent)

    async def acquire(self, *, urgent: bool, key: float | None = None) -> None:
        if self._free > 0 and not self._urgent and (urgent or not self._normal):
            self._free -= 1
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        arrival = next(self._arrivals)
        if urgent:
            heapq.heappush(self._urgent, (arrival if key is None else key, arrival, waiter))
            self._no_urgent_waiting.clear()
        else:
            self._normal.append(waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release()  # handed a slot just as we were cancelled: pass it on
            raise

    def release(self) -> None:
        try:
            while self._urgent:
                waiter = heapq.heappop(self._urgent)[2]
                if not waiter.done():
                    waiter.set_result(None)  # the slot goes straight to the next in line
                    return
        finally:
            if not self._urgent:
                self._no_urgent_waiting.set()
        while self._normal:
            waiter = self._normal.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return
        self._free += 1

    async def no_urgent_waiting(self) -> None:
        """Until no urgent job waits for a slot (those holding one may still be running)."""
        await self._no_urgent_waiting.wait()

    @contextlib.asynccontextmanager
    async def slot(self, *, urgent: bool = False, key: float | None = None) -> Any:
        await self.acquire(urgent=urgent, key=key)
        try:
            yield
        finally:
            self.release()


DEFERRED = discord.InteractionResponseType.deferred_channel_message
"""DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE (5): "thinking…", then the answer in its place."""
DEFERRED_UPDATE = discord.InteractionResponseType.deferred_message_update
"""DEFERRED_UPDATE_MESSAGE (6), for a click: the clicked message may yet change."""
DEFERRAL = json.dumps({"type": DEFERRED.value}).encode()
EPHEMERAL_DEFERRAL = json.dumps({"type": DEFERRED.value, "data": {"flags": 1 << 6}}).encode()
UPDATE_DEFERRAL = json.dumps({"type": DEFERRED_UPDATE.value}).encode()
JSON_BODY = {"Content-Type": "application/json"}


async def _error_body(response: aiohttp.ClientResponse) -> dict[str, Any] | str:
    """Discord's error body, as `discord.HTTPException` takes it: its JSON, else its text."""
    text = await response.text(encoding="utf-8")
    with contextlib.suppress(ValueError):
        data = json.loads(text)
        if isinstance(data, dict):
            return data
    return text


def _retry_after(data: object, *, fallback: float) -> float:
    """Discord's `retry_after` (seconds) from a 429 body, else `fallback`."""
    value = data.get("retry_after") if isinstance(data, dict) else None
    return float(value) if isinstance(value, int | float) else fallback


class Ticket:
    """One interaction on its way through the bot: its age, and its one first response."""

    def __init__(
        self, interaction: discord.Interaction[Any], created: float, flow: InteractionFlow
    ) -> None:
        self.interaction = interaction
        self.created = created
        self.flow = flow
        self.lock = asyncio.Lock()
        """Held while sending a first response: the answer and a deferral never race."""
        self.gone = False
        self.deferred = False
        self.public_deferral = False
        """Deferred where everyone sees "thinking…", and then the answer in its place."""
        self.timer: asyncio.TimerHandle | None = None
        self.autocomplete = interaction.type is discord.InteractionType.autocomplete
        self.click = interaction.type is discord.InteractionType.component
        self.command_name = command_name(interaction)

    def describe(self) -> str:
        what = "a click" if self.click else f"/{self.command_name}"
        return f"interaction {self.interaction.id} ({what})"

    def age(self) -> float:
        return time.monotonic() - self.created

    def fields(self) -> dict[str, Any]:
        return {
            "interaction_id": self.interaction.id,
            "command": self.command_name,
            "age_ms": round(self.age() * 1000, 1),
        }

    def expire(self, why: str) -> None:
        """Give up on this interaction: one WARNING line, counted once, no traceback."""
        if self.gone:
            return
        self.gone = True
        self.flow.metrics.expired += 1
        if self.timer is not None:
            self.timer.cancel()
        self.flow.log_expiry(why, self.fields())

    def responded(self, *, deferral: bool) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.flow.metrics.first_response_ms.append(self.age() * 1000)
        if deferral:
            self.deferred = True
            self.flow.metrics.deferred += 1

    async def first_response(
        self, send: Callable[[], Awaitable[object]], *, deferral: bool
    ) -> bool:
        """Send the first response unless there already is one. False if there was.

        Raises `InteractionGone` (after logging it) when it is too late to respond at all."""
        async with self.lock:
            if self.gone:
                raise InteractionGone
            if self.interaction.response.is_done():
                return False
            if self.age() > DISCORD_DEADLINE_S:
                self.expire("past Discord's 3 s before its first response")
                raise InteractionGone
            with self.unless_gone("first response refused"):
                await send()
            self.responded(deferral=deferral)
            return True

    async def later(self, send: Callable[[], Awaitable[object]]) -> None:
        """Send what comes after the first response (an edit of `@original`, a follow-up, a
        deletion); an expired token is logged once, not raised as an error."""
        if self.gone:
            raise InteractionGone
        with self.unless_gone("answer after the first response refused"):
            await send()

    @contextlib.contextmanager
    def unless_gone(self, what: str) -> Iterator[None]:
        """Discord saying the interaction is gone expires the ticket (one line) and raises
        `InteractionGone`; any other error is a real one and goes on up."""
        try:
            yield
        except discord.HTTPException as error:
            if is_gone(error):
                self.expire(f"{what}: {error.status} ({error.code})")
                raise InteractionGone from None
            raise

    async def defer(self) -> bool:
        """Acknowledge now, unless already answered or deferred: a command with "thinking…",
        where its answer will come; a click as an update, since its message may yet change.
        Discord fixes the visibility of a command's deferred answer here (the answer cannot
        change it), so private commands defer ephemerally."""
        if self.click:
            body, kind = UPDATE_DEFERRAL, DEFERRED_UPDATE
        elif self.flow.is_ephemeral(self.interaction):
            body, kind = EPHEMERAL_DEFERRAL, DEFERRED
        else:
            body, kind = DEFERRAL, DEFERRED
        return await self.first_response(lambda: self._post_deferral(body, kind), deferral=True)

    async def _post_deferral(self, body: bytes, kind: discord.InteractionResponseType) -> None:
        """`interaction.response.defer(...)`, as one plain POST.

        Why not discord.py's: under a burst every interaction is deferred within 3 s on one
        core, and discord.py's webhook adapter adds, per deferral, a lock, a route, JSON
        encoding, `?with_response=1` and a Message built from the answer, none of which a
        deferral needs (measured: benchmarks/burst.py, bursts of 1,000 and 2,000, 7 runs
        each, alternating: discord.py's `defer` took 7% and 19% more event-loop CPU to the
        last first response, first response p50 +21% and +29%, and lost up to 313 of 2,000
        where this lost none). Interaction callbacks are not bound to the bot's global rate
        limit (Discord's rate-limit docs), so there is no bucket to keep; a 429 is still
        honoured: wait `retry_after` and retry, while time is left.
        Uses discord.py's HTTP session and marks the response done as its `defer` does
        (bot/discord_internals.py)."""
        interaction = self.interaction
        session = internals.http_session(interaction)
        if session is None:
            # Not logged in, so no HTTP session of its own: a client driven in-process,
            # whose requests go through discord.py's webhook adapter (tests/bot does so).
            ephemeral = body is EPHEMERAL_DEFERRAL
            await interaction.response.defer(thinking=not self.click, ephemeral=ephemeral)
            self.public_deferral = body is DEFERRAL
            return
        route = f"/interactions/{interaction.id}/{interaction.token}/callback"
        url = internals.api_base() + route
        proxy = internals.http_proxy(interaction)
        for attempt in range(1, 6):
            async with session.post(url, data=body, headers=JSON_BODY, **proxy) as response:
                if 200 <= response.status < 300:
                    break
                data = await _error_body(response)
                if response.status == 429 or response.status >= 500:
                    wait = _retry_after(data, fallback=0.25 * attempt)
                    if attempt < 5 and self.age() + wait < DISCORD_DEADLINE_S:
                        log.warning(
                            "deferral rate limited or failed (%s); retrying in %.2f s",
                            response.status,
                            wait,
                            extra=self.fields(),
                        )
                        await asyncio.sleep(wait)
                        continue
                if response.status == 404:
                    raise discord.NotFound(response, data)
                raise discord.HTTPException(response, data)
        internals.mark_responded(interaction, kind)
        self.public_deferral = body is DEFERRAL

    def defer_now(self) -> None:
        """Queue a deferral ahead of every command (called at the margin, or on arrival)."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        if self.autocomplete or self.deferred or self.interaction.response.is_done():
            return
        self.flow.spawn(self._defer(), f"deferral of {self.describe()}")

    async def _defer(self) -> None:
        async with self.flow.first_responses.slot(urgent=True, key=self.created):
            if self.gone or self.interaction.response.is_done():
                return
            with contextlib.suppress(InteractionGone):
                await self.defer()


class InteractionFlow:
    """Admits interactions, runs them through bounded slots, defers the slow, counts it all."""

    def __init__(
        self,
        *,
        slots: int,
        defer_after: float,
        is_ephemeral: Callable[[discord.Interaction[Any]], bool] = lambda _: False,
    ) -> None:
        self.slots = PrioritySemaphore(slots)
        """Commands wait here in order."""
        self.first_responses = PrioritySemaphore(slots)
        """Deferrals and autocomplete: cheap, and due within 3 s. They have slots of their
        own, so commands holding every command slot while they wait (for a picture being
        drawn, a download) cannot keep them waiting; the oldest goes first; and no command
        starts its work while one of them waits for a slot."""
        self.defer_after = defer_after
        self.is_ephemeral = is_ephemeral
        self.metrics = Metrics()
        self.closing = False
        self._tasks: set[asyncio.Task[Any]] = set()
        self._job_seconds = PRIOR_JOB_SECONDS
        """A moving average of the time between two jobs ending while others wait: what each
        one ahead in the queue adds to the wait."""
        self._last_end: float | None = None
        self._expiries: deque[tuple[str, dict[str, Any]]] = deque()
        self._expiry_writer: asyncio.Future[None] | None = None

    def log_expiry(self, why: str, fields: dict[str, Any]) -> None:
        """One WARNING line per expired interaction; while first responses wait for a slot,
        the line is written once they are out. Why: past capacity, interactions expire by
        the hundred, and a log line costs about what a deferral does (measured: 38% of the
        deferral lane's time), so writing them then would push more interactions past 3 s."""
        if not self.first_responses.urgent_waiting:
            log.warning("interaction expired: %s", why, extra=fields)
            return
        self._expiries.append((why, fields))
        if self._expiry_writer is None:
            self._expiry_writer = asyncio.ensure_future(self._write_expiries())

    async def _write_expiries(self) -> None:
        try:
            await self.first_responses.no_urgent_waiting()
        finally:
            self._expiry_writer = None
            self.flush_expiries()

    def flush_expiries(self) -> None:
        while self._expiries:
            why, fields = self._expiries.popleft()
            log.warning("interaction expired: %s", why, extra=fields)

    def ticket(self, interaction: discord.Interaction[Any]) -> Ticket:
        found = interaction.extras.get("ticket")
        if isinstance(found, Ticket):
            return found
        # Not admitted through `admit` (tests that call the tree directly): count from now.
        ticket = Ticket(interaction, time.monotonic(), self)
        interaction.extras["ticket"] = ticket
        return ticket

    def admit(self, interaction: discord.Interaction[Any]) -> Ticket | None:
        """On arrival: a ticket, or None if the interaction is dropped (logged)."""
        created = created_monotonic(interaction.id, wall=time.time(), monotonic=time.monotonic())
        ticket = Ticket(interaction, created, self)
        interaction.extras["ticket"] = ticket
        if self.closing:
            self.metrics.refused += 1
            log.warning("interaction refused: shutting down", extra=ticket.fields())
            return None
        age = ticket.age()
        if age > DISCORD_DEADLINE_S:
            ticket.expire("past Discord's 3 s on arrival")
            return None
        if not ticket.autocomplete:
            expected = age + (self.slots.waiting + 1) * self._job_seconds
            # Deferrals already waiting: a burst is being absorbed, and every command waits
            # for them, so this one would only reach its margin in the queue.
            if self.first_responses.urgent_waiting or expected >= self.defer_after:
                ticket.defer_now()
            else:
                loop = asyncio.get_running_loop()
                ticket.timer = loop.call_at(created + self.defer_after, ticket.defer_now)
        return ticket

    async def run(self, ticket: Ticket, work: Callable[[], Awaitable[None]]) -> None:
        """Run `work` in a slot, unless the interaction expired while it waited.

        Autocomplete runs in the first responses' lane, oldest first. A command waits, once
        it has its slot, until no first response is waiting: under a burst, every
        interaction's deferral (one small POST) goes out before any command's work (a
        handler and a bigger POST), or the commands would push the deferrals past 3 s."""
        if ticket.autocomplete:
            lane = self.first_responses.slot(urgent=True, key=ticket.created)
        else:
            lane = self.slots.slot()
        async with lane:
            if not ticket.autocomplete:
                await self.first_responses.no_urgent_waiting()
            responded = ticket.deferred or ticket.interaction.response.is_done()
            if not responded and ticket.age() > DISCORD_DEADLINE_S:
                ticket.expire("past Discord's 3 s while queued")
                return
            try:
                await work()
            finally:
                self._job_ended()

    def _job_ended(self) -> None:
        now = time.monotonic()
        if self._last_end is not None and self.slots.waiting:
            self._job_seconds += (now - self._last_end - self._job_seconds) * 0.1
        self._last_end = now

    def spawn(self, work: Awaitable[Any], name: str | None = None) -> asyncio.Task[Any]:
        """A task the flow keeps track of until it ends (for `drain`)."""
        task = asyncio.ensure_future(work)
        if name is not None:
            task.set_name(name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    @property
    def in_flight(self) -> int:
        return len(self._tasks)

    def close(self) -> None:
        """Stop admitting: interactions that arrive from now on are refused (and logged)."""
        self.closing = True

    async def drain(self, grace: float) -> list[str]:
        """Wait up to `grace` seconds for the interactions in flight; cancel and name the
        rest. Returns a description of each one that did not finish."""
        pending = set(self._tasks)
        if pending:
            _, pending = await asyncio.wait(pending, timeout=grace)
        unfinished = []
        for task in pending:
            unfinished.append(task.get_name())
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=1.0)
        self.flush_expiries()
        return sorted(unfinished)

    def summary(self) -> dict[str, Any]:
        return {
            **self.metrics.snapshot(),
            "in_flight": self.in_flight,
            "queued": self.slots.waiting,
        }
