"""Buttons and menus: what each one's `custom_id` says, and the ones a reply carries.

Stateless by design. A component's id names the command to run again and its options, in a
short versioned form that fits Discord's 100 characters:

    sb1:<action>:<command>:<option>=<value>&<option>=<value>

so a button on a week-old message still works after a restart, on another shard or on
another replica: nothing is remembered between the answer and the click. A select menu's id
holds the options it does not change; each of its choices is one more `option=value` pair.
An id that no longer reads (another version, a command gone) gets a clear ephemeral answer.

Actions:
- `go`: answer the command anew (a "did you mean" button); the clicked message loses its
  buttons.
- `share`: post a private answer publicly, once, saying who shared it.
- `view`: show another view of the same answer (the tournament switcher, pages). Its author's
  message changes in place; anyone else gets the view privately.

What a click runs is `commands.pipeline.press`'s, which both transports call.
"""

from __future__ import annotations

import contextlib
import inspect
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal
from urllib.parse import quote, unquote

from commands.context import Context, Handler
from commands.errors import CommandError, render_error
from commands.i18n import Tr
from commands.limits import ACTION_ROWS, BUTTONS_PER_ROW, CUSTOM_ID, LABEL, SELECT_OPTIONS
from commands.reply import Button, ButtonStyle, Reply, Row, Select, SelectOption
from knowledge.errors import AmbiguousName, KnowledgeError, NameNotFound

VERSION = "sb1"
QUOTE_SAFE = " ?¿¡!'"
"""Characters an option's value keeps unescaped in an id: none of them separates its parts."""

PRIVATE = "private"
"""The option every public command takes: answer only the one who asked."""

Action = Literal["go", "share", "view"]
ACTIONS: tuple[Action, ...] = ("go", "share", "view")


class StaleComponent(CommandError):
    """A click on a component whose id this version cannot read or run any more."""

    key = "error.stale_component"


@dataclass(frozen=True, slots=True)
class Click:
    action: Action
    command: str
    options: Mapping[str, str]


def component_id(action: Action, command: str, options: Mapping[str, Any]) -> str | None:
    """The id that runs `command` with `options` again; None if it would not fit in 100."""
    pairs = []
    for name, value in sorted(options.items()):
        if value is None or value is False or value == "":
            continue  # an option left out: the handler's default
        text = "1" if value is True else str(value)
        # Spaces and question marks kept as they are: a question asked again fits in 100.
        pairs.append(f"{name}={quote(text, safe=QUOTE_SAFE)}")
    custom_id = f"{VERSION}:{action}:{command}:{'&'.join(pairs)}"
    return custom_id if len(custom_id) <= CUSTOM_ID else None


def _read_pairs(text: str, options: dict[str, str]) -> None:
    """`name=value&…` into `options`. A name given twice (in the id, or by the id and a
    menu's choice) is refused, as the console refuses an option typed twice: which value was
    meant is a guess, and the bot never writes such an id."""
    for pair in filter(None, text.split("&")):
        name, equals, value = pair.partition("=")
        if not equals or not name.isidentifier() or name in options:
            raise StaleComponent()
        options[name] = unquote(value)


def parse_id(custom_id: str, values: Sequence[str] = ()) -> Click:
    """What a component's id (and a select menu's chosen values) asks for."""
    parts = custom_id.split(":", 3)
    if len(parts) != 4 or parts[0] != VERSION or parts[1] not in ACTIONS:
        raise StaleComponent()
    _, action, command, query = parts
    options: dict[str, str] = {}
    for text in (query, *values):
        _read_pairs(text, options)
    # An empty value means the option left out ("whole season" in the tournament switcher).
    chosen = {name: value for name, value in options.items() if value != ""}
    return Click(typing.cast(Action, action), command, chosen)


@cache
def _parameters(handler: Handler) -> dict[str, Any]:
    """A handler's options and their types (a click's values arrive as text)."""
    hints = typing.get_type_hints(handler)
    names = list(inspect.signature(handler).parameters)[1:]  # after the Context
    return {name: hints.get(name, str) for name in names}


def _typed(annotation: Any, value: str) -> Any:
    kinds = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else ()
    if annotation is int or int in kinds:
        return int(value)
    if annotation is bool or bool in kinds:
        return value == "1"  # how `component_id` writes True
    return value


def arguments(handler: Handler, options: Mapping[str, str]) -> dict[str, Any]:
    """A click's options as the handler's keyword arguments; stale if they do not fit it."""
    parameters = _parameters(handler)
    arguments: dict[str, Any] = {}
    for name, value in options.items():
        if name == PRIVATE:
            arguments[name] = value == "1"
        elif name not in parameters:
            raise StaleComponent()
        else:
            try:
                arguments[name] = _typed(parameters[name], value)
            except ValueError:
                raise StaleComponent() from None
    return arguments


