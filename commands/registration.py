"""A declared slash command (`commands.slash`) as discord.py's app command, built when the bot
starts; the name and option autocomplete Discord calls.

This is the one module of `commands` that imports discord for the slash commands, so the
console, which reads the declarations alone, answers without loading discord.py.
"""

from __future__ import annotations

import functools
import inspect
import typing
from typing import Any

import discord
from discord import app_commands

from commands.host import host_of
from commands.slash import (
    ClubName,
    QuestionText,
    SlashCommand,
    SlashOption,
    TournamentName,
    Upload,
)
from knowledge.questions.words import MAX_QUESTION_CHARS
from knowledge.resolver import MAX_QUERY_CHARS, NameIndex
from knowledge.store import Snapshot

AppCommand = app_commands.Command[Any, ..., None]


class _SeasonName(app_commands.Transformer):
    """A name as the fan typed it (the handler resolves it), at most as long as a name the
    resolver reads, with the season's names as autocomplete choices."""

    @staticmethod
    def index(knowledge: Snapshot) -> NameIndex:
        raise NotImplementedError

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.string

    @property
    def min_value(self) -> int:
        return 1

    @property
    def max_value(self) -> int:
        return MAX_QUERY_CHARS

    async def transform(self, interaction: discord.Interaction[Any], value: Any, /) -> Any:
        return value

    async def autocomplete(
        self, interaction: discord.Interaction[Any], value: int | float | str, /
    ) -> list[app_commands.Choice[int | float | str]]:
        """The best names for what is typed so far (at most 25, each within 100 characters)."""
        choices = self.index(host_of(interaction).knowledge).complete(str(value))
        return [app_commands.Choice(name=choice.label, value=choice.value) for choice in choices]


class _Club(_SeasonName):
    @staticmethod
    def index(knowledge: Snapshot) -> NameIndex:
        return knowledge.clubs


class _Tournament(_SeasonName):
    @staticmethod
    def index(knowledge: Snapshot) -> NameIndex:
        return knowledge.tournaments


_DISCORD_TYPES: dict[Any, Any] = {
    ClubName: app_commands.Transform[str, _Club],
    TournamentName: app_commands.Transform[str, _Tournament],
    QuestionText: app_commands.Range[str, 1, MAX_QUESTION_CHARS],
    Upload: discord.Attachment,
    bool: bool,
}
"""What each option type of `commands.slash` is to discord.py."""


def _annotation(option: SlashOption) -> Any:
    discord_type = _DISCORD_TYPES[option.type]
    return typing.Optional[discord_type] if option.optional else discord_type  # noqa: UP045


def _is_moderator(interaction: discord.Interaction[Any]) -> bool:
    return host_of(interaction).is_moderator(interaction)


def app_command(declared: SlashCommand) -> AppCommand:
    """A fresh app command for `declared`, with its options typed for Discord and its English
    words; a moderator command is hidden from members without Manage Server
    (`default_permissions`), kept out of DMs, and checked again when run (what Discord shows is
    advice; the check is what counts)."""
    signature = inspect.signature(declared.callback)
    interaction, *parameters = signature.parameters.values()
    typed = [
        parameter.replace(annotation=_annotation(option))
        for parameter, option in zip(parameters, declared.options, strict=True)
    ]

    # discord.py reads the options from the callback's signature; this one carries the types
    # Discord knows, while the declared callback keeps the markers the console reads.
    @functools.wraps(declared.callback)
    async def callback(interaction: discord.Interaction[Any], **options: Any) -> None:
        await declared.callback(interaction, **options)

    callback.__signature__ = signature.replace(parameters=[interaction, *typed])  # type: ignore[attr-defined]
    described = app_commands.describe(**{o.name: o.description for o in declared.options})
    renamed = app_commands.rename(
        **{o.name: o.shown for o in declared.options if o.shown != o.name}
    )
    command: AppCommand = app_commands.command(
        name=declared.name, description=declared.description, extras=declared.extras
    )(described(renamed(callback)))
    if declared.moderator:
        command = app_commands.default_permissions(manage_guild=True)(command)
        command = app_commands.guild_only()(command)
        command = app_commands.check(_is_moderator)(command)
    return command
