"""Bracket picture render times (cold and cached), sizes and dimensions, per tournament, and
how large its smallest texts are where Discord shows it.

Run: `python -m benchmarks.pictures` (add `--quick` for a smoke run); as a module, because run
as a file its folder comes first on the path and `benchmarks/commands.py` would shadow the
`commands` package. Machines here are shared
and noisy, so it reports medians: cold renders clear the cache before every call (the work a
fan waits for after a reload or a new highlight), cached calls are what every later ask costs.
Results go to stdout as a table and to `benchmarks/results/pictures.json`.

`--before DIR` also draws with an older source tree (e.g. `git archive REV | tar -x -C DIR`):
each tree renders in a process of its own, one cold render of each case per tree in turn, so a
load spike on this shared machine hits both alike, and the report gives both medians.
`--as-shown DIR` writes each case as Discord shows it (a phone's 296 px wide beside a desktop's
400×300), for this tree and for `--before`'s.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

from PIL import Image, ImageDraw, ImageFont

from benchmarks import add_quick, save
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
LOCALES = {"en": "en", "es": "es-419"}


def measure(tournament: str, highlight: str | None, locale: str, rounds: int) -> dict[str, Any]:
    store = KnowledgeStore(packaged_seasons())
    snapshot = store.current
    season, digest = snapshot.season, snapshot.digest
    tr = translator(LOCALES[locale])
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
    drawing = pictures.draw(season, tournament, tr, highlight)
    phone = pictures.smallest_text(drawing, pictures.PHONE)
    desktop = pictures.smallest_text(drawing, pictures.DESKTOP)
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
        "phone_name_px": round(phone["name"], 1),
        "phone_label_px": round(phone["label"], 1),
        "desktop_name_px": round(desktop["name"], 1),
        "desktop_label_px": round(desktop["label"], 1),
    }


# ---------------------------------------------------------------------------------------------
# This tree against an older one, in the same run

WORKER = """
import base64, json, sys, time
from commands import pictures
from commands.i18n import translator
from knowledge.store import KnowledgeStore, packaged_seasons

snapshot = KnowledgeStore(packaged_seasons()).current
pictures.render_png(snapshot.season, "promotion-2014", translator("en"))  # load the fonts
for line in sys.stdin:
    case = json.loads(line)
    tr = translator(case["locale"])
    pictures.clear_cache()
    start = time.perf_counter()
    picture = pictures.bracket_picture(
        snapshot.season, case["tournament"], tr, case["highlight"], snapshot.digest
    )
    ms = (time.perf_counter() - start) * 1000
    print(json.dumps({"ms": ms, "png": base64.b64encode(picture.data).decode()}), flush=True)
"""
"""Draws a case cold when asked, with whichever tree is first on its path: it uses only what
every tree since the pictures began has (`bracket_picture`, `clear_cache`)."""


class Worker:
    """A process drawing with one source tree."""

    def __init__(self, tree: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(tree)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER],
            cwd=tree,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def render(self, tournament: str, highlight: str | None, locale: str) -> tuple[float, bytes]:
        """(cold render ms, PNG bytes)."""
        stdin, stdout = self._pipes()
        case = {"tournament": tournament, "highlight": highlight, "locale": LOCALES[locale]}
        stdin.write(json.dumps(case) + "\n")
        stdin.flush()
        answer = json.loads(stdout.readline())
        return float(answer["ms"]), base64.b64decode(answer["png"])

    def _pipes(self) -> tuple[IO[str], IO[str]]:
        assert self.process.stdin is not None and self.process.stdout is not None
        return self.process.stdin, self.process.stdout

    def close(self) -> None:
        self._pipes()[0].close()
        self.process.wait()


def compare(before: Path, rounds: int) -> dict[str, dict[str, float]]:
    """Cold render medians, this tree's and `before`'s, drawn in turn: per case (tournament,
    highlight, locale) and over every case."""
    workers = {"after": Worker(ROOT), before.name: Worker(before.resolve())}
    cases = [(t, h, locale) for locale in LOCALES for t, h in CASES]
    samples: dict[str, dict[str, list[float]]] = {name: {} for name in workers}
    try:
        for _ in range(rounds):
            for tournament, highlight, locale in cases:
                key = " ".join((tournament, highlight or "-", locale))
                for name, worker in workers.items():
                    ms = worker.render(tournament, highlight, locale)[0]
                    samples[name].setdefault(key, []).append(ms)
    finally:
        for worker in workers.values():
            worker.close()
    medians: dict[str, dict[str, float]] = {}
    for name, by_case in samples.items():
        every = [ms for values in by_case.values() for ms in values]
        medians[name] = {key: round(statistics.median(v), 1) for key, v in by_case.items()}
        medians[name]["every case"] = round(statistics.median(every), 1)
    return medians


def as_shown(image: Image.Image) -> Image.Image:
    """`image` as Discord shows it: 296 px wide on a phone (left) and fitted into 400×300 on a
    desktop (right), on the dark theme's message background, at one screen pixel a pixel."""
    views = []
    for display in (pictures.PHONE, pictures.DESKTOP):
        scale = display.scale(image.size)
        size = (round(image.width * scale), round(image.height * scale))
        views.append(image.convert("RGB").resize(size, Image.Resampling.LANCZOS))
    gap, caption = 16, 20
    width = sum(view.width for view in views) + 3 * gap
    height = max(view.height for view in views) + 2 * gap + caption
    sheet = Image.new("RGB", (width, height), (49, 51, 56))
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(13)
    x = gap
    for view, label in zip(views, ("phone: 296 px wide", "desktop: within 400 x 300"), strict=True):
        draw.text((x, gap + caption - 6), label, fill=(181, 186, 193), font=font, anchor="ls")
        sheet.paste(view, (x, gap + caption))
        x += view.width + gap
    return sheet


