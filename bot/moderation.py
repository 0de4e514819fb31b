"""Reloading the season data: on /reload, on SIGHUP, on an upload, and when the files change.

Every reload goes through one lock, so concurrent requests are serialised, and through the
files: an upload is validated, written atomically beside a backup of the old file, and then
loaded like any edit. Because each process also watches the data folder, a change made
through one process (or by hand) reaches every process, and each validates it on its own.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
from pathlib import Path

from watchfiles import Change, awatch

from knowledge.loader import MAX_FILE_BYTES, Problem, SeasonRefused, parse_season, season_files
from knowledge.models import Season
from knowledge.store import KnowledgeStore, ReloadResult, Snapshot, digest_of

log = logging.getLogger("seasonbot.reload")

UPLOAD_NAME = "upload.yaml"


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
                    return refused
            result = await asyncio.to_thread(self.store.reload)
            self._log(user_id, "upload" if upload is not None else "reload", result)
            return result

    async def reload_if_changed(self, reason: str) -> ReloadResult | None:
        """Reload when the files' bytes differ from what is loaded (watcher, SIGHUP)."""
        async with self._lock:
            if await asyncio.to_thread(self._digest_on_disk) == self.store.current.digest:
                return None
            result = await asyncio.to_thread(self.store.reload)
            self._log(None, reason, result)
            return result

    async def watch(self, debounce_ms: int = 300) -> None:
        """Reload whenever a season file under the knowledge path changes. Runs forever."""
        source = self.store.source
        folder = source if source.is_dir() else source.parent

        def is_season_file(change: Change, path: str) -> bool:
            return path.endswith((".yaml", ".yml")) and (source.is_dir() or Path(path) == source)

        async for _ in awatch(folder, watch_filter=is_season_file, debounce=debounce_ms):
            await self.reload_if_changed("files changed")

    def _digest_on_disk(self) -> str:
        return digest_of(season_files(self.store.source))

    def _install_upload(self, upload: bytes) -> ReloadResult | None:
        """Validate and write an uploaded season file. Returns a refusal, or None if written."""
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
            return ReloadResult(False, self.store.current, problems=refused.problems)
        target = self._target_for(season)
        backup = target.with_name(target.name + ".bak")
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            with temporary.open("w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            if target.exists():
                shutil.copy2(target, backup)
            temporary.replace(target)  # atomic: readers see the old file or the new one
        except OSError as error:
            temporary.unlink(missing_ok=True)
            return refuse(f"could not write {target.name}: {error.strerror}")
        return None

    def _target_for(self, season: Season) -> Path:
        """The file the uploaded season replaces: the one holding the same season, if any."""
        source = self.store.source
        if not source.is_dir():
            return source
        known = self.store.current.file_of.get(season.season.id)
        return known if known is not None else source / f"{season.season.id}.yaml"

    def _refusal(self, message: str) -> ReloadResult:
        return ReloadResult(False, self.store.current, problems=(Problem(UPLOAD_NAME, 1, message),))

    @staticmethod
    def _log(user_id: int | None, action: str, result: ReloadResult) -> None:
        outcome = "accepted" if result.accepted else "refused"
        log.info(
            "%s %s%s",
            action,
            outcome,
            "" if result.accepted else f" ({len(result.problems)} problems)",
            extra={"user_id": user_id, "outcome": outcome, "digest": result.snapshot.digest[:12]},
        )
