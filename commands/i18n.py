"""Every user-facing string, per language, from one catalog file each (`locales/*.yaml`, read
in their compiled form, `locales/compiled.json`: `python -m tools.compile_catalogs`).

Handlers and renderers never hold English or Spanish text: they ask a `Tr` bound to the
reader's language for a key. Dates and numbers are formatted for the locale by Babel, so a
fan in Mexico reads "27 nov 2013" and "0,9524" and a fan in London "27 Nov 2013" and "0.9524".
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from functools import cache, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from knowledge.models import in_language

Language = str
"""A catalog's language: the name of a base catalog file, `locales/<language>.yaml` ("en", "es")."""
Locale = str
"""What we format for, a BCP 47 tag: "en", "es-ES" (Spain), "es-419" (Latin America)."""
DEFAULT_LOCALE: Locale = "en"

# The catalogs are files, and the files are the list of what we speak: a new language is a new
# `locales/<language>.yaml`, a regional variant a small `locales/<language>-<REGION>.yaml`
# holding only the keys whose words differ there (es-ES: penaltis, prórroga, clasificó...).
# A base catalog names, under `meta.locale`, the variety its own words are written in (es.yaml
# is Latin American Spanish, es-419), which is what a reader of the language gets when nothing
# says which variety they read.


def catalog_folder() -> Traversable:
    """Where the catalogs are: the package's `locales/`."""
    return resources.files("commands") / "locales"


@cache
def _catalog_files() -> dict[str, Any]:
    """Every catalog file by its name ("en", "es-ES"), as written; read once. They are read
    compiled (`tools/compile_catalogs.py`): JSON loads in a tenth of the time YAML takes, and
    every command reads each base catalog's `meta.locale`."""
    compiled = catalog_folder() / "compiled.json"
    files: dict[str, Any] = json.loads(compiled.read_text("utf-8"))
    return files


def _load(name: str) -> dict[str, Any]:
    """One catalog file as written (base_locale, catalog and overrides share it)."""
    tree = _catalog_files()[name]
    return tree if isinstance(tree, dict) else {}


@cache
def languages() -> tuple[Language, ...]:
    """Every language with a base catalog, the default's first."""
    found = sorted(name for name in _catalog_files() if "-" not in name)
    return tuple(sorted(found, key=lambda name: name != language_of(DEFAULT_LOCALE)))


@cache
def base_locale(language: Language) -> Locale:
    """The variety a base catalog is written in (`meta.locale`), else the bare language."""
    meta = _load(language).get("meta") or {}
    return str(meta.get("locale", language))


@cache
def supported_locales() -> tuple[Locale, ...]:
    """Every locale we reply in, derived from the catalog files present: each base catalog's
    own variety and each regional override. The default first, then by language."""
    overrides = [name for name in _catalog_files() if "-" in name]
    found = {base_locale(language) for language in languages()}
    found |= {name for name in overrides if language_of(name) in languages()}
    order = {language: index for index, language in enumerate(languages())}
    return tuple(
        sorted(found, key=lambda tag: (order[language_of(tag)], tag != DEFAULT_LOCALE, tag))
    )


def language_of(locale: Locale) -> Language:
    return locale.split("-")[0].lower()


def match_locale(tag: str | None) -> Locale | None:
    """The locale we speak for a language tag (`es-MX`, `es_ES`, `en-GB`, `es`), or None.

    A region with its own catalog gets it; any other region of a language we speak gets the
    language's base variety (Mexico, Argentina... read es-419). A bare language tag means the
    base variety too: plain `es` is es-419, the Spanish of a Mexican league's fans (Discord
    itself always names the region: `es-ES`, `es-419`).
    """
    if not tag:
        return None
    parts = str(tag).strip().replace("_", "-").split("-")
    language = parts[0].lower()
    if language not in languages():
        return None
    by_tag = {locale.lower(): locale for locale in supported_locales()}
    if len(parts) == 1:
        return base_locale(language)
    return by_tag.get(f"{language}-{parts[1].lower()}") or base_locale(language)


def locale_for(*tags: str | None) -> Locale:
    """The first of `tags` (the user's, then the guild's locale) that we speak; else English."""
    for tag in tags:
        found = match_locale(tag)
        if found is not None:
            return found
    return DEFAULT_LOCALE


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
    """A base catalog, flattened: `"result.title"` -> template. Loaded once, on first use."""
    tree = {key: value for key, value in _load(language).items() if key != "meta"}
    return _flatten(tree)


@cache
def overrides(locale: Locale) -> dict[str, str]:
    """The keys a regional variant words differently from its base catalog (none for a base)."""
    if locale == base_locale(language_of(locale)) or locale not in _catalog_files():
        return {}
    return _flatten(_load(locale))


@cache
def messages(locale: Locale) -> dict[str, str]:
    """Everything a reader of `locale` reads: the base catalog, then the variant's own words."""
    return {**catalog(language_of(locale)), **overrides(locale)}


class Tr:
    """Translations and formats for one language."""

    __slots__ = ("_babel", "_fallback", "_messages", "_templates", "language", "locale")

    def __init__(self, locale: Locale) -> None:
        self.locale: Locale = locale
        self.language: Language = language_of(locale)
        self._babel = locale.replace("-", "_")
        self._messages = messages(locale)
        self._fallback = catalog(language_of(DEFAULT_LOCALE))
        # What a key reads, looked up once: the reader's words, the default's where a
        # catalog leaves one empty or out.
        self._templates = {
            **self._fallback,
            **{key: text for key, text in self._messages.items() if text},
        }

    def __call__(self, key: str, /, **params: Any) -> str:
        template = self._templates[key]
        if not params:
            return template
        text = template.format_map(params)
        # A name that ends in a full stop ("Celaya F.C.", "U. de G.") at the end of a
        # sentence takes no second one.
        for value in params.values():
            if isinstance(value, str) and value.endswith("."):
                text = text.replace(f"{value}.", value)
        return text

    def has(self, key: str) -> bool:
        return key in self._messages or key in self._fallback

    def text(self, texts: Mapping[str, str]) -> str:
        """A text the data gives in several languages (a source), in the reader's."""
        return in_language(texts, self.language)

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

    def decimal(self, value: float) -> str:
        """A number as said, to its own decimals ("1.1", "1,05"): a bound, not a ratio."""
        return str(format_decimal(value, locale=self._babel))


DATE_PATTERNS = {"es": "d 'de' MMMM 'de' y"}
"""How a day is written in text: Spanish writes it out ("30 de abril de 2014", as fans and
the style guides do); English keeps "30 Apr 2014"."""


@lru_cache(maxsize=1024)
def _date(day: dt.date, locale: str) -> str:
    pattern = DATE_PATTERNS.get(locale.partition("_")[0], "d MMM y")  # "es_419": "es"
    return str(format_date(day, pattern, locale=locale)).replace(".", "")


@lru_cache(maxsize=1024)
def _number(value: int, locale: str) -> str:
    return str(format_decimal(value, locale=locale))


@lru_cache(maxsize=1024)
def _ratio(value: float, locale: str) -> str:
    return str(format_decimal(value, format="0.0000", locale=locale))


@cache
def translator(locale: Locale) -> Tr:
    return Tr(locale)
