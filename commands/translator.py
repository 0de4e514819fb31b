"""Localized names and descriptions for every command, option and choice.

discord.py asks the tree's `Translator` for each `locale_str` when it builds the payload it
syncs; our strings carry their catalog key, so each Discord locale we speak (derived from the
catalog files, `commands.i18n.supported_locales`) gets its words from its own catalog.
"""

from __future__ import annotations

import discord
from discord import app_commands

from commands.i18n import DEFAULT_LOCALE, language_of, match_locale, messages


class CatalogTranslator(app_commands.Translator):
    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        key = string.extras.get("key")
        ours = match_locale(locale.value)
        if key is None or ours is None or language_of(ours) == language_of(DEFAULT_LOCALE):
            return None  # Discord falls back to the default (English) text
        return messages(ours).get(key)
