"""How fast and how cheaply hostile season files are refused, against loading the real one.

Run: `python -m benchmarks.loading` (add `--quick` for a smoke run).

Each hostile file is under the 1 MiB upload limit and aims at one weakness of a naive loader:
recursion (deep nesting), Python's int conversion (huge numbers), per-item costs (hundreds of
thousands of list items, bad items, aliases), scanning (a megabyte of comments or of one
string). For each, in a fresh process so that peaks do not mix: the median time to refuse it
and the process's peak memory (`ru_maxrss`, which also sees libyaml's own allocations),
beside the same figures for loading the real season file in the same run.

Then the question that matters to fans: are answers still served while a hostile upload is
being refused? The latency of a command is measured with nothing else going on, and again
while a thread refuses the worst file over and over (`/reload` runs there, off the loop).

Targets (issue 10): every file refused in under 1 s and 200 MB peak; answers keep flowing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import add_quick, save
from knowledge.loader import LIMITS, MAX_FILE_BYTES, SeasonRefused, parse_season
from knowledge.store import packaged_seasons

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
REAL = "real season file (accepted)"


def real_text() -> str:
    return (packaged_seasons() / "2013-14.yaml").read_text(encoding="utf-8")


def _fill(unit: str, head: str = "", tail: str = "") -> str:
    """`head`, then `unit` as many times as fits under the upload limit, then `tail`."""
    room = MAX_FILE_BYTES - 16 - len((head + tail).encode())
    return head + unit * (room // len(unit.encode())) + tail


def _many_bad_clubs() -> str:
    """The most values the limits let through, every club wrong in several ways: the most
    schema errors (and pruning work) a file can cause."""
    club = "  - {id: Bad Id, name: '', capacity: -1, spellings: [], city: [x], stadium: {a: 1}}\n"
    count = min(LIMITS.items, LIMITS.values // 8)
    return "clubs:\n" + club * count


def _real_clubs_repeated() -> str:
    """The real file with its clubs list repeated up to the item limit: valid schema, so
    every cross-reference check runs on the biggest data the limits allow."""
    text = real_text()
    start, end = text.index("\nclubs:\n") + len("\nclubs:\n"), text.index("\nother_clubs:") + 1
    clubs = text[start:end]
    per_copy = clubs.count("\n  - id:") + 1
    names_per_copy = 4 * per_copy  # name, short name, a spelling, a nickname, about
    copies = max(
        1,
        min(
            LIMITS.items // per_copy,
            (LIMITS.values - 1_000) // (per_copy * 12),
            (LIMITS.names - 200) // names_per_copy,
        ),
    )
    return text[:start] + clubs * copies + text[end:]


def hostile_files() -> dict[str, Callable[[], str]]:
    return {
        REAL: real_text,
        "deep flow lists, 100,000 levels": lambda: "season: " + "[" * 100_000 + "]" * 100_000,
        "deep block lists, 300,000 levels": lambda: "season:\n  " + "- " * 300_000 + "x\n",
        "deep flow mappings, 100,000 levels": lambda: (
            "season: " + "{a: " * 100_000 + "1" + "}" * 100_000
        ),
        "a 1 MB integer": lambda: _fill("9", "season:\n  tier: ", "\n"),
        "a 5,000-digit integer": lambda: "season:\n  tier: " + "9" * 5_000 + "\n",
        "a 1 MB string": lambda: _fill("x", "season:\n  name: ", "\n"),
        "200,000 bad list items": lambda: _fill("- {}\n", "clubs:\n"),
        "450,000 flow list items": lambda: _fill("1,", "clubs: [", "1]\n"),
        "120,000 aliases": lambda: (
            "clubs:\n"
            + "".join(
                f"  - id: c{n}\n    spellings: [{', '.join(f'a{k}' for k in range(1_000))}]\n"
                for n in range(120)
            )
        ),
        "a 1 MB comment, then the real file": lambda: _fill("# a comment\n", "", real_text()),
        f"{min(LIMITS.items, LIMITS.values // 8):,} clubs, each wrong 6 ways": _many_bad_clubs,
        "the real clubs repeated to the limits": _real_clubs_repeated,
    }


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure_in_this_process(name: str, rounds: int) -> dict[str, Any]:
    """Run in a child process: the file's size, the outcome, median time, peak memory."""
    text = hostile_files()[name]()
    size = len(text.encode())
    assert size <= MAX_FILE_BYTES, f"{name}: {size} bytes"
    before = _rss_mb()
    times = []
    outcome = "accepted"
    for _ in range(rounds):
        start = time.perf_counter()
        try:
            parse_season(text, "upload.yaml")
        except SeasonRefused as refused:
            first = refused.problems[0]
            count = len(refused.problems) + refused.omitted
            outcome = f"refused ({count} problems): {first}"[:110]
        times.append(time.perf_counter() - start)
    return {
        "file": name,
        "bytes": size,
        "median_ms": round(statistics.median(times) * 1000, 2),
        "max_ms": round(max(times) * 1000, 2),
        "peak_rss_mb": round(_rss_mb(), 1),
        "growth_mb": round(_rss_mb() - before, 1),
        "outcome": outcome,
    }


def measure(name: str, rounds: int) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.loading", "--child", name, "--rounds", str(rounds)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


