"""`seasonbot dev` and the layering it must keep: the Discord double is test code, which the
bot never imports, and an install without it says what to do instead of a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.dev import DOUBLE, DoubleMissing, load_harness

NO_CHECKOUT = """
import sys
from pathlib import Path
import bot.dev
bot.dev.CHECKOUT = Path(sys.argv[1])  # as installed: no tests/ beside the package
from bot.cli import main
sys.exit(main(["dev"]))
"""


def test_without_the_double_dev_says_where_it_is_and_starts_nothing(tmp_path: Path) -> None:
    with pytest.raises(DoubleMissing) as missing:
        load_harness(tmp_path)
    assert DOUBLE.parent.as_posix() in str(missing.value)
    assert "clone" in str(missing.value)

    done = subprocess.run(
        [sys.executable, "-c", NO_CHECKOUT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done
    assert done.stderr.startswith("seasonbot dev: the local Discord double is not installed")
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("module", ["bot.cli", "bot.dev"])
def test_the_bot_imports_no_test_code(module: str) -> None:
    """Only running `dev` reaches into tests/; importing the command line or the dev module
    (as the installed `seasonbot` does) loads none of it."""
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}, sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    loaded = {name.split(".")[0] for name in done.stdout.split()}
    assert "tests" not in loaded
