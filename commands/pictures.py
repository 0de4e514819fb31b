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
"""

from __future__ import annotations

import asyncio
import io
import itertools
import math
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Literal

from PIL import Image, ImageDraw, ImageFont

from commands import format as fmt
from commands.context import Context
from commands.i18n import Tr
from commands.limits import truncate
from commands.reply import Attachment, Embed, Reply
from knowledge import queries
from knowledge.errors import ClubNotFound
from knowledge.models import Season
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
"""Pixels per layout unit: the layout is ~1300 units wide, drawn at 2x for crisp phone text."""

Colour = tuple[int, int, int]
Font = ImageFont.FreeTypeFont

# Layout, in units (pixels at 1x): about 1300 wide, text 15 units and up (mostly 17 and 22).
MARGIN = 28
COLUMN_GAP = 40
FEEDER_MIN_W, FEEDER_MAX_W = 220, 340
TROPHY_W = 200
PAD = 12
HEAD_H = 22
ROW_H = 38
MARK_W = 26
LINE_H = 24
SLOT_GAP = 22
RADIUS = 10
NAME_MIN_W, NAME_MAX_W = 96, 150
"""Room for short names: as wide as the longest in the picture; longer ones are cut."""
CUP_H = 44

TITLE_SIZE = 32
SUBTITLE_SIZE = 20
HEADER_SIZE = 20
NAME_SIZE = 22
SMALL_SIZE = 17
LABEL_SIZE = 15


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
    children: list[tuple[str, _Node]] = field(default_factory=list)
    """(club, the box it came from), in row order, so connectors never cross."""
    slot: float = 0.0
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0

    def row_top(self, club: str) -> float:
        index = self.rows.index(club) if club in self.rows else 0
        if self.kind == "tie":
            return self.y + PAD + HEAD_H + index * ROW_H
        if self.kind == "feeder":
            return self.y + PAD + LINE_H
        return self.y + PAD

    def row_y(self, club: str) -> float:
        """Where a connector meets this box: the middle of the club's row."""
        return self.row_top(club) + ROW_H / 2

    @property
    def winner(self) -> str:
        return self.outcome.winner if self.outcome is not None else self.rows[0]


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


def _tree(season: Season, result: Bracket, tr: Tr) -> tuple[list[_Node], _Node, list[str]]:
    """Every box with its feeders, grown backwards from the final; and the column headers.

    A tie the tree does not reach (data that does not chain up) is still drawn, below the
    rest, rather than dropped.
    """
    boxes = _boxes(season, result, tr)
    used: set[int] = set()

    def feeder_of(index: int, club: str) -> _Node | None:
        """The box `club` came from into round `index`: a tie it won, a bye, a title."""
        if index > 0:
            candidates = [n for n in boxes.ties[index - 1] if n.winner == club]
            candidates += [n for n in boxes.byes.get(index - 1, []) if n.rows[0] == club]
        else:
            candidates = [n for n in boxes.finalists if n.rows[0] == club]
        return next((n for n in candidates if id(n) not in used), None)

    def grow(node: _Node, index: int) -> None:
        used.add(id(node))
        for club in node.rows:
            child = feeder_of(index, club)
            if child is not None:
                node.children.append((club, child))
                if child.kind == "tie":
                    grow(child, index - 1)
                else:
                    used.add(id(child))

    last = len(result.rounds) - 1
    final = boxes.ties[last][-1]
    roots = [final]
    grow(final, last)
    for index in reversed(range(len(result.rounds))):
        for node in boxes.ties[index]:
            if id(node) not in used:
                grow(node, index)
                roots.append(node)
    singles = [*boxes.finalists, *(n for nodes in boxes.byes.values() for n in nodes)]
    roots += [node for node in singles if id(node) not in used]
    return _place(roots), final, boxes.headers


