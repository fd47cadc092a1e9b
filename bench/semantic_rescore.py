"""The semantic ranking's two passes against an exact scan of every passage, on a collection
already built (bench/search_latency.py's, or any other).

    DATABASE_URL=... PRACTICEHUB_DATA_DIR=... .venv/bin/python bench/semantic_rescore.py
        [--random 300] [--rounds 5] [--limit 100] [--json FILE]

``semantic_rank`` scores every passage with int8 rows first and then the best records' passages
exactly (practicehub/semantic/services.py ``_record_scores``). Here each query is also ranked
the way it was before: every passage scored exactly (``VectorIndex.scores``), best passage per
record, calibrated per language, the better of the query's texts. For the development queries
(bench/queries/dev.json and bench/search_latency.py's mix, embedded by the model) and
``--random`` random unit vectors (pairs of them, as a query and its translation) it prints how
many of the exact top ``--limit`` records the two passes found, in how many queries the first
ten were the same, how far a record moved in the order, and the largest difference of a shared
record's (calibrated) score. Then the time of each
stage of the ranking (model excluded), exact and two-pass interleaved query by query, with the
main thread idle and with it busy with numpy and Python work as the keyword side of a search is:
medians of wall time over ``--rounds`` passes of the queries.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parent.parent


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practicehub.settings")
    import django

    django.setup()


def _exact(index, queries, limit):
    """The ranking of one exact scan, as it was computed before the two passes."""
    import numpy as np

    from practicehub.semantic import services

    record_scores = None
    for scores in index.scores(queries):
        best = services._calibrated(index, index.best_per_record(scores), None)
        record_scores = best if record_scores is None else np.maximum(record_scores, best)
    return services._top(record_scores, None, limit), record_scores


def _two_pass(index, queries, limit):
    from practicehub.semantic import services

    record_scores, _ = services._record_scores(index, queries, None, True, limit)
    return services._top(record_scores, None, limit), record_scores


def _queries(embedder, random_pairs: int):
    import numpy as np

    import search_latency
    from practicehub.semantic import services

    texts = [q["query"] for q in json.loads((ROOT / "bench/queries/dev.json").read_text("utf-8"))]
    texts += [text for text, _ in search_latency.QUERIES if text]
    model = [services.query_vectors(text, embedder=embedder) for text in texts]
    rng = np.random.default_rng(11)
    random = []
    for _ in range(random_pairs):
        pair = rng.standard_normal((2, embedder.dim)).astype(np.float32)
        random.append(pair / np.linalg.norm(pair, axis=1, keepdims=True))
    return model, random


def _compare(index, vectors, limit) -> dict:
    import numpy as np

    found, same_top10, moved, worst = [], 0, [], 0.0
    for queries in vectors:
        exact, exact_scores = _exact(index, queries, limit)
        two, two_scores = _two_pass(index, queries, limit)
        # Records with equal vectors tie (the latency collection repeats its random vectors):
        # a record counts as found when one of the same exact score is.
        wanted = Counter(exact_scores[exact].tolist())
        got = Counter(exact_scores[two].tolist())
        found.append(sum((wanted & got).values()) / max(len(exact), 1))
        same_top10 += exact_scores[exact[:10]].tolist() == exact_scores[two[:10]].tolist()
        rank = {int(p): i for i, p in enumerate(exact)}
        moved += [abs(rank[int(p)] - i) for i, p in enumerate(two) if int(p) in rank]
        shared = np.intersect1d(exact, two)
        if len(shared):
            worst = max(worst, float(np.abs(exact_scores[shared] - two_scores[shared]).max()))
    return {
        "queries": len(vectors),
        "mean_share_of_exact_top_found": round(statistics.fmean(found), 5),
        "min_share_of_exact_top_found": round(min(found), 5),
        "same_top10_share": round(same_top10 / len(vectors), 4),
        "mean_rank_change": round(statistics.fmean(moved), 4),
        "max_rank_change": max(moved),
        "max_score_difference": round(worst, 6),
    }


def _busy(stop: threading.Event) -> None:
    """What the keyword side does meanwhile: numpy over 100,000 values and Python loops."""
    import numpy as np

    values = np.random.default_rng(0).random(100_000)
    while not stop.is_set():
        np.unique(np.round(values, 3), return_inverse=True)
        total = 0
        for i in range(20_000):
            total += i


def _stages(index, vectors, rounds: int, limit: int, busy: bool) -> dict:
    """Median wall milliseconds of each stage, the two rankings interleaved query by query."""
    import numpy as np

    from practicehub.semantic import services

    times: dict[str, list[float]] = {}

    def clock(name: str, started: float) -> float:
        now = time.perf_counter()
        times.setdefault(name, []).append((now - started) * 1000)
        return now

    stop = threading.Event()
    if busy:
        threading.Thread(target=_busy, args=(stop,), daemon=True).start()
    try:
        for _ in range(rounds):
            for queries in vectors:
                start = t = time.perf_counter()
                by_text = index.scores(queries)
                t = clock("exact: scan", t)
                bests = [index.best_per_record(s) for s in by_text]
                t = clock("exact: best passage", t)
                calibrated = [services._calibrated(index, b, None) for b in bests]
                record_scores = calibrated[0]
                for other in calibrated[1:]:
                    record_scores = np.maximum(record_scores, other)
                t = clock("exact: calibration", t)
                services._top(record_scores, None, limit)
                t = clock("exact: top", t)
                clock("exact: total", start)

                start = time.perf_counter()
                record_scores, _ = services._record_scores(index, queries, None, True, limit)
                services._top(record_scores, None, limit)
                clock("two passes: total", start)
    finally:
        stop.set()
    return {name: round(statistics.median(values), 2) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--random", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    _setup()
    from practicehub.semantic.embedder import get_embedder
    from practicehub.semantic.index import index_current

    embedder = get_embedder()
    started = time.perf_counter()
    index = index_current(embedder.name, embedder.dim)
    load = time.perf_counter() - started
    model, random = _queries(embedder, args.random)
    result = {
        "records": index.size,
        "passages": len(index.passage_ids),
        "index_load_seconds": round(load, 2),
        "model_queries": _compare(index, model, args.limit),
        "random_queries": _compare(index, random, args.limit),
        "stages_idle_ms": _stages(index, model, args.rounds, args.limit, busy=False),
        "stages_busy_ms": _stages(index, model, args.rounds, args.limit, busy=True),
    }
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
