"""What starting `seasonbot` loads: each command imports only what it uses.

Structural, not timed (timings are in benchmarks/startup.py): a fresh interpreter runs the
command in-process and reports which top-level packages ended up in `sys.modules`.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("discord", "aiohttp", "PIL", "pydantic", "pydantic_settings", "babel", "watchfiles")

_REPORT = """
import contextlib, io, json, sys
from bot.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
    main(sys.argv[1:])
deep = {"bot.runtime", "knowledge.questions"} & set(sys.modules)
loaded = sorted({name.split(".")[0] for name in sys.modules} | deep)
print(json.dumps({"out": out.getvalue(), "loaded": loaded}))
"""


def run_cli(*args: str) -> tuple[str, set[str]]:
    """What `seasonbot ARGS` printed, and the top-level modules it had imported by its end."""
    done = subprocess.run(
        [sys.executable, "-c", _REPORT, *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    report = json.loads(done.stdout.splitlines()[-1])
    return report["out"], set(report["loaded"])


def test_importing_the_cli_loads_nothing_heavy() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import bot.cli, sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    loaded = {name.split(".")[0] for name in done.stdout.split()}
    assert loaded.isdisjoint(HEAVY), loaded & set(HEAVY)
    assert not loaded & {"commands", "knowledge"}


@pytest.mark.parametrize("args", [["--help"], ["ask", "--help"], ["sync", "--help"]])
def test_help_is_printed_without_loading_the_bot(args: list[str]) -> None:
    out, loaded = run_cli(*args)
    assert "usage: seasonbot" in out
    assert loaded.isdisjoint(HEAVY), loaded & set(HEAVY)
    assert not loaded & {"commands", "knowledge"}


def test_checking_the_data_loads_no_discord() -> None:
    """`seasonbot check` (CI, the Docker build) validates files: no client, no renderer."""
    out, loaded = run_cli("check")
    assert "15 clubs, 26 matches, 58 goals" in out
    assert loaded.isdisjoint({"discord", "aiohttp", "PIL", "watchfiles", "babel"})


def test_a_text_answer_loads_no_discord_draws_no_picture_and_opens_no_gateway() -> None:
    """`/result` is text: discord.py and aiohttp (the console reads the declared commands, not
    a `CommandTree`), Pillow (the bracket renderer), the folder watcher and the gateway
    client's start-up are never imported for it."""
    out, loaded = run_cli("ask", "/result Necaxa UdeG")
    assert "UdeG beat Necaxa 2–1 on aggregate in the Apertura 2013 final" in out
    assert loaded.isdisjoint({"discord", "aiohttp", "PIL", "watchfiles"})
    # The gateway client's start-up (signals, heartbeat, hardening): `run` and `sync` only.
    assert "bot.runtime" not in loaded
    # The question reader and its vocabulary: for a question only.
    assert "knowledge.questions" not in loaded


def test_a_question_loads_the_question_reader() -> None:
    out, loaded = run_cli("ask", "who won the Clausura?")
    assert "🏆 Tecos won the Clausura 2014" in out
    assert "knowledge.questions" in loaded


def test_a_bracket_answer_still_draws_its_picture() -> None:
    """The other side of importing Pillow where it is used: it is imported when needed."""
    out, loaded = run_cli("ask", "--json", "/bracket Apertura")
    assert json.loads(out)["attachments"] == ["bracket.png"]
    assert "PIL" in loaded
