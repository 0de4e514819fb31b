"""Every command, for every club, pair of clubs and tournament, in every locale, fits Discord.

The exhaustive part renders all of them (thousands of replies) and checks each against every
limit in `commands/limits.py`. The hypothesis part throws arbitrary text at every option: the
answer is always a reply within the limits — a domain error worded by `render_error` at worst —
and never an exception.
"""

from __future__ import annotations

import asyncio
import itertools
import re
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import commands as commands_package
from commands import pipeline
from commands import text as fmt
from commands.bracket import bracket
from commands.champions import champions
from commands.club import club
from commands.context import Context
from commands.errors import CommandError, render_error
from commands.help import help_reply
from commands.i18n import Locale, catalog, supported_locales, translator
from commands.path import path
from commands.relegation import relegation
from commands.reply import Reply, Select
from commands.result import result
from commands.scorers import scorers
from commands.season import season
from commands.stadiums import stadiums
from knowledge import queries
from knowledge import relegation as relegation_queries
from knowledge.errors import KnowledgeError
from knowledge.store import KnowledgeStore
from tests.helpers import text
from tests.reply_limits import violations

Handler = Callable[..., Coroutine[Any, Any, Reply]]
LOCALES = supported_locales()


def contexts(store: KnowledgeStore) -> list[Context]:
    return [Context(store.current, translator(locale)) for locale in LOCALES]


def answer(handler: Handler, ctx: Context, **options: Any) -> Reply:
    """The reply a fan would see: the handler's (with "did you mean" buttons or made private,
    as the command runs it), or the error handler's wording of its error."""
    try:
        return asyncio.run(pipeline.answer(ctx, handler.__name__, handler, options))
    except (KnowledgeError, CommandError) as error:
        reply = render_error(error, ctx.tr)
        assert reply.ephemeral
        return reply


Call = tuple[Handler, dict[str, Any]]

WITHOUT_OPTIONS: tuple[Handler, ...] = (
    champions,
    season,
    stadiums,
    help_reply,
    relegation,
    scorers,
)
"""The commands that answer with no option given (the phone layout test asks them too)."""


def every_call(store: KnowledgeStore) -> list[Call]:
    """Every command with no option, each club, each pair of clubs and each tournament."""
    season_ = store.current.season
    clubs = [c.name for c in season_.clubs]
    tournaments = [c.name for c in season_.competitions]
    calls: list[Call] = [(handler, {}) for handler in WITHOUT_OPTIONS]
    calls += [(bracket, {"tournament": t}) for t in tournaments]
    calls += [(scorers, {"tournament": t}) for t in tournaments]
    calls += [(scorers, {"tournament": t, "everyone": True}) for t in (None, *tournaments)]
    for name in clubs:
        calls += [(club, {"club": name}), (relegation, {"club": name})]
        calls += [(path, {"club": name}), (scorers, {"club": name})]
        calls += [(path, {"club": name, "tournament": t}) for t in tournaments]
        calls += [(scorers, {"club": name, "tournament": t}) for t in tournaments]
    for a, b in itertools.permutations(clubs, 2):
        calls.append((result, {"club_a": a, "club_b": b}))
        calls += [(result, {"club_a": a, "club_b": b, "tournament": t}) for t in tournaments]
    return calls


@pytest.fixture(scope="module")
def every_reply(store: KnowledgeStore) -> dict[str, list[tuple[str, Reply]]]:
    """Per locale: (what was asked, the reply) for every call. Rendered once for all checks."""
    calls = every_call(store)
    replies: dict[str, list[tuple[str, Reply]]] = {}
    for ctx in contexts(store):
        replies[ctx.tr.locale] = [
            (f"{handler.__name__} {options}", asyncio.run(handler(ctx, **options)))
            for handler, options in calls
        ]
    return replies


def test_every_command_for_every_club_pair_and_tournament(
    every_reply: dict[str, list[tuple[str, Reply]]],
) -> None:
    checked = 0
    for locale, replies in every_reply.items():
        for asked, reply in replies:
            assert violations(reply) == [], (asked, locale)
            assert not reply.ephemeral, asked
            checked += 1
    # 3 locales x (6 + 3 + 3 + 4 + 15 x 10 + 210 x 4) calls: nothing skipped.
    assert set(every_reply) == {"en", "es-ES", "es-419"}
    assert checked == 3 * (6 + 3 + 3 + 4 + 15 * 10 + 210 * 4)


