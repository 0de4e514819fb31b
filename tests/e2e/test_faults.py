"""Faults injected into the data folder of the bot as a process: refused uploads, deploys that
replace the folder, a Kubernetes ConfigMap update, a crash's leftovers.

Why end to end: what must hold is what the operator finds on disk and what fans are served,
across the upload's download, the watcher's notifications and the reload that follows, in
the process as it is run. The times from a replace or a swap to the new data being served are
measured and printed (`pytest -s`), never asserted: the test waits up to the stated bound
(`SEASONBOT_WATCH_CHECK`) and a generous margin for a loaded machine.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Literal

import pytest

from commands.i18n import translator
from knowledge.loader import read_season
from tests.data_folders import contents, publish_configmap, replace_folder
from tests.e2e.botproc import BotProcess, copy_knowledge, start_bot
from tests.e2e.checks import ask, eventually
from tests.e2e.double import MODERATOR, Answer, DiscordDouble

pytestmark = pytest.mark.asyncio(loop_scope="module")

EN = translator("en")
JALISCO = "capacity: 55020"
"""Estadio Jalisco's line in the season file; the versions below change it."""

CHECK_SECONDS = 30
"""The bound stated for a change to be served, whatever the file system does: the default
SEASONBOT_WATCH_CHECK, set here as an operator would."""

ENV = {"SEASONBOT_WATCH_CHECK": str(CHECK_SECONDS)}
"""Every bot of this module's settings."""

DEADLINE = CHECK_SECONDS + 15.0
"""How long a test waits for new data to be served: the stated bound, and a margin."""

BROKEN = b"season: [unclosed\n"


@pytest.fixture(scope="module")
def bot_env() -> dict[str, str]:
    return ENV


@pytest.fixture(scope="module")
def knowledge(bot: BotProcess, workdir: Path) -> Path:
    return workdir / "bot" / "knowledge"


@pytest.fixture(scope="module")
def original(knowledge: Path) -> bytes:
    return (knowledge / "2013-14.yaml").read_bytes()


def version(original: bytes, capacity: int) -> bytes:
    return original.replace(JALISCO.encode(), f"capacity: {capacity}".encode())


async def served_within(double: DiscordDouble, capacity: int, what: str) -> float:
    """Seconds until /club UdeG shows `capacity` (polled, up to `DEADLINE`), printed."""
    shown = f"{capacity:,}"
    loop = asyncio.get_running_loop()
    start = loop.time()

    def shows(answer: Answer) -> bool:
        return shown in answer.text

    await eventually(
        lambda: ask(double, double.slash("club", "UdeG")),
        shows,
        timeout=DEADLINE,
        interval=0.05,
        what=f"/club UdeG showing {shown} after {what}",
    )
    elapsed = loop.time() - start
    print(f"\n{what}: new data served after {elapsed:.2f} s")
    return elapsed


async def upload(double: DiscordDouble, data: bytes) -> Answer:
    attachment = double.attachment("2013-14.yaml", data)
    return await ask(double, double.slash("reload", attachment, user=MODERATOR))


def assert_served_data_is_on_disk(knowledge: Path, shown: str) -> None:
    """The live file holds the data fans are served."""
    capacity = read_season(knowledge / "2013-14.yaml").club("udeg").capacity
    assert f"{capacity:,}" in shown, f"served:\n{shown}\nbut the live file says {capacity}"


async def test_an_upload_refused_for_another_bad_file_leaves_every_file_byte_for_byte(
    double: DiscordDouble, bot: BotProcess, knowledge: Path, original: bytes
) -> None:
    other = knowledge / "2014-15.yaml"
    other.write_bytes(BROKEN)
    try:
        before = contents(knowledge)
        for _ in range(2):  # a second try must not turn the backup into the upload either
            answer = await upload(double, version(original, 56713))
            assert EN("reload.refused_title") in answer.text, answer.text
            assert "2014-15.yaml:1:" in answer.text
            assert contents(knowledge) == before
            assert "55,020" in (await ask(double, double.slash("club", "UdeG"))).text
    finally:
        other.unlink()
    # Once the other file is gone, the refused upload does not go live: there is no change.
    answer = await ask(double, double.slash("reload", user=MODERATOR))
    assert EN("reload.no_changes") in answer.text, answer.text
    assert contents(knowledge) == {"2013-14.yaml": original}


