"""A playoff bracket as a PNG picture, for /bracket and /path.

Text replies stay complete on their own; the picture is what a fan shares in a chat. It is
drawn with Pillow from the same `knowledge.queries.bracket` answer the text uses, with every
label taken from the catalog (`picture.*`), so the picture never says more or less than the data.

Why it is built the way it is:

- Fonts ship with the package (DejaVu Sans, `commands/fonts/`) and are laid out with Pillow's
  basic engine, never a system font or libraqm: the same inputs give the same bytes on every
  machine, which keeps the golden-image tests stable.
- The layout is a tidy tree grown backwards from the final: each tie's feeders (the ties its
  clubs won, a bye, or the tournaments whose champions met in the promotion final) sit in the
  column to its left, in the order of the tie's rows. Re-seeding every round makes a fixed
  bracket impossible, but ordering feeders by row keeps connector lines from ever crossing.
- The higher seed is the top row when the data tells it (the second-leg host); a known seed
  (the bye club is seed 1) gets its number, any other higher seed only a "▲": no invented seeds.
- A dark slate card, opaque, reads well on both Discord themes (#313338 and white); it is drawn
  at 2x for phone screens and stored as a palette PNG, far under 1 MiB.
- Renders are cached by (tournament, highlighted club, locale, data digest): the digest changes
  on every reload, so a reload never serves a picture of old data.

Why it is one module of some 800 lines, over the ~500 the others keep to: the sizes, the
layout and the painter are one design. Every size is in layout units chosen together for a
phone (a test reads them all from this module to check that none is drawn below legible), the
layout places boxes by those units, and the painter draws exactly those boxes; split apart,
a change to one size would be read across three files. The seams that matter are kept
inside: layout (`_boxes`) computes, `_Painter` only draws, and the cache and the renderer
thread are at the end. Pillow is imported with this module, which `/bracket` and `/path`
import only when they draw, so a text answer never loads it.
"""

from __future__ import annotations

import asyncio
import io
import math
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Literal

from PIL import Image, ImageDraw, ImageFont

from commands import text as fmt
from commands.context import Context
from commands.i18n import Tr
from commands.limits import truncate
from commands.reply import Attachment, Embed, Reply
from knowledge import queries
from knowledge.lookup import club_of
from knowledge.models import DecisionMethod, Season
from knowledge.queries import Bracket
from knowledge.ties import TieOutcome

FILENAME = "bracket.png"
MAX_BYTES = 1 << 20
"""Discord accepts far more, but a bracket that big would be slow on a phone."""
ALT_TEXT_LIMIT = 1024
"""Discord's limit for an attachment's description (its alt text)."""
CACHE_SIZE = 64
"""About 80 KiB each: every highlight of every tournament in a locale or two, a few MiB."""
SCALE = 2
"""Pixels per layout unit: the layout is 560 units wide, drawn at 2x for crisp text."""

Colour = tuple[int, int, int]
Font = ImageFont.FreeTypeFont

# Layout, in units (pixels at 1x): a portrait 560 wide, shown at about 400 px on a phone, so
# one unit is about 0.71 px there: names (22) about 16 px tall, the smallest label (15) about 11.
WIDTH = 560
MARGIN = 20
BOX_GAP = 14
SECTION_GAP = 14
PAD = 12
HEADER_H = 30
ROW_H = 38
MARK_W = 26
NUM_W = 44
LINE_H = 24
TITLE_LINE_H = 36
TROPHY_H = 84
RADIUS = 10
CUP_H = 44

TITLE_SIZE = 28
SUBTITLE_SIZE = 18
HEADER_SIZE = 20
NAME_SIZE = 22
SMALL_SIZE = 17
LABEL_SIZE = 15
NAME_SIZES = (NAME_SIZE, NAME_SIZE + 4)
"""Every size a club's name is drawn at (boxes, the champion)."""
LABEL_SIZES = (TITLE_SIZE, SUBTITLE_SIZE, HEADER_SIZE, SMALL_SIZE, LABEL_SIZE)
"""Every other text's size: titles, round headers, captions, legend, seed badges."""


