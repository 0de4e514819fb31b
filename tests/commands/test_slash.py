"""Declaring a slash command: its words by convention from the catalogs, its name options typed."""

from __future__ import annotations

import importlib
from typing import Any

import discord
import pytest
from discord import app_commands

from commands import FEATURES
from commands.i18n import catalog
from commands.path import path_command
from commands.reply import Reply
from commands.result import result_command
from commands.scorers import scorers_command
from commands.slash import slash_command


async def _handler(ctx: Any, **options: Any) -> Reply:
    return Reply(content="")


def test_english_words_come_from_the_catalog_by_convention() -> None:
    assert result_command.description == (
        "Every meeting of two clubs, with scores, scorers and how each tie ended"
    )
    club_a, club_b, tournament, private = result_command.parameters
    assert (club_a.description, club_b.description) == (
        "First club, e.g. Necaxa",
        "Second club, e.g. UdeG",
    )
    assert tournament.description == (  # the words the commands share
        "Only this tournament (Apertura, Clausura or the promotion final)"
    )
    assert (private.display_name, private.required) == ("private", False)
    everyone = scorers_command.parameters[2]
    assert (everyone.name, everyone.display_name) == ("everyone", "all")
    assert everyone.description == "Every scorer, including the long list with one goal"


def test_club_and_tournament_options_complete_and_stop_at_100_characters() -> None:
    club, tournament, _ = path_command.parameters
    for option in (club, tournament):
        assert option.type is discord.AppCommandOptionType.string
        assert (option.min_value, option.max_value, option.autocomplete) == (1, 100, True)
    assert (club.required, tournament.required) == (True, False)
    assert not scorers_command.parameters[2].autocomplete


def test_an_option_without_english_words_is_refused_when_declared() -> None:
    with pytest.raises(LookupError, match=r"command\.options\.weather\.description"):

        @slash_command("result", handler=_handler)
        async def weather_command(interaction: discord.Interaction[Any], weather: str) -> None:
            pass


def test_every_command_is_named_as_its_english_catalog_names_it() -> None:
    """/help and the replies name a command from the catalog; Discord from the declaration."""
    declared = [
        value
        for feature in FEATURES
        for value in vars(importlib.import_module(feature)).values()
        if isinstance(value, app_commands.Command)
    ]
    assert len(declared) == len(FEATURES)
    english = catalog("en")
    for command in declared:
        assert english[f"command.{command.name}.name"] == command.name
