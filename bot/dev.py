"""`seasonbot dev`: the bot on a local Discord, to watch what it sends, without a token.

It starts the Discord double the end-to-end tests use (`tests/e2e/double`: REST, webhooks and
the gateway on 127.0.0.1), starts `python -m bot run` pointed at it exactly as those tests do
(`tests/e2e/botproc.py`: DISCORD_API_BASE and DISCORD_GATEWAY_URL at the double, a made-up
token, the double's servers and moderator as the bot's, every other DISCORD_ and SEASONBOT_
variable of the shell left out, so a real token in it is never used), and turns each line
typed (`/result Necaxa UdeG`) into the interaction Discord would deliver over the gateway.
What went over the wire, and the message the bot sent back, are printed.

The double is test code and ships only in a clone of the repository. It is imported here,
when `dev` runs, never by the bot itself (nothing at the top of this module imports it); an
installed package without it gets a message that says where to find it.

The double and the bot's side of the conversation run on an event loop in a thread of their
own, so that they keep talking (heartbeats, the bot's reconnects) while the prompt waits for
a line on the main thread, where Ctrl-C and line editing work as at a shell.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import sys
import tempfile
import threading
from collections.abc import Awaitable, Iterator, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

if TYPE_CHECKING:
    from bot.console_lines import CommandLines
    from commands.i18n import Tr
    from commands.slash import SlashCommand
    from tests.e2e.botproc import BotProcess
    from tests.e2e.double import Answer, Callback, DiscordDouble, WebhookMessage

T = TypeVar("T")

CHECKOUT = Path(__file__).resolve().parents[1]
"""The repository's root when the bot runs from a clone (an editable install)."""

DOUBLE = Path("tests", "e2e", "double", "__init__.py")

STARTUP_TIMEOUT_S = 60.0
"""How long the bot may take to connect to the double and sync its commands."""

FOLLOWUP_TIMEOUT_S = 20.0
"""How long a deferred answer may take (Discord allows 15 minutes; a picture takes seconds)."""

CLEANUP_TIMEOUT_S = 15.0
"""How long Ctrl-C waits for the work it interrupted to clean up (the bot's SIGTERM drain)."""

CALLBACK_TYPES = {
    1: "pong",
    4: "a message",
    5: "deferred: the bot is thinking…",
    6: "deferred update of the clicked message",
    7: "the clicked message, updated",
    8: "autocomplete choices",
    9: "a modal",
}
"""Interaction callback types, as Discord's documentation names them."""


class DoubleMissing(Exception):
    """The local Discord double is not where a clone has it; the text says what to do."""


def load_harness(root: Path | None = None) -> tuple[ModuleType, ModuleType]:
    """`tests.e2e.double` and `tests.e2e.botproc` from the checkout at `root` (by default the
    one this module is in), put first on the import path (a console script's path starts at
    its own folder, not at the clone). Raises `DoubleMissing` when they are not there or do
    not load."""
    root = CHECKOUT if root is None else root
    if not (root / DOUBLE).is_file():
        raise DoubleMissing(
            "the local Discord double is not installed: it lives in the repository's "
            f"{DOUBLE.parent.as_posix()}/, which an installed package does not ship. Run "
            "`seasonbot dev` from a clone of the repository, installed with "
            '`pip install -e ".[dev]"`.'
        )
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    try:
        from tests.e2e import botproc, double
    except ImportError as error:
        raise DoubleMissing(
            f"the local Discord double in {DOUBLE.parent.as_posix()}/ did not load "
            f'({error}); install the development dependencies: `pip install -e ".[dev]"`.'
        ) from None
    return double, botproc


@dataclass(frozen=True, slots=True)
class DevOptions:
    locale: str = "en-US"
    """The locale the interactions say their user has (Discord's tags: en-US, es-419…)."""
    as_json: bool = False
    """One JSON object per answer (JSONL) instead of the traffic in words."""
    verbose: bool = False
    """Every gateway frame and interaction payload in full."""
    workdir: Path | None = None
    """Where the data copy, the state and the bot's log go, kept; None: a temporary folder."""


