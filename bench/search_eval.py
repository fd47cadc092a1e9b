"""Search quality on the sample collection: nDCG@10, recall@10, MRR, the cross-language top-5
rate and the no-diacritics ratio, for plain BM25 and for our search, part by part.

    .venv/bin/python bench/search_eval.py [--database sqlite|postgres|both] [--json FILE]

Each database gets a fresh instance (a temporary SQLite file; a PostgreSQL database named
``practicehub_search_eval``, or as ``--postgres-db`` says, on ``TEST_POSTGRES_URL``'s server), the
sample collection (``examples/documents``) is ingested into it, and every query of
``bench/queries/dev.json`` is run through ``record_search``. Results go to
``bench/results/search_eval.json``. With the semantic app installed the collection is embedded too;
its vectors are kept in ``data/vector-cache.sqlite3`` so later runs do not run the model again.

Systems:
- ``bm25_plain``: the reference. SQLite FTS5 with its default tokenizer (case and diacritics
  folded, no stemming), one column of the record's whole text, bm25, query words ORed. Built in
  the same run from the same records.
- ``keyword_stemmed``: our keyword index alone (stems, folded forms, title weighting).
- ``+glossary``, ``+concepts``, ``+exact``: each bridge part added in turn; ``keyword`` is all
  keyword parts (every ``RankingOptions`` part but the semantic one).
- ``balance_interleave`` / ``balance_calibrate``: ``keyword`` with the glossary list ranked
  within each record language and merged (the default leaves it as bm25 ranks it).
- ``mix_none`` / ``mix_calibrate``: ``keyword`` without the final language interleaving, or
  with per-language calibrated scores instead.
- ``semantic`` and ``fused``: when ``practicehub.semantic`` is installed.

Judgements name a file and a record title; bench/evalkit.py turns them into record ids as for
bench/semantic_eval.py (the record of that file with that title, or the one sharing most of its
words); a judged record the extractor did not make stays judged, missed by every system, so
recall is not flattered. Metrics: nDCG@10
with gains 2^grade - 1; recall@10 over every judged record; MRR of the first judged record;
cross-language top-5 rate: share of ``cross-language`` queries with a judged record written in
another language than the query's in the top 5; no-diacritics ratio: mean nDCG@10 of the
queries typed without diacritics over that of the same queries with them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evalkit import DOCUMENTS, QUERIES, judgements, ndcg_at, recall_at, reciprocal_rank

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "search_eval.json"
# The semantic app's vector cache (see practicehub/semantic/cache.py), kept between runs.
VECTOR_CACHE = ROOT / "data" / "vector-cache.sqlite3"
DEPTH = 10


# --- the reference: plain BM25 ----------------------------------------------------------------


class PlainBM25:
    """FTS5 defaults over each record's whole text: what a plain keyword search offers."""

    def __init__(self) -> None:
        from practicehub.catalogue.models import Record
        from practicehub.search.indexing import record_texts

        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE plain USING fts5(record_id UNINDEXED, text)")
        records = Record.objects.filter(status="published").prefetch_related(
            "participations__organisation", "funding__programme"
        )
        self.db.executemany(
            "INSERT INTO plain VALUES (?, ?)",
            [(r.id, "\n".join(record_texts(r))) for r in records],
        )

    def search(self, text: str, limit: int = DEPTH) -> list[str]:
        words = re.findall(r"[^\W_]+", text)
        if not words:
            return []
        expression = " OR ".join(f'"{w}"' for w in words)
        rows = self.db.execute(
            "SELECT record_id FROM plain WHERE plain MATCH ? ORDER BY bm25(plain) LIMIT ?",
            (expression, limit),
        ).fetchall()
        return [r[0] for r in rows]


# --- evaluation -------------------------------------------------------------------------------


