"""/ask through its handler, over the whole question set (tests/knowledge/questions.yaml).

Each in-scope reply must contain every fact its question names (formatted for the reply's
language: a Spanish question gets a Spanish answer); each out-of-scope reply must be the
polite "I don't know" and contain none of the tempting facts. Every case must pass on its own
(the ratchet: the set has no known misses, so a case that passes keeps passing); the set's
gates are 95% and 100% for the out-of-scope set: the bot never answers what the data does not
hold. Every reply must also fit Discord's limits.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from commands import FEATURES
from commands.ask import ask as ask_handler
from commands.ask import ask_command
from commands.ask.common import is_dont_know
from commands.ask.handler import answer_question, reply_locale
from commands.context import Context
from commands.i18n import catalog, translator
from commands.registration import app_command
from commands.reply import Button, Reply
from knowledge.store import KnowledgeStore, packaged_seasons
from tests.commands.ask_batches import refuses
from tests.helpers import payload_text, placeholders
from tests.reply_limits import violations


async def ask(ctx: Context, question: str) -> Reply:
    """/ask's answer, its lead read as typed text: the word joiners and no-break spaces that
    hold scores and names together on a phone (`tests/commands/test_phone_layout.py` checks
    them) are left out, so that these tests compare words."""
    reply = await ask_handler(ctx, question)
    lead = reply.content.replace("\u2060", "").replace("\u00a0", " ") if reply.content else None
    return dataclasses.replace(reply, content=lead)


QUESTIONS = Path(__file__).resolve().parents[1] / "knowledge" / "questions.yaml"
SET: dict[str, list[dict[str, Any]]] = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
IN_SCOPE = SET["questions"]
OUT_OF_SCOPE = SET["out_of_scope"]
THRESHOLD = 0.95


@pytest.fixture(scope="module")
def replies() -> dict[str, Reply]:
    """Every question of the set answered once by the handler, the reader's locale English."""
    ctx = Context(KnowledgeStore(packaged_seasons()).current, translator("en"))

    async def answer_all() -> dict[str, Reply]:
        cases = IN_SCOPE + OUT_OF_SCOPE
        return {case["q"]: await ask(ctx, case["q"]) for case in cases}

    return asyncio.run(answer_all())


def misses_in_scope(case: dict[str, Any], reply: Reply) -> list[str]:
    # Facts are written as a fan types them: a no-break space reads as a space.
    text = payload_text(reply).replace("\u00a0", " ")
    found = [f"missing {fact!r}" for fact in case["facts"] if fact not in text]
    if refuses(reply):
        found.append("answered “I don't know”")
    return found


def misses_out_of_scope(case: dict[str, Any], reply: Reply) -> list[str]:
    text = payload_text(reply).replace("\u00a0", " ")
    found = [f"states {fact!r}" for fact in case["forbidden"] if fact in text]
    if not refuses(reply):
        found.append(f"answered instead of “I don't know”: {reply.content!r}")
    return found


def report(replies: dict[str, Reply]) -> dict[str, list[str]]:
    found = {case["q"]: misses_in_scope(case, replies[case["q"]]) for case in IN_SCOPE}
    found |= {case["q"]: misses_out_of_scope(case, replies[case["q"]]) for case in OUT_OF_SCOPE}
    return found


# ---------------------------------------------------------------------------------------------
# The set, case by case (a report) and as a whole (the gate)


@pytest.mark.parametrize("case", IN_SCOPE, ids=[str(c["q"])[:60] for c in IN_SCOPE])
def test_answer(case: dict[str, Any], replies: dict[str, Reply]) -> None:
    wrong = misses_in_scope(case, replies[case["q"]])
    assert not wrong, "; ".join(wrong)


@pytest.mark.parametrize("case", OUT_OF_SCOPE, ids=[str(c["q"])[:60] for c in OUT_OF_SCOPE])
def test_refusal(case: dict[str, Any], replies: dict[str, Reply]) -> None:
    wrong = misses_out_of_scope(case, replies[case["q"]])
    assert not wrong, "; ".join(wrong)


def test_at_least_95_percent_of_the_set_is_answered_right(replies: dict[str, Reply]) -> None:
    found = report(replies)
    lines = []
    for language in ("en", "es"):
        for label, cases in (("in scope", IN_SCOPE), ("out of scope", OUT_OF_SCOPE)):
            mine = [case for case in cases if case["lang"] == language]
            right = sum(not found[case["q"]] for case in mine)
            lines.append(f"{language} {label}: {right}/{len(mine)} = {right / len(mine):.1%}")
    misses = [f"{q!r}: {'; '.join(wrong)}" for q, wrong in found.items() if wrong]
    accuracy = 1 - len(misses) / len(found)
    print("\n".join(["end-to-end accuracy", *lines, f"all: {accuracy:.1%}", *misses]))
    assert accuracy >= THRESHOLD, f"{accuracy:.1%} < 95%:\n" + "\n".join(misses)


