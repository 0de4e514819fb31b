"""Pushing command definitions to Discord: by hand (`seasonbot sync`), or at start-up only
when they changed since the last sync.

Discord rate-limits command syncs hard, and a sync on every start of every shard process
would hit that; so we hash what we would send (names, options and every translation) per
application and scope, keep the hash in the state folder, and sync only on a change.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import TYPE_CHECKING, Any

import discord

from commands.help import remember_command_ids

if TYPE_CHECKING:
    from bot.client import SeasonBot

log = logging.getLogger("seasonbot.sync")


async def definitions(bot: SeasonBot, guild: discord.abc.Snowflake | None) -> list[dict[str, Any]]:
    """Exactly what a sync of this scope would send, translations included."""
    translator = bot.tree.translator
    commands = bot.tree.get_commands(guild=guild)
    if translator is None:
        return [command.to_dict(bot.tree) for command in commands]
    return [await command.get_translated_payload(bot.tree, translator) for command in commands]


def _digest(payload: list[dict[str, Any]]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _scopes(bot: SeasonBot) -> list[discord.Object | None]:
    return [None, *bot.admin_guilds]


def _state_file(bot: SeasonBot) -> Any:
    return bot.settings.state_dir / f"commands-{bot.application_id}.json"


def _load_state(bot: SeasonBot) -> dict[str, str]:
    try:
        data = json.loads(_state_file(bot).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(key): str(value) for key, value in data.items()} if isinstance(data, dict) else {}


def _save_state(bot: SeasonBot, state: dict[str, str]) -> None:
    path = _state_file(bot)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(state, indent=2), encoding="utf-8")
        temporary.replace(path)
    except OSError as error:
        log.warning("could not save the command hash (%s); the next start syncs again", error)


async def sync_scope(bot: SeasonBot, guild: discord.Object | None) -> int:
    synced = await bot.tree.sync(guild=guild)
    ids = {command.name: command.id for command in synced}
    # /help mentions each command by the id Discord just gave it; kept with the hash, so a
    # start that does not need to sync still knows them.
    remember_command_ids(ids)
    state = _load_state(bot)
    scope = str(guild.id if guild else "global")
    state[scope] = _digest(await definitions(bot, guild))
    state[f"ids:{scope}"] = json.dumps(ids, sort_keys=True)
    _save_state(bot, state)
    return len(synced)


def _saved_ids(state: dict[str, str], scope: str) -> dict[str, int]:
    try:
        saved = json.loads(state.get(f"ids:{scope}", "{}"))
    except ValueError:
        return {}
    if not isinstance(saved, dict):
        return {}
    return {str(name): int(i) for name, i in saved.items() if str(i).isdigit()}


async def sync_if_changed(bot: SeasonBot) -> list[str]:
    """Sync each scope (global, each admin guild) whose definitions changed. Returns them.

    An admin guild Discord refuses (403: the bot was never invited there, or was removed)
    is skipped with a warning naming it: a typo in SEASONBOT_ADMIN_GUILDS must not take the
    public commands down with it. Its hash is not saved, so the next start tries again."""
    state = _load_state(bot)
    changed, skipped = [], []
    for guild in _scopes(bot):
        scope = str(guild.id if guild else "global")
        if state.get(scope) == _digest(await definitions(bot, guild)):
            remember_command_ids(_saved_ids(state, scope))
            continue
        try:
            count = await sync_scope(bot, guild)
        except discord.Forbidden as error:
            if guild is None:
                raise
            log.warning(
                "cannot sync the moderator commands to admin guild %s: Discord answered %s "
                "(code %s, %s); is the bot in that server? Skipping it",
                guild.id,
                error.status,
                error.code,
                error.text or "no reason given",
                extra={"guild_id": guild.id},
            )
            skipped.append(scope)
            continue
        log.info("synced %d commands to %s", count, scope)
        changed.append(scope)
    if not changed and not skipped:
        log.info("command definitions unchanged since the last sync; not syncing")
    return changed


async def sync_in_background(bot: SeasonBot) -> None:
    """The start-up sync, beside the gateway connection rather than before it. A failure is
    logged, never raised: the bot serves the commands Discord already has, and the next start
    (or `seasonbot sync`) syncs again, since no hash was saved for what failed."""
    try:
        await sync_if_changed(bot)
    except discord.HTTPException as error:
        log.error(
            "command sync failed: Discord answered %s (code %s, %s); serving the commands "
            "Discord already has",
            error.status,
            error.code,
            error.text or "no reason given",
        )
        return
    except Exception:
        log.exception("command sync failed; serving the commands Discord already has")
        return
    log.info("command sync finished")
