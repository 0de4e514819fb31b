"""What a request is answered with, whatever the transport: a command's reply, a click's effect.

Both transports answer through here: Discord (bot/pipeline.py, for slash commands and
clicks) and the console (bot/console.py). So a command gets the same reply, and a click does
the same thing, everywhere. What the ids of buttons and menus say, and the buttons a reply
carries, are `commands.components`'s.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from commands.components import (
    PRIVATE,
    StaleComponent,
    arguments,
    made_private,
    parse_id,
    suggestion_rows,
)
from commands.context import Context, Handler
from commands.errors import render_error
from commands.reply import Reply
from knowledge.errors import AmbiguousName, NameNotFound


async def answer(ctx: Context, command: str, handler: Handler, options: Mapping[str, Any]) -> Reply:
    """A command's reply as a fan gets it: the handler's, made private on request (with a
    button to share it), or, when a name was not understood, the error with one button per
    name it suggests."""
    options = dict(options)
    private = bool(options.pop(PRIVATE, False))
    try:
        reply = await handler(ctx, **options)
    except (NameNotFound, AmbiguousName) as error:
        rows = suggestion_rows(ctx, command, options, error, private)
        return replace(render_error(error, ctx.tr), components=rows)
    return made_private(ctx, command, options, reply) if private else reply


@dataclass(frozen=True, slots=True)
class Pressed:
    """What a click does to the message it was on, and what new message it posts."""

    update: Reply | None = None
    """The clicked message, redrawn in place."""
    strip: bool = False
    """The clicked message loses its components (a choice made, an answer shared)."""
    new: Reply | None = None


async def press(
    ctx: Context,
    handlers: Mapping[str, Handler],
    custom_id: str,
    values: Sequence[str] = (),
    *,
    owner: bool,
    private_message: bool,
    user: str,
) -> Pressed:
    """Run a click. `owner`: the clicker ran the command the message answers;
    `private_message`: the message is ephemeral; `user`: how to name the clicker."""
    click = parse_id(custom_id, values)
    handler = handlers.get(click.command)
    if handler is None:
        raise StaleComponent()
    options = arguments(handler, click.options)
    if click.action == "go":
        return Pressed(strip=True, new=await answer(ctx, click.command, handler, options))
    if click.action == "share":
        options.pop(PRIVATE, None)
        reply = await answer(ctx, click.command, handler, options)
        if reply.ephemeral:  # the data changed since: an error, for the sharer's eyes only
            return Pressed(new=reply)
        shared = replace(reply, content=ctx.tr("components.shared_by", user=user))
        return Pressed(strip=True, new=shared)
    if owner:
        options[PRIVATE] = private_message
        reply = await answer(ctx, click.command, handler, options)
        if reply.ephemeral and not private_message:
            return Pressed(new=reply)  # an error: said privately, the message left as it is
        return Pressed(update=reply)
    options[PRIVATE] = True
    return Pressed(new=await answer(ctx, click.command, handler, options))
