"""The console reads a line into the slash command's declared options and calls the same
handler the bot calls; every bad line is a clear ephemeral reply, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.console import Console, reply_text
from bot.moderation import Reloader
from commands.errors import (
    BadOptionValue,
    MissingOption,
    RepeatedOption,
    TooManyArguments,
    UnknownCommand,
    UnknownOption,
)
from tests.helpers import named_pipe, payload_text, seasonbot
from tests.reply_limits import violations


async def error_message(console: Console, line: str) -> str:
    """The error a line gets: an ephemeral reply within Discord's limits."""
    reply = await console.answer(line)
    assert reply.ephemeral
    assert violations(reply) == []
    return reply.embeds[0].description or ""


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


async def test_a_repeated_option_is_an_error_not_the_last_value(console: Console) -> None:
    for line in (
        "/result Necaxa UdeG tournament:Apertura tournament:Clausura",
        "/result club_a:Necaxa club_a:Tecos UdeG",
        "/result Necaxa UdeG club_a:Tecos",  # club_a given by position, then by name
        "/club club:Necaxa club:Tecos",
    ):
        with pytest.raises(RepeatedOption):
            console.parse(line)


async def test_an_unknown_named_option_is_an_error_not_a_value(console: Console) -> None:
    for line in ("/result Necaxa UdeG season:2013", "/club colour:red", "/relegation foo:bar"):
        with pytest.raises(UnknownOption):
            console.parse(line)
    # A colon after a number is not an option name: times and scores stay values.
    assert console.parse("/club 12:30")[1] == {"club": "12:30"}


async def test_a_slash_alone_shows_help(console: Console, console_es: Console) -> None:
    assert console.parse("/")[0].name == "help"
    assert console.parse("  /  ")[0].name == "help"
    reply = await console_es.answer("/")
    assert not reply.ephemeral
    assert "/resultado" in payload_text(reply)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/resutl Necaxa UdeG", "There is no command /resutl. Did you mean /result?"),
        ("/relgation", "Did you mean /relegation?"),
        ("/brackt Apertura", "Did you mean /bracket?"),
        ("/Stadium", "Did you mean /stadiums?"),
    ],
)
async def test_an_unknown_command_suggests_the_nearest(
    console: Console, line: str, expected: str
) -> None:
    assert expected in await error_message(console, line)


async def test_an_unknown_command_far_from_any_suggests_help_only(console: Console) -> None:
    message = await error_message(console, "/standings")
    assert message == "There is no command /standings. Try /help."


async def test_spanish_suggestions_use_spanish_names(console_es: Console) -> None:
    message = await error_message(console_es, "/resultdo Necaxa UdeG")
    assert message == "No existe el comando /resultdo. ¿Quisiste decir /resultado?"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/llave", "/llave necesita un torneo, como en `/llave Apertura`."),
        ("/bracket", "/llave necesita un torneo, como en `/llave Apertura`."),
        ("/resultado Necaxa", "/resultado necesita el segundo club, como en `/resultado Necaxa"),
        ("/estadios Jalisco", "/estadios recibe menos valores."),
        ("/llave torneo:Apertura torneo:Clausura", "/llave recibe la opción `torneo` dos veces."),
        ("/camino Tecos temporada:2013", "/camino no tiene la opción «temporada»"),
        ("/descenso club:UdeG club:Tecos", "/descenso recibe la opción `club` dos veces."),
    ],
)
async def test_spanish_errors_name_commands_and_options_as_the_reader_sees_them(
    console_es: Console, line: str, expected: str
) -> None:
    assert expected in await error_message(console_es, line)


async def test_the_spanish_console_accepts_spanish_and_english_names(console_es: Console) -> None:
    for line in ("/llave torneo:Apertura", "/bracket tournament:Apertura", "/llave Apertura"):
        command, options = console_es.parse(line)
        assert command.name == "bracket"
        assert options == {"tournament": "Apertura"}


async def test_an_option_shown_under_another_name_is_known_by_its_words(
    console_es: Console,
) -> None:
    """/scorers' `everyone` is `all` to Discord and `todos` in Spanish, never `everyone`."""
    for line in ("/goleadores todos:true", "/goleadores all:true", "/scorers todos:true"):
        command, options = console_es.parse(line)
        assert command.name == "scorers"
        assert options == {"everyone": True}
    assert "todos" in await error_message(console_es, "/goleadores ninguno:true")


