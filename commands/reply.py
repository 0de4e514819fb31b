"""The transport-neutral answer every handler returns.

The Discord client and the console both send a `Reply`: one code path, two transports. Its
`to_payload()` is the JSON contract of `seasonbot ask --json` (see the README) and mirrors what is
posted to Discord.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

BRAND = 0x1F8B4C
"""The bot's embed colour: a football-pitch green that reads well in both Discord themes."""
WARNING = 0xE67E22


@dataclass(frozen=True, slots=True)
class EmbedField:
    name: str
    value: str
    inline: bool = False


@dataclass(frozen=True, slots=True)
class Embed:
    title: str | None = None
    description: str | None = None
    fields: tuple[EmbedField, ...] = ()
    footer: str | None = None
    color: int | None = BRAND
    image: str | None = None
    """`attachment://name.png` for a picture sent with the reply."""

    def to_dict(self) -> dict[str, Any]:
        """The Discord embed object."""
        data: dict[str, Any] = {"type": "rich"}
        if self.title:
            data["title"] = self.title
        if self.description:
            data["description"] = self.description
        if self.color is not None:
            data["color"] = self.color
        if self.fields:
            data["fields"] = [
                {"name": f.name, "value": f.value, "inline": f.inline} for f in self.fields
            ]
        if self.footer:
            data["footer"] = {"text": self.footer}
        if self.image:
            data["image"] = {"url": self.image}
        return data

    def text_length(self) -> int:
        """Characters that count toward Discord's 6000 per message."""
        return (
            len(self.title or "")
            + len(self.description or "")
            + sum(len(f.name) + len(f.value) for f in self.fields)
            + len(self.footer or "")
        )


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    data: bytes = field(repr=False)
    description: str | None = None
    subject: str | None = None
    """What it shows, as ids (`necaxa-clausura-2014`): names the file when the console saves
    it, where Discord's fixed `filename` would collide."""


class ButtonStyle(IntEnum):
    """Discord's button styles (link and premium buttons are not used: every button is ours)."""

    PRIMARY = 1
    SECONDARY = 2
    SUCCESS = 3


@dataclass(frozen=True, slots=True)
class Button:
    custom_id: str
    """What a click runs again, in the `sb1:` form of `commands.components`."""
    label: str
    style: ButtonStyle = ButtonStyle.SECONDARY
    disabled: bool = False

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": 2,
            "style": int(self.style),
            "label": self.label,
            "custom_id": self.custom_id,
        }
        if self.disabled:
            data["disabled"] = True
        return data


@dataclass(frozen=True, slots=True)
class SelectOption:
    label: str
    value: str
    default: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "value": self.value, "default": self.default}


@dataclass(frozen=True, slots=True)
class Select:
    """A string select menu: the chosen option's value completes the command in `custom_id`."""

    custom_id: str
    options: tuple[SelectOption, ...]
    placeholder: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": 3,
            "custom_id": self.custom_id,
            "options": [option.to_dict() for option in self.options],
        }
        if self.placeholder:
            data["placeholder"] = self.placeholder
        return data


Row = tuple[Button, ...] | tuple[Select]
"""One action row: up to five buttons, or one select menu."""


@dataclass(frozen=True, slots=True)
class Reply:
    content: str | None = None
    embeds: tuple[Embed, ...] = ()
    ephemeral: bool = False
    files: tuple[Attachment, ...] = ()
    components: tuple[Row, ...] = ()

    def to_payload(self) -> dict[str, Any]:
        return {
            "content": self.content,
            "embeds": [embed.to_dict() for embed in self.embeds],
            "ephemeral": self.ephemeral,
            "attachments": [attachment.filename for attachment in self.files],
            # Each picture's alt text (Discord's attachment `description`), in the same order.
            "attachment_descriptions": [attachment.description for attachment in self.files],
            # Echoed user text must never ping anyone.
            "allowed_mentions": {"parse": []},
            # Discord's own shape: action rows (type 1) of buttons (2) or a string select (3).
            "components": [
                {"type": 1, "components": [item.to_dict() for item in row]}
                for row in self.components
            ],
        }