@contextlib.contextmanager
def _workdir(kept: Path | None) -> Iterator[Path]:
    if kept is not None:
        kept.mkdir(parents=True, exist_ok=True)
        yield kept
        return
    with tempfile.TemporaryDirectory(prefix="seasonbot-dev-") as temporary:
        yield Path(temporary)


def copy_data(source: Path, target: Path) -> Path:
    """A private copy of the season files at `source` (SEASONBOT_KNOWLEDGE, by default the
    packaged ones): a `/reload` upload in dev writes into the copy, never into the repository
    or the data a real bot serves. Edit the copy to watch the bot reload it."""
    target.mkdir(parents=True, exist_ok=True)
    files = [source] if source.is_file() else sorted(source.glob("*.y*ml"))
    for file in files:
        shutil.copyfile(file, target / file.name)
    return target


@dataclass(slots=True)
class Exchange:
    """One interaction and what the bot answered to it."""

    line: str
    payload: dict[str, Any]
    callback: Callback
    followups: list[WebhookMessage] = field(default_factory=list)

    @property
    def answer(self) -> Answer:
        """What the user sees: the follow-up after a deferral, else the callback."""
        return self.followups[0] if self.followups else self.callback

    def to_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "interaction_id": self.callback.interaction_id,
            "callback": self.callback.body,
            "followups": [
                {"kind": message.kind, "ephemeral": message.ephemeral, "body": message.body}
                for message in self.followups
            ],
        }


