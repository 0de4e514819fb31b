"""Localized names and descriptions for every command and option, from the catalogs by convention.

discord.py asks the tree's `Translator` for each name and description when it builds the
payload it syncs, and says where the string stands (`TranslationContext`: the command, or the
option of a command). The catalog key follows from that alone, so a command never spells its
keys: each Discord locale we speak (derived from the catalog files,
`commands.i18n.supported_locales`) gets its words from its own catalog.

The keys are `commands.slash`'s, which reads the English (the console accepts the Spanish
option names from the same keys).
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.app_commands import TranslationContextLocation as Location

from commands.i18n import DEFAULT_LOCALE, language_of, match_locale, messages
from commands.slash import Field, command_key, option_keys


def catalog_keys(context: app_commands.TranslationContextTypes) -> tuple[str, ...]:
    """The keys that may hold the string discord.py asks about, most specific first."""
    data = context.data
    if isinstance(data, app_commands.Command):  # its name or its description
        field: Field = "name" if context.location is Location.command_name else "description"
        return (command_key(data.name, field),)
    if isinstance(data, app_commands.Parameter):  # an option's name or description
        field = "name" if context.location is Location.parameter_name else "description"
        return option_keys(data.command.name, data.name, field)
    return ()  # groups, context menus, choices: we declare none


class CatalogTranslator(app_commands.Translator):
    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        ours = match_locale(locale.value)
        if ours is None or language_of(ours) == language_of(DEFAULT_LOCALE):
            return None  # Discord falls back to the default (English) text
        words = messages(ours)
        return next((words[key] for key in catalog_keys(context) if key in words), None)
