"""The end-to-end tests' Discord double, served on 127.0.0.1 until SIGTERM, for
.ci/docker-steps: it runs the image's start as its user would, connected, without Discord.

Usage: PYTHONPATH=<repository> python .ci/discord_double.py ENV_FILE
ENV_FILE receives the variables that point a bot at the double (DISCORD_API_BASE=…, one a
line), once it is listening.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

from tests.e2e.double import DiscordDouble


async def serve(env_file: Path) -> None:
    async with DiscordDouble() as double:
        settings = {k: v for k, v in double.env().items() if k != "DISCORD_TOKEN"}
        text = "".join(f"{k}={v}\n" for k, v in settings.items())
        await asyncio.to_thread(env_file.write_text, text, "utf-8")
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(serve(Path(sys.argv[1])))
