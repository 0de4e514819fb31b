"""/path through its handler: each club's real road through the 2013–14 playoffs."""

from __future__ import annotations

import pytest

from commands.context import Context
from commands.path import path
from commands.reply import Embed, Reply
from knowledge.errors import ClubNotFound, TournamentNotFound
from tests.helpers import buttons, only_embed
from tests.reply_limits import violations


def text_embed(reply: Reply) -> Embed:
    """The reply's one embed, as a fan reads it (a tournament's picture is its image)."""
    return only_embed(reply)


def lead(embed: Embed) -> str:
    """The first line: how far the club went."""
    return (embed.description or "").splitlines()[0]


def blocks(embed: Embed) -> dict[str, list[str]]:
    """The description's blocks by their first line (tournament and how it ended): one per
    tournament the club played, after the lead."""
    assert embed.description is not None
    found = {}
    for block in embed.description.split("\n\n")[1:]:  # after the lead
        head, *rest = block.splitlines()
        found[head] = rest
    return found


def rounds(embed: Embed) -> list[str]:
    """One tournament's road: the lines under the lead, which has said how it ended."""
    assert embed.description is not None and "\n\n" not in embed.description
    return embed.description.splitlines()[1:]


async def test_tecos_road(ctx: Context) -> None:
    embed = text_embed(await path(ctx, "Tecos"))
    assert embed.title == "Tecos · road through the playoffs"
    # The title first, and every round from Tecos's side: the shoot-out lost is 3–4.
    assert lead(embed) == (
        "Tecos won the Clausura 2014, lost the Campeón de Ascenso 2014 final, "
        "and did not qualify for the Apertura 2013."
    )
    assert blocks(embed) == {
        "**Clausura 2014** · 🏆 champions": [
            "✅ Quarterfinals v Dorados: 2–2 on aggregate, 1–1 away, through as the higher seed",
            "✅ Semifinals v Necaxa: 0–0 on aggregate, 0–0 away, through as the higher seed",
            "✅ Final v UAT: 1–1 on aggregate, won 4–3 on penalties",
        ],
        "**Campeón de Ascenso 2014** · runner-up": [
            "❌ Final v UdeG: runner-up, 1–1 on aggregate, lost 3–4 on penalties after extra time",
        ],
    }
    assert embed.fields == ()
    assert buttons(await path(ctx, "Tecos"))[-1].label == "Legs and scorers"


async def test_tecos_ties_in_full(ctx: Context) -> None:
    """One tap away: each round's legs and scorers, the round's line its heading."""
    embed = text_embed(await path(ctx, "Estudiantes Tecos", legs=True))
    names = [f.name for f in embed.fields]
    assert names == [
        "Clausura 2014 · ✅ Quarterfinals v Dorados: 2–2 on aggregate, 1–1 away, "
        "through as the higher seed",
        "Clausura 2014 · ✅ Semifinals v Necaxa: 0–0 on aggregate, 0–0 away, "
        "through as the higher seed",
        "Clausura 2014 · ✅ Final v UAT: 1–1 on aggregate, won 4–3 on penalties",
        "Campeón de Ascenso 2014 · ❌ Final v UdeG: runner-up, 1–1 on aggregate, "
        "lost 3–4 on penalties after extra time",
    ]
    semifinal = embed.fields[1].value
    assert "Leg 1 · 23 Apr 2014 · **Necaxa 0–0 Tecos**" in semifinal
    assert "Leg 2 · 26 Apr 2014 · **Tecos 0–0 Necaxa**" in semifinal
    promotion = embed.fields[3].value
    assert "Leg 2 · 10 May 2014 · **UdeG 1–1 Tecos**" in promotion
    assert "UdeG: Alatorre\u00a083' · Tecos: Bueno\u00a057'" in promotion
    assert "home side first" in (embed.footer or "")


