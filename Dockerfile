# The season bot, for deployment. Build: docker build -t seasonbot .
# Run:   docker run -v seasonbot-data:/data -e DISCORD_TOKEN=... seasonbot
#   or   docker compose up -d   (docker-compose.yml: the token as a compose secret, state on a volume)
# /data is a volume: the command-sync state lives in /data/state, so a new container does not
# sync the commands again. To edit the season live, seed /data/seasons (see the README) and set
# SEASONBOT_KNOWLEDGE=/data/seasons. The folder must belong to uid 10001 (the user below).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 seasonbot \
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

CMD ["seasonbot", "run"]
