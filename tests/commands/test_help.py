"""/help through its handler: every command, a line on what it does, an example to copy."""

from __future__ import annotations

import importlib

import pytest
from discord import app_commands

from commands import FEATURES
from commands.context import Context
from commands.help import COMMANDS, help
from commands.i18n import catalog
from commands.limits import violations
from commands.reply import Embed, Reply


def only_embed(reply: Reply) -> Embed:
    assert len(reply.embeds) == 1
    return reply.embeds[0]


def examples(embed: Embed) -> list[str]:
    """The example of each field, without its label and backticks."""
    found = []
    for field in embed.fields:
        last = field.value.splitlines()[-1]
        found.append(last.split("`")[1])
    return found


async def test_every_command_with_an_example(ctx: Context) -> None:
    reply = await help(ctx)
    embed = only_embed(reply)
    assert embed.title == "⚽ Commands"
    assert "**2013–14 Ascenso MX**" in (embed.description or "")
    assert examples(embed) == [
        "/result Necaxa UdeG",
        "/bracket Apertura",
        "/path Tecos",
        "/relegation",
        "/club Leones Negros",
        "/stadiums",
        "/champions",
        "/scorers",
        "/season",
        "/ask who won the Clausura?",
        "/help",
        "/reload",
    ]
    assert violations(reply) == []


async def test_descriptions_are_one_line_each(ctx: Context) -> None:
    embed = only_embed(await help(ctx))
    for field in embed.fields:
        description, example = field.value.splitlines()
        assert description and example.startswith("Example: `/")
    bracket = next(f for f in embed.fields if f.name == "/bracket")
    assert bracket.value.splitlines()[0] == "A tournament's liguilla, tie by tie, and its champion"


async def test_reload_is_marked_for_moderators(ctx: Context) -> None:
    embed = only_embed(await help(ctx))
    assert embed.fields[-1].name == "/reload · moderators only"
    assert [f.name for f in embed.fields].count("/reload · moderators only") == 1
    assert all("moderators" not in f.name for f in embed.fields[:-1])


async def test_spanish_help_uses_spanish_command_names(ctx_es: Context) -> None:
    reply = await help(ctx_es)
    embed = only_embed(reply)
    assert embed.title == "⚽ Comandos"
    found = examples(embed)
    for example in ("/llave Apertura", "/camino Tecos", "/campeones", "/temporada", "/ayuda"):
        assert example in found
    assert any(example.endswith(" ¿quién ganó el Clausura?") for example in found)
    assert all(field.value.splitlines()[-1].startswith("Ejemplo: `/") for field in embed.fields)
    assert embed.fields[-1].name.endswith(" · solo moderadores")
    assert violations(reply) == []


@pytest.mark.parametrize("command", COMMANDS)
async def test_spanish_examples_use_the_names_discord_shows(ctx_es: Context, command: str) -> None:
    """Whatever Spanish name a command has in the catalog is the one /ayuda shows."""
    spanish = catalog("es").get(f"command.{command}.name") or catalog("en").get(
        f"command.{command}.name", command
    )
    embed = only_embed(await help(ctx_es))
    position = COMMANDS.index(command)
    assert examples(embed)[position].split(" ")[0] == f"/{spanish}"


def test_help_lists_every_registered_command() -> None:
    """A command added to FEATURES but not to /help would be invisible to fans."""
    registered = set()
    for feature in FEATURES:
        module = importlib.import_module(feature)
        registered |= {
            value.name for value in vars(module).values() if isinstance(value, app_commands.Command)
        }
    assert {"bracket", "path", "champions", "season", "help"} <= registered
    assert registered <= set(COMMANDS)


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_listed_command_has_catalog_text(language: str) -> None:
    messages = catalog("en" if language == "en" else "es")
    for command in COMMANDS:
        assert messages[f"help.commands.{command}.description"]
