"""The local console: slash-command lines in, the bot's replies out.

It loads the same feature modules into the same `SeasonBot` (never connected), reads each
line into the options the slash command declares, and calls the handler the Discord callback
calls. Errors go through the same `render_error`. So an answer here is the answer in Discord.

Line syntax: `/command arg1 "arg two" name:value name:"two words"`. Positional values fill the
options in declared order; `/ask` takes the rest of the line verbatim; a line that does not
start with `/` is a question for `/ask`.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import os
import re
import shlex
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from discord import AppCommandOptionType, app_commands
from rapidfuzz import fuzz, process

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
    NoOptions,
    NotUtf8,
    RepeatedOption,
    TooManyArguments,
    UnknownCommand,
    UnknownCommandNear,
    UnknownOption,
    is_expected,
    render_error,
)
from commands.i18n import Locale, Tr, catalog, languages, translator
from commands.reply import Attachment, Reply, Select
from commands.translator import command_key, option_keys
from knowledge.store import KnowledgeStore

log = logging.getLogger("seasonbot.console")

_NAMED = re.compile(r"^([^\W\d][\w-]*):(.*)$", re.DOTALL)
"""`name:value`. A name starts with a letter, so `12:30` stays a value."""
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
"""What Python's surrogateescape makes of bytes that are not UTF-8 (stdin and argv)."""
SUGGEST_CUTOFF = 75
"""Lowest rapidfuzz ratio (0–100) for suggesting a command: `resutl` -> `result` scores 83 and
`hlep` -> `help` 75, while `standings` -> `stadiums` (71) is another command, not a typo.
A suggestion is only ever asked, never run."""
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
    shown: str
    """Its name in the reader's language, as errors name it."""


@dataclass(frozen=True, slots=True)
class _Command:
    name: str
    handler: Handler
    options: tuple[_Option, ...]
    rest_of_line: bool
    """`/ask`: everything after the command is one value, quotes and colons included."""
    shown: str
    """Its name in the reader's language (`llave`), as the banner and errors show it."""


@dataclass(frozen=True, slots=True)
class Answered:
    command: str | None
    """The canonical (English) name of the command that answered; None if the line named none."""
    reply: Reply


def _localized(key: str) -> set[str]:
    return {catalog(language).get(key, "") for language in languages()} - {""}


def _shown(tr: Tr, keys: Iterable[str], fallback: str) -> str:
    return next((tr(key) for key in keys if tr.has(key)), fallback)


