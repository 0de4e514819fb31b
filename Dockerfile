# The season bot, for deployment. Build: docker build -t seasonbot .
# Run:   docker run -d --stop-timeout 20 -v seasonbot-data:/data -e DISCORD_TOKEN=... seasonbot
#   or   docker compose up -d       (docker-compose.yml: the token as a secret file)
#   or   docker stack deploy -c docker-stack.yml seasonbot   (Swarm: docker-stack.yml)
# The bot runs as uid 10001, gid 10001 (below): a token file mounted from the host must be
# readable by one of them (docker-compose.yml says how). /data is a volume: the command-sync
# state lives in /data/state, so a new container does not sync the commands again. To edit the
# season live, seed /data/seasons (see docs/deploying.md), owned by uid 10001, and set
# SEASONBOT_KNOWLEDGE=/data/seasons.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# The group's id is set as well, not left to useradd: a token file shared with the bot by
# group (chgrp 10001, chmod 0440) needs it to be 10001.
RUN groupadd --gid 10001 seasonbot \
    && useradd --create-home --uid 10001 --gid 10001 seasonbot \
    && mkdir -p /data/state \
    && chown -R seasonbot:seasonbot /data
WORKDIR /app

# Dependencies from pyproject.toml, without the [dev] extra, at the versions constraints.txt
# pins (pip-compile's lock, which CI tests): an image built next month has the libraries
# the tests passed with. The packaged season data ships inside the package
# (knowledge/seasons), so the image answers with no volume at all.
COPY pyproject.toml README.md LICENSE constraints.txt ./
COPY bot ./bot
COPY commands ./commands
COPY knowledge ./knowledge
RUN pip install --constraint constraints.txt . && seasonbot check

USER seasonbot
ENV SEASONBOT_STATE_DIR=/data/state \
    SEASONBOT_LOG_FORMAT=json
# Declared after the chown: a new named volume starts as a copy of /data, owned by seasonbot.
VOLUME ["/data"]

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["seasonbot", "health"]

# SIGTERM lets the answers in flight finish for SEASONBOT_SHUTDOWN_GRACE (10 s) before the bot
# closes: stop it with more time than that (docker stop -t 20, --stop-timeout 20, or the
# compose files' stop_grace_period), or Docker kills it at its default 10 s.
STOPSIGNAL SIGTERM
# `run` by name: plain `seasonbot` is the local console, never the bot.
CMD ["seasonbot", "run"]
