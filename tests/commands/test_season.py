"""/season through its handler: dates as stated, the format, the numbers and the changes."""

from __future__ import annotations

from dataclasses import replace

from commands.context import Context
from commands.season import render_season, season
from commands.text import WORD_JOINER
from knowledge.queries import season_summary
from tests.helpers import buttons, field, only_embed
from tests.reply_limits import violations


async def test_dates_as_the_matches_show_them_and_the_stated_ones_in_a_footnote(
    ctx: Context,
) -> None:
    reply = await season(ctx)
    embed = only_embed(reply)
    assert embed.title == "📅 2013–14 Ascenso MX"
    assert embed.description is not None
    lines = embed.description.splitlines()
    # The real span, first day to last match: the lead never contradicts what follows.
    assert lines[0] == "📅 **19 Jul 2013 – 10 May 2014**"
    assert lines[1] == "**Ascenso MX** · tier 2 of the league pyramid"
    assert lines[2] == "⚽ 15 clubs · 26 playoff matches · 58 goals"
    assert (embed.footer or "").splitlines()[-1] == (
        "ℹ️ The source dates the season 19 Jul 2013 – 12 Apr 2014; the playoffs ran past "
        "that, to UdeG 1–1 Tecos on 10 May 2014 (Campeón de Ascenso 2014)."
    )
    assert violations(reply) == []


async def test_no_note_when_the_matches_fit_the_stated_dates(ctx: Context) -> None:
    summary = season_summary(ctx.season)
    inside = replace(summary, last_match=summary.first_match)
    assert not inside.playoffs_after_stated_end
    embed = only_embed(render_season(ctx.season, inside, ctx.tr))
    assert "ran past" not in (embed.footer or "")
    assert (embed.description or "").startswith("📅 **19 Jul 2013 – 12 Apr 2014**")


async def test_tournament_dates(ctx: Context) -> None:
    lines = field(only_embed(await season(ctx)), "Tournaments").splitlines()
    assert lines == [
        "**Apertura 2013**: 19 Jul 2013 – 30 Nov 2013",
        "**Clausura 2014**: playoff matches 16 Apr 2014 – 3 May 2014 "
        "(the source states no tournament dates)",
        "**Campeón de Ascenso 2014**: playoff matches 7 May 2014 – 10 May 2014 "
        "(the source states no tournament dates)",
    ]


async def test_format_from_the_rules(ctx: Context) -> None:
    lines = field(only_embed(await season(ctx)), "Format").splitlines()
    assert lines == [
        "• 2 tournaments: Apertura 2013, Clausura 2014",
        "• Liguilla of 7: first place skips the quarterfinals, the other 6 play home-and-away ties",
        "• Ties are decided by aggregate → away goals → higher seed",
        # The tie-break order alone would hide that both finals were decided otherwise.
        "• In fact the finals of the Clausura 2014 and Campeón de Ascenso 2014 both went to "
        "penalties, which those rules do not provide for",
        "• The higher seed hosts the second leg",
        "• Reseeded every round",
        "• The two champions meet in the promotion final (Campeón de Ascenso 2014) for a "
        "place in Liga MX",
        "• Had one club won both tournaments, it would have been promoted without playing "
        "that final",
    ]


async def test_the_eight_changes_in_words(ctx: Context) -> None:
    """One tap away (the first view fits a phone), and one tap back."""
    first = await season(ctx)
    (more,) = buttons(first)
    assert (more.label.replace(WORD_JOINER, ""), more.custom_id) == (
        "Changes from 2012–13 (8)",
        "sb1:view:season:changes=1",
    )
    changed = await season(ctx, changes=True)
    embed = only_embed(changed)
    assert [f.name for f in embed.fields] == ["Changes from 2012–13 (8)"]
    assert [b.custom_id for b in buttons(changed)] == ["sb1:view:season:"]
    assert violations(changed) == []
    lines = field(embed, "Changes from 2012–13").splitlines()
    assert lines == [
        "⬆️ **C.F. La Piedad**: promoted to Liga MX, rebranded Tiburones Rojos de Veracruz, "
        "moved to Veracruz",
        "⬇️ **Querétaro F.C.**: relegated from Liga MX, but kept a place in Liga MX, and its "
        "Ascenso MX team disappeared",
        "• **Tiburones Rojos de Veracruz**: rebranded Atlético San Luis, moved to San Luis "
        "Potosí, San Luis Potosí",
        "• **Irapuato FC**: rebranded Zacatepec, moved to Zacatepec de Hidalgo, Morelos",
        "• **Toros Neza**: rebranded Delfines F.C., moved to Ciudad del Carmen, Campeche",
        "⬆️ **Tecamachalco**: promoted from Segunda División de México, rebranded Alebrijes de "
        "Oaxaca, moved to Oaxaca, Oaxaca",
        "⬆️ **Club de Futbol Ballenas Galeana Morelos**: promoted from Segunda División de "
        "México (this season: **Ballenas**)",
        "⬇️ **Pumas Morelos**: relegated to Segunda División de México, and the team disappeared",
    ]


async def test_spanish_season(ctx_es: Context) -> None:
    reply = await season(ctx_es)
    embed = only_embed(reply)
    assert embed.description is not None
    assert embed.title == "📅 Ascenso MX 2013–14"  # the competition first, as Spanish says it
    assert "📅 **Del 19 de julio de 2013 al 10 de mayo de 2014**" in embed.description
    assert "la liguilla siguió hasta el UdeG 1–1 Tecos del 10 de mayo de 2014" in (
        embed.footer or ""
    )
    assert "⚽ 15 clubes · 26 partidos de liguilla · 58 goles" in embed.description
    assert (
        "**Apertura 2013**: del 19 de julio de 2013 al 30 de noviembre de 2013"
        in field(embed, "Torneos").splitlines()
    )
    rules = field(embed, "Formato").splitlines()
    assert "• Las llaves se definen por global → gol de visitante → mejor posición en la tabla" in (
        rules
    )
    changes = field(
        only_embed(await season(ctx_es, changes=True)), "Cambios respecto a la temporada 2012–13"
    ).splitlines()
    assert (
        "• **Irapuato FC**: cambió su nombre a Zacatepec, se mudó a Zacatepec de Hidalgo, Morelos"
        in changes
    )
    assert changes[-1] == (
        "⬇️ **Pumas Morelos**: descendió a la Segunda División de México, y el equipo desapareció"
    )
    assert violations(reply) == []
