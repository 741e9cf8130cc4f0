# PR Sieve GitHub App: `sieve serve` as a non-root user.
# Build: docker build -t pr-sieve .   Run: see deploy/README.md (Helm chart in deploy/helm/pr-sieve).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    SIEVE_DATABASE_URL=sqlite:////data/sieve.db

RUN groupadd --system --gid 10001 sieve \
 && useradd --system --uid 10001 --gid sieve --home-dir /app --shell /usr/sbin/nologin sieve

WORKDIR /app
# Dependencies first (pinned in pyproject.toml) so code edits do not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir -p bot && touch bot/__init__.py && pip install . && pip uninstall -y pr-sieve \
 && rm -rf bot build *.egg-info

# The package as a regular (non-editable) install: the wheel carries models/ and templates/
# under <prefix>/share/pr-sieve/, where bot.paths finds them; the sources are then removed.
COPY bot ./bot
COPY models ./models
COPY templates ./templates
RUN pip install --no-deps . && rm -rf bot models templates build *.egg-info \
 && mkdir -p /data && chown sieve:sieve /data

USER 10001:10001
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
ENTRYPOINT ["sieve"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
