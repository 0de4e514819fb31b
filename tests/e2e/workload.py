"""A mixed load of interactions, shared by the load test and the round-trip benchmark.

Why a mix: commands differ in cost (a bracket renders six ties, autocomplete is a lookup), and
fans send all kinds at once; a load of one command would measure one handler, not the bot.
Only commands in FEATURES are used, so the load follows the commands that exist.
"""

from __future__ import annotations

import itertools
from typing import Any

from commands import FEATURES
from tests.e2e.double import FAN_GUILD_ID, DiscordDouble

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
    """`count` INTERACTION_CREATE payloads cycling through the commands that exist."""
    available = [entry for entry in MIX if f"commands.{entry[0]}" in FEATURES]
    return [
        double.slash(command, *args, **options)
        for command, args, options in itertools.islice(itertools.cycle(available), count)
    ]