async def test_necaxa_apertura_runner_up(ctx: Context) -> None:
    reply = await path(ctx, "Necaxa", "Apertura")
    embed = text_embed(reply)
    assert lead(embed) == "Necaxa lost the Apertura 2013 final."
    assert rounds(embed) == [
        "✅ Quarterfinals v San Luis: won 4–0 on aggregate",
        "✅ Semifinals v Delfines: won 7–0 on aggregate",
        "❌ Final v UdeG: runner-up, lost 1–2 on aggregate",
    ]
    assert embed.image == "attachment://bracket.png"
    legs = text_embed(await path(ctx, "Necaxa", "Apertura", legs=True))
    assert len(legs.fields) == 3
    assert "V.\u00a0Lojero\u00a06', 49'" in legs.fields[0].value
    assert "Leg 1 · 20 Nov 2013 · **Delfines 0–4 Necaxa**" in legs.fields[1].value
    assert all("Clausura" not in f.name for f in legs.fields)


async def test_necaxa_whole_season(ctx: Context) -> None:
    embed = text_embed(await path(ctx, "Rayos"))
    found = blocks(embed)
    assert found["**Clausura 2014** · out in the semifinals"] == [
        "✅ Quarterfinals v Delfines: won 6–3 on aggregate",
        "❌ Semifinals v Tecos: 0–0 on aggregate, 0–0 away, out as the lower seed",
    ]
    assert list(found) == [
        "**Apertura 2013** · runner-up",
        "**Clausura 2014** · out in the semifinals",
    ]
    assert lead(embed).endswith("and did not qualify for the Campeón de Ascenso 2014.")


async def test_altamira_did_not_qualify_anywhere(ctx: Context) -> None:
    reply = await path(ctx, "Altamira")
    embed = text_embed(reply)
    assert embed.description is not None
    assert embed.description.startswith("Altamira reached no playoff this season")
    assert blocks(embed) == {}
    assert embed.fields == ()
    assert buttons(reply) == []  # no legs to show
    assert violations(reply) == []


async def test_oaxaca_bye_then_out_in_the_semifinals(ctx: Context) -> None:
    embed = text_embed(await path(ctx, "Alebrijes", "Apertura"))
    assert lead(embed) == "Oaxaca went out in the semifinals of the Apertura 2013."
    assert rounds(embed) == [
        "⏭️ Bye: skipped the quarterfinals as seed 1",
        "❌ Semifinals v UdeG: lost 2–3 on aggregate",
    ]


async def test_udeg_promoted(ctx: Context) -> None:
    embed = text_embed(await path(ctx, "Leones Negros", "Promotion"))
    assert embed.title == "UdeG · road through the playoffs"
    assert lead(embed) == "UdeG won promotion to Liga MX in the Campeón de Ascenso 2014."
    assert rounds(embed) == [
        "✅ Final v Tecos: 1–1 on aggregate, won 4–3 on penalties after extra time"
    ]


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
    assert embed.title == "Tecos · su camino en la liguilla"
    assert lead(embed).endswith("y no calificó al Apertura 2013.")
    found = blocks(embed)
    assert found["**Clausura 2014** · 🏆 campeón"][0] == (
        "✅ Cuartos de final vs. Dorados: 2–2 en el global y 1–1 de visitante; pasó por la tabla"
    )
    assert found["**Campeón de Ascenso 2014** · subcampeón"] == [
        "❌ Final vs. UdeG: subcampeón, 1–1 en el global, perdió 3–4 en penales tras el "
        "tiempo extra"
    ]
    legs = text_embed(await path(ctx_es, "Tecos", legs=True))
    assert "Ida · 16 de abril de 2014 · **Dorados 1–1 Tecos**" in legs.fields[0].value


async def test_one_tournament_missed_is_not_a_season_missed(ctx: Context) -> None:
    """Tecos missed the Apertura's liguilla but won the Clausura: say only the first."""
    reply = await path(ctx, "Tecos", "Apertura")
    embed = text_embed(reply)
    assert embed.description == "Tecos did not qualify for the Apertura 2013."
    assert embed.fields == ()
    assert [b.label for b in buttons(reply)] == []  # no legs to show