HANDLERS: dict[str, Handler] = {
    handler.__name__: handler
    for handler in (
        bracket,
        champions,
        club,
        help_reply,
        path,
        relegation,
        result,
        scorers,
        season,
        stadiums,
    )
}


def pressable(reply: Reply) -> list[tuple[str, list[str]]]:
    """Every click a reply offers: (custom_id, values), one per menu option."""
    clicks: list[tuple[str, list[str]]] = []
    for row in reply.components:
        for item in row:
            if isinstance(item, Select):
                clicks += [(item.custom_id, [option.value]) for option in item.options]
            elif not item.disabled:
                clicks.append((item.custom_id, []))
    return clicks


def test_every_component_is_within_limits_and_every_click_answers(
    store: KnowledgeStore, every_reply: dict[str, list[tuple[str, Reply]]]
) -> None:
    """Switchers and pages: each id reads back, and pressing it (as its author, as anyone
    else) gives an answer within Discord's limits, in every locale."""
    clicks = {click for _, reply in every_reply["en"] for click in map(_frozen, pressable(reply))}
    season_ = store.current.season
    roads = [
        [road for road in queries.club_paths(season_, c.id) if road.steps] for c in season_.clubs
    ]
    # "Legs and scorers" under each road a club played: its season's and each tournament's.
    legs = sum(len(played) + 1 for played in roads if played)
    assert legs == 9 + 16
    # The bracket's menu (3 tournaments), each club's /path menu (3 tournaments and the
    # whole season), ▶ on the first page of every name of the season's and each liguilla's
    # scorers (the folded tally fits one page), the legs of each road, and /season's
    # changes from the previous season.
    assert len(clicks) == 3 + 15 * 4 + 3 + legs + 1
    for ctx in contexts(store):
        for custom_id, values in sorted(clicks):
            assert len(custom_id) <= 100
            for owner in (True, False):
                pressed = asyncio.run(
                    pipeline.press(
                        ctx,
                        HANDLERS,
                        custom_id,
                        values,
                        owner=owner,
                        private_message=False,
                        user="x",
                    )
                )
                shown = pressed.update if owner else pressed.new
                assert shown is not None, (custom_id, values, owner)
                assert violations(shown) == [], (custom_id, values)
                assert shown.ephemeral is not owner  # anyone else sees it privately


def _frozen(click: tuple[str, list[str]]) -> tuple[str, tuple[str, ...]]:
    return click[0], tuple(click[1])


def test_private_answers_are_ephemeral_with_a_share_button_that_shares_them(
    store: KnowledgeStore,
) -> None:
    calls: list[Call] = [(handler, {}) for handler in WITHOUT_OPTIONS]
    calls += [(club, {"club": c.name}) for c in store.current.season.clubs]
    calls += [(bracket, {"tournament": t.name}) for t in store.current.season.competitions]
    for ctx in contexts(store):
        for handler, options in calls:
            public = answer(handler, ctx, **options)
            private = answer(handler, ctx, **options, private=True)
            assert private.ephemeral and violations(private) == []
            assert private.embeds == public.embeds
            share = private.components[-1][0]
            assert share.custom_id.startswith(f"sb1:share:{handler.__name__}:")
            shared = asyncio.run(
                pipeline.press(
                    ctx, HANDLERS, share.custom_id, owner=True, private_message=True, user="<@7>"
                )
            )
            assert shared.strip and shared.new is not None
            assert not shared.new.ephemeral and shared.new.embeds == public.embeds
            assert shared.new.content == ctx.tr("components.shared_by", user="<@7>")


PHONE_WIDTH = 34
"""Monospace characters a code block holds at a phone's width (about 400 px) in Discord."""


def code_block_lines(reply: Reply) -> list[str]:
    """Every line inside a code block of the reply's embeds."""
    lines = []
    for embed in reply.embeds:
        for part in (embed.description or "", *(f.value for f in embed.fields)):
            for block in part.split("```")[1::2]:
                lines += block.removeprefix("text\n").splitlines()
    return lines


def test_every_code_block_fits_a_phone_without_cutting_a_name(
    every_reply: dict[str, list[tuple[str, Reply]]],
) -> None:
    """No line of a table wraps on a phone, and no name in it was cut short to make it fit."""
    tables = 0
    for locale, replies in every_reply.items():
        for asked, reply in replies:
            for line in code_block_lines(reply):
                assert len(line) <= PHONE_WIDTH, (locale, asked, line)
                assert "…" not in line, (locale, asked, line)
                tables += 1
    assert tables > 3 * 100


