"""A reply as a terminal shows it: headings, fields and tables as plain text.

Markdown that Discord would draw is dropped (code fences, bold, italics, inline code), and
the buttons and menus under an answer become one line, with the `!press` that runs each.
"""

from __future__ import annotations

import re

from commands.i18n import Tr, translator
from commands.reply import Reply, Select
from commands.text import WORD_JOINER


def reply_text(reply: Reply, tr: Tr | None = None) -> str:
    """A reply as plain terminal text: headings, fields, tables without code fences."""
    out: list[str] = []
    if reply.ephemeral:
        out.append((tr or translator("en"))("console.only_you"))
    if reply.content:
        out.append(_plain(reply.content))
    for embed in reply.embeds:
        if embed.title:
            out.append(f"== {embed.title} ==")
        if embed.description:
            out.append(_plain(embed.description))
        for field in embed.fields:
            out.append(f"\n{field.name}\n{_plain(field.value)}")
        if embed.image:
            out.append(f"[picture: {embed.image.removeprefix('attachment://')}]")
        if embed.footer:
            out.append(f"-- {embed.footer}")
    out += components_lines(reply)
    # The word joiners that hold a score together on a phone ("1⁠–⁠1") wrap nothing in a
    # terminal, and some terminals draw them as a box.
    return "\n".join(out).replace(WORD_JOINER, "")


def components_lines(reply: Reply) -> list[str]:
    """The buttons and menus under an answer: `[Necaxa] [Oaxaca]`, then what `!press` runs
    each (a menu's choice goes after its id)."""
    if not reply.components:
        return []
    shown: list[str] = []
    presses: list[str] = []
    for row in reply.components:
        for item in row:
            if isinstance(item, Select):
                choices = " | ".join(f"*{o.label}*" if o.default else o.label for o in item.options)
                shown.append(f"[▾ {choices}]")
                presses += [
                    f"  !press {item.custom_id} {o.value}  ({o.label})" for o in item.options
                ]
            elif item.disabled:
                shown.append(f"({item.label})")
            else:
                shown.append(f"[{item.label}]")
                presses.append(f"  !press {item.custom_id}  ({item.label})")
    return ["", " ".join(shown), *presses]


_CODE_FENCE = re.compile(r"```(?:text)?\n?")
_INLINE_CODE = re.compile(r"`([^`\n]+)`")
_ITALIC = re.compile(r"(?<![\w\\])_(\S(?:[^_\n]*\S)?)_(?!\w)")
_ESCAPED = re.compile(r"\\([*_`~|>\\])")


def _plain(markdown: str) -> str:
    """Markdown as a terminal shows it: every mark Discord would draw (code blocks, inline
    code, bold, italics) is dropped alike, and escaped characters are shown as typed."""
    text = _CODE_FENCE.sub("", markdown)
    text = _INLINE_CODE.sub(r"\1", text.replace("**", ""))
    return _ESCAPED.sub(r"\1", _ITALIC.sub(r"\1", text)).rstrip()
