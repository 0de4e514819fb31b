"""`seasonbot check` and start-up: a bad file is `path:line: message` lines, never a traceback.

Run as a real process, because a traceback (RecursionError on a deep file, ValueError on a
huge number) is exactly what the user would otherwise see, and only the process shows it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.loader import MAX_PROBLEMS
from knowledge.store import packaged_seasons
from tests.helpers import line_of, seasonbot

DEEP = 100_000


def real_text() -> str:
    return (packaged_seasons() / "2013-14.yaml").read_text(encoding="utf-8")


HOSTILE = {
    "deep": ("season: " + "[" * DEEP + "]" * DEEP + "\n", 1),
    "digits": ("season:\n  tier: " + "9" * 5000 + "\n", 2),
    "items": ("clubs:\n" + "- {}\n" * 90_000, 1002),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_check_refuses_a_hostile_file_with_its_line(tmp_path: Path, name: str) -> None:
    text, line = HOSTILE[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    done = seasonbot("check", str(path))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[0].startswith(f"{path}:{line}: ")


def test_start_up_refuses_a_deep_file_with_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "seasons"
    folder.mkdir()
    (folder / "2013-14.yaml").write_text(HOSTILE["deep"][0], encoding="utf-8")
    done = seasonbot("ask", "/season", knowledge=folder)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"{folder / '2013-14.yaml'}:1: " in done.stderr


def test_check_reports_schema_and_cross_reference_problems_in_one_run(tmp_path: Path) -> None:
    """Two wrong types and a score that its goals do not add up to: all three at once, so a
    moderator does not fix one, run again and find the next."""
    text = (
        real_text()
        .replace("capacity: 55020", "capacity: -5")
        .replace("capacity: 9581", "capacity: lots")
        .replace("score: 5-0", "score: 5-1")
    )
    path = tmp_path / "edited.yaml"
    path.write_text(text, encoding="utf-8")
    done = seasonbot("check", str(path))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert any(row.startswith(f"{path}:{line_of(text, 'capacity: -5')}: ") for row in lines)
    assert any(row.startswith(f"{path}:{line_of(text, 'capacity: lots')}: ") for row in lines)
    score = [row for row in lines if row.startswith(f"{path}:{line_of(text, 'score: 5-1')}: ")]
    assert score and "listed goals give" in score[0], done.stderr


def test_check_lists_the_first_problems_and_counts_the_rest(tmp_path: Path) -> None:
    """15 clubs with a bad capacity and 26 legs with a bad score, in two files: 82 in all."""
    text = real_text().replace("capacity: ", "capacity: -").replace("score: ", "score: x")
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = seasonbot("check", str(tmp_path))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[-1] == f"… and {2 * (15 + 26) - MAX_PROBLEMS} more problems"


ENDLESS = Path("/dev/zero")


@pytest.mark.skipif(not ENDLESS.exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("command", ["check", "knowledge"])
def test_an_endless_file_is_refused_not_read(command: str) -> None:
    """`seasonbot check /dev/zero` and SEASONBOT_KNOWLEDGE=/dev/zero read until memory ran
    out. The process is given 1 GiB, so the old behaviour fails here at once."""
    if command == "check":
        done = seasonbot("check", str(ENDLESS), memory=1 << 30)
    else:
        done = seasonbot("ask", "/stadiums", knowledge=ENDLESS, memory=1 << 30)
    assert "Traceback" not in done.stderr
    assert f"{ENDLESS}:1: cannot read: not a regular file but a character device" in done.stderr
    assert done.returncode == 1
