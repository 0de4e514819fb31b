"""Per-command latency over a mixed workload, and `seasonbot ask -` batch throughput.

Run: `python benchmarks/commands.py` (`--quick` for a smoke run). Latency goes through what
the bot does for an interaction, minus the network: the handler (name resolution, queries,
rendering) and serialising the reply into the JSON discord.py posts (`discord_message` ->
`discord.Embed.to_dict()` -> `json.dumps`). The console path (line parsing + `to_payload()`)
is measured too. Throughput runs the real command line on thousands of stdin lines.

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

from benchmarks.resolver import percentile
from bot.client import discord_message
from bot.console import Console
from bot.settings import Settings
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
                reply = await command.handler(console.context(), **options)
            except Exception as error:  # the error reply is part of the workload
                from commands.errors import render_error

                reply = render_error(error, console.tr)
            message = discord_message(reply)
            json.dumps(
                {
                    "type": 4,
                    "data": {
                        "embeds": [embed.to_dict() for embed in message["embeds"]],
                        "flags": 64 if reply.ephemeral else 0,
                        "allowed_mentions": {"parse": []},
                    },
                },
                ensure_ascii=False,
            )
            elapsed = (clock() - start) / 1000
            bot_path.append(elapsed)
            per_command.setdefault(command.name, []).append(elapsed)
            start = clock()
            json.dumps((await console.answer(line)).to_payload(), ensure_ascii=False)
            console_path.append((clock() - start) / 1000)
    return {
        "bot_path": summary(bot_path),
        "console_path": summary(console_path),
        "per_command": {name: summary(samples) for name, samples in sorted(per_command.items())},
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
