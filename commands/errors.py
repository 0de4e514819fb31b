"""Errors a command line or an option can cause, and the one place that words every error.

`render_error` is what both transports use: the Discord tree's `on_error` and the console
turn any exception into the same ephemeral reply. Unexpected errors get a generic message;
exception text never reaches users. `is_expected` is the one split between a refusal (an
error in what was asked) and a failure, and `log_error` logs each by it, for every transport.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from commands.i18n import Tr
from commands.reply import BRAND, WARNING, Embed, Reply
from commands.text import user_text
from knowledge.errors import (
    AmbiguousName,
    Candidate,
    KnowledgeError,
    NameNotFound,
    SameClubTwice,
)


class CommandError(Exception):
    """A problem with how a command was called (mostly from the console's free-form lines)."""

    log_level = logging.INFO
    """How loud its refusal is in the log (`log_error`)."""

    key = "error.usage"
    user_text: tuple[str, ...] = ()
    """Which params the user typed: those are escaped when echoed; ours are shown as code."""

    def __init__(self, **params: str) -> None:
        super().__init__(", ".join(f"{k}={v}" for k, v in params.items()))
        self.params = params


class UnknownCommand(CommandError):
    key = "error.unknown_command"
    user_text = ("name",)


class UnknownCommandNear(UnknownCommand):
    """An unknown command with a close one: `/resutl` -> "Did you mean /result?"."""

    key = "error.unknown_command_near"


class StaleCommand(CommandError):
    """Discord sent a command this bot no longer has: its command list is being updated."""

    key = "error.stale_command"
    user_text = ("name",)


class OutdatedCommand(CommandError):
    """Discord sent a command in a shape this version does not declare: a definition it has
    not finished replacing (an option added, retyped or removed since), or a forged payload.
    Which answer was meant is a guess, so none is given."""

    key = "error.outdated_command"


class OutdatedOption(OutdatedCommand):
    """As `OutdatedCommand`, naming the option that does not fit (as Discord sent it)."""

    key = "error.outdated_option"
    user_text = ("option",)


class MissingOption(CommandError):
    key = "error.missing_option"


class UnknownOption(CommandError):
    key = "error.unknown_option"
    user_text = ("option",)


class NoOptions(CommandError):
    """`name:value` given to a command that takes no options."""

    key = "error.no_options"


class RepeatedOption(CommandError):
    """`name:` given twice (or by position and by name): which value was meant is a guess."""

    key = "error.repeated_option"


class NotUtf8(CommandError):
    """A line whose bytes are not UTF-8: it is refused whole, its bytes are never echoed."""

    key = "error.not_utf8"


class LineTooLong(CommandError):
    """A console line longer than any command needs: refused before it is read, because
    reading one (shlex) takes time that grows with the square of a word's length."""

    key = "error.line_too_long"


class ModeratorCommandOff(CommandError):
    """A moderator command (`/reload`) in a console that runs none: `seasonbot ask` runs
    lines from scripts and files, so changing the data there needs `--allow-reload`."""

    key = "error.moderator_command_off"


class TooManyArguments(CommandError):
    key = "error.too_many_arguments"


class BadQuoting(CommandError):
    key = "error.bad_quoting"


class BadOptionValue(CommandError):
    key = "error.bad_option_value"


class NotYesOrNo(BadOptionValue):
    """A yes/no option given something else: the message says what it takes."""

    key = "error.not_yes_or_no"
    user_text = ("value",)


class UnreadableFile(BadOptionValue):
    """The console's `file:` names no file it can read (its stand-in for an upload)."""

    key = "error.unreadable_file"
    user_text = ("path",)


class PressWithoutId(CommandError):
    """A bare `!press`: which button is meant is missing, not out of date."""

    key = "error.press_without_id"


class NotAllowed(CommandError):
    """A moderator command from someone who is not a moderator."""

    key = "error.not_allowed"
    log_level = logging.WARNING  # someone tried a moderator's command: worth a moderator's look


def _names(candidates: Sequence[Candidate]) -> str:
    return ", ".join(f"**{candidate.name}**" for candidate in candidates)


def _message(error: BaseException, tr: Tr) -> str:
    if isinstance(error, NameNotFound):
        kind = error.kind
        query = user_text(error.query, 60)
        if error.reason in ("blank", "too_long"):
            return tr(f"error.{kind}.{error.reason}")
        if error.reason == "former_name":
            if error.suggestions:
                return tr(f"error.{kind}.former", query=query, club=error.suggestions[0].name)
            return tr(f"error.{kind}.former_gone", query=query)
        if error.reason == "other_club" and error.league:
            if error.suggestions:
                club = error.suggestions[0].name
                return tr(
                    "error.club.other_club_similar", query=query, league=error.league, club=club
                )
            return tr("error.club.other_club", query=query, league=error.league)
        text = tr(f"error.{kind}.not_found", query=query)
        if error.suggestions:
            text += "\n" + tr("error.did_you_mean", names=_names(error.suggestions))
        return text
    if isinstance(error, AmbiguousName):
        query = user_text(error.query, 60)
        return tr(f"error.{error.kind}.ambiguous", query=query, names=_names(error.candidates))
    if isinstance(error, SameClubTwice):
        return tr("error.same_club")
    if isinstance(error, CommandError):
        params = {
            key: user_text(value, 60) if key in error.user_text else value
            for key, value in error.params.items()
        }
        return tr(error.key, **params)
    return tr("error.unexpected")


def _question(error: BaseException, tr: Tr) -> str | None:
    """The title of a name asked back, which is a question, not an error: "Did you mean…?"
    for a name with close ones, "Which Estudiantes?" for a name several clubs share."""
    if isinstance(error, AmbiguousName):
        query = user_text(error.query, 60)
        return tr("error.which", query=query[:1].upper() + query[1:])
    if isinstance(error, NameNotFound) and error.reason == "no_match" and error.suggestions:
        return tr("error.did_you_mean_title")
    return None


def render_error(error: BaseException, tr: Tr) -> Reply:
    """The ephemeral reply for any error; known ones say what to fix. A name asked back is
    worded as the question it is, in the bot's own colour."""
    question = _question(error, tr)
    if question is not None:
        embed = Embed(title=question, description=_message(error, tr), color=BRAND)
        return Reply(embeds=(embed,), ephemeral=True)
    title = tr("error.title") if is_expected(error) else None
    embed = Embed(title=title, description=_message(error, tr), color=WARNING)
    return Reply(embeds=(embed,), ephemeral=True)


def is_expected(error: BaseException) -> bool:
    """Errors caused by input, which need no traceback in the log."""
    return isinstance(error, KnowledgeError | CommandError)


def log_error(
    error: BaseException,
    log: logging.Logger,
    doing: str,
    extra: Mapping[str, object] | None = None,
    *,
    refusals: bool = True,
) -> bool:
    """Log an error by the one split: a refusal as one line without a traceback (at its
    `log_level`; not at all with `refusals=False`, where the person reads the refusal at
    once, as in the console), anything else with its traceback. True if it was a failure
    (unexpected), for the caller to count."""
    if is_expected(error):
        if refusals:
            level = error.log_level if isinstance(error, CommandError) else logging.INFO
            log.log(level, "refused %s: %s", doing, type(error).__name__, extra=extra)
        return False
    log.error("error %s", doing, exc_info=error, extra=extra)
    return True