def systems() -> dict[str, object]:
    from django.apps import apps

    from practicehub.search.ranking import DEFAULT

    keyword = replace(DEFAULT, semantic=False)
    bare = replace(keyword, glossary=False, concepts=False, exact=False)
    out: dict[str, object] = {
        "keyword_stemmed": bare,
        "+glossary": replace(bare, glossary=True),
        "+concepts": replace(bare, glossary=True, concepts=True),
        "keyword": keyword,
        "balance_interleave": replace(keyword, balance="interleave"),
        "balance_calibrate": replace(keyword, balance="calibrate"),
        "mix_none": replace(keyword, mix="none"),
        "mix_calibrate": replace(keyword, mix="calibrate"),
    }
    if apps.is_installed("practicehub.semantic"):
        out["semantic"] = replace(
            DEFAULT, keyword=False, glossary=False, concepts=False, exact=False
        )
        out["fused"] = DEFAULT
    return out


def evaluate(queries: list[dict] | None = None, only: list[str] | None = None) -> dict:
    """Metrics per system over the ingested collection of the current database."""
    from django.db import connection

    from practicehub.catalogue.models import Record
    from practicehub.search.services import record_search

    queries = queries if queries is not None else json.loads(QUERIES.read_text("utf-8"))
    grades = judgements(queries)
    language = dict(Record.objects.values_list("id", "language"))
    plain = PlainBM25()
    runners: dict[str, object] = {"bm25_plain": plain.search}
    for name, options in systems().items():
        runners[name] = lambda text, options=options: [
            h.record_id for h in record_search(query=text, per_page=DEPTH, options=options).hits
        ]
    if only:
        runners = {k: v for k, v in runners.items() if k in only or k == "bm25_plain"}
    pairs: dict[str, dict[str, str]] = {}
    for q in queries:
        if "pair" in q:
            pairs.setdefault(q["pair"], {})["nd" if q["type"] == "no-diacritics" else "d"] = q["id"]
    report: dict[str, dict] = {}
    for name, run in runners.items():
        per_query: dict[str, float] = {}
        rec, rr, cross, times = [], [], [], []
        for q in queries:
            started = time.perf_counter()
            ranked = run(q["query"])
            times.append(time.perf_counter() - started)
            g = grades[q["id"]]
            per_query[q["id"]] = ndcg_at(ranked, g, DEPTH)
            rec.append(recall_at(ranked, g, DEPTH))
            rr.append(reciprocal_rank(ranked, g))
            if q["type"] == "cross-language":
                other = {rid for rid in g if language.get(rid) != q["language"]}
                if other:
                    cross.append(bool(other & set(ranked[:5])))
        nd = [per_query[p["nd"]] for p in pairs.values() if "nd" in p and "d" in p]
        d = [per_query[p["d"]] for p in pairs.values() if "nd" in p and "d" in p]
        by_type: dict[str, list[float]] = {}
        for q in queries:
            by_type.setdefault(q["type"], []).append(per_query[q["id"]])
        report[name] = {
            "ndcg@10": round(sum(per_query.values()) / len(queries), 4),
            "recall@10": round(sum(rec) / len(rec), 4),
            "mrr": round(sum(rr) / len(rr), 4),
            "cross_language_top5": round(sum(cross) / len(cross), 4) if cross else None,
            "no_diacritics_ratio": round(sum(nd) / sum(d), 4) if sum(d) else None,
            "median_ms": round(sorted(times)[len(times) // 2] * 1000, 2),
            "ndcg@10_by_type": {t: round(sum(v) / len(v), 4) for t, v in sorted(by_type.items())},
        }
    base = report["bm25_plain"]["ndcg@10"]
    for figures in report.values():
        figures["ndcg@10_vs_bm25_plain"] = round(figures["ndcg@10"] / base - 1, 4) if base else None
    return {
        "database": connection.vendor,
        "queries": len(queries),
        "cross_language_queries": sum(q["type"] == "cross-language" for q in queries),
        "judged_records_found": sum(
            not rid.startswith("missing:") for g in grades.values() for rid in g
        ),
        "judgements": sum(len(q["relevant"]) for q in queries),
        "systems": report,
    }


def ingest_collection() -> float:
    """Ingest the sample collection (published); the search index follows from the signals."""
    from practicehub.documents.pipeline import ingest_path, iter_files

    started = time.perf_counter()
    for path in iter_files([DOCUMENTS]):
        ingest_path(path)
    from django.apps import apps

    if apps.is_installed("practicehub.semantic"):
        from practicehub.semantic.services import embed_pending

        embed_pending()
    return time.perf_counter() - started


def _single(database: str, output: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practicehub.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    seconds = ingest_collection()
    result = evaluate()
    result["ingest_seconds"] = round(seconds, 1)
    output.write_text(json.dumps(result, indent=1), encoding="utf-8")


def _postgres_url(name: str) -> str:
    import psycopg

    server = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return server.rsplit("/", 1)[0] + "/" + name


def _print(result: dict) -> None:
    print(
        f"\n== {result['database']}: {result['queries']} queries "
        f"({result['cross_language_queries']} cross-language), "
        f"{result['judged_records_found']}/{result['judgements']} judgements found"
    )
    print(
        f"{'system':20} {'nDCG@10':>8} {'vs BM25':>8} {'R@10':>6} {'MRR':>6} "
        f"{'xlang@5':>8} {'nd/d':>6} {'ms':>6}"
    )
    for name, f in result["systems"].items():
        cross = f["cross_language_top5"]
        ratio = f["no_diacritics_ratio"]
        print(
            f"{name:20} {f['ndcg@10']:8.3f} {f['ndcg@10_vs_bm25_plain']:+8.1%} "
            f"{f['recall@10']:6.3f} {f['mrr']:6.3f} "
            f"{(cross if cross is not None else float('nan')):8.3f} "
            f"{(ratio if ratio is not None else float('nan')):6.3f} {f['median_ms']:6.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument(
        "--postgres-db",
        default="practicehub_search_eval",
        help="name of the PostgreSQL database made (dropped first if it exists)",
    )
    parser.add_argument("--single", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    parser.add_argument(
        "--here",
        action="store_true",
        help="evaluate the instance DATABASE_URL points at, as it is (no fresh ingest)",
    )
    parser.add_argument("--only", nargs="*", help="systems to run (bm25_plain always runs)")
    args = parser.parse_args()
    if args.here:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practicehub.settings")
        import django

        django.setup()
        _print(evaluate(only=args.only))
        return
    if args.single:
        _single(args.single, args.json)
        return
    results = {}
    for database in ["sqlite", "postgres"] if args.database == "both" else [args.database]:
        with tempfile.TemporaryDirectory() as tmp:
            # Vectors depend on the text only: a kept cache spares the model a second run.
            if VECTOR_CACHE.exists():
                shutil.copy(VECTOR_CACHE, Path(tmp) / VECTOR_CACHE.name)
            env = dict(os.environ, PRACTICEHUB_DATA_DIR=tmp)
            # One vector cache for every run and both databases: the collection is embedded
            # once on this machine, not once per run.
            env.setdefault("PRACTICEHUB_VECTOR_CACHE", str(ROOT / "data" / "vector-cache.sqlite3"))
            env.setdefault("SECRET_KEY", "search-eval-secret-key-0123456789-abcdefgh")
            env["DATABASE_URL"] = (
                f"sqlite:///{tmp}/eval.sqlite3"
                if database == "sqlite"
                else _postgres_url(args.postgres_db)
            )
            out = Path(tmp) / "result.json"
            subprocess.run(
                [sys.executable, __file__, "--single", database, "--json", str(out)],
                env=env,
                check=True,
            )
            results[database] = json.loads(out.read_text("utf-8"))
            if (Path(tmp) / VECTOR_CACHE.name).exists():
                VECTOR_CACHE.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(Path(tmp) / VECTOR_CACHE.name, VECTOR_CACHE)
        _print(results[database])
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
