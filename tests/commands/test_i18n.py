"""The languages we reply in come from the catalog files, and es-ES is a small override.

A new language is a new `locales/<language>.yaml`; a regional variant a file that holds only
the words that differ. Nothing else lists languages.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import discord
import pytest
from discord import app_commands

from commands import i18n
from commands.bracket import bracket_command
from commands.i18n import (
    base_locale,
    catalog,
    locale_for,
    match_locale,
    messages,
    overrides,
    supported_locales,
    translator,
)
from commands.path import path_command
from commands.registration import app_command
from commands.scorers import scorers_command
from commands.slash import SlashCommand
from commands.translator import CatalogTranslator
from knowledge.plans.model import Entity
from tests.helpers import placeholders
from tools.compile_catalogs import expected as compiled_catalogs
from tools.compile_catalogs import main as check_compiled_catalogs

CACHED = (
    i18n._catalog_files,
    i18n.languages,
    i18n.base_locale,
    i18n.supported_locales,
    i18n.catalog,
    i18n.overrides,
    i18n.messages,
    i18n.translator,
)


def test_the_locales_are_the_catalog_files() -> None:
    assert supported_locales() == ("en", "es-419", "es-ES")
    assert base_locale("es") == "es-419"
    assert base_locale("en") == "en"


@pytest.mark.parametrize(
    ("tag", "locale"),
    [
        ("es-ES", "es-ES"),
        ("es_ES", "es-ES"),
        ("es", "es-419"),  # plain Spanish is the base variety: a Mexican league's fans'
        ("es-419", "es-419"),
        ("es-MX", "es-419"),  # any other Spanish-speaking region reads Latin American words
        ("es-AR", "es-419"),
        ("en-US", "en"),
        ("en-GB", "en"),
        ("EN", "en"),
    ],
)
def test_a_language_tag_finds_its_locale(tag: str, locale: str) -> None:
    assert match_locale(tag) == locale
    assert locale_for(tag) == locale


def test_a_language_without_a_catalog_falls_back() -> None:
    assert match_locale("fr") is None
    assert locale_for("fr", "es-MX") == "es-419"  # the user's, then the guild's
    assert locale_for("fr", None) == "en"


def test_the_spain_file_holds_only_words_that_differ() -> None:
    spanish, spain = catalog("es"), overrides("es-ES")
    assert spain, "the es-ES override file is empty"
    assert set(spain) <= set(spanish)
    for key, text in spain.items():
        assert text != spanish[key], key
        assert placeholders(text) == placeholders(spanish[key]), key
    assert overrides("es-419") == {}
    assert messages("es-ES")["decision.penalties_aet"] == (
        "{penalties} en los penaltis tras la prórroga"
    )
    assert messages("es-419")["decision.penalties_aet"] == (
        "{penalties} en penales tras el tiempo extra"
    )
    assert translator("es-ES")("command.bracket.name") == "llave"  # the rest is shared


async def test_discord_gets_each_spanish_locale_from_its_catalog() -> None:
    translate = CatalogTranslator().translate
    where = app_commands.TranslationContextLocation
    name: app_commands.TranslationContextTypes = app_commands.TranslationContext(
        where.command_name, app_command(bracket_command)
    )
    bracket = app_commands.locale_str("bracket")
    for locale in (discord.Locale.spain_spanish, discord.Locale.latin_american_spanish):
        assert await translate(bracket, locale, name) == "llave"
    for locale in (discord.Locale.american_english, discord.Locale.brazil_portuguese):
        assert await translate(bracket, locale, name) is None


async def test_option_words_are_found_by_convention() -> None:
    """The command's own words for an option first, then the words several commands share;
    keyed by the parameter, not by the name shown (scorers' `everyone` is shown `all`)."""
    translate = CatalogTranslator().translate
    where = app_commands.TranslationContextLocation
    mexico = discord.Locale.latin_american_spanish

    async def option(command: SlashCommand, index: int, field: str) -> str | None:
        parameter = app_command(command).parameters[index]
        context: app_commands.TranslationContextTypes = (
            app_commands.TranslationContext(where.parameter_name, parameter)
            if field == "name"
            else app_commands.TranslationContext(where.parameter_description, parameter)
        )
        return await translate(app_commands.locale_str(parameter.display_name), mexico, context)

    assert app_command(scorers_command).parameters[2].display_name == "all"
    assert await option(scorers_command, 2, "name") == "todos"
    assert await option(scorers_command, 1, "description") == "Solo los goleadores de este club"
    assert await option(scorers_command, 0, "name") == "torneo"
    assert await option(path_command, 0, "description") == (
        "Un club, escrito como sea (p. ej. UdeG, Leones Negros, Necaxa)"
    )
    assert await option(path_command, 2, "name") == "privado"


@pytest.fixture
def catalogs_with_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The real catalogs plus a French one and its Canadian variant, compiled as
    `tools/compile_catalogs.py` compiles them."""
    for catalog_file in Path(str(i18n.catalog_folder())).glob("*.yaml"):
        shutil.copy(catalog_file, tmp_path / catalog_file.name)
    (tmp_path / "fr.yaml").write_text(
        "meta:\n  locale: fr-FR\nembed:\n  continued: suite\n", encoding="utf-8"
    )
    (tmp_path / "fr-CA.yaml").write_text("embed:\n  continued: suite (Canada)\n", "utf-8")
    (tmp_path / "compiled.json").write_text(json.dumps(compiled_catalogs(tmp_path)), "utf-8")
    monkeypatch.setattr(i18n, "catalog_folder", lambda: tmp_path)
    for cached in CACHED:
        cached.cache_clear()
    yield tmp_path
    monkeypatch.undo()
    for cached in CACHED:
        cached.cache_clear()


def test_a_new_catalog_file_is_a_new_language(catalogs_with_french: Path) -> None:
    assert supported_locales() == ("en", "es-419", "es-ES", "fr-CA", "fr-FR")
    assert locale_for("fr") == "fr-FR"
    assert locale_for("fr-CA") == "fr-CA"
    assert locale_for("fr-BE") == "fr-FR"
    assert translator("fr-CA")("embed.continued") == "suite (Canada)"
    assert translator("fr-FR")("embed.continued") == "suite"
    # A key the new catalog lacks falls back to English.
    assert translator("fr-FR")("leg.1") == "Leg 1"


def test_the_compiled_catalogs_are_the_catalog_files() -> None:
    """`tools/compile_catalogs.py --check`: the JSON the bot reads is the YAML files as
    written, so an edit that is not compiled fails here."""
    assert check_compiled_catalogs(["--check"]) == 0
    assert i18n.catalog("es")["result.title"] == compiled_catalogs()["es"]["result"]["title"]


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_plan_entity_has_words_for_its_lists_and_counts(language: str) -> None:
    """A query of any entity can end in a list, none or a count: a missing template is a
    crash in front of a fan, so every entity has all three in every base catalog."""
    words = i18n.catalog(language)
    for entity in Entity:
        for key in (
            f"ask.plan.found.{entity.value}.one",
            f"ask.plan.found.{entity.value}.other",
            f"ask.plan.none.{entity.value}",
            f"ask.plan.count.{entity.value}.one",
            f"ask.plan.count.{entity.value}.other",
        ):
            assert key in words, f"{language}: {key}"
