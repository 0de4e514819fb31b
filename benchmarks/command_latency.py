"""Per-command latency over a mixed workload, and `seasonbot ask -` batch throughput.

Run: `python -m benchmarks.command_latency` (`--quick` for a smoke run). Latency goes through
what the bot does for an interaction, minus the network: the handler (name resolution,
queries, rendering) and serialising the reply into the JSON discord.py posts
(`discord_message` -> `discord.Embed.to_dict()`, components -> `json.dumps`). A component
click is measured the same way, next to the commands: reading its id, running the handler and
building the message discord.py edits or posts (clicks that draw a picture reported apart).
The console path (line parsing + `to_payload()`) is measured too. Throughput runs the real
command line on thousands of stdin lines.

Machines here are shared and noisy: medians and p99 over many calls, and for throughput the
median of several runs, with the process start-up measured separately in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bot.client import discord_message
from bot.components import edited_message
from bot.console import Console
from bot.flow import percentile
from bot.settings import Settings
from commands.components import answer, press
from knowledge.store import KnowledgeStore, packaged_seasons

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"

WORKLOAD = [
    "/result Necaxa UdeG",
    "/result Tecos Dorados",
    '/result "Leones Negros" Rayos tournament:Apertura',
    "/result Altamira Necaxa",
    "/relegation",
    "/relegation Zacatepec",
    "/relegation Necaxa",
    "/bracket Apertura",
    "/bracket Clausura",
    "/bracket promotion",
    "/path Tecos",
    "/path Necaxa Apertura",
    "/club Leones Negros",
    "/club Cañeros",
    "/stadiums",
    "/champions",
    "/scorers",
    "/scorers club:Necaxa",
    "/season",
    "/help",
    "/club Chivas",
    "/result Necxa Oaxca",
]


CLICKS = [
    ("sb1:go:club:club=necaxa", ()),  # did you mean: the answer anew
    ("sb1:go:result:club_a=necaxa&club_b=udeg", ()),
    ("sb1:share:club:club=udeg", ()),  # a private answer shared
    ("sb1:view:scorers:everyone=1&page=2", ()),  # a page
    ("sb1:view:scorers:everyone=1&page=2&tournament=clausura-2014", ()),
    ("sb1:view:bracket:", ("tournament=clausura-2014",)),  # the switcher: with a picture
    ("sb1:view:path:club=necaxa", ("tournament=",)),  # whole season: pictures
]
"""Component clicks: what `on_component` runs (read the id, run the handler, build the
message discord.py edits or posts), minus the network."""
WITH_PICTURE = {"bracket", "path"}


def discord_json(message: dict[str, Any], ephemeral: bool) -> str:
    """The JSON discord.py posts for a reply (components included)."""
    view = message.get("view")
    return json.dumps(
        {
            "type": 4,
            "data": {
                "embeds": [embed.to_dict() for embed in message["embeds"]],
                "flags": 64 if ephemeral else 0,
                "allowed_mentions": {"parse": []},
                "components": view.to_components() if view is not None else [],
            },
        },
        ensure_ascii=False,
    )


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "p50_us": round(statistics.median(samples), 1),
        "p99_us": round(percentile(samples, 0.99), 1),
        "max_us": round(max(samples), 1),
        "calls": len(samples),
    }


async def latency(rounds: int) -> dict[str, Any]:
    store = KnowledgeStore(packaged_seasons())
    console = await Console.open(store, Settings(), "en")
    clock = time.perf_counter_ns
    per_command: dict[str, list[float]] = {}
    bot_path: list[float] = []
    console_path: list[float] = []
    for line in WORKLOAD:  # warm up: first calls fill caches (outcomes, Babel, catalogs)
        await console.answer(line)
    for _ in range(rounds):
        for line in WORKLOAD:
            command, options = console.parse(line)
            start = clock()
            try:
                reply = await answer(console.context(), command.name, command.handler, options)
            except Exception as error:  # the error reply is part of the workload
                from commands.errors import render_error

                reply = render_error(error, console.tr)
            discord_json(discord_message(reply), reply.ephemeral)
            elapsed = (clock() - start) / 1000
            bot_path.append(elapsed)
            per_command.setdefault(command.name, []).append(elapsed)
            start = clock()
            json.dumps((await console.answer(line)).to_payload(), ensure_ascii=False)
            console_path.append((clock() - start) / 1000)
    clicks = await click_latency(console, rounds)
    return {
        "bot_path": summary(bot_path),
        "console_path": summary(console_path),
        "per_command": {name: summary(samples) for name, samples in sorted(per_command.items())},
        **clicks,
    }


async def click_latency(console: Console, rounds: int) -> dict[str, Any]:
    """A click's handler time, as the bot runs it: `press` and the message discord.py sends."""
    handlers = console.handlers
    clock = time.perf_counter_ns
    no_picture: list[float] = []
    per_click: dict[str, list[float]] = {}

    async def click(custom_id: str, values: tuple[str, ...]) -> None:
        pressed = await press(
            console.context(),
            handlers,
            custom_id,
            values,
            owner=True,
            private_message=False,
            user="<@1>",
        )
        if pressed.update is not None:
            message = edited_message(pressed.update)
            discord_json(message, False)
        if pressed.new is not None:
            discord_json(discord_message(pressed.new), pressed.new.ephemeral)

    for custom_id, values in CLICKS:  # warm up, as for the commands
        await click(custom_id, values)
    for _ in range(rounds):
        for custom_id, values in CLICKS:
            start = clock()
            await click(custom_id, values)
            elapsed = (clock() - start) / 1000
            per_click.setdefault(custom_id, []).append(elapsed)
            if custom_id.split(":")[2] not in WITH_PICTURE:
                no_picture.append(elapsed)
    return {
        "click_path_no_picture": summary(no_picture),
        "per_click": {name: summary(samples) for name, samples in per_click.items()},
    }