def _describe(command: app_commands.Command[Any, ..., Any], tr: Tr) -> _Command:
    options = []
    for parameter in command.parameters:
        # Spanish option names come from the same catalog keys the Translator uses.
        keys = option_keys(command.name, parameter.name, "name")
        names = {parameter.name, parameter.display_name}
        for key in keys:
            names |= _localized(key)
        options.append(
            _Option(
                parameter.name,
                frozenset(name.lower() for name in names),
                parameter.required,
                parameter.type,
                _shown(tr, keys, parameter.name),
            )
        )
    return _Command(
        command.name,
        command.extras["handler"],
        tuple(options),
        bool(command.extras.get("rest_of_line")),
        _shown(tr, [command_key(command.name, "name")], command.name),
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
                described = _describe(command, console.tr)
                for name in {command.name, *_localized(command_key(command.name, "name"))}:
                    console._commands[name.lower()] = described
        console.handlers = command_handlers(bot.tree)
        await bot.close()
        return console

    @property
    def command_names(self) -> list[str]:
        """Every command as the reader's language names it (`resultado`, `llave`…)."""
        return sorted({command.shown for command in self._commands.values()})

    def parse(self, line: str) -> tuple[_Command, dict[str, Any]]:
        """The command a line names and the handler's keyword options."""
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
        if command.rest_of_line:
            return command, ({command.options[0].name: rest.strip()} if command.options else {})
        try:
            tokens = shlex.split(rest)
        except ValueError:
            raise BadQuoting() from None
        options: dict[str, Any] = {}
        tokens = self._take_flags(command, tokens, options)
        positional = [o for o in command.options if o.kind is not AppCommandOptionType.boolean]
        if len(positional) == 1 and positional[0].kind is AppCommandOptionType.string:
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
                raise MissingOption(command=command.shown, option=option.shown)
        return command, options

    def _take_flags(
        self, command: _Command, tokens: list[str], options: dict[str, Any]
    ) -> list[str]:
        """Read the yes/no options (`private:yes`) into `options`; the other tokens are left.

        A yes/no option is only ever named, so it never takes a value meant for the text
        options, nor splits `/club Leones Negros`."""
        rest = []
        for token in tokens:
            named = _NAMED.match(token)
            flag = self._option_named(command, named.group(1)) if named else None
            if named is None or flag is None or flag.kind is not AppCommandOptionType.boolean:
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
    def _option_named(command: _Command, name: str) -> _Option:
        found = next((o for o in command.options if name.lower() in o.names), None)
        if found is not None:
            return found
        if not command.options:
            raise NoOptions(command=command.shown)
        listed = ", ".join(f"`{option.shown}`" for option in command.options)
        raise UnknownOption(command=command.shown, option=name, options=listed)

    @staticmethod
    def _value(command: _Command, option: _Option, value: str) -> Any:
        if option.kind is AppCommandOptionType.attachment:
            # The console's stand-in for an upload: a path to a local file.
            try:
                return Path(value).read_bytes()
            except OSError:
                raise BadOptionValue(option=option.shown) from None
        if option.kind is AppCommandOptionType.boolean:
            answer = value.strip().lower()
            if answer in _YES | _NO:
                return answer in _YES
            raise BadOptionValue(option=option.shown)
        if option.kind is AppCommandOptionType.integer:
            try:
                return int(value)
            except ValueError:
                raise BadOptionValue(option=option.shown) from None
        return value

    def context(self) -> Context:
        return Context(self.store.current, self.tr, user_id=None, moderation=self.moderation)

    async def answer(self, line: str) -> Reply:
        """The reply to one line. Errors are replies too (ephemeral), never exceptions."""
        return (await self.answer_line(line)).reply

    async def answer_line(self, line: str) -> Answered:
        """`answer`, also saying which command answered (it names saved pictures)."""
        press, _, pressed = line.strip().partition(" ")
        if press.lower() == "!press":
            custom_id, _, value = pressed.strip().partition(" ")
            values = [value.strip()] if value.strip() else []
            return Answered(None, await self.press(custom_id, values))
        command: _Command | None = None
        try:
            command, options = self.parse(line)
            reply = await answer_command(self.context(), command.name, command.handler, options)
            return Answered(command.name, reply)
        except Exception as error:
            if not is_expected(error):
                log.exception("error answering %r", line[:200])
            return Answered(command.name if command else None, render_error(error, self.tr))

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


def reply_text(reply: Reply, tr: Tr | None = None) -> str:
    """A reply as plain terminal text: headings, fields, tables without code fences."""
    out: list[str] = []
    if reply.ephemeral:
        out.append((tr or translator("en"))("console.only_you"))
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


_CODE_FENCE = re.compile(r"```(?:text)?\n?")
_INLINE_CODE = re.compile(r"`([^`\n]+)`")
_ITALIC = re.compile(r"(?<![\w\\])_(\S(?:[^_\n]*\S)?)_(?!\w)")
_ESCAPED = re.compile(r"\\([*_`~|>\\])")


def _plain(markdown: str) -> str:
    """Markdown as a terminal shows it: every mark Discord would draw (code blocks, inline
    code, bold, italics) is dropped alike, and escaped characters are shown as typed."""
    text = _CODE_FENCE.sub("", markdown)
    text = _INLINE_CODE.sub(r"\1", text.replace("**", ""))
    return _ESCAPED.sub(r"\1", _ITALIC.sub(r"\1", text)).rstrip()


class AttachmentFolder:
    """Where `seasonbot ask --attachments DIR` saves reply files.

    Checked before the first answer, so a bad folder is one error, not one per picture. A
    file is named after the command and what it shows (`path-necaxa-clausura-2014.png`) and
    never replaces one already there: the next free `-2`, `-3`… is taken, atomically.
    """

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise AttachmentFolderError(path, "no such folder")
        if not path.is_dir():
            raise AttachmentFolderError(path, "not a folder")
        try:
            fd, probe = tempfile.mkstemp(dir=path, prefix=".seasonbot-probe-")
            os.close(fd)
            Path(probe).unlink()
        except OSError as error:
            raise AttachmentFolderError(path, f"cannot write there ({error.strerror})") from None
        self.path = path

    def save(self, command: str | None, attachment: Attachment) -> Path:
        original = Path(attachment.filename)
        parts = (command, attachment.subject or original.stem)
        stem = re.sub(r"[^\w.-]+", "-", "-".join(part for part in parts if part)).strip(".-")
        for number in itertools.count(1):
            name = (
                f"{stem}{original.suffix}" if number == 1 else f"{stem}-{number}{original.suffix}"
            )
            try:
                fd = os.open(self.path / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                continue
            except OSError as error:
                raise AttachmentFolderError(self.path, error.strerror or str(error)) from None
            with os.fdopen(fd, "wb") as file:
                file.write(attachment.data)
            return self.path / name
        raise AssertionError("unreachable")


class AttachmentFolderError(Exception):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"--attachments {path}: {reason}")


def write_reply(
    answered: Answered,
    out: TextIO,
    as_json: bool,
    tr: Tr,
    attachments: AttachmentFolder | None = None,
) -> None:
    reply = answered.reply
    if as_json:
        out.write(json.dumps(reply.to_payload(), ensure_ascii=False) + "\n")
    else:
        out.write(reply_text(reply, tr) + "\n\n")
    out.flush()
    if attachments is not None:
        for file in reply.files:
            attachments.save(answered.command, file)


async def answer_lines(
    console: Console,
    lines: Iterable[str],
    out: TextIO,
    as_json: bool,
    attachments: AttachmentFolder | None = None,
) -> None:
    """One reply per line, in order (batch mode)."""
    for line in lines:
        answered = await console.answer_line(line.rstrip("\r\n"))
        write_reply(answered, out, as_json, console.tr, attachments)


EXIT_WORDS = frozenset({"exit", "quit", "/exit", "/quit"})


def interactive(
    console: Console, loop: asyncio.AbstractEventLoop, out: TextIO = sys.stdout
) -> None:
    """A prompt that answers until Ctrl-D, `exit` or `quit`. Ctrl-C clears the line being
    typed (or drops the answer being worked out), as in a shell; it never ends in a traceback.

    The prompt is read on the main thread, where Ctrl-C arrives as KeyboardInterrupt and GNU
    readline (where Python has it) gives line editing and history; each answer runs on `loop`.
    """
    if sys.stdin.isatty():
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (input() edits lines once it is imported)
    names = ", ".join(f"/{name}" for name in console.command_names)
    out.write(console.tr("console.welcome", commands=names) + "\n")
    out.flush()
    prompt = console.tr("console.prompt")
    while True:
        try:
            line = input(prompt)
        except EOFError:
            out.write("\n")
            return
        except KeyboardInterrupt:
            out.write("\n")
            continue
        if line.strip().lower() in EXIT_WORDS:
            return
        if not line.strip():
            continue
        task = loop.create_task(console.answer_line(line))
        try:
            answered = loop.run_until_complete(task)
        except KeyboardInterrupt:
            task.cancel()
            with contextlib.suppress(BaseException):
                loop.run_until_complete(task)
            out.write("\n")
            continue
        write_reply(answered, out, as_json=False, tr=console.tr)
