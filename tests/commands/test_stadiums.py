"""/stadiums through its handler: the seed's table of stadia, largest capacity first."""

from __future__ import annotations

import re

from commands.context import Context
from commands.i18n import translator
from commands.reply import Reply
from commands.stadiums import stadiums
from knowledge.store import KnowledgeStore
from tests.helpers import only_embed
from tests.reply_limits import violations

# The seed's "Stadia and locations" table: stadium -> (capacity, city, club).
SEED = {
    "Estadio Altamira": (9581, "Altamira", "Altamira"),
    "Estadio Alfonso Lastras": (25111, "San Luis Potosí", "Atlético San Luis"),
    "Estadio Mariano Matamoros": (16000, "Xochitepec", "Ballenas Galeana"),
    "Estadio Olímpico de C.U.": (19283, "Puebla", "BUAP"),
    "Estadio Miguel Alemán": (23182, "Celaya", "Celaya"),
    "Estadio 10 de Diciembre": (14500, "Ciudad Cooperativa Cruz Azul", "Cruz Azul Hidalgo"),
    "Unidad Deportiva Campus II de la UAC": (8985, "Ciudad del Carmen", "Delfines"),
    "Estadio Tres de Marzo": (18779, "Zapopan, Jalisco", "Estudiantes Tecos"),
    "Estadio Carlos Iturralde": (15087, "Mérida", "Mérida"),
    "Estadio Victoria": (23851, "Aguascalientes", "Necaxa"),
    "Estadio Benito Juárez": (10250, "Oaxaca City", "Oaxaca"),
    "Estadio Banorte": (17898, "Culiacán", "Sinaloa"),
    "Estadio Jalisco": (55020, "Guadalajara", "U.\u00a0de\u00a0G."),
    "Estadio Marte R.\u00a0Gómez": (10520, "Ciudad Victoria", "UAT"),
    "Estadio Centenario": (14800, "Cuernavaca", "Zacatepec"),
}
LINE = re.compile(r"^\*\*(\d+)\. (.+)\*\* — ([\d,.]+)$")


def entries(reply: Reply) -> list[tuple[int, str, str, str]]:
    """(rank, stadium, capacity as shown, the club · city line) per ground."""
    lines = (reply.embeds[0].description or "").splitlines()
    found = []
    for first, second in zip(lines[::2], lines[1::2], strict=True):
        match = LINE.match(first)
        assert match, first
        found.append((int(match[1]), match[2], match[3], second.strip()))
    return found


async def test_all_fifteen_largest_first(ctx: Context) -> None:
    reply = await stadiums(ctx)
    assert violations(reply) == []
    shown = entries(reply)
    assert [rank for rank, *_ in shown] == list(range(1, 16))
    assert {stadium for _, stadium, _, _ in shown} == set(SEED)
    capacities = [int(capacity.replace(",", "")) for _, _, capacity, _ in shown]
    assert capacities == sorted((seed[0] for seed in SEED.values()), reverse=True)


async def test_each_ground_with_its_club_and_city(ctx: Context) -> None:
    for _, stadium, capacity, second in entries(await stadiums(ctx)):
        seats, city, club = SEED[stadium]
        assert capacity == f"{seats:,}"
        assert second == f"{club} · {city}"


async def test_first_and_last(ctx: Context) -> None:
    shown = entries(await stadiums(ctx))
    assert shown[0][1:] == ("Estadio Jalisco", "55,020", "U.\u00a0de\u00a0G. · Guadalajara")
    assert shown[-1][1:] == (
        "Unidad Deportiva Campus II de la UAC",
        "8,985",
        "Delfines · Ciudad del Carmen",
    )


async def test_footer_counts_the_stadiums(ctx: Context) -> None:
    """The word the command uses (/stadiums), in the title and the footer."""
    embed = only_embed(await stadiums(ctx))
    assert embed.title == "🏟️ Stadiums · 2013–14 Ascenso MX"
    assert "15 stadiums, largest first" in (embed.footer or "")


async def test_spanish(ctx_es: Context, store: KnowledgeStore) -> None:
    reply = await stadiums(ctx_es)
    assert violations(reply) == []
    embed = reply.embeds[0]
    assert "Estadios" in (embed.title or "")
    assert "15 estadios, del mayor al menor aforo" in (embed.footer or "")
    assert entries(reply)[0][2] == "55,020"  # Mexico groups thousands with a comma
    spain = await stadiums(Context(store.current, translator("es-ES")))
    assert entries(spain)[0][2] == "55.020"


async def test_a_city_with_a_spanish_name_is_shown_in_spanish(
    ctx: Context, ctx_es: Context
) -> None:
    """The data gives Oaxaca City's Spanish form; every other city is one name in both."""
    english = {row[1]: row[3] for row in entries(await stadiums(ctx))}
    spanish = {row[1]: row[3] for row in entries(await stadiums(ctx_es))}
    assert english["Estadio Benito Juárez"] == "Oaxaca · Oaxaca City"
    assert spanish["Estadio Benito Juárez"] == "Oaxaca · Ciudad de Oaxaca"
    assert {k: v for k, v in english.items() if k != "Estadio Benito Juárez"} == {
        k: v for k, v in spanish.items() if k != "Estadio Benito Juárez"
    }
