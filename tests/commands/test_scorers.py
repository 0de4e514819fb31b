"""/scorers through its handler: the tally of the seed's playoff scorers.

The seed lists 58 goals with scorers over 26 playoff matches; one (J. Goncalves, Necaxa 4–1
Delfines) has no minute. V.\u00a0Lojero scored 6 for Necaxa (61', 6', 49', 4', 45', 90').
"""

from __future__ import annotations

import re

import pytest

from commands.context import Context
from commands.limits import TABLE_WIDTH
from commands.reply import Reply
from commands.scorers import scorers
from knowledge.errors import ClubNotFound, TournamentNotFound
from tests.helpers import buttons, text
from tests.reply_limits import violations


def rows(reply: Reply) -> list[tuple[str, str, str | None, int]]:
    """The table's body as (rank or "", player, club or None, goals), cut at the header's
    column starts (player names and club names hold spaces)."""
    block = (reply.embeds[0].description or "").split("```")[1].removeprefix("text\n")
    header, *body = [line for line in block.splitlines() if line]
    for line in (header, *body):
        assert len(line) <= TABLE_WIDTH
    starts = [match.start() for match in re.finditer(r"\S+", header)]
    parsed: list[tuple[str, str, str | None, int]] = []
    for line in body:
        rank = line[: starts[1]].strip()
        if len(starts) == 4:
            player = line[starts[1] : starts[2]].strip()
            club, goals = line[starts[2] :].rsplit(maxsplit=1)
            parsed.append((rank, player, club.strip(), int(goals)))
        else:
            player, goals = line[starts[1] :].rsplit(maxsplit=1)
            parsed.append((rank, player.strip(), None, int(goals)))
    return parsed


def goals_of(replies: list[Reply]) -> int:
    return sum(goals for reply in replies for *_, goals in rows(reply))


async def every_page(
    ctx: Context, tournament: str | None = None, everyone: bool = False
) -> list[Reply]:
    """The tally page by page, as the ◀ ▶ buttons show it."""
    pages = [await scorers(ctx, tournament, everyone=everyone)]
    while (match := re.search(r"Page \d+ of (\d+)", text(pages[0]))) and len(pages) < int(
        match.group(1)
    ):
        pages.append(await scorers(ctx, tournament, everyone=everyone, page=len(pages) + 1))
    return pages


async def test_whole_season(ctx: Context) -> None:
    reply = await scorers(ctx)
    assert violations(reply) == []
    body = text(reply)
    assert "**V.\u00a0Lojero** (Necaxa) scored the most: 6 goals." in body
    assert "**58** goals listed, by 37 players." in body
    # The leaders in full, the 26 one-goal scorers folded into a line: 32 goals in the table.
    assert goals_of([reply]) == 58 - 26
    assert "…and 26 players with one goal each. Every name: `/scorers all:True`" in body
    pages = await every_page(ctx, everyone=True)
    assert all(violations(page) == [] for page in pages)
    # Every name on request, 15 a page: every row is shown, none cut.
    assert [len(rows(page)) for page in pages] == [15, 15, 7]
    assert goals_of(pages) == 58
    assert reply.components == ()  # the folded view fits one page
    assert rows(reply)[0] == ("1", "V.\u00a0Lojero", "Necaxa", 6)


async def test_pages_have_buttons_that_name_their_page(ctx: Context) -> None:
    first, second, third = await every_page(ctx, everyone=True)
    back, forward = buttons(first)
    assert (back.label, back.disabled) == ("◀ Previous", True)
    assert (forward.custom_id, forward.disabled) == ("sb1:view:scorers:everyone=1&page=2", False)
    assert "Page 2 of 3" in text(second)
    back, forward = buttons(third)
    assert (back.custom_id, back.disabled, forward.disabled) == (
        "sb1:view:scorers:everyone=1&page=2",
        False,
        True,
    )
    # Ranks are the whole table's: 11 players scored 2 or more, so page 2 opens on the
    # 1-goal scorers at rank 12, and a page's first row always shows its rank.
    assert rows(second)[0] == ("12", "C.\u00a0Valdovinos", "UdeG", 1)


async def test_a_page_past_the_end_shows_the_last(ctx: Context) -> None:
    assert text(await scorers(ctx, everyone=True, page=9)) == text(
        await scorers(ctx, everyone=True, page=3)
    )


async def test_a_club_tally_fits_one_page_and_has_no_buttons(ctx: Context) -> None:
    assert (await scorers(ctx, club="Necaxa")).components == ()


async def test_says_only_playoff_scorers_are_in_the_data(ctx: Context) -> None:
    assert "Only the playoff scorers" in text(await scorers(ctx))


