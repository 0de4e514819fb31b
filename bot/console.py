"""The local console: slash-command lines in, the bot's replies out.

It loads the same feature modules into the same `SeasonBot` (never connected), reads each
line into the options the slash command declares, and calls the handler the Discord callback
calls. Errors go through the same `render_error`. So an answer here is the answer in Discord.

Line syntax: `/command arg1 "arg two" name:value name:"two words"`. Positional values fill the
options in declared order; `/ask` takes the rest of the line verbatim; a line that does not
start with `/` is a question for `/ask`.
"""

from __future__ import annotations

import json
import logging
import re
import shlex
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from discord import AppCommandOptionType, app_commands

from bot.client import SeasonBot
from bot.components import command_handlers
from bot.settings import Settings
from commands.components import answer as answer_command
from commands.components import press as press_component
from commands.context import Context, Handler, Moderation
from commands.errors import (
    BadOptionValue,
    BadQuoting,
    MissingOption,
    TooManyArguments,
    UnknownCommand,
    is_expected,
    render_error,
)
from commands.i18n import Locale, Tr, catalog, translator
from commands.reply import Reply, Select
from knowledge.store import KnowledgeStore

log = logging.getLogger("seasonbot.console")

_NAMED = re.compile(r"^([A-Za-z_][\w-]*):(.*)$", re.DOTALL)
_YES = frozenset({"yes", "true", "1", "on", "sí", "si", "verdadero"})
_NO = frozenset({"no", "false", "0", "off", "falso"})


@dataclass(frozen=True, slots=True)
class _Option:
    name: str
    """The handler's keyword."""
    names: frozenset[str]
    """What a console line may call it: English and Spanish."""
    required: bool
    kind: AppCommandOptionType


@dataclass(frozen=True, slots=True)
class _Command:
    name: str
    handler: Handler
    options: tuple[_Option, ...]
    rest_of_line: bool
    """`/ask`: everything after the command is one value, quotes and colons included."""


def _localized(key: str) -> set[str]:
    return {catalog(language).get(key, "") for language in ("en", "es")} - {""}


def _describe(command: app_commands.Command[Any, ..., Any]) -> _Command:
    options = []
    for parameter in command.parameters:
        # Spanish option names come from the same catalog keys the Translator uses.
        names = {parameter.name, parameter.display_name}
        names |= _localized(f"command.{command.name}.options.{parameter.name}.name")
        names |= _localized(f"command.options.{parameter.name}.name")
        options.append(
            _Option(parameter.name, frozenset(names), parameter.required, parameter.type)
        )
    return _Command(
        command.name,
        command.extras["handler"],
        tuple(options),
        bool(command.extras.get("rest_of_line")),
    )


class Console:
    """Answers command lines with the bot's handlers. Build it with `await Console.open()`."""

    def __init__(
        self, store: KnowledgeStore, locale: Locale, moderation: Moderation | None = None
    ) -> None:
        self.store = store
        self.tr: Tr = translator(locale)
        self.moderation = moderation
        self._commands: dict[str, _Command] = {}
        self.handlers: dict[str, Handler] = {}
        """What a component may run again: the public commands (`--press`, `!press`)."""

    @classmethod
    async def open(
        cls,
        store: KnowledgeStore,
        settings: Settings,
        locale: Locale,
        moderation: Moderation | None = None,
    ) -> Console:
        console = cls(store, locale, moderation)
        bot = SeasonBot(store, settings)
        await bot.load_features()
        for command in [*bot.tree.walk_commands(), *bot.moderator_commands]:
            if isinstance(command, app_commands.Command) and "handler" in command.extras:
                described = _describe(command)
                for name in {command.name, *_localized(f"command.{command.name}.name")}:
                    console._commands[name] = described
        console.handlers = command_handlers(bot.tree)
        await bot.close()
        return console

    @property
    def command_names(self) -> list[str]:
        return sorted({command.name for command in self._commands.values()})

    def parse(self, line: str) -> tuple[_Command, dict[str, Any]]:
        """The command a line names and the handler's keyword options."""
        text = line.strip()
        if not text.startswith("/"):
            text = f"/ask {text}"
        name, _, rest = text[1:].partition(" ")
        command = self._commands.get(name.lower())
        if command is None:
            raise UnknownCommand(name=name or "?")
        if command.rest_of_line:
            return command, ({command.options[0].name: rest.strip()} if command.options else {})
        try:
            tokens = shlex.split(rest)
        except ValueError:
            raise BadQuoting() from None
        options: dict[str, Any] = {}
        # A yes/no option (`private:yes`) is only ever named, so it never takes a value
        # meant for the text options, nor splits `/club Leones Negros`.
        flags = [o for o in command.options if o.kind is AppCommandOptionType.boolean]
        for token in list(tokens):
            named = _NAMED.match(token)
            flag = self._option_named(command, named.group(1)) if named else None
            if named and flag in flags:
                options[flag.name] = self._value(command, flag, named.group(2))
                tokens.remove(token)
        positional = [o for o in command.options if o not in flags]
        if len(positional) == 1 and positional[0].kind is AppCommandOptionType.string:
            # One text option: the whole rest is its value, so `/club Leones Negros` needs
            # no quotes. `club:Leones Negros` and `"Leones Negros"` still work.
            only = positional[0]
            if (
                tokens
                and (named := _NAMED.match(tokens[0]))
                and named.group(1).lower() in only.names
            ):
                tokens[0] = named.group(2)
            if tokens:
                options[only.name] = " ".join(tokens)
            tokens = []
        for token in tokens:
            named = _NAMED.match(token)
            option = self._option_named(command, named.group(1)) if named else None
            if named and option is not None:
                options[option.name] = self._value(command, option, named.group(2))
                if option in positional:
                    positional.remove(option)
                continue
            while positional and positional[0].name in options:
                positional.pop(0)
            if not positional:
                raise TooManyArguments(command=command.name)
            option = positional.pop(0)
            options[option.name] = self._value(command, option, token)
        for option in command.options:
            if option.required and option.name not in options:
                raise MissingOption(command=command.name, option=option.name)
        return command, options

    @staticmethod
    def _option_named(command: _Command, name: str) -> _Option | None:
        return next((option for option in command.options if name.lower() in option.names), None)

    @staticmethod
    def _value(command: _Command, option: _Option, value: str) -> Any:
        if option.kind is AppCommandOptionType.attachment:
            # The console's stand-in for an upload: a path to a local file.
            try:
                return Path(value).read_bytes()
            except OSError:
                raise BadOptionValue(option=option.name) from None
        if option.kind is AppCommandOptionType.boolean:
            answer = value.strip().lower()
            if answer in _YES | _NO:
                return answer in _YES
            raise BadOptionValue(option=option.name)
        if option.kind is AppCommandOptionType.integer:
            try:
                return int(value)
            except ValueError:
                raise BadOptionValue(option=option.name) from None
        return value

    def context(self) -> Context:
        return Context(self.store.current, self.tr, user_id=None, moderation=self.moderation)

    async def answer(self, line: str) -> Reply:
        """The reply to one line. Errors are replies too (ephemeral), never exceptions."""
        press, _, pressed = line.strip().partition(" ")
        if press.lower() == "!press":
            custom_id, _, value = pressed.strip().partition(" ")
            return await self.press(custom_id, [value.strip()] if value.strip() else [])
        try:
            command, options = self.parse(line)
            return await answer_command(self.context(), command.name, command.handler, options)
        except Exception as error:
            if not is_expected(error):
                log.exception("error answering %r", line[:200])
            return render_error(error, self.tr)

    async def press(self, custom_id: str, values: Sequence[str] = ()) -> Reply:
        """What clicking the component `custom_id` shows (a select menu's choice in `values`):
        the new message it posts, else the clicked message as redrawn. The console's reader
        ran every command it sees, so owns every message."""
        try:
            pressed = await press_component(
                self.context(),
                self.handlers,
                custom_id,
                values,
                owner=True,
                private_message=False,
                user=self.tr("components.you"),
            )
        except Exception as error:
            if not is_expected(error):
                log.exception("error pressing %r", custom_id[:100])
            return render_error(error, self.tr)
        return pressed.new or pressed.update or Reply(content="✓")


