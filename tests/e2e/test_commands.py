"""Every slash command, autocomplete and error, through the real discord.py client.

Why end to end: handler tests prove the replies; these prove what reaches Discord — the
callback type, `flags: 64` on errors, `allowed_mentions`, the limits, Spanish for a Spanish
client — and that the command definitions the bot synced at start-up are the ones it answers.
The facts asserted are ones any good reply must contain (the season's data,
`knowledge/seasons/2013-14.yaml`), not wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from commands import FEATURES
from commands.i18n import translator
from tests.e2e.botproc import BotProcess
from tests.e2e.checks import ask, complete
from tests.e2e.double import ADMIN_GUILD_ID, FAN_GUILD_ID, MODERATOR_ROLE_ID, DiscordDouble

pytestmark = pytest.mark.asyncio(loop_scope="module")

EN = translator("en")
ES = translator("es-419")
EPHEMERAL = 64


@dataclass(frozen=True)
class Case:
    command: str
    args: tuple[str, ...]
    facts: tuple[str, ...]

    @property
    def id(self) -> str:
        return " ".join((self.command, *self.args))


CASES = (
    Case(
        "result",
        ("Necaxa", "UdeG"),
        ("1–0", "1–1", "2–1", "J.\u00a0Gutiérrez", "J.\u00a0Goncalves"),
    ),
    Case("result", ("Leones Negros", "Rayos", "Apertura"), ("1–0", "1–1", "2–1", "55'", "86'")),
    Case("result", ("Necaxa", "Tecos", "Clausura"), ("0–0", "Tecos", "Necaxa")),
    Case("result", ("Tecos", "UdeG", "promotion final"), ("0–0", "1–1", "4–3", "Alatorre")),
    # /bracket is short for a phone: the overview's aggregates, and where the legs are (/result).
    Case("bracket", ("Apertura",), ("UdeG", "Oaxaca", "Necaxa", "5–2", "2–1", "/result")),
    Case("bracket", ("Clausura",), ("Tecos", "UAT", "Oaxaca", "4–3", "Dorados")),
    # /path tells each round from the club's side (Necaxa lost the final 1–2); a round's legs
    # are one tap away.
    Case("path", ("Necaxa",), ("San Luis", "Delfines", "UdeG", "4–0", "7–0", "1–2")),
    Case("path", ("UdeG", "Clausura"), ("Oaxaca", "2–3", "quarterfinals")),
    Case("champions", (), ("UdeG", "Tecos", "Zacatepec", "4–3", "Liga MX")),
    Case("season", (), ("19 Jul 2013", "12 Apr 2014", "Apertura 2013", "Clausura 2014", "58")),
    Case("help", (), ("/result", "/bracket", "/club")),
    Case("relegation", (), ("0.9524", "Zacatepec", "1.2619", "Dorados")),
    Case("relegation", ("Zacatepec",), ("0.9524", "80", "84")),
    Case("club", ("UdeG",), ("55,020", "Estadio Jalisco", "Guadalajara")),
    Case("club", ("Rayos",), ("Necaxa", "23,851", "Estadio Victoria", "Aguascalientes")),
    Case("stadiums", (), ("55,020", "Estadio Jalisco", "25,111", "8,985")),
    Case("scorers", (), ("V.\u00a0Lojero", "6", "58")),
    Case("scorers", ("Clausura",), ("D.\u00a0Santoya", "3")),
    Case("ask", ("who won the Clausura?",), ("Tecos", "4–3")),
    Case("ask", ("what is the capacity of Estadio Jalisco?",), ("55,020",)),
)


def synced(double: DiscordDouble, guild_id: int | None) -> list[dict[str, Any]]:
    scoped = [sync for sync in double.syncs if sync.guild_id == guild_id]
    assert len(scoped) == 1, f"{len(scoped)} syncs of scope {guild_id}"
    return scoped[0].commands


async def test_every_feature_has_an_e2e_case() -> None:
    """A command added to FEATURES without an e2e case here fails, so none goes untested; a
    case whose command left FEATURES fails too (here, and in its own test), never skipped.
    (Each feature module is named after its command: commands/result.py is /result.)"""
    commands = {feature.rsplit(".", 1)[-1] for feature in FEATURES} - {"reload"}
    assert commands == {case.command for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
async def test_command_answers_with_the_facts(
    double: DiscordDouble, bot: BotProcess, case: Case
) -> None:
    answer = await ask(double, double.slash(case.command, *case.args))
    assert not answer.ephemeral, answer.text
    assert answer.data.get("embeds") or answer.data.get("content")
    for fact in case.facts:
        assert fact in answer.text, f"/{case.id}: {fact!r} missing from:\n{answer.text}"


async def test_help_lists_every_command(double: DiscordDouble, bot: BotProcess) -> None:
    answer = await ask(double, double.slash("help"))
    for command in synced(double, None):
        assert f"/{command['name']}" in answer.text, command["name"]


async def test_commands_work_in_direct_messages(double: DiscordDouble, bot: BotProcess) -> None:
    answer = await ask(double, double.slash("stadiums", guild_id=None))
    assert "55,020" in answer.text


# -- sync at start-up --------------------------------------------------------------------


async def test_start_up_synced_global_commands_without_reload(
    double: DiscordDouble, bot: BotProcess
) -> None:
    names = [command["name"] for command in synced(double, None)]
    expected = {feature.rsplit(".", 1)[-1] for feature in FEATURES} - {"reload"}
    assert set(names) == expected
    assert len(names) == len(set(names))


async def test_start_up_synced_reload_to_the_admin_guild_only(
    double: DiscordDouble, bot: BotProcess
) -> None:
    (reload,) = synced(double, ADMIN_GUILD_ID)
    assert reload["name"] == "reload"
    # Manage Server. discord.py sends the bitfield as a number, which Discord accepts; the
    # double answers with the string Discord returns.
    assert str(reload["default_member_permissions"]) == "32"
    assert [option["type"] for option in reload["options"]] == [11]  # an attachment
    assert not any(sync.guild_id == FAN_GUILD_ID for sync in double.syncs)


async def test_synced_definitions_are_valid_and_translated(
    double: DiscordDouble, bot: BotProcess
) -> None:
    for command in synced(double, None) + synced(double, ADMIN_GUILD_ID):
        items = [command, *command.get("options", [])]
        for item in items:
            assert 1 <= len(item["name"]) <= 32, item["name"]
            assert 1 <= len(item["description"]) <= 100, item["description"]
            for locale in ("es-ES", "es-419"):
                names = item.get("name_localizations") or {}
                descriptions = item.get("description_localizations") or {}
                assert names.get(locale), f"{item['name']}: no {locale} name"
                assert descriptions.get(locale), f"{item['name']}: no {locale} description"
                assert 1 <= len(names[locale]) <= 32
                assert 1 <= len(descriptions[locale]) <= 100
        assert command["name_localizations"]["es-419"] == ES(f"command.{command['name']}.name")


# -- autocomplete ------------------------------------------------------------------------


async def test_club_autocomplete_puts_necaxa_first(double: DiscordDouble, bot: BotProcess) -> None:
    choices = await complete(double, double.slash("result", "nec", focused="club_a"))
    assert choices, "no choices for 'nec'"
    assert "Necaxa" in choices[0]["name"]
    # The value must resolve exactly: use it as the option and the command answers.
    answer = await ask(double, double.slash("club", choices[0]["value"]))
    assert "Necaxa" in answer.text


async def test_tournament_autocomplete(double: DiscordDouble, bot: BotProcess) -> None:
    choices = await complete(
        double, double.slash("result", "Necaxa", "UdeG", "clau", focused="tournament")
    )
    assert "Clausura" in choices[0]["name"]


async def test_every_autocomplete_option_answers_within_limits(
    double: DiscordDouble, bot: BotProcess
) -> None:
    """Every option the bot declared `autocomplete: true`, with empty, short, accented and
    nonsense input: always a type 8 with at most 25 choices of 1–100 characters."""
    checked = 0
    for command in synced(double, None) + synced(double, ADMIN_GUILD_ID):
        for option in command.get("options", []):
            if not option.get("autocomplete"):
                continue
            for typed in ("", "u", "Mérida", "zz" * 50, "@everyone"):
                values: dict[str, Any] = {option["name"]: typed}
                payload = double.slash(command["name"], focused=option["name"], **values)
                await complete(double, payload)
                checked += 1
    assert checked >= 5 * 3, "expected club and tournament options to autocomplete"


# -- errors -----------------------------------------------------------------------------


def assert_error(answer: Any, *expected: str) -> None:
    assert answer.type == 4
    assert answer.flags & EPHEMERAL, f"an error must be ephemeral: {answer.body}"
    for text in expected:
        assert text in answer.text, f"{text!r} missing from:\n{answer.text}"


async def test_unknown_club_is_an_ephemeral_error(double: DiscordDouble, bot: BotProcess) -> None:
    answer = await ask(double, double.slash("result", "Necaxa", "Chivas"))
    assert_error(answer, "Chivas", EN("error.title"))
    assert "Guadalajara" not in answer.text  # never a near match to another club


async def test_near_miss_suggests_the_club(double: DiscordDouble, bot: BotProcess) -> None:
    answer = await ask(double, double.slash("club", "Azul Hidalgo"))
    assert_error(answer, "Cruz Azul Hidalgo")


async def test_former_name_points_to_the_club(double: DiscordDouble, bot: BotProcess) -> None:
    answer = await ask(double, double.slash("path", "Irapuato"))
    assert_error(answer, "Irapuato", "Zacatepec")


async def test_same_club_twice(double: DiscordDouble, bot: BotProcess) -> None:
    """Rayos is Necaxa's nickname: names are resolved before they are compared."""
    answer = await ask(double, double.slash("result", "Necaxa", "Rayos"))
    assert_error(answer, EN("error.same_club"))


