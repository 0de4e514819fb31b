"""/result through its handler: every meeting of two clubs and how each tie was decided.

Facts from the seed: the Apertura final (UdeG 1-0 Necaxa on 27 November 2013, Necaxa 1-1 UdeG
on 30 November), the Clausura quarterfinal Dorados–Tecos (1-1, 1-1), the promotion final
(0-0, 1-1; UdeG 4–3 on penalties after extra time, from press reports of 10 May 2014).
"""

from __future__ import annotations

import pytest

from commands.context import Context
from commands.result import result
from knowledge.errors import ClubNotFound, SameClubTwice, TournamentNotFound
from tests.helpers import text
from tests.reply_limits import violations


async def test_apertura_final(ctx: Context) -> None:
    reply = await result(ctx, "Necaxa", "UdeG")
    assert violations(reply) == []
    assert not reply.ephemeral
    body = text(reply)
    assert "2 meetings" in body
    first = body.index("27 Nov 2013 · **UdeG 1–0 Necaxa**")
    second = body.index("30 Nov 2013 · **Necaxa 1–1 UdeG**")
    assert first < second
    # Each scorer held to the minute (a no-break space), as a phone must not split them.
    assert "⚽ UdeG: J.\u00a0Gutiérrez\u00a055'" in body
    assert "⚽ Necaxa: J.\u00a0Goncalves\u00a086' · UdeG: J.\u00a0Gutiérrez\u00a056'" in body
    assert "**UdeG won the tie: 2–1 on aggregate**" in body
    assert "UdeG won the Apertura 2013" in body
    fields = reply.embeds[0].fields
    assert [field.name for field in fields] == ["Apertura 2013 · Final"]


async def test_order_of_clubs_does_not_matter_to_the_facts(ctx: Context) -> None:
    forward = await result(ctx, "Necaxa", "UdeG")
    backward = await result(ctx, "Leones Negros", "Rayos")
    assert forward.embeds[0].fields == backward.embeds[0].fields


async def test_level_tie_goes_to_the_higher_seed(ctx: Context) -> None:
    body = text(await result(ctx, "Tecos", "Dorados"))
    assert "16 Apr 2014 · **Dorados 1–1 Tecos**" in body
    assert "19 Apr 2014 · **Tecos 1–1 Dorados**" in body
    assert (
        "Tecos won the tie: 2–2 on aggregate, away goals level (1–1), decided by the higher "
        "seed" in body
    )
    assert "Tecos went through to the semifinals" in body


async def test_promotion_final_on_penalties_with_its_source(ctx: Context) -> None:
    reply = await result(ctx, "Estudiantes Tecos", "U.\u00a0de\u00a0G.")
    assert violations(reply) == []
    body = text(reply)
    assert "7 May 2014 · **Tecos 0–0 UdeG**" in body
    assert "10 May 2014 · **UdeG 1–1 Tecos**" in body
    assert "UdeG: Alatorre\u00a083' · Tecos: Bueno\u00a057'" in body
    assert "UdeG won the tie: 1–1 on aggregate, 4–3 on penalties after extra time" in body
    assert "Source: Press reports of 10 May 2014" in body
    assert "UdeG won promotion to Liga MX" in body


async def test_clausura_final_shows_what_the_rules_alone_gave(ctx: Context) -> None:
    body = text(await result(ctx, "Tecos", "UAT"))
    assert "Tecos won the tie: 1–1 on aggregate, 4–3 on penalties" in body
    assert "stated rules alone would have sent Tecos through on away goals" in body
    assert "Tecos won the Clausura 2014" in body


async def test_clubs_that_never_met_is_a_normal_reply(ctx: Context) -> None:
    reply = await result(ctx, "Altamira", "Necaxa")
    assert not reply.ephemeral
    assert violations(reply) == []
    body = text(reply)
    assert "Altamira and Necaxa did not meet in the playoffs" in body
    assert "not the regular season" in body


async def test_tournament_filter(ctx: Context) -> None:
    everything = text(await result(ctx, "Necaxa", "Delfines"))
    assert "4 meetings" in everything
    assert "Apertura 2013 · Semifinals" in everything

    reply = await result(ctx, "Necaxa", "Delfines", tournament="Clausura")
    assert violations(reply) == []
    body = text(reply)
    assert (
        "Necaxa beat Delfines 6–3 on aggregate in the Clausura 2014 quarterfinals (2 meetings)"
        in body
    )
    assert [field.name for field in reply.embeds[0].fields] == ["Clausura 2014 · Quarterfinals"]
    assert "Apertura" not in body
    assert "**Necaxa won the tie: 6–3 on aggregate**" in body
    assert "J.\u00a0Goncalves (minute not recorded)" in body


async def test_tournament_where_they_did_not_meet(ctx: Context) -> None:
    body = text(await result(ctx, "Necaxa", "UdeG", tournament="Clausura"))
    assert "did not meet in the playoffs (Clausura 2014)" in body


async def test_errors_are_typed(ctx: Context) -> None:
    with pytest.raises(ClubNotFound):
        await result(ctx, "Necaxa", "Chivas")
    with pytest.raises(SameClubTwice):
        await result(ctx, "UdeG", "Leones Negros")
    with pytest.raises(TournamentNotFound):
        await result(ctx, "Necaxa", "UdeG", tournament="Copa MX")


async def test_spanish(ctx_es: Context) -> None:
    reply = await result(ctx_es, "Necaxa", "UdeG")
    assert violations(reply) == []
    body = text(reply)
    assert "Ida · 27 de noviembre de 2013 · **UdeG 1–0 Necaxa**" in body
    assert "Vuelta · 30 de noviembre de 2013 · **Necaxa 1–1 UdeG**" in body
    assert "UdeG ganó la serie: 2–1 en el global" in body
    assert "ganó el Apertura 2013" in body
    tecos = text(await result(ctx_es, "Tecos", "Dorados"))
    assert "2–2 en el global" in tecos
    assert (
        "Tecos ganó la serie: 2–2 en el global, goles de visitante igualados (1–1), definida "
        "por mejor posición en la tabla" in tecos
    )
