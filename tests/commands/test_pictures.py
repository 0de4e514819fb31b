"""The bracket picture: golden images, every highlight, locales, and the render cache.

Golden images live in `tests/commands/golden/<tournament>.png` (English, nothing highlighted).
After an intended change to the picture, look at the new renders, then regenerate them with

    SEASONBOT_UPDATE_GOLDEN=1 pytest tests/commands/test_pictures.py

and review the PNGs before committing. The comparison allows a little anti-aliasing noise
(another FreeType or zlib build), not a moved box or a changed number: a mean difference under
1.0 per channel and fewer than 0.5% of pixels off by more than 32 in any channel.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from commands import pictures
from commands.i18n import Tr, translator
from commands.reply import Attachment
from knowledge.errors import ClubNotFound, TournamentNotFound
from knowledge.models import Season

GOLDEN = Path(__file__).parent / "golden"
TOURNAMENTS = ("apertura-2013", "clausura-2014", "promotion-2014")
UPDATE = os.environ.get("SEASONBOT_UPDATE_GOLDEN") == "1"


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """Each test starts cold: the cache is process-wide and other tests must not warm it."""
    pictures.clear_cache()
    yield
    pictures.clear_cache()


@pytest.fixture(scope="module")
def en() -> Tr:
    return translator("en")


@pytest.fixture(scope="module")
def es() -> Tr:
    return translator("es-419")


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def difference(actual: Image.Image, expected: Image.Image) -> tuple[float, float]:
    """(mean absolute difference per channel, fraction of pixels off by more than 32)."""
    a, b = actual.convert("RGB"), expected.convert("RGB")
    assert a.size == b.size, f"size {a.size} != golden {b.size}"
    diff = ImageChops.difference(a, b)
    mean = max(ImageStat.Stat(diff).mean)
    red, green, blue = diff.split()
    worst = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    off = sum(worst.point(lambda v: 255 if v > 32 else 0).histogram()[255:])
    return mean, off / (a.width * a.height)


def render(season: Season, tournament: str, tr: Tr, highlight: str | None = None) -> bytes:
    return pictures.render_png(season, tournament, tr, highlight)


# ---------------------------------------------------------------------------------------------
# Golden images


@pytest.mark.parametrize("tournament", TOURNAMENTS)
def test_matches_golden_image(season: Season, en: Tr, tournament: str) -> None:
    data = render(season, tournament, en)
    golden = GOLDEN / f"{tournament}.png"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(data)
    assert golden.exists(), f"no golden image; create it with SEASONBOT_UPDATE_GOLDEN=1: {golden}"
    mean, off = difference(decode(data), decode(golden.read_bytes()))
    assert mean < 1.0, f"{tournament}: mean difference {mean:.3f} per channel"
    assert off < 0.005, f"{tournament}: {off:.2%} of pixels differ by more than 32"


def test_difference_helper_notices_a_change(season: Season, en: Tr) -> None:
    """The tolerance must not swallow a real change (a score, a highlight)."""
    plain = decode(render(season, "apertura-2013", en))
    same = difference(plain, plain)
    assert same == (0.0, 0.0)
    road = decode(render(season, "apertura-2013", en, "necaxa"))
    mean, off = difference(road, plain)
    assert mean >= 1.0 or off >= 0.005


# ---------------------------------------------------------------------------------------------
# Every highlight, every tournament


def test_every_club_highlighted_in_every_tournament_renders(season: Season, en: Tr) -> None:
    """15 clubs x 3 tournaments, plus no highlight: valid PNGs, small, sensibly sized."""
    highlights: list[str | None] = [None, *(club.id for club in season.clubs)]
    assert len(highlights) == 16
    for tournament in TOURNAMENTS:
        for highlight in highlights:
            data = render(season, tournament, en, highlight)
            assert data.startswith(b"\x89PNG\r\n\x1a\n")
            assert len(data) < pictures.MAX_BYTES, (tournament, highlight, len(data))
            image = decode(data)
            assert image.format == "PNG"
            width, height = image.size
            assert width == pictures.WIDTH * pictures.SCALE, (tournament, highlight, image.size)
            # No taller than wide: a desktop's 400x300 then shows it no smaller than a phone
            # shows it 296 px wide, so what reads on the one reads on the other.
            assert 0.5 * width <= height <= width, (tournament, highlight, image.size)


# ---------------------------------------------------------------------------------------------
# Legible as shown: the text's size where Discord shows the picture, not in the file

NAME_PX = 11
"""The smallest a club's name (or its aggregate) may be shown, in pixels (font size)."""
LABEL_PX = 10
"""The smallest any other text may be shown: captions, "Bye", seed digits, the legend."""
LOCALES = ("en", "es-419", "es-ES")


