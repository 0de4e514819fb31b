"""`seasonbot check`: validate season files the way a reload would, without a bot."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from knowledge.loader import SeasonRefused, read_seasons


def check(paths: Sequence[Path], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """0 and a summary line per path if every file is valid; 1 and `path:line: message` lines."""
    failed = False
    for path in paths:
        try:
            seasons = read_seasons(path)
        except SeasonRefused as refused:
            failed = True
            for line in refused.lines():
                print(line, file=err)
            continue
        for season in seasons:
            legs = season.legs
            goals = sum(len(leg.goals) for leg in legs)
            print(
                f"ok: {season.season.name} ({path}): {len(season.clubs)} clubs, "
                f"{len(legs)} matches, {goals} goals",
                file=out,
            )
    return 1 if failed else 0