async def test_a_line_that_was_not_utf8_gets_an_error_reply(console: Console) -> None:
    # What Python makes of invalid bytes on stdin or argv: lone surrogates.
    garbled = b"/club Nec\xe1xa".decode("utf-8", "surrogateescape")
    message = await error_message(console, garbled)
    assert "not valid UTF-8" in message
    message.encode("utf-8")  # nothing of the bad bytes is echoed


# --- answers ---------------------------------------------------------------------------------


async def test_the_console_gives_the_handler_reply(console: Console) -> None:
    reply = await console.answer("/result Necaxa UdeG")
    body = payload_text(reply)
    assert "UdeG 1–0 Necaxa" in body
    assert "Necaxa 1–1 UdeG" in body
    assert "UdeG won the tie: 2–1 on aggregate" in body
    assert not reply.ephemeral


async def test_spanish_console(console_es: Console) -> None:
    body = payload_text(await console_es.answer("/resultado Necaxa UdeG"))
    assert "27 de noviembre de 2013" in body
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
        ("/result Necaxa", "/result needs the second club, as in `/result Necaxa UdeG`."),
        ('/result "Necaxa', "A quote is not closed."),
        ("/standings", "There is no command /standings."),
    ],
)
async def test_bad_input_gets_a_clear_ephemeral_reply(
    console: Console, line: str, expected: str
) -> None:
    assert expected in await error_message(console, line)


async def test_never_met_is_an_answer_not_an_error(console: Console) -> None:
    reply = await console.answer("/result Altamira Necaxa")
    assert not reply.ephemeral
    assert "did not meet in the playoffs" in payload_text(reply)


async def test_plain_text_rendering_drops_markdown(console: Console) -> None:
    rendered = reply_text(await console.answer("/stadiums"))
    assert "Estadio Jalisco — 55,020" in rendered
    assert "**" not in rendered
    assert "```" not in rendered


# --- the command line --------------------------------------------------------------------------


def test_batch_mode_answers_every_line_in_order_as_jsonl() -> None:
    lines = ["/result Necaxa UdeG", "/club Chivas", "", "/stadiums", "/relegation"] * 40
    done = seasonbot("ask", "--json", "-", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    replies = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(replies) == len(lines)
    for line, reply in zip(lines, replies, strict=True):
        assert set(reply) >= {"content", "embeds", "ephemeral", "attachments"}
        if line == "/result Necaxa UdeG":
            assert "2–1" in payload_text(reply)  # its word joiners left out
        if line in ("/club Chivas", ""):
            assert reply["ephemeral"] is True
        if line == "/stadiums":
            assert "55,020" in json.dumps(reply, ensure_ascii=False)
        if line == "/relegation":
            assert "0.9524" in json.dumps(reply, ensure_ascii=False)


def test_ask_one_line_in_spanish() -> None:
    done = seasonbot("ask", "--locale", "es-419", "/campeones")
    assert done.returncode == 0, done.stderr
    assert "Clausura 2014: Tecos, tras vencer a UAT" in done.stdout
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


def test_no_arguments_and_no_token_opens_the_console_and_says_how_to_run_the_bot(
    tmp_path: Path,
) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SEASONBOT_STATE_DIR": str(tmp_path)}
    done = seasonbot(stdin="/stadiums\n", env=env)
    assert done.returncode == 0, done.stderr
    assert "local console" in done.stderr and "seasonbot run" in done.stderr
    assert "Estadio Jalisco — 55,020" in done.stdout


def test_ask_writes_the_reply_files_into_the_attachments_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    done = seasonbot("ask", "--json", "--attachments", str(out), "/bracket Apertura")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    # Discord's name for the file is unchanged; on disk it is named after what it shows.
    assert payload["attachments"] == ["bracket.png"]
    assert payload["embeds"][0]["image"] == {"url": "attachment://bracket.png"}
    picture = (out / "bracket-apertura-2013.png").read_bytes()
    assert picture.startswith(b"\x89PNG") and len(picture) < 1024 * 1024


def test_attachments_are_named_after_the_command_and_never_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "bracket-apertura-2013.png").write_bytes(b"mine, keep me")
    lines = [
        "/bracket Apertura",
        "/path Necaxa Clausura",
        "/llave Apertura",
        "/path Rayos Clausura",
    ]
    done = seasonbot("ask", "--attachments", str(out), "-", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    assert (out / "bracket-apertura-2013.png").read_bytes() == b"mine, keep me"
    assert sorted(path.name for path in out.iterdir()) == [
        "bracket-apertura-2013-2.png",
        "bracket-apertura-2013-3.png",
        "bracket-apertura-2013.png",
        "path-necaxa-clausura-2014-2.png",
        "path-necaxa-clausura-2014.png",
    ]
    assert all(
        p.read_bytes().startswith(b"\x89PNG")
        for p in out.glob("*-*-*.png")
        if p.stat().st_size > 20
    )


@pytest.mark.parametrize("problem", ["missing", "a file", "read-only"])
def test_an_unusable_attachments_folder_is_a_one_line_error(tmp_path: Path, problem: str) -> None:
    folder = tmp_path / "out"
    env = None
    if problem == "a file":
        folder.write_text("not a folder", encoding="utf-8")
    if problem == "read-only":
        folder.mkdir()
        folder.chmod(0o555)
        # root writes through file modes; a read-only mount stops everyone: /proc is one.
        folder = Path("/proc/self") if os.geteuid() == 0 else folder
    done = seasonbot("ask", "--attachments", str(folder), "/bracket Apertura", env=env)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stderr.startswith(f"seasonbot: --attachments {folder}: ")


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "SEASONBOT_STATE_DIR": str(tmp_path / "state"),
        **extra,
    }


