"""Buttons and menus through the handlers, in English and both Spanish variants.

What a fan clicks is read back from its id alone (`sb1:…`), so these tests build replies,
take the ids they carry and press them, as Discord and the console do.
"""

from __future__ import annotations

from typing import Any

import pytest

from commands.bracket import bracket
from commands.club import club
from commands.components import StaleComponent, component_id, parse_id, stale_reply
from commands.context import Context, Handler
from commands.i18n import translator
from commands.path import path
from commands.pipeline import Pressed, answer, press
from commands.reply import Reply
from commands.result import result
from commands.scorers import scorers
from knowledge.store import KnowledgeStore
from tests.helpers import buttons, menu, seen
from tests.reply_limits import violations

HANDLERS: dict[str, Handler] = {
    "bracket": bracket,
    "club": club,
    "path": path,
    "result": result,
    "scorers": scorers,
}
LOCALES = ("en", "es-ES", "es-419")


@pytest.fixture(params=LOCALES)
def any_ctx(request: pytest.FixtureRequest, store: KnowledgeStore) -> Context:
    return Context(store.current, translator(request.param))


async def run(ctx: Context, command: str, **options: Any) -> Reply:
    return await answer(ctx, command, HANDLERS[command], options)


async def click(ctx: Context, custom_id: str, *values: str, owner: bool = True) -> Pressed:
    return await press(
        ctx, HANDLERS, custom_id, values, owner=owner, private_message=False, user="<@42>"
    )


# Did you mean


async def test_a_misspelt_club_gets_a_button_per_suggestion(any_ctx: Context) -> None:
    reply = await run(any_ctx, "club", club="Nexaca")
    assert reply.ephemeral and violations(reply) == []
    assert [(b.label, b.custom_id) for b in buttons(reply)] == [
        ("Necaxa", "sb1:go:club:club=necaxa"),
        ("Oaxaca", "sb1:go:club:club=oaxaca"),
    ]
    pressed = await click(any_ctx, "sb1:go:club:club=necaxa")
    assert pressed.strip and pressed.update is None  # the error message loses its buttons
    assert pressed.new is not None and not pressed.new.ephemeral
    assert pressed.new.embeds[0].title == "Necaxa"
    assert "Estadio Victoria" in (pressed.new.embeds[0].description or "")


async def test_the_other_options_ride_along_as_keys(any_ctx: Context) -> None:
    reply = await run(any_ctx, "result", club_a="Nexaca", club_b="Leones Negros")
    first = buttons(reply)[0]
    assert first.custom_id == "sb1:go:result:club_a=necaxa&club_b=udeg"
    pressed = await click(any_ctx, first.custom_id)
    assert pressed.new is not None
    # Necaxa and UdeG met twice, in the Apertura 2013 final.
    embed = pressed.new.embeds[0]
    assert embed.title == any_ctx.tr("result.title", a="Necaxa", b="UdeG")
    assert [field.name.startswith("Apertura 2013") for field in embed.fields] == [True]


async def test_an_ambiguous_name_offers_each_club(any_ctx: Context) -> None:
    reply = await run(any_ctx, "club", club="Estudiantes")
    assert [b.custom_id for b in buttons(reply)] == [
        "sb1:go:club:club=altamira",
        "sb1:go:club:club=tecos",
    ]
    # Short labels, so that both fit one row on a phone; the message names them in full.
    assert [b.label for b in buttons(reply)] == ["Altamira", "Tecos"]


async def test_a_suggested_tournament_gets_a_button(any_ctx: Context) -> None:
    reply = await run(any_ctx, "bracket", tournament="Apertura 2015")
    assert [b.custom_id for b in buttons(reply)] == ["sb1:go:bracket:tournament=apertura-2013"]


async def test_a_private_command_keeps_its_answer_private(any_ctx: Context) -> None:
    reply = await run(any_ctx, "club", club="Nexaca", private=True)
    assert buttons(reply)[0].custom_id == "sb1:go:club:club=necaxa&private=1"
    pressed = await click(any_ctx, buttons(reply)[0].custom_id)
    assert pressed.new is not None and pressed.new.ephemeral


async def test_nothing_to_suggest_means_no_buttons(any_ctx: Context) -> None:
    assert (await run(any_ctx, "club", club="Real Madrid")).components == ()


# Private answers and sharing


SHARE = {
    "en": "Share in channel",
    "es-ES": "Compartir en el canal",
    "es-419": "Compartir en el canal",
}
SHARED = {
    "en": "Shared by <@42>",
    "es-ES": "Compartido por <@42>",
    "es-419": "Compartido por <@42>",
}


async def test_a_private_answer_has_a_share_button_that_posts_it_once(any_ctx: Context) -> None:
    reply = await run(any_ctx, "club", club="Leones Negros", private=True)
    assert reply.ephemeral
    (share,) = buttons(reply)
    assert (share.label, share.custom_id) == (SHARE[any_ctx.tr.locale], "sb1:share:club:club=udeg")
    pressed = await click(any_ctx, share.custom_id)
    assert pressed.strip  # the private message loses the button: shared once
    assert pressed.new is not None and not pressed.new.ephemeral
    assert pressed.new.content == SHARED[any_ctx.tr.locale]
    assert pressed.new.embeds == reply.embeds
    assert buttons(pressed.new) == []


