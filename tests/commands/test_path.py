"""/path through its handler: each club's real road through the 2013–14 playoffs."""

from __future__ import annotations

import pytest

from commands.context import Context
from commands.path import path
from commands.reply import Embed, Reply
from knowledge.errors import ClubNotFound, TournamentNotFound
from tests.reply_limits import violations


def text_embed(reply: Reply) -> Embed:
    """The text embed; any others only show a tournament's bracket picture."""
    assert all(embed.image and not embed.fields for embed in reply.embeds[1:])
    return reply.embeds[0]


def blocks(embed: Embed) -> dict[str, list[str]]:
    """The description's blocks by their first line (tournament and how it ended)."""
    assert embed.description is not None
    found = {}
    for block in embed.description.split("\n\n")[1:]:  # after the lead
        head, *rest = block.splitlines()
        found[head] = rest
    return found


async def test_tecos_road(ctx: Context) -> None:
    embed = text_embed(await path(ctx, "Tecos"))
    assert embed.title == "Estudiantes Tecos · road through the playoffs"
    assert blocks(embed) == {
        "**Apertura 2013** · did not qualify": [],
        "**Clausura 2014** · 🏆 champions": [
            "✅ Quarterfinals v Dorados: won, 2–2 on aggregate, away goals level (1–1), "
            "decided by the higher seed",
            "✅ Semifinals v Necaxa: won, 0–0 on aggregate, away goals level (0–0), "
            "decided by the higher seed",
            "✅ Final v UAT: won, 1–1 on aggregate, 4–3 on penalties",
        ],
        "**Campeón de Ascenso 2014** · runner-up": [
            "❌ Final v UdeG: out, 1–1 on aggregate, 4–3 on penalties after extra time",
        ],
    }


async def test_tecos_ties_in_full(ctx: Context) -> None:
    embed = text_embed(await path(ctx, "Estudiantes Tecos"))
    names = [f.name for f in embed.fields]
    assert names == [
        "Clausura 2014 · Quarterfinals · v Dorados",
        "Clausura 2014 · Semifinals · v Necaxa",
        "Clausura 2014 · Final · v UAT",
        "Campeón de Ascenso 2014 · Final · v UdeG",
    ]
    semifinal = embed.fields[1].value
    assert "Leg 1 · 23 Apr 2014 · **Necaxa 0–0 Tecos**" in semifinal
    assert "Leg 2 · 26 Apr 2014 · **Tecos 0–0 Necaxa**" in semifinal
    promotion = embed.fields[3].value
    assert "UdeG: Alatorre 83' · Tecos: Bueno 57'" in promotion
    assert "UdeG won the tie: 1–1 on aggregate, 4–3 on penalties after extra time" in promotion


async def test_necaxa_apertura_runner_up(ctx: Context) -> None:
    embed = text_embed(await path(ctx, "Necaxa", "Apertura"))
    assert blocks(embed) == {
        "**Apertura 2013** · runner-up": [
            "✅ Quarterfinals v San Luis: won, 4–0 on aggregate",
            "✅ Semifinals v Delfines: won, 7–0 on aggregate",
            "❌ Final v UdeG: out, 2–1 on aggregate",
        ]
    }
    assert len(embed.fields) == 3
    assert "V.\u00a0Lojero 6', 49'" in embed.fields[0].value
    assert "Leg 1 · 20 Nov 2013 · **Delfines 0–4 Necaxa**" in embed.fields[1].value
    assert all("Clausura" not in f.name for f in embed.fields)


async def test_necaxa_whole_season(ctx: Context) -> None:
    found = blocks(text_embed(await path(ctx, "Rayos")))
    assert "**Clausura 2014** · out in the semifinals" in found
    assert found["**Clausura 2014** · out in the semifinals"] == [
        "✅ Quarterfinals v Delfines: won, 6–3 on aggregate",
        "❌ Semifinals v Tecos: out, 0–0 on aggregate, away goals level (0–0), decided by the "
        "higher seed",
    ]
    assert "**Campeón de Ascenso 2014** · did not qualify" in found


async def test_altamira_did_not_qualify_anywhere(ctx: Context) -> None:
    reply = await path(ctx, "Altamira")
    embed = text_embed(reply)
    assert embed.description is not None
    assert embed.description.count("did not qualify") == 3
    assert "Altamira reached no playoff this season" in embed.description
    assert embed.fields == ()
    assert violations(reply) == []


async def test_oaxaca_bye_then_out_in_the_semifinals(ctx: Context) -> None:
    found = blocks(text_embed(await path(ctx, "Alebrijes", "Apertura")))
    assert found == {
        "**Apertura 2013** · out in the semifinals": [
            "⏭️ Bye: skipped the quarterfinals as seed 1",
            "❌ Semifinals v UdeG: out, 3–2 on aggregate",
        ]
    }


async def test_udeg_promoted(ctx: Context) -> None:
    embed = text_embed(await path(ctx, "Leones Negros", "Promotion"))
    assert embed.title == "U.\u00a0de\u00a0G. · road through the playoffs"
    assert blocks(embed) == {
        "**Campeón de Ascenso 2014** · ⬆️ promoted to Liga MX": [
            "✅ Final v Tecos: won, 1–1 on aggregate, 4–3 on penalties after extra time"
        ]
    }


@pytest.mark.parametrize(
    "club", ["Tecos", "Necaxa", "UdeG", "Oaxaca", "UAT", "Delfines", "Altamira", "Zacatepec"]
)
@pytest.mark.parametrize("language", ["en", "es"])
async def test_every_path_fits_discord(
    ctx: Context, ctx_es: Context, club: str, language: str
) -> None:
    assert violations(await path(ctx if language == "en" else ctx_es, club)) == []


async def test_unknown_club_is_a_typed_error(ctx: Context) -> None:
    with pytest.raises(ClubNotFound):
        await path(ctx, "Chivas")


async def test_unknown_tournament_is_a_typed_error(ctx: Context) -> None:
    with pytest.raises(TournamentNotFound):
        await path(ctx, "Necaxa", "Copa Libertadores")


async def test_spanish_path(ctx_es: Context) -> None:
    embed = text_embed(await path(ctx_es, "Tecos"))
    assert embed.title == "Estudiantes Tecos · su camino en la liguilla"
    found = blocks(embed)
    assert "**Apertura 2013** · no calificó" in found
    assert found["**Clausura 2014** · 🏆 campeón"][0] == (
        "✅ Cuartos de final vs. Dorados: ganó, 2–2 en el global, goles de visitante "
        "igualados (1–1), definida por mejor posición en la tabla"
    )
    assert found["**Campeón de Ascenso 2014** · subcampeón"] == [
        "❌ Final vs. UdeG: eliminado, 1–1 en el global, 4–3 en penales tras el tiempo extra"
    ]
    assert "Ida · 16 abr 2014 · **Dorados 1–1 Tecos**" in embed.fields[0].value


async def test_one_tournament_missed_is_not_a_season_missed(ctx: Context) -> None:
    """Tecos missed the Apertura's liguilla but won the Clausura: say only the first."""
    embed = text_embed(await path(ctx, "Tecos", "Apertura"))
    assert blocks(embed) == {"**Apertura 2013** · did not qualify": []}
    assert "reached no playoff" not in (embed.description or "")
    assert embed.fields == ()
