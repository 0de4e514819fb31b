"""How a phone draws a reply: an estimate of Discord's layout at 400 px wide, good to a line.

One phone screen is about 700 px of chat (DESIGN §6). This module lays a `Reply` out the way
the Discord app does on such a phone, to measure it in screens and to find where its lines
may break. It is a model, not a browser: the figures below are Discord's mobile metrics as
they were measured from screenshots (sizes in CSS pixels), and text is wrapped from a
per-character width table rather than a font's own metrics.

- The message column is 316 px wide (400 less the avatar, 40, and the margins, 16 + 12 + 16);
  an embed's text and its image are 296 px wide inside it (a 4 px bar and 8 px paddings).
- Message text is 16 px on 22 px lines; an embed's title 16 px bold on 22; its description,
  field names (bold) and values 14 px on 19.25; its footer 12 px on 16. A code block is 14 px
  monospace on 19.25 px lines, never wrapped (`test_every_reply` keeps tables at 34 columns).
- An embed image is drawn the embed's width (296 px), its height to scale.
- A button is its label's width (14 px) plus 32 px of padding, 40 px tall; buttons that do not
  fit in one row of 316 px wrap onto another; rows are 8 px apart. A select menu is 48 px.

Character widths, in em (the font size), after the shapes of Discord's sans-serif (gg sans):
spaces 0.27; i, l, j, I and narrow punctuation (. , : ; ' ! |) 0.26; f, r, t and brackets
0.36; digits 0.57; m and w 0.83, M and W 0.88; other lower-case letters 0.53, other capitals
0.67 (accented letters as their base letter); the en dash 0.56, the em dash and the ellipsis
0.9; emoji and symbols (arrows, ⚽, ✅, 🏆…) 1.25; joiners and variation selectors 0; anything
else 0.6. Bold is 5% wider.

Lines break where Unicode's line breaking algorithm (UAX #14, as `uniseg` implements it) lets
them, as the phone's text engine does: so a no-break space (U+00A0) or a word joiner (U+2060)
holds two pieces of text together, and an en dash followed by a digit does not ("1–" then "1").
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image
from uniseg.linebreak import line_break_boundaries

from commands.reply import Button, Embed, Reply, Select

SCREEN_HEIGHT = 700
"""Pixels of chat one phone screen shows, at 400 px wide."""
MAX_SCREENS = 1.5
"""The most a reply may run, as first shown (the rest is one tap away)."""

MESSAGE_WIDTH = 316
EMBED_WIDTH = 296
CODE_PADDING = 8 + 8
EMBED_PADDING = 10 + 10
EMBED_GAP = 4
PART_GAP = 8
HEADER = 16 + 22
"""The space above a message and its author's name."""
EPHEMERAL_NOTE = 22
""""Only you can see this · Dismiss message" under a private reply."""
BOTTOM = 8
BUTTON_HEIGHT = 40
BUTTON_PADDING = 32
BUTTON_GAP = 8
SELECT_HEIGHT = 48


@dataclass(frozen=True, slots=True)
class Font:
    size: float
    line: float
    bold: bool = False


CONTENT = Font(16, 22)
TITLE = Font(16, 22, bold=True)
BODY = Font(14, 19.25)
FIELD_NAME = Font(14, 19.25, bold=True)
FOOTER = Font(12, 16)
BUTTON = Font(14, 18, bold=True)
CODE_LINE = 19.25

_ZERO = frozenset("\u200b\u200c\u200d\u2060\ufe0f\ufe0e")
_NARROW = frozenset("iljI.,:;'!|")
_SLIM = frozenset('frt()[]"')


def _is_symbol(character: str) -> bool:
    code = ord(character)
    return code >= 0x1F000 or 0x2190 <= code <= 0x2BFF or character == "ℹ"


@functools.lru_cache(maxsize=4096)
def char_em(character: str) -> float:
    """A character's advance width, in em (the table in the module's docstring)."""
    if character in _ZERO:
        return 0.0
    if character in " \u00a0":
        return 0.27
    if _is_symbol(character):
        return 1.25
    if character == "–":
        return 0.56
    if character in "—…":
        return 0.9
    base = unicodedata.normalize("NFD", character)[0]
    if base in _NARROW:
        return 0.26
    if base in _SLIM:
        return 0.36
    if base.isdigit():
        return 0.57
    if base in "mw":
        return 0.83
    if base in "MW":
        return 0.88
    if base.islower():
        return 0.53
    if base.isupper():
        return 0.67
    return 0.6


def text_width(text: str, font: Font) -> float:
    """Pixels `text` takes on one line in `font`."""
    width = sum(char_em(character) for character in text) * font.size
    return width * 1.05 if font.bold else width


@functools.lru_cache(maxsize=8192)
def break_points(paragraph: str) -> tuple[int, ...]:
    """Where a line may end inside `paragraph` (UAX #14): offsets, the paragraph's end last."""
    return tuple(line_break_boundaries(paragraph))


_LINK = re.compile(r"</([^:>]+):\d+>")
_ESCAPE = re.compile(r"\\([_\\~|*`>#-])")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")


def shown(markdown: str) -> str:
    """The text Discord draws for a piece of markdown (outside code blocks): emphasis marks
    and escapes gone, a command mention drawn as its name."""
    text = _LINK.sub(r"/\1", markdown)
    text = _EMPHASIS.sub("", text)
    return _ESCAPE.sub(r"\1", text)


