"""How long `seasonbot` takes to start, as a whole process, against bare Python.

Run: `python -m benchmarks.startup` (add `--quick` for a smoke run, `--importtime` to list the
modules that cost most when `bot.cli` is imported).

Each case is a fresh process started with `subprocess`, timed from spawn to exit, so it
includes the interpreter, the imports, loading the season and the answer. The cases run
round-robin (one run of each, then the next round), so a load spike on this shared machine
hits every case alike; the report gives each case's median and its median minus the baseline
(`python -c pass`, measured in the same rounds).

Targets (issue 13): a one-shot console answer under 250 ms median, `seasonbot --help` under
150 ms.

Results are printed and written to benchmarks/results/startup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
_SCRIPT = Path(sys.executable).parent / "seasonbot"
SEASONBOT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "bot"]
"""The installed console script, as a user runs it; `python -m bot` where there is none."""
BASELINE = "python -c pass"
CASES: dict[str, list[str]] = {
    BASELINE: [sys.executable, "-c", "pass"],
    "seasonbot --help": [*SEASONBOT, "--help"],
    'seasonbot ask "/result Necaxa UdeG"': [*SEASONBOT, "ask", "/result Necaxa UdeG"],
    'seasonbot ask --json "/result Necaxa UdeG"': [
        *SEASONBOT,
        "ask",
        "--json",
        "/result Necaxa UdeG",
    ],
    'seasonbot ask "/bracket Apertura" (draws a picture)': [
        *SEASONBOT,
        "ask",
        "--json",
        "/bracket Apertura",
    ],
}
TARGETS_MS = {
    "seasonbot --help": 150.0,
    'seasonbot ask "/result Necaxa UdeG"': 250.0,
}


def _environment() -> dict[str, str]:
    """No token, so nothing connects; the packaged season; no bytecode writes mid-run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SEASONBOT_"))}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def time_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def measure(rounds: int) -> dict[str, list[float]]:
    env = _environment()
    for argv in CASES.values():  # warm the page cache and the bytecode once
        subprocess.run(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
    samples: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(rounds):
        for name, argv in CASES.items():
            samples[name].append(time_once(argv, env))
    return samples


_IMPORTTIME = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)")


def import_costs(module: str = "bot.cli", top: int = 25) -> list[tuple[str, float, float]]:
    """The modules that cost most to import with `module`: (name, own ms, cumulative ms),
    top-level packages and the project's own modules only, largest cumulative first."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        env=_environment(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        found = _IMPORTTIME.match(line)
        if found is None:
            continue
        own, cumulative, indent, name = found.groups()
        top_level = len(indent) <= 1
        ours = name.split(".")[0] in {"bot", "commands", "knowledge"}
        if top_level or ours:
            rows.append((name, int(own) / 1000, int(cumulative) / 1000))
    rows.sort(key=lambda row: -row[2])
    return rows[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run (3 rounds)")
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--importtime", action="store_true", help="list import costs too")
    args = parser.parse_args()
    rounds = 3 if args.quick else args.rounds
    samples = measure(rounds)
    base = statistics.median(samples[BASELINE]) * 1000
    report: dict[str, dict[str, float]] = {}
    print(f"{rounds} runs each, whole process, round-robin; medians in ms")
    print(f"{'case':<52} {'median':>7} {'-base':>7} {'min':>7} {'target':>7}")
    for name, values in samples.items():
        median = statistics.median(values) * 1000
        target = TARGETS_MS.get(name)
        report[name] = {
            "median_ms": round(median, 1),
            "over_baseline_ms": round(median - base, 1),
            "min_ms": round(min(values) * 1000, 1),
            **({"target_ms": target} if target else {}),
        }
        shown = f"{target:>7.0f}" if target else " " * 7
        print(f"{name:<52} {median:>7.1f} {median - base:>7.1f} {min(values) * 1000:>7.1f} {shown}")
    if args.importtime:
        print("\nimport bot.cli, largest cumulative cost first (ms):")
        for name, own, cumulative in import_costs():
            print(f"  {cumulative:>7.1f} {own:>7.1f}  {name}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "startup.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
