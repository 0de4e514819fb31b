"""/club through its handler: names, ground, changes, playoff record and relegation row.

Records are worked out from the seed's match list by hand (e.g. UdeG: 5-0, 0-2, 1-0, 2-2,
1-0, 1-1 in the Apertura; 1-3, 1-0 in the Clausura; 0-0, 1-1 in the promotion final).
"""

from __future__ import annotations

import pytest

from commands import text as fmt
from commands.club import club
from commands.context import Context
from knowledge.errors import ClubNotFound
from tests.helpers import field, text
from tests.reply_limits import violations


async def test_zacatepec_changes_ground_and_relegation(ctx: Context) -> None:
    reply = await club(ctx, "Zacatepec 1948")
    assert violations(reply) == []
    assert reply.embeds[0].title == "Zacatepec"
    description = reply.embeds[0].description or ""
    # The key fact first: relegated, but stayed up.
    assert description.startswith("⬇️ Relegated")
    assert "buying Cruz Azul Hidalgo's place" in description
    assert "Estadio Centenario (capacity 14,800) · Cuernavaca" in description
    assert field(reply.embeds[0], "This season's changes") == (
        "• **Irapuato FC**: rebranded Zacatepec, moved to Zacatepec de Hidalgo, Morelos"
    )
    names = field(reply.embeds[0], "Names")
    assert "Zacatepec 1948" in names
    assert "Cañeros" in names
    playoffs = field(reply.embeds[0], "Playoffs")
    assert "No playoff matches this season." in playoffs
    assert "Apertura 2013**: did not qualify" in playoffs
    relegation = field(reply.embeds[0], "Relegation table")
    assert "Rank 15 · 80 points in 84 games · ratio 0.9524" in relegation


async def test_zacatepec_moved_to_one_town_and_plays_in_another(ctx: Context) -> None:
    """The seed moves the club to Zacatepec de Hidalgo but lists its ground in Cuernavaca:
    the card says both, with a note, and no other club gets one."""
    description = (await club(ctx, "Zacatepec")).embeds[0].description or ""
    assert "moving to Zacatepec de Hidalgo, Morelos" in description
    assert "puts the ground in Cuernavaca" in description
    for other in ("Oaxaca", "Delfines", "San Luis", "UdeG"):
        assert "ℹ️" not in ((await club(ctx, other)).embeds[0].description or "")


async def test_cruz_azul_hidalgo_tells_whose_place_was_bought(
    ctx: Context, ctx_es: Context
) -> None:
    """The other side of Zacatepec's story: its place was the one bought."""
    description = (await club(ctx, "Cruz Azul Hidalgo")).embeds[0].description or ""
    assert description.splitlines()[0] == (
        "🔄 Zacatepec finished last in the relegation table and stayed in the league by "
        "buying this club's place."
    )
    spanish = (await club(ctx_es, "Cruz Azul Hidalgo")).embeds[0].description or ""
    assert "Zacatepec terminó último en la tabla de descenso" in spanish


async def test_oaxaca_city_in_the_readers_language(ctx: Context, ctx_es: Context) -> None:
    assert "· Oaxaca City" in ((await club(ctx, "Oaxaca")).embeds[0].description or "")
    assert "· Ciudad de Oaxaca" in ((await club(ctx_es, "Oaxaca")).embeds[0].description or "")


async def test_oaxaca_promoted_rebranded_and_moved(ctx: Context) -> None:
    reply = await club(ctx, "Alebrijes")
    assert violations(reply) == []
    assert field(reply.embeds[0], "This season's changes") == (
        "⬆️ **Tecamachalco**: promoted from Segunda División de México, rebranded "
        "Alebrijes de Oaxaca, moved to Oaxaca, Oaxaca"
    )
    playoffs = field(reply.embeds[0], "Playoffs")
    # Apertura: bye, SF 0-1 and 2-2 v UdeG. Clausura: QF 3-1, 0-1 v UdeG; SF 2-0, 0-2 v UAT.
    assert "6 playoff matches: 2 won, 1 drawn, 3 lost · goals 7–7" in playoffs
    assert "out in the semifinals against UdeG (skipped the quarterfinals as seed 1)" in playoffs
    assert "Clausura 2014**: out in the semifinals against UAT" in playoffs
    assert "not in the data's relegation table" in field(reply.embeds[0], "Relegation table")


