"""Spanish names and descriptions for every command, option and choice (es-ES and es-419).

discord.py asks the tree's `Translator` for each `locale_str` when it builds the payload it
syncs; our strings carry their catalog key, so the Spanish comes from `locales/es.yaml`.
"""

from __future__ import annotations

import discord
from discord import app_commands

from commands.i18n import catalog

SPANISH = (discord.Locale.spain_spanish, discord.Locale.latin_american_spanish)


class CatalogTranslator(app_commands.Translator):
    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        key = string.extras.get("key")
        if locale not in SPANISH or key is None:
            return None  # Discord falls back to the default (English) text
        return catalog("es").get(key)
