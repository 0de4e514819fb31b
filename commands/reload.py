"""/reload: moderators reload the season data, optionally from an uploaded YAML file.

A moderator command (`commands.registration` says what that means to Discord): registered
only in the admin guilds, hidden from members without Manage Server, and enforced at run time
by `Host.is_moderator`. The work itself — validation, the atomic write, the
swap, serialising concurrent reloads — is the bot's `Moderation` service.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from commands import text as fmt
from commands.context import Context
from commands.errors import CommandError
from commands.host import host_of
from commands.i18n import Tr
from commands.limits import DESCRIPTION, truncate
from commands.reply import WARNING, Embed, EmbedField, Reply
from commands.slash import Upload, slash_command
from knowledge.loader import MAX_FILE_BYTES
from knowledge.store import ReloadResult, Snapshot

if TYPE_CHECKING:
    import discord

MAX_PROBLEMS_SHOWN = 20

log = logging.getLogger("seasonbot.reload")


class ReloadUnavailable(CommandError):
    key = "reload.unavailable"


class UploadTooLarge(CommandError):
    key = "reload.too_large"


class UploadNotSaved(CommandError):
    """A valid upload the server could not write (permissions, a read-only volume): the
    server's fault, not the data's, so it is not worded as a refusal of the data."""

    key = "reload.not_saved"


class DownloadFailed(CommandError):
    key = "reload.download_failed"
    user_text = ("filename",)


async def reload(ctx: Context, file: bytes | None = None) -> Reply:
    if ctx.moderation is None:
        raise ReloadUnavailable()
    result = await ctx.moderation.reload(ctx.user_id, file)
    return render_reload(result, ctx.tr)


def _serving(snapshot: Snapshot, tr: Tr) -> str:
    files = ", ".join(f"`{file.name}`" for file in snapshot.files)
    return tr(
        "reload.serving",
        season=fmt.season_name(snapshot.season, tr),
        files=files,
        when=tr.moment(snapshot.loaded_at),
        digest=snapshot.digest[:12],
    )


def render_reload(result: ReloadResult, tr: Tr) -> Reply:
    serving = _serving(result.snapshot, tr)
    if not result.accepted:
        shown = [str(problem) for problem in result.problems[:MAX_PROBLEMS_SHOWN]]
        more = len(result.problems) + result.omitted - len(shown)
        if more:
            shown.append(tr("reload.more_problems", count=more))
        body = truncate("\n".join(shown), DESCRIPTION - 200)
        embed = Embed(
            title=tr("reload.refused_title"),
            description=f"{tr('reload.refused')}\n```text\n{body}\n```",
            fields=(EmbedField(tr("reload.still_serving"), serving),),
            color=WARNING,
        )
        return Reply(embeds=(embed,), ephemeral=True)
    diff = result.diff
    if diff is None or diff.unchanged:
        changes = tr("reload.no_changes")
    else:
        changes = "\n".join(
            tr(
                "reload.section_counts",
                section=tr(f"reload.section.{name.replace(' ', '_')}"),
                added=counts.added,
                removed=counts.removed,
                changed=counts.changed,
            )
            for name, counts in diff.changed_sections.items()
        )
    embed = Embed(
        title=tr("reload.accepted_title"),
        description=serving,
        fields=(EmbedField(tr("reload.changes"), changes),),
    )
    return Reply(embeds=(embed,), ephemeral=True)


@slash_command("reload", handler=reload, defer=True, ephemeral=True, moderator=True)
async def reload_command(interaction: discord.Interaction[Any], file: Upload | None = None) -> None:
    upload = None
    if file is not None:
        # Only ever run by the bot, which has them loaded; the console calls `reload` itself.
        import aiohttp
        import discord

        # Refuse by the size Discord reports, before downloading a byte of it.
        if file.size > MAX_FILE_BYTES:
            raise UploadTooLarge(size=str(file.size), limit=str(MAX_FILE_BYTES))
        # Acknowledge first: the download alone may take longer than Discord's 3 seconds.
        await host_of(interaction).defer(interaction)
        try:
            upload = await file.read()
        except (discord.HTTPException, aiohttp.ClientError, TimeoutError) as error:
            log.warning(
                "could not download an uploaded season file: %s",
                error,
                extra={"interaction_id": interaction.id, "user_id": interaction.user.id},
            )
            raise DownloadFailed(filename=file.filename) from error
    await host_of(interaction).answer(interaction, reload, file=upload)