async def test_the_served_data_always_exists_on_disk(
    double: DiscordDouble, bot: BotProcess, knowledge: Path, original: bytes
) -> None:
    """Uploads accepted and refused, for a bad upload or another bad file: after each, the
    live file holds exactly the last accepted upload, and that is what is served."""
    other = knowledge / "2014-15.yaml"
    accepted = original
    steps: list[tuple[str, bytes]] = [
        ("upload", version(original, 56713)),
        ("break another file", BROKEN),
        ("upload", version(original, 57000)),
        ("upload", b"season: [unclosed\n"),
        ("mend the other file", b""),
        ("upload", version(original, 58000).replace(b"score: 5-0", b"score: 5-1")),
        ("upload", original),
    ]
    for action, data in steps:
        if action == "upload":
            answer = await upload(double, data)
            if EN("reload.accepted_title") in answer.text:
                accepted = data
        elif action == "break another file":
            other.write_bytes(data)
        else:
            other.unlink()
        assert (knowledge / "2013-14.yaml").read_bytes() == accepted, action
        shown = (await ask(double, double.slash("club", "UdeG"))).text
        assert_served_data_is_on_disk(knowledge, shown)
    assert accepted == original  # the first and the last upload were accepted, no other


@pytest.mark.parametrize("how", ["recreate", "rename"])
async def test_a_replaced_folder_is_served_and_watched_again(
    double: DiscordDouble,
    bot: BotProcess,
    knowledge: Path,
    original: bytes,
    how: Literal["recreate", "rename"],
) -> None:
    replace_folder(knowledge, {"2013-14.yaml": version(original, 56100)}, how)
    await served_within(double, 56100, f"folder replaced ({how})")
    (knowledge / "2013-14.yaml").write_bytes(version(original, 56200))  # an edit after it
    await served_within(double, 56200, f"an edit after the folder was replaced ({how})")
    (knowledge / "2013-14.yaml").write_bytes(original)
    await served_within(double, 55020, "the original put back")


@contextlib.asynccontextmanager
async def another_bot(
    double: DiscordDouble, workdir: Path, name: str, knowledge: Path
) -> AsyncIterator[BotProcess]:
    """A bot of its own for one test, set as the module's; the double sends interactions to
    the newest session."""
    process = await start_bot(double, workdir / name, name=name, knowledge=knowledge, env=ENV)
    try:
        yield process
    finally:
        survived = process.alive
        code = await process.stop()
    assert survived and code == 0, process.tail()


@pytest.mark.parametrize("mounted_as", ["folder", "file"])
async def test_a_configmap_update_is_served(
    double: DiscordDouble, bot: BotProcess, workdir: Path, original: bytes, mounted_as: str
) -> None:
    """SEASONBOT_KNOWLEDGE names the mounted ConfigMap, or the season file in it."""
    mounted = workdir / f"configmap-{mounted_as}" / "seasons"
    publish_configmap(mounted, {"2013-14.yaml": original})
    source = mounted if mounted_as == "folder" else mounted / "2013-14.yaml"
    async with another_bot(double, workdir, f"configmap-{mounted_as}", source):
        assert "55,020" in (await ask(double, double.slash("club", "UdeG"))).text
        for capacity in (56300, 56400):  # the second swap too: the watch goes on
            publish_configmap(mounted, {"2013-14.yaml": version(original, capacity)})
            await served_within(double, capacity, f"ConfigMap ..data swapped ({mounted_as})")


async def test_leftovers_of_a_crashed_write_are_removed_at_start_up(
    double: DiscordDouble, bot: BotProcess, workdir: Path
) -> None:
    knowledge = copy_knowledge(workdir / "crashed" / "knowledge")
    leftover = knowledge / ".2013-14.yaml.k3j_x9a2.tmp"
    leftover.write_bytes(b"half an upload")
    async with another_bot(double, workdir, "crashed", knowledge) as crashed:
        assert not leftover.exists()
        await crashed.wait_for_log(lambda record: leftover.name in record["message"])