async def test_bad_tournament(double: DiscordDouble, bot: BotProcess) -> None:
    answer = await ask(double, double.slash("bracket", "Copa Libertadores"))
    assert_error(answer, "Copa Libertadores", "Apertura 2013", "Clausura 2014")
    answer = await ask(double, double.slash("result", "Necaxa", "UdeG", "Liga"))
    assert_error(answer, "Liga")


async def test_unknown_command_still_gets_an_ephemeral_answer(
    double: DiscordDouble, bot: BotProcess
) -> None:
    """A stale command Discord still shows (removed from the bot since) must not leave the
    fan with "The application did not respond"."""
    answer = await ask(double, double.slash("transfers", guild_id=FAN_GUILD_ID))
    assert_error(answer, "/transfers is not a command any more")


# -- mentions ----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["@everyone", "@here", f"<@&{MODERATOR_ROLE_ID}>", "**Chivas**"])
async def test_echoed_text_is_defused(double: DiscordDouble, bot: BotProcess, typed: str) -> None:
    answer = await ask(double, double.slash("club", typed))
    assert_error(answer)
    assert typed not in answer.text, f"echoed verbatim: {answer.text}"
    assert answer.data["allowed_mentions"] == {"parse": []}


async def test_question_echo_is_defused(double: DiscordDouble, bot: BotProcess) -> None:
    """/ask quotes the question back when it cannot answer it: the quote must not ping."""
    question = f"@everyone <@&{MODERATOR_ROLE_ID}> what about **Chivas**?"
    answer = await ask(double, double.slash("ask", question))
    for raw in ("@everyone", f"<@&{MODERATOR_ROLE_ID}>", "**Chivas**"):
        assert raw not in answer.text, f"{raw} echoed verbatim: {answer.text}"
    assert answer.data["allowed_mentions"] == {"parse": []}