async def test_udeg_titles_and_record(ctx: Context) -> None:
    reply = await club(ctx, "Leones Negros")
    assert violations(reply) == []
    # Titled with the name fans use; the full name is said once, under Names.
    assert reply.embeds[0].title == "UdeG"
    description = reply.embeds[0].description or ""
    assert description.splitlines()[0] == "🏆 Champion of the Apertura 2013"
    assert "⬆️ Promoted to Liga MX" in description
    assert "Estadio Jalisco (capacity 55,020) · Guadalajara" in description
    names = field(reply.embeds[0], "Names")
    assert "Full name: U.\u00a0de\u00a0G." in names
    assert "U.\u00a0de\u00a0G., U.\u00a0de\u00a0G, UdeG" in names
    playoffs = field(reply.embeds[0], "Playoffs")
    assert "10 playoff matches: 4 won, 4 drawn, 2 lost · goals 13–9" in playoffs
    assert "Apertura 2013**: 🏆 champion" in playoffs
    assert "Clausura 2014**: out in the quarterfinals against Oaxaca" in playoffs
    assert "promoted to Liga MX" in playoffs
    assert "source lists no change" in field(reply.embeds[0], "This season's changes")
    assert "only ranks 10–15" in field(reply.embeds[0], "Relegation table")


async def test_necaxa_runner_up(ctx: Context) -> None:
    playoffs = field((await club(ctx, "Rayos")).embeds[0], "Playoffs")
    assert "10 playoff matches: 5 won, 4 drawn, 1 lost · goals 18–5" in playoffs
    assert "Apertura 2013**: runner-up, lost the final to UdeG" in playoffs
    assert "Clausura 2014**: out in the semifinals against Tecos" in playoffs
    assert "Campeón de Ascenso 2014**: did not take part" in playoffs


async def test_tecos_drew_every_playoff_match(ctx: Context) -> None:
    reply = await club(ctx, "Tecos")
    assert "🏆 Champion of the Clausura 2014" in (reply.embeds[0].description or "")
    playoffs = field(reply.embeds[0], "Playoffs")
    assert "8 playoff matches: 0 won, 8 drawn, 0 lost · goals 4–4" in playoffs
    assert "Campeón de Ascenso 2014**: runner-up, lost the final to UdeG" in playoffs


async def test_club_in_the_relegation_table_shows_its_distance(ctx: Context) -> None:
    relegation = field((await club(ctx, "Altamira")).embeds[0], "Relegation table")
    assert "Rank 12 · 94 points in 84 games · ratio 1.1190" in relegation
    # 94/84 - 80/84 = 1/6, which is 0.1667; the printed ratios' difference would be 0.1666.
    assert "0.1667** above the drop (Zacatepec, 0.9524)" in relegation


async def test_ballenas_promoted_from_the_segunda(ctx: Context) -> None:
    reply = await club(ctx, "Ballenas")
    assert field(reply.embeds[0], "This season's changes") == (
        "⬆️ **Club de Futbol Ballenas Galeana Morelos**: promoted from Segunda División de México"
    )
    assert "0.0476" in field(reply.embeds[0], "Relegation table")


async def test_every_club_fits_discord(ctx: Context, ctx_es: Context) -> None:
    for entry in ctx.knowledge.clubs.entries:
        for context in (ctx, ctx_es):
            reply = await club(context, entry.name)
            assert violations(reply) == [], entry.name
            club_ = ctx.season.club(entry.key)
            assert fmt.unbroken(club_.said_name) == reply.embeds[0].title
            names = field(reply.embeds[0], "Names" if context is ctx else "Nombres")
            assert club_.name == club_.said_name or fmt.unbroken(club_.name) in names


async def test_unknown_and_former_names_are_typed_errors(ctx: Context) -> None:
    with pytest.raises(ClubNotFound):
        await club(ctx, "Real Madrid")
    with pytest.raises(ClubNotFound) as former:
        await club(ctx, "Irapuato FC")
    assert former.value.reason == "former_name"


async def test_spanish(ctx_es: Context) -> None:
    reply = await club(ctx_es, "Oaxaca")
    assert violations(reply) == []
    body = text(reply)
    assert "Estadio Benito Juárez (aforo 10,250)" in body
    assert "**Tecamachalco**: ascendió desde la Segunda División de México" in body
    assert "cambió su nombre a Alebrijes de Oaxaca, se mudó a Oaxaca, Oaxaca" in body
    assert "6 partidos de liguilla: 2 ganados, 1 empatado, 3 perdidos · goles 7–7" in body
    assert "eliminado en las semifinales por UdeG" in body
    assert "no aparece en la tabla de descenso" in body
    zacatepec = text(await club(ctx_es, "Cañeros"))
    assert "Descendió" in zacatepec
    assert "Lugar 15 · 80 puntos en 84 partidos · cociente 0.9524" in zacatepec
