"""Numbers written with decimals ("1.1667", "0,95"): one reader for what they are and where
they lie among the words.

A ratio of the relegation table is written with a point or a comma ("1.1667", "0,9524"). A
number with three digits after the separator and ten or more before it ("20,000", "55.020")
is seats written with a thousands separator, not a decimal. Both the reader of names and
scores (a decimal's halves are one number, never a score "1 5") and the planner (a ratio
said, read into a plan or blocking) ask this module, so they agree on which numbers count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DECIMAL = re.compile(r"(?<![\d.,])(\d{1,3})[.,](\d{1,4})(?![\d])")
MAX_RATIO = 10.0
"""A ratio (points per game) is below this; "12.5" is no ratio of the table."""


@dataclass(frozen=True, slots=True)
class Decimal:
    written: str
    whole: str
    part: str

    @property
    def value(self) -> float:
        return float(f"{self.whole}.{self.part}")


def decimals(text: str) -> list[Decimal]:
    """Every number with decimals in `text`, in order; seats written with a thousands
    separator are none."""
    found = []
    for number in _DECIMAL.finditer(text):
        whole, part = number.groups()
        if len(part) == 3 and int(whole) >= 10:
            continue  # "20,000": seats
        found.append(Decimal(number.group(0), whole, part))
    return found


def ratios(text: str) -> list[Decimal]:
    """The numbers with decimals that can be a ratio of the table."""
    return [number for number in decimals(text) if number.value < MAX_RATIO]


def decimal_positions(text: str, tokens: list[str]) -> set[int]:
    """Where a number with decimals lies in the words (`words` splits "1.5" into "1" "5"):
    its two halves are one number, never a score."""
    found: set[int] = set()
    for number in decimals(text):
        for i in range(len(tokens) - 1):
            if (tokens[i], tokens[i + 1]) == (number.whole, number.part):
                found.update((i, i + 1))
    return found
