"""Reloads and uploads: validated to one side, written atomically with a backup, serialised."""

from __future__ import annotations

import asyncio
import errno
import logging
import multiprocessing
import os
import re
import shutil
import stat
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from bot import moderation
from bot.moderation import Reloader, UploadRefused
from bot.settings import Settings
from commands.errors import is_expected, render_error
from commands.i18n import translator
from commands.reload import UploadNotSaved, render_reload
from knowledge.loader import MAX_FILE_BYTES, read_season
from knowledge.store import KnowledgeStore, digest_of
from tests.data_folders import contents, publish_configmap, replace_folder
from tests.helpers import line_of


@asynccontextmanager
async def watching(reloader: Reloader, **options: Any) -> AsyncIterator[asyncio.Task[None]]:
    """The reloader's watcher running for the block, cancelled after it."""
    watcher = asyncio.create_task(reloader.watch(**options))
    try:
        yield watcher
    finally:
        watcher.cancel()


def saved_text(folder: Path) -> str:
    """The season file as saved in `folder` (the `season_text` fixture is the shipped one)."""
    return (folder / "2013-14.yaml").read_text(encoding="utf-8")


async def test_a_good_upload_is_written_with_a_backup_and_served(
    reloader: Reloader, data_copy: Path
) -> None:
    original = saved_text(data_copy)
    upload = original.replace("capacity: 55020", "capacity: 56000").encode()
    result = await reloader.reload(user_id=1, upload=upload)
    assert result.accepted
    assert reloader.current.season.club("udeg").capacity == 56000
    assert saved_text(data_copy) == upload.decode()
    assert (data_copy / "2013-14.yaml.bak").read_text(encoding="utf-8") == original
    assert not list(data_copy.glob(".*.tmp"))  # the temporary file was renamed into place
    text = str(render_reload(result, translator("en")).to_payload())
    assert "clubs: +0 added, −0 removed, ~1 changed" in text


async def test_a_bad_upload_is_refused_and_nothing_is_written(
    reloader: Reloader, data_copy: Path
) -> None:
    original = saved_text(data_copy)
    before = reloader.current
    upload = original.replace("score: 5-0", "score: 5-1").encode()
    result = await reloader.reload(user_id=1, upload=upload)
    assert not result.accepted
    assert reloader.current is before
    assert saved_text(data_copy) == original
    assert not (data_copy / "2013-14.yaml.bak").exists()
    line = next(n for n, row in enumerate(upload.decode().splitlines(), 1) if "score: 5-1" in row)
    assert any(
        problem.line == line and "listed goals" in problem.message for problem in result.problems
    )
    reply = render_reload(result, translator("en"))
    assert reply.ephemeral
    assert f"upload.yaml:{line}:" in (reply.embeds[0].description or "")


async def test_an_upload_the_server_cannot_write_is_worded_as_the_servers_fault(
    reloader: Reloader, data_copy: Path, caplog: pytest.LogCaptureFixture, monkeypatch: Any
) -> None:
    """A valid upload the data folder will not take (its permissions, a read-only volume):
    "the new data has problems" sent the moderator looking for a fault in a good file. The
    server is at fault: the reply says so, and the operator's log has it as an error."""
    original = saved_text(data_copy)
    before = reloader.current

    def not_permitted(target: Path, data: bytes, backups: int) -> None:
        error = PermissionError(errno.EACCES, "Permission denied", str(target))
        raise moderation.WriteFailed(target, error) from error

    monkeypatch.setattr(moderation, "install", not_permitted)
    upload = original.replace("capacity: 55020", "capacity: 56000").encode()
    with pytest.raises(UploadNotSaved) as raised:
        await reloader.reload(user_id=1, upload=upload)
    assert reloader.current is before
    assert saved_text(data_copy) == original
    reply = render_error(raised.value, translator("en"))
    text = str(reply.to_payload())
    assert reply.ephemeral
    assert "the server could not save it" in text and "has problems" not in text
    (error,) = [r for r in caplog.records if r.levelname == "ERROR"]
    assert "Permission denied" in error.getMessage() and "2013-14.yaml" in error.getMessage()
    assert is_expected(raised.value)  # one error line in the log, not a traceback as well