def label(text: str) -> str:
    return text if len(text) <= LABEL else text[: LABEL - 1].rstrip() + "…"


# -- buttons a reply carries ------------------------------------------------------------------


def canonical(ctx: Context, options: Mapping[str, Any]) -> dict[str, Any]:
    """Options with each club and tournament as its key: short, and exactly what was meant."""
    knowledge = ctx.knowledge
    found: dict[str, Any] = dict(options)
    for name, value in options.items():
        index = (
            knowledge.tournaments
            if name == "tournament"
            else knowledge.clubs
            if name.startswith("club")
            else None
        )
        if index is not None and isinstance(value, str):
            # One not understood is kept as typed: running it again gives the same error.
            with contextlib.suppress(KnowledgeError):
                found[name] = index.resolve(value).key
    return found


def suggestion_rows(
    ctx: Context,
    command: str,
    options: Mapping[str, Any],
    error: NameNotFound | AmbiguousName,
    private: bool,
) -> tuple[Row, ...]:
    """One button per suggested name: the command again, with that name in the option that
    was not understood."""
    names = error.candidates if isinstance(error, AmbiguousName) else error.suggestions
    wrong = next((name for name, value in options.items() if value == error.query), None)
    if wrong is None or not names:
        return ()
    rest = canonical(ctx, {name: value for name, value in options.items() if name != wrong})
    buttons = []
    for candidate in names[:BUTTONS_PER_ROW]:
        chosen = {**rest, wrong: candidate.key, PRIVATE: private}
        custom_id = component_id("go", command, chosen)
        if custom_id is not None:
            caption = _short_label(ctx, candidate.key, candidate.name)
            buttons.append(Button(custom_id, label(caption), ButtonStyle.PRIMARY))
    return (tuple(buttons),) if buttons else ()


def _short_label(ctx: Context, key: str, name: str) -> str:
    """A suggestion's button: the club's short name ("Altamira", not "Altamira (Estudiantes
    de Altamira)"), so that a phone fits the buttons in one row; the message names them in
    full."""
    found = ctx.season.clubs_by_id.get(key)
    return found.short_name if found is not None else name


def made_private(ctx: Context, command: str, options: Mapping[str, Any], reply: Reply) -> Reply:
    """Ephemeral, with a "Share in channel" button when there is room for one."""
    rows = reply.components
    share = component_id("share", command, canonical(ctx, options))
    if share is not None and len(rows) < ACTION_ROWS:
        button = Button(share, label(ctx.tr("components.share")), ButtonStyle.SUCCESS)
        rows = (*rows, (button,))
    return replace(reply, ephemeral=True, components=rows)


# -- components a handler adds ------------------------------------------------------------------


def tournament_switcher(
    ctx: Context,
    command: str,
    options: Mapping[str, Any],
    chosen: str | None,
    *,
    whole_season: bool = False,
) -> tuple[Row, ...]:
    """A menu of the season's tournaments (and "whole season") that shows `command` for the
    one picked. `options` are the command's other options."""
    custom_id = component_id("view", command, canonical(ctx, options))
    if custom_id is None:
        return ()
    tr = ctx.tr
    choices = [
        SelectOption(
            label(competition.name), f"tournament={competition.id}", competition.id == chosen
        )
        for competition in ctx.season.competitions
    ]
    if whole_season:
        choices.append(
            SelectOption(label(tr("components.whole_season")), "tournament=", chosen is None)
        )
    menu = Select(
        custom_id, tuple(choices[:SELECT_OPTIONS]), label(tr("components.pick_tournament"))
    )
    return ((menu,),)


def page_buttons(
    ctx: Context, command: str, options: Mapping[str, Any], page: int, pages: int
) -> tuple[Row, ...]:
    """◀ ▶ between pages of a long list; none when it fits on one."""
    if pages <= 1:
        return ()
    rest = canonical(ctx, options)
    tr = ctx.tr
    buttons = []
    for target, key in ((page - 1, "components.previous"), (page + 1, "components.next")):
        custom_id = component_id("view", command, {**rest, "page": target})
        if custom_id is None:
            return ()
        buttons.append(Button(custom_id, label(tr(key)), disabled=not 1 <= target <= pages))
    return (tuple(buttons),)


def stale_reply(tr: Tr) -> Reply:
    return render_error(StaleComponent(), tr)
