"""The documentation's pictures of replies: each a real reply, drawn as Discord shows it.

Each scene runs a command through the console (the same handler the bot calls) and draws its
message payload, the JSON the bot posts, as a Discord-like page: docs/screenshots/<scene>.html.
A browser then takes its picture, 400 px wide as on a phone: docs/screenshots/<scene>.png.
The pages share docs/screenshots/discord.css, Discord's dark theme near enough.

    python -m tools.discord_preview            # write the pages
    python -m tools.discord_preview --png      # ... and their pictures (needs chromium)
    python -m tools.discord_preview --check    # exit 1 if a page differs from the replies now

The tests run `--check`, so a reply whose words change leaves its picture stale visibly:
regenerate both. The pictures themselves are not compared (fonts differ between machines).
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import html
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from bot.console import Console
from bot.moderation import Reloader
from commands.i18n import translator
from commands.reload import render_reload
from knowledge.store import KnowledgeStore, packaged_seasons
from tools import regenerate

SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
WIDTH = 400
"""A phone's width in CSS pixels, where most fans read Discord."""
LOADED_AT = dt.datetime(2026, 3, 14, 18, 5, tzinfo=dt.UTC)
"""When the pictured bot loaded its data: fixed, so a page is the same at every run."""

MARKDOWN = MarkdownIt("commonmark", {"breaks": True, "html": False}).enable("strikethrough")
"""Discord's markdown, near enough: a line break is a break; HTML is shown as text."""


@dataclasses.dataclass(frozen=True)
class Scene:
    user: str
    command: str
    """What the user typed, as Discord shows it above the answer."""
    payload: Mapping[str, Any]


def broken_fix(season: str) -> str:
    """A moderator's fix gone wrong: a leg's score changed, its goals not (2-0 → 3-0)."""
    leg = "                home: necaxa\n                away: san-luis\n                score: 2-0"
    assert leg in season
    return season.replace(leg, leg.replace("2-0", "3-0"), 1)


async def refusal() -> Scene:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        for file in packaged_seasons().glob("*.yaml"):
            shutil.copy2(file, data / file.name)
        upload = broken_fix((data / "2013-14.yaml").read_text("utf-8")).encode()
        result = await Reloader(KnowledgeStore(data)).reload(None, upload)
    assert not result.accepted
    pictured = dataclasses.replace(
        result, snapshot=dataclasses.replace(result.snapshot, loaded_at=LOADED_AT)
    )
    reply = render_reload(pictured, translator("en"))
    return Scene("Moderator", "/reload file: 2013-14.yaml", reply.to_payload())


async def result() -> Scene:
    reply = await Console(KnowledgeStore(packaged_seasons()), "en").answer("/result Necaxa UdeG")
    return Scene("Fan", "/result club_a: Necaxa club_b: UdeG", reply.to_payload())


SCENES: dict[str, Callable[[], Any]] = {"refusal": refusal, "result": result}


def _markdown(text: str) -> str:
    return str(MARKDOWN.render(text))


def _embed(embed: Mapping[str, Any]) -> str:
    colour = f"#{embed.get('color', 0x1E1F22):06x}"
    parts = []
    if embed.get("title"):
        parts.append(f'<div class="title">{html.escape(embed["title"])}</div>')
    if embed.get("description"):
        parts.append(f'<div class="description">{_markdown(embed["description"])}</div>')
    for field in embed.get("fields") or ():
        parts.append(
            f'<div class="field"><div class="name">{_markdown(field["name"])}</div>'
            f'<div class="value">{_markdown(field["value"])}</div></div>'
        )
    if (embed.get("footer") or {}).get("text"):
        parts.append(f'<div class="footer">{html.escape(embed["footer"]["text"])}</div>')
    return f'<div class="embed" style="border-left-color: {colour}">{"".join(parts)}</div>'


def _components(rows: Sequence[Mapping[str, Any]]) -> str:
    out = []
    for row in rows:
        items = []
        for item in row.get("components") or ():
            if item.get("type") == 3:  # a select menu: the chosen option, or its placeholder
                chosen = [o for o in item.get("options", ()) if o.get("default")]
                label = chosen[0]["label"] if chosen else item.get("placeholder", "")
                items.append(f'<span class="select">{html.escape(label)} ▾</span>')
            else:
                disabled = " disabled" if item.get("disabled") else ""
                items.append(
                    f'<span class="button{disabled}">{html.escape(item.get("label", ""))}</span>'
                )
        out.append(f'<div class="row">{"".join(items)}</div>')
    return "".join(out)


def page(scene: Scene) -> str:
    """The Discord-like page of one scene's message."""
    payload = scene.payload
    body = []
    if payload.get("content"):
        body.append(f'<div class="content">{_markdown(payload["content"])}</div>')
    body += [_embed(embed) for embed in payload.get("embeds") or ()]
    body.append(_components(payload.get("components") or ()))
    if payload.get("ephemeral"):
        body.append('<div class="ephemeral">👁 Only you can see this · <a>Dismiss message</a></div>')
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
        "<!-- Drawn by tools/discord_preview.py from the reply the bot sends; do not edit. -->\n"
        '<link rel="stylesheet" href="discord.css"></head><body>\n'
        '<div class="message">\n'
        f'<div class="used">↱ {html.escape(scene.user)} used '
        f'<span class="command">{html.escape(scene.command)}</span></div>\n'
        '<div class="avatar">⚽</div>\n'
        '<span class="author">Season Bot</span><span class="app">APP</span>'
        '<span class="time">Today at 18:05</span>\n'
        + "\n".join(body)
        + "\n</div>\n</body></html>\n"
    )


def pages() -> dict[str, str]:
    async def scenes() -> dict[str, Scene]:
        return {name: await make() for name, make in SCENES.items()}

    return {name: page(scene) for name, scene in asyncio.run(scenes()).items()}


def screenshot(page_file: Path, picture: Path, height: int = 2000) -> None:
    """The page as chromium draws it at the phone's width, `height` tall at most, cut below
    its last line."""
    from PIL import Image, ImageChops

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("--png needs chromium (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "raw.png"
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                f"--window-size={WIDTH},{height}",
                f"--screenshot={raw}",
                page_file.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        with Image.open(raw) as drawn:
            shot = drawn.convert("RGB")
    background = Image.new("RGB", shot.size, shot.getpixel((0, shot.height - 1)))
    box = ImageChops.difference(shot, background).getbbox()
    bottom = min(shot.height, (box[3] if box else shot.height) + 12)
    shot.crop((0, 0, WIDTH, bottom)).save(picture, optimize=True)


def main(argv: list[str]) -> int:
    drawn = pages()
    files = [(SHOTS / f"{name}.html", text, lambda t=text: t, str) for name, text in drawn.items()]
    take_pictures = "--png" in argv
    status = regenerate([a for a in argv if a != "--png"], __doc__.splitlines()[0], files)
    if take_pictures and status == 0:
        for name in drawn:
            screenshot(SHOTS / f"{name}.html", SHOTS / f"{name}.png")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