def write_as_shown(folder: Path, befores: list[Path]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    workers = {"after": Worker(ROOT), **{t.name: Worker(t.resolve()) for t in befores}}
    try:
        for locale in LOCALES:
            for tournament, highlight in CASES:
                for name, worker in workers.items():
                    _, png = worker.render(tournament, highlight, locale)
                    image = Image.open(io.BytesIO(png))
                    stem = "-".join(p for p in (tournament, highlight, locale, name) if p)
                    as_shown(image).save(folder / f"{stem}.png", optimize=True)
    finally:
        for worker in workers.values():
            worker.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    add_quick(parser)
    parser.add_argument("--before", type=Path, metavar="DIR", help="an older source tree")
    parser.add_argument("--as-shown", type=Path, metavar="DIR", help="write the views here")
    args = parser.parse_args()
    rounds = 2 if args.quick else 9
    if args.as_shown:
        write_as_shown(args.as_shown, [args.before] if args.before else [])
    # The first render loads the fonts: warm them up so cold means "not cached", not "new process".
    pictures.render_png(
        KnowledgeStore(packaged_seasons()).current.season, "promotion-2014", translator("en")
    )
    rows = [
        measure(tournament, highlight, locale, rounds)
        for locale in LOCALES
        for tournament, highlight in CASES
    ]
    header = (
        f"{'tournament':<16}{'highlight':<11}{'loc':<5}{'cold p50':>10}{'cold max':>10}"
        f"{'cached p50':>12}{'KiB':>8}{'size':>12}  {'phone name/label':>17}  {'desktop':>11}"
    )
    print(header)
    for row in rows:
        print(
            f"{row['tournament']:<16}{row['highlight'] or '-':<11}{row['locale']:<5}"
            f"{row['cold_ms_p50']:>8}ms{row['cold_ms_max']:>8}ms{row['cached_us_p50']:>10}µs"
            f"{row['size_kib']:>8}{row['width']:>6}x{row['height']:<5}"
            f"  {row['phone_name_px']:>8}/{row['phone_label_px']:<4}px"
            f"  {row['desktop_name_px']:>5}/{row['desktop_label_px']:<4}px"
        )
    report: dict[str, Any] = {
        "scale": pictures.SCALE,
        "max_bytes": pictures.MAX_BYTES,
        "cases": rows,
        "cold_ms_p50_worst": max(row["cold_ms_p50"] for row in rows),
        "size_kib_largest": max(row["size_kib"] for row in rows),
        "smallest_as_shown_px": {
            key: min(row[key] for row in rows)
            for key in ("phone_name_px", "phone_label_px", "desktop_name_px", "desktop_label_px")
        },
    }
    if args.before:
        medians = compare(args.before, rounds)
        report["cold_ms_p50_before_after"] = medians
        names = list(medians)
        print(f"\ncold render medians (ms), {rounds} rounds, the trees drawing in turn:")
        print(f"  {'case':<30}" + "".join(f"{name:>10}" for name in names))
        for key in medians[names[0]]:
            print(f"  {key:<30}" + "".join(f"{medians[name][key]:>10}" for name in names))
    save(RESULTS / "pictures.json", report, quick=args.quick)


if __name__ == "__main__":
    main()
