"""Reading a console line into a slash command and the options its handler takes.

Line syntax: `/command arg1 "arg two" name:value name:"two words"`. Positional values fill the
options in declared order; `/ask` takes the rest of the line verbatim; a line that does not
start with `/` is a question for `/ask`. Options are read as the slash command declares them
(names in English and Spanish, required or not, their types), so the console accepts what
Discord would send, and refuses the rest with the same errors.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from commands.context import Handler
from commands.errors import (
    BadQuoting,
    LineTooLong,
    MissingOption,
    ModeratorCommandOff,
    NoOptions,
    NotUtf8,
    NotYesOrNo,
    RepeatedOption,
    TooManyArguments,
    UnknownCommand,
    UnknownCommandNear,
    UnknownOption,
    UnreadableFile,
)
from commands.i18n import Tr, catalog, languages
from commands.reload import UploadTooLarge
from commands.slash import (
    OptionKind,
    SlashCommand,
    command_key,
    option_keys,
    shown_command,
    shown_option,
)
from knowledge.files import FileTooLarge, read_regular_file
from knowledge.loader import MAX_FILE_BYTES

_NAMED = re.compile(r"^([^\W\d][\w-]*):(.*)$", re.DOTALL)
"""`name:value`. A name starts with a letter, so `12:30` stays a value."""
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
"""What Python's surrogateescape makes of bytes that are not UTF-8 (stdin and argv)."""
SUGGEST_CUTOFF = 75
"""Lowest rapidfuzz ratio (0–100) for suggesting a command: `resutl` -> `result` scores 83 and
`hlep` -> `help` 75, while `standings` -> `stadiums` (71) is another command, not a typo.
A suggestion is only ever asked, never run."""
MAX_LINE_CHARS = 8_192
"""The longest line the console reads. Reading a line (shlex) takes time that grows with the
square of a word's length (an 800,000-character `/result` line took 14 s), so a longer line is
refused before it is read. No command needs as much: names are cut at 100 characters and
questions at 300, and a `/reload file:` path is at most 4,096 bytes (Linux's PATH_MAX)."""
YES = frozenset({"yes", "true", "1", "on", "sí", "si", "verdadero"})
NO = frozenset({"no", "false", "0", "off", "falso"})
"""What a yes/no option (`private:yes`) takes, in English and Spanish."""


@dataclass(frozen=True, slots=True)
class ConsoleOption:
    name: str
    """The handler's keyword."""
    names: frozenset[str]
    """What a console line may call it: English and Spanish."""
    required: bool
    kind: OptionKind
    shown: str
    """Its name in the reader's language, as errors name it."""
    called: str
    """How a person says it ("the second club"), as a missing option is asked for."""


@dataclass(frozen=True, slots=True)
class ConsoleCommand:
    name: str
    handler: Handler
    options: tuple[ConsoleOption, ...]
    rest_of_line: bool
    """`/ask`: everything after the command is one value, quotes and colons included."""
    moderator: bool
    """`/reload`: it changes the data, so a console runs it only if it was told it may."""
    shown: str
    """Its name in the reader's language (`llave`), as the banner and errors show it."""
    example: str
    """A whole line that runs it (`/llave Apertura`), as a missing option is asked for."""


def _localized(key: str) -> set[str]:
    return {catalog(language).get(key, "") for language in languages()} - {""}


def _describe(command: SlashCommand, tr: Tr) -> ConsoleCommand:
    options = []
    for option in command.options:
        # Spanish option names come from the same catalog keys the Translator uses.
        keys = option_keys(command.name, option.name, "name")
        names = {option.name, option.shown}
        for key in keys:
            names |= _localized(key)
        shown = shown_option(tr, command.name, option.name)
        called = f"error.option_called.{option.name}"
        options.append(
            ConsoleOption(
                option.name,
                frozenset(name.lower() for name in names),
                option.required,
                option.kind,
                shown,
                tr(called) if tr.has(called) else f"`{shown}`",
            )
        )
    shown_name = shown_command(tr, command.name)
    example = f"help.commands.{command.name}.example"
    return ConsoleCommand(
        command.name,
        command.handler,
        tuple(options),
        command.rest_of_line,
        command.moderator,
        shown_name,
        f"/{shown_name} {tr(example)}" if tr.has(example) else f"/{shown_name}",
    )