def reply_text(reply: Reply) -> str:
    """A reply as plain terminal text: headings, fields, tables without code fences."""
    out: list[str] = []
    if reply.ephemeral:
        out.append("(only you can see this)")
    if reply.content:
        out.append(_plain(reply.content))
    for embed in reply.embeds:
        if embed.title:
            out.append(f"== {embed.title} ==")
        if embed.description:
            out.append(_plain(embed.description))
        for field in embed.fields:
            out.append(f"\n{field.name}\n{_plain(field.value)}")
        if embed.image:
            out.append(f"[picture: {embed.image.removeprefix('attachment://')}]")
        if embed.footer:
            out.append(f"-- {embed.footer}")
    out += components_lines(reply)
    return "\n".join(out)


def components_lines(reply: Reply) -> list[str]:
    """The buttons and menus under an answer: `[Necaxa] [Oaxaca]`, then what `!press` runs
    each (a menu's choice goes after its id)."""
    if not reply.components:
        return []
    shown: list[str] = []
    presses: list[str] = []
    for row in reply.components:
        for item in row:
            if isinstance(item, Select):
                choices = " | ".join(f"*{o.label}*" if o.default else o.label for o in item.options)
                shown.append(f"[▾ {choices}]")
                presses += [
                    f"  !press {item.custom_id} {o.value}  ({o.label})" for o in item.options
                ]
            elif item.disabled:
                shown.append(f"({item.label})")
            else:
                shown.append(f"[{item.label}]")
                presses.append(f"  !press {item.custom_id}  ({item.label})")
    return ["", " ".join(shown), *presses]


def _plain(markdown: str) -> str:
    text = re.sub(r"```(?:text)?\n?", "", markdown)
    return text.replace("**", "").rstrip()


def write_reply(reply: Reply, out: TextIO, as_json: bool, attachments: Path | None = None) -> None:
    if as_json:
        out.write(json.dumps(reply.to_payload(), ensure_ascii=False) + "\n")
    else:
        out.write(reply_text(reply) + "\n\n")
    if attachments is not None:
        attachments.mkdir(parents=True, exist_ok=True)
        for file in reply.files:
            (attachments / Path(file.filename).name).write_bytes(file.data)


async def answer_lines(
    console: Console,
    lines: Iterable[str],
    out: TextIO,
    as_json: bool,
    attachments: Path | None = None,
) -> None:
    """One reply per line, in order (batch mode)."""
    for line in lines:
        write_reply(await console.answer(line.rstrip("\n")), out, as_json, attachments)


async def interactive(console: Console, out: TextIO = sys.stdout) -> None:
    """A prompt that answers until EOF, `exit` or `quit`."""
    import asyncio

    out.write(
        console.tr("console.welcome", commands=", ".join(f"/{n}" for n in console.command_names))
        + "\n"
    )
    loop = asyncio.get_running_loop()
    while True:
        try:
            line = await loop.run_in_executor(None, input, "season> ")
        except (EOFError, KeyboardInterrupt):
            out.write("\n")
            return
        if line.strip().lower() in ("exit", "quit", "/exit", "/quit"):
            return
        if line.strip():
            write_reply(await console.answer(line), out, as_json=False)
