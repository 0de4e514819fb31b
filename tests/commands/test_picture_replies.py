"""/bracket and /path carry the bracket picture, referenced from the embed, beside the full
text bracket (for readers who cannot see images); a cold render is deferred first."""

from __future__ import annotations

from dataclasses import replace

from commands.bracket import bracket
from commands.context import Context
from commands.path import path
from commands.pictures import clear_cache
from commands.text import WORD_JOINER
from tests.helpers import menu
from tests.reply_limits import violations


async def test_bracket_shows_the_picture_and_keeps_the_text(ctx: Context) -> None:
    reply = await bracket(ctx, "Apertura")
    assert [file.filename for file in reply.files] == ["bracket.png"]
    assert reply.files[0].data.startswith(b"\x89PNG")
    assert reply.files[0].description  # alt text
    embed = reply.embeds[0]
    assert embed.image == "attachment://bracket.png"
    # Short for a phone: the lead, the overview and the picture; no field per tie. The legs
    # are one /result away, and the alt text tells every tie in words.
    assert embed.fields == ()
    assert "`/result UdeG Necaxa`" in (embed.description or "")
    alt = reply.files[0].description or ""
    assert "UdeG beat Necaxa (2–1" in alt.replace(WORD_JOINER, "")
    payload = reply.to_payload()
    assert payload["attachment_descriptions"] == [alt]
    assert violations(reply) == []


async def test_path_for_one_tournament_highlights_the_club(ctx: Context) -> None:
    reply = await path(ctx, "Tecos", "Clausura")
    assert reply.embeds[0].image == "attachment://bracket.png"
    other = await path(ctx, "Necaxa", "Clausura")
    assert reply.files[0].data != other.files[0].data  # a different road is marked


async def test_path_for_the_season_leaves_each_tournaments_picture_one_pick_away(
    ctx: Context,
) -> None:
    """A picture per tournament would run a season's road past 1.5 phone screens (UdeG's
    three past two): the summary reads at a glance, and each tournament the club played is
    one pick away in the menu, its picture with it."""
    reply = await path(ctx, "Tecos")
    assert reply.files == () and [embed.image for embed in reply.embeds] == [None]
    picks = [option.value for option in menu(reply).options]
    for tournament in ("clausura-2014", "promotion-2014"):
        assert f"tournament={tournament}" in picks
        one = await path(ctx, "Tecos", tournament)
        assert [file.filename for file in one.files] == ["bracket.png"]
        assert (one.files[0].description or "").startswith(
            "Bracket of the Clausura 2014" if tournament == "clausura-2014" else "Campeón"
        )
    assert violations(reply) == []


async def test_a_cold_render_defers_first_and_a_cached_one_does_not(ctx: Context) -> None:
    deferred: list[str] = []

    async def defer() -> None:
        deferred.append("deferred")

    with_clock = replace(ctx, defer=defer)
    clear_cache()
    await bracket(with_clock, "Clausura")
    assert deferred == ["deferred"]
    await bracket(with_clock, "Clausura")
    assert deferred == ["deferred"]  # cached: answered at once, no deferral needed


async def test_spanish_labels_in_the_picture(ctx: Context, ctx_es: Context) -> None:
    english = await bracket(ctx, "promotion")
    spanish = await bracket(ctx_es, "promotion")
    assert english.files[0].data != spanish.files[0].data
    assert spanish.files[0].description != english.files[0].description