def test_out_of_scope_is_always_i_dont_know_and_never_a_fact(replies: dict[str, Reply]) -> None:
    wrong = {
        case["q"]: misses_out_of_scope(case, replies[case["q"]])
        for case in OUT_OF_SCOPE
        if misses_out_of_scope(case, replies[case["q"]])
    }
    assert wrong == {}


def test_every_reply_fits_discord(replies: dict[str, Reply]) -> None:
    broken = {q: violations(reply) for q, reply in replies.items() if violations(reply)}
    assert broken == {}
    assert all(
        reply.to_payload()["allowed_mentions"] == {"parse": []} for reply in replies.values()
    )


def test_clear_spanish_questions_get_spanish_answers(replies: dict[str, Reply]) -> None:
    english = []
    for case in IN_SCOPE + OUT_OF_SCOPE:
        if case["lang"] == "es" and reply_locale(case["q"], "en") != "en":
            reply = replies[case["q"]]
            if is_dont_know(reply, translator("en")) or (
                reply.content and any(w in reply.content for w in (" on aggregate", " won the "))
            ):
                english.append(case["q"])
    assert english == []


# ---------------------------------------------------------------------------------------------
# Language


@pytest.mark.parametrize(
    ("question", "fallback", "locale"),
    [
        ("¿quién ganó el Clausura?", "en", "es-419"),
        ("¿quién ganó el Clausura?", "es-ES", "es-ES"),
        ("who won the Clausura?", "es-419", "en"),
        ("Necaxa vs UdeG", "es-419", "es-419"),
        ("Necaxa vs UdeG", "en", "en"),
    ],
)
def test_reply_locale(question: str, fallback: Any, locale: str) -> None:
    assert reply_locale(question, fallback) == locale


async def test_a_question_with_no_telling_words_is_answered_in_the_readers_language(
    ctx_es: Context,
) -> None:
    reply = await ask(ctx_es, "Necaxa vs UdeG")
    assert "2–1 en el global ante Necaxa" in (reply.content or "")


async def test_spain_keeps_its_number_format(store: KnowledgeStore) -> None:
    reply = await ask(
        Context(store.current, translator("es-ES")), "¿cuál es el estadio más grande?"
    )
    assert "55.020" in (reply.content or "")


async def test_a_spanish_question_gets_the_answer_in_spanish(ctx: Context) -> None:
    reply = await ask(ctx, "¿quién descendió?")
    assert reply.content == (
        "⬇️ **Zacatepec 1948** descendió con el cociente más bajo, 0.9524 (80 puntos en 84 "
        "partidos). Aun así se quedó en la liga al comprar la plaza de Cruz Azul Hidalgo."
    )


# ---------------------------------------------------------------------------------------------
# Direct answers lead


async def test_the_direct_answer_leads_and_the_command_reply_follows(ctx: Context) -> None:
    reply = await ask(ctx, "who won the Clausura?")
    assert reply.content == (
        "🏆 **Tecos** won the Clausura 2014: 1–1 on aggregate against UAT, 4–3 on penalties."
    )
    assert reply.embeds[0].title == "Clausura 2014 · liguilla"  # /bracket's reply
    assert not reply.ephemeral


async def test_a_name_ending_in_a_stop_ends_the_sentence_once(ctx: Context) -> None:
    reply = await ask(ctx, "¿contra quién jugó UdeG en los cuartos del Clausura?")
    assert (reply.content or "").endswith("ante UdeG.")  # one stop, never "U. de G.."


async def test_relegation_ranks_the_source_leaves_out_are_not_guessed(ctx: Context) -> None:
    reply = await ask(ctx, "what was Necaxa's ratio?")
    assert refuses(reply)
    body = (reply.embeds[0].description or "").replace("\u2060", "")
    assert "the source lists only ranks 10–15" in body
    assert re.search(r"\d\.\d{4}", body) is None  # no ratio at all, let alone a guessed one


# ---------------------------------------------------------------------------------------------
# Echoed text never pings; mentions and DMs


async def test_a_players_goals_against_a_club_in_a_leg_with_their_minutes(ctx: Context) -> None:
    """The seed: Goncalves scored against Delfines 14' and 70' in the Apertura semifinals and
    once, with no minute given, in the Clausura quarterfinals' second leg (Necaxa 4-1)."""
    against = (await ask(ctx, "how many goals did goncalves score against delfines")).content
    assert against is not None and "scored 3 goals" in against and "against Delfines" in against
    one = (await ask(ctx, "what minute did goncalves score vs delfines in the 2nd leg")).content
    assert one is not None and "Necaxa 4–1 Delfines (minute not recorded)" in one
    assert "Necaxa 3–0 Delfines 70'" in one  # the Apertura semifinal's second leg, too
    gutierrez = await ask(ctx, "what minute did gutierrez score in the apertura final first leg")
    assert "scored 1 goal" in (gutierrez.content or "")
    assert "UdeG 1–0 Necaxa 55'" in (gutierrez.content or "")
    # The player's own club is not an opponent: all six of Lojero's goals.
    assert "scored 6 goals" in ((await ask(ctx, "lojero goals for necaxa")).content or "")


