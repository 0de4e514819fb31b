"""Fixtures for the transport layer: settings that read nothing from this machine."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.client import SeasonBot
from bot.console import Console
from bot.moderation import Reloader
from bot.settings import Settings
from commands.help import forget_command_ids
from knowledge.store import KnowledgeStore, packaged_seasons
from tests.bot.dispatch import ADMIN_GUILD, MODERATOR, Recorder, install_recorder


@pytest.fixture(autouse=True)
def no_command_ids_left() -> Iterator[None]:
    """A sync remembers the ids Discord gave the commands, which /help then mentions
    (`</result:ID>`): none outlives the test that synced, so /help reads the same in every
    test whatever ran before it."""
    yield
    forget_command_ids()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        SEASONBOT_STATE_DIR=tmp_path / "state",
        SEASONBOT_KNOWLEDGE=packaged_seasons(),
    )


@pytest.fixture(scope="session")
def packaged_store() -> KnowledgeStore:
    return KnowledgeStore(packaged_seasons())


@pytest.fixture
def console(packaged_store: KnowledgeStore) -> Console:
    return Console(packaged_store, "en")


@pytest.fixture
def console_es(packaged_store: KnowledgeStore) -> Console:
    return Console(packaged_store, "es-419")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the season folder, for reload and upload tests."""
    folder = tmp_path / "seasons"
    folder.mkdir()
    for file in packaged_seasons().glob("*.yaml"):
        (folder / file.name).write_bytes(file.read_bytes())
    return folder


@pytest.fixture
def reloader(data_copy: Path) -> Reloader:
    return Reloader(KnowledgeStore(data_copy))


@pytest.fixture
async def bot(data_copy: Path, tmp_path: Path) -> AsyncIterator[SeasonBot]:
    """The bot, its features loaded, never connected: driven by `tests.bot.dispatch`."""
    settings = Settings(
        SEASONBOT_KNOWLEDGE=data_copy,
        SEASONBOT_STATE_DIR=tmp_path / "state",
        SEASONBOT_ADMIN_GUILDS=str(ADMIN_GUILD),
        SEASONBOT_MODERATORS=str(MODERATOR),
    )
    client = SeasonBot(KnowledgeStore(data_copy), settings)
    await client.load_features()
    yield client
    await client.close()


@pytest.fixture
def recorder() -> Recorder:
    return install_recorder()