async def test_an_alias_bomb_is_refused(reloader: Reloader) -> None:
    bomb = b'a: &a ["lol","lol","lol"]\nb: &b [*a,*a,*a]\nc: [*b,*b,*b]\n'
    result = await reloader.reload(user_id=1, upload=bomb)
    assert not result.accepted
    assert "anchors and aliases" in result.problems[0].message


async def test_an_oversized_or_binary_upload_is_refused(reloader: Reloader) -> None:
    big = await reloader.reload(user_id=1, upload=b"#" * (MAX_FILE_BYTES + 1))
    assert not big.accepted and "limit" in big.problems[0].message
    binary = await reloader.reload(user_id=1, upload=b"\xff\xfe\x00bin")
    assert not binary.accepted and "UTF-8" in binary.problems[0].message


async def test_concurrent_reloads_are_serialised(reloader: Reloader, data_copy: Path) -> None:
    """Ten uploads at once: each is applied whole, one after another, the last one wins."""
    original = saved_text(data_copy)
    uploads = [
        original.replace("capacity: 55020", f"capacity: {60000 + n}").encode() for n in range(10)
    ]
    results = await asyncio.gather(
        *(reloader.reload(user_id=n, upload=u) for n, u in enumerate(uploads))
    )
    assert all(result.accepted for result in results)
    capacities = [result.snapshot.season.club("udeg").capacity for result in results]
    assert capacities == [60000 + n for n in range(10)]  # in order, none lost or mixed
    assert reloader.current.season.club("udeg").capacity == 60009


async def test_a_hand_edit_is_picked_up_only_when_the_bytes_change(
    reloader: Reloader, data_copy: Path
) -> None:
    assert await reloader.reload_if_changed("test") is None
    path = data_copy / "2013-14.yaml"
    path.write_text(
        saved_text(data_copy).replace("capacity: 9581", "capacity: 9582"), encoding="utf-8"
    )
    result = await reloader.reload_if_changed("test")
    assert result is not None and result.accepted
    assert reloader.current.season.club("altamira").capacity == 9582


async def test_the_watcher_reloads_after_a_file_changes(
    reloader: Reloader, data_copy: Path
) -> None:
    async with watching(reloader, debounce_ms=50):
        await asyncio.sleep(0.3)  # let the watcher start
        path = data_copy / "2013-14.yaml"
        path.write_text(
            saved_text(data_copy).replace("capacity: 8985", "capacity: 9000"),
            encoding="utf-8",
        )
        for _ in range(100):
            if reloader.current.season.club("delfines").capacity == 9000:
                break
            await asyncio.sleep(0.05)
        assert reloader.current.season.club("delfines").capacity == 9000


@pytest.mark.parametrize("season_id", ["../outside/evil", "{absolute}", "2013-14/../../evil"])
async def test_an_upload_whose_id_is_a_path_is_refused_and_nothing_is_written(
    reloader: Reloader, data_copy: Path, season_id: str
) -> None:
    """The id names the file an upload goes to: a path in it must not reach the disk."""
    season_id = season_id.format(absolute=data_copy.parent / "absolute" / "evil")
    original = saved_text(data_copy)
    before = reloader.current
    upload = original.replace("  id: 2013-14\n", f'  id: "{season_id}"\n', 1)
    result = await reloader.reload(user_id=1, upload=upload.encode())
    assert not result.accepted
    assert reloader.current is before
    line = line_of(upload, f'  id: "{season_id}"')
    assert any(p.line == line and p.message.startswith("season.id:") for p in result.problems)
    everything = {p.relative_to(data_copy.parent) for p in data_copy.parent.rglob("*")}
    assert everything == {Path("seasons"), Path("seasons/2013-14.yaml")}


