#!/bin/sh
# The one way Raadsradar is started in production: the container image's ENTRYPOINT, and every
# replica of `python -m deploy.local`. Settings for running behind one reverse proxy that serves
# the app on a single origin (see README "Hosting"):
#   - headless, no usage statistics, no file watcher (the code and data/ are read-only);
#   - CORS protection and XSRF protection stay ON: browser, proxy and app share one origin, and
#     the proxy forwards the Host header unchanged, so Streamlit's same-origin checks pass;
#   - all replicas share one cookie secret (RAADSRADAR_COOKIE_SECRET), so an XSRF cookie minted
#     by one replica is still valid on another after a failover (uploads would fail otherwise);
#   - upload limit 50 MB, the app's own limit for imported tables (core.ingest);
#   - no tracebacks for visitors (client.showErrorDetails none): the app shows its own Dutch
#     message with an error id, and the traceback goes to this process's log with that id.
# Environment: PORT (default 8501), ADDRESS (default 0.0.0.0), RAADSRADAR_COOKIE_SECRET
# (required when more than one replica runs; a random one is used when unset),
# RAADSRADAR_DATABASE_URL (the team workspace's database; required when more than one replica
# runs, or each keeps its own lists), RAADSRADAR_ALLOWED_DOMAINS (optional).
set -eu

cd "$(dirname "$0")/.."

PORT="${PORT:-8501}"
ADDRESS="${ADDRESS:-0.0.0.0}"
PYTHON="${PYTHON:-python}"
if [ -z "${RAADSRADAR_COOKIE_SECRET:-}" ]; then
  echo "entrypoint: RAADSRADAR_COOKIE_SECRET is not set; using a random secret (fine for one replica only)" >&2
  RAADSRADAR_COOKIE_SECRET="$("$PYTHON" -c 'import secrets; print(secrets.token_hex(32))')"
fi
# Passed through the environment, not the command line, so it does not show up in `ps`.
export STREAMLIT_SERVER_COOKIE_SECRET="$RAADSRADAR_COOKIE_SECRET"

# The team workspace's database when hosted (RAADSRADAR_DATABASE_URL, e.g. PostgreSQL): bring it
# to the newest schema before serving. Replicas that start together take turns (an advisory
# lock). A database that cannot be reached does not stop the app: everything else works, and the
# workspace tries again when someone uses it. Unset, the app makes its own SQLite file on first use.
if [ -n "${RAADSRADAR_DATABASE_URL:-}" ]; then
  "$PYTHON" -m core.workspace migrate \
    || echo "entrypoint: the workspace database was not migrated now; the app tries again on first use" >&2
fi

exec "$PYTHON" -m streamlit run dashboard.py \
  --server.headless true \
  --server.address "$ADDRESS" \
  --server.port "$PORT" \
  --server.fileWatcherType none \
  --server.runOnSave false \
  --server.enableCORS true \
  --server.enableXsrfProtection true \
  --server.maxUploadSize 50 \
  --server.enableWebsocketCompression false \
  --client.showErrorDetails none \
  --browser.gatherUsageStats false