@pytest.mark.parametrize("command", [("run",), ("sync",), ("invite",)])
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


def test_an_unknown_locale_is_an_error_listing_the_available_ones() -> None:
    for command in (("ask", "--locale", "fr", "/help"), ("console", "--locale", "fr")):
        done = seasonbot(*command)
        assert done.returncode == 2
        assert "fr" in done.stderr
        assert "en, es-419, es-ES" in done.stderr
        assert done.stdout == ""


@pytest.mark.parametrize("locale", ["en", "es", "es-ES", "es-419", "es-MX", "en-GB"])
def test_every_locale_with_a_catalog_is_accepted(locale: str) -> None:
    assert seasonbot("ask", "--locale", locale, "/stadiums").returncode == 0


def test_the_console_speaks_the_locale_it_was_given(tmp_path: Path) -> None:
    done = seasonbot(
        "console", "--locale", "es-419", stdin="/club Chivas\n", env=clean_env(tmp_path)
    )
    assert done.returncode == 0, done.stderr
    assert "Consola de la temporada" in done.stdout
    assert "/resultado, " in done.stdout and "/descenso" in done.stdout
    assert "/result," not in done.stdout
    assert "temporada> " in done.stdout
    assert "(solo tú puedes ver esto)" in done.stdout
    assert "only you" not in done.stdout