def _place(roots: Sequence[_Node]) -> list[_Node]:
    """Tidy-tree slots: leaves take the next free slot, a tie sits midway between its feeders.

    Returns every box, feeders before the ties they feed.
    """
    ordered: list[_Node] = []
    free = 0

    def place(node: _Node) -> None:
        nonlocal free
        for _, child in node.children:
            place(child)
        if node.children:
            node.slot = sum(child.slot for _, child in node.children) / len(node.children)
        else:
            node.slot, free = free, free + 1
        ordered.append(node)

    for root in roots:
        place(root)
    return ordered


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
    """Lays out and draws one bracket: title, boxes, connectors, the trophy and the legend."""

    def __init__(
        self, season: Season, result: Bracket, tr: Tr, highlight: str | None, theme: Theme
    ) -> None:
        self.season = season
        self.result = result
        self.tr = tr
        self.theme = theme
        self.nodes, self.final, self.headers = _tree(season, result, tr)
        self.asked = highlight
        on_road = highlight is not None and any(highlight in n.rows for n in self.nodes)
        self.highlight = highlight if on_road else None
        """The club whose road is drawn in the accent colour; None if it played no tie here."""
        self.seeds = {bye.club: bye.seed for bye in result.byes if bye.seed is not None}
        self.promotion = result.competition.kind == "promotion_final"

        label = _font(LABEL_SIZE)
        self.labels = (tr("picture.leg.1"), tr("picture.leg.2"), tr("picture.aggregate"))
        self.num_w = _step(max(48.0, *(_width(text, label) + 12 for text in self.labels)))
        names = [
            _width(self._short(club), _font(NAME_SIZE, True)) for n in self.nodes for club in n.rows
        ]
        self.name_w = _step(min(NAME_MAX_W, max([NAME_MIN_W, *names])))
        self.box_w = PAD + MARK_W + self.name_w + 8 + 3 * self.num_w + PAD
        self.how = {
            id(n): _wrap(_how(n.outcome, tr), _font(SMALL_SIZE), self.box_w - 2 * PAD)
            for n in self.nodes
            if n.outcome is not None
        }
        how_lines = max((len(lines) for lines in self.how.values()), default=1)
        self.heights = {
            "tie": PAD + HEAD_H + 2 * ROW_H + 6 + how_lines * LINE_H + PAD - 4,
            "bye": PAD + ROW_H + LINE_H + PAD - 2,
            "feeder": PAD + LINE_H + ROW_H + PAD - 2,
        }
        self.champion_lines = _wrap(
            self._name(result.champion), _font(NAME_SIZE + 2, True), TROPHY_W - 2 * PAD
        )[:2]
        self.trophy_h = PAD + 6 + CUP_H + 14 + 30 * len(self.champion_lines) + 6 + LINE_H + PAD
        self._layout()

    def _name(self, club: str) -> str:
        return fmt.name(self.season, club)

    def _short(self, club: str) -> str:
        return fmt.short(self.season, club)

    def on_road(self, *clubs: str) -> bool:
        return self.highlight is None or self.highlight in clubs

    # -- geometry ---------------------------------------------------------------------------

    def _layout(self) -> None:
        """Columns left to right; slots spaced so that no two boxes of a column overlap."""
        columns = max(n.column for n in self.nodes) + 1
        small = _font(SMALL_SIZE)
        captions = [
            _width(n.caption, small) + 2 * PAD + 4 for n in self.nodes if n.kind == "feeder"
        ]
        feeder_w = _step(min(FEEDER_MAX_W, max([FEEDER_MIN_W, *captions])))
        widths = [
            feeder_w
            if any(n.column == c and n.kind == "feeder" for n in self.nodes)
            else self.box_w
            for c in range(columns)
        ]
        xs: list[float] = []
        x: float = MARGIN
        for width in widths:
            xs.append(x)
            x += width + COLUMN_GAP
        self.trophy_x = x
        self.width = x + TROPHY_W + MARGIN
        self.columns = list(zip(self.headers, xs, widths, strict=True))

        for node in self.nodes:
            node.w, node.h, node.x = widths[node.column], self.heights[node.kind], xs[node.column]
        slot_h = max(n.h for n in self.nodes if not n.children) + SLOT_GAP
        for column in range(columns):
            stack = sorted((n for n in self.nodes if n.column == column), key=lambda n: n.slot)
            for above, below in itertools.pairwise(stack):
                needed = (above.h + below.h) / 2 + SLOT_GAP
                slot_h = max(slot_h, needed / max(below.slot - above.slot, 0.5))
        for node in self.nodes:
            node.y = float(round(node.slot * slot_h - node.h / 2))
        # The trophy sits level with the champion's row, so its line runs straight.
        self.trophy_y: float = round(self.final.row_y(self.final.winner) - self.trophy_h / 2)

        self.title_y = MARGIN
        self.header_y = MARGIN + 102
        grid_y = self.header_y + 30
        top = min([n.y for n in self.nodes] + [self.trophy_y])
        bottom = max([n.y + n.h for n in self.nodes] + [self.trophy_y + self.trophy_h])
        shift = grid_y - top
        for node in self.nodes:
            node.y += shift
        self.trophy_y += shift
        self.legend_y = bottom + shift + 36
        self.height = self.legend_y + 12 + MARGIN

    # -- the picture ------------------------------------------------------------------------

    def paint(self) -> Image.Image:
        canvas = _Canvas(self.width, self.height, self.theme)
        self._title(canvas)
        header = _font(HEADER_SIZE, True)
        for text, x, width in self.columns:
            canvas.text((x + width / 2, self.header_y), text, header, self.theme.muted, "mm")
        canvas.text(
            (self.trophy_x + TROPHY_W / 2, self.header_y),
            self._trophy_label(),
            header,
            self.theme.gold,
            "mm",
        )
        # Connectors first, the highlighted road last so that it lies on top.
        for road in (False, True):
            for node in self.nodes:
                for club, child in node.children:
                    if (self.highlight == club) == road:
                        self._connector(canvas, child, node, club)
            if (self.highlight == self.final.winner) == road:
                self._trophy_connector(canvas)
        for node in self.nodes:
            canvas.faded = not self.on_road(*node.rows)
            if node.kind == "tie":
                self._tie(canvas, node)
            else:
                self._single(canvas, node)
        canvas.faded = not self.on_road(self.final.winner)
        self._trophy(canvas)
        canvas.faded = False
        self._legend(canvas)
        return canvas.image

    def _trophy_label(self) -> str:
        return self.tr("picture.promoted" if self.promotion else "picture.champion")

    def _title(self, canvas: _Canvas) -> None:
        competition = self.result.competition
        title = self.tr(f"picture.title.{competition.kind}", competition=competition.name)
        canvas.text((MARGIN, self.title_y), title, _font(TITLE_SIZE, True), self.theme.text, "lt")
        champion = self._name(self.result.champion)
        colour = self.theme.muted
        if self.highlight is not None:
            subtitle = self.tr("picture.subtitle.road", club=self._name(self.highlight))
            colour = self.theme.road
        elif self.asked is not None:
            subtitle = self.tr("picture.subtitle.did_not_qualify", club=self._name(self.asked))
        elif self.promotion:
            division = competition.promotes_to or ""
            subtitle = self.tr("picture.subtitle.promoted", club=champion, division=division)
        else:
            subtitle = self.tr("picture.subtitle.champion", club=champion)
        canvas.text((MARGIN, self.title_y + 46), subtitle, _font(SUBTITLE_SIZE), colour, "lt")

    def _elbow(
        self,
        canvas: _Canvas,
        start: tuple[float, float],
        end: tuple[float, float],
        club: str,
        colour: Colour | None = None,
    ) -> None:
        """A bracket line: across, down (or up) halfway between the columns, across again."""
        (x0, y0), (x1, y1) = start, end
        middle = round((x0 + x1) / 2)
        road = self.highlight == club
        canvas.faded = not self.on_road(club)
        colour = self.theme.road if road else colour or self.theme.line
        canvas.line([(x0, y0), (middle, y0), (middle, y1), (x1, y1)], colour, 3 if road else 2)
        canvas.faded = False

    def _connector(self, canvas: _Canvas, child: _Node, parent: _Node, club: str) -> None:
        start = (child.x + child.w, child.row_y(club))
        self._elbow(canvas, start, (parent.x, parent.row_y(club)), club)

    def _trophy_connector(self, canvas: _Canvas) -> None:
        winner = self.final.winner
        start = (self.final.x + self.final.w, self.final.row_y(winner))
        end = (self.trophy_x, self.trophy_y + self.trophy_h / 2)
        self._elbow(canvas, start, end, winner, self.theme.gold)

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

    def _tie(self, canvas: _Canvas, node: _Node) -> None:
        """Scoreboard: a row per club with its goals in each leg and on aggregate."""
        outcome = node.outcome
        assert outcome is not None
        theme, num_w = self.theme, self.num_w
        x, y, w, h = node.x, node.y, node.w, node.h
        canvas.rect((x, y, x + w, y + h), fill=theme.card, outline=theme.border, radius=RADIUS)
        aggregate_x = x + w - PAD - num_w
        columns = (aggregate_x - 2 * num_w, aggregate_x - num_w, aggregate_x)
        rows_top = y + PAD + HEAD_H
        canvas.rect(
            (aggregate_x, y + PAD - 4, aggregate_x + num_w, rows_top + 2 * ROW_H + 2),
            fill=theme.aggregate,
            radius=6,
        )
        label = _font(LABEL_SIZE)
        for text, left in zip(self.labels, columns, strict=True):
            canvas.text(
                (left + num_w / 2, y + PAD + HEAD_H / 2 - 2), text, label, theme.muted, "mm"
            )
        legs = outcome.tie.legs
        for index, club in enumerate(node.rows):
            top = node.row_top(club)
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
            name = _fit(self._short(club), font, self.name_w + 4)
            canvas.text((x + PAD + MARK_W, middle), name, font, name_colour)
            goals = (legs[0].goals_of(club), legs[1].goals_of(club), outcome.goals_for(club))
            for number, left in zip(goals, columns, strict=True):
                total = left == aggregate_x
                colour = theme.text if won else theme.loser
                if total and won:
                    colour = theme.win
                numeral = _font(NAME_SIZE, won and total)
                text = self.tr.number(number)
                canvas.text((left + num_w / 2, middle), text, numeral, colour, "mm")
        footer_top = rows_top + 2 * ROW_H + 6
        canvas.line([(x + 1, footer_top - 2), (x + w - 2, footer_top - 2)], theme.border, 1)
        small = _font(SMALL_SIZE)
        for index, line in enumerate(self.how[id(node)]):
            point = (x + PAD, footer_top + (index + 0.5) * LINE_H)
            canvas.text(point, line, small, theme.muted)
        if club_on_road := (self.highlight is not None and self.highlight in node.rows):
            self._road_outline(canvas, (x, y, x + w, y + h), club_on_road)

    def _road_outline(
        self, canvas: _Canvas, box: tuple[float, float, float, float], on: bool
    ) -> None:
        if on:
            x0, y0, x1, y1 = box
            outline = (x0 - 1, y0 - 1, x1 + 1, y1 + 1)
            canvas.rect(outline, outline=self.theme.road, width=3, radius=RADIUS + 1)

    def _single(self, canvas: _Canvas, node: _Node) -> None:
        """A bye (the club, then "bye — seed 1") or a finalist (its title, then the club)."""
        theme = self.theme
        x, y, w, h = node.x, node.y, node.w, node.h
        club = node.rows[0]
        canvas.rect((x, y, x + w, y + h), fill=theme.card, outline=theme.border, radius=RADIUS)
        top = node.row_top(club)
        middle = top + ROW_H / 2
        caption_y = y + PAD + LINE_H / 2 if node.kind == "feeder" else top + ROW_H + LINE_H / 2
        self._winner_row(canvas, x, top, x + w - 1)
        self._marker(canvas, node, club, x + PAD, middle)
        font = _font(NAME_SIZE, True)
        colour = theme.road if club == self.highlight else theme.text
        name_x = x + PAD + MARK_W
        canvas.text(
            (name_x, middle), _fit(self._short(club), font, x + w - PAD - name_x), font, colour
        )
        small = _font(SMALL_SIZE)
        canvas.text(
            (x + PAD, caption_y), _fit(node.caption, small, w - 2 * PAD), small, theme.muted
        )
        self._road_outline(canvas, (x, y, x + w, y + h), club == self.highlight)

    def _trophy(self, canvas: _Canvas) -> None:
        """The champion (or promoted club) in a gold frame, under a drawn cup."""
        theme = self.theme
        x0, y0 = self.trophy_x, self.trophy_y
        x1, y1 = x0 + TROPHY_W, y0 + self.trophy_h
        centre = (x0 + x1) / 2
        fill = _blend(theme.card, theme.gold, 0.08)
        canvas.rect((x0, y0, x1, y1), fill=fill, outline=theme.gold, width=2, radius=RADIUS)
        canvas.cup(centre, y0 + PAD + 6, CUP_H, theme.gold)
        champion = self.result.champion
        font = _font(NAME_SIZE + 2, True)
        colour = theme.road if champion == self.highlight else theme.text
        top = y0 + PAD + 6 + CUP_H + 14
        for index, line in enumerate(self.champion_lines):
            text = _fit(line, font, TROPHY_W - 2 * PAD)
            canvas.text((centre, top + 15 + index * 30), text, font, colour, "mm")
        competition = self.result.competition
        if self.promotion and competition.promotes_to:
            caption = self.tr("picture.promoted_to", division=competition.promotes_to)
        else:
            caption = competition.name
        small = _font(SMALL_SIZE)
        caption = _fit(caption, small, TROPHY_W - 2 * PAD)
        canvas.text((centre, y1 - PAD - LINE_H / 2), caption, small, theme.gold, "mm")
        self._road_outline(canvas, (x0 - 1, y0 - 1, x1 + 1, y1 + 1), champion == self.highlight)

    def _legend(self, canvas: _Canvas) -> None:
        """The marks explained, only those the picture uses."""
        theme = self.theme
        small = _font(SMALL_SIZE)
        x: float = MARGIN
        y = self.legend_y
        items: list[tuple[str, str]] = []
        if any(n.outcome is not None and n.outcome.higher_seed for n in self.nodes):
            items.append(("triangle", self.tr("picture.legend.higher_seed")))
        if self.seeds:
            items.append(("seed", self.tr("picture.legend.seed")))
        items.append(("advanced", self.tr("picture.legend.advanced")))
        for mark, label in items:
            if mark == "triangle":
                canvas.triangle(x, y, theme.muted)
            elif mark == "seed":
                canvas.badge(x, y, self.tr.number(min(self.seeds.values())), theme)
            else:
                canvas.rect((x + 6, y - 11, x + 11, y + 11), fill=theme.win)
            canvas.text((x + MARK_W, y), label, small, theme.muted)
            x += MARK_W + _width(label, small) + 30


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
    if highlight is not None and highlight not in season.clubs_by_id:
        raise ClubNotFound(highlight)
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


def attach_each(reply: Reply, pictures: Sequence[tuple[str, Attachment]]) -> Reply:
    """Several pictures, one small embed each (an embed shows one image), named apart."""
    embeds = list(reply.embeds)
    files = list(reply.files)
    for title, attachment in pictures:
        stem = FILENAME.removesuffix(".png")
        named = replace(attachment, filename=f"{stem}-{len(files) + 1}.png")
        embeds.append(Embed(title=title, image=f"attachment://{named.filename}"))
        files.append(named)
    return replace(reply, embeds=tuple(embeds), files=tuple(files))
