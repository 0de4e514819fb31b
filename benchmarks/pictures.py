"""Bracket picture render times (cold and cached), sizes and dimensions, per tournament.

Run: `python -m benchmarks.pictures` (add `--quick` for a smoke run); as a module, because run
as a file its folder comes first on the path and `benchmarks/commands.py` would shadow the
`commands` package. Machines here are shared
and noisy, so it reports medians: cold renders clear the cache before every call (the work a
fan waits for after a reload or a new highlight), cached calls are what every later ask costs.
Results go to stdout as a table and to `benchmarks/results/pictures.json`.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import time
from pathlib import Path
from typing import Any

from PIL import Image

from commands import pictures
from commands.i18n import translator
from knowledge.store import KnowledgeStore, packaged_seasons

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
CASES: tuple[tuple[str, str | None], ...] = (
    ("apertura-2013", None),
    ("apertura-2013", "udeg"),
    ("clausura-2014", None),
    ("clausura-2014", "tecos"),
    ("promotion-2014", None),
)


def measure(tournament: str, highlight: str | None, locale: str, rounds: int) -> dict[str, Any]:
    store = KnowledgeStore(packaged_seasons())
    snapshot = store.current
    season, digest = snapshot.season, snapshot.digest
    tr = translator("en" if locale == "en" else "es-419")
    cold_ms: list[float] = []
    for _ in range(rounds):
        pictures.clear_cache()
        start = time.perf_counter()
        attachment = pictures.bracket_picture(season, tournament, tr, highlight, digest)
        cold_ms.append((time.perf_counter() - start) * 1000)
    cached_us: list[float] = []
    for _ in range(rounds * 20):
        start = time.perf_counter()
        pictures.bracket_picture(season, tournament, tr, highlight, digest)
        cached_us.append((time.perf_counter() - start) * 1_000_000)
    image = Image.open(io.BytesIO(attachment.data))
    return {
        "tournament": tournament,
        "highlight": highlight,
        "locale": locale,
        "cold_ms_p50": round(statistics.median(cold_ms), 1),
        "cold_ms_max": round(max(cold_ms), 1),
        "cached_us_p50": round(statistics.median(cached_us), 2),
        "size_kib": round(len(attachment.data) / 1024, 1),
        "width": image.width,
        "height": image.height,
        "mode": image.mode,
        "renders": rounds,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer rounds, for a smoke run")
    args = parser.parse_args()
    rounds = 2 if args.quick else 9
    # The first render loads the fonts: warm them up so cold means "not cached", not "new process".
    pictures.render_png(
        KnowledgeStore(packaged_seasons()).current.season, "promotion-2014", translator("en")
    )
    rows = [
        measure(tournament, highlight, locale, rounds)
        for locale in ("en", "es")
        for tournament, highlight in CASES
    ]
    header = (
        f"{'tournament':<16}{'highlight':<11}{'loc':<5}{'cold p50':>10}{'cold max':>10}"
        f"{'cached p50':>12}{'KiB':>8}{'size':>12}"
    )
    print(header)
    for row in rows:
        print(
            f"{row['tournament']:<16}{row['highlight'] or '-':<11}{row['locale']:<5}"
            f"{row['cold_ms_p50']:>8}ms{row['cold_ms_max']:>8}ms{row['cached_us_p50']:>10}µs"
            f"{row['size_kib']:>8}{row['width']:>6}x{row['height']:<5}"
        )
    report = {
        "scale": pictures.SCALE,
        "max_bytes": pictures.MAX_BYTES,
        "cases": rows,
        "cold_ms_p50_worst": max(row["cold_ms_p50"] for row in rows),
        "size_kib_largest": max(row["size_kib"] for row in rows),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pictures.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