MARKED_ROW = re.compile(r"^\s*\d+ (\S.*?) +\d+ +\d+ +\d[.,]\d{4}(?: (.+))?$")


def test_relegation_markers_sit_on_the_row_they_mark(
    store: KnowledgeStore, every_reply: dict[str, list[tuple[str, Reply]]]
) -> None:
    """↓ on Zacatepec's row (the relegated club, the seed's infobox), ← on the asked club's."""
    season_ = store.current.season
    in_table = {row.club for row in season_.relegation.rows}
    for locale, replies in every_reply.items():
        for asked, reply in replies:
            if not asked.startswith("relegation"):
                continue
            rows = [MARKED_ROW.match(line) for line in code_block_lines(reply)[1:]]
            assert all(rows) and len(rows) == 6, (locale, asked)
            marks = {row.group(1).strip(): row.group(2) or "" for row in rows if row}
            assert marks.pop("Zacatepec").startswith("↓"), (locale, asked)
            chosen = [club for club, mark in marks.items() if "←" in mark]
            asked_for = {f"relegation {{'club': {season_.club(c).name!r}}}": c for c in in_table}
            asked_club = asked_for.get(asked)
            if asked_club is None or asked_club == "zacatepec":
                assert chosen == [], (locale, asked)
            else:
                assert chosen == [season_.club(asked_club).short_name], (locale, asked)


SPLIT_NAME = re.compile(r"(?<![\w.\u00a0])[A-ZÁÉÍÓÚÑ]\. \w|U\.\s?de G")
"""A regular space after an initial (`J. Gutiérrez`) or inside `U. de G.`: a phone may
wrap the name there."""


def test_no_name_is_split_at_an_initial(
    every_reply: dict[str, list[tuple[str, Reply]]],
) -> None:
    held = 0
    for locale, replies in every_reply.items():
        for asked, reply in replies:
            shown = text(reply)
            split = SPLIT_NAME.search(shown)
            assert split is None, (locale, asked, shown[max(split.start() - 20, 0) :][:50])
            held += shown.count("\u00a0")
    assert held > 1000  # J.\u00a0Gutiérrez, U.\u00a0de\u00a0G. … in thousands of replies


def first_line(reply: Reply) -> str:
    """The line a fan reads first, under the embed's title: it must answer the question."""
    text = reply.content or (reply.embeds[0].description or "")
    return text.splitlines()[0]


def test_the_first_line_answers_with_the_key_figure(
    store: KnowledgeStore, every_reply: dict[str, list[tuple[str, Reply]]]
) -> None:
    """Per command, the figure the first line must hold, computed from the knowledge:
    /result: each tie's aggregate and its winner; /bracket: the final's aggregate and the
    champion; /path: each tournament it asked about; /relegation: the relegated club's ratio,
    or the asked club's own ratio (or the ranks the source gives); /scorers: the leaders'
    goals; /champions: the Apertura's champion and final score; /season: the start date;
    /stadiums: the largest capacity; /club: the club's headline (title, relegation, stadium)."""
    snapshot = store.current
    season_ = snapshot.season
    calls = every_call(store)
    for ctx in contexts(store):
        tr = ctx.tr
        for (handler, options), (asked, reply) in zip(calls, every_reply[tr.locale], strict=True):
            line = first_line(reply).replace(fmt.WORD_JOINER, "")
            club_key = snapshot.clubs.resolve(options["club"]).key if "club" in options else None
            tournament = options.get("tournament")
            competition = snapshot.tournaments.resolve(tournament).key if tournament else None
            expected: list[str]
            if handler is result:
                a = snapshot.clubs.resolve(options["club_a"]).key
                b = snapshot.clubs.resolve(options["club_b"]).key
                h2h = queries.head_to_head(season_, a, b, competition)
                expected = [fmt.aggregate_of(o) for o in h2h.ties]
                expected += [fmt.short(season_, o.winner) for o in h2h.ties]
                if not h2h.met:
                    expected = [h2h.club_a.said_name, h2h.club_b.said_name]
            elif handler is bracket:
                found = queries.bracket(season_, competition or "")
                expected = [fmt.aggregate_of(found.final), fmt.short(season_, found.champion)]
            elif handler is path:
                roads = (
                    [queries.club_path(season_, club_key or "", competition)]
                    if competition
                    else list(queries.club_paths(season_, club_key or ""))
                )
                qualified = any(road.qualified for road in roads) or competition
                expected = [r.competition.name for r in roads] if qualified else []
            elif handler is relegation:
                table = relegation_queries.relegation_table(season_)
                standing = (
                    relegation_queries.relegation_row(season_, club_key) if club_key else None
                )
                if isinstance(standing, relegation_queries.NotInTable):
                    expected = [str(table.first_rank), str(table.last_rank)]
                else:
                    row = (standing or min(table.standings, key=lambda s: s.row.ratio)).row
                    expected = [tr.ratio(row.ratio)]
            elif handler is scorers:
                tally = queries.scorers(season_, competition, club_key)
                expected = [tr.number(tally.leaders[0].count)] if tally.rows else []
            elif handler is champions:
                apertura = queries.bracket(season_, season_.competitions[0].id)
                expected = [fmt.short(season_, apertura.champion), fmt.aggregate_of(apertura.final)]
            elif handler is season:
                expected = [tr.date(season_.season.start_date)]
            elif handler is stadiums:
                expected = [tr.number(max(c.capacity for c in season_.clubs))]
            elif handler is club:
                assert line[0] in "🏆⬆⬇🔄🏟", (tr.locale, asked, line)
                expected = []
            else:
                expected = []
            for figure in expected:
                shown = fmt.unbroken(figure).replace(fmt.WORD_JOINER, "")
                assert shown in line, (tr.locale, asked, figure, line)


