"""Reloading the season data: on /reload, on SIGHUP, on an upload, and when the files change.

Every reload goes through one lock, so concurrent requests are serialised, and through the
files: an upload is validated, written atomically beside a backup of the old file, and then
loaded like any edit. Because each process also watches the data folder, a change made
through one process (or by hand) reaches every process, and each validates it on its own.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import stat
import tempfile
from collections.abc import AsyncGenerator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from commands.reload import UploadNotSaved
from knowledge.loader import MAX_FILE_BYTES, Problem, SeasonRefused, parse_season, season_files
from knowledge.models import Season
from knowledge.store import KnowledgeStore, ReloadResult, Snapshot, digest_of

if TYPE_CHECKING:
    from watchfiles import Change

log = logging.getLogger("seasonbot.reload")

UPLOAD_NAME = "upload.yaml"

WATCH_RETRY_SECONDS = 5.0
"""Pause before watching again after the watch itself failed (a folder briefly gone)."""

NEW_FILE_MODE = 0o644
"""The mode of an uploaded season that replaces no file (one that does keeps the old mode)."""


class UploadRefused(Exception):
    """A valid season that must not be written where it would go; the text says why."""


def write_atomically(target: Path, data: bytes, like: Path | None = None) -> None:
    """Replace `target` with `data`: readers, and writers in other processes on the same
    volume, see the old file or the new one whole, never a mix.

    The temporary file gets a name no other process can pick (shard containers all run as
    PID 1, so a PID in the name is not enough), in the target's folder so the rename stays
    on one file system. It takes the mode and owner of the file it replaces (or of `like`),
    so an operator's permissions survive an upload.
    """
    with tempfile.NamedTemporaryFile(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
    ) as handle:
        temporary = Path(handle.name)
        try:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            _copy_mode_and_owner(like or target, handle.fileno())
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    try:
        temporary.replace(target)  # atomic: os.replace
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _copy_mode_and_owner(model: Path, descriptor: int) -> None:
    try:
        old = model.stat()
    except FileNotFoundError:
        os.fchmod(descriptor, NEW_FILE_MODE)
        return
    os.fchmod(descriptor, stat.S_IMODE(old.st_mode))
    if (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.fchown(descriptor, old.st_uid, old.st_gid)
        except PermissionError:
            log.warning(
                "cannot give the uploaded file its old owner (%s:%s); it now belongs to %s:%s",
                old.st_uid,
                old.st_gid,
                os.geteuid(),
                os.getegid(),
                extra={"file": str(model)},
            )


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX: fsync the directory)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # not every file system syncs directories; the data itself is synced
    finally:
        os.close(descriptor)


def relative_path(path: str, folder: Path) -> str:
    """`path` as a moderator on Discord may see it: relative to the data folder, never where
    the server keeps its files."""
    try:
        return str(Path(path).relative_to(folder))
    except ValueError:
        return Path(path).name


def awatch(*folders: Path, **options: Any) -> AsyncGenerator[set[tuple[Change, str]], None]:
    """watchfiles' `awatch`, imported when a watch starts: the console and one-shot answers
    never watch, and need not load it."""
    from watchfiles import awatch as watch_folders

    return watch_folders(*folders, **options)


class Reloader:
    def __init__(self, store: KnowledgeStore) -> None:
        self.store = store
        self._lock = asyncio.Lock()

    @property
    def current(self) -> Snapshot:
        return self.store.current

    async def reload(self, user_id: int | None, upload: bytes | None = None) -> ReloadResult:
        """Reload from disk, after writing `upload` in place if one is given and valid."""
        async with self._lock:
            if upload is not None:
                refused = await asyncio.to_thread(self._install_upload, upload)
                if refused is not None:
                    self._log(user_id, "upload", refused)
                    return self._for_users(refused)
            result = await asyncio.to_thread(self.store.reload)
            self._log(user_id, "upload" if upload is not None else "reload", result)
            return self._for_users(result)

    async def reload_if_changed(self, reason: str) -> ReloadResult | None:
        """Reload when the files' bytes differ from what is loaded (watcher, SIGHUP)."""
        async with self._lock:
            if await asyncio.to_thread(self._digest_on_disk) == self.store.current.digest:
                return None
            result = await asyncio.to_thread(self.store.reload)
            self._log(None, reason, result)
            return result

    async def reload_in_background(
        self, reason: str, *, if_changed: bool = True, files: str | None = None
    ) -> ReloadResult | None:
        """A reload nobody awaits (the watcher, SIGHUP): whatever goes wrong is logged with
        the data's path, and never propagates into the loop that asked for it."""
        try:
            if if_changed:
                return await self.reload_if_changed(reason)
            return await self.reload(None)
        except Exception:
            where = files or str(self.store.source)
            log.exception(
                "reload (%s) of %s failed; still serving the data loaded before",
                reason,
                where,
                extra={"file": where},
            )
            return None

    async def watch(self, debounce_ms: int = 300, poll_interval: float | None = None) -> None:
        """Reload whenever a season file under the knowledge path changes. Runs forever:
        a failed reload is logged and the watch goes on; so does a failed watch, after a
        pause. With `poll_interval` (seconds) it polls instead of using OS notifications,
        which do not see another machine's writes to a network volume."""
        source = self.store.source
        folder = self.folder

        def is_season_file(change: Change, path: str) -> bool:
            return path.endswith((".yaml", ".yml")) and (source.is_dir() or Path(path) == source)

        polling = poll_interval is not None
        delay_ms = round((poll_interval or 0.3) * 1000)
        while True:
            try:
                async for changes in awatch(
                    folder,
                    watch_filter=is_season_file,
                    debounce=debounce_ms,
                    force_polling=polling,
                    poll_delay_ms=delay_ms,
                ):
                    files = ", ".join(sorted(path for _, path in changes))
                    await self.reload_in_background("files changed", files=files)
            except Exception:
                log.exception(
                    "watching %s failed; watching again in %s s",
                    folder,
                    WATCH_RETRY_SECONDS,
                    extra={"file": str(folder)},
                )
                await asyncio.sleep(WATCH_RETRY_SECONDS)

    def _digest_on_disk(self) -> str:
        return digest_of(season_files(self.store.source))

    def _install_upload(self, upload: bytes) -> ReloadResult | None:
        """Validate and write an uploaded season file. Returns a refusal, or None if written;
        raises `UploadNotSaved` if the file is valid but cannot be written."""
        refuse = self._refusal
        if len(upload) > MAX_FILE_BYTES:
            return refuse(f"the file is {len(upload)} bytes; the limit is {MAX_FILE_BYTES}")
        try:
            text = upload.decode("utf-8")
        except UnicodeDecodeError:
            return refuse("the file is not UTF-8 text")
        try:
            season = parse_season(text, UPLOAD_NAME)
        except SeasonRefused as refused:
            return ReloadResult(
                False, self.store.current, problems=refused.problems, omitted=refused.omitted
            )
        try:
            target = self.target_for(season)
        except UploadRefused as error:
            return refuse(str(error))
        try:
            if target.exists():
                backup = target.with_name(target.name + ".bak")
                write_atomically(backup, target.read_bytes(), like=target)
            write_atomically(target, upload)
        except OSError as error:
            log.error(
                "could not write the uploaded %s: %s; still serving the data loaded before",
                target.name,
                error,
                extra={"file": str(target)},
            )
            raise UploadNotSaved() from error
        return None

    @property
    def folder(self) -> Path:
        """The data folder: the knowledge path, or the folder of a single knowledge file."""
        source = self.store.source
        return source if source.is_dir() else source.parent

    def target_for(self, season: Season) -> Path:
        """The file an uploaded season replaces: the one holding the same season, if any,
        else a new file named after the season. Raises `UploadRefused` for any place
        outside the data folder (the id is validated too; this does not rely on it)."""
        source = self.store.source
        if not source.is_dir():
            return source
        known = self.store.current.file_of.get(season.season.id)
        target = known if known is not None else source / f"{season.season.id}.yaml"
        if target.parent.resolve() != source.resolve():
            raise UploadRefused(
                f"season.id {season.season.id[:40]!r} would put the file outside the data folder"
            )
        return target

    def _for_users(self, result: ReloadResult) -> ReloadResult:
        problems = tuple(
            dataclasses.replace(problem, path=relative_path(problem.path, self.folder))
            for problem in result.problems
        )
        return dataclasses.replace(result, problems=problems)

    def _refusal(self, message: str) -> ReloadResult:
        return ReloadResult(False, self.store.current, problems=(Problem(UPLOAD_NAME, 1, message),))

    @staticmethod
    def _log(user_id: int | None, action: str, result: ReloadResult) -> None:
        fields = {"user_id": user_id, "digest": result.snapshot.digest[:12]}
        if result.accepted:
            log.info("%s accepted", action, extra={**fields, "outcome": "accepted"})
            return
        # The operator's copy of the refusal: for the watcher and SIGHUP, the only one.
        problems = [str(problem) for problem in result.problems]
        if result.omitted:
            problems.append(f"… and {result.omitted} more problems")
        log.warning(
            "%s refused (%d problems); still serving the data loaded before:\n  %s",
            action,
            len(result.problems) + result.omitted,
            "\n  ".join(problems),
            extra={**fields, "outcome": "refused"},
        )
