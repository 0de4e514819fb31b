"""Every command, for every club, pair of clubs and tournament, in every locale, fits Discord.

The exhaustive part renders all of them (thousands of replies) and checks each against every
limit of DESIGN §6. The hypothesis part throws arbitrary text at every option: the answer is
always a reply within the limits — a domain error worded by `render_error` at worst — and
never an exception.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable, Coroutine
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commands.bracket import bracket
from commands.champions import champions
from commands.club import club
from commands.context import Context
from commands.errors import CommandError, render_error
from commands.help import help as help_
from commands.i18n import Locale, supported_locales, translator
from commands.limits import violations
from commands.path import path
from commands.relegation import relegation
from commands.reply import Reply
from commands.result import result
from commands.scorers import scorers
from commands.season import season
from commands.stadiums import stadiums
from knowledge.errors import KnowledgeError
from knowledge.store import KnowledgeStore

Handler = Callable[..., Coroutine[Any, Any, Reply]]
LOCALES = supported_locales()


def contexts(store: KnowledgeStore) -> list[Context]:
    return [Context(store.current, translator(locale)) for locale in LOCALES]


def answer(handler: Handler, ctx: Context, **options: Any) -> Reply:
    """The reply a fan would see: the handler's, or the error handler's wording of its error."""
    try:
        return asyncio.run(handler(ctx, **options))
    except (KnowledgeError, CommandError) as error:
        reply = render_error(error, ctx.tr)
        assert reply.ephemeral
        return reply


def test_every_command_for_every_club_pair_and_tournament(store: KnowledgeStore) -> None:
    season_ = store.current.season
    clubs = [c.name for c in season_.clubs]
    tournaments = [c.name for c in season_.competitions]
    checked = 0
    for ctx in contexts(store):
        calls: list[tuple[Handler, dict[str, Any]]] = [
            (champions, {}),
            (season, {}),
            (stadiums, {}),
            (help_, {}),
            (relegation, {}),
            (scorers, {}),
        ]
        calls += [(bracket, {"tournament": t}) for t in tournaments]
        calls += [(scorers, {"tournament": t}) for t in tournaments]
        for name in clubs:
            calls += [(club, {"club": name}), (relegation, {"club": name})]
            calls += [(path, {"club": name}), (scorers, {"club": name})]
            calls += [(path, {"club": name, "tournament": t}) for t in tournaments]
            calls += [(scorers, {"club": name, "tournament": t}) for t in tournaments]
        for a, b in itertools.permutations(clubs, 2):
            calls.append((result, {"club_a": a, "club_b": b}))
            calls += [(result, {"club_a": a, "club_b": b, "tournament": t}) for t in tournaments]
        for handler, options in calls:
            reply = asyncio.run(handler(ctx, **options))
            assert violations(reply) == [], (handler.__name__, options, ctx.tr.locale)
            assert not reply.ephemeral, (handler.__name__, options)
            checked += 1
    # 3 locales x (6 + 3 + 3 + 15 x 10 + 210 x 4) calls: nothing skipped.
    assert checked == 3 * (6 + 3 + 3 + 15 * 10 + 210 * 4)


def test_the_same_club_twice_is_a_clear_error_for_every_club(store: KnowledgeStore) -> None:
    for ctx in contexts(store):
        for club_ in store.current.season.clubs:
            reply = answer(result, ctx, club_a=club_.name, club_b=club_.short_name)
            assert reply.ephemeral
            assert violations(reply) == []


# Arbitrary text, plus the kinds of input that break bots: markdown, mentions, very long text.
nasty = st.one_of(
    st.text(max_size=40),
    st.text(min_size=250, max_size=400),
    st.sampled_from(
        [
            "",
            "   ",
            "@everyone",
            "@here",
            "<@123456789012345678>",
            "**Necaxa**",
            "`code`",
            "||spoiler||",
            "[link](https://example.com)",
            "Chivas",
            "Real Madrid",
            "⚽⚽⚽",
            "Apertura 2015",
            "x" * 300,
        ]
    ),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(a=nasty, b=nasty, tournament=st.one_of(st.none(), nasty), locale=st.sampled_from(LOCALES))
def test_arbitrary_options_always_get_a_reply_within_limits(
    store: KnowledgeStore, a: str, b: str, tournament: str | None, locale: Locale
) -> None:
    ctx = Context(store.current, translator(locale))
    calls: list[tuple[Handler, dict[str, Any]]] = [
        (result, {"club_a": a, "club_b": b, "tournament": tournament}),
        (club, {"club": a}),
        (path, {"club": a, "tournament": tournament}),
        (relegation, {"club": a}),
        (scorers, {"club": b or None, "tournament": tournament}),
        (bracket, {"tournament": tournament or a}),
    ]
    for handler, options in calls:
        reply = answer(handler, ctx, **options)
        assert violations(reply) == [], (handler.__name__, options)
        text = str(reply.to_payload())
        # Echoed input never pings: mentions are defused before they reach the reply.
        assert "@everyone" not in text.replace("@\u200beveryone", "")
        assert "@here" not in text.replace("@\u200bhere", "")


@pytest.mark.parametrize("locale", LOCALES)
def test_markdown_in_an_option_is_escaped_when_echoed(store: KnowledgeStore, locale: str) -> None:
    ctx = Context(store.current, translator(locale))
    reply = answer(club, ctx, club="**bold** _it_ `x`")
    description = reply.embeds[0].description or ""
    assert "\\*\\*bold\\*\\*" in description
    assert "\\`x\\`" in description
