"""/bracket through its handler: the real season's liguillas, as a fan reads them."""

from __future__ import annotations

import re

import pytest

from commands.bracket import bracket
from commands.context import Context
from commands.reply import Embed
from commands.result import result
from knowledge.errors import TournamentNotFound
from tests.helpers import field, only_embed
from tests.reply_limits import violations


async def legs(ctx: Context, tournament: str, tie: str) -> str:
    """A tie's legs, scorers and decision, where /bracket sends a fan for them: /result for
    its two clubs in that tournament. `tie` as /bracket used to head it: `Final · UdeG v
    Necaxa`."""
    stage, clubs = tie.split(" · ")
    first, second = re.split(r" vs?\.? ", clubs)
    reply = await result(ctx, first, second, tournament)
    return field(reply.embeds[0], f" · {stage}")


def overview(embed: Embed) -> list[str]:
    """The monospace overview's rows, spaces squeezed."""
    assert embed.description is not None
    block = embed.description.split("```text\n")[1].split("```")[0]
    return [" ".join(line.split()) for line in block.splitlines()]


async def test_apertura_champion_comes_first(ctx: Context) -> None:
    embed = only_embed(await bracket(ctx, "Apertura"))
    assert embed.title == "Apertura 2013 · liguilla"
    assert embed.description is not None
    lines = embed.description.splitlines()
    # The answer and its key figure first: the champion and the final's score.
    assert (
        lines[0] == "🏆 **UdeG** won the Apertura 2013, beating Necaxa in the final: "
        "2–1 on aggregate"
    )
    assert "Bye: **Oaxaca** (seed 1) skipped the quarterfinals" in lines
    assert "7 clubs qualified" in lines


async def test_apertura_final_both_legs_and_aggregate(ctx: Context) -> None:
    final = await legs(ctx, "Apertura", "Final · UdeG v Necaxa")
    assert "Leg 1 · 27 Nov 2013 · **UdeG 1–0 Necaxa**" in final
    assert "UdeG: J.\u00a0Gutiérrez\u00a055'" in final
    assert "Leg 2 · 30 Nov 2013 · **Necaxa 1–1 UdeG**" in final
    assert "Necaxa: J.\u00a0Goncalves\u00a086' · UdeG: J.\u00a0Gutiérrez\u00a056'" in final
    assert "**UdeG won the tie: 2–1 on aggregate**" in final
    assert "→ UdeG won the Apertura 2013" in final


async def test_apertura_one_field_per_tie_in_playing_order(ctx: Context) -> None:
    embed = only_embed(await bracket(ctx, "AP13"))
    # Short for a phone: no field per tie; the reply says where each tie's legs are.
    assert embed.fields == ()
    assert "Legs and scorers: `/result` with two clubs, e.g. `/result UdeG Necaxa`" in (
        embed.description or ""
    )
    quarter = await legs(ctx, "AP13", "Quarterfinals · UAT v Delfines")
    assert (
        "Delfines: R.\u00a0Prieto\u00a026', 70', J.\u00a0Ibarra\u00a089' · "
        "UAT: R.\u00a0Nurse\u00a045'" in quarter
    )
    assert "**Delfines won the tie: 4–2 on aggregate**" in quarter
    assert "UdeG won the tie: 3–2 on aggregate" in await legs(
        ctx, "AP13", "Semifinals · UdeG v Oaxaca"
    )


async def test_apertura_overview_reads_the_road_to_the_title(ctx: Context) -> None:
    embed = only_embed(await bracket(ctx, "Apertura 2013"))
    assert overview(embed) == [
        "QF Necaxa 4–0 San Luis",
        "QF Delfines 4–2 UAT",
        "QF UdeG 5–2 Mérida",
        "SF UdeG 3–2 Oaxaca",
        "SF Necaxa 7–0 Delfines",
        "Final UdeG 2–1 Necaxa",
    ]


async def test_the_legend_explains_only_the_markers_the_overview_shows(
    ctx: Context, ctx_es: Context
) -> None:
    # Every Apertura tie was decided on aggregate: the rounds' abbreviations, no marker.
    assert only_embed(await bracket(ctx, "Apertura")).footer == (
        "Overview: winner first, aggregate score · QF = quarterfinals, SF = semifinals"
    )
    clausura = (only_embed(await bracket(ctx, "Clausura")).footer or "").splitlines()[0]
    assert clausura == (
        "Overview: winner first, aggregate score · QF = quarterfinals, SF = semifinals, "
        "seed = higher seed, pens = penalties"
    )
    assert "away g." not in clausura  # no tie went out on away goals
    spanish = only_embed(await bracket(ctx_es, "Apertura")).footer
    assert spanish == (
        "Resumen: ganador primero, marcador global · CF = cuartos de final, Semis = semifinales"
    )


async def test_clausura_quarterfinal_on_higher_seed(ctx: Context) -> None:
    embed = only_embed(await bracket(ctx, "Clausura"))
    tie = await legs(ctx, "Clausura", "Quarterfinals · Dorados v Tecos")
    assert "Leg 1 · 16 Apr 2014 · **Dorados 1–1 Tecos**" in tie
    assert "Dorados: R.\u00a0Enríquez\u00a03' · Tecos: J.\u00a0Cuevas\u00a019'" in tie
    assert "Tecos: H.\u00a0Aguayo\u00a059' · Dorados: D.\u00a0Olsina\u00a032'" in tie
    assert (
        "**Tecos won the tie: 2–2 on aggregate, away goals level (1–1), decided by the higher "
        "seed**" in tie
    )
    assert "QF Tecos 2–2 Dorados seed" in overview(embed)


