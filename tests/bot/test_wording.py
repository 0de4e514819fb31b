"""Errors worded for the person who made them: what is missing in their words, what a
value may be, how a console command is used. Never an internal name alone."""

from __future__ import annotations

import pytest

from bot.console import Console
from bot.console_lines import NO, YES
from commands import declared_commands
from commands.i18n import catalog, languages
from commands.slash import OptionKind
from tests.bot.test_console import error_message


@pytest.mark.parametrize(
    ("locale", "line", "words", "example"),
    [
        ("en", "/result Necaxa", "the second club", "`/result Necaxa UdeG`"),
        ("en", "/result", "the first club", "`/result Necaxa UdeG`"),
        ("en", "/path", "a club", "`/path Tecos`"),
        ("es-419", "/resultado Necaxa", "el segundo club", "`/resultado Necaxa UdeG`"),
    ],
)
async def test_a_missing_option_is_asked_for_in_words_with_a_line_that_works(
    packaged_store: object, locale: str, line: str, words: str, example: str
) -> None:
    """It said "/result needs the option `club_b`": a parameter's name, not a request."""
    console = Console(packaged_store, locale)  # type: ignore[arg-type]
    message = await error_message(console, line)
    assert words in message and example in message
    assert "club_a" not in message and "club_b" not in message
    answered = await console.answer(example.strip("`"))
    assert not answered.ephemeral, f"the example {example} must itself be answered"


def test_every_required_option_has_words_in_every_language_and_its_command_an_example() -> None:
    for language in languages():
        words = catalog(language)
        for command in declared_commands():
            required = [option for option in command.options if option.required]
            if not required or command.rest_of_line:
                continue
            assert f"help.commands.{command.name}.example" in words, (language, command.name)
            for option in required:
                assert f"error.option_called.{option.name}" in words, (language, option.name)


@pytest.mark.parametrize("locale", ["en", "es-419"])
async def test_a_yes_no_value_that_is_neither_says_what_the_option_takes(
    packaged_store: object, locale: str
) -> None:
    """It said "private has a value that cannot be used", naming no value that can."""
    console = Console(packaged_store, locale)  # type: ignore[arg-type]
    flag = "private" if locale == "en" else "privado"
    message = await error_message(console, f"/stadiums {flag}:maybe")
    assert "maybe" in message
    offered = {word.strip("`(),.") for word in message.replace("/", " ").split()}
    named = offered & (YES | NO | {"sí", "yes", "no", "true", "false", "on", "off"})
    assert {"true", "false", "on", "off"} <= named
    assert named & {"yes", "sí"} and "no" in named
    for word in named:  # every value the message names is one the option takes
        answered = await console.answer(f"/stadiums {flag}:{word}")
        assert "Estadio Jalisco" in answered.embeds[0].description, word  # type: ignore[operator]


async def test_a_file_that_cannot_be_read_is_named_with_what_the_option_takes(
    console: Console,
) -> None:
    console.lines.moderator_commands = True
    message = await error_message(console, "/reload file:/no/such/season.yaml")
    assert "/no/such/season.yaml" in message
    assert "a file this machine can read" in message


@pytest.mark.parametrize("line", ["!press", "!press   ", "!PRESS"])
async def test_a_bare_press_says_how_to_press_not_that_an_answer_is_gone(
    console: Console, line: str
) -> None:
    message = await error_message(console, line)
    assert "no longer" not in message
    assert "`!press ID`" in message


def test_every_yes_no_option_is_read_by_the_same_words() -> None:
    kinds = {option.kind for command in declared_commands() for option in command.options}
    assert OptionKind.YES_NO in kinds
    assert YES.isdisjoint(NO)