def wrapped(paragraph: str, font: Font, width: float) -> list[str]:
    """One paragraph (no newline) as the lines a phone draws, wrapped greedily at the break
    points; a piece wider than a line is cut where it must be, as the phone does."""
    if not paragraph:
        return [""]
    lines: list[str] = []
    line = ""
    start = 0
    for end in break_points(paragraph):
        piece = paragraph[start:end]
        start = end
        if line and text_width((line + piece).rstrip(" "), font) > width:
            lines.append(line.rstrip(" "))
            line = piece
        else:
            line += piece
        while text_width(line.rstrip(" "), font) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and text_width(line[:cut], font) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    lines.append(line.rstrip(" "))
    return lines


def text_lines(markdown: str, font: Font, width: float) -> Iterator[tuple[str, bool]]:
    """Every line `markdown` is drawn as: (line, is code). Code blocks keep their lines."""
    for index, part in enumerate(markdown.split("```")):
        if index % 2:
            for line in part.removeprefix("text").strip("\n").split("\n"):
                yield line, True
            continue
        stripped = part.strip("\n")
        if not stripped:
            continue
        for paragraph in stripped.split("\n"):
            for line in wrapped(shown(paragraph), font, width):
                yield line, False


def text_height(markdown: str | None, font: Font, width: float) -> float:
    """The height of a piece of text; a code block takes its lines and its padding."""
    if not markdown:
        return 0.0
    height = 0.0
    code_blocks = markdown.count("```") // 2
    for _, code in text_lines(markdown, font, width):
        height += CODE_LINE if code else font.line
    return height + code_blocks * (CODE_PADDING + 8)


def image_height(reply: Reply, url: str | None) -> float:
    """An embed image's height as drawn: the embed's width, to scale."""
    if not url:
        return 0.0
    name = url.removeprefix("attachment://")
    for attachment in reply.files:
        if attachment.filename == name:
            with Image.open(io.BytesIO(attachment.data)) as picture:
                width, height = picture.size
            return EMBED_WIDTH * height / width if width > EMBED_WIDTH else float(height)
    return 0.0


def embed_height(reply: Reply, embed: Embed) -> float:
    parts = [
        text_height(embed.title, TITLE, EMBED_WIDTH),
        text_height(embed.description, BODY, EMBED_WIDTH),
        *(
            text_height(field.name, FIELD_NAME, EMBED_WIDTH)
            + text_height(field.value, BODY, EMBED_WIDTH)
            for field in embed.fields
        ),
        image_height(reply, embed.image),
        text_height(embed.footer, FOOTER, EMBED_WIDTH),
    ]
    drawn = [part for part in parts if part]
    return EMBED_PADDING + sum(drawn) + PART_GAP * max(len(drawn) - 1, 0)


def button_rows(row: tuple[Button, ...]) -> int:
    """How many lines a row of buttons takes on a phone: they wrap like words."""
    lines, used = 1, 0.0
    width: float
    for button in row:
        width = text_width(button.label, BUTTON) + BUTTON_PADDING
        if used and used + BUTTON_GAP + width > MESSAGE_WIDTH:
            lines, used = lines + 1, width
        else:
            used = used + BUTTON_GAP + width if used else width
    return lines


def components_height(reply: Reply) -> float:
    height = 0.0
    for row in reply.components:
        if row and isinstance(row[0], Select):
            height += SELECT_HEIGHT + BUTTON_GAP
        else:
            buttons = tuple(item for item in row if isinstance(item, Button))
            height += button_rows(buttons) * (BUTTON_HEIGHT + BUTTON_GAP)
    return height


def reply_height(reply: Reply) -> float:
    """The height a reply takes in a phone's chat, in pixels."""
    height: float = HEADER + BOTTOM
    height += text_height(reply.content, CONTENT, MESSAGE_WIDTH)
    height += sum(embed_height(reply, embed) + EMBED_GAP for embed in reply.embeds)
    height += components_height(reply)
    if reply.ephemeral:
        height += EPHEMERAL_NOTE
    return height


def screens(reply: Reply) -> float:
    """The reply's height in phone screens."""
    return reply_height(reply) / SCREEN_HEIGHT


def drawn_texts(reply: Reply) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of text a reader sees, as drawn (markdown undone),
    one paragraph at a time: content, titles, descriptions, fields, footers, labels, alt
    texts."""
    pieces: list[tuple[str, str | None]] = [("content", reply.content)]
    for n, embed in enumerate(reply.embeds):
        pieces += [(f"embed {n} title", embed.title), (f"embed {n} text", embed.description)]
        for field in embed.fields:
            pieces += [(f"embed {n} field", field.name), (f"embed {n} field", field.value)]
        pieces.append((f"embed {n} footer", embed.footer))
    pieces += [("picture", attachment.description) for attachment in reply.files]
    for row in reply.components:
        pieces += [("button", item.label) for item in row if isinstance(item, Button)]
    for where, markdown in pieces:
        for index, part in enumerate((markdown or "").split("```")):
            if index % 2 == 0:
                for paragraph in part.split("\n"):
                    if paragraph:
                        yield where, shown(paragraph)


def breaks_inside(paragraph: str, start: int, end: int) -> list[int]:
    """The places a line may end strictly inside `paragraph[start:end]`."""
    return [point for point in break_points(paragraph) if start < point < end]