@dataclass(frozen=True, slots=True)
class Theme:
    """A dark slate card: distinct from Discord's dark grey, and a clear card on white."""

    background: Colour = (16, 22, 32)
    card: Colour = (30, 38, 53)
    border: Colour = (58, 71, 92)
    aggregate: Colour = (40, 50, 68)
    text: Colour = (238, 242, 247)
    loser: Colour = (196, 204, 216)
    muted: Colour = (156, 168, 186)
    line: Colour = (92, 108, 132)
    win: Colour = (64, 204, 126)
    gold: Colour = (244, 197, 66)
    road: Colour = (104, 182, 255)
    dim: float = 0.5
    """How far boxes off the highlighted road fade toward the background."""


THEME = Theme()


# ---------------------------------------------------------------------------------------------
# Fonts: shipped with the package, loaded once per size


_FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}


@cache
def _font_bytes(bold: bool) -> bytes:
    return (resources.files("commands") / "fonts" / _FONT_FILES[bold]).read_bytes()


@cache
def _font(size: int, bold: bool = False) -> Font:
    """The shipped DejaVu at `size` units, with the basic layout engine (same on every host)."""
    return ImageFont.truetype(
        io.BytesIO(_font_bytes(bold)), size * SCALE, layout_engine=ImageFont.Layout.BASIC
    )


def _width(text: str, font: Font) -> float:
    """Text width in layout units."""
    return float(font.getlength(text)) / SCALE


def _step(width: float) -> float:
    """A width measured from text, rounded up to 8 units: another FreeType build that measures
    a fraction of a pixel differently then draws the same layout (and the golden images hold)."""
    return float(math.ceil(width / 8) * 8)


def _fit(text: str, font: Font, width: float) -> str:
    """`text`, cut with an ellipsis until it fits `width` (long names from new data)."""
    if _width(text, font) <= width:
        return text
    while len(text) > 1 and _width(text + "…", font) > width:
        text = text[:-1].rstrip()
    return text + "…"


def _wrap(text: str, font: Font, width: float, separator: str = " ") -> list[str]:
    """`text` in lines no wider than `width`, broken only at `separator`."""
    lines: list[str] = []
    for part in text.split(separator):
        candidate = f"{lines[-1]}{separator}{part}" if lines else part
        if lines and _width(candidate, font) <= width:
            lines[-1] = candidate
        else:
            lines.append(part)
    return lines or [text]


# ---------------------------------------------------------------------------------------------
# The bracket as a tree of boxes

NodeKind = Literal["tie", "bye", "feeder"]


@dataclass(eq=False)
class _Node:
    """One box: a tie, a bye, or (promotion final) a tournament's champion arriving."""

    kind: NodeKind
    column: int
    rows: tuple[str, ...]
    """Club ids, top to bottom: two for a tie, one otherwise."""
    outcome: TieOutcome | None = None
    caption: str = ""
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0


def _rows(outcome: TieOutcome) -> tuple[str, ...]:
    """The higher seed on top, as brackets are read; the first-leg host first when unknown."""
    if outcome.higher_seed == outcome.second:
        return (outcome.second, outcome.first)
    return outcome.clubs


@dataclass
class _Boxes:
    """The boxes of one bracket before they are linked: ties by round, byes, finalists."""

    ties: dict[int, list[_Node]]
    byes: dict[int, list[_Node]]
    finalists: list[_Node]
    headers: list[str]


def _boxes(season: Season, result: Bracket, tr: Tr) -> _Boxes:
    competition = result.competition
    titles = {
        season.season.winners[feeder.id]: feeder
        for feeder in season.competitions
        if feeder.winner_plays == competition.id and feeder.id in season.season.winners
    }
    offset = 1 if titles else 0
    headers = [tr("picture.finalists")] if titles else []
    headers += [tr(f"picture.round.{round_.name}") for round_ in result.rounds]
    ties = {
        index: [_Node("tie", index + offset, _rows(tie), tie) for tie in round_.ties]
        for index, round_ in enumerate(result.rounds)
    }
    byes: dict[int, list[_Node]] = {}
    round_index = {round_.name: index for index, round_ in enumerate(result.rounds)}
    for bye in result.byes:
        index = round_index.get(bye.round)
        if index is None:
            continue
        caption = (
            tr("picture.bye_seed", seed=tr.number(bye.seed))
            if bye.seed is not None
            else tr("picture.bye")
        )
        byes.setdefault(index, []).append(
            _Node("bye", index + offset, (bye.club,), caption=caption)
        )
    finalists = [
        _Node("feeder", 0, (club,), caption=tr("picture.feeder", competition=feeder.name))
        for club, feeder in titles.items()
    ]
    return _Boxes(ties, byes, finalists, headers)


