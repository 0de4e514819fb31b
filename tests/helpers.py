"""The test toolkit: how every layer reads a reply, runs `seasonbot`, and finds a line.

One definition each, so that "the text of a reply" means the same thing in a handler test, a
dispatch test and an end-to-end test, and a change to what a reader sees is made once.
Discord's payload builders are in `tests/payloads.py`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import string
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from commands.reply import Button, Embed, Reply, Select
from commands.text import WORD_JOINER


def text(message: Reply | Mapping[str, Any] | None) -> str:
    """Every string a reader sees, one part a line: the content, then each embed's author,
    title, description, field names and values and footer, then each picture's alt text.

    `message` is a `Reply` or a Discord message object (or the body the bot sent). The word
    joiners that hold a score together on a phone (`1\u2060–\u20601`) are invisible, so they
    are left out: a test reads "1–1" as a fan does (`tests/phone.py` checks the joiners)."""
    if message is None:
        return ""
    payload = _as_message(message) if isinstance(message, Reply) else message
    parts = [payload.get("content") or ""]
    for embed in payload.get("embeds") or ():
        parts += [(embed.get("author") or {}).get("name") or ""]
        parts += [embed.get("title") or "", embed.get("description") or ""]
        for embed_field in embed.get("fields") or ():
            parts += [embed_field.get("name") or "", embed_field.get("value") or ""]
        parts.append((embed.get("footer") or {}).get("text") or "")
    for attachment in payload.get("attachments") or ():
        if isinstance(attachment, Mapping):
            parts.append(attachment.get("description") or "")
    return "\n".join(part for part in parts if part).replace(WORD_JOINER, "")


def _as_message(reply: Reply) -> dict[str, Any]:
    """The parts of a Discord message `text` reads, alt texts included (which `to_payload`,
    the console's JSON contract, leaves out)."""
    return {
        "content": reply.content,
        "embeds": [embed.to_dict() for embed in reply.embeds],
        "attachments": [{"description": file.description} for file in reply.files],
    }


def payload_text(message: Reply | Mapping[str, Any]) -> str:
    """The message as it goes over the wire, as JSON (non-ASCII kept): for facts that may sit
    anywhere in it, a button's label or a custom id as much as an embed (word joiners left out,
    as `text` leaves them)."""
    payload = message.to_payload() if isinstance(message, Reply) else message
    return json.dumps(payload, ensure_ascii=False).replace(WORD_JOINER, "")


def only_embed(reply: Reply) -> Embed:
    """The reply's embed, when it must have exactly one, as a fan reads it (`seen`)."""
    assert len(reply.embeds) == 1, f"{len(reply.embeds)} embeds"
    return seen(reply.embeds[0])


def seen(embed: Embed) -> Embed:
    """`embed` without the invisible word joiners that hold a score together on a phone
    (`1\u2060–\u20601` reads "1–1"), as `text` reads it. The no-break spaces stay: a test
    spells them (`J.\u00a0Gutiérrez\u00a055'`)."""

    def bare(part: str | None) -> str | None:
        return part.replace(WORD_JOINER, "") if part is not None else None

    return dataclasses.replace(
        embed,
        title=bare(embed.title),
        description=bare(embed.description),
        fields=tuple(
            dataclasses.replace(f, name=bare(f.name) or "", value=bare(f.value) or "")
            for f in embed.fields
        ),
        footer=bare(embed.footer),
    )


def field(embed: Embed, name: str) -> str:
    """The value of the one field whose name contains `name` (all of it, a prefix such as
    "Tournaments" or a suffix such as " · Final"), as a fan reads it (`seen`)."""
    found = [f.value for f in seen(embed).fields if name in f.name]
    assert len(found) == 1, (
        f"{len(found)} fields named like {name!r}: {[f.name for f in embed.fields]}"
    )
    return found[0]


def buttons(reply: Reply) -> list[Button]:
    """Every button of the reply, row after row."""
    return [item for row in reply.components for item in row if isinstance(item, Button)]


def menu(reply: Reply) -> Select:
    """The reply's one select menu."""
    (select,) = [item for row in reply.components for item in row if isinstance(item, Select)]
    return select


def assert_quiet(records: Iterable[logging.LogRecord]) -> None:
    """Nothing logged with a traceback or at ERROR (by any logger, discord.py's included):
    what a refusal of bad input must be."""
    loud = [r for r in records if r.exc_info or r.levelno >= logging.ERROR]
    assert not loud, [r.getMessage() for r in loud]


def placeholders(template: str) -> set[str]:
    """The `{names}` a catalog string fills in: a translation must use the same ones."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def line_of(text: str, needle: str) -> int:
    """The 1-based number of the first line holding `needle`, as `path:line` messages count."""
    return text[: text.index(needle)].count("\n") + 1


def seasonbot(
    *args: str,
    stdin: str = "",
    env: Mapping[str, str] | None = None,
    knowledge: Path | None = None,
    memory: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` as a process, as an operator runs it. `env` None: this process's
    environment without a Discord token, so the command line never tries to connect.
    `knowledge`: the data folder (SEASONBOT_KNOWLEDGE). `memory`: the most bytes of address
    space it may take, so a command that reads an endless file (`/dev/zero`) fails at once
    instead of taking the machine's memory."""
    if env is None:
        env = {key: value for key, value in os.environ.items() if key != "DISCORD_TOKEN"}
        env["PYTHONIOENCODING"] = "utf-8"
    if knowledge is not None:
        env = {**env, "SEASONBOT_KNOWLEDGE": str(knowledge)}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(env),
        timeout=120,
        check=False,
        preexec_fn=None if memory is None else lambda: _cap_memory(memory),
    )


def _cap_memory(limit: int) -> None:
    import resource  # Unix only, as are the tests that cap memory

    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@contextlib.contextmanager
def named_pipe(path: Path, content: bytes = b"season: {}\n") -> Iterator[Path]:
    """A named pipe (FIFO) at `path`, with a writer that gives whoever opens it for reading
    `content` and then the end of the file. Code that refuses a FIFO never opens it; code that
    wrongly reads it gets `content` instead of waiting for ever, so its test fails, not hangs."""
    os.mkfifo(path)
    stop = threading.Event()

    def feed() -> None:
        while not stop.is_set():
            try:
                descriptor = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # no reader yet
                stop.wait(0.005)
                continue
            with contextlib.suppress(OSError):
                os.write(descriptor, content)
            os.close(descriptor)
            stop.wait(0.05)  # the reader sees the end of the file before the next feed

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        yield path
    finally:
        stop.set()
        writer.join()
