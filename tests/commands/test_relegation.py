"""/relegation through its handler: the table as the source gives it, and one club's place.

Facts checked against the seed's relegation table (ranks 10–15 only) and its infobox
(Zacatepec 1948 relegated, stayed up by buying Cruz Azul Hidalgo's place).
"""

from __future__ import annotations

import re

import pytest

from commands.context import Context
from commands.limits import TABLE_WIDTH
from commands.relegation import relegation
from commands.reply import Reply
from knowledge.errors import ClubNotFound
from tests.helpers import text
from tests.reply_limits import violations

# The seed's table: rank, team, points, games, ratio.
SEED_ROWS = [
    (10, "Dorados de Sinaloa", 106, 84, "1.2619"),
    (11, "Celaya F.C.", 98, 84, "1.1667"),
    (12, "Altamira", 94, 84, "1.1190"),
    (13, "Cruz Azul Hidalgo", 86, 84, "1.0238"),
    (14, "Ballenas Galeana", 28, 28, "1.0000"),
    (15, "Zacatepec 1948", 80, 84, "0.9524"),
]
SHORT_NAMES = ["Dorados", "Celaya", "Altamira", "CA Hidalgo", "Ballenas", "Zacatepec"]


def table_lines(reply: Reply) -> list[str]:
    description = reply.embeds[0].description or ""
    block = description.split("```")[1].removeprefix("text\n")
    return [line for line in block.splitlines() if line]


async def test_table_gives_every_row_of_the_source(ctx: Context) -> None:
    reply = await relegation(ctx)
    assert violations(reply) == []
    assert not reply.ephemeral
    lines = table_lines(reply)
    assert len(lines) == 1 + len(SEED_ROWS)  # header + ranks 10–15
    # The source's team names are too wide for a phone's 34 columns: the clubs' short names.
    for line, (rank, _, points, games, ratio), club in zip(
        lines[1:], SEED_ROWS, SHORT_NAMES, strict=True
    ):
        assert re.match(rf"^{rank} {re.escape(club)} +{points} +{games} +{ratio}", line), line
        assert len(line) <= TABLE_WIDTH


async def test_ratios_are_points_over_games(ctx: Context) -> None:
    for line in table_lines(await relegation(ctx))[1:]:
        points, games, ratio = re.findall(r"(\d+) +(\d+) +(\d\.\d{4})", line)[0]
        assert f"{int(points) / int(games):.4f}" == ratio


async def test_relegated_club_is_marked_with_its_fate(ctx: Context) -> None:
    reply = await relegation(ctx)
    lines = table_lines(reply)
    marked = [line for line in lines if line.rstrip().endswith("↓")]
    assert len(marked) == 1
    assert marked[0].startswith("15 Zacatepec ")
    body = text(reply)
    assert "⬇️" in body
    # The name the table's row gives it, one name in the reply.
    assert "⬇️ **Zacatepec** went down with the lowest ratio, 0.9524" in body.split("```")[0]
    assert "buying Cruz Azul Hidalgo's place" in body


async def test_says_the_source_has_ranks_10_to_15_only(ctx: Context) -> None:
    assert "ranks 10–15 only" in text(await relegation(ctx))


async def test_rule_lists_the_six_tournaments(ctx: Context) -> None:
    reply = await relegation(ctx)
    rule = reply.embeds[0].fields[0]
    assert "lowest ratio" in rule.value
    assert "6 tournaments" in rule.value
    for tournament in (
        "Apertura 2011",
        "Clausura 2012",
        "Apertura 2012",
        "Clausura 2013",
        "Apertura 2013",
        "Clausura 2014",
    ):
        assert tournament in rule.value


async def test_club_row_and_distance_above_the_drop(ctx: Context) -> None:
    reply = await relegation(ctx, "Ballenas Galeana")
    assert violations(reply) == []
    body = text(reply)
    assert reply.embeds[0].title == "Relegation · Ballenas"
    # The table's own spelling, once.
    assert "Listed in the table as Ballenas Galeana." in body
    assert "Rank 14" in body
    assert "28 points in 28 games" in body
    assert "ratio 1.0000" in body
    assert "0.0476** above the drop (Zacatepec, 0.9524)" in body
    assert "↓ relegated · ← Ballenas\n" in body  # the legend names the row as it reads
    chosen = [line for line in table_lines(reply) if line.endswith("←")]
    assert len(chosen) == 1
    assert chosen[0].startswith("14 Ballenas ")


async def test_club_by_the_source_long_name(ctx: Context) -> None:
    reply = await relegation(ctx, "Club de Futbol Ballenas Galeana Morelos")
    assert "0.0476" in text(reply)


async def test_relegated_club_row(ctx: Context) -> None:
    reply = await relegation(ctx, "Zacatepec")
    body = text(reply)
    assert violations(reply) == []
    assert "Listed in the table as Zacatepec 1948" in body
    assert "Rank 15" in body
    assert "80 points in 84 games" in body
    assert "Relegated: the lowest ratio" in body
    assert "Cruz Azul Hidalgo's place" in body
    assert "above the drop" not in body
    assert any(line.endswith("0.9524 ↓ ←") for line in table_lines(reply))


async def test_club_outside_ranks_10_to_15_is_a_normal_reply(ctx: Context) -> None:
    reply = await relegation(ctx, "Necaxa")
    assert not reply.ephemeral
    assert violations(reply) == []
    body = text(reply)
    assert "Necaxa is not in the data's relegation table" in body
    assert "only ranks 10–15" in body
    assert "The relegated club was **Zacatepec**, with a ratio of 0.9524." in body
    assert not any(line.endswith("←") for line in table_lines(reply))


async def test_unknown_club_is_a_typed_error(ctx: Context) -> None:
    with pytest.raises(ClubNotFound):
        await relegation(ctx, "Chivas")


async def test_spanish(ctx_es: Context) -> None:
    reply = await relegation(ctx_es)
    assert violations(reply) == []
    body = text(reply)
    assert "Tabla de descenso" in body
    assert "descendió con el cociente más bajo, 0.9524" in body
    assert "comprar la plaza de Cruz Azul Hidalgo" in body
    assert "lugares 10 a 15" in body
    assert "Apertura 2013 y Clausura 2014" in body
    header = table_lines(reply)[0]
    assert "PJ" in header
    assert "Cociente" in header


async def test_spanish_club(ctx_es: Context) -> None:
    body = text(await relegation(ctx_es, "Ballenas"))
    assert "Lugar 14 · 28 puntos en 28 partidos · cociente 1.0000" in body
    assert "0.0476** por encima del descenso" in body
    assert "no aparece" in text(await relegation(ctx_es, "Rayos"))
