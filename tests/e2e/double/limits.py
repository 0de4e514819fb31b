"""Discord's documented rules for a request that its OpenAPI specification does not encode.

The spec gives each field's type and length; these are the rules across fields, across a
message or across a list of commands, each from Discord's documentation (developers/...):

- content: 2000 characters (a bot's limit; the spec's Create Message has a user's 4000);
- message flags: only those the route lets a request set;
- components: at most 5 action rows (without IS_COMPONENTS_V2, whose 40 the spec has), a row
  of 1 to 5 buttons or a single select, a button's fields by its style, `custom_id` unique in
  the message, a select's option values unique and its min/max within its options;
- embeds: a field's name and value not blank, 6000 characters in all the embeds together;
- `allowed_mentions`: `parse` and an explicit list of the same kind are exclusive;
- attachments: each one that is not kept from the message names a file of the request;
- a message with nothing to show is refused (50006);
- commands: names by the naming rule, localization keys among Discord's locales, names unique,
  required options first, 8000 characters per command;
- choices (a command option's, an autocomplete's): a string value of at most 100 characters
  (the spec allows 6000).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import regex

from tests.e2e.double.openapi import FormErrors, Path_

SUPPRESS_EMBEDS = 1 << 2
EPHEMERAL = 1 << 6
SUPPRESS_NOTIFICATIONS = 1 << 12
IS_VOICE_MESSAGE = 1 << 13
IS_COMPONENTS_V2 = 1 << 15

INTERACTION_MESSAGE_FLAGS = (
    SUPPRESS_EMBEDS | EPHEMERAL | IS_COMPONENTS_V2 | IS_VOICE_MESSAGE | SUPPRESS_NOTIFICATIONS
)
"""An interaction's message response (callback 4 or 7), developers/interactions/receiving-and-
responding#interaction-response-object-messages."""
DEFERRAL_FLAGS = EPHEMERAL
"""A deferral (callback 5): "the only valid message flag you may use is EPHEMERAL"."""
FOLLOW_UP_FLAGS = SUPPRESS_EMBEDS | SUPPRESS_NOTIFICATIONS | IS_COMPONENTS_V2 | EPHEMERAL
"""Execute Webhook's flags (developers/resources/webhook#execute-webhook), and EPHEMERAL,
which an interaction's follow-up may set (#create-followup-message)."""
EDIT_FLAGS = SUPPRESS_EMBEDS | IS_COMPONENTS_V2
"""Edit Webhook Message, and so an edit of `@original` or of a follow-up."""
CHANNEL_MESSAGE_FLAGS = (
    SUPPRESS_EMBEDS | SUPPRESS_NOTIFICATIONS | IS_VOICE_MESSAGE | IS_COMPONENTS_V2
)
"""Create Message (developers/resources/message#create-message)."""

CONTENT = 2000
"""A bot's message content (the spec's Create Message allows 4000: what Nitro users may send)."""
LEGACY_ROWS = 5
LINK, PREMIUM = 5, 6
ACTION_ROW, BUTTON = 1, 2
SELECTS = frozenset({3, 5, 6, 7, 8})
EMBED_TOTAL = 6000
COMMAND_SIZE = 8000
CHOICE_VALUE = 100
CHAT_INPUT = 1
SUBCOMMAND, SUBCOMMAND_GROUP = 1, 2
COMMAND_NAME = regex.compile(r"^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$")
"""developers/interactions/application-commands#application-command-object-application-
command-naming, with the unicode flag (`regex` is Unicode by default)."""
MAX_COMMANDS = {1: 100, 2: 15, 3: 15}
"""Per type: chat input, user, message (developers/interactions/application-commands,
"Registering a Command")."""


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: object) -> Sequence[Any]:
    return value if isinstance(value, list) else []


def check_flags(flags: object, allowed: int, errors: FormErrors, at: Path_) -> None:
    """Flags outside what the route lets a request set (the spec checks the type)."""
    if isinstance(flags, int) and not isinstance(flags, bool) and flags & ~allowed:
        errors.add(
            [*at, "flags"],
            "MESSAGE_FLAGS_INVALID",
            f"Only the flags {allowed} may be set here; got {flags}.",
        )


