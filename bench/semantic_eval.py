"""Semantic-only search on the development queries, with and without each of its parts.

    .venv/bin/python bench/semantic_eval.py [--database-url URL] [--json FILE]

Ingests the sample collection into a fresh database, embeds it (vectors come from the vector
cache in the data folder after the first run), then ranks every query of bench/queries/dev.json
with ``semantic_rank``: raw cosine, then each part alone (per-language calibration, glossary
translation of the query, diacritics restored), then together, and prints nDCG@10, recall@10,
MRR and the cross-language top-5 rate of each (measures in bench/evalkit.py). Writes
bench/results/semantic_eval.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import evalkit

OFF = {"expand": False, "calibrate": False, "restore": False}
CONFIGURATIONS = {
    "raw cosine": OFF,
    "+ calibration per language": {**OFF, "calibrate": True},
    "+ glossary expansion": {**OFF, "expand": True},
    "+ diacritics restored": {**OFF, "restore": True},
    "+ calibration + expansion": {**OFF, "calibrate": True, "expand": True},
    "all (calibration+expansion+diacr.)": {"calibrate": True, "expand": True, "restore": True},
}
FINAL = "all (calibration+expansion+diacr.)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: a new SQLite file in a temp folder")
    parser.add_argument("--json", type=Path, default=evalkit.RESULTS / "semantic_eval.json")
    args = parser.parse_args()

    started = time.perf_counter()
    evalkit.collection_setup(args.database_url)
    from practicehub.semantic.services import embed_pending, semantic_rank

    embedded = embed_pending(progress=sys.stderr.isatty())
    setup_seconds = time.perf_counter() - started

    queries = evalkit.queries_load()
    judged = evalkit.judgements(queries)
    languages = evalkit.record_languages()
    results = {}
    for name, options in CONFIGURATIONS.items():
        results[name] = evalkit.evaluate(
            queries,
            judged,
            lambda q, o=options: [h.record_id for h in semantic_rank(q["query"], limit=50, **o)],
            languages,
        )
    print(evalkit.table(results))
    print()
    print(f"nDCG@10 (and cross-language top-5) by query type, {FINAL}:")
    for kind, figures in results[FINAL]["by_type"].items():
        cross = figures.get("cross_language_top5")
        extra = f"  xlang@5 {cross:.3f}" if cross is not None else ""
        print(f"  {kind:<16} n={figures['queries']:<3} nDCG@10 {figures['ndcg@10']:.3f}{extra}")
    if evalkit.UNMATCHED:
        print(
            f"\n{len(evalkit.UNMATCHED)} judged records the extractor did not make (missed by all):"
        )
        for name in sorted(evalkit.UNMATCHED):
            print(f"  {name}")
    print(f"\nsetup {setup_seconds:.1f} s ({embedded} passages embedded or taken from the cache)")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps({"configurations": results, "queries": len(queries)}, indent=1) + "\n",
        encoding="utf-8",
    )
    print(f"written to {args.json}")


if __name__ == "__main__":
    main()