async def test_draws_and_scores_asked_of_a_tournament_are_its_legs(ctx: Context) -> None:
    """The seed's Clausura liguilla has seven drawn legs; no Apertura leg ended 0-0."""
    draws = (await ask(ctx, "cuantos empates hubo en la liguilla del clausura")).content or ""
    assert draws.startswith("7 partidos de Clausura 2014 que terminaron empatados: ")
    assert "Delfines 2–2 Necaxa" in draws and "UAT 1–1 Tecos" in draws
    assert "ganó" not in draws  # not the Clausura's champion
    none = await ask(ctx, "was there any 0-0 in the apertura")
    assert none.content == "❌ No: none of the legs of Apertura 2013 ended 0–0."
    clausura = (await ask(ctx, "was there any 0-0 in the clausura")).content or ""
    assert clausura.count("0–0") == 3


async def test_stadia_past_a_capacity_are_listed_and_counted(ctx: Context) -> None:
    """The seed's table: four grounds over 20,000, two under 10,000, none over 60,000."""
    over = (await ask(ctx, "which stadiums hold more than 20,000")).content or ""
    assert over.startswith("🏟️ 4 stadia hold more than 20,000:")
    for ground in ("Jalisco (55,020)", "Lastras (25,111)", "Victoria (23,851)", "Alemán (23,182)"):
        assert ground in over
    under = (await ask(ctx, "cuantos estadios tienen menos de 10 mil de aforo")).content or ""
    assert under.startswith("🏟️ 2 estadios tienen aforo de menos de 10,000:")
    assert "Altamira (9,581)" in under and "UAC (8,985)" in under
    at_least = (await ask(ctx, "which ground holds at least 25,111 fans")).content or ""
    assert "Lastras (25,111)" in at_least  # at least: the bound itself counts
    none = (await ask(ctx, "how many stadiums have more than 60,000 seats")).content
    assert none == "🏟️ No stadium of the season holds more than 60,000."


async def test_the_question_is_echoed_escaped(ctx: Context) -> None:
    reply = await ask(ctx, "what is the weather like, **@everyone**? <@&123>")
    body = reply.embeds[0].description or ""
    assert "\\*\\*" in body
    assert "@everyone" not in body.replace("@\u200beveryone", "")
    assert reply.to_payload()["allowed_mentions"] == {"parse": []}


async def test_answer_question_takes_the_mention_out(ctx: Context) -> None:
    reply = await answer_question(ctx, "<@!987654321> quien gano el apertura")
    assert (reply.content or "").startswith("🏆 **UdeG** ganó el Apertura 2013")


async def test_a_bare_mention_gets_help_not_an_error(ctx: Context) -> None:
    reply = await answer_question(ctx, "<@987654321>")
    assert refuses(reply)
    assert "Ask me something about the season" in (reply.embeds[0].description or "")
    assert reply.ephemeral  # a usage slip, like any other error reply
    assert violations(reply) == []


async def test_a_question_over_the_limit_is_refused_and_the_reply_names_it(
    ctx: Context,
) -> None:
    """Never cut short and answered: a 2,521-character DM is refused with the limit, 300."""
    reply = await answer_question(ctx, "who won the Clausura? " + "blah " * 500)
    assert refuses(reply)
    body = reply.embeds[0].description or ""
    assert "2,521 characters" in body and "up to 300" in body
    assert "Tecos" not in payload_text(reply)
    assert violations(reply) == []
    spanish = await answer_question(ctx, "¿quién ganó el Clausura? " + "bla " * 100)
    assert "leo preguntas de hasta 300" in (spanish.embeds[0].description or "")
    exact = await answer_question(ctx, "who won the Clausura?".ljust(300, "?"))
    assert "Tecos" in (exact.content or "")  # 300 is still read


def test_the_reader_and_the_discord_option_share_the_limit() -> None:
    from commands import declared_commands
    from commands.registration import app_command
    from knowledge.questions.words import MAX_QUESTION_CHARS as READER

    (declared,) = [command for command in declared_commands() if command.name == "ask"]
    (question,) = [p for p in app_command(declared).parameters if p.name == "question"]
    assert question.max_value == READER == 300  # a text option's range is its length


# ---------------------------------------------------------------------------------------------
# The command


