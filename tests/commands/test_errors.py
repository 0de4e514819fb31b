"""The one split between a refusal and a failure, as every transport logs it (`log_error`)."""

from __future__ import annotations

import logging

import pytest

from commands.errors import NotAllowed, UnknownOption, is_expected, log_error, render_error
from commands.i18n import translator
from knowledge.errors import SameClubTwice

log = logging.getLogger("seasonbot.test")


@pytest.mark.parametrize(
    ("error", "level"),
    [(SameClubTwice("necaxa"), logging.INFO), (NotAllowed(), logging.WARNING)],
    ids=["domain error", "moderator command"],
)
def test_a_refusal_is_one_line_at_its_level(
    caplog: pytest.LogCaptureFixture, error: Exception, level: int
) -> None:
    with caplog.at_level(logging.DEBUG, logger=log.name):
        failed = log_error(error, log, "answering /result", {"user_id": 1})
    (record,) = caplog.records
    assert not failed
    assert (record.levelno, record.exc_info) == (level, None)
    assert record.getMessage() == f"refused answering /result: {type(error).__name__}"
    assert record.user_id == 1  # type: ignore[attr-defined]
    assert render_error(error, translator("en")).embeds[0].title, "a refusal has its title"


def test_a_failure_is_logged_with_its_traceback_and_counted(
    caplog: pytest.LogCaptureFixture,
) -> None:
    error = RuntimeError("boom")
    with caplog.at_level(logging.DEBUG, logger=log.name):
        failed = log_error(error, log, "answering /result")
    (record,) = caplog.records
    assert failed
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None and record.exc_info[1] is error
    assert not is_expected(error)
    assert render_error(error, translator("en")).embeds[0].title is None


def test_where_the_refusal_is_read_at_once_it_is_not_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The console shows the refusal to the person who typed the line: no log line."""
    with caplog.at_level(logging.DEBUG, logger=log.name):
        assert not log_error(UnknownOption(option="x"), log, "answering '/x'", refusals=False)
    assert not caplog.records
