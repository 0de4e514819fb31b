"""Reloading the season data: on /reload, on SIGHUP, on an upload, and when the files change.

Every reload goes through one lock, so concurrent requests are serialised. An upload is
validated together with the other files of the data folder, in memory, and only a folder that
would be valid is written: the upload atomically, the file it replaces kept as a backup. A
refused upload writes nothing. Because each process also watches the data folder, a change
made through one process (or by hand) reaches every process, and each validates it on its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import os
import re
import stat
import sys
import tempfile
from collections.abc import AsyncGenerator, Iterator
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.settings import BACKUPS, CHECK_SECONDS
from commands.reload import UploadNotSaved
from knowledge.loader import MAX_FILE_BYTES, Problem, SeasonRefused, parse_season, season_files
from knowledge.models import Season
from knowledge.store import KnowledgeStore, ReloadResult, Replacement, Snapshot, digest_of

if TYPE_CHECKING:
    from watchfiles import Change

log = logging.getLogger("seasonbot.reload")

UPLOAD_NAME = "upload.yaml"

WATCH_RETRY_SECONDS = 5.0
"""Pause before watching again after the watch itself failed."""

FOLDER_CHECK_SECONDS = 1.0
"""How often, at most, the watcher makes sure that the folder it watches is still the one at
the knowledge path, and that the season files' sizes and times are as they were. OS
notifications go silent for a folder deleted and recreated, or reached through a symlink
that now points elsewhere, and never come for a file a symlink leads to outside the folder."""

NEW_FILE_MODE = 0o644
"""The mode of an uploaded season that replaces no file (one that does keeps the old mode)."""


class UploadRefused(Exception):
    """A valid season that must not be written where it would go; the text says why."""


class WriteFailed(Exception):
    """An accepted upload could not be written (a full disk, a permission); every file is
    as it was, and the data in service too."""

    def __init__(self, target: Path, error: OSError) -> None:
        super().__init__(f"could not write {target.name}: {error.strerror or error}")


TEMPORARY = ".*.tmp"
"""The names of the temporary files writes make in the data folder (one a crash interrupted
stays behind, and is removed at the next start: `Reloader.remove_leftovers`)."""


def _temporary_beside(target: Path) -> Path:
    """A new empty file in `target`'s folder, named after it (`.2013-14.yaml.k3j_x9a2.tmp`),
    a name no other process can pick (shard containers all run as PID 1, so a PID in the name
    is not enough); in the same folder, so that renaming it stays on one file system."""
    descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(descriptor)
    return Path(name)


def _staged(target: Path, data: bytes, like: Path) -> Path:
    """`data` written whole and synced to a temporary file beside `target`, with the mode and
    owner of `like` (so an operator's permissions survive an upload): renaming it over
    `target` is then all that is left to do. Nothing is left behind if it fails."""
    temporary = _temporary_beside(target)
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            _copy_mode_and_owner(like, handle.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def backup_names(target: Path, count: int) -> list[Path]:
    """Where the last `count` versions `target` replaced are kept, newest first:
    `2013-14.yaml.bak`, then `2013-14.yaml.bak.1`, `2013-14.yaml.bak.2`…"""
    return [target.with_name(f"{target.name}.bak" + (f".{n}" if n else "")) for n in range(count)]


def install(target: Path, data: bytes, backups: int) -> None:
    """Replace `target` with `data`, keeping the file it replaces as the newest of `backups`
    backups (`backup_names`; the oldest beyond them goes). Raises `WriteFailed`.

    Readers, and writers in other processes on the same volume, see the old file or the new
    one whole, never a mix. And it is all or nothing: whatever fails (a full disk, a
    permission), every file is left as it was. The new data and the backup are first written
    whole to temporary files; then only renames remain, each to a free name (the oldest
    backup is first moved aside), so that those done before one that fails can be undone."""
    staged: list[Path] = []
    renamed: list[tuple[Path, Path]] = []
    dropped: Path | None = None
    try:
        new = _staged(target, data, like=target)
        staged.append(new)
        renames: list[tuple[Path, Path]] = []
        if backups and target.exists():
            old = _staged(target, target.read_bytes(), like=target)
            staged.append(old)
            names = backup_names(target, backups)
            if names[-1].exists():
                dropped = _temporary_beside(target)
                staged.append(dropped)
                renames.append((names[-1], dropped))
            for newer, older in reversed(list(pairwise(names))):
                if newer.exists():
                    renames.append((newer, older))
            renames.append((old, names[0]))
        renames.append((new, target))  # the one rename readers see: atomic (os.replace)
        for source, destination in renames:
            source.replace(destination)
            renamed.append((source, destination))
    except OSError as error:
        _undo(renamed)
        for temporary in staged:
            temporary.unlink(missing_ok=True)
        raise WriteFailed(target, error) from error
    if dropped is not None:
        dropped.unlink(missing_ok=True)
    _remove_backups_beyond(target, backups)
    _sync_folder(target.parent)


def _undo(renamed: list[tuple[Path, Path]]) -> None:
    for source, destination in reversed(renamed):
        try:
            destination.replace(source)
        except OSError:
            log.exception(
                "could not move %s back to %s after a failed write",
                destination.name,
                source.name,
                extra={"file": str(destination)},
            )


def _remove_backups_beyond(target: Path, backups: int) -> None:
    """Backups beyond the number now kept (SEASONBOT_BACKUPS was lowered) go."""
    numbered = re.compile(re.escape(target.name) + r"\.bak(?:\.(\d+))?")
    for path in target.parent.iterdir():
        match = numbered.fullmatch(path.name)
        if match is not None and int(match.group(1) or 0) >= backups:
            path.unlink(missing_ok=True)


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an advisory lock on the data folder while writing in it: shard processes sharing
    it then rotate backups one at a time (a rotation is several renames), validate an upload
    with the files the others wrote, and one starting up never removes the temporary file of
    another's write in progress. Where the file system has no such lock (some network
    volumes), writes go on without it, each rename still atomic."""
    if sys.platform == "win32":
        yield
        return
    import fcntl

    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # and with it the lock


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


Ground = tuple[tuple[int, int], tuple[tuple[Any, ...], ...]]
"""What a watch stands on (`Reloader._ground`)."""


@contextlib.contextmanager
def _held(folder: Path) -> Iterator[None]:
    """Keep `folder` open while it is watched: a folder deleted while open keeps its inode,
    so a new one made at its path cannot get the same number and pass for it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # gone already (the watch waits for it), or not openable (Windows)
        yield
        return
    try:
        yield
    finally:
        os.close(descriptor)


class Reloader:
    def __init__(self, store: KnowledgeStore, backups: int = BACKUPS) -> None:
        self.store = store
        self.backups = backups
        """Backups kept per season file an upload replaces (SEASONBOT_BACKUPS)."""
        self._lock = asyncio.Lock()
        self._source_is_folder = store.source.is_dir()
        """Fixed at start: while a data folder is gone, its path is no file to read instead."""
        self._refused: tuple[str, str] | None = None
        """The digest of the files a check last refused, and of the data then served: one
        bad file is refused (and logged) once, not at every check until it is fixed."""

    @property
    def current(self) -> Snapshot:
        return self.store.current

    async def reload(self, user_id: int | None, upload: bytes | None = None) -> ReloadResult:
        """Reload from disk; with `upload`, validate the folder it would make and write it
        only if that is valid."""
        async with self._lock:
            if upload is not None:
                result = await asyncio.to_thread(self._install_upload, upload)
            else:
                result = await asyncio.to_thread(self.store.reload)
            self._log(user_id, "upload" if upload is not None else "reload", result)
            return self._for_users(result)

    async def reload_if_changed(self, reason: str) -> ReloadResult | None:
        """Reload when the files' bytes differ from what is loaded, and from what was last
        refused (the watcher, the periodic check)."""
        async with self._lock:
            on_disk = await asyncio.to_thread(self._digest_on_disk)
            served = self.store.current.digest
            if on_disk in (None, served) or (on_disk, served) == self._refused:
                return None
            result = await asyncio.to_thread(self.store.reload)
            self._refused = None if result.accepted else (on_disk, served)
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

    async def watch(
        self,
        debounce_ms: int = 300,
        poll_interval: float | None = None,
        check_interval: float = CHECK_SECONDS,
    ) -> None:
        """Reload whenever a season file under the knowledge path changes. Runs forever, and
        never goes silent: a failed reload is logged and the watch goes on; so does a failed
        watch, after a pause; a folder deleted, replaced or re-pointed by a symlink is watched
        again once one is at the path; and every `check_interval` seconds the files' content
        is compared with what is served, whatever the watch saw. With `poll_interval`
        (seconds) it polls instead of using OS notifications, which do not see another
        machine's writes to a network volume."""
        backstop = asyncio.create_task(self._check_every(check_interval))
        try:
            while True:
                try:
                    await self._watch_folder(debounce_ms, poll_interval)
                except Exception:
                    log.exception(
                        "watching %s failed; watching again in %s s",
                        self.folder,
                        WATCH_RETRY_SECONDS,
                        extra={"file": str(self.folder)},
                    )
                    await asyncio.sleep(WATCH_RETRY_SECONDS)
        finally:
            backstop.cancel()

    async def _watch_folder(self, debounce_ms: int, poll_interval: float | None) -> None:
        """Watch the folder at the knowledge path until it is no longer the one there
        (deleted, replaced, or a symlink on the way re-pointed); return once a folder is at
        the path again."""
        folder = self.folder
        with _held(folder):
            watched = await asyncio.to_thread(self._ground)
            if watched is None:
                await self._wait_for_folder()
                return
            await self._watch_until_replaced(folder, watched, debounce_ms, poll_interval)

    async def _watch_until_replaced(
        self, folder: Path, watched: Ground, debounce_ms: int, poll_interval: float | None
    ) -> None:
        """Reload on every change the watch sees, and on every change of its ground, until
        the folder at the path is another one or none; then say so, and wait for one."""
        # What changed between the load (or the last watch) and this one.
        await self.reload_in_background("files changed")
        changes_seen = awatch(
            folder,
            watch_filter=None,  # every change: the digest says whether a season file's bytes did
            debounce=debounce_ms,
            force_polling=poll_interval is not None,
            poll_delay_ms=round((poll_interval or 0.3) * 1000),
            rust_timeout=round(FOLDER_CHECK_SECONDS * 1000),
            yield_on_timeout=True,
        )
        async with contextlib.aclosing(changes_seen):
            async for changes in changes_seen:
                ground = await asyncio.to_thread(self._ground)
                if ground is None or ground[0] != watched[0]:
                    break
                if changes or ground != watched:
                    watched = ground
                    files = ", ".join(sorted(path for _, path in changes)) or str(folder)
                    await self.reload_in_background("files changed", files=files)
            else:
                return  # the watch ended on its own: the caller watches again
        if ground is None:
            await self._wait_for_folder()
        else:
            log.info(
                "the data folder %s was replaced; watching the new one",
                folder,
                extra={"file": str(folder)},
            )

    async def _wait_for_folder(self) -> None:
        folder = self.folder
        log.warning(
            "the data folder %s is gone; still serving the data loaded before, and watching "
            "for a folder at that path",
            folder,
            extra={"file": str(folder)},
        )
        while True:
            if await asyncio.to_thread(folder.is_dir):
                break
            await asyncio.sleep(FOLDER_CHECK_SECONDS)
        log.info("the data folder %s is back; watching it", folder, extra={"file": str(folder)})

    def _ground(self) -> Ground | None:
        """What the watch stands on: the folder at the knowledge path (device and inode,
        symlinks followed), and each season file's name, inode, size and modification time
        (symlinks followed); None while no folder is at the path."""
        try:
            folder = self.folder.stat()
        except OSError:
            return None
        files: list[tuple[Any, ...]] = []
        for file in season_files(self.store.source):
            try:
                state = file.stat()
            except OSError:
                files.append((file.name,))
                continue
            files.append((file.name, state.st_ino, state.st_size, state.st_mtime_ns))
        return (folder.st_dev, folder.st_ino), tuple(files)

    async def _check_every(self, interval: float) -> None:
        """The backstop: compare the files' content with what is served every `interval`
        seconds, so that a change is picked up within that time whatever the file system
        does (notifications lost, a time or size that did not change)."""
        while True:
            await asyncio.sleep(interval)
            await self.reload_in_background("periodic check")

    def _digest_on_disk(self) -> str | None:
        """The digest of the files at the knowledge path; None while the data folder is gone
        (the watcher reports that)."""
        source = self.store.source
        if self._source_is_folder and not source.is_dir():
            return None
        return digest_of(season_files(source))

    def remove_leftovers(self) -> None:
        """Remove the temporary files a write interrupted by a crash left in the data folder
        (`TEMPORARY`): they are never read, but would pile up. Under the folder's lock, so a
        write in progress in another process keeps its own."""
        folder = self.folder
        with folder_lock(folder):
            for leftover in sorted(folder.glob(TEMPORARY)):
                try:
                    leftover.unlink()
                except OSError as error:
                    log.warning(
                        "cannot remove %s, left by a write that did not finish: %s",
                        leftover.name,
                        error.strerror,
                        extra={"file": str(leftover)},
                    )
                    continue
                log.warning(
                    "removed %s, left by a write that did not finish",
                    leftover.name,
                    extra={"file": str(leftover)},
                )

    def _install_upload(self, upload: bytes) -> ReloadResult:
        """Validate an uploaded season file with the other files of the data folder, and only
        if the folder they make is valid, write it (keeping backups) and serve it. A refusal
        writes nothing; so does a write that fails, which raises `UploadNotSaved`."""
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

        def write(_: Snapshot) -> None:
            install(target, upload, self.backups)

        try:
            with folder_lock(self.folder):
                return self.store.reload(Replacement(target, upload, season), before_swap=write)
        except WriteFailed as error:
            # Valid data the server cannot write is the server's fault, not the upload's.
            log.error(
                "could not write the uploaded %s: %s; still serving the data loaded before",
                target.name,
                error,
                extra={"file": str(target)},
            )
            raise UploadNotSaved() from error

    @property
    def folder(self) -> Path:
        """The data folder: the knowledge path, or the folder of a single knowledge file."""
        source = self.store.source
        return source if self._source_is_folder else source.parent

    def target_for(self, season: Season) -> Path:
        """The file an uploaded season replaces: the one holding the same season, if any,
        else a new file named after the season. Raises `UploadRefused` for any place
        outside the data folder (the id is validated too; this does not rely on it)."""
        source = self.store.source
        if not self._source_is_folder:
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