@pytest.mark.parametrize("display", [pictures.PHONE, pictures.DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("tournament", TOURNAMENTS)
def test_text_reads_as_shown(season: Season, tournament: str, display: pictures.Display) -> None:
    """Names at least 11 px and every other text at least 10 px as shown: 296 px wide in an
    embed on a phone, and fitted into 400x300 on a desktop; in every language, with and
    without a road highlighted (a highlight must not shrink anything); and none cut short
    to fit (the longest name is in the subtitle of a club that did not qualify)."""
    for locale in LOCALES:
        for highlight in (None, "tecos", "altamira", "cruz-azul-hidalgo"):
            drawing = pictures.draw(season, tournament, translator(locale), highlight)
            smallest = pictures.smallest_text(drawing, display)
            case = (tournament, locale, highlight, drawing.image.size)
            assert smallest["name"] >= NAME_PX, (*case, smallest)
            assert smallest["label"] >= LABEL_PX, (*case, smallest)
            assert [t.text for t in drawing.texts if "…" in t.text] == [], case


def test_every_text_drawn_is_measured(
    season: Season, en: Tr, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`smallest_text` reads the sizes the texts were drawn with: every text Pillow draws
    is in `Drawing.texts`, with the size of the font it was drawn in, and every club's name
    is measured as a name."""
    from PIL import ImageDraw

    drawn: list[tuple[str, int]] = []
    original = ImageDraw.ImageDraw.text

    def spy(self: ImageDraw.ImageDraw, xy: object, text: str, *args: object, **kw: object) -> None:
        font = kw["font"]
        assert isinstance(font, pictures.Font)
        drawn.append((text, round(font.size)))
        original(self, xy, text, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", spy)
    drawing = pictures.draw(season, "clausura-2014", en, "tecos")
    assert drawn == [(text.text, text.size) for text in drawing.texts]
    names = {text.text for text in drawing.texts if text.role == "name"}
    assert {"UAT", "Oaxaca", "UdeG", "Tecos", "Dorados", "Necaxa", "Delfines"} <= names
    labels = {text.text for text in drawing.texts if text.role == "label"}
    assert {"Quarterfinals", "Bye", "1"} <= labels


def test_the_shown_size_is_the_drawn_size_times_the_clients_scale() -> None:
    """A phone fits the width; a desktop fits 400x300, so a tall picture is shown smaller
    there; neither enlarges a small one."""
    portrait = (1120, 2136)  # the portrait bracket before issue 22
    assert pictures.PHONE.scale(portrait) == pytest.approx(296 / 1120)
    assert pictures.DESKTOP.scale(portrait) == pytest.approx(300 / 2136)
    assert pictures.DESKTOP.scale((888, 600)) == pytest.approx(400 / 888)
    assert pictures.PHONE.scale((200, 100)) == 1.0
    image = Image.new("RGB", portrait)
    drawing = pictures.Drawing(image, (pictures.DrawnText("Tecos", "name", 44),))
    assert pictures.smallest_text(drawing, pictures.PHONE) == {"name": pytest.approx(11.63, 0.01)}
    assert pictures.smallest_text(drawing, pictures.DESKTOP)["name"] == pytest.approx(6.18, 0.01)


def test_the_highlighted_road_changes_the_picture(season: Season, en: Tr) -> None:
    for tournament, club in (("apertura-2013", "necaxa"), ("clausura-2014", "tecos")):
        plain = render(season, tournament, en)
        road = render(season, tournament, en, club)
        assert road != plain
        assert decode(road).size == decode(plain).size, "a highlight must not move the layout"


def test_two_roads_differ(season: Season, en: Tr) -> None:
    assert render(season, "apertura-2013", en, "udeg") != render(
        season, "apertura-2013", en, "necaxa"
    )


def test_a_club_that_did_not_qualify_is_said_so_not_drawn_as_a_road(season: Season, en: Tr) -> None:
    """Altamira played no playoff: the subtitle says so and the bracket is not dimmed."""
    plain = decode(render(season, "apertura-2013", en))
    absent = decode(render(season, "apertura-2013", en, "altamira"))
    assert absent.size == plain.size
    below_title = (0, 200, plain.width, plain.height)
    mean, off = difference(absent.crop(below_title), plain.crop(below_title))
    assert mean < 0.05  # only the palette may shift by a level where the subtitle differs
    assert off < 0.0005  # dimming would change a third of the picture


def test_spanish_labels_render(season: Season, en: Tr, es: Tr) -> None:
    for tournament in TOURNAMENTS:
        assert render(season, tournament, es) != render(season, tournament, en)


def test_same_input_gives_the_same_bytes(season: Season, en: Tr) -> None:
    """Determinism is what keeps the golden images meaningful."""
    first = render(season, "clausura-2014", en, "tecos")
    assert render(season, "clausura-2014", en, "tecos") == first


def test_unknown_ids_are_domain_errors(season: Season, en: Tr) -> None:
    with pytest.raises(TournamentNotFound):
        render(season, "apertura-1999", en)
    with pytest.raises(ClubNotFound):
        render(season, "apertura-2013", en, "chivas")


def test_fonts_ship_with_the_package() -> None:
    """Rendering must never depend on the host's fonts: the files and their licence are ours."""
    from importlib import resources

    folder = resources.files("commands") / "fonts"
    for name in ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf", "LICENSE"):
        assert (folder / name).is_file(), name
    assert "Bitstream" in (folder / "LICENSE").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# The attachment and its cache


def test_attachment_has_a_name_and_alt_text(season: Season, en: Tr, es: Tr) -> None:
    attachment = pictures.bracket_picture(season, "promotion-2014", en, None, "digest-a")
    assert isinstance(attachment, Attachment)
    assert attachment.filename == "bracket.png"
    assert attachment.description is not None
    assert len(attachment.description) <= pictures.ALT_TEXT_LIMIT
    assert "Promoted: U. de G." in attachment.description
    assert "4–3 on penalties after extra time" in attachment.description
    assert ".." not in attachment.description
    spanish = pictures.bracket_picture(season, "apertura-2013", es, "necaxa", "digest-a")
    assert spanish.description is not None
    assert "Campeón: U. de G." in spanish.description
    assert "Necaxa" in spanish.description


def test_second_call_is_served_from_the_cache(season: Season, en: Tr) -> None:
    first = pictures.bracket_picture(season, "apertura-2013", en, "udeg", "digest-a")
    second = pictures.bracket_picture(season, "apertura-2013", en, "udeg", "digest-a")
    # The very same object: nothing was rendered again (benchmarks/pictures.py times it).
    assert second is first
    assert second.data is first.data


def test_a_new_data_digest_misses_the_cache(season: Season, en: Tr) -> None:
    """After a reload the digest differs: an old picture must never be served."""
    before = pictures.bracket_picture(season, "apertura-2013", en, None, "digest-a")
    after = pictures.bracket_picture(season, "apertura-2013", en, None, "digest-b")
    assert after is not before
    assert pictures.cached_picture("apertura-2013", en, None, "digest-a") is before
    assert pictures.cached_picture("apertura-2013", en, None, "digest-b") is after


def test_each_part_of_the_key_counts(season: Season, en: Tr, es: Tr) -> None:
    base = pictures.bracket_picture(season, "apertura-2013", en, None, "d")
    others = [
        pictures.bracket_picture(season, "clausura-2014", en, None, "d"),
        pictures.bracket_picture(season, "apertura-2013", es, None, "d"),
        pictures.bracket_picture(season, "apertura-2013", en, "udeg", "d"),
    ]
    assert all(other is not base and other.data != base.data for other in others)


def test_the_cache_is_bounded(season: Season, en: Tr, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pictures, "CACHE_SIZE", 3)
    digests = [f"digest-{index}" for index in range(pictures.CACHE_SIZE + 3)]
    for digest in digests:
        pictures.bracket_picture(season, "promotion-2014", en, None, digest)
    kept = [pictures.cached_picture("promotion-2014", en, None, d) is not None for d in digests]
    assert kept == [False] * 3 + [True] * pictures.CACHE_SIZE, "the oldest go first"
    assert pictures.cached_picture("promotion-2014", en, None, "digest-0") is None
    last = f"digest-{pictures.CACHE_SIZE + 2}"
    assert pictures.cached_picture("promotion-2014", en, None, last) is not None


async def test_async_render_uses_the_cache(season: Season, en: Tr) -> None:
    first = await pictures.bracket_picture_async(season, "clausura-2014", en, "uat", "d")
    second = await pictures.bracket_picture_async(season, "clausura-2014", en, "uat", "d")
    assert second is first
    assert first.data.startswith(b"\x89PNG")
