# syntax=docker/dockerfile:1
# Two Pythons in one image: Rasa 3.6 needs 3.10, the app runs on Debian's 3.11.

# --- Stage 1: the NLU venv and the trained model (trained here, never downloaded) ----------
FROM python:3.10.15-slim-bookworm AS nlu
WORKDIR /app
COPY requirements-nlu.txt ./
RUN python -m venv /app/.venv-nlu \
 && /app/.venv-nlu/bin/pip install --no-cache-dir -r requirements-nlu.txt
COPY config.yml ./
COPY nlu ./nlu
COPY data/nlu ./data/nlu
RUN PYTHONPATH=/app /app/.venv-nlu/bin/rasa train nlu --config config.yml --nlu data/nlu \
      --out models --fixed-model-name nlu

# --- Stage 2: the app venv ---------------------------------------------------------------
FROM debian:bookworm-slim AS app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3.11 python3.11-venv \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY actions ./actions
COPY core ./core
RUN python3.11 -m venv /app/.venv \
 && /app/.venv/bin/pip install --no-cache-dir . \
 && /app/.venv/bin/pip install --no-cache-dir Babel
COPY locales ./locales
RUN /app/.venv/bin/python -m babel.messages.frontend compile -D messages -d locales
# The dictionaries searches read German, French and Spanish goods through (core/lexicon.py).
RUN apt-get update \
 && apt-get install -y --no-install-recommends dict-freedict-deu-eng dict-freedict-fra-eng \
      dict-freedict-eng-fra dict-freedict-fra-deu dict-freedict-deu-fra dict-freedict-spa-eng \
      dict-freedict-eng-spa \
 && rm -rf /var/lib/apt/lists/*
COPY scripts/build_lexicon.py ./scripts/
RUN /app/.venv/bin/python scripts/build_lexicon.py --out /app/lexicon/lexicon.sqlite

# --- Stage 3: runtime ----------------------------------------------------------------------
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3.11 ca-certificates libpq5 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 expo
# Python 3.10 for Rasa, from the official image (same Debian release, its own prefix).
COPY --from=nlu /usr/local /usr/local
WORKDIR /app
COPY --from=nlu /app/.venv-nlu ./.venv-nlu
COPY --from=nlu /app/models ./models
COPY --from=app /app/.venv ./.venv
COPY --from=app /app/locales ./locales
COPY --from=app /app/lexicon ./lexicon
COPY bot ./bot
COPY actions ./actions
COPY core ./core
COPY nlu ./nlu
COPY data ./data
RUN mkdir -p /app/var && chown expo:expo /app/var
USER 10001
# The web chat listens on all the container's interfaces; publish it to a reverse proxy
# that terminates HTTPS (README, "Web chat").
ENV PYTHONUNBUFFERED=1 \
    DATABASE_URL=sqlite:////app/var/assistant.db \
    LEXICON_PATH=/app/lexicon/lexicon.sqlite \
    NLU_MANAGE=1 \
    WEB_HOST=0.0.0.0 \
    WEB_PORT=8080
# One image, three roles: the web chat on 8080 (`bot run` or `bot web`), the Telegram bot
# (8443 is the webhook in webhook mode), and, with `.venv-nlu/bin/rasa run ...` as its
# command, an NLU server on 5005 (docker-compose.yml).
EXPOSE 8080 8443 5005
HEALTHCHECK --interval=30s --timeout=10s --start-period=120s --retries=3 \
  CMD ["/app/.venv/bin/python", "-m", "bot", "healthcheck"]
CMD ["/app/.venv/bin/python", "-m", "bot", "run"]
