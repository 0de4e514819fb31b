"""The `seasonbot` command line. Settings are built here, in `main()`, once.

Start-up is part of the answer: `seasonbot ask` is run once per line by scripts, and
`seasonbot --help` should feel instant. So this module imports only the standard library at
the top, and each command imports what it uses where it runs: the gateway client (discord's
connection, signals, the health beat) only for `run` and `sync`, the console only for `ask`
and `console`, and nothing of the bot for `--help` or a usage error. A test checks that
`import bot.cli` loads no discord, aiohttp, Pillow or pydantic.
"""

from __future__ import annotations

import argparse
import io
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import SecretStr

    from bot.settings import Settings
    from knowledge.store import KnowledgeStore


def _locale(tag: str) -> str:
    from commands.i18n import match_locale, supported_locales

    if match_locale(tag) is None:
        raise argparse.ArgumentTypeError(
            f"no catalog for “{tag}”; available: {', '.join(supported_locales())}"
        )
    return tag


TOKEN = ("DISCORD_TOKEN", "DISCORD_TOKEN_FILE")
LOGS = ("SEASONBOT_LOG_LEVEL", "SEASONBOT_LOG_FORMAT")
DATA = ("SEASONBOT_KNOWLEDGE",)
SETTINGS_READ: dict[str, tuple[str, ...]] = {
    "run": (
        *TOKEN,
        "DISCORD_API_BASE",
        "DISCORD_GATEWAY_URL",
        *DATA,
        "SEASONBOT_ADMIN_GUILDS",
        "SEASONBOT_MODERATORS",
        "SEASONBOT_MODERATOR_ROLES",
        "SEASONBOT_SHARD_COUNT",
        "SEASONBOT_SHARD_IDS",
        "SEASONBOT_STATE_DIR",
        "SEASONBOT_WATCH",
        "SEASONBOT_WATCH_INTERVAL",
        "SEASONBOT_WATCH_CHECK",
        "SEASONBOT_BACKUPS",
        "SEASONBOT_SHUTDOWN_GRACE",
        "SEASONBOT_DEFER_AFTER",
        "SEASONBOT_MAX_IN_FLIGHT",
        *LOGS,
    ),
    "console": (*DATA, *LOGS),
    "ask": (*DATA, *LOGS),
    "check": DATA,
    "sync": (*TOKEN, "DISCORD_API_BASE", *DATA, "SEASONBOT_ADMIN_GUILDS", "SEASONBOT_STATE_DIR"),
    "health": ("SEASONBOT_STATE_DIR",),
    "invite": ("SEASONBOT_APPLICATION_ID", *TOKEN),
    "dev": DATA,
}
"""The environment variables each command reads, which its --help names. (Every command
refuses a setting that cannot be right, whichever it reads.)"""

NOT_DOTENV = (
    "Settings are environment variables (the README's configuration table); "
    "a .env file is not read."
)


def _reads(command: str) -> str:
    return f"Reads {', '.join(SETTINGS_READ[command])}. {NOT_DOTENV}"