async def test_players_are_keyed_by_club_and_name(ctx: Context) -> None:
    table = [row for reply in await every_page(ctx, everyone=True) for row in rows(reply)]
    ibarras = sorted((player, club) for _, player, club, _ in table if player.endswith("Ibarra"))
    assert ibarras == [("J.\u00a0Ibarra", "Delfines"), ("P.\u00a0Ibarra", "UAT")]


async def test_tied_players_share_a_rank(ctx: Context) -> None:
    table = rows(await scorers(ctx, everyone=True))
    # J. Goncalves (Necaxa) and J. Gutiérrez (UdeG) both scored 4: second, together.
    assert table[1] == ("2", "J.\u00a0Goncalves", "Necaxa", 4)
    assert table[2] == ("", "J.\u00a0Gutiérrez", "UdeG", 4)  # no rank of its own


async def test_goal_without_a_minute_is_pointed_out(ctx: Context) -> None:
    body = text(await scorers(ctx))
    assert (
        "J.\u00a0Goncalves (Necaxa) scored a goal with no recorded minute: Necaxa 4–1 Delfines, "
        "19 Apr 2014 (Clausura 2014 · Quarterfinals)."
    ) in body


async def test_tournament_filter(ctx: Context) -> None:
    pages = await every_page(ctx, tournament="Apertura", everyone=True)
    reply = pages[0]
    assert violations(reply) == []
    body = text(reply)
    assert "Apertura 2013" in (reply.embeds[0].title or "")
    # Quarterfinals 17, semifinals 12, final 3.
    assert "**32** goals listed" in body
    assert goals_of(pages) == 32
    assert "**V.\u00a0Lojero** (Necaxa) scored the most: 5 goals." in body
    assert "no recorded minute" not in body  # that goal was in the Clausura


async def test_promotion_final(ctx: Context) -> None:
    reply = await scorers(ctx, "Promotion final")
    body = text(reply)
    assert "**Alatorre** (UdeG) and **Bueno** (Tecos) scored the most: 1 goal each." in body
    assert "**2** goals listed" in body


async def test_club_filter(ctx: Context) -> None:
    reply = await scorers(ctx, club="Rayos")
    body = text(reply)
    assert "Necaxa" in (reply.embeds[0].title or "")
    assert "**18** goals listed, by 8 players." in body
    assert "**V.\u00a0Lojero** scored the most: 6 goals." in body
    table = rows(reply)
    assert all(club is None for _, _, club, _ in table)  # no club column
    assert table[0] == ("1", "V.\u00a0Lojero", None, 6)
    assert goals_of([reply]) == 18


async def test_tournament_and_club(ctx: Context) -> None:
    reply = await scorers(ctx, "Clausura", "Necaxa")
    body = text(reply)
    assert "**6** goals listed, by 6 players." in body
    assert "6 players scored the most: 1 goal each." in body
    assert "Necaxa 4–1 Delfines" in body


async def test_club_that_missed_the_playoffs_is_a_friendly_reply(ctx: Context) -> None:
    reply = await scorers(ctx, club="Altamira")
    assert not reply.ephemeral
    assert violations(reply) == []
    body = text(reply)
    assert "No goals listed: Altamira did not play in the playoffs" in body
    assert "Only the playoff scorers" in body


async def test_club_that_played_without_scoring(ctx: Context) -> None:
    # San Luis lost 0–2 and 0–2 to Necaxa in the Apertura quarterfinals.
    body = text(await scorers(ctx, "Apertura", "San Luis"))
    assert "San Luis played 2 playoff matches in the Apertura 2013 without scoring" in body
    assert "Atlético" not in body  # the name fans use, as in the title


async def test_unknown_names_are_typed_errors(ctx: Context) -> None:
    with pytest.raises(TournamentNotFound):
        await scorers(ctx, "Copa MX")
    with pytest.raises(ClubNotFound):
        await scorers(ctx, club="Chivas")


async def test_spanish(ctx_es: Context) -> None:
    reply = await scorers(ctx_es)
    assert violations(reply) == []
    body = text(reply)
    assert "Goleadores de liguilla" in body
    assert "**V.\u00a0Lojero** (Necaxa) fue el máximo goleador, con 6 goles." in body
    assert "**58** goles registrados, de 37 jugadores." in body
    assert "sin minuto registrado: Necaxa 4–1 Delfines, 19 de abril de 2014" in body
    assert "Cuartos de final" in body
    empty = text(await scorers(ctx_es, club="Altamira"))
    assert "Altamira no jugó la liguilla" in empty