class DevSession:
    """The double, the bot process, and turning lines into interactions."""

    def __init__(
        self,
        double_module: ModuleType,
        double: DiscordDouble,
        bot: BotProcess,
        options: DevOptions,
        out: TextIO,
    ) -> None:
        from bot.console_lines import CommandLines
        from commands import declared_commands
        from commands.i18n import locale_for, translator

        self.harness = double_module
        self.double = double
        self.bot = bot
        self.options = options
        self.out = out
        self.tr: Tr = translator(locale_for(options.locale))
        self.declared: dict[str, SlashCommand] = {}
        self.lines: CommandLines = CommandLines()
        for declared in declared_commands():
            self.declared[declared.name] = declared
            self.lines.add(declared, self.tr)
        self.last: Exchange | None = None
        self._frames_seen = 0
        self._received_seen = 0

    # -- start and stop ---------------------------------------------------------------------

    @classmethod
    async def start(
        cls,
        harness: tuple[ModuleType, ModuleType],
        knowledge: Path,
        work: Path,
        options: DevOptions,
        out: TextIO,
    ) -> DevSession:
        double_module, botproc = harness
        double: DiscordDouble = double_module.DiscordDouble()
        await double.start()
        try:
            data = copy_data(knowledge, work / "knowledge")
            bot = await botproc.start_bot(
                double, work, name="bot", knowledge=data, own_session=True
            )
        except BaseException:
            await double.close()
            raise
        session = cls(double_module, double, bot, options, out)
        session._describe_start(data)
        return session

    async def close(self) -> int:
        """SIGTERM to the bot, as Docker and Kubernetes stop it; then the double. Returns the
        bot's exit code."""
        try:
            return await self.bot.stop()
        finally:
            await self.double.close()

    def _describe_start(self, data: Path) -> None:
        double, say = self.double, self._say
        say(f"A local Discord is listening on {double.base_url}: REST at {double.api_base},")
        say(f"the gateway at {double.gateway_url}. No token leaves this machine.")
        say(f"The bot runs as `python -m bot run`; its log: {self.bot.log_path}")
        say(f"It serves a copy of the season files: {data}")
        identify = double.identifies[-1] if double.identifies else {}
        say(
            f"gateway  bot → IDENTIFY  intents {identify.get('intents')}, "
            f"shard {identify.get('shard')}, token {'*' * 8}"
        )
        self._show_frames(announce=True)
        for sync in double.syncs:
            scope = "global" if sync.guild_id is None else f"server {sync.guild_id}"
            say(f"REST     bot → PUT {scope} commands: {len(sync.commands)}")
        say(
            "Type a command as in Discord (/result Necaxa UdeG, /reload file:PATH); "
            "!press CUSTOM_ID [VALUE] clicks a button of the last answer; exit or Ctrl-D ends."
        )

    # -- one line ---------------------------------------------------------------------------

    async def send_line(self, line: str) -> Exchange | None:
        """The interaction `line` makes, delivered over the gateway, and the bot's answer.
        A line that makes no command is answered here, as the console would, and not sent."""
        from bot.console_text import reply_text
        from commands.errors import render_error

        text = line.strip()
        press, _, pressed = text.partition(" ")
        try:
            payload = self._click(pressed) if press.lower() == "!press" else self._slash(text)
        except NothingToPress:
            self._say(
                "!press takes the custom_id of a button or menu of the last answer (see its "
                "components), and for a menu the value chosen: !press CUSTOM_ID [VALUE]"
            )
            return None
        except Exception as error:
            self._say(reply_text(render_error(error, self.tr), self.tr).rstrip())
            return None
        exchange = await self._deliver(line, payload)
        self.last = exchange
        self._report(exchange)
        return exchange

    def _slash(self, line: str) -> dict[str, Any]:
        command, options = self.lines.parse(line)
        declared = self.declared[command.name]
        shown = {option.name: option.shown for option in declared.options}
        values: dict[str, Any] = {}
        for name, value in options.items():
            # A file option arrives read (the console's stand-in for an upload): serve it
            # from the double's CDN, as Discord serves an attachment.
            values[shown[name]] = (
                self.double.attachment("upload.yaml", value) if isinstance(value, bytes) else value
            )
        user = self.harness.MODERATOR if command.moderator else self.harness.FAN
        payload: dict[str, Any] = self.double.slash(
            command.name, user=user, locale=self.options.locale, **values
        )
        return payload

    def _click(self, pressed: str) -> dict[str, Any]:
        custom_id, _, value = pressed.strip().partition(" ")
        if self.last is None or not custom_id:
            raise NothingToPress()
        message = self.double.message_of(self.last.answer, self.last.payload)
        values = [value.strip()] if value.strip() else []
        payload: dict[str, Any] = self.double.click(
            message, custom_id, values, locale=self.options.locale
        )
        return payload

    async def _deliver(self, line: str, payload: dict[str, Any]) -> Exchange:
        callback = await self.double.interact(payload)
        exchange = Exchange(line, payload, callback)
        if callback.type in (5, 6):
            exchange.followups.append(
                await self.double.followup(callback.token, timeout=FOLLOWUP_TIMEOUT_S)
            )
        return exchange

    # -- what is printed ----------------------------------------------------------------------

    def _say(self, text: str) -> None:
        if self.options.as_json:
            print(text, file=sys.stderr, flush=True)
        else:
            self.out.write(text + "\n")
            self.out.flush()

    def _report(self, exchange: Exchange) -> None:
        if self.options.as_json:
            self.out.write(json.dumps(exchange.to_json(), ensure_ascii=False) + "\n")
            self.out.flush()
            self._show_frames(announce=False)
            return
        self._show_frames(announce=True)
        callback = exchange.callback
        kind = CALLBACK_TYPES.get(callback.type, "?")
        say = self._say
        say(
            f"REST     bot → POST /interactions/{callback.interaction_id}/…/callback  "
            f"type {callback.type} ({kind}){', ephemeral' if callback.ephemeral else ''}"
        )
        if callback.data:
            say(_pretty(callback.data))
        for message in exchange.followups:
            where = (
                "POST /webhooks/…" if message.kind == "followup" else "PATCH /webhooks/…/@original"
            )
            say(f"REST     bot → {where}{'  (ephemeral)' if message.ephemeral else ''}")
            say(_pretty(message.body))
            for name, content in message.files.items():
                say(f"         with the file {name}: {len(content):,} bytes")
        say("")

    def _show_frames(self, *, announce: bool) -> None:
        """The gateway frames since the last call: the double's to the bot (READY, the
        servers, each interaction) and, with `verbose`, the bot's (heartbeats)."""
        frames = [frame for session in self.double.sessions.values() for _, frame in session.frames]
        received = [
            payload for connection in self.double.connections for payload in connection.received
        ]
        new_frames, self._frames_seen = frames[self._frames_seen :], len(frames)
        new_received, self._received_seen = received[self._received_seen :], len(received)
        if not announce:
            return
        for frame in new_frames:
            event = json.loads(frame)
            self._say(f"gateway  → bot {_event_line(event)}")
            if self.options.verbose:
                self._say(_pretty(event))
        if self.options.verbose:
            for payload in new_received:
                self._say(f"gateway  bot → op {payload.get('op')}")


