"""The command line as a newcomer meets it: what plain `seasonbot` does with a token in the
shell, `--version`, what each command's help says it reads, and `seasonbot invite`."""

from __future__ import annotations

import base64
import os
import re
import socket
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs, urlsplit

import discord
import pytest

from bot import discord_internals
from bot.cli import SETTINGS_READ
from bot.client import SeasonBot
from bot.runtime import sync_now
from bot.settings import _VARIABLES, Settings
from commands.translator import CatalogTranslator
from knowledge.store import KnowledgeStore, packaged_seasons
from tests.bot.test_startup import HEAVY, run_cli
from tests.helpers import seasonbot

REPO = Path(__file__).resolve().parents[2]
APPLICATION_ID = 1187000000004194304


def token_of(application_id: int) -> str:
    """A token shaped like Discord's: the id in base64 (unpadded), a timestamp, an HMAC."""
    first = base64.b64encode(str(application_id).encode()).decode().rstrip("=")
    return f"{first}.GhIjKl.fake-hmac-part_0123456789"


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A port standing in for Discord: whatever connects to it is left waiting there."""
    server = socket.create_server(("127.0.0.1", 0))
    server.setblocking(False)
    yield server
    server.close()


def nobody_connected(server: socket.socket) -> bool:
    try:
        connection, _ = server.accept()
    except BlockingIOError:
        return True
    connection.close()
    return False


def environment(tmp_path: Path, server: socket.socket, **settings: str) -> dict[str, str]:
    port = server.getsockname()[1]
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "PYTHONIOENCODING": "utf-8",
        "SEASONBOT_STATE_DIR": str(tmp_path / "state"),
        "DISCORD_API_BASE": f"http://127.0.0.1:{port}/api/v10",
        "DISCORD_GATEWAY_URL": f"ws://127.0.0.1:{port}/gateway",
        **settings,
    }


def test_plain_seasonbot_with_a_token_set_opens_the_console_and_calls_nobody(
    tmp_path: Path, listener: socket.socket
) -> None:
    """Some other bot's token left in the shell used to start this bot with it, replacing
    that application's global commands with ours."""
    env = environment(tmp_path, listener, DISCORD_TOKEN=token_of(APPLICATION_ID))
    done = seasonbot(stdin="/result Necaxa UdeG\n", env=env)
    assert done.returncode == 0, done.stderr
    assert "2–1 on aggregate" in done.stdout
    assert "seasonbot run" in done.stderr
    assert nobody_connected(listener)


def test_the_version_is_the_package_version() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    out, loaded = run_cli("--version")
    assert out.strip() == f"seasonbot {project['version']}"
    assert loaded.isdisjoint(HEAVY)


def test_every_setting_a_help_names_is_a_setting_and_run_names_them_all() -> None:
    named = {name for names in SETTINGS_READ.values() for name in names}
    assert named <= _VARIABLES, named - _VARIABLES
    assert set(SETTINGS_READ["run"]) == _VARIABLES - {"SEASONBOT_APPLICATION_ID"}


@pytest.mark.parametrize("command", sorted(SETTINGS_READ))
def test_each_command_s_help_names_its_settings_and_that_dotenv_is_not_read(
    command: str,
) -> None:
    out, _ = run_cli(command, "--help")
    flat = " ".join(out.split())
    for name in SETTINGS_READ[command]:
        assert name in flat, (command, name)
    assert ".env file is not read" in flat


def test_the_top_level_help_says_plain_seasonbot_is_the_console() -> None:
    out, _ = run_cli("--help")
    flat = " ".join(out.split())
    assert "Without a COMMAND: the local console" in flat
    assert ".env file is not read" in flat
    assert "invite" in flat and "--version" in flat


# --- invite ---------------------------------------------------------------------------------


def invite_parts(url: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}", parse_qs(parts.query)


def test_the_invite_asks_for_the_bot_and_its_commands_and_exactly_its_permissions(
    tmp_path: Path, listener: socket.socket
) -> None:
    env = environment(tmp_path, listener, DISCORD_TOKEN=token_of(APPLICATION_ID))
    done = seasonbot("invite", env=env)
    assert done.returncode == 0, done.stderr
    base, query = invite_parts(done.stdout.strip())
    assert base == "https://discord.com/oauth2/authorize"
    assert query["client_id"] == [str(APPLICATION_ID)]
    assert set(query["scope"][0].split()) == {"bot", "applications.commands"}
    # Worked out by discord.py's own flags, independently of bot/invite.py's bit values.
    needed = discord.Permissions(
        view_channel=True,
        send_messages=True,
        embed_links=True,
        attach_files=True,
        read_message_history=True,
    )
    assert query["permissions"] == [str(needed.value)] == ["117760"]
    assert nobody_connected(listener)


def test_the_invite_loads_no_network_client() -> None:
    out, loaded = run_cli("invite")  # the test runner's environment may hold no token
    del out
    assert loaded.isdisjoint({"discord", "aiohttp"}), loaded


def test_without_a_token_the_invite_takes_the_application_id_setting(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SEASONBOT_APPLICATION_ID": "42"}
    done = seasonbot("invite", env=env)
    assert done.returncode == 0, done.stderr
    assert invite_parts(done.stdout.strip())[1]["client_id"] == ["42"]


def test_an_invite_with_no_id_to_go_on_says_which_setting_gives_it(tmp_path: Path) -> None:
    done = seasonbot("invite", env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert done.returncode == 2
    assert "SEASONBOT_APPLICATION_ID" in done.stderr
    assert not done.stdout


def test_a_token_whose_first_part_is_no_id_is_refused_without_quoting_it(
    tmp_path: Path,
) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "DISCORD_TOKEN": "notbase64!.x.y"}
    done = seasonbot("invite", env=env)
    assert done.returncode == 2
    assert "SEASONBOT_APPLICATION_ID" in done.stderr
    assert "notbase64" not in done.stderr
    assert "Traceback" not in done.stderr


# --- sync --guild -----------------------------------------------------------------------------


async def test_sync_to_a_test_server_copies_every_command_there_and_clear_keeps_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`seasonbot sync --guild ID` pushed only that server's own commands: none at all for
    a test server that is no admin server, where the README sent testers."""
    settings = Settings(SEASONBOT_STATE_DIR=tmp_path, SEASONBOT_ADMIN_GUILDS="42")
    bot = SeasonBot(KnowledgeStore(packaged_seasons()), settings)
    await bot.tree.set_translator(CatalogTranslator())
    await bot.load_features()
    discord_internals.connection_state(bot).application_id = 1234
    pushed: dict[int | None, list[str]] = {}

    async def fake_sync(*, guild: discord.abc.Snowflake | None = None) -> list[Any]:
        names = sorted(command.name for command in bot.tree.get_commands(guild=guild))
        pushed[guild.id if guild else None] = names
        return [SimpleNamespace(name=name, id=index) for index, name in enumerate(names)]

    monkeypatch.setattr(bot.tree, "sync", fake_sync)
    public = sorted(command.name for command in bot.tree.get_commands())
    assert await sync_now(bot, 7) == len(public)
    assert pushed[7] == public
    assert await sync_now(bot, 42, copy=False) == 1
    assert pushed[42] == ["reload"]
    await bot.close()


def test_sync_clear_needs_a_server() -> None:
    done = seasonbot("sync", "--clear")
    assert done.returncode == 2
    assert re.search(r"--clear needs --guild", done.stderr)
