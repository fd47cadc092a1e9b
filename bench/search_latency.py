"""Search latency and memory on large synthetic collections, on SQLite and PostgreSQL.

    .venv/bin/python bench/search_latency.py [--records 100000] [--database sqlite|postgres|both]
        [--runs 200] [--passages 2] [--json FILE]

Each database gets a fresh instance (a temporary SQLite file; a PostgreSQL database named
``practicehub_search_latency``, or as ``--postgres-db`` says, on ``TEST_POSTGRES_URL``'s server)
filled by bulk-creating rows directly (no document extraction): published records of realistic
length (a title of 6-12 words and a summary of 80-250 words, half Lithuanian and half English,
words drawn with a Zipf-like frequency from the sample collection's own text), 1-3 organisations
each out of 5,000, 0-2 themes, a programme for half of them, periods over 2005-2025, and
``--passages`` passages per record, each with a random unit vector (the sample collection has 3.8
passages per record, median 3; an exact scan costs the same whatever the vectors say). Then the
search index is built (timed). A second, fresh process measures, so its peak memory is the search's
own, not the building's: the facet table is loaded once (timed), and ``record_search`` runs a mix
of one- to four-word queries in both languages, some with filters, every call counting all seven
facets and building snippets: p50/p95/p99 and the mean, per database, with peak resident memory of
the measuring process; then the same mix with the query-vector cache emptied before each call
so every query pays for its embedding ("new_queries"), the model alone on the texts those
new queries embed ("model_only": the run's reference, which shows how much of a new query's
time is the model's and how fast the machine was meanwhile), the same new queries as GET
/api/records served by waitress from the measuring process ("http": the figure PRODUCT.md's
bar speaks of; the server's first request, which loads the API's modules, is reported apart),
and the mix without the semantic list ("keyword_only"). Results go to
``bench/results/search_latency.json``."""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "search_latency.json"
DOCUMENTS = ROOT / "examples" / "documents"
# Passages per record: the sample collection has 3.8 on average (median 3); see --passages.
PASSAGES_PER_RECORD = 2
QUERIES = [
    ("moterų lyderystė", {}),
    ("moteru lyderyste", {}),
    ("women's leadership in municipalities", {}),
    ("smurtas artimoje aplinkoje", {}),
    ("domestic violence prevention", {"language": ["lt"]}),
    ("integracija", {}),
    ("integration of migrants", {"kind": ["good_practice"]}),
    ('"lygių galimybių"', {}),
    ("savivaldybė -mokykla", {}),
    ("training", {"year": ["2019", "2020"]}),
    ("jaunimas OR youth", {}),
    ("romų vaikų ugdymas", {}),
    ("", {"language": ["en"]}),
    ("projektas", {}),
    ("gender equality", {"theme": ["gender-equality"]}),
]


def _word_pools() -> dict[str, list[str]]:
    pools: dict[str, list[str]] = {"lt": [], "en": []}
    for path in sorted(DOCUMENTS.glob("*.txt")):
        language = path.name[:2]
        if language in pools:
            pools[language] += re.findall(r"[^\W\d_]{2,}", path.read_text("utf-8", "replace"))
    return pools


class Writer:
    """Draws words with a Zipf-like frequency: common words often, rare words rarely."""

    def __init__(self, words: list[str], rng: random.Random):
        counts: dict[str, int] = {}
        for w in words:
            counts[w] = counts.get(w, 0) + 1
        self.words = sorted(counts, key=counts.__getitem__, reverse=True)
        self.weights = [1.0 / (rank + 10) for rank in range(len(self.words))]
        self.rng = rng

    def text(self, n: int) -> str:
        return " ".join(self.rng.choices(self.words, weights=self.weights, k=n))