class CommandLines:
    """The commands a console knows, by every name a line may call them, and reading a line
    into one of them."""

    def __init__(self, moderator_commands: bool = True) -> None:
        self._commands: dict[str, ConsoleCommand] = {}
        self.moderator_commands = moderator_commands
        """Whether a moderator command is run; if not, it is refused before its options are
        read (a `/reload file:` is not even opened)."""

    def add(self, command: SlashCommand, tr: Tr) -> None:
        """Know `command` by its English and Spanish names; `tr` says how errors name it."""
        described = _describe(command, tr)
        for name in {command.name, *_localized(command_key(command.name, "name"))}:
            self._commands[name.lower()] = described

    @property
    def names(self) -> list[str]:
        """Every command as the reader's language names it (`resultado`, `llave`…)."""
        return sorted({command.shown for command in self._commands.values()})

    def parse(self, line: str) -> tuple[ConsoleCommand, dict[str, Any]]:
        """The command a line names and the handler's keyword options."""
        if len(line) > MAX_LINE_CHARS:
            raise LineTooLong(limit=str(MAX_LINE_CHARS))
        if _NOT_UTF8.search(line):
            raise NotUtf8()
        text = line.strip()
        if not text.startswith("/"):
            text = f"/ask {text}"
        name, _, rest = text[1:].partition(" ")
        if not name and not rest.strip():
            name = "help"  # `/` alone: what can I type?
        command = self._commands.get(name.lower())
        if command is None:
            raise self._unknown(name)
        if command.moderator and not self.moderator_commands:
            raise ModeratorCommandOff(command=command.shown)
        if command.rest_of_line:
            return command, ({command.options[0].name: rest.strip()} if command.options else {})
        try:
            tokens = shlex.split(rest)
        except ValueError:
            raise BadQuoting() from None
        options: dict[str, Any] = {}
        tokens = self._take_flags(command, tokens, options)
        positional = [o for o in command.options if o.kind is not OptionKind.YES_NO]
        if len(positional) == 1 and positional[0].kind is OptionKind.TEXT:
            # One text option: the whole rest is its value, so `/club Leones Negros` needs
            # no quotes. `club:Leones Negros` and `"Leones Negros"` still work.
            only = positional[0]
            if tokens and (named := _NAMED.match(tokens[0])):
                self._option_named(command, named.group(1))
                tokens[0] = named.group(2)
            for token in tokens[1:]:
                if named := _NAMED.match(token):
                    self._option_named(command, named.group(1))
                    raise RepeatedOption(command=command.shown, option=only.shown)
            if tokens:
                options[only.name] = " ".join(tokens)
            tokens = []
        for token in tokens:
            if named := _NAMED.match(token):
                option = self._option_named(command, named.group(1))
                value = named.group(2)
            else:
                free = [option for option in positional if option.name not in options]
                if not free:
                    raise TooManyArguments(command=command.shown)
                option, value = free[0], token
            if option.name in options:
                raise RepeatedOption(command=command.shown, option=option.shown)
            options[option.name] = self._value(command, option, value)
        for option in command.options:
            if option.required and option.name not in options:
                raise MissingOption(
                    command=command.shown, called=option.called, example=command.example
                )
        return command, options

    def _take_flags(
        self, command: ConsoleCommand, tokens: list[str], options: dict[str, Any]
    ) -> list[str]:
        """Read the yes/no options (`private:yes`) into `options`; the other tokens are left.

        A yes/no option is only ever named, so it never takes a value meant for the text
        options, nor splits `/club Leones Negros`."""
        rest = []
        for token in tokens:
            named = _NAMED.match(token)
            flag = self._option_named(command, named.group(1)) if named else None
            if named is None or flag is None or flag.kind is not OptionKind.YES_NO:
                rest.append(token)
                continue
            if flag.name in options:
                raise RepeatedOption(command=command.shown, option=flag.shown)
            options[flag.name] = self._value(command, flag, named.group(2))
        return rest

    def _unknown(self, name: str) -> UnknownCommand:
        """The error for a command we don't have, naming the nearest one if one is close."""
        near = process.extractOne(
            name.lower(), list(self._commands), scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF
        )
        if near is None:
            return UnknownCommand(name=name or "?")
        return UnknownCommandNear(name=name, suggestion=self._commands[near[0]].shown)

    @staticmethod
    def _option_named(command: ConsoleCommand, name: str) -> ConsoleOption:
        found = next((o for o in command.options if name.lower() in o.names), None)
        if found is not None:
            return found
        if not command.options:
            raise NoOptions(command=command.shown)
        listed = ", ".join(f"`{option.shown}`" for option in command.options)
        raise UnknownOption(command=command.shown, option=name, options=listed)

    @staticmethod
    def _value(command: ConsoleCommand, option: ConsoleOption, value: str) -> Any:
        if option.kind is OptionKind.FILE:
            # The console's stand-in for an upload: a path to a local file, read as Discord
            # would take an attachment: a regular file, within the upload limit.
            try:
                return read_regular_file(Path(value), MAX_FILE_BYTES)
            except FileTooLarge as error:
                size = str(error.size) if error.size is not None else f">{error.limit}"
                raise UploadTooLarge(size=size, limit=str(error.limit)) from None
            except OSError:
                raise UnreadableFile(option=option.shown, path=value) from None
        if option.kind is OptionKind.YES_NO:
            answer = value.strip().lower()
            if answer in YES | NO:
                return answer in YES
            raise NotYesOrNo(option=option.shown, value=value)
        return value