# -- Spanish -----------------------------------------------------------------------------


async def test_spanish_client_gets_spanish(double: DiscordDouble, bot: BotProcess) -> None:
    answer = await ask(double, double.slash("result", "Necaxa", "UdeG", locale="es-419"))
    assert ES("result.footer") in answer.text
    assert EN("result.footer") not in answer.text
    assert "2–1" in answer.text


async def test_spanish_question(double: DiscordDouble, bot: BotProcess) -> None:
    answer = await ask(double, double.slash("ask", "¿quién ganó el Apertura?", locale="es-419"))
    assert "**UdeG** ganó el Apertura 2013" in answer.text  # the name fans use, as /result
    assert "2–1" in answer.text
    # The bracket under the lead is Spanish too: "Resumen: ganador primero…", not "Overview…".
    assert ES("bracket.legend.intro") in answer.text
    assert EN("bracket.legend.intro") not in answer.text


async def test_spanish_error(double: DiscordDouble, bot: BotProcess) -> None:
    answer = await ask(double, double.slash("result", "Necaxa", "Chivas", locale="es-419"))
    assert_error(answer, ES("error.title"), "Chivas")


@pytest.mark.parametrize(
    ("locale", "capacity"), [("en-US", "55,020"), ("es-419", "55,020"), ("es-ES", "55.020")]
)
async def test_numbers_follow_the_locale(
    double: DiscordDouble, bot: BotProcess, locale: str, capacity: str
) -> None:
    answer = await ask(double, double.slash("stadiums", locale=locale))
    assert capacity in answer.text


async def test_guild_locale_is_the_fallback(double: DiscordDouble, bot: BotProcess) -> None:
    """A French client in a Latin-American server reads Spanish, not English."""
    payload = double.slash("result", "Necaxa", "UdeG", locale="fr", guild_id=FAN_GUILD_ID)
    answer = await ask(double, payload)
    assert ES("result.footer") in answer.text


async def test_no_errors_logged(double: DiscordDouble, bot: BotProcess) -> None:
    """Errors a fan causes (a stale command included) are INFO, not ERROR with a traceback."""
    errors = [record for record in bot.log_records() if record["level"] == "ERROR"]
    assert not errors, errors
