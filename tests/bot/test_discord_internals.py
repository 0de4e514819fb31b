"""The upgrade canary: what the bot takes of discord.py's internals is still there.

bot/discord_internals.py declares every private or undocumented part of discord.py the bot
uses; these tests check each against the installed discord.py, and name what a new version
removed or reshaped, before any other test (or a live bot) fails in a way that does not say
why. They also keep those uses in that one module.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
from discord import app_commands
from discord.http import Route
from discord.state import ConnectionState

from bot import discord_internals
from bot.discord_internals import missing_internals
from tests.bot.dispatch import TEST_INTERNALS

REPO = Path(__file__).resolve().parents[2]
INTERNAL_MODULES = ("discord.http", "discord.gateway", "discord.state", "discord.webhook")
"""discord.py's modules whose contents are undocumented: the HTTP client and its routes, the
gateway's websocket, the connection state, the webhook adapter."""


def test_every_internal_the_bot_uses_is_in_the_installed_discord_py() -> None:
    assert missing_internals() == [], (
        "discord.py no longer has what bot/discord_internals.py uses; see the reason given "
        "there for each, and the public API that may replace it now"
    )


def test_every_internal_the_tests_use_is_in_the_installed_discord_py() -> None:
    for owner, name, parameters in TEST_INTERNALS:
        assert hasattr(owner, name), f"{owner}.{name}"
        if parameters:
            found = inspect.signature(getattr(owner, name)).parameters
            assert set(parameters) <= set(found), f"{owner}.{name}{tuple(found)}"


def test_the_canary_names_an_attribute_an_upgrade_removed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(Route, "BASE")
    assert missing_internals() == ["Route.BASE"]


def test_the_canary_names_an_overridden_method_whose_signature_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def call(self: object, interaction: object, namespace: object) -> None: ...

    monkeypatch.setattr(app_commands.CommandTree, "_call", call)
    (missing,) = missing_internals()
    assert missing.startswith("CommandTree._call('self', 'interaction', 'namespace')")


def test_the_canary_names_an_instance_attribute_no_longer_assigned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    internals = (*discord_internals.INTERNALS, (ConnectionState, "_gone"))
    monkeypatch.setattr(discord_internals, "INTERNALS", internals)
    assert missing_internals() == ["ConnectionState._gone"]


def internal_uses(path: Path) -> list[str]:
    """Where a module imports one of discord.py's undocumented modules, or reaches into one
    as an attribute (`discord.http.Route`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            names = [f"{node.value.id}.{node.attr}"]
        found += [
            f"{path.relative_to(REPO)}:{getattr(node, 'lineno', 0)}: {name}"
            for name in names
            if name.startswith(INTERNAL_MODULES)
        ]
    return found


def test_only_one_module_of_the_bot_reaches_into_discord_py() -> None:
    """Ruff's SLF001 refuses a private name anywhere else; this refuses discord.py's
    undocumented modules (where `Route.BASE` and the websocket live) anywhere else."""
    modules = sorted((REPO / "bot").glob("*.py")) + sorted((REPO / "commands").rglob("*.py"))
    uses = [use for path in modules for use in internal_uses(path)]
    assert uses
    assert all(use.startswith("bot/discord_internals.py:") for use in uses), uses
