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
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import add_quick, save

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
_SCRIPT = Path(sys.executable).parent / "seasonbot"
SEASONBOT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "bot"]
"""The installed console script, as a user runs it; `python -m bot` where there is none."""
BASELINE = "python -c pass"
LIBRARY_FLOOR = """
import asyncio, yaml, rapidfuzz.process, pydantic.fields, babel.dates, babel.numbers
babel.Locale.parse("en").months
"""
"""The libraries a one-shot text answer uses, imported alone, and the Babel locale data its
dates and numbers are formatted with: a floor no layout of our own code can go under without
dropping a library."""

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
    "python -c 'import discord.ext.commands' (what only run and sync load)": [
        sys.executable,
        "-c",
        "import discord.ext.commands",
    ],
    "python: the libraries an answer uses, alone (a floor)": [
        sys.executable,
        "-c",
        LIBRARY_FLOOR,
    ],
    'seasonbot ask "who won the clausura?" (the question reader)': [
        *SEASONBOT,
        "ask",
        "who won the clausura?",
    ],
    # "cousin" and "says" are framing words now: the question is answered (a verdict and the
    # bracket), where the tree before issue 20 refused it; the word lists are read by one
    # with a word the vocabulary lacks, refused by both trees alike.
    'seasonbot ask "my cousin says necaxa won the apertura, true?" (a verdict and a bracket)': [
        *SEASONBOT,
        "ask",
        "my cousin says necaxa won the apertura, true?",
    ],
    'seasonbot ask "my neighbour says necaxa won the apertura, true?" (word lists read)': [
        *SEASONBOT,
        "ask",
        "my neighbour says necaxa won the apertura, true?",
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


@dataclass(frozen=True)
class Run:
    argv: list[str]
    tree: Path = ROOT
    """The source tree imported: this one, or `--before DIR` (an older checkout)."""

    def env(self) -> dict[str, str]:
        """No token, so nothing connects; the packaged season of `tree`. Bytecode is written
        (the first, untimed run writes it), as a Python process does unless told not to: a
        shell with PYTHONDONTWRITEBYTECODE set would otherwise time compiling every module."""
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DISCORD_", "SEASONBOT_")) and k != "PYTHONDONTWRITEBYTECODE"
        }
        if self.tree != ROOT:
            # First on the path, ahead of the editable install of this tree (which Python
            # consults last): the console script then runs the other tree's code.
            env["PYTHONPATH"] = str(self.tree)
        return env

    def time_once(self) -> tuple[float, float]:
        """(wall seconds, CPU seconds) of one run. CPU time is what the process itself
        used, so it moves less than wall time when other work shares the cores."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            self.argv, env=self.env(), cwd=self.tree, stdout=subprocess.DEVNULL, check=True
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        return wall, cpu


def cases(befores: list[Path]) -> dict[str, Run]:
    runs = {name: Run(argv) for name, argv in CASES.items()}
    for before in befores:
        for name, argv in CASES.items():
            if argv[0] != sys.executable:  # the project's commands, not bare Python
                runs[f"{before.name}: {name}"] = Run(argv, before.resolve())
    return runs


def measure(runs: dict[str, Run], rounds: int) -> dict[str, list[tuple[float, float]]]:
    for run in runs.values():  # warm the page cache, and write the bytecode, once
        run.time_once()
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            samples[name].append(run.time_once())
    return samples


ONE_SHOT = "from bot.cli import main; main(['ask', '/result Necaxa UdeG'])"
_IMPORTTIME = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)")


def import_costs(code: str, top: int = 25) -> list[tuple[str, float, float]]:
    """The modules that cost most to import when running `code`: (name, own ms, cumulative
    ms), third-party packages and the project's own modules, largest cumulative first."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        env=Run([]).env(),
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
        own, cumulative, _, name = found.groups()
        package = "." not in name and name not in sys.stdlib_module_names
        ours = name.split(".")[0] in {"bot", "commands", "knowledge"}
        if package or ours:
            rows.append((name, int(own) / 1000, int(cumulative) / 1000))
    rows.sort(key=lambda row: -row[2])
    return rows[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_quick(parser)
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--importtime", action="store_true", help="list import costs too")
    parser.add_argument(
        "--before",
        type=Path,
        metavar="DIR",
        action="append",
        default=[],
        help="also time an older source tree (e.g. `git archive REV | tar -x -C DIR`), "
        "named by its folder; may be given more than once",
    )
    args = parser.parse_args()
    rounds = 1 if args.quick else args.rounds
    samples = measure(cases(args.before), rounds)
    base = statistics.median(wall for wall, _ in samples[BASELINE]) * 1000
    report: dict[str, dict[str, float]] = {}
    print(f"{rounds} runs each, whole process, round-robin; medians in ms")
    print(f"{'case':<72} {'wall':>7} {'x base':>7} {'cpu':>7} {'target':>7}")
    for name, values in samples.items():
        wall = statistics.median(w for w, _ in values) * 1000
        cpu = statistics.median(c for _, c in values) * 1000
        target = TARGETS_MS.get(name)
        report[name] = {
            "median_wall_ms": round(wall, 1),
            "times_baseline": round(wall / base, 2),
            "median_cpu_ms": round(cpu, 1),
            "min_wall_ms": round(min(w for w, _ in values) * 1000, 1),
            **({"target_ms": target} if target else {}),
        }
        shown = f"{target:>7.0f}" if target else ""
        print(f"{name:<72} {wall:>7.1f} {wall / base:>7.2f} {cpu:>7.1f} {shown:>7}")
    if args.importtime:
        print("\nimports of a one-shot /result, largest cumulative first (ms: cumulative, own)")
        print("(a package's figure is paid by whichever module imports it first)")
        for name, own, cumulative in import_costs(ONE_SHOT):
            print(f"  {cumulative:>7.1f} {own:>7.1f}  {name}")
    save(RESULTS / "startup.json", report, quick=args.quick)


if __name__ == "__main__":
    main()
