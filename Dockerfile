# The season bot, for deployment. Build: docker build -t seasonbot .
# Run:   docker run -e DISCORD_TOKEN=... seasonbot
#   or   docker run --secret discord_token -e DISCORD_TOKEN_FILE=/run/secrets/discord_token seasonbot
# Data:  mount a folder of season YAML and point SEASONBOT_KNOWLEDGE at it to edit it live:
#        docker run -v "$PWD/seasons:/data/seasons" -e SEASONBOT_KNOWLEDGE=/data/seasons ...
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 seasonbot
WORKDIR /app

# Dependencies from pyproject.toml, without the [dev] extra. The packaged season data ships
# inside the package (knowledge/seasons), so the image answers with no volume at all.
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY commands ./commands
COPY knowledge ./knowledge
RUN pip install . && seasonbot check

USER seasonbot
ENV SEASONBOT_STATE_DIR=/home/seasonbot/.seasonbot \
    SEASONBOT_LOG_FORMAT=json

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["seasonbot", "health"]

CMD ["seasonbot", "run"]