async def test_clausura_final_on_penalties_and_uat_bye(ctx: Context) -> None:
    embed = only_embed(await bracket(ctx, "Clausura 2014"))
    assert embed.description is not None
    assert embed.description.startswith("🏆 **Tecos** won the Clausura")
    assert "beating UAT in the final: 1–1 on aggregate, 4–3 on penalties" in embed.description
    assert "Bye: **UAT** (seed 1) skipped the quarterfinals" in embed.description
    final = await legs(ctx, "Clausura 2014", "Final · Tecos v UAT")
    assert "Leg 2 · 3 May 2014 · **UAT 1–1 Tecos**" in final
    assert "UAT: S.\u00a0Rosas\u00a039' · Tecos: E.\u00a0Rangel\u00a063'" in final
    assert "**Tecos won the tie: 1–1 on aggregate, 4–3 on penalties**" in final
    # The source, and that the rules alone would have given it on away goals, are one ℹ️
    # footnote at the end, not lines in the middle of the tie that read like a second result.
    assert "Source" not in final and "would have" not in final
    note = (embed.footer or "").splitlines()[-1]
    assert note.startswith("ℹ️ Clausura 2014 · Final: Source: Press reports of the second leg")
    assert note.endswith("would have sent Tecos through on away goals.")
    assert "Final Tecos 1–1 UAT pens 4–3" in overview(embed)
    assert "SF Tecos 0–0 Necaxa seed" in overview(embed)


async def test_goal_without_minute_is_said_not_hidden(ctx: Context) -> None:
    tie = await legs(ctx, "Clausura", "Quarterfinals · Delfines v Necaxa")
    assert "J.\u00a0Goncalves (minute not recorded)" in tie
    assert "**Necaxa won the tie: 6–3 on aggregate**" in tie


async def test_promotion_final_says_who_went_up(ctx: Context) -> None:
    embed = only_embed(await bracket(ctx, "Promotion final"))
    assert embed.title == "Campeón de Ascenso 2014 · promotion final"
    assert embed.description is not None
    lines = embed.description.splitlines()
    assert lines[0] == (
        "⬆️ **UdeG** won promotion to Liga MX, "
        "beating Tecos in the final: "
        "1–1 on aggregate, 4–3 on penalties after extra time"
    )
    assert "🏆 UdeG, champions of the Apertura 2013" in lines
    assert "🏆 Tecos, champions of the Clausura 2014" in lines
    assert "```" not in embed.description  # one tie needs no overview
    assert len(embed.fields) == 1
    final = embed.fields[0].value
    assert "Leg 1 · 7 May 2014 · **Tecos 0–0 UdeG**" in final
    assert "Leg 2 · 10 May 2014 · **UdeG 1–1 Tecos**" in final
    assert "UdeG: Alatorre\u00a083' · Tecos: Bueno\u00a057'" in final
    assert "UdeG won the tie: 1–1 on aggregate, 4–3 on penalties after extra time" in final
    assert "→ UdeG won promotion to Liga MX" in final


@pytest.mark.parametrize("tournament", ["Apertura", "Clausura", "Campeón de Ascenso"])
@pytest.mark.parametrize("language", ["en", "es"])
async def test_every_bracket_fits_discord(
    ctx: Context, ctx_es: Context, tournament: str, language: str
) -> None:
    reply = await bracket(ctx if language == "en" else ctx_es, tournament)
    assert violations(reply) == []
    assert not reply.ephemeral


async def test_unknown_tournament_is_a_typed_error(ctx: Context) -> None:
    with pytest.raises(TournamentNotFound) as caught:
        await bracket(ctx, "Copa MX")
    assert caught.value.query == "Copa MX"


async def test_blank_tournament_is_a_typed_error(ctx: Context) -> None:
    with pytest.raises(TournamentNotFound) as caught:
        await bracket(ctx, "   ")
    assert caught.value.reason == "blank"


async def test_spanish_bracket(ctx_es: Context) -> None:
    embed = only_embed(await bracket(ctx_es, "Apertura"))
    assert embed.description is not None
    assert embed.description.startswith(
        "🏆 **UdeG** ganó el Apertura 2013 al vencer a Necaxa en la final: 2–1 en el global\n"
    )
    assert "Pase directo: **Oaxaca** (sembrado 1) se saltó los cuartos de final" in (
        embed.description
    )
    assert "CF Necaxa 4–0 San Luis" in overview(embed)
    final = await legs(ctx_es, "Apertura", "Final · UdeG vs. Necaxa")
    assert "Ida · 27 de noviembre de 2013 · **UdeG 1–0 Necaxa**" in final
    assert "Vuelta · 30 de noviembre de 2013 · **Necaxa 1–1 UdeG**" in final
    assert "**UdeG ganó la serie: 2–1 en el global**" in final


async def test_spanish_clausura_decisions(ctx_es: Context) -> None:
    embed = only_embed(await bracket(ctx_es, "Clausura"))
    tie = await legs(ctx_es, "Clausura", "Cuartos de final · Dorados vs. Tecos")
    assert (
        "Tecos ganó la serie: 2–2 en el global, goles de visitante igualados (1–1), definida "
        "por mejor posición en la tabla" in tie
    )
    final = await legs(ctx_es, "Clausura", "Final · Tecos vs. UAT")
    assert "Tecos ganó la serie: 1–1 en el global, 4–3 en penales" in final
    assert "Final Tecos 1–1 UAT pen. 4–3" in overview(embed)
