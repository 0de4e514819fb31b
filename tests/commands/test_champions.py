"""/champions through its handler: the season's honours, promotion and relegation."""

from __future__ import annotations

from dataclasses import replace

from commands.champions import champions, render_champions
from commands.context import Context
from knowledge.models import Relegated
from knowledge.queries import champions as champions_of
from tests.helpers import only_embed
from tests.reply_limits import violations


async def test_honours_list_first(ctx: Context) -> None:
    reply = await champions(ctx)
    embed = only_embed(reply)
    assert embed.title == "🏆 Champions · 2013–14 Ascenso MX"
    assert embed.description is not None
    assert embed.description.splitlines() == [
        # One name per club, the one fans use, as in each final's legs below.
        "🏆 **Apertura 2013**: **UdeG**, beating Necaxa (2–1 on aggregate)",
        "🏆 **Clausura 2014**: **Tecos**, beating UAT (1–1 on aggregate, 4–3 on penalties)",
        "🏆 **Campeón de Ascenso 2014**: **UdeG**, beating Tecos (1–1 on "
        "aggregate, 4–3 on penalties after extra time)",
        "⬆️ Promoted to Liga MX: **UdeG**",
        "⬇️ Relegated: **Zacatepec**, who stayed in the league by buying Cruz Azul Hidalgo's place",
        "The two tournaments had different champions, so they met in the promotion final.",
    ]
    assert violations(reply) == []


async def test_each_final_in_full(ctx: Context) -> None:
    embed = only_embed(await champions(ctx))
    assert [f.name for f in embed.fields] == [
        "Apertura 2013 · Final",
        "Clausura 2014 · Final",
        "Campeón de Ascenso 2014 · Final",
    ]
    apertura, clausura, promotion = (f.value for f in embed.fields)
    assert "Leg 1 · 27 Nov 2013 · **UdeG 1–0 Necaxa**" in apertura
    assert "**UdeG won the tie: 2–1 on aggregate**" in apertura
    assert "Leg 2 · 3 May 2014 · **UAT 1–1 Tecos**" in clausura
    assert "Tecos won the tie: 1–1 on aggregate, 4–3 on penalties" in clausura
    assert "Leg 2 · 10 May 2014 · **UdeG 1–1 Tecos**" in promotion
    assert "UdeG won the tie: 1–1 on aggregate, 4–3 on penalties after extra time" in promotion
    assert "Source" not in promotion
    assert (
        "Campeón de Ascenso 2014 · Final: Source: Press reports of 10 May 2014"
        in ((embed.footer or "").splitlines()[-1])
    )


async def test_spanish_champions(ctx_es: Context) -> None:
    reply = await champions(ctx_es)
    embed = only_embed(reply)
    assert embed.description is not None
    lines = embed.description.splitlines()
    assert lines[0] == "🏆 **Apertura 2013**: **UdeG**, tras vencer a Necaxa (2–1 en el global)"
    assert "(1–1 en el global, 4–3 en penales tras el tiempo extra)" in lines[2]
    assert "⬆️ Ascendió a la Liga MX: **UdeG**" in lines
    assert (
        "⬇️ Descendido: **Zacatepec**, que se quedó en la liga al comprar el lugar de "
        "Cruz Azul Hidalgo" in lines
    )
    assert "Ida · 27 de noviembre de 2013 · **UdeG 1–0 Necaxa**" in embed.fields[0].value
    assert "Vuelta · 10 de mayo de 2014 · **UdeG 1–1 Tecos**" in embed.fields[2].value
    assert violations(reply) == []


async def test_relegation_without_a_rescue_is_worded_plainly(ctx: Context) -> None:
    """Another season's data may relegate a club that simply went down."""
    result = champions_of(ctx.season)
    zacatepec = ctx.season.club("zacatepec")
    plain = replace(result, relegated=((zacatepec, Relegated(club="zacatepec")),))
    stayed = replace(
        result, relegated=((zacatepec, Relegated(club="zacatepec", stayed_in_league=True)),)
    )
    plain_text = only_embed(render_champions(ctx.season, plain, ctx.tr)).description or ""
    stayed_text = only_embed(render_champions(ctx.season, stayed, ctx.tr)).description or ""
    assert "⬇️ Relegated: **Zacatepec**\n" in plain_text
    assert "Cruz Azul Hidalgo" not in plain_text
    assert "⬇️ Relegated: **Zacatepec**, who stayed in the league all the same" in stayed_text
