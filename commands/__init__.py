"""Features: one module per slash command, each with `async def setup(bot)`.

`FEATURES` is the explicit list the bot loads in `setup_hook` and the console loads too, so
both know exactly the same commands.
"""

FEATURES: tuple[str, ...] = (
    "commands.result",
    "commands.bracket",
    "commands.path",
    "commands.champions",
    "commands.season",
    "commands.help",
    "commands.relegation",
    "commands.club",
    "commands.stadiums",
    "commands.scorers",
    "commands.ask",
    "commands.reload",
)

# Registers the tie lines every snapshot prepares as it loads, whichever command is imported
# first (the console and the bot load their store after importing the commands).
from commands import ties as _ties  # noqa: E402,F401
