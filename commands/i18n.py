"""Every user-facing string, per language, from one catalog file each (`locales/*.yaml`).

Handlers and renderers never hold English or Spanish text: they ask a `Tr` bound to the
reader's language for a key. Dates and numbers are formatted for the locale by Babel, so a
fan in Mexico reads "27 nov 2013" and "0,9524" and a fan in London "27 Nov 2013" and "0.9524".
"""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal

import yaml
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

Language = Literal["en", "es"]
LANGUAGES: tuple[Language, ...] = ("en", "es")
Locale = Literal["en", "es-ES", "es-419"]
"""What we format for: Discord's English, Spain's Spanish, Latin America's Spanish."""
LOCALES: tuple[Locale, ...] = ("en", "es-ES", "es-419")
DEFAULT_LOCALE: Locale = "en"
_BABEL: dict[Locale, str] = {"en": "en", "es-ES": "es", "es-419": "es_419"}


def locale_for(*tags: str | None) -> Locale:
    """The first of `tags` (the user's, then the guild's locale) that we speak; else English.

    Spanish outside Spain formats like Latin America: Mexican fans write 55,020 and 0.9524.
    """
    for tag in tags:
        if not tag:
            continue
        parts = str(tag).replace("_", "-").lower().split("-")
        if parts[0] == "en":
            return "en"
        if parts[0] == "es":
            return "es-ES" if parts[1:] in ([], ["es"]) else "es-419"
    return DEFAULT_LOCALE


def catalog_tags() -> tuple[str, ...]:
    """The tags of the catalog files present (`en`, `es`, a regional override such as
    `es-ES`…): a new language is a new file, and everything that lists languages asks here."""
    folder = resources.files("commands") / "locales"
    return tuple(
        sorted(
            entry.name.removesuffix(".yaml")
            for entry in folder.iterdir()
            if entry.name.endswith(".yaml")
        )
    )


def available_locales() -> tuple[str, ...]:
    """What a reader may ask for by name: each catalog's tag, and each locale we format for
    whose language has a catalog (`es-419` is Spanish's default, with no file of its own)."""
    tags = set(catalog_tags())
    languages = {tag.split("-")[0] for tag in tags}
    tags |= {locale for locale in LOCALES if locale.split("-")[0] in languages}
    return tuple(sorted(tags))


def has_catalog(tag: str) -> bool:
    """Whether a catalog speaks `tag`'s language (`es-MX` yes, `fr` no). `locale_for` falls
    back to English, right for Discord's many locales; a command line must say so instead."""
    language = tag.replace("_", "-").split("-")[0].lower()
    return language in {available.split("-")[0].lower() for available in catalog_tags()}


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{path}."))
        else:
            flat[path] = str(value)
    return flat


@cache
def catalog(language: Language) -> dict[str, str]:
    """The flattened catalog: `"result.title"` -> template. Loaded once, on first use."""
    text = (resources.files("commands") / "locales" / f"{language}.yaml").read_text("utf-8")
    return _flatten(yaml.safe_load(text))


class Tr:
    """Translations and formats for one language."""

    __slots__ = ("_babel", "_fallback", "_messages", "language", "locale")

    def __init__(self, locale: Locale) -> None:
        self.locale: Locale = locale
        self.language: Language = "es" if locale.startswith("es") else "en"
        self._babel = _BABEL[locale]
        self._messages = catalog(self.language)
        self._fallback = catalog("en")

    def __call__(self, key: str, /, **params: Any) -> str:
        template = self._messages.get(key) or self._fallback[key]
        return template.format(**params) if params else template

    def has(self, key: str) -> bool:
        return key in self._messages or key in self._fallback

    def plural(self, key: str, count: int, /, **params: Any) -> str:
        """`key.one` or `key.other`, with `{count}` formatted for the locale."""
        form = "one" if count == 1 else "other"
        return self(f"{key}.{form}", count=self.number(count), **params)

    def date(self, day: dt.date) -> str:
        return _date(day, self._babel)

    def number(self, value: int) -> str:
        return _number(value, self._babel)

    def moment(self, when: dt.datetime) -> str:
        """A timestamp for operators: day, time and zone."""
        return str(format_datetime(when, "d MMM y, HH:mm zzz", locale=self._babel))

    def ratio(self, value: float) -> str:
        return _ratio(value, self._babel)


@lru_cache(maxsize=1024)
def _date(day: dt.date, locale: str) -> str:
    return str(format_date(day, "d MMM y", locale=locale)).replace(".", "")


@lru_cache(maxsize=1024)
def _number(value: int, locale: str) -> str:
    return str(format_decimal(value, locale=locale))


@lru_cache(maxsize=1024)
def _ratio(value: float, locale: str) -> str:
    return str(format_decimal(value, format="0.0000", locale=locale))


@cache
def translator(locale: Locale) -> Tr:
    return Tr(locale)


def command_text(key: str) -> Any:
    """A command's name or description for discord.py: the English text, keyed for the
    `Translator` that supplies the Spanish. Returns `app_commands.locale_str`."""
    from discord.app_commands import locale_str

    return locale_str(catalog("en")[key], key=key)
