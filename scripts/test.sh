#!/usr/bin/env bash
# The whole test suite: lint, migrations check, then pytest on SQLite and on PostgreSQL.
#
# PostgreSQL: TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) must reach
# a server on which we may create a database. Without one the PostgreSQL half is skipped with a
# message, unless REQUIRE_POSTGRES=1, which makes that a failure.
# Extra arguments go to pytest, e.g. scripts/test.sh -k ingest
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh --test
export PATH="$PWD/.venv/bin:$PATH"
# A data folder of the suite's own, so tests never touch the data of a running instance.
export PRACTICEHUB_DATA_DIR="${PRACTICEHUB_TEST_DATA_DIR:-$(mktemp -d)}"
export SECRET_KEY="test-secret-key-not-for-production-0123456789"

echo "== ruff"
ruff check .
ruff format --check . >/dev/null || { ruff format --check . | tail -5; exit 1; }
echo "== migrations are up to date"
practicehub makemigrations --check --dry-run >/dev/null

echo "== pytest on SQLite"
DATABASE_URL="sqlite:///$PRACTICEHUB_DATA_DIR/test.sqlite3" pytest "$@"

pg_url="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if python -c "import psycopg,sys; psycopg.connect(sys.argv[1], connect_timeout=3).close()" "$pg_url" 2>/dev/null; then
  # A database name of this checkout's own, so two checkouts on one server do not collide.
  name="practicehub_$(pwd | sha256sum | cut -c1-8)"
  echo "== pytest on PostgreSQL (${pg_url%/*}/test_$name)"
  DATABASE_URL="${pg_url%/*}/$name" PRACTICEHUB_TEST_DB_NAME="test_$name" pytest "$@"
elif [ "${REQUIRE_POSTGRES:-0}" = 1 ]; then
  echo "FAIL: REQUIRE_POSTGRES=1 but no PostgreSQL server answers at $pg_url" >&2
  exit 1
else
  echo "SKIPPED: the PostgreSQL half of the suite (no server answers at $pg_url;" \
       "set TEST_POSTGRES_URL, or REQUIRE_POSTGRES=1 to make this a failure)"
fi
