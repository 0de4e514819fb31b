"""Settings, command sync by hash, health, logs and the Spanish command names."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import discord
import pytest

from bot import sync
from bot.client import SeasonBot
from bot.discord_internals import connection_state
from bot.health import beat, check_health, heartbeat_file
from bot.logs import JsonFormatter, TextFormatter
from bot.runtime import configure_endpoints
from bot.settings import DEFAULT_API_BASE, MAX_TOKEN_FILE_BYTES, Settings
from commands import declared_commands
from commands.help import command_line, forget_command_ids
from commands.i18n import catalog, translator
from commands.translator import CatalogTranslator
from knowledge.store import KnowledgeStore, packaged_seasons
from tests.helpers import placeholders, seasonbot

# --- settings -------------------------------------------------------------------------------


def test_lists_of_ids_and_the_token_file(tmp_path: Path) -> None:
    secret = tmp_path / "token"
    secret.write_text("abc.def\n", encoding="utf-8")
    settings = Settings(
        SEASONBOT_ADMIN_GUILDS="1, 2 3",
        SEASONBOT_MODERATOR_ROLES="",
        DISCORD_TOKEN_FILE=secret,
        SEASONBOT_LOG_LEVEL="debug",
    )
    assert settings.admin_guilds == (1, 2, 3)
    assert settings.moderator_roles == ()
    assert settings.log_level == "DEBUG"
    token = settings.token()
    assert token is not None and token.get_secret_value() == "abc.def"


def test_deadline_and_shutdown_settings() -> None:
    settings = Settings(
        SEASONBOT_SHUTDOWN_GRACE="25", SEASONBOT_DEFER_AFTER="1.5", SEASONBOT_MAX_IN_FLIGHT="8"
    )
    assert (settings.shutdown_grace, settings.defer_after, settings.max_in_flight) == (25, 1.5, 8)
    with pytest.raises(ValueError, match="SEASONBOT_DEFER_AFTER"):
        Settings(SEASONBOT_DEFER_AFTER="3")  # deferring at Discord's 3 s is too late
    with pytest.raises(ValueError, match="SEASONBOT_MAX_IN_FLIGHT"):
        Settings(SEASONBOT_MAX_IN_FLIGHT="0")  # no slot would answer nobody


def test_settings_are_read_from_our_variables_in_the_environment_alone() -> None:
    settings = Settings.from_environment(
        {
            "SEASONBOT_ADMIN_GUILDS": "42",
            "seasonbot_log_level": "warning",  # any case, as pydantic-settings read them
            "SEASONBOT_KNOWLEDGE": "/srv/seasons",
            "HOME": "/root",
            "SEASONBOT_NO_SUCH_THING": "x",
        }
    )
    assert settings.admin_guilds == (42,)
    assert settings.log_level == "WARNING"
    assert settings.knowledge == Path("/srv/seasons")
    assert settings.max_in_flight == 32  # the default
    with pytest.raises(ValueError, match="SEASONBOT_SHARD_COUNT"):
        Settings.from_environment({"SEASONBOT_SHARD_COUNT": "zero"})


BAD_SETTINGS = [
    ({"SEASONBOT_SHARD_COUNT": "2", "SEASONBOT_SHARD_IDS": "-1"}, "SEASONBOT_SHARD_IDS"),
    ({"SEASONBOT_ADMIN_GUILDS": "-1187000000004194304"}, "SEASONBOT_ADMIN_GUILDS"),
    ({"SEASONBOT_MODERATOR_ROLES": "0"}, "SEASONBOT_MODERATOR_ROLES"),
    ({"SEASONBOT_SHUTDOWN_GRACE": "inf"}, "SEASONBOT_SHUTDOWN_GRACE"),
    ({"SEASONBOT_SHUTDOWN_GRACE": "nan"}, "SEASONBOT_SHUTDOWN_GRACE"),
    ({"DISCORD_TOKEN": "fake.token\r\nX-Injected: 1"}, "DISCORD_TOKEN"),
    ({"DISCORD_TOKEN": "fake.token pasted twice"}, "DISCORD_TOKEN"),
    ({"DISCORD_TOKEN": "fake\x1b.token"}, "DISCORD_TOKEN"),
]


@pytest.mark.parametrize(("setting", "name"), BAD_SETTINGS, ids=[str(s) for s, _ in BAD_SETTINGS])
def test_a_bad_setting_is_refused_by_name_with_exit_2(
    tmp_path: Path, setting: dict[str, str], name: str
) -> None:
    """Each used to be accepted (a shard or guild id that matches nothing, a shutdown that
    waits for ever) or to crash with a traceback (a line break in the token's header)."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "SEASONBOT_STATE_DIR": str(tmp_path / "state"),
        "DISCORD_TOKEN": "fake.token",
        "DISCORD_API_BASE": "http://127.0.0.1:9/api/v10",  # never Discord, if it ran
        "DISCORD_GATEWAY_URL": "ws://127.0.0.1:9/gateway",
        **setting,
    }
    done = seasonbot("run", env=env)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"seasonbot: bad setting {name}: "), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "fake" not in done.stderr, "the token must never be echoed"


