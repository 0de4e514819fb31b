"""The local console: slash-command lines in, the bot's replies out.

It reads the same declared commands the bot registers (`commands.declared_commands`, never
discord.py), reads each line into the options the slash command declares, and calls the
handler the Discord callback calls. Errors go through the same `render_error`. So an answer
here is the answer in Discord.

How a line is read is in `console_lines.py` (the line syntax is described there), how a
reply is shown in `console_text.py`.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import os
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from bot.console_lines import MAX_LINE_CHARS, CommandLines, ConsoleCommand
from bot.console_text import reply_text
from commands import declared_commands
from commands.context import Context, Handler, Moderation
from commands.errors import PressWithoutId, log_error, render_error
from commands.i18n import Locale, Tr, translator
from commands.pipeline import answer as answer_command
from commands.pipeline import press as press_component
from commands.reply import Attachment, Reply
from knowledge.store import KnowledgeStore

__all__ = [
    "EXIT_WORDS",
    "Answered",
    "AttachmentFolder",
    "AttachmentFolderError",
    "Console",
    "answer_lines",
    "interactive",
    "read_lines",
    "reply_text",
    "write_reply",
]

log = logging.getLogger("seasonbot.console")


@dataclass(frozen=True, slots=True)
class Answered:
    command: str | None
    """The canonical (English) name of the command that answered; None if the line named none."""
    reply: Reply


class Console:
    """Answers command lines with the bot's handlers."""

    def __init__(
        self, store: KnowledgeStore, locale: Locale, moderation: Moderation | None = None
    ) -> None:
        self.store = store
        self.tr: Tr = translator(locale)
        self.moderation = moderation
        self.lines = CommandLines(moderator_commands=moderation is not None)
        self.handlers: dict[str, Handler] = {}
        """What a component may run again: the public commands (`--press`, `!press`)."""
        for declared in declared_commands():
            self.lines.add(declared, self.tr)
            if not declared.moderator:
                self.handlers[declared.name] = declared.handler

    @property
    def command_names(self) -> list[str]:
        """Every command as the reader's language names it (`resultado`, `llave`…)."""
        return self.lines.names

    def parse(self, line: str) -> tuple[ConsoleCommand, dict[str, Any]]:
        """The command a line names and the handler's keyword options."""
        return self.lines.parse(line)

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
            if not custom_id:
                return Answered(None, render_error(PressWithoutId(), self.tr))
            values = [value.strip()] if value.strip() else []
            return Answered(None, await self.press(custom_id, values))
        command: ConsoleCommand | None = None
        try:
            command, options = self.parse(line)
            reply = await answer_command(self.context(), command.name, command.handler, options)
            return Answered(command.name, reply)
        except Exception as error:
            log_error(error, log, f"answering {line[:200]!r}", refusals=False)
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
            log_error(error, log, f"pressing {custom_id[:100]!r}", refusals=False)
            return render_error(error, self.tr)
        return pressed.new or pressed.update or Reply(content="✓")


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


def read_lines(stream: TextIO, limit: int = MAX_LINE_CHARS) -> Iterator[str]:
    """Each line of `stream`, without its line ending, in bounded memory.

    A line over `limit` characters comes as its first `limit + 1` (which the console refuses
    as too long, naming the limit), and the rest of it is read and dropped in pieces of that
    size: a line of gigabytes costs no more memory than one at the limit, and still gets its
    one reply."""
    piece = limit + 2  # a line at the limit, with "\r\n"
    while line := stream.readline(piece):
        if len(line) < piece or line.endswith("\n"):
            yield line.rstrip("\r\n")
            continue
        while (rest := stream.readline(piece)) and not rest.endswith("\n"):
            pass
        yield line[: limit + 1]


async def answer_lines(
    console: Console,
    stream: TextIO,
    out: TextIO,
    as_json: bool,
    attachments: AttachmentFolder | None = None,
) -> None:
    """One reply per line of `stream`, in order (batch mode)."""
    for line in read_lines(stream):
        answered = await console.answer_line(line)
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
