"""A reply drawn the way the Discord app draws it on a phone (400 px wide), as a PNG.

    python -m tools.phone_screenshot docs/screenshots/path-tecos.png path club=Tecos [--locale es]

The reply is laid out as HTML with Discord's mobile metrics (the ones `tests/phone.py`
models: a 316 px message column, 296 px of embed, 16 px message text, 14 px embed text) and
photographed by headless Chromium (Debian's `chromium` package) as `tools/discord_preview.py`
photographs its pages, so that a change to a reply can be looked at as a fan sees it. Needs
Chromium; the tests do not.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import html
import re
import tempfile
from pathlib import Path

from commands import declared_commands, pipeline
from commands.context import Context
from commands.i18n import translator
from commands.reply import Button, Embed, Reply, Select
from knowledge.store import KnowledgeStore, packaged_seasons
from tools.discord_preview import screenshot as photograph

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")
_LINK = re.compile(r"&lt;/([^:&]+):\d+&gt;")

STYLE = """
body { margin: 0; width: 400px; background: #313338; color: #dbdee1;
       font-family: 'gg sans', 'Noto Sans', 'DejaVu Sans', sans-serif; }
.message { display: flex; padding: 16px 16px 8px 16px; }
.avatar { width: 40px; height: 40px; border-radius: 50%; background: #1f8b4c; flex: none; }
.body { margin-left: 12px; width: 316px; }
.author { font-weight: 600; color: #fff; font-size: 16px; line-height: 22px; }
.content { font-size: 16px; line-height: 22px; white-space: pre-wrap; }
.embed { margin-top: 4px; border-left: 4px solid #1f8b4c; background: #2b2d31;
         border-radius: 4px; padding: 10px 8px; width: 296px; }
.title { font-weight: 600; color: #fff; font-size: 16px; line-height: 22px; margin-bottom: 8px; }
.text { font-size: 14px; line-height: 19.25px; white-space: pre-wrap; }
.field { margin-top: 8px; }
.field-name { font-weight: 600; color: #fff; font-size: 14px; line-height: 19.25px; }
.footer { margin-top: 8px; font-size: 12px; line-height: 16px; color: #b5bac1;
          white-space: pre-wrap; }
pre { background: #1e1f22; border-radius: 4px; padding: 8px; margin: 4px 0;
      font-size: 14px; line-height: 19.25px; font-family: 'DejaVu Sans Mono', monospace;
      white-space: pre; }
img { display: block; width: 296px; margin-top: 8px; border-radius: 4px; }
.row { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
.button { background: #4e5058; color: #fff; border-radius: 4px; padding: 0 16px;
          height: 40px; line-height: 40px; font-size: 14px; font-weight: 600; }
.primary { background: #5865f2; }
.select { background: #1e1f22; border-radius: 4px; height: 48px; line-height: 48px;
          padding: 0 12px; width: 290px; font-size: 14px; margin-top: 8px; }
.private { font-size: 12px; color: #b5bac1; margin-top: 4px; }
"""


def _markdown(text: str) -> str:
    """Enough of Discord's markdown for a reply: bold, inline code, code blocks, mentions."""
    parts = text.split("```")
    out = []
    for index, part in enumerate(parts):
        escaped = html.escape(part)
        if index % 2:
            out.append(f"<pre>{escaped.removeprefix('text').strip(chr(10))}</pre>")
            continue
        escaped = _LINK.sub(r"<b>/\1</b>", escaped)
        escaped = _BOLD.sub(r"<b>\1</b>", escaped)
        out.append(_CODE.sub(r"\1", escaped).strip("\n"))
    return "".join(out)


def _embed(reply: Reply, embed: Embed) -> str:
    pieces = []
    if embed.title:
        pieces.append(f'<div class="title">{html.escape(embed.title)}</div>')
    if embed.description:
        pieces.append(f'<div class="text">{_markdown(embed.description)}</div>')
    for field in embed.fields:
        pieces.append(
            f'<div class="field"><div class="field-name">{_markdown(field.name)}</div>'
            f'<div class="text">{_markdown(field.value)}</div></div>'
        )
    if embed.image:
        name = embed.image.removeprefix("attachment://")
        data = next(file.data for file in reply.files if file.filename == name)
        picture = base64.b64encode(data).decode()
        pieces.append(f'<img src="data:image/png;base64,{picture}">')
    if embed.footer:
        pieces.append(f'<div class="footer">{_markdown(embed.footer)}</div>')
    return f'<div class="embed">{"".join(pieces)}</div>'


def page(reply: Reply) -> str:
    """The reply as a phone's chat shows it, as an HTML page 400 px wide."""
    body = ['<div class="author">Season Bot</div>']
    if reply.content:
        body.append(f'<div class="content">{_markdown(reply.content)}</div>')
    body += [_embed(reply, embed) for embed in reply.embeds]
    for row in reply.components:
        items = []
        for item in row:
            if isinstance(item, Select):
                chosen = next((o.label for o in item.options if o.default), item.placeholder)
                items.append(f'<div class="select">{html.escape(chosen or "")} ▾</div>')
            elif isinstance(item, Button):
                kind = "button primary" if item.style == 1 else "button"
                items.append(f'<div class="{kind}">{html.escape(item.label)}</div>')
        body.append(f'<div class="row">{"".join(items)}</div>')
    if reply.ephemeral:
        body.append('<div class="private">Only you can see this · Dismiss message</div>')
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><style>{STYLE}</style></head>'
        f'<body><div class="message"><div class="avatar"></div><div class="body">'
        f"{''.join(body)}</div></div></body></html>"
    )


def reply_for(command: str, options: dict[str, str], locale: str) -> Reply:
    """What the bot answers `command` with, as a fan on Discord gets it (buttons included)."""
    store = KnowledgeStore(packaged_seasons())
    ctx = Context(store.current, translator(locale))
    handler = next(c.handler for c in declared_commands() if c.name == command)
    return asyncio.run(pipeline.answer(ctx, command, handler, options))


def screenshot(document: str, target: Path, height: int) -> None:
    """`document` photographed as `tools/discord_preview.py` photographs its pages."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "reply.html"
        source.write_text(document, encoding="utf-8")
        photograph(source, target, height)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="the PNG to write")
    parser.add_argument("command", help="a command's canonical name, e.g. path")
    parser.add_argument("options", nargs="*", help="its options, as name=value")
    parser.add_argument("--locale", default="en")
    parser.add_argument("--height", type=int, default=2600, help="page height to capture")
    args = parser.parse_args()
    options = dict(option.split("=", 1) for option in args.options)
    screenshot(page(reply_for(args.command, options, args.locale)), args.target, args.height)


if __name__ == "__main__":
    main()
