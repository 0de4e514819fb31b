"""A plain clone must test itself: nothing in tests/ or CI reads files beside the repository.

The design notes and the seed live beside the repo on the machine where the bot was built, but
a clone on a CI runner has only the repo. Whatever the tests need is copied into tests/.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# `../shared`, `parents[3] / "shared"`, `"shared/discord-payloads"`: ways to reach beside the repo.
OUTSIDE = re.compile(r"""\.\./shared|["']shared["']|["']shared/|parents\[[3-9]\]""")


def files_that_run() -> list[Path]:
    return [*REPO.glob("tests/**/*.py"), *REPO.glob(".ci/*"), *REPO.glob("benchmarks/**/*.py")]


def test_no_test_benchmark_or_ci_script_reads_beside_the_repository() -> None:
    offenders = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in files_that_run()
        if path != Path(__file__).resolve()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert offenders == []


def test_the_discord_examples_the_tests_compare_against_are_in_the_repository() -> None:
    from tests.payloads import EXAMPLES

    assert EXAMPLES.is_relative_to(REPO)
    names = {path.name for path in EXAMPLES.glob("*.json")}
    assert {
        "interaction_application_command_type2.json",
        "interaction_autocomplete_type4.json",
    } <= names