def _how(outcome: TieOutcome, tr: Tr) -> str:
    """How the tie was decided, in the replies' own words; the box shows the aggregate."""
    text = fmt.decision_text(outcome, tr, with_aggregate=False)
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------------------------
# Drawing


def _blend(colour: Colour, toward: Colour, amount: float) -> Colour:
    r, g, b = (round(c + (t - c) * amount) for c, t in zip(colour, toward, strict=True))
    return (r, g, b)


def _px(value: float) -> int:
    return round(value * SCALE)


class _Canvas:
    """Pillow's draw in layout units; with `faded` set, colours fade toward the background."""

    def __init__(self, width: float, height: float, theme: Theme) -> None:
        self.theme = theme
        self.image = Image.new("RGB", (_px(width), _px(height)), theme.background)
        self.draw = ImageDraw.Draw(self.image)
        self.faded = False

    def colour(self, colour: Colour) -> Colour:
        return _blend(colour, self.theme.background, self.theme.dim) if self.faded else colour

    def rect(
        self,
        box: tuple[float, float, float, float],
        fill: Colour | None = None,
        outline: Colour | None = None,
        width: float = 1,
        radius: float = 0,
    ) -> None:
        x0, y0, x1, y1 = box
        self.draw.rounded_rectangle(
            (_px(x0), _px(y0), _px(x1) - 1, _px(y1) - 1),
            radius=_px(radius),
            fill=self.colour(fill) if fill else None,
            outline=self.colour(outline) if outline else None,
            width=max(1, _px(width)),
        )

    def line(self, points: Sequence[tuple[float, float]], colour: Colour, width: float) -> None:
        xy = [(_px(x), _px(y)) for x, y in points]
        self.draw.line(xy, fill=self.colour(colour), width=_px(width), joint="curve")

    def polygon(self, points: Sequence[tuple[float, float]], colour: Colour) -> None:
        self.draw.polygon([(_px(x), _px(y)) for x, y in points], fill=self.colour(colour))

    def arc(
        self,
        box: tuple[float, float, float, float],
        angles: tuple[float, float],
        colour: Colour,
        width: float,
    ) -> None:
        x0, y0, x1, y1 = box
        self.draw.arc(
            (_px(x0), _px(y0), _px(x1), _px(y1)),
            angles[0],
            angles[1],
            fill=self.colour(colour),
            width=max(1, _px(width)),
        )

    def pieslice(
        self,
        box: tuple[float, float, float, float],
        angles: tuple[float, float],
        colour: Colour,
    ) -> None:
        x0, y0, x1, y1 = box
        self.draw.pieslice(
            (_px(x0), _px(y0), _px(x1), _px(y1)), angles[0], angles[1], fill=self.colour(colour)
        )

    def text(
        self, xy: tuple[float, float], text: str, font: Font, colour: Colour, anchor: str = "lm"
    ) -> None:
        x, y = xy
        self.draw.text((_px(x), _px(y)), text, font=font, fill=self.colour(colour), anchor=anchor)

    def cup(self, cx: float, top: float, height: float, colour: Colour) -> None:
        """A trophy drawn in shapes (no emoji font is needed, or shipped); `height` tall."""
        k = height / CUP_H
        self.arc((cx - 24 * k, top + 4 * k, cx - 6 * k, top + 24 * k), (90, 270), colour, 3 * k)
        self.arc((cx + 6 * k, top + 4 * k, cx + 24 * k, top + 24 * k), (270, 90), colour, 3 * k)
        self.rect((cx - 15 * k, top, cx + 15 * k, top + 8 * k), fill=colour)
        self.pieslice((cx - 15 * k, top - 16 * k, cx + 15 * k, top + 30 * k), (0, 180), colour)
        self.rect((cx - 3 * k, top + 29 * k, cx + 3 * k, top + 38 * k), fill=colour)
        self.rect((cx - 12 * k, top + 37 * k, cx + 12 * k, top + 44 * k), fill=colour, radius=2)

    def triangle(self, x: float, y: float, colour: Colour) -> None:
        """The ▲ higher-seed mark, drawn (crisper than the glyph), centred on row middle `y`."""
        self.polygon([(x + 3, y + 6), (x + 17, y + 6), (x + 10, y - 7)], colour)

    def badge(self, x: float, y: float, text: str, theme: Theme) -> None:
        """A known seed: the number on a small light tile."""
        self.rect((x, y - 11, x + 20, y + 11), fill=theme.muted, radius=4)
        self.text((x + 10, y), text, _font(LABEL_SIZE, True), theme.card, "mm")


