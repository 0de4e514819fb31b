"""A mixed load of interactions, shared by the load test and the round-trip benchmark.

Why a mix: commands differ in cost (a bracket renders six ties, autocomplete is a lookup), and
fans send all kinds at once; a load of one command would measure one handler, not the bot.
Every command of the mix must exist: a dropped one fails the load, it is not left out.
"""

from __future__ import annotations

import itertools
from typing import Any

from commands import FEATURES
from tests.e2e.double import ADMIN_GUILD_ID, FAN_GUILD_ID, DiscordDouble

MIX: tuple[tuple[str, tuple[str, ...], dict[str, Any]], ...] = (
    ("result", ("Necaxa", "UdeG"), {}),
    ("result", ("nec",), {"focused": "club_a"}),
    ("club", ("Leones Negros",), {}),
    ("stadiums", (), {}),
    ("relegation", (), {"locale": "es-419"}),
    ("bracket", ("Clausura",), {}),
    ("path", ("Tecos",), {"guild_id": FAN_GUILD_ID}),
    ("champions", (), {}),
    ("scorers", (), {"locale": "es-ES"}),
    ("result", ("Necaxa", "Chivas"), {}),
    ("season", (), {}),
    ("ask", ("¿quién ganó el Clausura?",), {"locale": "es-419"}),
)


def mixed_interactions(double: DiscordDouble, count: int) -> list[dict[str, Any]]:
    """`count` INTERACTION_CREATE payloads cycling through MIX."""
    missing = sorted({command for command, _, _ in MIX if f"commands.{command}" not in FEATURES})
    assert not missing, f"the load's commands {missing} are not in commands.FEATURES"
    return [
        double.slash(command, *args, **options)
        for command, args, options in itertools.islice(itertools.cycle(MIX), count)
    ]


BURST_MIX: tuple[tuple[str, tuple[str, ...], dict[str, Any]], ...] = (
    ("result", ("Necaxa", "UdeG"), {}),
    ("club", ("Leones Negros",), {}),
    ("relegation", (), {"locale": "es-419"}),
    ("scorers", (), {"locale": "es-ES"}),
    ("ask", ("¿quién ganó el Clausura?",), {"locale": "es-419"}),
    ("bracket", ("Clausura",), {}),
    ("path", ("Tecos",), {}),
    ("champions", (), {}),
    ("result", ("nec",), {"focused": "club_a"}),
    ("season", (), {}),
)
"""The burst of issue 15: ten kinds of interaction, two of them pictures (cold on a fresh
process: the first of each is drawn while the others queue), one autocomplete."""


def burst_interactions(
    double: DiscordDouble, count: int, guild_ids: tuple[int, ...] = (ADMIN_GUILD_ID,)
) -> list[dict[str, Any]]:
    """`count` payloads cycling through BURST_MIX, spread over `guild_ids` in turn (one guild
    per shard, so two shard processes share the load)."""
    mix = itertools.cycle(BURST_MIX)
    guilds = itertools.cycle(guild_ids)
    return [
        double.slash(command, *args, guild_id=next(guilds), **options)
        for command, args, options in itertools.islice(mix, count)
    ]
