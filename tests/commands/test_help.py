"""/help through its handler: every command, a line on what it does, an example to copy."""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import pytest

from commands import FEATURES, declared_commands
from commands.context import Context
from commands.help import forget_command_ids, help_reply, remember_command_ids
from commands.i18n import catalog
from commands.reply import Embed
from commands.slash import SlashCommand
from tests.helpers import only_embed
from tests.reply_limits import violations

COMMANDS = [feature.rsplit(".", 1)[-1] for feature in FEATURES]
"""/help's commands: the features', in their order."""


def command_lines(embed: Embed) -> list[str]:
    """The description's line per command (after the intro and a blank line)."""
    return (embed.description or "").split("\n\n", 1)[1].splitlines()


def examples(embed: Embed) -> list[str]:
    """Each command's usage, as typed: `/result Necaxa UdeG` (plain, before any sync)."""
    return [line.split("`")[1] for line in command_lines(embed)]


@pytest.fixture(autouse=True)
def no_synced_ids() -> Iterator[None]:
    forget_command_ids()
    yield
    forget_command_ids()


async def test_every_command_with_an_example(ctx: Context) -> None:
    reply = await help_reply(ctx)
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


async def test_one_compact_embed_a_line_per_command(ctx: Context) -> None:
    """No field per command, no "Example:" padding: about a phone screen, not three."""
    embed = only_embed(await help_reply(ctx))
    assert embed.fields == ()
    lines = command_lines(embed)
    assert len(lines) == len(COMMANDS)
    assert "Example" not in (embed.description or "")
    assert lines[1] == "`/bracket Apertura` · A tournament's liguilla, tie by tie, and its champion"


async def test_synced_commands_are_clickable_mentions(ctx: Context, ctx_es: Context) -> None:
    """After a sync, each command is `</name:id>` with the id Discord returned."""
    remember_command_ids({"result": 1111, "help": 2222, "reload": 3333})
    lines = command_lines(only_embed(await help_reply(ctx)))
    assert lines[0].startswith("</result:1111> `Necaxa UdeG` · Every meeting of two clubs")
    assert lines[COMMANDS.index("help")] == "</help:2222> · This list"
    assert lines[1].startswith("`/bracket Apertura`")  # no id known: plain text
    # A mention names the command by its canonical name: Discord draws it in the reader's
    # language, and one by a localized name (`</resultado:1111>`) does not run when tapped.
    spanish = command_lines(only_embed(await help_reply(ctx_es)))
    assert spanish[0].startswith("</result:1111> `Necaxa UdeG` · Todos los partidos")


async def test_the_features_are_listed_in_their_order_and_moderators_by_declaration(
    ctx: Context,
) -> None:
    """One list of commands: /help reads `FEATURES` and each command's declaration, so a
    command added, moved or made a moderator's shows so in /help without a second list."""
    lines = command_lines(only_embed(await help_reply(ctx)))
    assert [line.split("`")[1].split(" ")[0] for line in lines] == [f"/{c}" for c in COMMANDS]
    marked = ["(moderators only)" in line for line in lines]
    assert marked == [declared.moderator for declared in declared_commands()]


async def test_reload_is_marked_for_moderators(ctx: Context) -> None:
    lines = command_lines(only_embed(await help_reply(ctx)))
    assert lines[-1].startswith("`/reload` (moderators only) · ")
    assert all("moderators" not in line for line in lines[:-1])


async def test_spanish_help_uses_spanish_command_names(ctx_es: Context) -> None:
    reply = await help_reply(ctx_es)
    embed = only_embed(reply)
    assert embed.title == "⚽ Comandos"
    found = examples(embed)
    for example in ("/llave Apertura", "/camino Tecos", "/campeones", "/temporada", "/ayuda"):
        assert example in found
    assert any(example.endswith(" ¿quién ganó el Clausura?") for example in found)
    assert command_lines(embed)[-1].startswith("`/recargar` (solo moderadores) · ")
    assert violations(reply) == []


@pytest.mark.parametrize("command", COMMANDS)
async def test_spanish_examples_use_the_names_discord_shows(ctx_es: Context, command: str) -> None:
    """Whatever Spanish name a command has in the catalog is the one /ayuda shows."""
    spanish = catalog("es").get(f"command.{command}.name") or catalog("en").get(
        f"command.{command}.name", command
    )
    embed = only_embed(await help_reply(ctx_es))
    position = COMMANDS.index(command)
    assert examples(embed)[position].split(" ")[0] == f"/{spanish}"


def test_help_lists_every_registered_command() -> None:
    """A command added to FEATURES but not to /help would be invisible to fans."""
    registered = set()
    for feature in FEATURES:
        module = importlib.import_module(feature)
        registered |= {
            value.name for value in vars(module).values() if isinstance(value, SlashCommand)
        }
    assert {"bracket", "path", "champions", "season", "help"} <= registered
    assert registered <= set(COMMANDS)


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_listed_command_has_catalog_text(language: str) -> None:
    messages = catalog("en" if language == "en" else "es")
    for command in COMMANDS:
        assert messages[f"help.commands.{command}.description"]
