"""/reload end to end: who may reload, uploads through Discord's CDN, and what fans see after.

Why end to end: the moderator check depends on what Discord sends (member roles resolve only
against the cached guild from GUILD_CREATE), the upload is downloaded from the attachment URL
by discord.py, and the reply goes out as a deferred follow-up whose visibility Discord fixes
at the deferral. None of that is visible to handler tests.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from commands.i18n import translator
from tests.e2e.botproc import BotProcess
from tests.e2e.checks import ask
from tests.e2e.double import (
    FAN,
    MODERATOR,
    OWNER,
    ROLE_MODERATOR,
    Callback,
    DiscordDouble,
    User,
)
from tests.helpers import line_of

pytestmark = pytest.mark.asyncio(loop_scope="module")

EN = translator("en")
JALISCO = "capacity: 55020"
"""Estadio Jalisco's line in the season file; the uploads below change it."""


@pytest.fixture(scope="module")
def season_file(bot: BotProcess, workdir: Path) -> Path:
    return workdir / "bot" / "knowledge" / "2013-14.yaml"


@pytest.fixture(scope="module")
def original(season_file: Path) -> str:
    text = season_file.read_text(encoding="utf-8")
    assert text.count(JALISCO) == 1
    return text


async def capacity_shown(double: DiscordDouble) -> str:
    answer = await ask(double, double.slash("club", "UdeG"))
    return answer.text


@pytest_asyncio.fixture(loop_scope="module")
async def restore(double: DiscordDouble, season_file: Path, original: str) -> AsyncIterator[None]:
    """Put the original data back after a test that changed it, through /reload itself."""
    yield
    if season_file.read_text(encoding="utf-8") != original:
        upload = double.attachment("2013-14.yaml", original.encode())
        answer = await ask(double, double.slash("reload", upload, user=MODERATOR))
        assert EN("reload.accepted_title") in answer.text, answer.text


@pytest.mark.parametrize("user", [MODERATOR, ROLE_MODERATOR], ids=["by-id", "by-role"])
async def test_moderator_reloads(double: DiscordDouble, bot: BotProcess, user: User) -> None:
    answer = await ask(double, double.slash("reload", user=user))
    assert answer.ephemeral, "a moderator's reload report must be ephemeral"
    assert "reloaded" in answer.text
    assert EN("reload.no_changes") in answer.text


async def test_non_moderator_is_refused_and_nothing_changes(
    double: DiscordDouble, bot: BotProcess, season_file: Path, original: str
) -> None:
    """Even with Manage Server hidden by Discord, a fan who calls /reload anyway (an old
    client, a crafted request) is refused by the bot's own check, before any download."""
    changed = original.replace(JALISCO, "capacity: 56713").encode()
    upload = double.attachment("2013-14.yaml", changed)
    for user in (FAN, OWNER):  # OWNER has every permission but is not a listed moderator
        callback = await double.interact(double.slash("reload", upload, user=user))
        assert callback.type == 4, "refused at once, not deferred"
        assert callback.ephemeral
        assert EN("error.not_allowed") in callback.text
    assert not any(upload["id"] in path for path in double.downloads), "downloaded anyway"
    assert season_file.read_text(encoding="utf-8") == original
    assert "55,020" in await capacity_shown(double)
    warnings = [r for r in bot.log_records() if "non-moderator" in r["message"]]
    assert len(warnings) == 2