def check_message(
    message: Mapping[str, Any],
    errors: FormErrors,
    at: Path_ = (),
    *,
    allowed_flags: int,
    file_parts: Iterable[str] = (),
    editing: bool = False,
) -> None:
    """Every rule above for one message body (a post, a follow-up, an edit, a callback's
    `data`), each problem under its path in `errors`."""
    flags = message.get("flags")
    check_flags(flags, allowed_flags, errors, at)
    content = message.get("content")
    if isinstance(content, str) and len(content) > CONTENT:
        errors.add(
            [*at, "content"], "BASE_TYPE_MAX_LENGTH", f"Must be {CONTENT} or fewer in length."
        )
    v2 = isinstance(flags, int) and bool(flags & IS_COMPONENTS_V2)
    _check_components(_list(message.get("components")), v2, errors, at)
    _check_embeds(_list(message.get("embeds")), errors, at)
    _check_allowed_mentions(_mapping(message.get("allowed_mentions")), errors, at)
    _check_attachments(_list(message.get("attachments")), set(file_parts), editing, errors, at)


def is_empty(message: Mapping[str, Any], files: Sequence[str]) -> bool:
    """Nothing to show: Discord's 50006 "Cannot send an empty message" (Create Message needs
    one of content, embeds, sticker_ids, components, files[n] or poll)."""
    shown = ("content", "embeds", "sticker_ids", "components", "poll")
    return not files and not any(message.get(key) for key in shown)


def _check_components(components: Sequence[Any], v2: bool, errors: FormErrors, at: Path_) -> None:
    where = [*at, "components"]
    if not v2 and len(components) > LEGACY_ROWS:
        errors.add(where, "BASE_TYPE_MAX_LENGTH", f"Must be {LEGACY_ROWS} or fewer in length.")
    custom_ids: Counter[str] = Counter()
    for index, component in enumerate(components):
        row = _mapping(component)
        if not v2 and row.get("type") != ACTION_ROW:
            errors.add(
                [*where, index, "type"],
                "COMPONENT_LAYOUT_INVALID",
                "Only action rows may be top-level components without IS_COMPONENTS_V2.",
            )
        items = [_mapping(item) for item in _list(row.get("components"))]
        kinds = [item.get("type") for item in items]
        selects = any(kind in SELECTS for kind in kinds)
        if row.get("type") == ACTION_ROW and selects and len(items) != 1:
            errors.add(
                [*where, index, "components"],
                "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                "A select menu fills its action row alone.",
            )
        for position, item in enumerate(items):
            at_item = [*where, index, "components", position]
            if item.get("type") == BUTTON:
                _check_button(item, errors, at_item)
            elif item.get("type") == 3:
                _check_select(item, errors, at_item)
            if isinstance(item.get("custom_id"), str):
                custom_ids[item["custom_id"]] += 1
    for custom_id, count in custom_ids.items():
        if count > 1:
            errors.add(
                where,
                "COMPONENT_CUSTOM_ID_DUPLICATED",
                f"Component custom id cannot be duplicated: {custom_id!r}",
            )


def _check_button(button: Mapping[str, Any], errors: FormErrors, at: Path_) -> None:
    style = button.get("style")
    has = {key for key in ("custom_id", "url", "sku_id", "label", "emoji") if button.get(key)}
    if style == LINK:
        required, forbidden = {"url"}, {"custom_id", "sku_id"}
    elif style == PREMIUM:
        required, forbidden = {"sku_id"}, {"custom_id", "label", "url", "emoji"}
    else:
        required, forbidden = {"custom_id"}, {"url", "sku_id"}
    for key in sorted(required - has):
        errors.add([*at, key], "BASE_TYPE_REQUIRED", "This field is required")
    for key in sorted(forbidden & has):
        errors.add([*at, key], "BUTTON_COMPONENT_INVALID", f"A style {style} button has no {key}.")
    if style != PREMIUM and not has & {"label", "emoji"}:
        errors.add([*at, "label"], "BUTTON_COMPONENT_INVALID", "A button needs a label or emoji.")


def _check_select(select: Mapping[str, Any], errors: FormErrors, at: Path_) -> None:
    options = [_mapping(option) for option in _list(select.get("options"))]
    values = Counter(option.get("value") for option in options)
    for index, option in enumerate(options):
        if values[option.get("value")] > 1:
            errors.add(
                [*at, "options", index, "value"],
                "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED",
                "The specified option value is already used",
            )
    low, high = select.get("min_values", 1), select.get("max_values", 1)
    if isinstance(low, int) and isinstance(high, int):
        if low > high:
            errors.add([*at, "min_values"], "BASE_TYPE_INVALID", "min_values exceeds max_values.")
        if high > len(options):
            errors.add(
                [*at, "max_values"],
                "SELECT_COMPONENT_MAX_VALUES_INVALID",
                f"max_values must be at most the number of options ({len(options)}).",
            )
        defaults = sum(1 for option in options if option.get("default"))
        if defaults > high:
            errors.add([*at, "options"], "BASE_TYPE_INVALID", "More defaults than max_values.")


