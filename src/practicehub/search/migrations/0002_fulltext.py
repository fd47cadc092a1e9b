"""The full-text structure of each database over ``search_searchentry``.

SQLite: an FTS5 table with the entry table as external content, kept in step by triggers (so
Django's flush, which deletes rows, empties it too). PostgreSQL: a stored generated tsvector with
weights A (title), B (names), C (body), D (exact words) and a GIN index. No foreign keys.
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_stems, names_stems, body_stems, exact,
        content='search_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title_stems, names_stems, body_stems, exact)
        VALUES (new.id, new.title_stems, new.names_stems, new.body_stems, new.exact);
    END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_stems, names_stems, body_stems, exact)
        VALUES ('delete', old.id, old.title_stems, old.names_stems, old.body_stems, old.exact);
    END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_stems, names_stems, body_stems, exact)
        VALUES ('delete', old.id, old.title_stems, old.names_stems, old.body_stems, old.exact);
        INSERT INTO search_fts(rowid, title_stems, names_stems, body_stems, exact)
        VALUES (new.id, new.title_stems, new.names_stems, new.body_stems, new.exact);
    END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_UP = [
    """ALTER TABLE search_searchentry ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_stems), 'A')
        || setweight(to_tsvector('simple'::regconfig, names_stems), 'B')
        || setweight(to_tsvector('simple'::regconfig, body_stems), 'C')
        || setweight(to_tsvector('simple'::regconfig, exact), 'D')) STORED""",
    "CREATE INDEX search_searchentry_vector ON search_searchentry USING GIN (vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS search_searchentry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