def batch_seconds(lines: int) -> float:
    text = "\n".join(WORKLOAD[i % len(WORKLOAD)] for i in range(lines)) + "\n"
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "-"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - start
    assert len(done.stdout.splitlines()) == lines, "one reply per line"
    return elapsed


def throughput(lines: int, runs: int) -> dict[str, float]:
    startup = statistics.median(batch_seconds(1) for _ in range(runs))
    total = statistics.median(batch_seconds(lines) for _ in range(runs))
    return {
        "lines": lines,
        "runs": runs,
        "process_startup_s": round(startup, 3),
        "total_s": round(total, 3),
        "commands_per_s_including_startup": round(lines / total),
        "commands_per_s_steady": round(lines / max(total - startup, 1e-9)),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    report = asyncio.run(latency(5 if args.quick else 200))
    report["batch"] = throughput(1000 if args.quick else 10000, 1 if args.quick else 3)
    bot = report["bot_path"]
    print(f"bot path (handler + Discord JSON): p50 {bot['p50_us']} µs, p99 {bot['p99_us']} µs")
    click = report["click_path_no_picture"]
    print(
        f"click path, no picture (id + handler + Discord JSON): p50 {click['p50_us']} µs, "
        f"p99 {click['p99_us']} µs"
    )
    for name, row in report["per_click"].items():
        print(f"  {name:<50} p50 {row['p50_us']:>7} µs   p99 {row['p99_us']:>7} µs")
    con = report["console_path"]
    print(f"console path (parse + handler + JSON): p50 {con['p50_us']} µs, p99 {con['p99_us']} µs")
    for name, row in report["per_command"].items():
        print(f"  /{name:<11} p50 {row['p50_us']:>7} µs   p99 {row['p99_us']:>7} µs")
    batch = report["batch"]
    print(
        f"batch: {batch['lines']} lines in {batch['total_s']} s "
        f"({batch['commands_per_s_including_startup']}/s with start-up, "
        f"{batch['commands_per_s_steady']}/s steady; start-up {batch['process_startup_s']} s)"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "commands.json").write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
