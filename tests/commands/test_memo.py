"""What a snapshot keeps: the same reply for the same question, never one from older data.

Query answers, tie lines and whole replies are kept on the season they were derived from
(`Season.derived`, `commands.memo`). A kept reply must be the reply a fresh render gives, and a
reload, which builds a new season, must start from nothing kept.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from commands.club import club
from commands.context import Context
from commands.i18n import translator
from commands.reply import Reply
from commands.result import result
from commands.scorers import scorers
from commands.stadiums import stadiums
from knowledge import queries
from knowledge.models import Season
from knowledge.store import KnowledgeStore, Snapshot, packaged_seasons
from tests.helpers import seen


def text(reply: Reply) -> str:
    embed = seen(reply.embeds[0])
    return "\n".join(
        [embed.title or "", embed.description or ""]
        + [f"{field.name}\n{field.value}" for field in embed.fields]
    )


def underived(snapshot: Snapshot) -> Snapshot:
    """The same data, with nothing derived or kept yet."""
    return dataclasses.replace(snapshot, seasons=(snapshot.season.model_copy(),))


async def test_a_kept_reply_is_the_reply_a_fresh_render_gives(store: KnowledgeStore) -> None:
    for locale in ("en", "es-ES", "es-419"):
        ctx = Context(store.current, translator(locale))
        first = await club(ctx, "Necaxa")
        assert await club(ctx, "Necaxa") is first  # kept
        fresh = await club(dataclasses.replace(ctx, knowledge=underived(store.current)), "Necaxa")
        assert fresh is not first
        assert fresh == first  # every byte of it
        assert "Estadio Victoria" in text(first)


async def test_replies_are_kept_per_language_and_options(store: KnowledgeStore) -> None:
    snapshot = underived(store.current)
    english = Context(snapshot, translator("en"))
    spanish = Context(snapshot, translator("es-419"))
    everyone = await scorers(english)
    necaxa = await scorers(english, club="Necaxa")
    in_spanish = await scorers(spanish)
    assert everyone is not necaxa
    assert "⚽ Playoff scorers · 2013–14 Ascenso MX" in text(everyone)
    assert "Necaxa" in (necaxa.embeds[0].title or "")
    assert in_spanish.embeds[0].title != everyone.embeds[0].title
    assert await scorers(english, club="Necaxa") is necaxa
    assert await scorers(spanish) is in_spanish
    # Discord names every option, the console only those typed: one question, one reply.
    assert await scorers(english, None, club=None, everyone=False) is everyone
    # Another snapshot (a reload) starts from nothing kept, and renders the same reply.
    again = await scorers(Context(underived(store.current), translator("en")))
    assert again is not everyone and again == everyone


async def test_a_private_answer_does_not_change_the_kept_one(store: KnowledgeStore) -> None:
    from commands.pipeline import answer

    ctx = Context(underived(store.current), translator("en"))
    public = await answer(ctx, "stadiums", stadiums, {})
    private = await answer(ctx, "stadiums", stadiums, {"private": True})
    assert private.ephemeral and private.components
    again = await answer(ctx, "stadiums", stadiums, {})
    assert again is public and not again.ephemeral and not again.components


def _edited(folder: Path, old: str, new: str) -> None:
    season_file = next(folder.glob("*.yaml"))
    text_ = season_file.read_text(encoding="utf-8")
    assert text_.count(old) == 1, old
    season_file.write_text(text_.replace(old, new), encoding="utf-8")


async def test_a_reload_answers_from_the_new_data_only(tmp_path: Path) -> None:
    """A stadium's capacity and a goal's minute edited: the reply kept for the old data (and
    the tie lines written for it at load) go with the old snapshot."""
    folder = tmp_path / "seasons"
    folder.mkdir()
    for file in packaged_seasons().glob("*.yaml"):
        (folder / file.name).write_bytes(file.read_bytes())
    store = KnowledgeStore(folder)
    old = Context(store.current, translator("en"))
    card = await club(old, "Necaxa")
    legs = await result(old, "San Luis", "Necaxa")
    assert "(capacity 23,851)" in text(card)
    assert "⚽ Necaxa: V.\u00a0Lojero\u00a061', D.\u00a0Cervantes\u00a079'" in text(legs)

    _edited(folder, "capacity: 23851", "capacity: 23951")
    goal = "{player: V. Lojero, club: necaxa, minute: %d}"
    _edited(folder, goal % 61, goal % 62)
    assert store.reload().accepted
    new = Context(store.current, translator("en"))
    assert "(capacity 23,951)" in text(await club(new, "Necaxa"))
    assert "⚽ Necaxa: V.\u00a0Lojero\u00a062', D.\u00a0Cervantes\u00a079'" in text(
        await result(new, "San Luis", "Necaxa")
    )
    new_card = await club(new, "Necaxa")
    assert await club(new, "Necaxa") is new_card and new_card is not card
    # A request that took the old snapshot before the reload still answers from it, whole.
    assert await club(old, "Necaxa") is card


def test_a_query_is_answered_once_however_its_arguments_are_passed(season: Season) -> None:
    copy = season.model_copy()
    by_position = queries.meetings(copy, None, "necaxa")
    assert queries.meetings(copy, club="necaxa") is by_position
    assert queries.meetings(copy, tournament=None, club="necaxa") is by_position
    assert [meeting.leg.date.isoformat() for meeting in by_position][:2] == [
        "2013-11-13",
        "2013-11-16",
    ]
    assert queries.meetings(copy, "apertura-2013", "necaxa") != by_position
    with pytest.raises(TypeError):
        queries.meetings(copy, team="necaxa")  # type: ignore[call-arg]


def test_an_edited_copy_of_a_season_derives_its_own_answers(season: Season) -> None:
    original = season.model_copy()
    assert original.derived("answer", lambda: 1) == 1
    edited = original.model_copy(update={"clubs": original.clubs[:-1]})
    assert edited.derived("answer", lambda: 2) == 2
    assert original.derived("answer", lambda: 3) == 1