def _text(node: object, key: str) -> str:
    value = _mapping(node).get(key)
    return value.strip() if isinstance(value, str) else ""


def _check_embeds(embeds: Sequence[Any], errors: FormErrors, at: Path_) -> None:
    """Blank field names and values are refused; lengths count after trimming, as Discord
    trims (developers/resources/message#embed-object-embed-limits)."""
    total = 0
    for index, embed in enumerate(embeds):
        fields = [_mapping(item) for item in _list(_mapping(embed).get("fields"))]
        for position, item in enumerate(fields):
            for key in ("name", "value"):
                if not _text(item, key):
                    errors.add(
                        [*at, "embeds", index, "fields", position, key],
                        "BASE_TYPE_REQUIRED",
                        "This field is required",
                    )
        total += len(_text(embed, "title")) + len(_text(embed, "description"))
        total += len(_text(_mapping(embed).get("footer"), "text"))
        total += len(_text(_mapping(embed).get("author"), "name"))
        total += sum(len(_text(item, "name")) + len(_text(item, "value")) for item in fields)
    if total > EMBED_TOTAL:
        errors.add(
            [*at, "embeds"],
            "MAX_EMBED_SIZE_EXCEEDED",
            f"Embed size exceeds maximum size of {EMBED_TOTAL}",
        )


def _check_allowed_mentions(allowed: Mapping[str, Any], errors: FormErrors, at: Path_) -> None:
    """`parse: ["users"]` with a non-empty `users` (or roles) list is refused
    (developers/resources/message#allowed-mentions-object)."""
    parse = _list(allowed.get("parse"))
    for kind in ("users", "roles"):
        if kind in parse and _list(allowed.get(kind)):
            errors.add(
                [*at, "allowed_mentions", kind],
                "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
                f'parse:["{kind}"] and {kind}: [ids...] are mutually exclusive.',
            )


def _check_attachments(
    attachments: Sequence[Any], parts: set[str], editing: bool, errors: FormErrors, at: Path_
) -> None:
    """Each attachment names a file part of the request (`files[<id>]`), unless an edit keeps
    one the message has: that one's id is a snowflake, never a small index."""
    for index, attachment in enumerate(attachments):
        ident = _mapping(attachment).get("id")
        try:
            number = int(ident)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue  # not a snowflake: the spec's check words it
        kept = editing and number >= 1 << 22
        if not kept and f"files[{number}]" not in parts:
            errors.add(
                [*at, "attachments", index],
                "ATTACHMENT_NOT_FOUND",
                "Attachment data not found",
            )


# -- commands ---------------------------------------------------------------------------


def check_choices(choices: Sequence[Any], errors: FormErrors, at: Path_) -> None:
    """A choice's string value: "up to 100 characters" (developers/interactions/application-
    commands#application-command-object-application-command-option-choice-structure)."""
    for index, choice in enumerate(choices):
        value = _mapping(choice).get("value")
        if isinstance(value, str) and len(value) > CHOICE_VALUE:
            errors.add(
                [*at, index, "value"],
                "BASE_TYPE_MAX_LENGTH",
                f"Must be {CHOICE_VALUE} or fewer in length.",
            )


def check_commands(commands: Sequence[Any], locales: frozenset[str], errors: FormErrors) -> None:
    """A bulk overwrite of commands (global or a guild's)."""
    by_type: Counter[object] = Counter()
    names: Counter[tuple[object, object]] = Counter()
    for command in commands:
        kind = _mapping(command).get("type", CHAT_INPUT)
        by_type[kind] += 1
        names[kind, _mapping(command).get("name")] += 1
    for kind, count in by_type.items():
        limit = MAX_COMMANDS.get(kind)  # type: ignore[call-overload]
        if limit is not None and count > limit:
            errors.add(
                [], "APPLICATION_COMMANDS_TOO_MANY", f"At most {limit} commands of type {kind}."
            )
    for index, command in enumerate(map(_mapping, commands)):
        kind = command.get("type", CHAT_INPUT)
        if names[kind, command.get("name")] > 1:
            errors.add(
                [index, "name"],
                "APPLICATION_COMMANDS_DUPLICATE_NAME",
                "Application command names must be unique",
            )
        _check_named(command, kind == CHAT_INPUT, locales, errors, [index])
        if kind != CHAT_INPUT and command.get("description"):
            errors.add(
                [index, "description"],
                "BASE_TYPE_INVALID",
                "Only a chat input command has a description.",
            )
        if kind == CHAT_INPUT:
            _check_options(_list(command.get("options")), locales, errors, [index, "options"])
            if _size(command) > COMMAND_SIZE:
                errors.add(
                    [index],
                    "APPLICATION_COMMAND_TOO_LARGE",
                    f"Command exceeds maximum size ({COMMAND_SIZE})",
                )