class _Version(argparse.Action):
    """`--version`, looked up only when asked: `--help` stays free of importlib.metadata."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from importlib.metadata import version

        print(f"seasonbot {version('seasonbot')}")
        parser.exit()


def _command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    details: str = "",
) -> argparse.ArgumentParser:
    """A subcommand whose --help says what it does (and, with `details`, more) and which
    settings it reads."""
    description = f"{summary}. {details}".strip()
    return sub.add_parser(name, help=summary, description=description, epilog=_reads(name))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seasonbot",
        description=(
            "Answers questions about the 2013–14 Ascenso MX season. Without a COMMAND: the "
            "local console (never the Discord bot, even with a token set: that is `run`)."
        ),
        epilog=NOT_DOTENV,
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = _command(sub, "check", "validate season files (exit 1 with path:line errors)")
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="season files or folders (default: SEASONBOT_KNOWLEDGE, else the packaged data)",
    )
    console = _command(sub, "console", "interactive console: type slash-command lines")
    ask = _command(sub, "ask", "answer one line, or each line of stdin with -")
    ask.add_argument("--json", action="store_true", help="print the message payload as JSON")
    ask.add_argument("--locale", default="en", type=_locale, help=LOCALE_HELP)
    ask.add_argument("--attachments", type=Path, metavar="DIR", help="write reply files here")
    ask.add_argument(
        "--allow-reload",
        action="store_true",
        help="run /reload lines (they change the data folder; without this they are refused)",
    )
    ask.add_argument(
        "--press",
        metavar="CUSTOM_ID",
        help="run what clicking a component runs (its custom_id, from --json)",
    )
    ask.add_argument(
        "--value", metavar="VALUE", help="with --press on a menu: the chosen option's value"
    )
    ask.add_argument(
        "line",
        nargs="*",
        metavar="LINE",
        help="a command line, or - for stdin (or --press's VALUE)",
    )
    console.add_argument("--locale", default="en", type=_locale, help=LOCALE_HELP)
    _command(sub, "run", "run the Discord bot (needs DISCORD_TOKEN or DISCORD_TOKEN_FILE)")
    sync = _command(sub, "sync", "push the command definitions to Discord now")
    sync.add_argument(
        "--guild",
        type=int,
        metavar="ID",
        help="copy every command to this server alone, where it shows at once (for testing)",
    )
    sync.add_argument(
        "--clear",
        action="store_true",
        help="with --guild: remove that copy (an admin server keeps its /reload)",
    )
    _command(sub, "health", "exit 0 if the running bot is connected (for HEALTHCHECK)")
    _command(sub, "invite", "print the link that adds the bot to a server (no network call)")
    dev = _command(
        sub,
        "dev",
        "the bot on a local Discord (no token): type commands, watch the traffic",
        details=(
            "Starts the local Discord double the end-to-end tests use (REST and gateway on "
            "127.0.0.1) and `seasonbot run` pointed at it, with a copy of the data "
            "SEASONBOT_KNOWLEDGE names; each line typed is delivered as an interaction over "
            "the gateway and the bot's answer printed. Needs a clone of the repository."
        ),
    )
    dev.add_argument(
        "--locale", default="en-US", help="the users' Discord locale (en-US, es-419, es-ES)"
    )
    dev.add_argument("--json", action="store_true", help="one JSON object per answer (JSONL)")
    dev.add_argument("--verbose", action="store_true", help="every gateway frame in full")
    dev.add_argument(
        "--workdir", type=Path, metavar="DIR", help="keep the data copy and the bot's log here"
    )
    return parser


LOCALE_HELP = (
    "reply language: en, es-419 (Latin America; plain es and es-MX mean it too) or es-ES (Spain)"
)


def _utf8_streams() -> None:
    """Lines are UTF-8 whatever the terminal's locale. Bytes that are not come in as lone
    surrogates, which the console answers with an error for that line alone; nothing the
    bot writes can then be invalid UTF-8."""
    for stream, errors in (
        (sys.stdin, "surrogateescape"),
        (sys.stdout, "replace"),
        (sys.stderr, "backslashreplace"),
    ):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors=errors)


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_streams()
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader went away (`seasonbot ask - | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


class HangupsWhileStarting:
    """SIGHUP asks the running bot to reload its data, but until the bot's loop takes the
    signal over, Python leaves it at its default, which ends the process: an operator's
    reload (or a terminal closing) during the start would take the bot down. From the start
    of `run` on, a hang-up is counted instead, and the bot reloads once it is up."""

    def __init__(self) -> None:
        self.count = 0
        signal.signal(signal.SIGHUP, self._hung_up)

    def _hung_up(self, signum: int, frame: object) -> None:
        self.count += 1


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if getattr(args, "clear", False) and args.guild is None:
        parser.error("sync --clear needs --guild ID")
    hangups = HangupsWhileStarting() if args.command == "run" else None
    from pydantic import ValidationError

    from bot.logs import configure_logging
    from bot.settings import NO_TOKEN, Settings

    try:
        settings = Settings.from_environment(os.environ)
    except ValidationError as error:
        for problem in error.errors():
            # The variable's name alone: `SEASONBOT_SHARD_IDS`, not pydantic's `…_IDS.0`.
            name = str(problem["loc"][0]) if problem["loc"] else ""
            message = str(problem["msg"]).removeprefix("Value error, ")
            where = f" {name}" if name else ""
            print(f"seasonbot: bad setting{where}: {message}", file=sys.stderr)
        return 2
    if args.command == "check":
        from bot.checkcmd import check

        return check(args.paths or [settings.knowledge])
    if args.command == "health":
        from bot.health import check_health

        healthy, why = check_health(settings.state_dir)
        print(why)
        return 0 if healthy else 1
    if args.command == "invite":
        return _invite(settings)
    if args.command == "dev":
        return _dev(settings, args)
    configure_logging(settings.log_level, settings.log_format)
    command = args.command
    if command is None:
        # Never the bot: a token left in the shell may be another bot's, whose global
        # commands a start would replace with ours. Running the bot is asked for by name.
        command, args.locale = "console", "en"
        token_set = settings.discord_token is not None or settings.discord_token_file is not None
        print(CONSOLE_WITH_TOKEN if token_set else CONSOLE_WITHOUT_TOKEN, file=sys.stderr)
    elif command in ("run", "sync") and _token(settings) is None:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    # `ask` answers what it is given and exits: nothing is worked out ahead for later fans.
    store = _open_store(settings, prepare=command != "ask")
    if store is None:
        return 1
    if command == "ask":
        import asyncio

        from bot.console import AttachmentFolderError

        try:
            return asyncio.run(_ask(store, args))
        except AttachmentFolderError as error:
            print(f"seasonbot: {error}", file=sys.stderr)
            return 2
    if command == "console":
        try:
            return _console(store, args.locale)
        except KeyboardInterrupt:
            print(file=sys.stderr)
            return 130
    from bot import runtime  # the gateway client: only to connect

    if command == "sync":
        return runtime.sync(settings, store, args.guild, copy=not args.clear)
    return runtime.run(settings, store, hangups=lambda: hangups.count if hangups else 0)


CONSOLE_WITHOUT_TOKEN = (
    "This is the local console: type commands like /result Necaxa UdeG, or a question. "
    "`seasonbot run` runs the Discord bot (with DISCORD_TOKEN or DISCORD_TOKEN_FILE set)."
)
CONSOLE_WITH_TOKEN = (
    "This is the local console: a bot token is set, but `seasonbot` alone never starts the "
    "bot (a start replaces the token's application's commands with these). "
    "`seasonbot run` runs the Discord bot."
)


def _token(settings: Settings) -> SecretStr | None:
    """The configured token, if any. A DISCORD_TOKEN_FILE that gives none ends the command
    (exit 2) naming the file: "no token" would send the operator after the wrong thing."""
    from bot.settings import TokenFileError

    try:
        return settings.token()
    except TokenFileError as error:
        print(f"seasonbot: {error}", file=sys.stderr)
        raise SystemExit(2) from None


def _invite(settings: Settings) -> int:
    """The invite link, from SEASONBOT_APPLICATION_ID or the token; no network call."""
    from bot.invite import PERMISSION_BITS, PERMISSIONS, application_id_of, invite_url

    application_id = settings.application_id
    if application_id is None:
        token = _token(settings)
        if token is None:
            print(NO_APPLICATION_ID, file=sys.stderr)
            return 2
        try:
            application_id = application_id_of(token.get_secret_value())
        except ValueError as error:
            print(f"seasonbot invite: {error}", file=sys.stderr)
            return 2
    print(invite_url(application_id))
    print(
        f"scopes: bot, applications.commands; permissions {PERMISSIONS}: "
        + ", ".join(PERMISSION_BITS),
        file=sys.stderr,
    )
    return 0


NO_APPLICATION_ID = (
    "seasonbot invite: needs the application id: set SEASONBOT_APPLICATION_ID (the "
    "Developer Portal's Application ID), or DISCORD_TOKEN / DISCORD_TOKEN_FILE."
)


def _dev(settings: Settings, args: argparse.Namespace) -> int:
    from bot.dev import DevOptions, run_dev

    options = DevOptions(args.locale, args.json, args.verbose, args.workdir)
    try:
        return run_dev(settings.knowledge, options)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130


def _open_store(settings: Settings, prepare: bool) -> KnowledgeStore | None:
    from knowledge.loader import SeasonRefused
    from knowledge.store import KnowledgeStore

    try:
        return KnowledgeStore(settings.knowledge, prepare)
    except SeasonRefused as refused:
        print("seasonbot: the season data is not valid:", file=sys.stderr)
        for line in refused.lines():
            print(f"  {line}", file=sys.stderr)
        return None


async def _ask(store: KnowledgeStore, args: argparse.Namespace) -> int:
    from bot.console import (
        Answered,
        AttachmentFolder,
        Console,
        answer_lines,
        write_reply,
    )
    from bot.moderation import Reloader
    from commands.i18n import locale_for

    folder = AttachmentFolder(args.attachments) if args.attachments is not None else None
    # Lines come from scripts and files here, not from someone at a prompt: /reload, which
    # reads the file it names and rewrites the data folder, runs only when asked for.
    reloader = Reloader(store) if args.allow_reload else None
    console = Console(store, locale_for(args.locale), reloader)
    if args.press is not None:
        values = [args.value] if args.value else args.line  # a menu's choice: `tournament=…`
        pressed = Answered(None, await console.press(args.press, values))
        write_reply(pressed, sys.stdout, args.json, console.tr, folder)
    elif not args.line:
        print("seasonbot ask: give a LINE, - for stdin, or --press CUSTOM_ID", file=sys.stderr)
        return 2
    elif args.line == ["-"]:
        await answer_lines(console, sys.stdin, sys.stdout, args.json, folder)
    else:
        answered = await console.answer_line(" ".join(args.line))
        write_reply(answered, sys.stdout, args.json, console.tr, folder)
    return 0


def _console(store: KnowledgeStore, locale: str) -> int:
    import asyncio

    from bot.console import Console, interactive
    from bot.moderation import Reloader
    from commands.i18n import locale_for

    # Not asyncio.run: the prompt reads on the main thread between answers (see interactive).
    with asyncio.Runner() as runner:
        console = Console(store, locale_for(locale), Reloader(store))
        interactive(console, runner.get_loop())
    return 0
