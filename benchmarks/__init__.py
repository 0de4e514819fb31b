"""Benchmarks: each measures one thing and reports figures (benchmarks/README.md); none is a
test. Every one takes `--quick`, the smoke run CI makes of each (`.ci/run`) so that none rots
unnoticed: the same code on a few rounds, in seconds, whose figures mean nothing, so they are
neither saved nor judged against a target."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

QUICK = (
    "a smoke run, in seconds: a few rounds, no figure saved, no target judged (CI runs every "
    "benchmark so)"
)


def add_quick(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quick", action="store_true", help=QUICK)


def save(path: Path, report: Mapping[str, Any], *, quick: bool) -> None:
    """Write the report as JSON, unless it comes from a smoke run (its figures would mislead
    whoever reads the file next)."""
    if quick:
        print(f"(--quick: {path.name} not written)")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"written to {path}")