def build(records: int, seed: int = 7, passages: int = PASSAGES_PER_RECORD) -> dict[str, float]:
    from practicehub.catalogue.models import (
        Funding,
        Organisation,
        Participation,
        Programme,
        Record,
        Theme,
    )

    rng = random.Random(seed)
    pools = _word_pools()
    writers = {lang: Writer(words, rng) for lang, words in pools.items()}
    themes = list(Theme.objects.values_list("id", flat=True))
    programmes = list(Programme.objects.values_list("id", flat=True))
    started = time.perf_counter()
    orgs = [
        Organisation(id=f"org-{i}", name=writers["lt" if i % 2 else "en"].text(3).title())
        for i in range(5000)
    ]
    Organisation.objects.bulk_create(orgs, batch_size=2000)
    through = Record.themes.through
    batch = 2000
    for start in range(0, records, batch):
        rows, parts, funds, links = [], [], [], []
        for i in range(start, min(records, start + batch)):
            language = "lt" if i % 2 else "en"
            year = rng.randint(2005, 2025)
            rid = f"synthetic{i:07d}-1"
            rows.append(
                Record(
                    id=rid,
                    kind="good_practice" if i % 3 == 0 else "project",
                    title=writers[language].text(rng.randint(6, 12)).capitalize(),
                    language=language,
                    summary=writers[language].text(rng.randint(80, 250)),
                    period_start=f"{year}-01",
                    period_end=f"{year + rng.randint(0, 3)}-12",
                    target_groups=[writers[language].text(2)] if i % 4 == 0 else [],
                    status="published",
                )
            )
            for position, org in enumerate(rng.sample(orgs, rng.randint(1, 3))):
                parts.append(
                    Participation(
                        record_id=rid,
                        organisation=org,
                        name=org.name,
                        role="partner",
                        position=position,
                    )
                )
            if i % 2 == 0:
                funds.append(Funding(record_id=rid, programme_id=rng.choice(programmes), text="-"))
            links += [
                through(record_id=rid, theme_id=t) for t in rng.sample(themes, rng.randint(0, 2))
            ]
        Record.objects.bulk_create(rows)
        Participation.objects.bulk_create(parts)
        Funding.objects.bulk_create(funds)
        through.objects.bulk_create(links)
        _vectors(rows, passages)
    return {"rows_seconds": round(time.perf_counter() - started, 1)}


def _vectors(rows: list, per_record: int) -> None:
    """Passages with random unit vectors, when the semantic app is installed (the model's
    speed is measured apart: ``query_embedding_ms``)."""
    from django.apps import apps

    if not apps.is_installed("practicehub.semantic"):
        return
    import numpy as np

    from practicehub.semantic.embedder import get_embedder
    from practicehub.semantic.models import Passage, PassageVector
    from practicehub.semantic.passages import index_version_bump, text_hash

    embedder = get_embedder()
    rng = np.random.default_rng(len(rows))
    block = rng.standard_normal((len(rows) * per_record, embedder.dim), dtype=np.float32)
    block /= np.linalg.norm(block, axis=1, keepdims=True)
    passages, vectors = [], []
    for i, record in enumerate(rows):
        for position in range(per_record):
            text = f"{record.id} passage {position}"
            digest = text_hash(text)
            passages.append(
                Passage(
                    record_id=record.id,
                    position=position,
                    language=record.language,
                    text=text,
                    content_hash=digest,
                    model=embedder.name,
                )
            )
            row = block[i * per_record + position]
            vectors.append(
                PassageVector(model=embedder.name, content_hash=digest, vector=row.tobytes())
            )
    Passage.objects.bulk_create(passages, batch_size=2000)
    PassageVector.objects.bulk_create(vectors, batch_size=2000)
    index_version_bump()


def measure(runs: int) -> dict:
    from django.db import connection

    from practicehub.search import facets, ranking
    from practicehub.search.services import SearchFilters, record_search

    started = time.perf_counter()
    facets.table()
    facet_load_seconds = time.perf_counter() - started
    for text, params in QUERIES:  # warm caches: stemmers, glossary, concept matcher, vectors
        record_search(query=text, filters=SearchFilters.from_params(params))
    embedding: list[float] = []
    from django.apps import apps

    if apps.is_installed("practicehub.semantic"):
        from practicehub.semantic.embedder import get_embedder

        embedder = get_embedder()
        for text, _ in QUERIES:
            if text:
                started = time.perf_counter()
                embedder.embed_queries([text])
                embedding.append((time.perf_counter() - started) * 1000)
    full = _timed(runs, ranking.DEFAULT)
    # The reference: the model alone on the texts each new query of the mix embeds, timed in
    # this run, so the search figures can be read against this machine's speed at the time.
    model_only = _model_only(runs) if embedding else None
    # The same mix with the query-vector cache emptied before every call, so each query pays
    # for its embedding as a query nobody asked before does: the figure the bar speaks of.
    new_queries = _timed(runs, ranking.DEFAULT, fresh=True) if embedding else None
    http = _http(runs)
    # The same queries without the semantic list, so its share of the time shows.
    keyword_only = _timed(runs, ranking.RankingOptions(semantic=False))
    return {
        "database": connection.vendor,
        "records": facets.table().size,
        "facet_table_load_seconds": round(facet_load_seconds, 2),
        "runs": runs,
        **full,
        "new_queries": new_queries,
        "model_only": model_only,
        "keyword_only": keyword_only,
        "http": http,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "semantic": bool(embedding),
        "query_embedding_median_ms": round(statistics.median(embedding), 2) if embedding else None,
    }


