"""/help: every command in one line each, with an example, in one compact embed.

On Discord each command is a mention (`</result:ID>`) a fan taps to start typing it; the ids
are the ones Discord returned when the commands were synced (`remember_command_ids`, called
by the sync). In the console, and before the first sync, they are plain `/result`.
Names are the reader's language's (the same catalog keys Discord's translator reads), so a
Spanish reader is shown `/llave Apertura`, which is what their client offers. The commands
are the declared ones (`commands.FEATURES`), in its order (most asked first, moderators last),
a moderator's command marked by its declaration.
"""

from __future__ import annotations

from collections.abc import Mapping

from commands import declared_commands
from commands import text as fmt
from commands.context import Context
from commands.i18n import Tr
from commands.reply import Embed, Reply
from commands.slash import SlashCommand, private_only_command
from knowledge.models import Season

_command_ids: dict[str, int] = {}
"""Canonical command name -> the id Discord gave it at the last sync. Process-wide: the ids
belong to the application, not to a request."""


def remember_command_ids(ids: Mapping[str, int]) -> None:
    """Called with what a sync returned (or what the last sync saved), so /help can mention
    each command."""
    _command_ids.update(ids)


def forget_command_ids() -> None:
    """Start from no ids. A running bot never needs it (the ids change only at a sync, whose
    answer updates them); kept because the ids are process-wide state, and a test of a sync,
    or of /help before any sync, must be able to start from none without reaching into this
    module's private dict."""
    _command_ids.clear()


@fmt.names_unbroken
async def help_reply(ctx: Context) -> Reply:
    """The /help card (not `help`, which would shadow the builtin)."""
    return render_help(ctx.season, ctx.tr)


def command_name(tr: Tr, command: str) -> str:
    """The command's name as the reader's client shows it (its canonical name as a fallback)."""
    key = f"command.{command}.name"
    return tr(key) if tr.has(key) else command


def command_line(tr: Tr, declared: SlashCommand) -> str:
    """`</result:123> `Necaxa UdeG` · Every meeting of two clubs…`: the command (a mention
    once synced), an example's options, and what it answers."""
    command = declared.name
    name = command_name(tr, command)
    example_key = f"help.commands.{command}.example"
    options = tr(example_key) if tr.has(example_key) else ""
    command_id = _command_ids.get(command)
    if command_id is not None:
        # A mention names the command by its canonical name: Discord shows a localized one
        # (`</resultado:ID>`) but does not run it when tapped.
        usage = f"</{command}:{command_id}>" + (f" `{options}`" if options else "")
    else:
        usage = f"`/{name} {options}`" if options else f"`/{name}`"
    if declared.moderator:
        usage = tr("help.moderators_only", command=usage)
    return f"{usage} · {tr(f'help.commands.{command}.description')}"


def render_help(season: Season, tr: Tr) -> Reply:
    """One line per command: phone-short, no field per command."""
    lines = [tr("help.intro", season=fmt.season_name(season, tr)), ""]
    lines += [command_line(tr, declared) for declared in declared_commands()]
    embed = Embed(title=tr("help.title"), description="\n".join(lines), footer=tr("help.footer"))
    return Reply(embeds=(embed,))


help_command = private_only_command("help", help_reply)