def _valid_name(name: object, chat_input: bool) -> bool:
    """The naming rule: for chat input, the regex and lower case wherever a letter has a lower
    case (uncased letters, digits, Devanagari and Thai marks are allowed as they are)."""
    if not isinstance(name, str):
        return True  # the spec words a wrong type
    if not chat_input:
        return 1 <= len(name) <= 32
    return bool(COMMAND_NAME.match(name)) and name == name.lower()


def _check_named(
    item: Mapping[str, Any],
    chat_input: bool,
    locales: frozenset[str],
    errors: FormErrors,
    at: Path_,
) -> None:
    """A command's, option's or choice's name and both localization maps."""
    if not _valid_name(item.get("name"), chat_input):
        errors.add([*at, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
    for key in ("name_localizations", "description_localizations"):
        for locale, text in _mapping(item.get(key)).items():
            if locale not in locales:
                errors.add(
                    [*at, key, locale],
                    "BASE_TYPE_CHOICES",
                    f"Value must be one of {tuple(sorted(locales))}.",
                )
            elif key == "name_localizations" and not _valid_name(text, chat_input):
                errors.add(
                    [*at, key, locale],
                    "APPLICATION_COMMAND_INVALID_NAME",
                    "Command name is invalid",
                )


def _check_options(
    options: Sequence[Any], locales: frozenset[str], errors: FormErrors, at: Path_
) -> None:
    """One level of options: names by the rule and distinct (in every locale too, and a
    localized name distinct from the other options' own names), required ones first."""
    seen_optional = False
    defaults = [_mapping(option).get("name") for option in options]
    for index, option in enumerate(map(_mapping, options)):
        here = [*at, index]
        if not isinstance(option.get("name"), str):
            continue
        check_choices(_list(option.get("choices")), errors, [*here, "choices"])
        for choice_index, choice in enumerate(_list(option.get("choices"))):
            for locale in _mapping(_mapping(choice).get("name_localizations")):
                if locale not in locales:
                    errors.add(
                        [*here, "choices", choice_index, "name_localizations", locale],
                        "BASE_TYPE_CHOICES",
                        f"Value must be one of {tuple(sorted(locales))}.",
                    )
        _check_named(option, True, locales, errors, here)
        if defaults.count(option["name"]) > 1:
            errors.add(
                [*here, "name"],
                "APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS",
                "Option names must be unique",
            )
        localized = _mapping(option.get("name_localizations"))
        for locale, name in localized.items():
            clash = [
                other
                for position, other in enumerate(options)
                if position != index
                and name
                in (
                    _mapping(other).get("name"),
                    _mapping(_mapping(other).get("name_localizations")).get(locale),
                )
            ]
            if clash:
                errors.add(
                    [*here, "name_localizations", locale],
                    "APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS",
                    "Localized option names must be distinct",
                )
        if option.get("type") in (SUBCOMMAND, SUBCOMMAND_GROUP):
            _check_options(_list(option.get("options")), locales, errors, [*here, "options"])
            continue
        if option.get("required"):
            if seen_optional:
                errors.add(
                    [*here, "required"],
                    "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                    "Required options must be placed before non-required options",
                )
        else:
            seen_optional = True
        if option.get("autocomplete") and option.get("choices"):
            errors.add(
                [*here, "autocomplete"],
                "APPLICATION_COMMAND_AUTOCOMPLETE_INVALID",
                "Autocomplete cannot be set with choices",
            )


def _longest(item: Mapping[str, Any], key: str) -> int:
    """A field's size: its longest form, default or localized (as Discord counts it)."""
    texts = [item.get(key), *_mapping(item.get(f"{key}_localizations")).values()]
    return max((len(text) for text in texts if isinstance(text, str)), default=0)


def _size(item: Mapping[str, Any]) -> int:
    """Names, descriptions and values of a command, its options and choices
    (developers/interactions/application-commands#registering-a-command)."""
    size = _longest(item, "name") + _longest(item, "description")
    value = item.get("value")
    if value is not None:
        size += len(str(value))
    for key in ("options", "choices"):
        size += sum(_size(_mapping(child)) for child in _list(item.get(key)))
    return size