# The tournament switcher


WHOLE_SEASON = {"en": "Whole season", "es-ES": "Toda la temporada", "es-419": "Toda la temporada"}


async def test_path_has_a_menu_of_tournaments_and_the_whole_season(any_ctx: Context) -> None:
    reply = await run(any_ctx, "path", club="Necaxa")
    select = menu(reply)
    assert select.custom_id == "sb1:view:path:club=necaxa"
    assert [(o.label, o.value, o.default) for o in select.options] == [
        ("Apertura 2013", "tournament=apertura-2013", False),
        ("Clausura 2014", "tournament=clausura-2014", False),
        ("Campeón de Ascenso 2014", "tournament=promotion-2014", False),
        (WHOLE_SEASON[any_ctx.tr.locale], "tournament=", True),
    ]
    pressed = await click(any_ctx, select.custom_id, "tournament=clausura-2014")
    assert pressed.new is None and pressed.update is not None
    chosen = pressed.update
    assert not chosen.ephemeral and violations(chosen) == []
    # Necaxa's Clausura: past Delfines 6–3, then out in the semifinals.
    assert "6–3" in (seen(chosen.embeds[0]).description or "")
    assert "Apertura 2013" not in (chosen.embeds[0].description or "")
    assert [o.default for o in menu(chosen).options] == [False, True, False, False]
    assert chosen.files  # the picture of the Clausura, Necaxa's road marked


async def test_path_legs_are_one_tap_away_and_back(any_ctx: Context) -> None:
    summary = await run(any_ctx, "path", club="Necaxa", tournament="Clausura")
    (legs_button,) = buttons(summary)
    assert legs_button.custom_id == "sb1:view:path:club=necaxa&legs=1&tournament=clausura-2014"
    legs = (await click(any_ctx, legs_button.custom_id)).update
    assert legs is not None and violations(legs) == []
    # Necaxa's two Clausura rounds, each with its legs.
    assert [f.name.split(" · ")[0] for f in legs.embeds[0].fields] == ["Clausura 2014"] * 2
    assert "**Delfines 2–2 Necaxa**" in seen(legs.embeds[0]).fields[0].value
    # The menu keeps the view (another tournament's legs); a button goes back.
    assert menu(legs).custom_id == "sb1:view:path:club=necaxa&legs=1"
    (back,) = buttons(legs)
    again = (await click(any_ctx, back.custom_id)).update
    assert again is not None and again.embeds == summary.embeds and again.files


async def test_bracket_switches_for_its_author_and_privately_for_anyone_else(
    any_ctx: Context,
) -> None:
    reply = await run(any_ctx, "bracket", tournament="Apertura")
    select = menu(reply)
    assert select.custom_id == "sb1:view:bracket:"
    mine = await click(any_ctx, select.custom_id, "tournament=clausura-2014")
    theirs = await click(any_ctx, select.custom_id, "tournament=clausura-2014", owner=False)
    assert mine.update is not None and mine.new is None
    assert theirs.update is None and theirs.new is not None and theirs.new.ephemeral
    assert theirs.new.embeds == mine.update.embeds
    assert "Clausura 2014" in (mine.update.embeds[0].title or "")
    # The Clausura 2014 champion was Tecos (beat UdeG on the higher seed).
    assert "Tecos" in (mine.update.embeds[0].description or "")


# Ids


@pytest.mark.parametrize(
    "custom_id",
    [
        "sb0:go:club:club=necaxa",  # another version
        "sb1:jump:club:club=necaxa",  # an action this version does not have
        "sb1:go:reload:",  # not a public command
        "sb1:go:gone:club=necaxa",  # a command that no longer exists
        "sb1:go:club:colour=red",  # an option the command does not take
        "sb1:view:scorers:page=two",  # a value of the wrong type
        "sb1:go:club:club",  # not name=value
        "sb1:go:club:club=necaxa&club=chivas",  # an option twice: which one is a guess
        "no colons at all",
    ],
)
async def test_an_id_that_no_longer_reads_is_stale(ctx: Context, custom_id: str) -> None:
    with pytest.raises(StaleComponent):
        await click(ctx, custom_id)


def test_the_stale_message_is_clear_in_every_locale() -> None:
    words = {"en": "no longer redo", "es-ES": "ya no puede rehacer", "es-419": "ya no puede"}
    for locale, expected in words.items():
        reply = stale_reply(translator(locale))
        assert reply.ephemeral and expected in (reply.embeds[0].description or "")


def test_values_are_quoted_so_any_text_reads_back() -> None:
    custom_id = component_id("go", "result", {"club_a": "a:b&c=d", "club_b": "ñ é", "x": None})
    assert custom_id is not None and len(custom_id) <= 100
    assert parse_id(custom_id).options == {"club_a": "a:b&c=d", "club_b": "ñ é"}


def test_an_id_over_100_characters_is_not_made() -> None:
    assert component_id("go", "club", {"club": "x" * 90}) is None


async def test_a_name_too_long_for_an_id_gets_no_button(ctx: Context) -> None:
    """The other option is kept as typed when it does not resolve; if the id would pass 100
    characters there is no button rather than a broken one."""
    reply = await run(ctx, "result", club_a="Nexaca", club_b="y" * 90)
    assert reply.ephemeral and buttons(reply) == []
