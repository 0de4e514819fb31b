"""Developer tools: scripts that regenerate data the package ships (not imported at run time)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

Derived = tuple[Path, Any, Callable[[], str], Callable[[str], Any]]
"""A shipped file: its path, the data it must hold, how to write it, how to read it back."""


def regenerate(argv: list[str], description: str, files: Iterable[Derived]) -> int:
    """Write each derived file, or with `--check` say which differ from what the library
    gives now (exit 1), so a stale file fails the tests instead of misleading the reader."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    check = parser.parse_args(argv).check
    stale: list[Path] = []
    for path, expected, render, parse in files:
        if not check:
            path.write_text(render(), "utf-8")
        elif not path.exists() or parse(path.read_text("utf-8")) != expected:
            stale.append(path)
    for path in stale:
        print(f"{path}: stale; regenerate it (see the tool's docstring)")
    return 1 if stale else 0


def regenerate_json(argv: list[str], description: str, path: Path, data: Any) -> int:
    """`regenerate` for one compiled JSON file, written one value a line with sorted keys, so
    a change to its source shows in review as the lines that changed."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n"
    return regenerate(argv, description, [(path, data, lambda: text, json.loads)])
