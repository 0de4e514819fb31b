"""The console reads a line into the slash command's declared options and calls the same
handler the bot calls; every bad line is a clear ephemeral reply, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.console import Console, reply_text
from commands.errors import MissingOption, TooManyArguments, UnknownCommand
from commands.limits import violations
from commands.reply import Reply


def text(reply: Reply) -> str:
    return json.dumps(reply.to_payload(), ensure_ascii=False)


# --- parsing ---------------------------------------------------------------------------------


async def test_positional_values_fill_options_in_declared_order(console: Console) -> None:
    command, options = console.parse('/result Necaxa "U de G" Apertura')
    assert command.name == "result"
    assert options == {"club_a": "Necaxa", "club_b": "U de G", "tournament": "Apertura"}


async def test_named_values_may_come_in_any_order(console: Console) -> None:
    _, options = console.parse('/result tournament:"Clausura 2014" club_b:Tecos club_a:Dorados')
    assert options == {"club_a": "Dorados", "club_b": "Tecos", "tournament": "Clausura 2014"}


async def test_a_single_text_option_takes_the_rest_of_the_line(console: Console) -> None:
    assert console.parse("/club Leones Negros")[1] == {"club": "Leones Negros"}
    assert console.parse("/club club:Leones Negros")[1] == {"club": "Leones Negros"}
    assert console.parse('/club "Leones Negros"')[1] == {"club": "Leones Negros"}
    assert console.parse("/relegation")[1] == {}


async def test_named_and_positional_mix(console: Console) -> None:
    _, options = console.parse("/scorers club:Necaxa Apertura")
    assert options == {"club": "Necaxa", "tournament": "Apertura"}


async def test_spanish_command_and_option_names(console: Console) -> None:
    command, options = console.parse("/resultado Necaxa UdeG torneo:Apertura")
    assert command.name == "result"
    assert options["tournament"] == "Apertura"


async def test_missing_and_extra_values_are_usage_errors(console: Console) -> None:
    with pytest.raises(MissingOption):
        console.parse("/result Necaxa")
    with pytest.raises(TooManyArguments):
        console.parse("/stadiums Jalisco")
    with pytest.raises(UnknownCommand):
        console.parse("/standings")


# --- answers ---------------------------------------------------------------------------------


async def test_the_console_gives_the_handler_reply(console: Console) -> None:
    reply = await console.answer("/result Necaxa UdeG")
    body = text(reply)
    assert "UdeG 1–0 Necaxa" in body
    assert "Necaxa 1–1 UdeG" in body
    assert "UdeG win 2–1 on aggregate" in body
    assert not reply.ephemeral


async def test_spanish_console(console_es: Console) -> None:
    body = text(await console_es.answer("/resultado Necaxa UdeG"))
    assert "27 nov 2013" in body
    assert "UdeG gana 2–1 en el global" in body


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/result Chivas UdeG", "I don't know a club called “Chivas”"),
        ("/result Necaxa Rayos", "Pick two different clubs."),
        ('/result "" UdeG', "Please name a club."),
        ('/result "   " UdeG', "Please name a club."),
        ("/result " + "x" * 300 + " UdeG", "too long to be a club name"),
        ("/club @everyone", "I don't know a club called “@\u200beveryone”"),
        ("/club **Chivas**", "I don't know a club called “\\*\\*Chivas\\*\\*”"),
        ("/bracket Liga MX", "I don't know a tournament called “Liga MX”"),
        ('/path Tecos tournament:"Apertura 2015"', "I don't know a tournament"),
        ("/path Tecos tournament:Apertura 2015", "/path takes fewer values than that."),
        (
            "/club Irapuato",
            "“Irapuato” is a former name: that club played this season as **Zacatepec**",
        ),
        ("/result Necaxa", "/result needs the option `club_b`."),
        ('/result "Necaxa', "A quote is not closed."),
        ("/standings", "There is no command /standings."),
    ],
)
async def test_bad_input_gets_a_clear_ephemeral_reply(
    console: Console, line: str, expected: str
) -> None:
    reply = await console.answer(line)
    assert reply.ephemeral
    assert violations(reply) == []
    assert expected in (reply.embeds[0].description or "")


async def test_never_met_is_an_answer_not_an_error(console: Console) -> None:
    reply = await console.answer("/result Altamira Necaxa")
    assert not reply.ephemeral
    assert "did not meet in the playoffs" in text(reply)


async def test_plain_text_rendering_drops_markdown(console: Console) -> None:
    rendered = reply_text(await console.answer("/stadiums"))
    assert "Estadio Jalisco — 55,020" in rendered
    assert "**" not in rendered
    assert "```" not in rendered


# --- the command line --------------------------------------------------------------------------


def seasonbot(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_batch_mode_answers_every_line_in_order_as_jsonl() -> None:
    lines = ["/result Necaxa UdeG", "/club Chivas", "", "/stadiums", "/relegation"] * 40
    done = seasonbot("ask", "--json", "-", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    replies = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(replies) == len(lines)
    for line, reply in zip(lines, replies, strict=True):
        assert set(reply) >= {"content", "embeds", "ephemeral", "attachments"}
        if line == "/result Necaxa UdeG":
            assert "2–1" in json.dumps(reply, ensure_ascii=False)
        if line in ("/club Chivas", ""):
            assert reply["ephemeral"] is True
        if line == "/stadiums":
            assert "55,020" in json.dumps(reply, ensure_ascii=False)
        if line == "/relegation":
            assert "0.9524" in json.dumps(reply, ensure_ascii=False)


def test_ask_one_line_in_spanish() -> None:
    done = seasonbot("ask", "--locale", "es-419", "/campeones")
    assert done.returncode == 0, done.stderr
    assert "Estudiantes Tecos" in done.stdout
    assert "penales" in done.stdout


def test_check_passes_on_the_packaged_data() -> None:
    done = seasonbot("check")
    assert done.returncode == 0
    assert "15 clubs, 26 matches, 58 goals" in done.stdout


def test_check_fails_with_path_line_messages(tmp_path: Path) -> None:
    from knowledge.store import packaged_seasons

    text_ = (packaged_seasons() / "2013-14.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text_.replace("capacity: 55020", "capacity: -5"), encoding="utf-8")
    line = next(n for n, row in enumerate(bad.read_text().splitlines(), 1) if "capacity: -5" in row)
    done = seasonbot("check", str(bad))
    assert done.returncode == 1
    assert f"{bad}:{line}: " in done.stderr
    assert "greater than 0" in done.stderr


def test_run_without_a_token_exits_2_naming_the_variable(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SEASONBOT_STATE_DIR": str(tmp_path)}
    done = seasonbot("run", env=env)
    assert done.returncode == 2
    assert "DISCORD_TOKEN" in done.stderr


def test_no_arguments_and_no_token_opens_the_console_and_says_why(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SEASONBOT_STATE_DIR": str(tmp_path)}
    done = seasonbot(stdin="/stadiums\n", env=env)
    assert done.returncode == 0, done.stderr
    assert "No DISCORD_TOKEN is set" in done.stderr
    assert "Estadio Jalisco — 55,020" in done.stdout


def test_ask_writes_the_reply_files_into_the_attachments_folder(tmp_path: Path) -> None:
    done = seasonbot("ask", "--json", "--attachments", str(tmp_path / "out"), "/bracket Apertura")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["attachments"] == ["bracket.png"]
    assert payload["embeds"][0]["image"] == {"url": "attachment://bracket.png"}
    picture = (tmp_path / "out" / "bracket.png").read_bytes()
    assert picture.startswith(b"\x89PNG") and len(picture) < 1024 * 1024


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "SEASONBOT_STATE_DIR": str(tmp_path / "state"),
        **extra,
    }


@pytest.mark.parametrize("command", [(), ("run",), ("sync",)])
def test_a_missing_token_file_is_named_not_called_no_token(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    secret = tmp_path / "secrets" / "discord_token"
    done = seasonbot(*command, env=clean_env(tmp_path, DISCORD_TOKEN_FILE=str(secret)))
    assert done.returncode == 2
    assert str(secret) in done.stderr
    assert "no bot token" not in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_an_unreadable_token_file_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"  # a folder where a file should be: unreadable as a token
    folder.mkdir()
    done = seasonbot("run", env=clean_env(tmp_path, DISCORD_TOKEN_FILE=str(folder)))
    assert done.returncode == 2
    assert str(folder) in done.stderr
    assert "no bot token" not in done.stderr
