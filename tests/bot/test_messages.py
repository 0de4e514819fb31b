"""A question in a DM or a mention fails the way a slash command fails: one error path.

`SeasonBot.on_message` answers through the bot's one pipeline (bot/pipeline.py), the one
commands and clicks take: a broken answer is counted as failed and logged with the
message's fields and traceback, a refusal is one log line, and every reply sent is counted as
answered; the fan reads the same words either way.
(The real gateway and REST round trip of messages is in tests/e2e/test_messages.py.)
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import pytest

from bot.client import SeasonBot
from commands.errors import BadQuoting, render_error
from commands.i18n import translator
from tests.bot.dispatch import log_in

EN = translator("en")


@dataclass
class Author:
    id: int = 53908232506183680
    bot: bool = False


@dataclass
class DirectMessage:
    """What `on_message` reads of a `discord.Message` in a DM, and its replies."""

    content: str
    id: int = 1_200_000_000_000_000_001
    author: Author = field(default_factory=Author)
    guild: None = None
    mentions: tuple[()] = ()
    replies: list[dict[str, Any]] = field(default_factory=list)

    async def reply(self, **message: Any) -> None:
        self.replies.append(message)


def answer_raising(error: Exception) -> Any:
    async def answer_question(ctx: Any, text: str) -> Any:
        raise error

    return answer_question


async def test_a_failing_answer_is_logged_and_counted_like_a_commands(
    bot: SeasonBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    log_in(bot)
    monkeypatch.setattr("bot.client.answer_question", answer_raising(RuntimeError("boom")))
    message = DirectMessage("who won the Clausura?")
    with caplog.at_level(logging.INFO, logger="seasonbot"):
        await bot.on_message(message)  # type: ignore[arg-type]
    (sent,) = message.replies
    assert sent["embeds"][0].description == render_error(RuntimeError(), EN).embeds[0].description
    assert "Something went wrong on our side" in sent["embeds"][0].description
    (failure,) = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert failure.getMessage() == "error answering"
    assert failure.exc_info is not None and str(failure.exc_info[1]) == "boom"
    assert vars(failure)["message_id"] == message.id
    assert vars(failure)["command"] == "ask (dm)"
    assert bot.flow.metrics.failed == 1
    assert bot.flow.metrics.answered == 1


async def test_a_refused_question_is_one_line_and_no_failure(
    bot: SeasonBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    log_in(bot)
    monkeypatch.setattr("bot.client.answer_question", answer_raising(BadQuoting()))
    message = DirectMessage("who won the Clausura?")
    with caplog.at_level(logging.INFO, logger="seasonbot"):
        await bot.on_message(message)  # type: ignore[arg-type]
    (sent,) = message.replies
    assert sent["embeds"][0].description == EN("error.bad_quoting")
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO] == [
        "refused: BadQuoting",
        "answered",
    ]
    assert not [record for record in caplog.records if record.exc_info]
    assert bot.flow.metrics.failed == 0
    assert bot.flow.metrics.answered == 1
