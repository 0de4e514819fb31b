"""Declaring a slash command: its words by convention from the catalogs, its name options typed."""

from __future__ import annotations

import importlib
import subprocess
import sys
from typing import Any

import discord
import pytest

from commands import FEATURES, declared_commands
from commands.i18n import catalog
from commands.path import path_command
from commands.registration import app_command
from commands.reply import Reply
from commands.result import result_command
from commands.scorers import scorers_command
from commands.slash import SlashCommand, slash_command


async def _handler(ctx: Any, **options: Any) -> Reply:
    return Reply(content="")


def test_english_words_come_from_the_catalog_by_convention() -> None:
    assert result_command.description == (
        "Every meeting of two clubs, with scores, scorers and how each tie ended"
    )
    club_a, club_b, tournament, private = app_command(result_command).parameters
    assert (club_a.description, club_b.description) == (
        "First club, e.g. Necaxa",
        "Second club, e.g. UdeG",
    )
    assert tournament.description == (  # the words the commands share
        "Only this tournament (Apertura, Clausura or the promotion final)"
    )
    assert (private.display_name, private.required) == ("private", False)
    everyone = app_command(scorers_command).parameters[2]
    assert (everyone.name, everyone.display_name) == ("everyone", "all")
    assert everyone.description == "Every scorer, including the long list with one goal"


def test_club_and_tournament_options_complete_and_stop_at_100_characters() -> None:
    club, tournament, _ = app_command(path_command).parameters
    for option in (club, tournament):
        assert option.type is discord.AppCommandOptionType.string
        assert (option.min_value, option.max_value, option.autocomplete) == (1, 100, True)
    assert (club.required, tournament.required) == (True, False)
    assert not app_command(scorers_command).parameters[2].autocomplete


def test_an_option_without_english_words_is_refused_when_declared() -> None:
    with pytest.raises(LookupError, match=r"command\.options\.weather\.description"):

        @slash_command("result", handler=_handler)
        async def weather_command(interaction: discord.Interaction[Any], weather: bool) -> None:
            pass


def test_an_option_of_a_type_discord_is_not_told_of_is_refused_when_declared() -> None:
    with pytest.raises(TypeError, match=r"/result private: no option type for 'int'"):

        @slash_command("result", handler=_handler)
        async def counted_command(interaction: discord.Interaction[Any], private: int) -> None:
            pass


def test_the_declarations_import_no_discord() -> None:
    """The console reads the declarations; discord.py is imported by the bot alone."""
    code = "import sys, commands; commands.declared_commands(); print('discord' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"


def test_every_command_is_named_as_its_english_catalog_names_it() -> None:
    """/help and the replies name a command from the catalog; Discord from the declaration."""
    declared = [
        value
        for feature in FEATURES
        for value in vars(importlib.import_module(feature)).values()
        if isinstance(value, SlashCommand)
    ]
    assert [command.name for command in declared] == [
        feature.rsplit(".", 1)[-1] for feature in FEATURES
    ]
    assert declared == declared_commands()
    english = catalog("en")
    for command in declared:
        assert english[f"command.{command.name}.name"] == command.name