async def answers_meanwhile(worst: str, calls: int, uploads: int) -> dict[str, Any]:
    """A command's latency alone, and while a thread keeps refusing the worst upload."""
    from bot.console import Console
    from bot.moderation import Reloader, log

    log.setLevel(logging.ERROR)  # each refusal's 50 problems would bury the figures
    from knowledge.store import KnowledgeStore

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "seasons"
        data.mkdir()
        (data / "2013-14.yaml").write_text(real_text(), encoding="utf-8")
        store = KnowledgeStore(data)
        reloader = Reloader(store)
        console = Console(store, "en", reloader)
        line = "/result Necaxa UdeG"
        upload = hostile_files()[worst]().encode()

        async def latencies(until: Callable[[int], bool]) -> list[float]:
            samples: list[float] = []
            while not until(len(samples)):
                start = time.perf_counter()
                await console.answer(line)
                samples.append((time.perf_counter() - start) * 1000)
                await asyncio.sleep(0.001)  # a stream of questions, not one busy loop
            return samples

        await latencies(lambda done: done >= 50)  # warm up
        idle = await latencies(lambda done: done >= calls)
        refusals = 0

        async def hostile_reloads() -> None:
            nonlocal refusals
            while refusals < uploads:
                result = await reloader.reload(user_id=None, upload=upload)
                assert not result.accepted
                refusals += 1

        attacker = asyncio.create_task(hostile_reloads())
        busy = await latencies(lambda done: attacker.done())
        await attacker

    def summary(samples: list[float]) -> dict[str, float]:
        ordered = sorted(samples)
        return {
            "p50_ms": round(statistics.median(samples), 2),
            "p99_ms": round(ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 2),
            "max_ms": round(ordered[-1], 2),
        }

    return {
        "command": line,
        "hostile_upload": worst,
        "idle": summary(idle),
        "during_hostile_reloads": summary(busy),
        "hostile_reloads_refused_meanwhile": refusals,
        "answers_during_hostile_reloads": len(busy),
    }


def names_at_the_limit() -> str:
    """The real file with extra spellings for every club, up to the names limit: the most
    names a valid file can make every autocomplete keystroke look through."""
    text = real_text()
    clubs = text.count("\n    spellings: [")
    room = LIMITS.names - 150  # the real file's own names, and some margin
    per_club = room // clubs
    edited = []
    for number, part in enumerate(text.split("\n    spellings: [")):
        extra = ", ".join(f"Alias {number} x{k}" for k in range(per_club))
        edited.append(f"{extra}, {part}" if number else part)
    return "\n    spellings: [".join(edited)


def autocomplete_at_the_limit(rounds: int) -> dict[str, Any]:
    """Autocomplete latency over the real file's names and over a valid file at the names
    limit: what the limit leaves of the "120,000 spellings" slowdown."""
    from knowledge.resolver import ClubIndex

    prefixes = ["N", "Ne", "Nec", "U", "UdeG", "Leo", "Cañ", "Dor", "Toros", "Alebr", "z", "x"]
    results: dict[str, Any] = {}
    for label, text in (("real file", real_text()), ("names limit", names_at_the_limit())):
        season = parse_season(text, label)
        index = ClubIndex.for_season(season)
        names = sum(len(club.names) for club in season.clubs)
        samples = []
        for _ in range(rounds):
            for prefix in prefixes:
                start = time.perf_counter()
                index.complete(prefix)
                samples.append((time.perf_counter() - start) * 1000)
        results[label] = {
            "club_names": names,
            "p50_ms": round(statistics.median(samples), 3),
            "max_ms": round(max(samples), 3),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    add_quick(parser)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_in_this_process(args.child, args.rounds)))
        return
    rounds = 1 if args.quick else 7
    rows = [measure(name, rounds) for name in hostile_files()]
    print(f"{'file':<44} {'bytes':>9} {'median':>10} {'peak RSS':>9} {'growth':>8}")
    for row in rows:
        print(
            f"{row['file']:<44} {row['bytes']:>9,} {row['median_ms']:>8.1f}ms "
            f"{row['peak_rss_mb']:>7.1f}MB {row['growth_mb']:>6.1f}MB"
        )
        print(f"    {row['outcome']}")
    baseline = next(row for row in rows if row["file"] == REAL)
    hostile = [row for row in rows if row["file"] != REAL]
    worst = max(hostile, key=lambda row: row["median_ms"])
    print(
        f"\nslowest refusal: {worst['file']}: {worst['median_ms']} ms "
        f"({worst['median_ms'] / baseline['median_ms']:.1f}× loading the real file); "
        f"highest peak: {max(row['peak_rss_mb'] for row in hostile)} MB "
        f"(real file: {baseline['peak_rss_mb']} MB)"
    )
    meanwhile = asyncio.run(
        answers_meanwhile(worst["file"], 100 if args.quick else 400, 1 if args.quick else 10)
    )
    idle, busy = meanwhile["idle"], meanwhile["during_hostile_reloads"]
    print(
        f"{meanwhile['command']}: p50 {idle['p50_ms']} ms / p99 {idle['p99_ms']} ms alone; "
        f"p50 {busy['p50_ms']} ms / p99 {busy['p99_ms']} ms / max {busy['max_ms']} ms "
        f"({meanwhile['answers_during_hostile_reloads']} answers) while "
        f"{meanwhile['hostile_reloads_refused_meanwhile']} uploads of '{worst['file']}' "
        "were refused in a thread"
    )
    completion = autocomplete_at_the_limit(5 if args.quick else 50)
    for label, figures in completion.items():
        print(
            f"autocomplete, {label} ({figures['club_names']:,} club names): "
            f"p50 {figures['p50_ms']} ms, max {figures['max_ms']} ms per keystroke"
        )
    report = {"files": rows, "answers_meanwhile": meanwhile, "autocomplete": completion}
    save(RESULTS / "loading.json", report, quick=args.quick)


if __name__ == "__main__":
    main()
