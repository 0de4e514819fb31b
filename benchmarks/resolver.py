"""Resolver latency and accuracy against a difflib baseline, plus the time to load the season.

Run: `python benchmarks/resolver.py` (add `--quick` for a smoke run). Machines here are shared
and noisy, so it reports medians and p99 over many calls, and ratios against a baseline
measured in the same run on the same queries: `difflib.get_close_matches`, the standard
library's answer to "which of these names did they mean?".

Queries come from the test name set (tests/knowledge/club_names.yaml), split into exact
names, fuzzy spellings and refusals; autocomplete is timed on prefixes of every alias.
"""

from __future__ import annotations

import argparse
import difflib
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from benchmarks import add_quick, save
from bot.metrics import percentile
from knowledge.errors import KnowledgeError
from knowledge.loader import read_season
from knowledge.names import fold
from knowledge.resolver import ClubIndex
from knowledge.store import packaged_seasons

ROOT = Path(__file__).resolve().parent.parent
NAMES = ROOT / "tests" / "knowledge" / "club_names.yaml"
RESULTS = ROOT / "benchmarks" / "results"


def time_calls(call: Callable[[str], object], queries: Sequence[str], rounds: int) -> list[float]:
    """Microseconds per call, every query `rounds` times, interleaved to spread the noise."""
    samples = []
    clock = time.perf_counter_ns
    for _ in range(rounds):
        for query in queries:
            start = clock()
            call(query)
            samples.append((clock() - start) / 1000)
    return samples


def summary(samples: Sequence[float]) -> dict[str, float]:
    return {
        "p50_us": round(statistics.median(samples), 2),
        "p99_us": round(percentile(samples, 0.99), 2),
        "mean_us": round(statistics.fmean(samples), 2),
        "calls": len(samples),
    }


class DifflibBaseline:
    """The same job with the standard library: closest folded alias above a 0.8 ratio."""

    def __init__(self, index: ClubIndex) -> None:
        self.owner: dict[str, str] = {}
        for entry in index.entries:
            for name in entry.names:
                self.owner.setdefault(fold(name), entry.key)
        self.aliases = list(self.owner)

    def resolve(self, query: str) -> str | None:
        matches = difflib.get_close_matches(fold(query[:100]), self.aliases, n=1, cutoff=0.8)
        return self.owner[matches[0]] if matches else None


def ours(index: ClubIndex) -> Callable[[str], str | None]:
    def resolve(query: str) -> str | None:
        try:
            return index.resolve(query).key
        except KnowledgeError:
            return None

    return resolve


def accuracy(resolve: Callable[[str], str | None], cases: list[dict[str, Any]]) -> float:
    right = sum(resolve(case["query"]) == case.get("club") for case in cases)
    return round(100 * right / len(cases), 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    add_quick(parser)
    args = parser.parse_args()
    rounds = 3 if args.quick else 40

    source = packaged_seasons() / "2013-14.yaml"
    load_ms = []
    for _ in range(3 if args.quick else 20):
        start = time.perf_counter()
        season = read_season(source)
        ClubIndex.for_season(season)
        load_ms.append((time.perf_counter() - start) * 1000)

    index = ClubIndex.for_season(season)
    baseline = DifflibBaseline(index)
    resolve = ours(index)
    names = yaml.safe_load(NAMES.read_text(encoding="utf-8"))
    accepted: list[dict[str, Any]] = names["resolve"]
    refused: list[dict[str, Any]] = [
        {"query": case["query"], "club": None} for case in names["refuse"]
    ]
    exact_keys = {fold(name) for entry in index.entries for name in entry.names}
    exact = [c["query"] for c in accepted if fold(c["query"]) in exact_keys]
    fuzzy = [c["query"] for c in accepted if fold(c["query"]) not in exact_keys]
    refusals = [c["query"] for c in refused]
    prefixes = sorted(
        {fold(name)[:n] for entry in index.entries for name in entry.names for n in (1, 3, 5)}
    )

    report: dict[str, Any] = {
        "load_and_index_ms": {
            "p50": round(statistics.median(load_ms), 2),
            "max": round(max(load_ms), 2),
        }
    }
    mixed = exact + fuzzy + refusals
    for label, queries in (
        ("exact", exact),
        ("fuzzy", fuzzy),
        ("refused", refusals),
        ("all", mixed),
    ):
        mine = summary(time_calls(resolve, queries, rounds))
        theirs = summary(time_calls(baseline.resolve, queries, rounds))
        report[label] = {
            "queries": len(queries),
            "ours": mine,
            "difflib": theirs,
            "speedup_p50": round(theirs["p50_us"] / mine["p50_us"], 1),
            "speedup_p99": round(theirs["p99_us"] / mine["p99_us"], 1),
            "speedup_mean": round(theirs["mean_us"] / mine["mean_us"], 1),
        }
    report["autocomplete"] = {
        "prefixes": len(prefixes),
        **summary(time_calls(index.complete, prefixes, rounds)),
    }
    everything = accepted + refused
    report["accuracy_percent"] = {
        "cases": len(everything),
        "ours": accuracy(resolve, everything),
        "difflib": accuracy(baseline.resolve, everything),
        "ours_resolve": accuracy(resolve, accepted),
        "ours_refuse": accuracy(resolve, refused),
        "difflib_resolve": accuracy(baseline.resolve, accepted),
        "difflib_refuse": accuracy(baseline.resolve, refused),
    }

    header = ("case", "n", "ours p50", "ours p99", "difflib p50", "difflib p99", "x p50")
    print("{:<13}{:>5}{:>11}{:>11}{:>13}{:>13}{:>7}".format(*header))
    for label in ("exact", "fuzzy", "refused", "all"):
        row = report[label]
        print(
            f"{label:<13}{row['queries']:>5}{row['ours']['p50_us']:>9}µs{row['ours']['p99_us']:>9}µs"
            f"{row['difflib']['p50_us']:>11}µs{row['difflib']['p99_us']:>11}µs{row['speedup_p50']:>7}"
        )
    ac = report["autocomplete"]
    print(f"{'autocomplete':<13}{ac['prefixes']:>5}{ac['p50_us']:>9}µs{ac['p99_us']:>9}µs")
    load = report["load_and_index_ms"]
    print(f"load + index: p50 {load['p50']} ms, max {load['max']} ms")
    print("accuracy:", report["accuracy_percent"])
    save(RESULTS / "resolver.json", report, quick=args.quick)


if __name__ == "__main__":
    main()
