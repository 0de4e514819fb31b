"""The console reads a line into the slash command's declared options and calls the same
handler the bot calls; every bad line is a clear ephemeral reply, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.console import Console, reply_text
from commands.errors import BadOptionValue, MissingOption, TooManyArguments, UnknownCommand
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
    assert "UdeG won the tie: 2–1 on aggregate" in body
    assert not reply.ephemeral


async def test_spanish_console(console_es: Console) -> None:
    body = text(await console_es.answer("/resultado Necaxa UdeG"))
    assert "27 nov 2013" in body
    assert "UdeG ganó la serie: 2–1 en el global" in body


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/result Chivas UdeG", "“Chivas” (Liga MX) did not play in this league."),
        ("/result Necaxa Rayos", "Pick two different clubs."),
        ('/result "" UdeG', "Please name a club."),
        ('/result "   " UdeG', "Please name a club."),
        ("/result " + "x" * 300 + " UdeG", "too long to be a club name"),
        ("/club @everyone", "I don't know a club called “@\u200beveryone”"),
        ("/club **Chivas**", "“\\*\\*Chivas\\*\\*” (Liga MX) did not play in this league."),
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


# --- buttons and menus -----------------------------------------------------------------------


async def test_private_is_a_named_yes_or_no_that_leaves_the_text_option_whole(
    console: Console, console_es: Console
) -> None:
    assert console.parse("/club Leones Negros private:yes")[1] == {
        "club": "Leones Negros",
        "private": True,
    }
    assert console_es.parse("/club privado:sí Leones Negros")[1] == {
        "club": "Leones Negros",
        "private": True,
    }
    assert console.parse("/result Necaxa UdeG private:no")[1]["private"] is False
    with pytest.raises(BadOptionValue):
        console.parse("/club Necaxa private:maybe")


async def test_components_show_under_the_answer_with_what_presses_them(
    console: Console,
) -> None:
    shown = reply_text(await console.answer("/club Nexaca")).splitlines()
    assert "[Necaxa] [Oaxaca]" in shown
    assert "  !press sb1:go:club:club=necaxa  (Necaxa)" in shown
    menu = reply_text(await console.answer("/bracket Apertura")).splitlines()
    assert "[▾ *Apertura 2013* | Clausura 2014 | Campeón de Ascenso 2014]" in menu


async def test_press_runs_what_a_click_runs(console: Console, console_es: Console) -> None:
    necaxa = await console.answer("!press sb1:go:club:club=necaxa")
    assert necaxa.embeds[0].title == "Necaxa" and not necaxa.ephemeral
    clausura = await console.answer("!press sb1:view:bracket: tournament=clausura-2014")
    assert "Clausura 2014" in (clausura.embeds[0].title or "")
    shared = await console_es.press("sb1:share:club:club=udeg")
    assert shared.content == "Compartido por ti"
    stale = await console.answer("!press sb1:go:club:colour=red")
    assert stale.ephemeral and "no longer redo" in text(stale)


def test_ask_press_prints_the_click_as_json() -> None:
    done = seasonbot("ask", "--json", "--press", "sb1:view:scorers:page=3")
    assert done.returncode == 0, done.stderr
    reply = json.loads(done.stdout)
    (row,) = reply["components"]
    assert row["type"] == 1
    assert [
        (b["type"], b["label"], b["custom_id"], b.get("disabled", False)) for b in row["components"]
    ] == [
        (2, "◀ Previous", "sb1:view:scorers:page=2", False),
        (2, "Next ▶", "sb1:view:scorers:page=4", True),
    ]
    assert "Page 3 of 3" in json.dumps(reply, ensure_ascii=False)