def _http(runs: int) -> dict:
    """The same query mix as GET /api/records, served by waitress from this process (so peak
    memory is the server's), one connection kept open: p50/p95/p99 of request to last byte,
    each query embedded afresh (the bar's "query embedding included"). The server's first
    request pays for loading the API's modules once; it is reported apart, not in the mix."""
    import http.client
    import logging
    import threading
    import urllib.parse

    from waitress import create_server

    from practicehub.search.services import search_warm
    from practicehub.wsgi import application

    search_warm()  # as `practicehub serve` does before it listens
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # one client, one thread
    server = create_server(application, host="127.0.0.1", port=0, threads=1)
    threading.Thread(target=server.run, daemon=True).start()
    connection = http.client.HTTPConnection("127.0.0.1", server.effective_port)
    forget = _cache_clear()
    times: list[float] = []
    try:
        for i in range(-1, runs):
            text, params = QUERIES[i % len(QUERIES)]
            fields = [("q", text)] + [(k, v) for k, values in params.items() for v in values]
            forget()
            started = time.perf_counter()
            connection.request("GET", "/api/records?" + urllib.parse.urlencode(fields))
            response = connection.getresponse()
            response.read()
            times.append((time.perf_counter() - started) * 1000)
            assert response.status == 200, response.status
    finally:
        connection.close()
        # Let the task thread finish before the server's trigger closes under it.
        server.task_dispatcher.shutdown(timeout=5)
        server.close()
    first, times = times[0], sorted(times[1:])
    return {
        **{
            f"p{p}_ms": round(times[min(len(times) - 1, int(p / 100 * len(times)))], 2)
            for p in (50, 95, 99)
        },
        "first_request_ms": round(first, 2),
    }


def _model_only(runs: int) -> dict:
    """p50/p95 of the model's share of each new query in the mix: its texts embedded (or read
    from the glossary's vectors) with the query-vector cache emptied, as a search pays it."""
    from practicehub.search.query import meaning_text
    from practicehub.semantic.services import query_cache_clear, query_vectors

    times: list[float] = []
    for i in range(runs):
        text = QUERIES[i % len(QUERIES)][0]
        if not text:
            continue
        query_cache_clear()
        started = time.perf_counter()
        query_vectors(meaning_text(text))
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        f"p{p}_ms": round(times[min(len(times) - 1, int(p / 100 * len(times)))], 2)
        for p in (50, 95)
    }


def _cache_clear():
    """What empties the query-vector cache, so each call pays for its embedding; a no-op
    where the semantic app is not installed."""
    from django.apps import apps

    if not apps.is_installed("practicehub.semantic"):
        return lambda: None
    from practicehub.semantic.services import query_cache_clear

    return query_cache_clear


def _timed(runs: int, options, fresh: bool = False) -> dict:
    """p50/p95/p99 and mean of ``runs`` calls of ``record_search`` over the query mix;
    ``fresh`` empties the query-vector cache before each call (its time is not counted)."""
    from practicehub.search.services import SearchFilters, record_search

    forget = _cache_clear() if fresh else lambda: None

    times: list[float] = []
    per_query: dict[str, list[float]] = {}
    for i in range(runs):
        text, params = QUERIES[i % len(QUERIES)]
        filters = SearchFilters.from_params(params)
        forget()
        started = time.perf_counter()
        page = record_search(query=text, filters=filters, options=options)
        elapsed = (time.perf_counter() - started) * 1000
        assert page.facets and page.total >= 0
        times.append(elapsed)
        per_query.setdefault(text or "(empty)", []).append(elapsed)
    times.sort()

    def pct(p: float) -> float:
        return round(times[min(len(times) - 1, int(p * len(times)))], 2)

    return {
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "mean_ms": round(statistics.fmean(times), 2),
        "median_ms_by_query": {q: round(statistics.median(v), 2) for q, v in per_query.items()},
    }