@pytest.mark.parametrize("broken", ["values", "syntax"])
async def test_bad_upload_is_refused_with_lines_and_the_old_data_stays(
    double: DiscordDouble, bot: BotProcess, season_file: Path, original: str, broken: str
) -> None:
    if broken == "values":
        text = original.replace(JALISCO, "capacity: -5").replace(
            "season:\n", "season:\n  bogus: 1\n", 1
        )
        expected = [
            f"upload.yaml:{line_of(text, 'bogus: 1')}:",
            f"upload.yaml:{line_of(text, 'capacity: -5')}:",
        ]
    else:
        text = "season: [unclosed\n"
        expected = ["upload.yaml:1:"]
    upload = double.attachment("2013-14.yaml", text.encode())
    answer = await ask(double, double.slash("reload", upload, user=MODERATOR))
    assert answer.ephemeral
    assert EN("reload.refused_title") in answer.text
    for location in expected:
        assert location in answer.text, f"{location} missing from:\n{answer.text}"
    assert season_file.read_text(encoding="utf-8") == original
    assert not season_file.with_name(season_file.name + ".bak").exists()
    stadiums = await ask(double, double.slash("stadiums"))
    assert "55,020" in stadiums.text


async def test_oversized_upload_is_refused_before_download(
    double: DiscordDouble, bot: BotProcess, season_file: Path, original: str
) -> None:
    upload = double.attachment("2013-14.yaml", b"season: {}\n")
    upload["size"] = 5 * 1024 * 1024  # what Discord reports; the bot must not fetch it
    answer = await ask(double, double.slash("reload", upload, user=MODERATOR))
    assert answer.ephemeral
    assert not any(upload["id"] in path for path in double.downloads)
    assert season_file.read_text(encoding="utf-8") == original


async def test_good_upload_is_served_at_once(
    double: DiscordDouble,
    bot: BotProcess,
    season_file: Path,
    original: str,
    restore: None,
) -> None:
    changed = original.replace(JALISCO, "capacity: 56713")
    upload = double.attachment("corrected.yaml", changed.encode())
    answer = await ask(double, double.slash("reload", upload, user=MODERATOR))
    assert isinstance(answer, Callback) is False, "the upload is slow work: it is deferred"
    assert answer.ephemeral
    assert "reloaded" in answer.text
    assert EN("reload.section.clubs") in answer.text
    assert any(upload["id"] in path for path in double.downloads)
    assert season_file.read_text(encoding="utf-8") == changed
    assert season_file.with_name(season_file.name + ".bak").read_text(encoding="utf-8") == original
    shown = await capacity_shown(double)
    assert "56,713" in shown
    assert "55,020" not in shown
    stadiums = await ask(double, double.slash("stadiums"))
    assert "56,713" in stadiums.text


async def test_an_upload_is_deferred_before_it_is_downloaded(
    double: DiscordDouble, bot: BotProcess, original: str, restore: None
) -> None:
    """A slow CDN must not cost the 3-second deadline: the bot acknowledges first (privately,
    since Discord fixes a deferred reply's visibility at the deferral), then downloads."""
    upload = double.attachment(
        "2013-14.yaml", original.replace(JALISCO, "capacity: 55021").encode()
    )
    payload = double.slash("reload", upload, user=MODERATOR)
    answer = await ask(double, payload)
    assert EN("reload.accepted_title") in answer.text
    first = double.callbacks[str(payload["id"])][0]
    assert (first.type, first.ephemeral) == (5, True)
    paths = [request.path for request in double.requests]
    deferred = next(i for i, p in enumerate(paths) if f"/interactions/{payload['id']}/" in p)
    downloaded = next(i for i, p in enumerate(paths) if upload["id"] in p)
    assert deferred < downloaded, "downloaded before acknowledging the interaction"


async def test_a_failed_download_gets_a_clear_message(
    double: DiscordDouble, bot: BotProcess, season_file: Path, original: str
) -> None:
    upload = double.attachment("2013-14.yaml", original.encode())
    gone = upload["url"].replace(f"/{upload['id']}/", "/1/")  # no longer on the CDN
    upload.update(url=gone, proxy_url=gone)
    answer = await ask(double, double.slash("reload", upload, user=MODERATOR))
    assert answer.ephemeral
    assert EN("reload.download_failed", filename="2013-14.yaml") in answer.text, answer.text
    assert EN("error.unexpected") not in answer.text
    assert season_file.read_text(encoding="utf-8") == original
