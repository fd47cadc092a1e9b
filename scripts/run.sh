#!/usr/bin/env bash
# The main job: install, migrate, load the sample collection and serve the site (SQLite).
# Usage: scripts/run.sh [--no-serve]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
export PATH="$PWD/.venv/bin:$PATH"

practicehub migrate --noinput -v0
echo "Loading the sample collection (examples/documents/) ..."
practicehub ingest --quiet examples/documents/
# Search by meaning needs the passages embedded (a minute or two the first time; the vectors
# are kept in the data folder, so later runs take seconds).
echo "Embedding the passages for search by meaning ..."
practicehub embed
if [ "${1:-}" = "--no-serve" ]; then
  practicehub export --format json --output data/export.json
  exit 0
fi
if practicehub help serve >/dev/null 2>&1; then
  exec practicehub serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"
fi
practicehub export --format json --output data/export.json
echo "The catalogue is exported to data/export.json (the web site arrives with the web issue)."