def test_the_command_takes_the_rest_of_the_line() -> None:
    assert ask_command.name == "ask"
    assert ask_command.extras == {"handler": ask_handler, "rest_of_line": True}
    option, private = app_command(ask_command).parameters
    assert (option.name, option.required, option.max_value) == ("question", True, 300)
    assert (private.name, private.required) == ("private", False)
    assert "commands.ask" in FEATURES


def test_spanish_names_for_the_command_and_its_option() -> None:
    assert catalog("es")["command.ask.name"] == "preguntar"
    assert catalog("es")["command.ask.options.question.name"] == "pregunta"
    for language in ("en", "es"):
        assert len(catalog(language)["command.ask.description"]) <= 100
        assert len(catalog(language)["command.ask.options.question.description"]) <= 100


def test_every_ask_string_is_in_both_languages_with_the_same_fields() -> None:
    english = {k: v for k, v in catalog("en").items() if k.startswith("ask.")}
    spanish = {k: v for k, v in catalog("es").items() if k.startswith("ask.")}
    assert english.keys() == spanish.keys()
    assert {k: placeholders(v) for k, v in english.items()} == {
        k: placeholders(v) for k, v in spanish.items()
    }


async def test_the_console_passes_the_whole_line(store: KnowledgeStore) -> None:
    from bot.console import Console

    console = Console(store, "en")
    quoted = await console.answer('/ask who won the "Clausura"? tournament:x')
    bare = await console.answer("¿quién ganó el Clausura?")
    spanish = await console.answer("/preguntar ¿quién ganó el Clausura?")
    assert "Tecos" in (quoted.content or "")
    assert bare.content == spanish.content
    assert "ganó el Clausura 2014" in (spanish.content or "")


async def test_a_word_two_clubs_share_is_asked_back_with_a_button_each(ctx: Context) -> None:
    """Estudiantes Tecos, and Altamira (Estudiantes de Altamira): never a guess."""
    reply = await ask(ctx, "where do estudiantes play")
    assert (
        reply.content
        == "🤔 Which club do you mean by “estudiantes”: Altamira or Estudiantes Tecos?"
    )
    buttons = [b for row in reply.components for b in row if isinstance(b, Button)]
    assert [button.label for button in buttons] == ["Altamira", "Tecos"]
    ids = [button.custom_id for button in buttons]
    assert ids[1] == "sb1:go:ask:question=where do Tecos play"
    tecos = await ask(ctx, "where do Tecos play")
    assert "Estadio Tres de Marzo" in (tecos.content or "")


@pytest.mark.parametrize(
    ("question", "private"),
    [
        ("where do estudiantes play", True),  # which club: the asker picks
        ("who won the apertura tripping", True),  # a word to drop: the asker clicks
        ("who won the apertura " + "really " * 60, True),  # too long: the asker shortens it
        ("who was necaxa's coach", False),  # not in the data: an answer for the channel
        ("who won the apertura", False),
    ],
)
async def test_a_reply_the_asker_must_act_on_is_private_and_an_answer_public(
    ctx: Context, question: str, private: bool
) -> None:
    """One rule for every /ask reply: which club, which reading, a shorter text are the
    asker's alone; an answer, "not in the data" included, is the channel's."""
    reply = await ask(ctx, question)
    assert reply.ephemeral is private
    if private:
        assert reply.components or is_dont_know(reply, ctx.tr)


@pytest.mark.parametrize(
    "question",
    [
        "20 right? contra el algun?",  # a number claimed of every goal: the total, no club
        "1 clausura every vuelta minute?",
        "is nobody any did 7 sembrar",
        "cierto? hat mas nobody cuantos trick 7 cada average",
        "did drew jalisco estadio reglas ninguno estadio en apertura average",  # "no" + a mean
    ],
)
async def test_word_salad_gets_a_reply_never_a_traceback(ctx: Context, question: str) -> None:
    """Found by feeding /ask random runs of its own words: each raised KeyError once."""
    reply = await ask_handler(ctx, question)
    assert reply.content or reply.embeds


async def test_questions_asked_one_after_another_are_answered_in_order(ctx: Context) -> None:
    """ "Mérida won the second leg vs UdeG? by how much": a Yes for the first, then the
    answer to the second, which speaks of the clubs the first named."""
    reply = await ask(ctx, "merida won the second leg vs udeg? by how much")
    first, then = (reply.content or "").split("\n")[:2]
    assert first.startswith("✅ Yes") and "Mérida 2–0 UdeG" in first
    assert "5–2 on aggregate" in then
    reply = await ask(ctx, "did necaxa make the apertura final? who scored for them there")
    first, then = (reply.content or "").split("\n")[:2]
    assert first.startswith("✅ Yes")
    assert "J. Goncalves (Necaxa) 86'" in then
    # What the first answer already said is not said again.
    reply = await ask(ctx, "who went down? and what was their ratio?")
    assert (reply.content or "").count("0.9524") == 1
