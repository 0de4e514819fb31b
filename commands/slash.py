"""Declaring a slash command: its options once, as the callback's parameters; its words by
convention from the catalogs.

    @slash_command("path", handler=path)
    async def path_command(interaction, club: ClubName, private: bool = False) -> None:
        await host_of(interaction).answer(interaction, path, club=club, private=private)

The English description of the command, and each option's name and description, come from the
English catalog under the keys of `commands.translator` (an option is named as its parameter
unless the catalog says otherwise, as `everyone` is shown `all`); the other languages come from
their catalogs through `CatalogTranslator` at sync time. `ClubName` and `TournamentName`
are a club or tournament as typed, with autocomplete from the season's names.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Coroutine
from typing import Any

import discord
from discord import app_commands

from commands.context import Handler
from commands.host import host_of
from commands.i18n import DEFAULT_LOCALE, catalog, language_of
from commands.translator import command_key, option_keys
from knowledge.resolver import MAX_QUERY_CHARS, NameIndex
from knowledge.store import Snapshot

Callback = Callable[..., Coroutine[Any, Any, None]]
SlashCommand = app_commands.Command[Any, ..., None]


def _english(keys: tuple[str, ...]) -> str | None:
    english = catalog(language_of(DEFAULT_LOCALE))
    return next((english[key] for key in keys if key in english), None)


def _required(keys: tuple[str, ...], what: str) -> str:
    """The English words at the first of `keys`; a command missing them is refused at import,
    not synced with an empty description."""
    words = _english(keys)
    if words is None:
        raise LookupError(f"{what}: no English words at {' or '.join(keys)}")
    return words


def slash_command(name: str, handler: Handler, **extras: Any) -> Callable[[Callback], SlashCommand]:
    """The command `name`, whose callback hands its options to `handler` (kept in the
    command's extras for the console and the buttons, with any other `extras`)."""

    def declare(callback: Callback) -> SlashCommand:
        options = list(inspect.signature(callback).parameters)[1:]  # after the interaction
        descriptions = {
            option: _required(option_keys(name, option, "description"), f"/{name} {option}")
            for option in options
        }
        renames = {
            option: shown
            for option in options
            if (shown := _english(option_keys(name, option, "name"))) not in (None, option)
        }
        described = app_commands.describe(**descriptions)(app_commands.rename(**renames)(callback))
        return app_commands.command(
            name=name,
            description=_required((command_key(name, "description"),), f"/{name}"),
            extras={"handler": handler, **extras},
        )(described)

    return declare


def private_only_command(name: str, handler: Handler) -> SlashCommand:
    """The command `name` whose one option is `private`: /champions, /season, /stadiums and
    /help are declared by this, not each by a callback of the same shape."""

    async def callback(interaction: discord.Interaction[Any], private: bool = False) -> None:
        await host_of(interaction).answer(interaction, handler, private=private)

    return slash_command(name, handler=handler)(callback)


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


ClubName = app_commands.Transform[str, _Club]
"""A club option: any spelling, completed from the season's clubs."""
TournamentName = app_commands.Transform[str, _Tournament]
"""A tournament option: Apertura, Clausura or the promotion final, completed."""