def _single(phase: str, records: int, runs: int, passages: int, output: Path) -> None:
    """One phase in a process of its own: "build" fills the database and builds the search
    index; "measure" times the searches, so its peak memory is the search's own."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practicehub.settings")
    import django

    django.setup()
    if phase == "build":
        from django.core.management import call_command

        from practicehub.search.indexing import index_rebuild

        call_command("migrate", verbosity=0)
        result = build(records, passages=passages)
        started = time.perf_counter()
        index_rebuild()
        result["index_build_seconds"] = round(time.perf_counter() - started, 1)
    else:
        result = measure(runs)
    output.write_text(json.dumps(result, indent=1), encoding="utf-8")


def _postgres_url(name: str) -> str:
    import psycopg

    server = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return server.rsplit("/", 1)[0] + "/" + name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument(
        "--postgres-db",
        default="practicehub_search_latency",
        help="name of the PostgreSQL database made (dropped first if it exists)",
    )
    parser.add_argument(
        "--passages",
        type=int,
        default=PASSAGES_PER_RECORD,
        help="passages (vectors) per record; the sample collection has 3.8 (median 3)",
    )
    parser.add_argument("--single", choices=["build", "measure"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.single:
        _single(args.single, args.records, args.runs, args.passages, args.json)
        return
    results = {}
    for database in ["sqlite", "postgres"] if args.database == "both" else [args.database]:
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, PRACTICEHUB_DATA_DIR=tmp)
            env.setdefault("SECRET_KEY", "search-latency-secret-key-0123456789-abcdef")
            env["DATABASE_URL"] = (
                f"sqlite:///{tmp}/latency.sqlite3"
                if database == "sqlite"
                else _postgres_url(args.postgres_db)
            )
            result = {"passages_per_record": args.passages}
            for phase in ("build", "measure"):
                out = Path(tmp) / f"{phase}.json"
                command = [sys.executable, __file__, "--single", phase]
                command += ["--records", str(args.records), "--runs", str(args.runs)]
                command += ["--passages", str(args.passages), "--json", str(out)]
                subprocess.run(command, env=env, check=True)
                result.update(json.loads(out.read_text("utf-8")))
        results[database] = result
        print(
            f"{database:9} {result['records']:>7} records"
            f" x {result['passages_per_record']} passages  index {result['index_build_seconds']}s"
            f"  facets {result['facet_table_load_seconds']}s  p50 {result['p50_ms']} ms"
            f"  p95 {result['p95_ms']} ms  p99 {result['p99_ms']} ms"
            f"  peak RSS {result['peak_rss_mib']} MiB"
            f"  query embedding {result['query_embedding_median_ms']} ms"
        )
        fresh = result.get("new_queries")
        if fresh:
            print(
                f"{'':9} new queries (embedded each time)  p50 {fresh['p50_ms']} ms"
                f"  p95 {fresh['p95_ms']} ms  p99 {fresh['p99_ms']} ms"
            )
        model = result.get("model_only")
        if model:
            print(
                f"{'':9} reference: the model alone on the same new queries  p50 "
                f"{model['p50_ms']} ms  p95 {model['p95_ms']} ms (this machine, this run)"
            )
        http = result["http"]
        print(
            f"{'':9} GET /api/records  p50 {http['p50_ms']} ms  p95 {http['p95_ms']} ms"
            f"  p99 {http['p99_ms']} ms  (new queries; the server's first request"
            f" {http['first_request_ms']} ms apart)"
        )
        keyword = result["keyword_only"]
        print(
            f"{'':9} keyword-only  p50 {keyword['p50_ms']} ms  p95 {keyword['p95_ms']} ms"
            f"  p99 {keyword['p99_ms']} ms"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