class _Painter:
    """Lays out and draws one bracket in portrait: the title, then each round top to bottom
    (two boxes a row, a lone tie across the width), then the champion and the legend.

    Built to be read at a phone's width (about 400 px shows the whole image): each box holds
    the clubs and the aggregate only; the legs are in the reply's text.
    """

    def __init__(
        self, season: Season, result: Bracket, tr: Tr, highlight: str | None, theme: Theme
    ) -> None:
        self.season = season
        self.result = result
        self.tr = tr
        self.theme = theme
        boxes = _boxes(season, result, tr)
        self.sections: list[tuple[str, list[_Node]]] = []
        titles = 1 if boxes.finalists else 0
        if boxes.finalists:
            self.sections.append((boxes.headers[0], boxes.finalists))
        for index in range(len(result.rounds)):
            nodes = [*boxes.ties.get(index, []), *boxes.byes.get(index, [])]
            self.sections.append((boxes.headers[index + titles], nodes))
        self.nodes = [node for _, nodes in self.sections for node in nodes]
        self.asked = highlight
        on_road = highlight is not None and any(highlight in n.rows for n in self.nodes)
        self.highlight = highlight if on_road else None
        """The club whose road is drawn in the accent colour; None if it played no tie here."""
        self.seeds = {bye.club: bye.seed for bye in result.byes if bye.seed is not None}
        self.promotion = result.competition.kind == "promotion_final"
        self._layout()

    def _name(self, club: str) -> str:
        return fmt.name(self.season, club)

    def _short(self, club: str) -> str:
        return fmt.short(self.season, club)

    def on_road(self, *clubs: str) -> bool:
        return self.highlight is None or self.highlight in clubs

    def _caption_lines(self, node: _Node, width: float) -> list[str]:
        """Under a tie: how it was decided, when the aggregate alone did not; a single box's
        caption (bye, title) otherwise."""
        small = _font(SMALL_SIZE)
        if node.outcome is not None:
            if node.outcome.method is DecisionMethod.AGGREGATE:
                return []
            return _wrap(_how(node.outcome, self.tr), small, width)
        return _wrap(node.caption, small, width)

    # -- geometry ---------------------------------------------------------------------------

    def _layout(self) -> None:
        inner = WIDTH - 2 * MARGIN
        half = (inner - BOX_GAP) / 2
        competition = self.result.competition
        title = self.tr(f"picture.title.{competition.kind}", competition=competition.name)
        self.title_lines = _wrap(title, _font(TITLE_SIZE, True), inner)
        # One line, so that a highlight (a longer subtitle) never moves the boxes.
        self.subtitle_lines = [_fit(self._subtitle()[0], _font(SUBTITLE_SIZE), inner)]
        y = MARGIN + len(self.title_lines) * TITLE_LINE_H + len(self.subtitle_lines) * LINE_H + 12
        self.captions: dict[int, list[str]] = {}
        self.headers: list[tuple[str, float]] = []
        for header, nodes in self.sections:
            y += SECTION_GAP
            self.headers.append((header, y + HEADER_H / 2))
            y += HEADER_H
            for start in range(0, len(nodes), 2):
                pair = nodes[start : start + 2]
                width = inner if len(pair) == 1 and len(nodes) == 1 else half
                for column, node in enumerate(pair):
                    node.w = width
                    node.x = MARGIN + column * (half + BOX_GAP)
                    self.captions[id(node)] = self._caption_lines(node, width - 2 * PAD)
                rows_h = max(
                    2 * PAD
                    + len(node.rows) * ROW_H
                    + len(self.captions[id(node)]) * LINE_H
                    + (6 if self.captions[id(node)] else 0)
                    for node in pair
                )
                for node in pair:
                    node.y, node.h = y, rows_h
                y += rows_h + BOX_GAP
        self.trophy_y = y + SECTION_GAP - BOX_GAP
        self.legend_y = self.trophy_y + TROPHY_H + 26
        self.legend = self._legend_items()
        self.height = self.legend_y + len(self.legend) * LINE_H + MARGIN
        self.width = WIDTH

    def _subtitle(self) -> tuple[str, Colour]:
        competition = self.result.competition
        champion = self._name(self.result.champion)
        if self.highlight is not None:
            club = self._name(self.highlight)
            return self.tr("picture.subtitle.road", club=club), self.theme.road
        if self.asked is not None:
            club = self._name(self.asked)
            return self.tr("picture.subtitle.did_not_qualify", club=club), self.theme.muted
        if self.promotion:
            division = competition.promotes_to or ""
            text = self.tr("picture.subtitle.promoted", club=champion, division=division)
            return text, self.theme.muted
        return self.tr("picture.subtitle.champion", club=champion), self.theme.muted

    # -- the picture ------------------------------------------------------------------------

    def paint(self) -> Image.Image:
        canvas = _Canvas(self.width, self.height, self.theme)
        theme = self.theme
        y = MARGIN
        for line in self.title_lines:
            canvas.text((MARGIN, y), line, _font(TITLE_SIZE, True), theme.text, "lt")
            y += TITLE_LINE_H
        _, colour = self._subtitle()
        for line in self.subtitle_lines:
            canvas.text((MARGIN, y), line, _font(SUBTITLE_SIZE), colour, "lt")
            y += LINE_H
        header = _font(HEADER_SIZE, True)
        for text, middle in self.headers:
            canvas.text((MARGIN, middle), text, header, theme.muted, "lm")
        for node in self.nodes:
            canvas.faded = not self.on_road(*node.rows)
            if node.kind == "tie":
                self._tie(canvas, node)
            else:
                self._single(canvas, node)
        canvas.faded = not self.on_road(self.result.champion)
        self._trophy(canvas)
        canvas.faded = False
        self._paint_legend(canvas)
        return canvas.image

    def _marker(self, canvas: _Canvas, node: _Node, club: str, x: float, y: float) -> None:
        """A known seed as a number badge; else ▲ on the higher seed (all the data says)."""
        seed = self.seeds.get(club)
        if seed is not None:
            canvas.badge(x, y, self.tr.number(seed), self.theme)
        elif node.outcome is not None and node.outcome.higher_seed == club:
            canvas.triangle(x, y, self.theme.muted)
        elif node.kind == "feeder":
            canvas.cup(x + 10, y - 10, 20, self.theme.gold)

    def _winner_row(self, canvas: _Canvas, x: float, top: float, right: float) -> None:
        """The advancing club's row: a green bar at the edge and a faint green tint."""
        theme = self.theme
        canvas.rect((x + 1, top, right, top + ROW_H), fill=_blend(theme.card, theme.win, 0.14))
        canvas.rect((x, top, x + 5, top + ROW_H), fill=theme.win)

    def _captions(self, canvas: _Canvas, node: _Node, top: float) -> None:
        small = _font(SMALL_SIZE)
        for index, line in enumerate(self.captions[id(node)]):
            point = (node.x + PAD, top + (index + 0.5) * LINE_H)
            canvas.text(point, line, small, self.theme.muted)

    def _tie(self, canvas: _Canvas, node: _Node) -> None:
        """A row per club, the winner's marked, and the aggregate on the right."""
        outcome = node.outcome
        assert outcome is not None
        theme = self.theme
        x, y, w, h = node.x, node.y, node.w, node.h
        canvas.rect((x, y, x + w, y + h), fill=theme.card, outline=theme.border, radius=RADIUS)
        aggregate_x = x + w - PAD - NUM_W
        rows_top = y + PAD
        canvas.rect(
            (aggregate_x, rows_top - 4, aggregate_x + NUM_W, rows_top + 2 * ROW_H + 4),
            fill=theme.aggregate,
            radius=6,
        )
        for index, club in enumerate(node.rows):
            top = rows_top + index * ROW_H
            middle = top + ROW_H / 2
            won = club == outcome.winner
            if won:
                self._winner_row(canvas, x, top, aggregate_x)
            elif index:
                canvas.line([(x + PAD, top), (aggregate_x - 4, top)], theme.border, 1)
            self._marker(canvas, node, club, x + PAD, middle)
            name_colour = theme.text if won else theme.loser
            if club == self.highlight:
                name_colour = theme.road
            font = _font(NAME_SIZE, won)
            name_x = x + PAD + MARK_W
            name = _fit(self._short(club), font, aggregate_x - 6 - name_x)
            canvas.text((name_x, middle), name, font, name_colour)
            colour = theme.win if won else theme.loser
            total = self.tr.number(outcome.goals_for(club))
            canvas.text((aggregate_x + NUM_W / 2, middle), total, font, colour, "mm")
        self._captions(canvas, node, rows_top + 2 * ROW_H + 6)
        self._road_outline(canvas, (x, y, x + w, y + h), self.highlight in node.rows)

    def _road_outline(
        self, canvas: _Canvas, box: tuple[float, float, float, float], on: bool
    ) -> None:
        if on:
            x0, y0, x1, y1 = box
            outline = (x0 - 1, y0 - 1, x1 + 1, y1 + 1)
            canvas.rect(outline, outline=self.theme.road, width=3, radius=RADIUS + 1)

    def _single(self, canvas: _Canvas, node: _Node) -> None:
        """A bye or a finalist: the club, then what brought it here ("Bye — seed 1")."""
        theme = self.theme
        x, y, w, h = node.x, node.y, node.w, node.h
        club = node.rows[0]
        canvas.rect((x, y, x + w, y + h), fill=theme.card, outline=theme.border, radius=RADIUS)
        top = y + PAD
        middle = top + ROW_H / 2
        self._winner_row(canvas, x, top, x + w - 1)
        self._marker(canvas, node, club, x + PAD, middle)
        font = _font(NAME_SIZE, True)
        colour = theme.road if club == self.highlight else theme.text
        name_x = x + PAD + MARK_W
        canvas.text(
            (name_x, middle), _fit(self._short(club), font, x + w - PAD - name_x), font, colour
        )
        self._captions(canvas, node, top + ROW_H)
        self._road_outline(canvas, (x, y, x + w, y + h), club == self.highlight)

    def _trophy(self, canvas: _Canvas) -> None:
        """The champion (or promoted club) across the width, in a gold frame beside a cup."""
        theme = self.theme
        x0, y0 = MARGIN, self.trophy_y
        x1, y1 = WIDTH - MARGIN, y0 + TROPHY_H
        fill = _blend(theme.card, theme.gold, 0.08)
        canvas.rect((x0, y0, x1, y1), fill=fill, outline=theme.gold, width=2, radius=RADIUS)
        canvas.cup(x0 + PAD + 26, y0 + (TROPHY_H - CUP_H) / 2, CUP_H, theme.gold)
        champion = self.result.champion
        text_x = x0 + PAD + 64
        label = self.tr("picture.promoted" if self.promotion else "picture.champion")
        competition = self.result.competition
        if self.promotion and competition.promotes_to:
            label += " " + self.tr("picture.promoted_to", division=competition.promotes_to)
        else:
            label += " · " + competition.name
        small = _font(SMALL_SIZE, True)
        canvas.text((text_x, y0 + 24), _fit(label, small, x1 - PAD - text_x), small, theme.gold)
        font = _font(NAME_SIZE + 4, True)
        colour = theme.road if champion == self.highlight else theme.text
        name = _fit(self._name(champion), font, x1 - PAD - text_x)
        canvas.text((text_x, y0 + 56), name, font, colour)
        self._road_outline(canvas, (x0 - 1, y0 - 1, x1 + 1, y1 + 1), champion == self.highlight)

    def _legend_items(self) -> list[tuple[str, str]]:
        items: list[tuple[str, str]] = []
        if any(n.outcome is not None and n.outcome.higher_seed for n in self.nodes):
            items.append(("triangle", self.tr("picture.legend.higher_seed")))
        if self.seeds:
            items.append(("seed", self.tr("picture.legend.seed")))
        items.append(("advanced", self.tr("picture.legend.advanced")))
        return items

    def _paint_legend(self, canvas: _Canvas) -> None:
        """The marks explained, one a line, only those the picture uses."""
        theme = self.theme
        small = _font(SMALL_SIZE)
        x: float = MARGIN
        for index, (mark, label) in enumerate(self.legend):
            y = self.legend_y + index * LINE_H
            if mark == "triangle":
                canvas.triangle(x, y, theme.muted)
            elif mark == "seed":
                canvas.badge(x, y, self.tr.number(min(self.seeds.values())), theme)
            else:
                canvas.rect((x + 6, y - 11, x + 11, y + 11), fill=theme.win)
            text = _fit(label, small, WIDTH - 2 * MARGIN - MARK_W)
            canvas.text((x + MARK_W, y), text, small, theme.muted)


