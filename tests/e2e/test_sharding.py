"""Two bot processes, one shard each, over one shared knowledge folder.

Why: a big deployment runs a process per group of shards (SEASONBOT_SHARD_COUNT /
SEASONBOT_SHARD_IDS). A moderator's upload reaches only the process of the moderator's shard;
every other process must pick the new file up by itself (each one watches the folder and
validates what it loads), or fans on other shards would read stale data indefinitely.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
import pytest_asyncio

from tests.e2e.botproc import BotProcess, start_shards
from tests.e2e.checks import ask, eventually
from tests.e2e.double import ADMIN_GUILD_ID, FAN_GUILD_ID, MODERATOR, Answer, DiscordDouble

pytestmark = pytest.mark.asyncio(loop_scope="module")

SHARDS = 2


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shards(double: DiscordDouble, workdir: Path) -> AsyncIterator[list[BotProcess]]:
    """Started one after the other with one state folder, as one deployment would be."""
    bots = await start_shards(double, workdir, SHARDS)
    try:
        yield bots
    finally:
        alive = [bot.alive for bot in bots]
        codes = [await bot.stop() for bot in bots]
    assert all(alive), [bot.tail() for bot in bots]
    assert codes == [0] * len(bots), [bot.tail() for bot in bots]


async def test_each_process_identifies_as_its_shard(
    double: DiscordDouble, shards: list[BotProcess]
) -> None:
    assert [identify.get("shard") for identify in double.identifies] == [[0, 2], [1, 2]]
    for shard in range(SHARDS):
        session = double.session_for(shard)
        assert session.connected
    # The shared state folder: the second process found the definitions already synced.
    assert [sync.guild_id for sync in double.syncs] == [None, ADMIN_GUILD_ID]


async def test_both_shards_answer(double: DiscordDouble, shards: list[BotProcess]) -> None:
    admin = await ask(double, double.slash("club", "UdeG"), shard=0)
    fan_payload = double.slash("club", "UdeG", guild_id=FAN_GUILD_ID)
    fans = await ask(double, fan_payload, shard=1)
    assert "55,020" in admin.text
    assert "55,020" in fans.text
    fan_interaction = int(fan_payload["id"])
    await shards[1].wait_for_log(lambda r: r.get("interaction_id") == fan_interaction)


async def test_upload_through_shard_0_reaches_both_processes(
    double: DiscordDouble, shards: list[BotProcess], workdir: Path
) -> None:
    season_file = workdir / "knowledge" / "2013-14.yaml"
    corrected = season_file.read_text(encoding="utf-8").replace(
        "capacity: 55020", "capacity: 56713"
    )
    upload = double.attachment("2013-14.yaml", corrected.encode())
    answer = await ask(double, double.slash("reload", upload, user=MODERATOR), shard=0)
    assert answer.ephemeral
    assert "reloaded" in answer.text

    def shows_new_capacity(answer: Answer) -> bool:
        return "56,713" in answer.text

    def club_card(shard: int, guild: int) -> Callable[[], Awaitable[Answer]]:
        return lambda: ask(double, double.slash("club", "UdeG", guild_id=guild), shard=shard)

    for shard, guild in ((0, ADMIN_GUILD_ID), (1, FAN_GUILD_ID)):
        await eventually(
            club_card(shard, guild),
            shows_new_capacity,
            timeout=10.0,
            what=f"the corrected capacity from shard {shard}",
        )
    # Shard 1's process reloaded by itself, from its file watcher.
    await shards[1].wait_for_log(lambda r: r["message"] == "files changed accepted")
