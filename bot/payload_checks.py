"""Discord's payloads checked at the edge, before discord.py or a handler reads them.

discord.py trusts what arrives: it builds a command's options from whatever the payload holds
(an int where the command takes text, null, a list), keeps the last of two options with one
name, raises `CommandSignatureMismatch` for a required option missing, and reads a select
menu's `values` as they come. Discord sends such payloads while a command's old definition is
still being replaced (an option since added, retyped or removed), and anyone posing as
Discord may send them. Each is refused here, in the reader's language, with no traceback:

- a command: its options must be a list of options the command declares, each once, each of
  the declared type with a value of that type (an upload among the resolved attachments), and
  every required one present; the refusal asks to run the command again, or, for an option
  given twice, says so as the console does (`RepeatedOption`);
- an autocomplete: the same, except that required options may still be unfilled, and exactly
  one option must be focused, one that completes, with text typed so far; a refused one gets
  an empty list of choices;
- a click: a button carries no `values`, a select menu a non-empty list of strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import discord
from discord import app_commands

from commands.components import StaleComponent
from commands.errors import CommandError, OutdatedCommand, OutdatedOption, RepeatedOption
from commands.i18n import Tr
from commands.slash import shown_command, shown_option

Kind = discord.AppCommandOptionType

_VALUE_TYPES: dict[Kind, tuple[type, ...]] = {
    Kind.string: (str,),
    Kind.integer: (int,),
    Kind.number: (int, float),
    Kind.boolean: (bool,),
}
"""What the value of an option of each type is in JSON; the other types (users, channels,
roles, attachments) are snowflakes, sent as text."""

STRING_SELECT = 3
BUTTON = 2
MAX_SELECT_VALUES = 25
"""Discord's: a select menu offers at most 25 options."""


def declared_command(
    tree: app_commands.CommandTree[Any], data: object
) -> app_commands.Command[Any, ..., Any] | None:
    """The slash command an interaction's data names, looked up as discord.py does: in the
    guild Discord says the command is registered in, then globally. None if there is none
    (discord.py then raises `CommandNotFound`, answered as a stale command)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("name"), str):
        return None
    name = data["name"]
    guild_id = data.get("guild_id")
    found = None
    if isinstance(guild_id, str) and guild_id.isdigit():
        found = tree.get_command(name, guild=discord.Object(id=int(guild_id)))
    found = found or tree.get_command(name)
    return found if isinstance(found, app_commands.Command) else None


def _fits(parameter: app_commands.Parameter, option: Mapping[str, Any], resolved: object) -> bool:
    if option.get("type") != parameter.type.value or "value" not in option:
        return False
    value = option["value"]
    kinds = _VALUE_TYPES.get(parameter.type)
    if kinds is not None:
        # bool is an int to Python, never to Discord.
        return isinstance(value, kinds) and (parameter.type is Kind.boolean) == (
            isinstance(value, bool)
        )
    if not (isinstance(value, str) and value.isdigit()):
        return False
    if parameter.type is Kind.attachment:
        # discord.py hands the callback a bare `Object` for an upload Discord did not resolve.
        attachments = resolved.get("attachments") if isinstance(resolved, Mapping) else None
        return isinstance(attachments, Mapping) and isinstance(attachments.get(value), Mapping)
    return True


def option_refusal(
    command: app_commands.Command[Any, ..., Any],
    data: Mapping[str, Any],
    *,
    autocomplete: bool,
    tr: Tr,
) -> CommandError | None:
    """Why the options of `data` do not fit `command`, worded in `tr`; None if they do."""
    name = shown_command(tr, command.name)

    def option_name(parameter: app_commands.Parameter) -> str:
        return shown_option(tr, command.name, parameter.name)

    options = data.get("options", [])
    if not isinstance(options, list):
        return OutdatedCommand(command=name)
    parameters = {parameter.display_name: parameter for parameter in command.parameters}
    given: set[str] = set()
    focused: list[app_commands.Parameter] = []
    for option in options:
        if not isinstance(option, Mapping) or not isinstance(option.get("name"), str):
            return OutdatedCommand(command=name)
        parameter = parameters.get(option["name"])
        if parameter is None:
            return OutdatedOption(command=name, option=option["name"])
        if parameter.display_name in given:
            return RepeatedOption(command=name, option=option_name(parameter))
        given.add(parameter.display_name)
        if option.get("focused") is True:
            focused.append(parameter)
            # What is typed so far is text, whatever the option's type.
            fits = option.get("type") == parameter.type.value and isinstance(
                option.get("value"), str
            )
        else:
            fits = _fits(parameter, option, data.get("resolved"))
        if not fits:
            return OutdatedOption(command=name, option=option_name(parameter))
    if autocomplete:
        if len(focused) != 1 or not focused[0].autocomplete:
            return OutdatedCommand(command=name)
        return None
    for parameter in command.parameters:
        if parameter.required and parameter.display_name not in given:
            return OutdatedOption(command=name, option=option_name(parameter))
    return None


def click_values(data: object) -> tuple[str, list[str]]:
    """A click's component id and the values chosen in a select menu (none for a button).

    Raises `StaleComponent` for anything else: the bot sends buttons and string select
    menus only, and a menu's click always carries what was chosen."""
    if not isinstance(data, Mapping):
        raise StaleComponent()
    custom_id = data.get("custom_id")
    kind = data.get("component_type")
    values = data.get("values")
    if not isinstance(custom_id, str):
        raise StaleComponent()
    if kind == BUTTON and "values" not in data:
        return custom_id, []
    if (
        kind == STRING_SELECT
        and isinstance(values, list)
        and 1 <= len(values) <= MAX_SELECT_VALUES
        and all(isinstance(value, str) for value in values)
    ):
        return custom_id, list(values)
    raise StaleComponent()
