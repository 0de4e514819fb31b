"""Declaring a slash command, without discord: its options once, as the callback's parameters;
its words by convention from the catalogs.

    @slash_command("path", handler=path)
    async def path_command(interaction, club: ClubName, private: bool = False) -> None:
        await host_of(interaction).answer(interaction, path, club=club, private=private)

A declaration (`SlashCommand`) is plain data: the console reads its options from it, and the
bot turns it into discord.py's app command in `commands.registration` when it starts. So
answering one console line never imports discord.py, whose import alone takes longer than the
answer (issue 13's start-up target).

The English description of the command, and each option's name and description, come from the
English catalog under the keys below (an option is named as its parameter unless the catalog
says otherwise, as `everyone` is shown `all`); the other languages come from their catalogs
through `commands.translator.CatalogTranslator` at sync time. The keys:

    command.<command>.name / .description
    command.<command>.options.<option>.name / .description   (option: the Python parameter)
    command.options.<option>.name / .description             (an option several commands share)

An option's type is one of the markers here (`ClubName`, `TournamentName`, `QuestionText`, `Upload`)
or `bool`; `commands.registration` says what each is to Discord.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal, NewType, TypeAlias

from commands.context import Handler
from commands.host import host_of
from commands.i18n import DEFAULT_LOCALE, Tr, catalog, language_of

if TYPE_CHECKING:
    import discord

    Upload: TypeAlias = discord.Attachment
else:

    class Upload:
        """A file a moderator attaches: discord's `Attachment` to the callback (so typed for
        the type checker), a marker at run time; the console reads a path instead."""


Callback = Callable[..., Coroutine[Any, Any, None]]
Field = Literal["name", "description"]

ClubName = NewType("ClubName", str)
"""A club option: any spelling, completed from the season's clubs."""
TournamentName = NewType("TournamentName", str)
"""A tournament option: Apertura, Clausura or the promotion final, completed."""
QuestionText = NewType("QuestionText", str)
"""/ask's free text, at most `MAX_QUESTION_CHARS` (the reader's own limit: one number for the
Discord option and the reader)."""


class OptionKind(Enum):
    TEXT = "text"
    YES_NO = "yes/no"
    FILE = "file"


_KINDS: dict[Any, OptionKind] = {
    ClubName: OptionKind.TEXT,
    TournamentName: OptionKind.TEXT,
    QuestionText: OptionKind.TEXT,
    bool: OptionKind.YES_NO,
    Upload: OptionKind.FILE,
}


def command_key(command: str, field: Field) -> str:
    return f"command.{command}.{field}"


def option_keys(command: str, option: str, field: Field) -> tuple[str, str]:
    """Where an option's words are: the command's own first, then the shared ones."""
    return f"command.{command}.options.{option}.{field}", f"command.options.{option}.{field}"


def _first_words(tr: Tr, keys: Iterable[str], fallback: str) -> str:
    return next((tr(key) for key in keys if tr.has(key)), fallback)


def shown_command(tr: Tr, command: str) -> str:
    """How the reader's Discord names `command` (`resultado`), as errors name it."""
    return _first_words(tr, [command_key(command, "name")], command)


def shown_option(tr: Tr, command: str, option: str) -> str:
    """How the reader's Discord names the option `option` (a parameter) of `command`."""
    return _first_words(tr, option_keys(command, option, "name"), option)


@dataclass(frozen=True, slots=True)
class SlashOption:
    name: str
    """The callback's parameter, which is the handler's keyword."""
    shown: str
    """Its English name in Discord (`all` for `everyone`)."""
    description: str
    type: Any
    """One of the markers above, or `bool`."""
    optional: bool
    """Declared `… | None`: Discord may leave it out and the callback gets None."""
    required: bool
    """Declared without a default."""

    @property
    def kind(self) -> OptionKind:
        return _KINDS[self.type]


@dataclass(frozen=True, slots=True)
class SlashCommand:
    """A declared slash command: what Discord shows, and the handler its callback calls."""

    name: str
    description: str
    handler: Handler
    callback: Callback
    options: tuple[SlashOption, ...]
    defer: bool = False
    """Known to be slow (a download): deferred before the handler runs."""
    ephemeral: bool = False
    """Every answer is seen by its asker alone."""
    rest_of_line: bool = False
    """The console hands it everything after the command, quotes and colons included (/ask)."""
    moderator: bool = False
    """In the admin guilds only, for members who may manage the server, checked again when run."""

    @property
    def extras(self) -> dict[str, Any]:
        """What the app command carries for the bot: the handler and the flags that are set."""
        flags = {
            "defer": self.defer,
            "ephemeral": self.ephemeral,
            "rest_of_line": self.rest_of_line,
        }
        return {"handler": self.handler, **{flag: True for flag, on in flags.items() if on}}


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


def _option(command: str, parameter: inspect.Parameter, namespace: dict[str, Any]) -> SlashOption:
    # The modules declare `from __future__ import annotations`, so the type is its source text,
    # read here in the module's own names (as discord.py itself would read it).
    declared = parameter.annotation
    annotation = eval(declared, namespace) if isinstance(declared, str) else declared
    members = typing.get_args(annotation)
    optional = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    base = (
        next(member for member in members if member is not type(None)) if optional else annotation
    )
    if base not in _KINDS:
        raise TypeError(f"/{command} {parameter.name}: no option type for {declared!r}")
    where = f"/{command} {parameter.name}"
    return SlashOption(
        name=parameter.name,
        shown=_english(option_keys(command, parameter.name, "name")) or parameter.name,
        description=_required(option_keys(command, parameter.name, "description"), where),
        type=base,
        optional=optional,
        required=parameter.default is inspect.Parameter.empty,
    )


def slash_command(
    name: str,
    handler: Handler,
    *,
    defer: bool = False,
    ephemeral: bool = False,
    rest_of_line: bool = False,
    moderator: bool = False,
) -> Callable[[Callback], SlashCommand]:
    """The command `name`, whose callback hands its options (its parameters after the
    interaction) to `handler`."""

    def declare(callback: Callback) -> SlashCommand:
        parameters = list(inspect.signature(callback).parameters.values())[1:]
        return SlashCommand(
            name=name,
            description=_required((command_key(name, "description"),), f"/{name}"),
            handler=handler,
            callback=callback,
            options=tuple(_option(name, p, callback.__globals__) for p in parameters),
            defer=defer,
            ephemeral=ephemeral,
            rest_of_line=rest_of_line,
            moderator=moderator,
        )

    return declare


def private_only_command(name: str, handler: Handler) -> SlashCommand:
    """The command `name` whose one option is `private`: /champions, /season, /stadiums and
    /help are declared by this, not each by a callback of the same shape."""

    async def callback(interaction: discord.Interaction[Any], private: bool = False) -> None:
        await host_of(interaction).answer(interaction, handler, private=private)

    return slash_command(name, handler=handler)(callback)
