"""Features: one module per slash command; `commands.<name>` declares `<name>_command`.

`FEATURES` is the explicit list the bot registers when it starts and the console reads too,
so both know exactly the same commands; /help lists them in its order.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from commands.slash import SlashCommand

FEATURES: tuple[str, ...] = (
    "commands.result",
    "commands.bracket",
    "commands.path",
    "commands.relegation",
    "commands.club",
    "commands.stadiums",
    "commands.champions",
    "commands.scorers",
    "commands.season",
    "commands.ask",
    "commands.help",
    "commands.reload",
)
"""In the order /help lists them: the most asked first, the moderators' last."""


def declared_commands() -> list[SlashCommand]:
    """Every feature's declared command, in `FEATURES` order (importing each module)."""
    from commands.slash import SlashCommand

    declared = []
    for feature in FEATURES:
        name = feature.rsplit(".", 1)[-1]
        command = getattr(importlib.import_module(feature), f"{name}_command", None)
        if not isinstance(command, SlashCommand) or command.name != name:
            raise LookupError(f"{feature} declares no /{name} as {name}_command")
        declared.append(command)
    return declared


# Registers the tie lines every snapshot prepares as it loads, whichever command is imported
# first (the console and the bot load their store after importing the commands).
from commands import ties as _ties  # noqa: E402,F401