def test_invalid_utf8_on_stdin_gets_an_error_for_that_line_and_answers_the_others(
    tmp_path: Path,
) -> None:
    lines = [b"/club Necaxa", b"/club Nec\xe1xa \xff\xfe", b"/stadiums", b"\xc3"]
    for locale_env in ("C.UTF-8", "en_US.UTF-8", "C"):
        done = subprocess.run(
            [sys.executable, "-m", "bot", "ask", "--json", "-"],
            input=b"\n".join(lines) + b"\n",
            capture_output=True,
            timeout=120,
            env=clean_env(tmp_path, LC_ALL=locale_env),
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert b"Traceback" not in done.stderr
        replies = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
        assert len(replies) == 4
        assert "Estadio Victoria" in json.dumps(replies[0], ensure_ascii=False)
        assert "55,020" in json.dumps(replies[2], ensure_ascii=False)
        for bad in (replies[1], replies[3]):
            assert bad["ephemeral"] is True
            assert "not valid UTF-8" in bad["embeds"][0]["description"]


def test_output_is_valid_utf8_whatever_the_terminal_locale(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", b"/club \xff Ca\xc3\xb1eros"],
        capture_output=True,
        timeout=120,
        env=clean_env(tmp_path, LC_ALL="C", PYTHONIOENCODING="ascii"),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    text_ = done.stdout.decode("utf-8")
    assert "not valid UTF-8" in text_


class Terminal:
    """`seasonbot console` on a pseudo-terminal, as a person at a keyboard runs it: Ctrl-C
    reaches it as SIGINT from the terminal, and readline sees the arrow keys."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        import pty

        env = clean_env(tmp_path, TERM="xterm", LC_ALL="C.UTF-8")
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the console, with the pty as its controlling terminal
            os.execve(sys.executable, [sys.executable, "-m", "bot", "console", *args], env)
        self.seen = b""

    def read_until(self, wanted: str, count: int = 1, polls: int = 600) -> str:
        """The output so far, once `wanted` has appeared `count` times. `polls` (of 0.2 s at
        most) only guards against a hang: nothing here measures time."""
        import select

        for _ in range(polls):
            if self.seen.decode("utf-8", "replace").count(wanted) >= count:
                return self.seen.decode("utf-8", "replace")
            ready, _, _ = select.select([self.fd], [], [], 0.2)
            if ready:
                try:
                    self.seen += os.read(self.fd, 65536)
                except OSError:
                    break
        raise AssertionError(f"never saw {wanted!r} x{count} in:\n{self.seen.decode()}")

    def interrupt(self, prompts: int) -> None:
        """Ctrl-C, until the next prompt shows. CPython's readline only notices a signal that
        lands while it waits for a key, so a SIGINT arriving as it echoes the last one waits
        for the next: a person would press Ctrl-C again, and so do we."""
        for _ in range(20):
            self.type("\x03")
            try:
                self.read_until("season> ", prompts, polls=5)
                return
            except AssertionError:
                continue
        raise AssertionError(f"Ctrl-C never gave a new prompt:\n{self.seen.decode()}")

    def prompt(self, count: int) -> None:
        """Wait for the `count`th prompt, and for readline to take the terminal: keys typed
        before it switches the line discipline to raw mode may be flushed away."""
        import select
        import termios

        self.read_until("season> ", count)
        for _ in range(600):
            if not termios.tcgetattr(self.fd)[3] & termios.ICANON:
                return
            select.select([], [], [], 0.05)
        raise AssertionError("readline never took the terminal")

    def type(self, keys: str) -> None:
        os.write(self.fd, keys.encode("utf-8"))

    def exit_status(self) -> int:
        import contextlib

        with contextlib.suppress(OSError):
            while os.read(self.fd, 65536):
                pass
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status)


def test_ctrl_c_clears_the_line_arrows_recall_history_and_ctrl_d_exits(tmp_path: Path) -> None:
    terminal = Terminal(tmp_path)
    terminal.prompt(1)
    terminal.type("/club Nec")
    terminal.read_until("/club Nec")
    terminal.interrupt(prompts=2)  # Ctrl-C: the half-typed line is dropped, a new prompt comes
    terminal.prompt(2)
    terminal.type("/stadiums\r")
    terminal.read_until("Estadio Jalisco — 55,020")
    terminal.prompt(3)
    terminal.type("\x1b[A\r")  # up arrow: the last line again
    seen = terminal.read_until("Estadio Jalisco — 55,020", count=2)
    terminal.prompt(4)
    terminal.type("\x04")  # Ctrl-D on an empty line
    assert terminal.exit_status() == 0
    assert "Traceback" not in seen
    assert "KeyboardInterrupt" not in seen
    assert "== Necaxa ==" not in seen  # the line cut by Ctrl-C was never answered
    assert "Nec”" not in seen


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
    assert stale.ephemeral and "no longer redo" in payload_text(stale)


def test_ask_press_prints_the_click_as_json() -> None:
    done = seasonbot("ask", "--json", "--press", "sb1:view:scorers:everyone=1&page=3")
    assert done.returncode == 0, done.stderr
    reply = json.loads(done.stdout)
    (row,) = reply["components"]
    assert row["type"] == 1
    assert [
        (b["type"], b["label"], b["custom_id"], b.get("disabled", False)) for b in row["components"]
    ] == [
        (2, "◀ Previous", "sb1:view:scorers:everyone=1&page=2", False),
        (2, "Next ▶", "sb1:view:scorers:everyone=1&page=4", True),
    ]
    assert "Page 3 of 3" in json.dumps(reply, ensure_ascii=False)


async def test_the_console_shows_markdown_the_way_it_shows_bold(console: Console) -> None:
    """Discord draws `code` and _italics_ as it draws **bold**: the terminal drops every mark
    alike, rather than strip bold and print the rest raw."""
    scorers = reply_text(await console.answer("/scorers"))
    note = console.tr("scorers.playoffs_only")
    assert note in scorers.splitlines()  # an italic line, shown as plain text
    bracket = reply_text(await console.answer("/bracket Clausura"))
    for shown in (scorers, bracket):
        assert "`" not in shown and "**" not in shown
        assert not any(line.startswith("_") and line.endswith("_") for line in shown.splitlines())
    assert "/result Tecos UAT" in bracket  # the example, without its backticks


# --- local input that must not cost the machine: long lines, pipes, other files ----------------


async def test_a_line_over_the_limit_is_refused_before_it_is_read(
    console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading a line costs time that grows with the square of a word's length (an
    800,000-character /result line took 14 s): such a line is refused untokenised."""
    import shlex

    from bot import console_lines

    def tokenise(text: str) -> list[str]:
        raise AssertionError("the line was tokenised")

    monkeypatch.setattr(shlex, "split", tokenise)
    message = await error_message(console, "/result " + "x" * 800_000)
    assert f"longer than {console_lines.MAX_LINE_CHARS} characters" in message


async def test_a_line_at_the_limit_is_read(console: Console) -> None:
    from bot.console_lines import MAX_LINE_CHARS

    line = "/result Necaxa UdeG"
    reply = await console.answer(line + " " * (MAX_LINE_CHARS - len(line)))
    assert "2–1" in payload_text(reply)


def test_batch_lines_are_read_in_bounded_pieces() -> None:
    """A 5 MB line comes as just enough of it to be refused; the lines around it whole."""
    import io

    from bot.console import read_lines
    from bot.console_lines import MAX_LINE_CHARS

    huge = "/result " + "x" * 5_000_000
    at_limit = "x" * MAX_LINE_CHARS
    stream = io.StringIO(f"/stadiums\n{huge}\r\n/club Necaxa\r\n{at_limit}\r\n/help")
    assert list(read_lines(stream)) == [
        "/stadiums",
        huge[: MAX_LINE_CHARS + 1],
        "/club Necaxa",
        at_limit,
        "/help",
    ]


def test_batch_mode_refuses_a_long_line_and_answers_the_next() -> None:
    lines = ["/stadiums", "/result " + "x" * 800_000, "/stadiums"]
    done = seasonbot("ask", "--json", "-", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    replies = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(replies) == 3
    assert replies[1]["ephemeral"] is True
    assert "longer than 8192 characters" in replies[1]["embeds"][0]["description"]
    assert "55,020" in json.dumps(replies[2], ensure_ascii=False)


SHADOW_LIKE = (
    "root:$6$saltsalt$c2VjcmV0aGFzaA:19000:0:99999:7:::\n"
    "daemon:*:19000:0:99999:7:::\n"
    "alice:$6$pepper$YWxpY2Vfc2VjcmV0:19500:0:99999:7:::\n"
)
"""Lines shaped like /etc/shadow's: password hashes a refusal must not echo back."""


def test_batch_reload_needs_allow_reload_and_reads_nothing_without_it(
    tmp_path: Path, data_copy: Path
) -> None:
    secret = tmp_path / "shadow"
    secret.write_text(SHADOW_LIKE, encoding="utf-8")
    before = {path.name: path.read_bytes() for path in data_copy.iterdir()}
    done = seasonbot("ask", f"/reload file:{secret}", knowledge=data_copy)
    assert done.returncode == 0, done.stderr
    assert "/reload changes the bot's data" in done.stdout
    assert "--allow-reload" in done.stdout
    assert "$6$" not in done.stdout + done.stderr
    assert {path.name: path.read_bytes() for path in data_copy.iterdir()} == before


def test_a_refused_file_is_not_echoed_back_line_by_line(tmp_path: Path, data_copy: Path) -> None:
    """With --allow-reload, a file that is no season file is refused by its lines alone."""
    secret = tmp_path / "shadow"
    secret.write_text(SHADOW_LIKE, encoding="utf-8")
    done = seasonbot("ask", "--allow-reload", f"/reload file:{secret}", knowledge=data_copy)
    assert done.returncode == 0, done.stderr
    assert "Reload refused" in done.stdout
    for line in (1, 2, 3):
        assert f"upload.yaml:{line}: an unknown key (not repeated here" in done.stdout
    for secret_part in ("$6$", "c2VjcmV0aGFzaA", "daemon", "alice"):
        assert secret_part not in done.stdout + done.stderr


def test_batch_reload_with_the_flag_reloads(data_copy: Path) -> None:
    done = seasonbot("ask", "--allow-reload", "/reload", knowledge=data_copy)
    assert done.returncode == 0, done.stderr
    assert "Season data reloaded" in done.stdout


async def test_reload_file_refuses_a_named_pipe(reloader: Reloader, tmp_path: Path) -> None:
    """A FIFO would block the console until someone wrote to it: refused, never opened."""
    console = Console(reloader.store, "en", reloader)
    with named_pipe(tmp_path / "pipe.yaml") as pipe:
        message = await error_message(console, f"/reload file:{pipe}")
    assert "`file` takes the path of a file this machine can read" in message
