"""One way from a request on Discord to its answer: slash commands, clicks and mentions alike.

A request is some work that yields what to show (a `Pressed`: a new message, and for a click
its message redrawn or stripped of its buttons). Whatever the request:

- an error raised on the way becomes its reply in one place, `error_reply`: a refusal (a
  domain error) is one log line, anything else is counted as failed, with its traceback in
  the log; `render_error` words both;
- the answer goes out by the request's transport: an interaction's first response or, once
  the interaction was deferred, an edit of the deferral (`@original`: the "thinking…"
  message, or the clicked message); a reply to a message;
- once out, it is counted (`Metrics.answered`) and logged as "answered", with its latency.

After a public deferral, an answer only its asker may see (an error, or a private answer)
cannot take the deferral's place, which the whole channel sees: the deferral is deleted, and
the answer is a message of its own, ephemeral.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import discord

from bot.flow import DEFERRED, InteractionFlow, InteractionGone, Ticket, command_name, is_gone
from bot.messages import discord_message, edited_message
from bot.metrics import Metrics
from commands.errors import NotAllowed, is_expected, render_error
from commands.i18n import Tr, locale_for, translator
from commands.pipeline import Pressed
from commands.reply import Reply

log = logging.getLogger("seasonbot")


def interaction_tr(interaction: discord.Interaction[Any]) -> Tr:
    """The reader's language: the user's locale, then the guild's, then English."""
    guild_locale = interaction.guild_locale.value if interaction.guild_locale else None
    return translator(locale_for(interaction.locale.value, guild_locale))


def interaction_fields(interaction: discord.Interaction[Any]) -> dict[str, Any]:
    """The fields every log line about an interaction carries. The command is its name as
    sent: `interaction.command` would parse the options, which may be what is wrong; a
    click carries its component's id instead."""
    fields = {
        "interaction_id": interaction.id,
        "command": command_name(interaction),
        "user_id": interaction.user.id if interaction.user else None,
        "guild_id": interaction.guild_id,
    }
    if interaction.type is discord.InteractionType.component:
        data: Any = interaction.data
        custom_id = data.get("custom_id") if isinstance(data, dict) else None
        fields["custom_id"] = str(custom_id)[:100]
    return fields


def error_reply(metrics: Metrics, error: BaseException, tr: Tr, fields: dict[str, Any]) -> Reply:
    """The one path from an error to what the fan reads: a refusal (a domain error) is
    logged as one line, anything else is counted as failed with its traceback in the log;
    `render_error` words both."""
    if isinstance(error, NotAllowed):
        log.warning("refused a moderator command to a non-moderator", extra=fields)
    elif is_expected(error):
        log.info("refused: %s", type(error).__name__, extra=fields)
    else:
        metrics.failed += 1
        log.error("error answering", exc_info=error, extra=fields)
    return render_error(error, tr)


@dataclass
class Request:
    """A request on its way: how the log names it, the reader's language, and its transport."""

    fields: dict[str, Any]
    tr: Tr
    metrics: Metrics
    send: Callable[[Pressed], Awaitable[None]]
    """Send an answer; raises `InteractionGone` (logged) when nobody is left to read it."""
    gone: Callable[[BaseException], bool] = lambda _: False
    """Whether this error says nobody is left to answer (logged once, by the transport)."""
    started: float = field(default_factory=time.perf_counter)


async def answer(request: Request, work: Callable[[], Awaitable[Pressed]]) -> None:
    """Do the work and send what it yields; an error on the way is answered instead."""
    try:
        await request.send(await work())
    except Exception as error:
        await answer_error(request, error)
        return
    _answered(request)


async def answer_error(request: Request, error: BaseException) -> None:
    """Answer with what `error` means to the fan, unless nobody is left to read it."""
    if isinstance(error, InteractionGone) or request.gone(error):
        return
    reply = error_reply(request.metrics, error, request.tr, request.fields)
    try:
        await request.send(Pressed(new=reply))
    except InteractionGone:
        return
    except discord.HTTPException as failure:
        if not request.gone(failure):
            log.exception("could not send the error reply", extra=request.fields)
        return
    _answered(request)


def _answered(request: Request) -> None:
    request.metrics.answered += 1
    latency = round((time.perf_counter() - request.started) * 1000, 2)
    log.info("answered", extra={**request.fields, "latency_ms": latency})


# -- interactions ---------------------------------------------------------------------------------


def interaction_request(flow: InteractionFlow, interaction: discord.Interaction[Any]) -> Request:
    ticket = flow.ticket(interaction)

    async def send(outcome: Pressed) -> None:
        await respond(ticket, outcome)

    def gone(error: BaseException) -> bool:
        if isinstance(error, discord.HTTPException) and is_gone(error):
            ticket.expire(f"Discord answered {error.status} ({error.code})")
        return ticket.gone

    return Request(
        interaction_fields(interaction), interaction_tr(interaction), flow.metrics, send, gone
    )


async def respond(ticket: Ticket, outcome: Pressed) -> None:
    """An interaction's answer: its first response if none went out yet (a new message, or
    the clicked message redrawn), else in the place its deferral holds."""
    interaction = ticket.interaction
    if outcome.update is not None or outcome.strip:
        redraw = edited_message(outcome.update) if outcome.update is not None else {"view": None}
        first = await ticket.first_response(
            lambda: interaction.response.edit_message(**redraw), deferral=False
        )
        if not first:  # deferred as an update: the clicked message is `@original`
            await ticket.later(lambda: interaction.edit_original_response(**redraw))
        if outcome.new is not None:
            new = discord_message(outcome.new)
            await ticket.later(lambda: interaction.followup.send(**new))
        return
    if outcome.new is None:
        return
    message = discord_message(outcome.new)
    if await ticket.first_response(
        lambda: interaction.response.send_message(**message), deferral=False
    ):
        return
    await answer_after_deferral(ticket, outcome.new)


async def answer_after_deferral(ticket: Ticket, reply: Reply) -> None:
    """After "thinking…" the answer takes its place (an edit of `@original`; Discord calls
    the older way, the first follow-up, deprecated). After a click's deferred update, which
    leaves the clicked message as `@original`, a new message is a follow-up."""
    interaction = ticket.interaction
    if interaction.response.type != DEFERRED:
        await ticket.later(lambda: interaction.followup.send(**discord_message(reply)))
    elif reply.ephemeral and ticket.public_deferral:
        await ticket.later(interaction.delete_original_response)
        ticket.public_deferral = False
        await ticket.later(lambda: interaction.followup.send(**discord_message(reply)))
    else:
        await ticket.later(lambda: interaction.edit_original_response(**edited_message(reply)))


# -- messages that mention the bot, and DMs ----------------------------------------------------


def message_request(metrics: Metrics, message: discord.Message, tr: Tr) -> Request:
    fields = {
        "message_id": message.id,
        "user_id": message.author.id,
        "guild_id": message.guild.id if message.guild else None,
        "command": "ask (mention)" if message.guild else "ask (dm)",
    }

    async def send(outcome: Pressed) -> None:
        if outcome.new is None:
            return
        sendable = discord_message(outcome.new)
        sendable.pop("ephemeral")  # messages cannot be ephemeral; replies to a DM are private
        await message.reply(mention_author=False, **sendable)

    def gone(error: BaseException) -> bool:
        if not isinstance(error, discord.Forbidden):
            return False
        # Mentioned where it may read but not write (an announcements channel): the
        # server's choice, not a fault; there is nobody to tell but the log.
        log.warning("no permission to reply to a message", extra=fields)
        return True

    return Request(fields, tr, metrics, send, gone)