PRESENT_TENSE = {
    "en": re.compile(r"\b(are champions|go through|goes through|leads with|wins|win \d|beats)\b"),
    "es": re.compile(r"\b(gana|pasa a|asciende|avanza|lidera|es el líder)\b", re.IGNORECASE),
}
"""Ways of telling a 2013–14 result as if it were happening now ("UdeG win 2–1", "Necaxa
gana 4–0"); the rules ("goes down") are not events and stay in the present."""


def test_past_events_are_told_in_the_past_tense(
    every_reply: dict[str, list[tuple[str, Reply]]],
) -> None:
    for locale, replies in every_reply.items():
        present = PRESENT_TENSE[locale.split("-")[0]]
        for asked, reply in replies:
            found = present.search(text(reply))
            assert found is None, (locale, asked, found and found.group())


def test_sources_are_one_footnote_at_the_end(
    every_reply: dict[str, list[tuple[str, Reply]]],
) -> None:
    """The decision line says what happened; where it came from and what the written rules
    alone would have given are one ℹ️ line, the last of the reply, never in a tie's lines."""
    notes = 0
    for locale, replies in every_reply.items():
        tr = translator(locale)
        source = tr("decision.source", source="").strip()
        for asked, reply in replies:
            for embed in reply.embeds:
                body = "\n".join([embed.description or "", *(f.value for f in embed.fields)])
                assert source not in body, (locale, asked)
                footer = (embed.footer or "").splitlines()
                assert all("ℹ" not in line for line in footer[:-1]), (locale, asked)
                if footer and footer[-1].startswith("ℹ️"):
                    # A decision's source, or (/season) the dates the source states, which
                    # its playoffs ran past.
                    stated = tr("season.stated_dates", **dict.fromkeys(STATED, "")).split()[:3]
                    cited = source in footer[-1] or footer[-1].split()[1:4] == stated
                    assert cited, (locale, asked, footer[-1])
                    notes += 1
    # Tecos–UAT and UdeG–Tecos in /result, /bracket, /path, /champions, in each locale.
    assert notes > 3 * 10


STATED = ("start", "end", "match", "date", "competition")
"""What `season.stated_dates` is filled with."""

SPANISH = ("es-ES", "es-419")


def test_spanish_replies_cite_no_source_in_english(
    store: KnowledgeStore, every_reply: dict[str, list[tuple[str, Reply]]]
) -> None:
    """Each recorded decision's source is shown in the reader's language."""
    season_ = store.current.season
    sources = [
        tie.decision.source
        for competition in season_.competitions
        for round_ in competition.rounds
        for tie in round_.ties
        if tie.decision is not None
    ]
    assert len(sources) == 2  # the Clausura final and the promotion final
    shown = {locale: "\n".join(text(r) for _, r in every_reply[locale]) for locale in SPANISH}
    for source in sources:
        english, spanish = (
            fmt.unbroken(" ".join(source[lang].split())).replace(fmt.WORD_JOINER, "")
            for lang in ("en", "es")
        )
        assert english in "\n".join(text(r) for _, r in every_reply["en"])
        for locale in SPANISH:
            assert english[:40] not in shown[locale], locale
            assert spanish in shown[locale], locale


