#!/usr/bin/env bash
# The main job: install, migrate, load the sample collection and serve the site (SQLite).
# Usage: scripts/run.sh [--no-serve]     (HOST and PORT choose the address; default 127.0.0.1:8000)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
export PATH="$PWD/.venv/bin:$PATH"

practicehub migrate --noinput -v0
echo "Loading the sample collection (examples/documents/) ..."
# Exit code 1 means some file was rejected (the reason is printed for each); the others are
# stored, so the site still has a catalogue to show.
if ! practicehub ingest --quiet examples/documents/; then
  echo "Some sample files were rejected (reasons above); the rest of the collection is loaded."
fi
# Search by meaning needs the passages embedded (a minute or two the first time; the vectors
# are kept in the data folder, so later runs take seconds).
echo "Embedding the passages for search by meaning ..."
practicehub embed
if [ "${1:-}" = "--no-serve" ]; then
  practicehub export --format json --output data/export.json
  exit 0
fi
exec practicehub serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"
