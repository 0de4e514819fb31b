"""A playoff bracket as a PNG picture, for /bracket and /path.

Text replies stay complete on their own; the picture is what a fan shares in a chat. It is
drawn with Pillow from the same `knowledge.queries.bracket` answer the text uses, with every
label taken from the catalog (`picture.*`), so the picture never says more or less than the data.

Why it is built the way it is:

- It is designed for the size it is shown at, not the size of its file. Inside an embed a
  phone shows an image about 296 px wide, and desktop clients fit it into about 400×300
  (`PHONE`, `DESKTOP`). So the layout is in units of one phone pixel, 296 wide, and no taller
  than about 300 for the brackets of the season: at that shape the desktop shows it at least
  as large as the phone does (a square reads the same at both; a portrait 1120×2136 was shown
  at 0.14 on the desktop, names at 6 px). Every text is recorded with the size it is drawn at
  (`Drawing.texts`), and `smallest_text` says how large the smallest name and the smallest
  other text are as shown; the tests hold them at 11 and 10 px on both.
- To fit, the rounds stand side by side, left to right, as printed brackets do: each tie in
  the column of its round, level with the ties its clubs came from, joined to them by a line,
  and the champion under the final. The feeders of each box are ordered by the rows they lead
  to, so that no two lines cross. Names and captions are set in DejaVu Sans Condensed, which
  keeps DejaVu's tall lower case (legible at 10 px) and fits a name in a third of the width.
- Fonts ship with the package (`commands/fonts/`) and are laid out with Pillow's basic engine,
  never a system font or libraqm: the same inputs give the same bytes on every machine, which
  keeps the golden-image tests stable.
- The higher seed is the top row when the data tells it (the second-leg host); a known seed
  (the bye club is seed 1) gets its number, any other higher seed only a "▲": no invented seeds.
- A dark slate card, opaque, reads well on both Discord themes (#313338 and white); it is drawn
  at 3 file pixels per unit (a phone's 3x screen shows it pixel for pixel) and stored as a
  palette PNG, far under 1 MiB.
- Renders are cached by (tournament, highlighted club, locale, data digest): the digest changes
  on every reload, so a reload never serves a picture of old data.

Why it is one module of some 1,000 lines, over the ~500 the others keep to: the sizes, the
layout and the painter are one design, for one shown size; split apart, a change to one size
would be read across three files. The seams that matter are kept inside: layout (`_columns`,
`_Painter._layout`) computes, the painting methods only draw, and the measurement, the cache
and the renderer thread are at the end. Pillow is imported with this module, which `/bracket`
and `/path` import only when they draw, so a text answer never loads it.
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
from commands.reply import Attachment, Reply
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
"""About 50 KiB each: every highlight of every tournament in a locale or two, a few MiB."""
SCALE = 3
"""File pixels per layout unit: 888 px across, what a 3x phone screen shows of 296 units."""

Colour = tuple[int, int, int]
Font = ImageFont.FreeTypeFont

# Layout, in units: one unit is one pixel as a phone shows the picture (296 px wide).
WIDTH = 296
MARGIN = 7
COLUMN_GAP = 8
"""Between rounds: room for the lines that join a tie to the ties its clubs came from."""
BOX_GAP = 5
SECTION_GAP = 8
PAD = 2.5
"""Above and below a box's rows."""
INSET = 4
"""Left and right inside a box."""
HEADER_H = 15
ROW_H = 17
MARK_W = 13
NUM_W = 15
LINE_H = 12
"""A line of 10-unit text: captions, the legend, the champion's label."""
TITLE_LINE_H = 17
SUBTITLE_H = 14
CHAMPION_LINE_H = 17
CUP_W = 16
RADIUS = 4
CUP_H = 44
"""The trophy's drawing size; it is scaled to where it goes."""

TITLE_SIZE = 14
SUBTITLE_SIZE = 11
HEADER_SIZE = 11
NAME_SIZE = 13
"""Club names and their aggregates."""
CHAMPION_SIZE = 14
LABEL_SIZE = 10
"""Captions, seeds, the legend, the champion's label: the smallest text drawn."""