# ---------------------------------------------------------------------------------------------
# Public API


def alt_text(season: Season, result: Bracket, tr: Tr, highlight: str | None = None) -> str:
    """The picture in words, for screen readers and for clients that do not show images."""
    ties = []
    for round_ in result.rounds:
        for outcome in round_.ties:
            winner, loser = outcome.winner, outcome.loser
            ties.append(
                tr(
                    "picture.alt.tie",
                    winner=fmt.short(season, winner),
                    loser=fmt.short(season, loser),
                    score=fmt.aggregate_of(outcome),
                    how=fmt.decision_text(outcome, tr, with_aggregate=False),
                )
            )
    competition = result.competition
    text = tr(
        f"picture.alt.{competition.kind}",
        competition=competition.name,
        ties="; ".join(ties),
        club=fmt.name(season, result.champion),
    )
    if highlight is not None and highlight in result.clubs:
        text += " " + tr("picture.alt.road", club=fmt.name(season, highlight))
    return truncate(text, ALT_TEXT_LIMIT)


_RENDER_LOCK = threading.Lock()


def render_png(
    season: Season, tournament: str, tr: Tr, highlight: str | None = None, theme: Theme = THEME
) -> bytes:
    """The bracket of `tournament` as PNG bytes, uncached. Same inputs, same bytes.

    Raises `TournamentNotFound` / `ClubNotFound` for ids the season does not have.
    """
    result = queries.bracket(season, tournament)
    if highlight is not None:
        club_of(season, highlight)
    with _RENDER_LOCK:  # FreeType faces are shared between threads: draw one at a time
        image = _Painter(season, result, tr, highlight, theme).paint()
    return _encode(image)