class NothingToPress(Exception):
    """`!press` before any answer, or without a custom id."""


def _event_line(event: Mapping[str, Any]) -> str:
    name, data = event.get("t"), event.get("d") or {}
    line = f"{name} (seq {event.get('s')})"
    if name == "INTERACTION_CREATE":
        command = data.get("data") or {}
        if "custom_id" in command:
            return f"{line} click {command['custom_id']}"
        options = " ".join(
            f"{option['name']}:{option.get('value')}" for option in command.get("options") or []
        )
        return f"{line} /{command.get('name')} {options}".rstrip()
    if name == "GUILD_CREATE":
        return f"{line} server {data.get('name')!r} ({data.get('id')})"
    return line


def _pretty(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


class _Loop:
    """An event loop on a thread of its own, and a way to wait on it from the main thread that
    Ctrl-C interrupts (the work it was waiting for is then cancelled)."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self.loop.run_forever, name="seasonbot-dev", daemon=True
        )
        self._thread.start()

    def run(self, work: Awaitable[T]) -> T:
        finished = threading.Event()

        async def wrapped() -> T:
            try:
                return await work
            finally:
                finished.set()

        future: Future[T] = asyncio.run_coroutine_threadsafe(wrapped(), self.loop)
        try:
            return future.result()
        except KeyboardInterrupt:
            # Cancelled, the work still cleans up on the loop (a bot being started is
            # stopped): wait for that, so that no bot process outlives the command.
            future.cancel()
            finished.wait(CLEANUP_TIMEOUT_S)
            raise

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join()
        self.loop.close()


def run_dev(knowledge: Path, options: DevOptions, out: TextIO = sys.stdout) -> int:
    """`seasonbot dev`: until end of input, `exit` or Ctrl-D; exit code 0 if the bot then
    stopped cleanly, 1 if it did not, 2 if the double is not installed or the bot did not
    connect."""
    try:
        harness = load_harness()
    except DoubleMissing as error:
        print(f"seasonbot dev: {error}", file=sys.stderr)
        return 2
    from bot.console import EXIT_WORDS, read_lines

    runner = _Loop()
    try:
        with _workdir(options.workdir) as work:
            try:
                session = runner.run(DevSession.start(harness, knowledge, work, options, out))
            except AssertionError as error:  # botproc's way of saying the bot did not start
                print(f"seasonbot dev: the bot did not connect: {error}", file=sys.stderr)
                return 2
            try:
                interactive = sys.stdin.isatty()
                if interactive:
                    with contextlib.suppress(ImportError):
                        import readline  # noqa: F401  (input() edits lines once it is imported)
                lines = _prompted() if interactive else read_lines(sys.stdin)
                for line in lines:
                    if line.strip().lower() in EXIT_WORDS:
                        break
                    if not line.strip():
                        continue
                    try:
                        runner.run(session.send_line(line))
                    except KeyboardInterrupt:
                        out.write("\n")
                    except AssertionError as error:  # the double's "no answer in time"
                        print(f"seasonbot dev: {error}", file=sys.stderr)
            finally:
                code = runner.run(session.close())
            if code != 0:
                print(f"seasonbot dev: the bot exited with {code}:", file=sys.stderr)
                print(session.bot.tail(), file=sys.stderr)
                return 1
            return 0
    finally:
        runner.close()


def _prompted() -> Iterator[str]:
    """Lines typed at the `dev>` prompt; Ctrl-C clears the line, Ctrl-D ends."""
    while True:
        try:
            yield input("dev> ")
        except EOFError:
            print()
            return
        except KeyboardInterrupt:
            print()