def test_spanish_replies_name_no_english_command_or_option(
    every_reply: dict[str, list[tuple[str, Reply]]],
) -> None:
    english, spanish = catalog("en"), catalog("es")
    commands = {
        value
        for key, value in english.items()
        if key.startswith("command.") and key.count(".") == 2 and key.endswith(".name")
    }
    names = {
        value
        for key, value in english.items()
        if key.startswith("command.") and key.endswith(".name") and value != spanish[key]
    }
    assert {"result", "relegation", "bracket", "tournament", "question"} <= names
    pattern = re.compile(
        "|".join(rf"(?<![\w/])/{re.escape(name)}\b" for name in commands & names)
        + "|"
        + "|".join(rf"`{re.escape(name)}`|\b{re.escape(name)}:" for name in names)
    )
    for locale in SPANISH:
        for asked, reply in every_reply[locale]:
            found = pattern.search(text(reply))
            assert found is None, (locale, asked, found and found.group())


# Words Spain and Latin America say differently (`commands/locales/es-ES.yaml` holds Spain's),
# as they appear in replies.
SPAIN_WORDS = ("penaltis", "prórroga", "cabeza de serie", "clasificó", "fútbol")
LATIN_AMERICA_WORDS = ("penales", "tiempo extra", "sembrado", "calificó", "futbol")


def _words(text: str, words: tuple[str, ...]) -> set[str]:
    return {word for word in words if re.search(rf"\b{word}\b", text)}


def test_each_spanish_reader_reads_their_own_words(
    every_reply: dict[str, list[tuple[str, Reply]]],
) -> None:
    """es-ES readers get the override file's words, es-419 readers the catalog's; never the
    other's (lower case: "Club de Futbol Ballenas Galeana Morelos" is a name, not a word)."""
    spain = "\n".join(text(reply) for _, reply in every_reply["es-ES"])
    latin_america = "\n".join(text(reply) for _, reply in every_reply["es-419"])
    assert _words(spain, SPAIN_WORDS) == set(SPAIN_WORDS)
    assert _words(spain, LATIN_AMERICA_WORDS) == set()
    assert _words(latin_america, LATIN_AMERICA_WORDS) == set(LATIN_AMERICA_WORDS)
    assert _words(latin_america, SPAIN_WORDS) == set()


DOUBLE_PUNCTUATION = re.compile(r"(?<!\.)\.\.(?!\.)|,,|;;|::|\?\?|!!|,\.|;\.|:\.|\s[,.;:](?!\w)")
"""`Celaya F.C..`, `a,,b`, `, .`: a full stop after an abbreviation's, or stray ones."""
MARKERS = "↓←→↑⬆⬇🏆⚽✅❌⏭🔄ℹ"
ADJACENT_MARKERS = re.compile(rf"[{MARKERS}]\ufe0f?[{MARKERS}]")


def test_no_reply_has_double_punctuation_or_markers_run_together(
    every_reply: dict[str, list[tuple[str, Reply]]],
) -> None:
    for locale, replies in every_reply.items():
        for asked, reply in replies:
            shown = text(reply)
            punctuation = DOUBLE_PUNCTUATION.search(shown)
            assert punctuation is None, (locale, asked, shown[punctuation.start() - 30 :][:60])
            markers = ADJACENT_MARKERS.search(shown)
            assert markers is None, (locale, asked, markers.group())


COMMANDS_DIR = Path(commands_package.__file__).parent
HAND_MADE_SCORE = re.compile(r"\}\s*(?:\{(?:fmt\.)?DASH\}|–)\s*\{|\"–\"\.join")
"""`f"{a}{DASH}{b}"`, `f"{a}–{b}"`, `"–".join(...)`: a score put together by hand."""


def test_every_score_is_written_by_the_one_score_function() -> None:
    """No renderer joins two numbers with a dash itself, and the dash is defined once."""
    dash_definitions = []
    for module in sorted(COMMANDS_DIR.rglob("*.py")):
        source = module.read_text("utf-8")
        dash_definitions += [module.name for line in source.splitlines() if line.startswith("DASH")]
        for number, line in enumerate(source.splitlines(), start=1):
            if HAND_MADE_SCORE.search(line) and "def score" not in line:
                # The one score function, and the dash it writes held by word joiners.
                allowed = module.name == "text.py" and line.strip() in (
                    'return f"{a}{DASH}{b}"',
                    '_HELD_DASH = f"{WORD_JOINER}{DASH}{WORD_JOINER}"',
                )
                assert allowed, f"{module.name}:{number}: {line.strip()}"
    assert dash_definitions == ["text.py"]


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