TextRole = Literal["name", "label"]
"""What a text is, for the sizes it must read at: a club's name (or its aggregate beside it),
or any other label."""


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


_FONT_FILES = {False: "DejaVuSansCondensed.ttf", True: "DejaVuSansCondensed-Bold.ttf"}


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


def _fit(text: str, font: Font, width: float) -> str:
    """`text`, cut with an ellipsis until it fits `width` (long names from new data)."""
    if _width(text, font) <= width:
        return text
    while len(text) > 1 and _width(text + "…", font) > width:
        text = text[:-1].rstrip()
    return text + "…"


def _wrap(text: str, font: Font, width: float) -> list[str]:
    """`text` in lines no wider than `width`, broken only at plain spaces (a no-break space
    holds), a word too long for a line cut with an ellipsis."""
    lines: list[str] = []
    for word in text.split(" "):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and _width(candidate, font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return [_fit(line, font, width) for line in lines] or [text]


# ---------------------------------------------------------------------------------------------
# The bracket as columns of boxes

NodeKind = Literal["tie", "bye", "feeder"]


@dataclass(eq=False)
class _Node:
    """One box: a tie, a bye, or (promotion final) a tournament's champion arriving."""

    kind: NodeKind
    rows: tuple[str, ...]
    """Club ids, top to bottom: two for a tie, one otherwise."""
    outcome: TieOutcome | None = None
    caption: str = ""
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0

    @property
    def advancing(self) -> str:
        """The club this box sends on to the next column."""
        return self.outcome.winner if self.outcome is not None else self.rows[0]

    def row_middle(self, club: str) -> float:
        return self.y + PAD + (self.rows.index(club) + 0.5) * ROW_H


def _rows(outcome: TieOutcome) -> tuple[str, ...]:
    """The higher seed on top, as brackets are read; the first-leg host first when unknown."""
    if outcome.higher_seed == outcome.second:
        return (outcome.second, outcome.first)
    return outcome.clubs


Column = tuple[str, list[_Node]]
"""A column's header and its boxes, top to bottom."""


def _columns(season: Season, result: Bracket, tr: Tr) -> list[Column]:
    """The bracket's columns, left to right: the finalists' titles (promotion final), then
    each round, its byes with it (a bye says "Bye": its seed is on its badge)."""
    competition = result.competition
    titles = {
        season.season.winners[feeder.id]: feeder
        for feeder in season.competitions
        if feeder.winner_plays == competition.id and feeder.id in season.season.winners
    }
    columns: list[Column] = []
    if titles:
        finalists = [
            _Node("feeder", (club,), caption=tr("picture.feeder", competition=feeder.name))
            for club, feeder in titles.items()
        ]
        columns.append((tr("picture.finalists"), finalists))
    byes: dict[str, list[_Node]] = {}
    for bye in result.byes:
        byes.setdefault(bye.round, []).append(_Node("bye", (bye.club,), caption=tr("picture.bye")))
    for round_ in result.rounds:
        ties = [_Node("tie", _rows(tie), tie) for tie in round_.ties]
        columns.append((tr(f"picture.round.{round_.name}"), [*ties, *byes.get(round_.name, [])]))
    _in_bracket_order(columns)
    return columns


def _in_bracket_order(columns: list[Column]) -> None:
    """Each column's boxes in the order of the rows they lead to, from the final back: the
    lines that join them then never cross, however each round was re-seeded."""
    for index in range(len(columns) - 2, -1, -1):
        later = columns[index + 1][1]

        def leads_to(node: _Node, later: list[_Node] = later) -> tuple[int, int]:
            for position, successor in enumerate(later):
                if node.advancing in successor.rows:
                    return position, successor.rows.index(node.advancing)
            return len(later), 0

        columns[index][1].sort(key=leads_to)


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


@dataclass(frozen=True, slots=True)
class DrawnText:
    """A text as drawn: what it says, what it is, and its font's size in the file's pixels."""

    text: str
    role: TextRole
    size: int


class _Canvas:
    """Pillow's draw in layout units; with `faded` set, colours fade toward the background.
    Every text drawn is recorded with its size (`texts`), which is how its size as shown is
    known without measuring pixels."""

    def __init__(self, width: float, height: float, theme: Theme) -> None:
        self.theme = theme
        self.image = Image.new("RGB", (_px(width), _px(height)), theme.background)
        self.draw = ImageDraw.Draw(self.image)
        self.faded = False
        self.texts: list[DrawnText] = []

    def colour(self, colour: Colour) -> Colour:
        return _blend(colour, self.theme.background, self.theme.dim) if self.faded else colour

    def rect(
        self,
        box: tuple[float, float, float, float],
        fill: Colour | None = None,
        outline: Colour | None = None,
        width: float = 1 / SCALE,
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
        self.draw.line(xy, fill=self.colour(colour), width=max(1, _px(width)), joint="curve")

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
        self,
        xy: tuple[float, float],
        text: str,
        font: Font,
        colour: Colour,
        anchor: str = "lm",
        *,
        role: TextRole,
    ) -> None:
        x, y = xy
        self.texts.append(DrawnText(text, role, round(font.size)))
        self.draw.text((_px(x), _px(y)), text, font=font, fill=self.colour(colour), anchor=anchor)

    def cup(self, cx: float, top: float, height: float, colour: Colour) -> None:
        """A trophy drawn in shapes (no emoji font is needed, or shipped); `height` tall."""
        k = height / CUP_H
        self.arc((cx - 24 * k, top + 4 * k, cx - 6 * k, top + 24 * k), (90, 270), colour, 3 * k)
        self.arc((cx + 6 * k, top + 4 * k, cx + 24 * k, top + 24 * k), (270, 90), colour, 3 * k)
        self.rect((cx - 15 * k, top, cx + 15 * k, top + 8 * k), fill=colour)
        self.pieslice((cx - 15 * k, top - 16 * k, cx + 15 * k, top + 30 * k), (0, 180), colour)
        self.rect((cx - 3 * k, top + 29 * k, cx + 3 * k, top + 38 * k), fill=colour)
        self.rect((cx - 12 * k, top + 37 * k, cx + 12 * k, top + 44 * k), fill=colour, radius=1)

    def triangle(self, x: float, y: float, colour: Colour) -> None:
        """The ▲ higher-seed mark, drawn (crisper than the glyph), centred on row middle `y`."""
        self.polygon([(x + 1, y + 3.5), (x + 9, y + 3.5), (x + 5, y - 4)], colour)

    def badge(self, x: float, y: float, text: str, theme: Theme) -> None:
        """A known seed: the number on a small light tile."""
        font = _font(LABEL_SIZE, True)
        width = max(10, _width(text, font) + 4)
        self.rect((x, y - 6, x + width, y + 6), fill=theme.muted, radius=2)
        self.text((x + width / 2, y), text, font, theme.card, "mm", role="label")


class _Painter:
    """Lays out and draws one bracket: the title, then the rounds side by side (a column
    each, every tie level with the ties that fed it), the champion under the final, and the
    legend under the champion.

    Each box holds the clubs, the aggregate and, where the aggregate did not decide the tie,
    how it was decided; the legs are in the reply's text.
    """

    def __init__(
        self, season: Season, result: Bracket, tr: Tr, highlight: str | None, theme: Theme
    ) -> None:
        self.season = season
        self.result = result
        self.tr = tr
        self.theme = theme
        self.columns = _columns(season, result, tr)
        self.nodes = [node for _, nodes in self.columns for node in nodes]
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
        small = _font(LABEL_SIZE)
        if node.outcome is not None:
            if node.outcome.method is DecisionMethod.AGGREGATE:
                return []
            return _wrap(_how(node.outcome, self.tr), small, width)
        return _wrap(node.caption, small, width)

    def _feeders(self, index: int, node: _Node) -> list[_Node]:
        """The boxes in the column before `index` whose clubs came on to `node`."""
        if index == 0:
            return []
        return [n for n in self.columns[index - 1][1] if n.advancing in node.rows]

    # -- geometry ---------------------------------------------------------------------------

    def _layout(self) -> None:
        inner = WIDTH - 2 * MARGIN
        self.column_w = self._column_widths(inner)
        self.column_x = [
            MARGIN + sum(self.column_w[:i]) + i * COLUMN_GAP for i in range(len(self.column_w))
        ]
        competition = self.result.competition
        title = self.tr(f"picture.title.{competition.kind}", competition=competition.name)
        self.title_lines = _wrap(title, _font(TITLE_SIZE, True), inner)
        # One line, so that a highlight (a longer subtitle) never moves the boxes.
        self.subtitle = _fit(self._subtitle()[0], _font(SUBTITLE_SIZE), inner)
        top = MARGIN + len(self.title_lines) * TITLE_LINE_H + SUBTITLE_H + 4
        self.captions: dict[int, list[str]] = {}
        self.headers: list[tuple[str, float, float]] = []
        bottoms: list[float] = []
        for index, (header, nodes) in enumerate(self.columns):
            x, width = self.column_x[index], self.column_w[index]
            # A header may run into the gap: it has no box, and the next one starts further on.
            header_w = width + COLUMN_GAP - 2
            self.headers.append((_fit(header, _font(HEADER_SIZE, True), header_w), x, top))
            y: float = top + HEADER_H
            for node in nodes:
                lines = self._caption_lines(node, width - 2 * INSET)
                self.captions[id(node)] = lines
                node.x, node.w = x, width
                node.h = 2 * PAD + len(node.rows) * ROW_H + len(lines) * LINE_H
                feeders = self._feeders(index, node)
                if feeders:  # level with the boxes it was fed by, as a bracket is drawn
                    middle = sum(n.y + n.h / 2 for n in feeders) / len(feeders)
                    y = max(y, middle - node.h / 2)
                node.y = y
                y += node.h + BOX_GAP
            bottoms.append(y - BOX_GAP)
        x, last = self.column_x[-1], self.columns[-1][1]
        final = last[-1]
        above = last[-2].y + last[-2].h + BOX_GAP if len(last) > 1 else top + HEADER_H
        trophy_h = self._trophy_layout()
        self.legend, legend_h = self._legend_layout()
        # The champion and the legend go under the final: the final rises from level with its
        # feeders as far as it must for them to end no lower than the other columns do.
        below = SECTION_GAP + trophy_h + SECTION_GAP + legend_h
        floor = max(bottoms[:-1], default=bottoms[-1])
        final.y = max(above, min(final.y, floor - below - final.h))
        self.trophy = (x, final.y + final.h + SECTION_GAP, self.column_w[-1], trophy_h)
        self.legend_y = self.trophy[1] + trophy_h + SECTION_GAP
        self.height = max(floor, self.legend_y + legend_h) + MARGIN
        self.width = WIDTH

    def _column_widths(self, inner: float) -> list[float]:
        """Equal columns, but for a last column (with two rounds or more before it) as narrow
        as its short lines allow: the earlier rounds' long captions then wrap less. Names
        come first: every earlier column keeps the width its longest name needs."""
        count = len(self.columns)
        boxes_w = inner - (count - 1) * COLUMN_GAP
        if count <= 2:
            return [boxes_w / count] * count
        earlier = max(self._names_need(nodes) for _, nodes in self.columns[:-1])
        last_w = min(boxes_w / count, self._last_column_need())
        last_w = min(last_w, boxes_w - (count - 1) * earlier)
        return [(boxes_w - last_w) / (count - 1)] * (count - 1) + [last_w]

    @staticmethod
    def _rounded(width: float) -> float:
        """Rounded up to 2 units: another FreeType build that measures a fraction of a pixel
        differently then lays out the same columns (and the golden images hold)."""
        return float(math.ceil(width / 2) * 2)

    def _names_need(self, nodes: Sequence[_Node]) -> float:
        """The width a box needs for the longest of these names, in bold (as a winner)."""
        font = _font(NAME_SIZE, True)
        widest = max(_width(self._short(club), font) for node in nodes for club in node.rows)
        return self._rounded(widest + INSET + MARK_W + 2 + NUM_W + 2)

    def _last_column_need(self) -> float:
        """The width the last column's names, and the champion's label and name, need
        (their longest word, for the lines that wrap)."""
        label_font, champion = _font(LABEL_SIZE, True), _font(CHAMPION_SIZE, True)
        label = max(_width(word, label_font) for word in self._trophy_label().split(" "))
        words = self._short(self.result.champion).split(" ")
        name = max(_width(word, champion) for word in words)
        need = max(label + CUP_W, name) + 2 * INSET
        return max(self._names_need(self.columns[-1][1]), self._rounded(need))

    def _trophy_label(self) -> str:
        label = self.tr("picture.promoted" if self.promotion else "picture.champion")
        competition = self.result.competition
        if self.promotion and competition.promotes_to:
            label += " " + self.tr("picture.promoted_to", division=competition.promotes_to)
        return label

    def _trophy_layout(self) -> float:
        """The champion's box: the cup and its label, then the name, each wrapped to fit.
        Returns its height."""
        width = self.column_w[-1]
        label = _font(LABEL_SIZE, True)
        self.trophy_label = _wrap(self._trophy_label(), label, width - 2 * INSET - CUP_W)
        font = _font(CHAMPION_SIZE, True)
        self.trophy_name = _wrap(self._short(self.result.champion), font, width - 2 * INSET)
        head = max(len(self.trophy_label) * LINE_H, CUP_W)
        return 2 * PAD + head + len(self.trophy_name) * CHAMPION_LINE_H

    def _legend_layout(self) -> tuple[list[tuple[str, list[str], float]], float]:
        """The marks the picture uses, explained: (mark, lines, offset of the first line's
        middle from the legend's top), and the legend's height."""
        items: list[tuple[str, str]] = []
        if any(n.outcome is not None and n.outcome.higher_seed for n in self.nodes):
            items.append(("triangle", self.tr("picture.legend.higher_seed")))
        if self.seeds:
            items.append(("seed", self.tr("picture.legend.seed")))
        items.append(("advanced", self.tr("picture.legend.advanced")))
        laid: list[tuple[str, list[str], float]] = []
        offset = 0.0
        for mark, label in items:
            lines = _wrap(label, _font(LABEL_SIZE), self.column_w[-1] - MARK_W)
            laid.append((mark, lines, offset + LINE_H / 2))
            offset += len(lines) * LINE_H + 2
        return laid, offset - 2

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

    def paint(self) -> _Canvas:
        canvas = _Canvas(self.width, self.height, self.theme)
        theme = self.theme
        y = MARGIN
        for line in self.title_lines:
            canvas.text((MARGIN, y), line, _font(TITLE_SIZE, True), theme.text, "lt", role="label")
            y += TITLE_LINE_H
        _, colour = self._subtitle()
        canvas.text((MARGIN, y), self.subtitle, _font(SUBTITLE_SIZE), colour, "lt", role="label")
        header = _font(HEADER_SIZE, True)
        for text, x, top in self.headers:
            canvas.text((x, top + HEADER_H / 2), text, header, theme.muted, "lm", role="label")
        for index, (_, nodes) in enumerate(self.columns):
            for node in nodes:
                for feeder in self._feeders(index, node):
                    self._connector(canvas, feeder, node)
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
        return canvas

    def _connector(self, canvas: _Canvas, feeder: _Node, node: _Node) -> None:
        """From the row of the club that went through to its row in the next round."""
        club = feeder.advancing
        start = (feeder.x + feeder.w, feeder.row_middle(club))
        end = (node.x, node.row_middle(club))
        bend = start[0] + COLUMN_GAP / 2
        on = club == self.highlight
        canvas.faded = not on and self.highlight is not None
        colour = self.theme.road if on else self.theme.line
        points = [start, (bend, start[1]), (bend, end[1]), end]
        canvas.line(points, colour, 1.5 if on else 1)
        canvas.faded = False

    def _marker(self, canvas: _Canvas, node: _Node, club: str, x: float, y: float) -> None:
        """A known seed as a number badge; else ▲ on the higher seed (all the data says)."""
        seed = self.seeds.get(club)
        if seed is not None:
            canvas.badge(x, y, self.tr.number(seed), self.theme)
        elif node.outcome is not None and node.outcome.higher_seed == club:
            canvas.triangle(x, y, self.theme.muted)
        elif node.kind == "feeder":
            canvas.cup(x + 5, y - 5, 10, self.theme.gold)

    def _winner_row(self, canvas: _Canvas, x: float, top: float, right: float) -> None:
        """The advancing club's row: a green bar at the edge and a faint green tint."""
        theme = self.theme
        canvas.rect((x, top, right, top + ROW_H), fill=_blend(theme.card, theme.win, 0.14))
        canvas.rect((x, top, x + 2.5, top + ROW_H), fill=theme.win)

    def _captions(self, canvas: _Canvas, node: _Node, top: float) -> None:
        small = _font(LABEL_SIZE)
        for index, line in enumerate(self.captions[id(node)]):
            point = (node.x + INSET, top + (index + 0.5) * LINE_H)
            canvas.text(point, line, small, self.theme.muted, role="label")

    def _club_row(self, canvas: _Canvas, node: _Node, club: str, top: float, right: float) -> None:
        """A club's mark and name in a row from `top`, its name ending before `right`."""
        theme = self.theme
        middle = top + ROW_H / 2
        won = club == node.advancing
        self._marker(canvas, node, club, node.x + INSET, middle)
        colour = theme.text if won else theme.loser
        if club == self.highlight:
            colour = theme.road
        font = _font(NAME_SIZE, won)
        name_x = node.x + INSET + MARK_W
        name = _fit(self._short(club), font, right - name_x)
        canvas.text((name_x, middle), name, font, colour, role="name")

    def _tie(self, canvas: _Canvas, node: _Node) -> None:
        """A row per club, the winner's marked, and the aggregate on the right."""
        outcome = node.outcome
        assert outcome is not None
        theme = self.theme
        x, y, w, h = node.x, node.y, node.w, node.h
        canvas.rect((x, y, x + w, y + h), fill=theme.card, outline=theme.border, radius=RADIUS)
        aggregate_x = x + w - 2 - NUM_W
        rows_top = y + PAD
        canvas.rect(
            (aggregate_x, rows_top, aggregate_x + NUM_W, rows_top + 2 * ROW_H),
            fill=theme.aggregate,
            radius=2,
        )
        for index, club in enumerate(node.rows):
            top = rows_top + index * ROW_H
            won = club == outcome.winner
            if won:
                self._winner_row(canvas, x, top, aggregate_x)
            elif index:
                canvas.line([(x + INSET, top), (aggregate_x - 2, top)], theme.border, 0.5)
            self._club_row(canvas, node, club, top, aggregate_x - 2)
            font = _font(NAME_SIZE, won)
            total = self.tr.number(outcome.goals_for(club))
            point = (aggregate_x + NUM_W / 2, top + ROW_H / 2)
            canvas.text(point, total, font, theme.win if won else theme.loser, "mm", role="name")
        self._captions(canvas, node, rows_top + 2 * ROW_H)
        self._road_outline(canvas, (x, y, x + w, y + h), self.highlight in node.rows)

    def _road_outline(
        self, canvas: _Canvas, box: tuple[float, float, float, float], on: bool
    ) -> None:
        if on:
            x0, y0, x1, y1 = box
            outline = (x0 - 1, y0 - 1, x1 + 1, y1 + 1)
            canvas.rect(outline, outline=self.theme.road, width=1.5, radius=RADIUS + 1)

    def _single(self, canvas: _Canvas, node: _Node) -> None:
        """A bye or a finalist: the club, then what brought it here ("Bye")."""
        theme = self.theme
        x, y, w, h = node.x, node.y, node.w, node.h
        club = node.rows[0]
        canvas.rect((x, y, x + w, y + h), fill=theme.card, outline=theme.border, radius=RADIUS)
        top = y + PAD
        self._winner_row(canvas, x, top, x + w - 1)
        self._club_row(canvas, node, club, top, x + w - INSET)
        self._captions(canvas, node, top + ROW_H)
        self._road_outline(canvas, (x, y, x + w, y + h), club == self.highlight)

    def _trophy(self, canvas: _Canvas) -> None:
        """The champion (or promoted club) in a gold frame, joined to the final above it."""
        theme = self.theme
        x, y, w, h = self.trophy
        final = self.columns[-1][1][-1]
        champion = self.result.champion
        on = champion == self.highlight
        middle = x + w / 2
        canvas.line([(middle, final.y + final.h), (middle, y)], theme.road if on else theme.line, 1)
        fill = _blend(theme.card, theme.gold, 0.08)
        canvas.rect((x, y, x + w, y + h), fill=fill, outline=theme.gold, width=1, radius=RADIUS)
        canvas.cup(x + INSET + 6, y + PAD + 2, 12, theme.gold)
        label = _font(LABEL_SIZE, True)
        top = y + PAD
        head = max(len(self.trophy_label) * LINE_H, CUP_W)
        first = top + head / 2 - (len(self.trophy_label) - 1) * LINE_H / 2
        for index, line in enumerate(self.trophy_label):
            point = (x + INSET + CUP_W, first + index * LINE_H)
            canvas.text(point, line, label, theme.gold, role="label")
        top += head
        font = _font(CHAMPION_SIZE, True)
        colour = theme.road if on else theme.text
        for index, line in enumerate(self.trophy_name):
            point = (x + INSET, top + (index + 0.5) * CHAMPION_LINE_H)
            canvas.text(point, line, font, colour, role="name")
        self._road_outline(canvas, (x - 1, y - 1, x + w + 1, y + h + 1), on)

    def _paint_legend(self, canvas: _Canvas) -> None:
        """The marks explained, one an item, only those the picture uses."""
        theme = self.theme
        small = _font(LABEL_SIZE)
        x = self.trophy[0]
        for mark, lines, offset in self.legend:
            middle = self.legend_y + offset
            if mark == "triangle":
                canvas.triangle(x, middle, theme.muted)
            elif mark == "seed":
                canvas.badge(x, middle, self.tr.number(min(self.seeds.values())), theme)
            else:
                canvas.rect((x + 3, middle - 6, x + 5.5, middle + 6), fill=theme.win)
            for index, line in enumerate(lines):
                point = (x + MARK_W, middle + index * LINE_H)
                canvas.text(point, line, small, theme.muted, role="label")


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


@dataclass(frozen=True, slots=True)
class Drawing:
    """A bracket as drawn: the image, and every text on it with the size it was drawn at."""

    image: Image.Image
    texts: tuple[DrawnText, ...]


def draw(
    season: Season, tournament: str, tr: Tr, highlight: str | None = None, theme: Theme = THEME
) -> Drawing:
    """The bracket of `tournament`, drawn (not encoded). Same inputs, same pixels.

    Raises `TournamentNotFound` / `ClubNotFound` for ids the season does not have.
    """
    result = queries.bracket(season, tournament)
    if highlight is not None:
        club_of(season, highlight)
    with _RENDER_LOCK:  # FreeType faces are shared between threads: draw one at a time
        canvas = _Painter(season, result, tr, highlight, theme).paint()
    return Drawing(canvas.image, tuple(canvas.texts))


def render_png(
    season: Season, tournament: str, tr: Tr, highlight: str | None = None, theme: Theme = THEME
) -> bytes:
    """The bracket of `tournament` as PNG bytes, uncached. Same inputs, same bytes."""
    return _encode(draw(season, tournament, tr, highlight, theme).image)


@dataclass(frozen=True, slots=True)
class Display:
    """Where a client shows an embed's image: scaled down (never up) to fit `width`, and
    `height` where the client caps it too."""

    width: float
    height: float | None = None

    def scale(self, size: tuple[int, int]) -> float:
        """Shown pixels per file pixel for an image of `size`."""
        width, height = size
        fits = [1.0, self.width / width]
        if self.height is not None:
            fits.append(self.height / height)
        return min(fits)


PHONE = Display(296)
"""Discord's phone app shows an embed's image about 296 px wide (measured on its layout)."""
DESKTOP = Display(400, 300)
"""Desktop clients fit an embed's image into about 400×300."""


def smallest_text(drawing: Drawing, display: Display) -> dict[TextRole, float]:
    """The smallest text of each role as `display` shows `drawing`, in shown pixels (font
    size, the em): the size it was drawn at times the scale the client shows the image at."""
    scale = display.scale(drawing.image.size)
    smallest: dict[TextRole, float] = {}
    for text in drawing.texts:
        smallest[text.role] = min(smallest.get(text.role, text.size), text.size)
    return {role: size * scale for role, size in smallest.items()}


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