def test_the_target_of_an_upload_must_be_inside_the_data_folder(
    reloader: Reloader, data_copy: Path
) -> None:
    """Second line of defence, should a season id ever escape validation."""
    season = reloader.current.season
    escaped = season.model_copy(
        update={"season": season.season.model_copy(update={"id": "../evil"})}
    )
    with pytest.raises(UploadRefused, match="outside the data folder"):
        reloader.target_for(escaped)


async def test_a_refused_reload_names_files_relative_to_the_data_folder(
    reloader: Reloader, data_copy: Path
) -> None:
    """A moderator on Discord must not learn where the server keeps its files."""
    path = data_copy / "2013-14.yaml"
    broken = saved_text(data_copy).replace("capacity: 55020", "capacity: -5")
    path.write_text(broken, encoding="utf-8")
    result = await reloader.reload(user_id=1)
    assert not result.accepted
    assert [(p.path, p.line) for p in result.problems] == [
        ("2013-14.yaml", line_of(broken, "    capacity: -5"))
    ]
    shown = str(render_reload(result, translator("en")).to_payload())
    assert "2013-14.yaml:" in shown
    assert str(data_copy) not in shown


UPLOADS_PER_PROCESS = 10


def _upload_repeatedly(folder: str, upload: bytes, start: Any) -> None:
    """One shard process: same PID as every other container (PID 1), uploading in a loop."""
    os.getpid = lambda: 1  # each container runs as PID 1
    reloader = Reloader(KnowledgeStore(Path(folder)))
    start.wait()
    for _ in range(UPLOADS_PER_PROCESS):
        result = asyncio.run(reloader.reload(user_id=None, upload=upload))
        assert result.accepted, result.problems


def test_processes_uploading_at_once_leave_one_whole_upload(data_copy: Path) -> None:
    """Shard processes share the volume; every upload must land whole or not at all."""
    original = saved_text(data_copy)
    uploads = [
        # Different lengths, so a file spliced from two uploads cannot pass for either.
        (original + f"# upload {n} " + "x" * (4000 * n) + "\n").encode()
        for n in range(4)
    ]
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    workers = [
        context.Process(target=_upload_repeatedly, args=(str(data_copy), upload, start))
        for upload in uploads
    ]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(120)
    assert [worker.exitcode for worker in workers] == [0] * len(workers)
    backups = ["2013-14.yaml.bak", "2013-14.yaml.bak.1", "2013-14.yaml.bak.2"]  # three kept
    assert sorted(p.name for p in data_copy.iterdir()) == ["2013-14.yaml", *backups]
    for name in ["2013-14.yaml", *backups]:
        assert (data_copy / name).read_bytes() in uploads


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
async def test_an_upload_keeps_the_mode_of_the_file_it_replaces(
    reloader: Reloader, data_copy: Path
) -> None:
    path = data_copy / "2013-14.yaml"
    path.chmod(0o640)
    upload = saved_text(data_copy).replace("capacity: 55020", "capacity: 56000").encode()
    assert (await reloader.reload(user_id=1, upload=upload)).accepted
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert stat.S_IMODE((data_copy / "2013-14.yaml.bak").stat().st_mode) == 0o640
    assert path.stat().st_uid == os.getuid()


async def test_a_refusal_on_discord_counts_the_problems_it_does_not_list(
    reloader: Reloader, data_copy: Path
) -> None:
    """Every capacity, score and goal minute broken: 15 + 26 + 58 problems. The loader lists
    50 and counts the rest; the reply shows 20 and counts all the others."""
    text = saved_text(data_copy)
    for field in ("capacity", "score", "minute"):
        text = text.replace(f"{field}: ", f"{field}: x")
    result = await reloader.reload(user_id=1, upload=text.encode())
    assert (len(result.problems), result.omitted) == (50, 15 + 26 + 58 - 50)
    shown = render_reload(result, translator("en")).embeds[0].description or ""
    assert f"… and {15 + 26 + 58 - 20} more" in shown


# --- the watcher, SIGHUP: never dies, never silent ------------------------------------------


