"""Every benchmark has a smoke run (`--quick`), and CI makes it, so that none rots unnoticed.

The runs themselves are CI's (`.ci/run`): a benchmark is slow by nature and its figures are no
test's business. Here, only that each one offers the mode and that CI calls every one.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BENCHMARKS = sorted(
    path.stem for path in (REPO / "benchmarks").glob("*.py") if path.stem != "__init__"
)


@pytest.mark.parametrize("name", BENCHMARKS)
def test_every_benchmark_has_a_quick_smoke_run(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    module = importlib.import_module(f"benchmarks.{name}")
    monkeypatch.setattr(sys, "argv", [name, "--help"])  # shows the options, runs nothing
    shown = io.StringIO()
    with pytest.raises(SystemExit) as exited, contextlib.redirect_stdout(shown):
        module.main()
    assert exited.value.code == 0
    assert "--quick" in shown.getvalue()


def test_ci_runs_every_benchmark_quick() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "for benchmark in benchmarks/*.py" in script
    assert '"benchmarks.$name" --quick' in script
