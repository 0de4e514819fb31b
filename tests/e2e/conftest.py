"""Fixtures for the end-to-end tests: one Discord double and one bot process per module.

Why module scope: starting the bot costs about a second (imports, loading the season, sync,
gateway handshake), and one process answering many interactions is also what production
looks like. Test modules run their tests in the module's event loop
(`pytestmark = pytest.mark.asyncio(loop_scope="module")`), the loop these fixtures live in.
A module that needs the bot configured differently overrides `bot_env`; the double,
`double_options`.

Every request the bot sends is judged by the double as Discord would judge it (the vendored
OpenAPI spec and the documented limits, `double/strict.py`); a test after which the double
holds a new violation fails (`_discord_would_accept`), and so does a double leaving its
`async with` with one.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from tests.e2e.botproc import BotProcess, start_bot
from tests.e2e.double import DiscordDouble


@pytest.fixture(scope="module")
def double_options() -> dict[str, Any]:
    """How the module's double is made; a module that needs another (a callback deadline)
    overrides this, as it overrides `bot_env`."""
    return {}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def double(double_options: dict[str, Any]) -> AsyncIterator[DiscordDouble]:
    async with DiscordDouble(**double_options) as server:
        yield server
        assert not server.unhandled, f"the bot called routes the double lacks: {server.unhandled}"


@pytest.fixture(autouse=True)
def _discord_would_accept(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail the test during which the bot sent a request Discord would refuse."""
    if "double" not in request.fixturenames:
        yield
        return
    server: DiscordDouble = request.getfixturevalue("double")
    before = len(server.violations)
    yield
    server.assert_no_violations(since=before)


@pytest.fixture(scope="module")
def workdir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1])


@pytest.fixture(scope="module")
def bot_env() -> dict[str, str]:
    """Extra environment for the module's bot (defaults: see `botproc.bot_environment`)."""
    return {}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(
    double: DiscordDouble, workdir: Path, bot_env: dict[str, str]
) -> AsyncIterator[BotProcess]:
    """The module's bot, started as `python -m bot run`; it must exit 0 on SIGTERM."""
    process = await start_bot(double, workdir / "bot", env=bot_env)
    yield process
    survived = process.alive
    code = await process.stop()
    assert survived, f"the bot died during the module:\n{process.tail()}"
    assert code == 0, f"exit code {code} on SIGTERM:\n{process.tail()}"