async def wait_for(predicate: Any, tries: int = 200) -> None:
    for _ in range(tries):
        if predicate():
            return
        await asyncio.sleep(0.05)


async def test_the_watcher_logs_a_failed_reload_and_keeps_watching(
    reloader: Reloader, data_copy: Path, caplog: pytest.LogCaptureFixture, monkeypatch: Any
) -> None:
    """Whatever a reload raises, the watcher logs it with the file and goes on watching."""
    real_reload = reloader.store.reload
    calls: list[int] = []

    def failing_once() -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("disk on fire")
        return real_reload()

    monkeypatch.setattr(reloader.store, "reload", failing_once)
    path = data_copy / "2013-14.yaml"
    async with watching(reloader, debounce_ms=50) as watcher:
        await asyncio.sleep(0.3)  # let the watcher start
        path.write_text(
            saved_text(data_copy).replace("capacity: 8985", "capacity: 9000"),
            encoding="utf-8",
        )
        await wait_for(lambda: calls)
        await asyncio.sleep(0.2)  # the failed reload is logged
        failures = [r for r in caplog.records if r.levelname == "ERROR"]
        assert failures and failures[0].exc_info is not None
        assert str(path) in failures[0].getMessage() + str(getattr(failures[0], "file", ""))
        assert not watcher.done(), "the watcher died with the reload"
        path.write_text(
            saved_text(data_copy).replace("capacity: 9000", "capacity: 9001"),
            encoding="utf-8",
        )
        await wait_for(lambda: reloader.current.season.club("delfines").capacity == 9001)
        assert reloader.current.season.club("delfines").capacity == 9001


async def test_a_failed_background_reload_is_logged_not_raised(
    reloader: Reloader, data_copy: Path, caplog: pytest.LogCaptureFixture, monkeypatch: Any
) -> None:
    """SIGHUP's reload runs as a task nobody awaits: an exception must reach the log."""

    def broken() -> Any:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(reloader.store, "reload", broken)
    assert await reloader.reload_in_background("SIGHUP", if_changed=False) is None
    (record,) = [r for r in caplog.records if r.levelname == "ERROR"]
    assert "SIGHUP" in record.getMessage()
    assert getattr(record, "file", None) == str(data_copy)
    assert record.exc_info is not None


async def test_the_watcher_can_poll_for_network_volumes(
    reloader: Reloader, data_copy: Path, monkeypatch: Any
) -> None:
    """inotify does not see another machine's writes on a shared volume; polling does."""
    import watchfiles

    asked: list[dict[str, Any]] = []
    real_awatch = watchfiles.awatch

    def recording_awatch(*args: Any, **kwargs: Any) -> Any:
        asked.append(kwargs)
        return real_awatch(*args, **kwargs)

    monkeypatch.setattr("bot.moderation.awatch", recording_awatch)
    original = saved_text(data_copy)
    path = data_copy / "2013-14.yaml"
    async with watching(reloader, debounce_ms=50, poll_interval=0.1):
        # The poller's first scan may not have happened yet: edit until it notices one.
        for capacity in range(9002, 9042):
            path.write_text(original.replace("8985", str(capacity)), encoding="utf-8")
            await wait_for(lambda: reloader.current.season.club("delfines").capacity != 8985, 10)
            if reloader.current.season.club("delfines").capacity != 8985:
                break
        assert 9002 <= reloader.current.season.club("delfines").capacity < 9042
    assert asked[0]["force_polling"] is True
    assert asked[0]["poll_delay_ms"] == 100


def test_watch_settings(tmp_path: Path) -> None:
    def watch_of(**env: str) -> tuple[str, float]:
        settings = Settings.model_validate({"SEASONBOT_STATE_DIR": tmp_path, **env})
        return settings.watch, settings.watch_interval

    assert watch_of() == ("native", 1.0)
    assert watch_of(SEASONBOT_WATCH="poll", SEASONBOT_WATCH_INTERVAL="2.5") == ("poll", 2.5)
    assert watch_of(SEASONBOT_WATCH="false")[0] == "off"
    assert watch_of(SEASONBOT_WATCH="true")[0] == "native"
    with pytest.raises(ValidationError):
        watch_of(SEASONBOT_WATCH="sometimes")
    with pytest.raises(ValidationError):
        watch_of(SEASONBOT_WATCH_INTERVAL="0")


