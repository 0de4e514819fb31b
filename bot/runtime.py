"""`seasonbot run` and `seasonbot sync`: connecting for real, and shutting down cleanly."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
import sys
from collections.abc import Callable

import discord

from bot import discord_internals as internals
from bot.client import SeasonBot, make_bot
from bot.flow import QuietExpiry
from bot.health import beat, forget_heartbeat, heartbeat_file
from bot.metrics import log_summary, report_every
from bot.resilience import harden_gateway
from bot.settings import DEFAULT_API_BASE, NO_TOKEN, Settings
from knowledge.store import KnowledgeStore

log = logging.getLogger("seasonbot")


def configure_endpoints(settings: Settings) -> None:
    """Point discord.py at DISCORD_API_BASE and DISCORD_GATEWAY_URL (proxies, test doubles).

    This is the one place that knows where Discord is: REST routes, interaction callbacks
    and webhooks all go through discord.py's one REST base; the gateway URL is its websocket's
    default (both class attributes: bot/discord_internals.py).
    """
    internals.point_at(settings.discord_api_base or DEFAULT_API_BASE, settings.discord_gateway_url)


def event_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop where it is installed (a dependency on Linux and macOS), else asyncio's loop.

    Why: under a burst the bot's time goes to the event loop and the sockets (a gateway
    frame in, a callback POST out, per interaction), not to the handlers; uvloop does that
    work in C. Measured with benchmarks/burst.py (see the README's sharding section)."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


YOUNG_GENERATION_THRESHOLD = 50_000


def freeze_startup_objects() -> None:
    """Keep what start-up built (the season, its indexes, every module) out of the garbage
    collector's full passes. They live as long as the process, yet each full collection
    walked all of them: measured during a burst, 0.3 s a pass, time in which no
    interaction is answered. Frozen, a full pass walks only what the burst allocated.

    The young generation is collected every 50,000 allocations instead of 700: a burst
    allocates a few hundred objects per interaction (frames, Interaction objects, tasks,
    requests), nearly all freed by reference counting, and at 700 the collector ran about
    200 times in a burst of 2,000 (measured with gc.callbacks: 0.45 s of collection, 0.14 s
    at 50,000, on a busy 2-core machine)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD)


async def finish_in_flight(bot: SeasonBot) -> None:
    """SIGTERM loses no answer: refuse new interactions, give those in flight (deferred
    answers with pictures still drawing, too) the grace period, and name any that could
    not finish, so the loss is in the log rather than silent."""
    flow = bot.flow
    flow.close()
    in_flight = flow.in_flight
    grace = bot.settings.shutdown_grace
    unfinished = await flow.drain(grace)
    for name in unfinished:
        log.warning("unfinished at shutdown after %.1f s: %s", grace, name)
    log.info(
        "interactions in flight finished",
        extra={"in_flight": in_flight, "unfinished": len(unfinished)},
    )
    log_summary(flow)


def _no_hangups() -> int:
    return 0


async def _serve(
    bot: SeasonBot, token: str, hangups_while_starting: Callable[[], int] = _no_hangups
) -> int:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    reloads: set[asyncio.Task[object]] = set()

    def reload_on_hangup() -> None:
        task = asyncio.create_task(bot.reloader.reload_in_background("SIGHUP", if_changed=False))
        reloads.add(task)
        task.add_done_callback(reloads.discard)

    loop.add_signal_handler(signal.SIGHUP, reload_on_hangup)
    # Counted while the data loaded (see cli.HangupsWhileStarting), now done: once is enough.
    if hangups_while_starting():
        log.info("SIGHUP came during the start; reloading the data now")
        reload_on_hangup()
    freeze_startup_objects()
    async with bot:
        runner = asyncio.create_task(bot.start(token))
        stopper = asyncio.create_task(stop.wait())
        watch, interval = bot.settings.watch, bot.settings.watch_interval
        poll = interval if watch == "poll" else None
        check = bot.settings.watch_check
        watcher = (
            asyncio.create_task(bot.reloader.watch(poll_interval=poll, check_interval=check))
            if watch != "off"
            else None
        )
        heartbeat = heartbeat_file(bot.settings.state_dir, bot.settings.shard_ids)
        heart = asyncio.create_task(beat(bot, heartbeat))
        reporter = asyncio.create_task(report_every(bot.flow))
        done, _ = await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        reporter.cancel()
        if stopper in done:
            log.info("shutting down")
            await finish_in_flight(bot)
            # Stop reading the gateway before closing it: a close that arrives while
            # discord.py is reading goes out as code 4000, which keeps the session (and the
            # bot's "online") alive on Discord's side for a minute; code 1000 ends it.
            runner.cancel()
        for task in (watcher, stopper, heart):
            if task is not None:
                task.cancel()
        if stopper in done:
            forget_heartbeat(heartbeat)  # gone on purpose; a crash leaves it, to be noticed
        await bot.close()
        try:
            await runner
        except discord.LoginFailure:
            print("seasonbot: Discord refused the token (DISCORD_TOKEN).", file=sys.stderr)
            return 1
        except asyncio.CancelledError:
            pass
    return 0


def run(settings: Settings, store: KnowledgeStore, hangups: Callable[[], int] = _no_hangups) -> int:
    """`seasonbot run`; `hangups` counts the SIGHUPs that came while the bot was starting."""
    token = settings.token()
    if token is None:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    configure_endpoints(settings)
    bot = make_bot(store, settings)
    bot.reloader.remove_leftovers()
    harden_gateway(bot)
    logging.getLogger("discord.app_commands.tree").addFilter(QuietExpiry())
    with asyncio.Runner(loop_factory=event_loop_factory()) as runner:
        return runner.run(_serve(bot, token.get_secret_value(), hangups))


async def sync_now(bot: SeasonBot, guild: int | None, copy: bool = True) -> int:
    """Push one scope's commands, changed or not; how many Discord now has there.

    A server's own scope holds what `run` puts there (/reload, in an admin server). With
    `copy`, every command is copied there too: a server's commands show at once, where a
    change to the global ones can take a while to reach every client, so a test server
    sees a new version straight away. Without it, such a copy is removed."""
    from bot.sync import sync_scope

    scope = discord.Object(id=guild) if guild is not None else None
    if scope is not None and copy:
        bot.tree.copy_global_to(guild=scope)
    return await sync_scope(bot, scope)


async def _sync(settings: Settings, store: KnowledgeStore, guild: int | None, copy: bool) -> int:
    token = settings.token()
    assert token is not None
    bot = make_bot(store, settings)
    bot.auto_sync = False  # an operator's sync pushes the scope asked for, changed or not
    async with bot:
        await bot.login(token.get_secret_value())
        count = await sync_now(bot, guild, copy)
        print(f"synced {count} commands to {'guild ' + str(guild) if guild else 'all servers'}")
    return 0


def sync(settings: Settings, store: KnowledgeStore, guild: int | None, copy: bool = True) -> int:
    if settings.token() is None:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    configure_endpoints(settings)
    with contextlib.suppress(KeyboardInterrupt):
        return asyncio.run(_sync(settings, store, guild, copy))
    return 130