def _bounded_memory() -> None:
    """An unbounded read of /dev/zero fails here, not on the machine."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.mark.parametrize("kind", ["/dev/zero", "fifo", "huge"])
def test_a_token_file_that_is_no_file_is_refused_without_reading_it(
    tmp_path: Path, kind: str
) -> None:
    """DISCORD_TOKEN_FILE pointing at /dev/zero read until memory ran out; at a FIFO with no
    writer, the start hung for ever. Only a regular file is read, and only so far."""
    if kind == "/dev/zero":
        path = Path("/dev/zero")
    elif kind == "fifo":
        path = tmp_path / "fifo"
        os.mkfifo(path)
    else:
        path = tmp_path / "huge"
        with path.open("wb") as handle:
            handle.truncate(8 << 30)  # sparse: 8 GiB that take no room on disk
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "SEASONBOT_STATE_DIR": str(tmp_path / "state"),
        "DISCORD_TOKEN_FILE": str(path),
        "DISCORD_API_BASE": "http://127.0.0.1:9/api/v10",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=_bounded_memory,
    )
    reason = {
        "/dev/zero": "not a regular file but a character device",
        "fifo": "not a regular file but a named pipe (FIFO)",
        "huge": f"larger than {MAX_TOKEN_FILE_BYTES} bytes; not a token",
    }[kind]
    assert done.returncode == 2, done.stderr[-2000:]
    assert done.stderr == f"seasonbot: bad setting DISCORD_TOKEN_FILE: {path}: {reason}\n"


def test_the_token_never_shows_in_reprs_or_logs() -> None:
    settings = Settings(DISCORD_TOKEN="super-secret-token")
    assert "super-secret-token" not in repr(settings)
    assert "super-secret-token" not in str(settings.model_dump())


def test_endpoints_are_set_in_one_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(discord.http.Route, "BASE", DEFAULT_API_BASE)
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket,
        "DEFAULT_GATEWAY",
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY,
    )
    configure_endpoints(
        Settings(
            DISCORD_API_BASE="http://127.0.0.1:9/api/v10/",
            DISCORD_GATEWAY_URL="ws://127.0.0.1:9/gw",
        )
    )
    assert discord.http.Route.BASE == "http://127.0.0.1:9/api/v10"
    assert str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY) == "ws://127.0.0.1:9/gw"


# --- sync -----------------------------------------------------------------------------------


async def test_sync_happens_only_when_definitions_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(SEASONBOT_STATE_DIR=tmp_path, SEASONBOT_ADMIN_GUILDS="42")
    bot = SeasonBot(KnowledgeStore(packaged_seasons()), settings)
    await bot.tree.set_translator(CatalogTranslator())
    await bot.load_features()
    connection_state(bot).application_id = 1234
    synced: list[Any] = []

    async def fake_sync(*, guild: discord.abc.Snowflake | None = None) -> list[Any]:
        synced.append(guild.id if guild else None)
        return (
            [SimpleNamespace(name="reload", id=77)]
            if guild
            else [SimpleNamespace(name="result", id=55)]
        )

    forget_command_ids()
    monkeypatch.setattr(bot.tree, "sync", fake_sync)
    assert await sync.sync_if_changed(bot) == ["global", "42"]
    assert synced == [None, 42]
    # /help mentions the commands by the ids the sync returned...
    declared = {command.name: command for command in declared_commands()}
    assert command_line(translator("en"), declared["result"]).startswith("</result:55> ")
    forget_command_ids()
    assert await sync.sync_if_changed(bot) == []  # the same definitions: no sync
    assert synced == [None, 42]
    # ...and a start without a sync still knows them, from the saved state.
    assert command_line(translator("en"), declared["reload"]).startswith("</reload:77>")
    forget_command_ids()
    state = json.loads((tmp_path / "commands-1234.json").read_text(encoding="utf-8"))
    assert set(state) == {"global", "42", "ids:global", "ids:42"}

    # A changed description (say, a catalog edit) changes the hash of that scope only.
    command = bot.tree.get_command("stadiums")
    assert command is not None
    command.description = "Every stadium, largest first"
    assert await sync.sync_if_changed(bot) == ["global"]
    await bot.close()


async def test_an_admin_guild_discord_refuses_is_skipped_with_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """403 Missing Access on one admin guild (the bot is not in it) used to end the start,
    and with it the public commands: the other scopes are synced, the guild named, skipped."""
    settings = Settings(SEASONBOT_STATE_DIR=tmp_path, SEASONBOT_ADMIN_GUILDS="42 43")
    bot = SeasonBot(KnowledgeStore(packaged_seasons()), settings)
    await bot.tree.set_translator(CatalogTranslator())
    await bot.load_features()
    connection_state(bot).application_id = 1234
    synced: list[int | None] = []

    async def fake_sync(*, guild: discord.abc.Snowflake | None = None) -> list[Any]:
        if guild is not None and guild.id == 42:
            response = SimpleNamespace(status=403, reason="Forbidden")
            raise discord.Forbidden(response, {"message": "Missing Access", "code": 50001})
        synced.append(guild.id if guild else None)
        return []

    monkeypatch.setattr(bot.tree, "sync", fake_sync)
    assert await sync.sync_if_changed(bot) == ["global", "43"]
    assert synced == [None, 43]
    (warning,) = [r for r in caplog.records if r.levelname == "WARNING"]
    assert "admin guild 42" in warning.getMessage() and "50001" in warning.getMessage()
    # Not remembered as synced: the next start tries that guild again.
    state = json.loads((tmp_path / "commands-1234.json").read_text(encoding="utf-8"))
    assert "42" not in state
    await bot.close()


async def test_synced_definitions_carry_spanish_names(tmp_path: Path) -> None:
    bot = SeasonBot(KnowledgeStore(packaged_seasons()), Settings(SEASONBOT_STATE_DIR=tmp_path))
    await bot.tree.set_translator(CatalogTranslator())
    await bot.load_features()
    payloads = await sync.definitions(bot, None)
    by_name = {payload["name"]: payload for payload in payloads}
    result = by_name["result"]
    assert result["name_localizations"]["es-ES"] == "resultado"
    assert result["name_localizations"]["es-419"] == "resultado"
    options = {option["name"]: option for option in result["options"]}
    assert options["tournament"]["name_localizations"]["es-419"] == "torneo"
    # Every public command may answer privately: `private`, `privado` in Spanish.
    assert len(payloads) == 11
    for payload in payloads:
        private = {option["name"]: option for option in payload.get("options", [])}["private"]
        assert (private["type"], private.get("required", False)) == (5, False), payload["name"]
        assert private["name_localizations"] == {"es-ES": "privado", "es-419": "privado"}
    for payload in payloads:
        for locale in ("es-ES", "es-419"):
            name = payload["name_localizations"][locale]
            assert name == name.lower() and 1 <= len(name) <= 32 and " " not in name
            assert 1 <= len(payload["description_localizations"][locale]) <= 100
        for option in payload.get("options", []):
            assert set(option.get("name_localizations", {})) == {"es-ES", "es-419"}
            assert set(option.get("description_localizations", {})) == {"es-ES", "es-419"}
    await bot.close()


# --- health and logs --------------------------------------------------------------------------


def test_health_reads_the_heartbeat(tmp_path: Path) -> None:
    path = heartbeat_file(tmp_path)
    assert check_health(tmp_path) == (False, f"no heartbeat in {path.parent}")
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"time": time.time(), "ready": True, "guilds": 3, "digest": "abc"}))
    healthy, why = check_health(tmp_path)
    assert healthy and "3 servers" in why
    assert not check_health(tmp_path, now=time.time() + 600)[0]
    path.write_text(json.dumps({"time": time.time(), "ready": False}))
    assert check_health(tmp_path) == (False, "not connected to Discord")


def write_heartbeat(state_dir: Path, shards: tuple[int, ...], **state: Any) -> Path:
    path = heartbeat_file(state_dir, shards)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"time": time.time(), "ready": True, "guilds": 1, "digest": "abc", **state})
    )
    return path


def test_health_fails_when_any_process_of_the_host_is_stale_or_gone(tmp_path: Path) -> None:
    """Two shard processes in one container: each has its own heartbeat, and one of them
    stale (hung) or left by a process that is gone (killed) is the bot partly down."""
    assert heartbeat_file(tmp_path, (0,)) != heartbeat_file(tmp_path, (1,))
    write_heartbeat(tmp_path, (0,), pid=os.getpid())
    write_heartbeat(tmp_path, (1,), pid=os.getpid())
    healthy, why = check_health(tmp_path)
    assert healthy, why
    assert why.splitlines()[0].startswith("shards-0: connected, 1 servers")

    write_heartbeat(tmp_path, (1,), pid=os.getpid(), time=time.time() - 600)
    healthy, why = check_health(tmp_path)
    assert not healthy
    assert "shards-1: heartbeat is 600 s old" in why
    assert "shards-0: connected" in why

    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    write_heartbeat(tmp_path, (1,), pid=finished.pid)
    healthy, why = check_health(tmp_path)
    assert not healthy
    assert f"shards-1: process {finished.pid} is not running" in why


def test_health_says_connected_as_soon_as_the_bot_is_ready(tmp_path: Path) -> None:
    """The heartbeat is written again the moment the bot is ready, not an interval later
    (15 s: a health check, and an orchestrator's traffic, waited that long)."""

    async def scenario() -> str:
        ready = asyncio.Event()
        bot = SimpleNamespace(
            is_ready=ready.is_set,
            is_closed=lambda: False,
            wait_until_ready=ready.wait,
            latency=float("nan"),
            guilds=[1, 2],
            knowledge=SimpleNamespace(digest="0123456789abcdef"),
            flow=SimpleNamespace(summary=dict),
        )
        path = heartbeat_file(tmp_path)
        heart = asyncio.create_task(beat(bot, path, interval=3600))  # type: ignore[arg-type]
        try:
            while not path.exists():
                await asyncio.sleep(0.01)
            assert check_health(tmp_path) == (False, "not connected to Discord")
            ready.set()
            for _ in range(500):
                healthy, why = check_health(tmp_path)
                if healthy:
                    return why
                await asyncio.sleep(0.01)
            return why
        finally:
            heart.cancel()

    assert asyncio.run(scenario()).startswith("connected, 2 servers, data 0123456789ab")


@pytest.mark.parametrize(
    ("latency", "line"),
    [
        ((12.5, 1900.0), "2 expired, 1 failed; first response p50 12.5 ms, p99 1900.0 ms"),
        ((None, None), "2 expired, 1 failed; first response: no traffic yet"),
    ],
    ids=["traffic", "before-any-traffic"],
)
def test_health_reports_the_interaction_counters(
    tmp_path: Path, latency: tuple[float | None, float | None], line: str
) -> None:
    """The counters, and before any interaction no "p50 None ms"."""
    p50, p99 = latency
    counters: dict[str, float | None] = {"answered": 120, "deferred": 14, "expired": 2}
    counters |= {"failed": 1, "first_response_p50_ms": p50, "first_response_p99_ms": p99}
    write_heartbeat(tmp_path, (), interactions=counters)
    healthy, why = check_health(tmp_path)
    assert healthy
    assert why.splitlines()[1] == f"interactions: 120 answered, 14 deferred, {line}"
    assert "None" not in why


def test_the_default_state_folder_does_not_depend_on_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`seasonbot health` must find what `seasonbot run` wrote, wherever each was started."""
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    here = Settings().state_dir
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert Settings().state_dir == here == tmp_path / "home" / ".local" / "state" / "seasonbot"
    assert here.is_absolute()
    environment = {"XDG_STATE_HOME": str(tmp_path / "xdg"), "HOME": "/nowhere"}
    assert Settings.from_environment(environment).state_dir == tmp_path / "xdg" / "seasonbot"
    # The XDG spec: a relative XDG_STATE_HOME is ignored.
    relative = {"XDG_STATE_HOME": "state", "HOME": str(tmp_path / "home")}
    assert Settings.from_environment(relative).state_dir == here
    explicit = {"SEASONBOT_STATE_DIR": "/srv/seasonbot", "XDG_STATE_HOME": "/x"}
    assert Settings.from_environment(explicit).state_dir == Path("/srv/seasonbot")


def test_log_lines_carry_the_interaction_fields() -> None:
    record = logging.makeLogRecord(
        {
            "name": "seasonbot",
            "levelname": "INFO",
            "levelno": 20,
            "msg": "answered",
            "interaction_id": 7,
            "command": "result",
            "latency_ms": 1.5,
        }
    )
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "answered"
    assert (entry["interaction_id"], entry["command"], entry["latency_ms"]) == (7, "result", 1.5)
    text = TextFormatter().format(record)
    assert "interaction_id=7 command=result latency_ms=1.5" in text


def test_control_characters_in_logged_fields_cannot_forge_log_lines() -> None:
    """A club name, a question or a file name is a fan's text: logged, its line breaks (and
    U+2028, NEL, terminal escapes) must not start a line of their own that reads like ours."""
    forged = "Necaxa\n2014-05-10T00:00:00 ERROR   seasonbot forged\r\x1b[2K\u2028x\x85y"
    record = logging.makeLogRecord(
        {
            "name": "seasonbot",
            "levelname": "INFO",
            "levelno": 20,
            "msg": "no club called %s (%r), %d tries",
            "args": (forged, forged, 3),
            "command": forged,
            "file": Path(forged),
            "latency_ms": 1.5,
        }
    )
    text = TextFormatter().format(record)
    assert len(text.splitlines()) == 1, text
    assert "\x1b" not in text and "\r" not in text
    assert "no club called Necaxa\\n2014-05-10T00:00:00 ERROR" in text
    assert "command=Necaxa\\n2014" in text and "latency_ms=1.5" in text
    assert ", 3 tries" in text
    line = JsonFormatter().format(record)
    assert len(line.splitlines()) == 1, line
    entry = json.loads(line)
    assert "\n" not in entry["message"] and "\u2028" not in entry["message"]
    assert entry["message"].startswith("no club called Necaxa\\n2014-05-10")
    assert "\n" not in entry["command"] and "\x85" not in entry["file"]
    assert entry["latency_ms"] == 1.5


# --- catalogs -------------------------------------------------------------------------------


def test_every_english_string_has_a_spanish_translation() -> None:
    english, spanish = catalog("en"), catalog("es")
    missing = sorted(set(english) - set(spanish))
    assert missing == []
    assert sorted(set(spanish) - set(english)) == []
    for key, template in english.items():
        assert placeholders(template) == placeholders(spanish[key]), key