def test_check_and_backup_settings(tmp_path: Path) -> None:
    def settings_of(**env: str) -> tuple[float, int]:
        settings = Settings.model_validate({"SEASONBOT_STATE_DIR": tmp_path, **env})
        return settings.watch_check, settings.backups

    assert settings_of() == (30.0, 3)
    assert settings_of(SEASONBOT_WATCH_CHECK="5", SEASONBOT_BACKUPS="0") == (5.0, 0)
    for wrong in ({"SEASONBOT_WATCH_CHECK": "0"}, {"SEASONBOT_BACKUPS": "-1"}):
        with pytest.raises(ValidationError):
            settings_of(**wrong)
    with pytest.raises(ValidationError, match="SEASONBOT_BACKUPS"):
        settings_of(SEASONBOT_BACKUPS="1000")


async def test_validation_and_indexing_run_off_the_event_loop(
    reloader: Reloader, data_copy: Path, monkeypatch: Any
) -> None:
    """A large upload is validated and indexed in a worker thread, so the loop keeps
    answering meanwhile (benchmarks/loading.py measures how well)."""
    import threading

    from knowledge.loader import parse_season
    from knowledge.store import Snapshot

    threads: list[str] = []
    real_parse, real_load = parse_season, Snapshot.load

    def parse(*args: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real_parse(*args)

    def load(*args: Any) -> Snapshot:
        threads.append(threading.current_thread().name)
        return real_load(*args)

    monkeypatch.setattr("bot.moderation.parse_season", parse)
    monkeypatch.setattr(Snapshot, "load", load)
    upload = saved_text(data_copy).replace("capacity: 55020", "capacity: 56000").encode()
    assert (await reloader.reload(user_id=1, upload=upload)).accepted
    assert len(threads) == 2
    assert threading.main_thread().name not in threads


async def test_a_hostile_file_saved_in_the_folder_is_refused_in_the_log_by_line(
    reloader: Reloader, data_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """What the watcher does with a 100,000-deep file: the operator reads `path:line:` in the
    log (nobody else sees this refusal), and the old data stays in service."""
    before = reloader.current
    path = data_copy / "2013-14.yaml"
    path.write_text("season: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    result = await reloader.reload_in_background("files changed")
    assert result is not None and not result.accepted
    assert reloader.current is before
    (record,) = [r for r in caplog.records if r.levelname == "WARNING"]
    assert f"{path}:1: " in record.getMessage()


@pytest.mark.parametrize(
    ("upload", "line"),
    [
        ("season: " + "[" * 100_000 + "]" * 100_000 + "\n", 1),
        ("season:\n  tier: " + "9" * 5000 + "\n", 2),
        ("clubs:\n" + "- {}\n" * 90_000, 1002),
    ],
    ids=["deep", "digits", "items"],
)
async def test_a_hostile_upload_is_refused_by_line(
    reloader: Reloader, data_copy: Path, upload: str, line: int
) -> None:
    before = reloader.current
    result = await reloader.reload(user_id=1, upload=upload.encode())
    assert not result.accepted
    assert reloader.current is before
    assert [(p.path, p.line) for p in result.problems] == [("upload.yaml", line)]
    assert sorted(p.name for p in data_copy.iterdir()) == ["2013-14.yaml"]


# --- refused means untouched -------------------------------------------------------------

BROKEN = b"season: [unclosed\n"
"""A season file another hand left broken in the data folder."""


async def test_an_upload_refused_for_another_bad_file_leaves_every_file_as_it_was(
    reloader: Reloader, data_copy: Path
) -> None:
    """The upload is valid, the folder it would make is not: nothing is written, not even
    a backup, however often the moderator tries, and it never goes live later."""
    (data_copy / "2014-15.yaml").write_bytes(BROKEN)
    before, served = contents(data_copy), reloader.current
    upload = saved_text(data_copy).replace("capacity: 55020", "capacity: 56000").encode()
    for _ in range(2):
        result = await reloader.reload(user_id=1, upload=upload)
        assert not result.accepted
        assert {problem.path for problem in result.problems} == {"2014-15.yaml"}
        assert contents(data_copy) == before
        assert reloader.current is served
    (data_copy / "2014-15.yaml").unlink()
    assert await reloader.reload_if_changed("files changed") is None  # nothing new on disk
    assert reloader.current.season.club("udeg").capacity == 55020


def assert_served_data_is_on_disk(reloader: Reloader) -> None:
    """The files the data in service was read from hold exactly those bytes."""
    served = reloader.current
    assert digest_of(served.files) == served.digest
    assert read_season(served.file_of[served.season.season.id]) == served.season


async def test_the_served_data_is_always_on_disk(reloader: Reloader, data_copy: Path) -> None:
    """Whatever uploads are accepted or refused, and why, the live file holds what is served."""
    original = saved_text(data_copy)

    def capacity(value: int) -> bytes:
        return original.replace("capacity: 55020", f"capacity: {value}").encode()

    steps: list[tuple[str, bytes, bool]] = [
        ("upload", capacity(56000), True),
        ("break another file", BROKEN, False),
        ("upload", capacity(57000), False),
        ("upload", capacity(58000), False),
        ("upload", b"season: [unclosed\n", False),
        ("mend the other file", b"", True),
        ("upload", capacity(59000), True),
        ("upload", original.replace("score: 5-0", "score: 5-1").encode(), False),
    ]
    for action, data, accepted in steps:
        if action == "upload":
            assert (await reloader.reload(user_id=1, upload=data)).accepted is accepted, action
        elif action == "break another file":
            (data_copy / "2014-15.yaml").write_bytes(data)
        else:
            (data_copy / "2014-15.yaml").unlink()
        assert_served_data_is_on_disk(reloader)
    assert reloader.current.season.club("udeg").capacity == 59000


async def test_backups_rotate_only_for_an_accepted_upload_and_the_last_n_are_kept(
    data_copy: Path,
) -> None:
    reloader = Reloader(KnowledgeStore(data_copy), backups=2)
    original = saved_text(data_copy)
    versions = [original.replace("capacity: 55020", f"capacity: {56000 + n}") for n in range(3)]
    for version in versions:
        assert (await reloader.reload(user_id=1, upload=version.encode())).accepted
        refused = await reloader.reload(user_id=1, upload=b"season: [unclosed\n")
        assert not refused.accepted
    assert contents(data_copy) == {
        "2013-14.yaml": versions[2].encode(),
        "2013-14.yaml.bak": versions[1].encode(),
        "2013-14.yaml.bak.1": versions[0].encode(),
    }
    fewer = Reloader(KnowledgeStore(data_copy), backups=1)
    assert (await fewer.reload(user_id=1, upload=original.encode())).accepted
    assert sorted(contents(data_copy)) == ["2013-14.yaml", "2013-14.yaml.bak"]


def fail_the_nth_call(monkeypatch: pytest.MonkeyPatch, name: str, n: int) -> list[int]:
    """`os.<name>` fails on its n-th call with what a full disk says (ENOSPC)."""
    real = getattr(os, name)
    calls: list[int] = []

    def failing(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == n:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, failing)
    return calls


@pytest.mark.parametrize(
    ("call", "n"),
    [("fsync", 1), ("fsync", 2), ("replace", 1), ("replace", 2), ("replace", 3), ("replace", 4)],
)
async def test_a_write_that_fails_leaves_every_file_and_the_data_served_as_they_were(
    reloader: Reloader, data_copy: Path, monkeypatch: pytest.MonkeyPatch, call: str, n: int
) -> None:
    """A full disk or a refused rename at any step of writing an upload (the new file, the
    backup, each rotation of the backups, the last rename) leaves the folder as it was."""
    original = saved_text(data_copy)
    for capacity in (56000, 57000):  # two backups to rotate
        upload = original.replace("capacity: 55020", f"capacity: {capacity}").encode()
        assert (await reloader.reload(user_id=1, upload=upload)).accepted
    before, served = contents(data_copy), reloader.current
    fail_the_nth_call(monkeypatch, call, n)
    upload = original.replace("capacity: 55020", "capacity: 58000").encode()
    with pytest.raises(UploadNotSaved):  # the server's fault, worded so (render_error)
        await reloader.reload(user_id=1, upload=upload)
    monkeypatch.undo()
    assert contents(data_copy) == before
    assert reloader.current is served


# --- the watcher never goes silent -------------------------------------------------------


def season_bytes(folder: Path, capacity: int) -> dict[str, bytes]:
    """The season files of `folder` with Estadio Jalisco's capacity set to `capacity`."""
    text = (folder / "2013-14.yaml").read_text(encoding="utf-8")
    return {"2013-14.yaml": re.sub(r"capacity: 55\d\d\d", f"capacity: {capacity}", text).encode()}


def jalisco(reloader: Reloader) -> int:
    return reloader.current.season.club("udeg").capacity


def logged(caplog: pytest.LogCaptureFixture, words: str) -> bool:
    return any(words in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("how", ["recreate", "rename"])
async def test_the_watcher_watches_a_replaced_folder_again(
    reloader: Reloader, data_copy: Path, caplog: pytest.LogCaptureFixture, how: Any
) -> None:
    """A deploy replaces the data folder; the edits made after it are still seen."""
    caplog.set_level(logging.INFO, "seasonbot.reload")
    async with watching(reloader, debounce_ms=50):
        await asyncio.sleep(0.3)  # let the watcher start
        replace_folder(data_copy, season_bytes(data_copy, 55100), how)
        await wait_for(lambda: jalisco(reloader) == 55100)
        assert jalisco(reloader) == 55100
        (data_copy / "2013-14.yaml").write_bytes(season_bytes(data_copy, 55200)["2013-14.yaml"])
        await wait_for(lambda: jalisco(reloader) == 55200)
        assert jalisco(reloader) == 55200
    assert logged(caplog, "is gone") or logged(caplog, "was replaced")


async def test_the_watcher_says_when_the_folder_is_gone_and_watches_it_when_back(
    reloader: Reloader, data_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "seasonbot.reload")
    saved = season_bytes(data_copy, 55020)
    async with watching(reloader, debounce_ms=50):
        await asyncio.sleep(0.3)
        shutil.rmtree(data_copy)
        await wait_for(lambda: logged(caplog, "is gone"))
        (gone,) = [r for r in caplog.records if "is gone" in r.getMessage()]
        assert gone.levelname == "WARNING" and getattr(gone, "file", None) == str(data_copy)
        assert jalisco(reloader) == 55020  # still served
        data_copy.mkdir()
        (data_copy / "2013-14.yaml").write_bytes(saved["2013-14.yaml"])
        await wait_for(lambda: logged(caplog, "is back"))
        (data_copy / "2013-14.yaml").write_bytes(season_bytes(data_copy, 55300)["2013-14.yaml"])
        await wait_for(lambda: jalisco(reloader) == 55300)
        assert jalisco(reloader) == 55300


async def test_the_watcher_follows_a_symlinked_folder_that_is_re_pointed(
    tmp_path: Path, data_copy: Path
) -> None:
    """`current -> releases/1`, then a deploy points it at `releases/2`."""
    releases = tmp_path / "releases"
    for release, capacity in (("1", 55020), ("2", 55400)):
        (releases / release).mkdir(parents=True)
        for name, data in season_bytes(data_copy, capacity).items():
            (releases / release / name).write_bytes(data)
    current = tmp_path / "current"
    current.symlink_to(releases / "1")
    reloader = Reloader(KnowledgeStore(current))
    async with watching(reloader, debounce_ms=50):
        await asyncio.sleep(0.3)
        swap = tmp_path / "current.new"
        swap.symlink_to(releases / "2")
        swap.replace(current)
        await wait_for(lambda: jalisco(reloader) == 55400)
        assert jalisco(reloader) == 55400


async def test_the_watcher_follows_a_season_file_symlinked_from_elsewhere(
    tmp_path: Path, data_copy: Path
) -> None:
    """`seasons/2013-14.yaml -> /srv/data/2013-14.yaml`: an edit there sends the data folder
    no notification."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    real = elsewhere / "2013-14.yaml"
    real.write_bytes(season_bytes(data_copy, 55020)["2013-14.yaml"])
    folder = tmp_path / "linked"
    folder.mkdir()
    (folder / "2013-14.yaml").symlink_to(real)
    reloader = Reloader(KnowledgeStore(folder))
    async with watching(reloader, debounce_ms=50):
        await asyncio.sleep(0.3)
        real.write_bytes(season_bytes(data_copy, 55700)["2013-14.yaml"])
        await wait_for(lambda: jalisco(reloader) == 55700)
        assert jalisco(reloader) == 55700


@pytest.mark.parametrize("knowledge", ["folder", "file"])
async def test_the_watcher_sees_a_configmap_update(
    tmp_path: Path, data_copy: Path, knowledge: str
) -> None:
    """A ConfigMap mounted as the data folder, or a season file in one: the kubelet swaps
    `..data` to a new timestamped folder, and the new data is served."""
    mounted = tmp_path / "config"
    publish_configmap(mounted, season_bytes(data_copy, 55020))
    source = mounted if knowledge == "folder" else mounted / "2013-14.yaml"
    reloader = Reloader(KnowledgeStore(source))
    async with watching(reloader, debounce_ms=50):
        await asyncio.sleep(0.3)
        for capacity in (55500, 55600):
            publish_configmap(mounted, season_bytes(data_copy, capacity))
            await wait_for(lambda capacity=capacity: jalisco(reloader) == capacity)
            assert jalisco(reloader) == capacity


async def never_notified(*folders: Path, **options: Any) -> Any:
    """A file system that sends no notification at all (some network and FUSE mounts)."""
    await asyncio.Event().wait()
    yield set()


async def test_the_periodic_check_picks_up_what_nothing_else_saw(
    reloader: Reloader, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No notification, and an edit that keeps the file's size, inode and time: only the
    content tells, and the periodic check reads it."""
    monkeypatch.setattr("bot.moderation.awatch", never_notified)
    path = data_copy / "2013-14.yaml"
    async with watching(reloader, check_interval=0.1):
        await asyncio.sleep(0.2)
        state = path.stat()
        with path.open("r+b") as handle:  # in place: the same inode
            handle.write(season_bytes(data_copy, 55021)["2013-14.yaml"])
        os.utime(path, ns=(state.st_atime_ns, state.st_mtime_ns))
        assert path.stat().st_size == state.st_size
        await wait_for(lambda: jalisco(reloader) == 55021)
        assert jalisco(reloader) == 55021


async def test_a_bad_file_is_refused_once_not_at_every_check(
    reloader: Reloader, data_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (data_copy / "2014-15.yaml").write_bytes(BROKEN)
    async with watching(reloader, debounce_ms=50, check_interval=0.05):
        await wait_for(lambda: logged(caplog, "refused"))
        await asyncio.sleep(0.5)  # some ten checks more
    refusals = [r for r in caplog.records if "refused" in r.getMessage()]
    assert len(refusals) == 1


def test_leftovers_of_an_interrupted_write_are_removed_and_logged(
    reloader: Reloader, data_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    leftover = data_copy / ".2013-14.yaml.k3j_x9a2.tmp"
    leftover.write_bytes(b"half an upload")
    before = contents(data_copy)
    reloader.remove_leftovers()
    assert contents(data_copy) == {
        name: data for name, data in before.items() if name != leftover.name
    }
    (record,) = caplog.records
    assert leftover.name in record.getMessage()
    assert getattr(record, "file", None) == str(leftover)
