"""Semantic search latency and memory at 10,000 and 100,000 records, on SQLite and PostgreSQL.

    .venv/bin/python bench/semantic_latency.py [--records 10000 100000]
        [--database sqlite|postgres|both] [--per-record 3] [--rounds 5] [--json FILE]

For each database and size a fresh database (a temporary SQLite file; a PostgreSQL database
named ``practicehub_semantic_latency`` on ``TEST_POSTGRES_URL``'s server) is filled in one
process with published records, half Lithuanian and half English, of ``--per-record`` passages
each carrying a random unit vector (the model's speed does not depend on the collection, so
random vectors are fine for the search; the query embedding below uses the real model). The
sample collection has 3.8 passages per record on average (median 3, at most 10), so the
default of 3 is, if anything, light: at 100,000 records its 3.8 would make a 550 MB matrix. A
second, fresh process then measures, so its peak memory is the search's own:

- ``index_load``: reading the vector matrix on first use;
- ``matrix_vector``: one product of the whole matrix with one vector, the floor of an exact
  search, measured in the same run as a reference for the figures below;
- ``query_embedding``: the model call(s) that turn one query into its vectors (the query, its
  diacritics-restored form and its glossary translation), every query new to the process;
- ``semantic_rank``: a whole call, every query new (no cached query vectors) - the figure that
  adds to ``record_search``'s time;
- ``semantic_rank_repeated``: the same queries again (query vectors cached, when the code
  caches them): the search proper;
- ``semantic_rank_filtered``: new queries restricted to the records of one language, given as
  the search page gives its filters (a mask over its list of records);
- ``peak_memory_mib``: the measuring process's peak resident memory.

Percentiles (p50/p95/p99) over ``--rounds`` passes of the query list. Results go to
``bench/results/semantic_latency.json``.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "semantic_latency.json"
QUERIES = [
    "moterų lyderystė savivaldybėse",
    "moteru lyderyste",
    "women's leadership programmes in municipalities",
    "smurtas prieš moteris kaimo vietovėse",
    "smurtas artimoje aplinkoje",
    "domestic violence prevention",
    "integration of third-country nationals in Kaunas",
    "migrantu integracija",
    "romų vaikų ugdymas",
    "older volunteers helping pupils at school",
    "lyčių lygybės mokymai valstybės tarnautojams",
    "hate speech prevention in schools",
    "jaunimo užimtumas",
    "gender equality training",
    "negalia ir darbo rinka",
    "support for single mothers",
]


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)

    def at(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))], 2)

    return {"p50_ms": at(0.50), "p95_ms": at(0.95), "p99_ms": at(0.99)}


def _django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practicehub.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789abcdef")
    import django

    django.setup()


def build(records: int, per_record: int) -> dict:
    """Fill the database: records, passages and random unit vectors, 5,000 records at a time."""
    import numpy as np
    from django.core.management import call_command
    from django.db import transaction

    from practicehub.catalogue.models import Record
    from practicehub.semantic.embedder import get_embedder
    from practicehub.semantic.models import Passage, PassageVector
    from practicehub.semantic.passages import index_version_bump, text_hash

    call_command("migrate", verbosity=0, interactive=False)
    embedder = get_embedder()
    rng = np.random.default_rng(7)
    started = time.perf_counter()
    chunk = 5000
    for first in range(0, records, chunk):
        ids = range(first, min(records, first + chunk))
        block = rng.standard_normal((len(ids) * per_record, embedder.dim), dtype=np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        passages, vectors = [], []
        for row, (i, position) in enumerate((i, p) for i in ids for p in range(per_record)):
            text = f"Synthetic passage {position} of record {i}."
            digest = text_hash(text)
            passages.append(
                Passage(
                    record_id=f"synthetic-{i:07d}",
                    position=position,
                    language="lt" if i % 2 else "en",
                    text=text,
                    content_hash=digest,
                    model=embedder.name,
                )
            )
            vectors.append(
                PassageVector(model=embedder.name, content_hash=digest, vector=block[row].tobytes())
            )
        with transaction.atomic():
            Record.objects.bulk_create(
                Record(
                    id=f"synthetic-{i:07d}",
                    title=f"Synthetic record {i}",
                    language="lt" if i % 2 else "en",
                    status=Record.Status.PUBLISHED,
                )
                for i in ids
            )
            Passage.objects.bulk_create(passages, batch_size=2000)
            PassageVector.objects.bulk_create(vectors, batch_size=2000)
    index_version_bump()
    return {"build_seconds": round(time.perf_counter() - started, 1)}


def _query_cache_clear() -> None:
    """Forget cached query vectors, where the code keeps them, so a query costs model time."""
    from practicehub.semantic import services

    clear = getattr(services, "query_cache_clear", None)
    if clear is not None:
        clear()


def _embed_query(query: str) -> None:
    """The model work of one query, as ``semantic_rank`` does it."""
    from practicehub.semantic import services
    from practicehub.semantic.embedder import get_embedder

    if hasattr(services, "query_vectors"):
        services.query_vectors(query)
    else:  # the code before query vectors were batched and cached
        get_embedder().embed_queries(services._query_texts(query, True))


def measure(rounds: int) -> dict:
    import numpy as np

    from practicehub.catalogue.models import Record
    from practicehub.semantic import index as index_module
    from practicehub.semantic.embedder import get_embedder
    from practicehub.semantic.services import semantic_rank

    embedder = get_embedder()
    embedder.embed_queries(["warm up"])
    started = time.perf_counter()
    index = index_module.index_current(embedder.name, embedder.dim)
    load_seconds = time.perf_counter() - started
    # The search page's filters: a mask over its own list of records (``within``), or, for
    # the code before ``within`` existed, the list of the allowed ids.
    ids = list(Record.objects.order_by("created_at", "id").values_list("id", flat=True))
    mask = np.fromiter((int(rid[-7:]) % 2 == 1 for rid in ids), dtype=bool, count=len(ids))
    if "within" in inspect.signature(semantic_rank).parameters:
        narrowed = {"within": (ids, mask)}
    else:
        narrowed = {"record_ids": [rid for rid, keep in zip(ids, mask, strict=True) if keep]}
    semantic_rank(QUERIES[0], limit=100)  # first call: glossary tables, stemmers

    probe = np.random.default_rng(1).standard_normal(index.matrix.shape[1], dtype=np.float32)
    probe /= np.linalg.norm(probe)
    timings: dict[str, list[float]] = {
        "matrix_vector": [],
        "query_embedding": [],
        "semantic_rank": [],
        "semantic_rank_repeated": [],
        "semantic_rank_filtered": [],
    }

    def timed(name: str, call) -> None:
        began = time.perf_counter()
        call()
        timings[name].append((time.perf_counter() - began) * 1000)

    for _round in range(rounds):
        for query in QUERIES:
            timed("matrix_vector", lambda: index.scores(probe))
            _query_cache_clear()
            timed("query_embedding", lambda q=query: _embed_query(q))
            _query_cache_clear()
            timed("semantic_rank", lambda q=query: semantic_rank(q, limit=100))
            timed("semantic_rank_repeated", lambda q=query: semantic_rank(q, limit=100))
            _query_cache_clear()
            timed(
                "semantic_rank_filtered",
                lambda q=query: semantic_rank(q, limit=100, **narrowed),
            )
    result = {name: _percentiles(values) for name, values in timings.items()}
    result.update(
        records=index.size,
        passages=int(index.matrix.shape[0]),
        matrix_mib=round(index.matrix.nbytes / 2**20, 1),
        index_load_seconds=round(load_seconds, 2),
        samples=len(timings["semantic_rank"]),
        peak_memory_mib=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        load_average=[round(x, 2) for x in os.getloadavg()],
    )
    return result


def _postgres_url() -> str:
    import psycopg

    server = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = "practicehub_semantic_latency"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return server.rsplit("/", 1)[0] + "/" + name


def _child(*args: str, env: dict) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, *args], env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(done.returncode)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--per-record", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--build", help=argparse.SUPPRESS)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        _django(args.build)
        print(json.dumps(build(args.records[0], args.per_record)))
        return
    if args.measure:
        _django(args.measure)
        print(json.dumps(measure(args.rounds)))
        return

    results: dict = {"per_record": args.per_record, "rounds": args.rounds, "runs": []}
    for database in ["sqlite", "postgres"] if args.database == "both" else [args.database]:
        for records in args.records:
            with tempfile.TemporaryDirectory() as tmp:
                env = dict(os.environ, PRACTICEHUB_DATA_DIR=tmp)
                url = (
                    f"sqlite:///{tmp}/latency.sqlite3" if database == "sqlite" else _postgres_url()
                )
                common = ["--records", str(records), "--per-record", str(args.per_record)]
                built = _child(*common, "--build", url, env=env)
                run = _child(*common, "--rounds", str(args.rounds), "--measure", url, env=env)
            run.update(built, database=database)
            results["runs"].append(run)
            print(
                f"{database:8} {run['records']:>7} records x {args.per_record} passages "
                f"(matrix {run['matrix_mib']} MiB, index load {run['index_load_seconds']} s, "
                f"peak memory {run['peak_memory_mib']} MiB, load average "
                f"{' '.join(f'{x:.1f}' for x in run['load_average'])})"
            )
            for name in (
                "matrix_vector",
                "query_embedding",
                "semantic_rank",
                "semantic_rank_repeated",
                "semantic_rank_filtered",
            ):
                s = run[name]
                print(
                    f"  {name:<24} p50 {s['p50_ms']:>7} ms  p95 {s['p95_ms']:>7} ms  "
                    f"p99 {s['p99_ms']:>7} ms"
                )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