def _encode(image: Image.Image) -> bytes:
    """A palette PNG: 256 colours hold the flat fills and the anti-aliasing closely (mean error
    well under one level), at under half the RGB size.

    The palette is chosen on every other pixel, which is four times faster than on all of them
    and just as good (the picture is flat fills and their edges); no dithering, which would
    speckle the fills.
    """
    sample = image.resize((image.width // 2, image.height // 2), Image.Resampling.NEAREST)
    palette = sample.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    quantized = image.quantize(palette=palette, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    quantized.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


CacheKey = tuple[str, str | None, str, str]
_CACHE: OrderedDict[CacheKey, Attachment] = OrderedDict()
_CACHE_LOCK = threading.Lock()


def _key(tournament: str, tr: Tr, highlight: str | None, cache_key: str) -> CacheKey:
    return (tournament, highlight, tr.locale, cache_key)


def cached_picture(
    tournament: str, tr: Tr, highlight: str | None, cache_key: str
) -> Attachment | None:
    """The picture if it is already rendered for exactly this data: no work, no thread."""
    key = _key(tournament, tr, highlight, cache_key)
    with _CACHE_LOCK:
        found = _CACHE.get(key)
        if found is not None:
            _CACHE.move_to_end(key)
        return found


def bracket_picture(
    season: Season, tournament: str, tr: Tr, highlight: str | None, cache_key: str
) -> Attachment:
    """`bracket.png` of `tournament` (an id), with `highlight` (a club id)'s road, or none.

    `cache_key` must change whenever the data does: pass the knowledge snapshot's digest
    (`ctx.knowledge.digest`). A render takes a few hundred ms of CPU, so handlers defer first
    and call `bracket_picture_async`, which renders off the event loop.
    """
    found = cached_picture(tournament, tr, highlight, cache_key)
    if found is not None:
        return found
    data = render_png(season, tournament, tr, highlight)
    description = alt_text(season, queries.bracket(season, tournament), tr, highlight)
    subject = "-".join(part for part in (highlight, tournament) if part)
    attachment = Attachment(FILENAME, data, description=description, subject=subject)
    key = _key(tournament, tr, highlight, cache_key)
    with _CACHE_LOCK:
        attachment = _CACHE.setdefault(key, attachment)  # of two racing renders, keep the first
        _CACHE.move_to_end(key)
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return attachment


_RENDERER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="picture")
"""One drawing thread: renders are Python holding the GIL, and each extra thread drawing at
once takes another share of the interpreter from the event loop that answers everyone else
(with six, a cold burst starved the loop past Discord's 3 s)."""

_RENDERING: dict[CacheKey, asyncio.Future[Attachment]] = {}
"""Renders in progress: a burst of /bracket on a cold cache draws each picture once, and every
other request for it waits for that render instead of drawing its own (each would hold the
GIL for a few hundred ms, starving the event loop that answers everyone else)."""


async def bracket_picture_async(
    season: Season, tournament: str, tr: Tr, highlight: str | None, cache_key: str
) -> Attachment:
    """`bracket_picture` for handlers: a cache hit at once, a render in a worker thread."""
    found = cached_picture(tournament, tr, highlight, cache_key)
    if found is not None:
        return found
    key = _key(tournament, tr, highlight, cache_key)
    rendering = _RENDERING.get(key)
    if rendering is None:
        rendering = asyncio.get_running_loop().run_in_executor(
            _RENDERER, bracket_picture, season, tournament, tr, highlight, cache_key
        )
        _RENDERING[key] = rendering
        rendering.add_done_callback(lambda _: _RENDERING.pop(key, None))
    return await asyncio.shield(rendering)


def clear_cache() -> None:
    """Forget every rendered picture (benchmarks and tests measure cold renders)."""
    with _CACHE_LOCK:
        _CACHE.clear()


def cache_size() -> int:
    with _CACHE_LOCK:
        return len(_CACHE)


async def picture(ctx: Context, tournament: str, highlight: str | None = None) -> Attachment:
    """The bracket picture for a handler: from the cache at once, or rendered after the
    interaction has been deferred, so a cold render never runs into Discord's 3 seconds."""
    digest = ctx.knowledge.digest
    if cached_picture(tournament, ctx.tr, highlight, digest) is None and ctx.defer is not None:
        await ctx.defer()
    return await bracket_picture_async(ctx.season, tournament, ctx.tr, highlight, digest)


def attach(reply: Reply, attachment: Attachment) -> Reply:
    """Show the picture in the reply's first embed; the text bracket stays, for readers who
    cannot see images (the picture's alt text says the same)."""
    first = replace(reply.embeds[0], image=f"attachment://{attachment.filename}")
    return replace(reply, embeds=(first, *reply.embeds[1:]), files=(*reply.files, attachment))


def attach_each(reply: Reply, pictures: Sequence[Attachment]) -> Reply:
    """Several pictures, one small embed each (an embed shows one image), named apart.

    The embeds have no title: each picture's own title names its tournament."""
    embeds = list(reply.embeds)
    files = list(reply.files)
    for attachment in pictures:
        stem = FILENAME.removesuffix(".png")
        named = replace(attachment, filename=f"{stem}-{len(files) + 1}.png")
        embeds.append(Embed(image=f"attachment://{named.filename}"))
        files.append(named)
    return replace(reply, embeds=tuple(embeds), files=tuple(files))
