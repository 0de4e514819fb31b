"""`seasonbot dev`: the bot on the local Discord double, driven by lines typed at it.

Why end to end: the promise is that anyone can watch the bot's real traffic without a token,
so the test runs the command as a newcomer would (a process, lines on its stdin) and checks
that a typed command came back as the bot's answer over the double's REST routes, with the
season's real scores in it, and that a Discord token in the shell is never used for it.
"""

from __future__ import annotations

import json
import os

from knowledge import queries
from knowledge.models import Season
from tests.helpers import seasonbot, text


def dev_environment() -> dict[str, str]:
    """A shell set up for a real bot: `dev` must ignore all of it."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DISCORD_", "SEASONBOT_"))
    }
    env.update(
        PYTHONIOENCODING="utf-8",
        DISCORD_TOKEN="MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.some-other-bots-token",
        DISCORD_API_BASE="https://discord.invalid/api/v10",
    )
    return env


def test_a_typed_command_reaches_the_bot_over_the_gateway_and_its_answer_is_printed(
    season: Season,
) -> None:
    done = seasonbot("dev", "--json", stdin="/result Necaxa UdeG\n", env=dev_environment())

    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(answers) == 1, done.stdout
    answer = answers[0]
    assert answer["line"] == "/result Necaxa UdeG"
    assert answer["callback"]["type"] == 4, answer
    shown = text(answer["callback"]["data"])
    legs = queries.head_to_head(season, "necaxa", "udeg").meetings
    assert legs, "the data has Necaxa v UdeG"
    for meeting in legs:
        leg = meeting.leg
        assert f"{leg.home_goals}–{leg.away_goals}" in shown, (leg, shown)
    # What it says on stderr: where the double listens, that no token leaves the machine.
    assert "127.0.0.1" in done.stderr
    assert "No token leaves this machine" in done.stderr


def test_the_traffic_is_told_in_words() -> None:
    """Without --json: the interaction as the gateway delivered it, the callback the bot
    posted, and its message as JSON."""
    done = seasonbot("dev", stdin="/club Rayos\n/result Necaxa\n", env=dev_environment())

    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "IDENTIFY" in out
    assert "INTERACTION_CREATE" in out
    assert "/club club:Rayos" in out
    assert "type 4 (a message)" in out
    assert '"allowed_mentions"' in out
    assert "Estadio Victoria" in out
    # A line that makes no command is answered locally and never sent.
    assert out.count("INTERACTION_CREATE") == 1
    assert "/result" in out
