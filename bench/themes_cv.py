"""Choose the theme scoring's numbers by leave-one-document-out cross-validation.

    .venv/bin/python bench/themes_cv.py [--half tune|test|all] [--json FILE]

Runs extraction once over the documents of the chosen half (default: the tuning half of
``bench/extraction_eval.py``'s fixed split), keeps each record's theme evidence, then searches
a grid of ``ThemeParams``. It prints the themes F1 of the numbers in use, the best in-sample F1,
the leave-one-document-out F1 (each document judged with the numbers chosen on all the others:
an honest estimate for documents the numbers were not chosen on) and the numbers chosen on the
whole half — which are what ``THEME_PARAMS`` should hold. With ``--half tune`` it also judges
the test half with those numbers. Writes the figures to ``bench/results/themes_cv.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import extraction_eval as ev

RESULTS = ev.ROOT / "bench" / "results" / "themes_cv.json"
GRID = {
    "title": [2.0, 3.0, 4.0],
    "lead": [1.0, 1.5, 2.0],
    "body_words": [100, 200, 400],
    "single": [0.5, 1.0],
    "distinct": [0.0],
    "threshold": [2.0, 3.0, 4.0, 5.0],
    "relative": [0.0, 0.3, 0.5],
    "max_themes": [2, 3],
}

# (document, expected theme ids, evidence per theme, body words) per judged record; a record
# nothing was extracted for has no evidence and only misses.
Record = tuple[str, set[str], dict[str, Any], int]


def collect(half: str | None) -> list[Record]:
    from practicehub.catalogue.extract import extract_records, themes
    from practicehub.documents.language import detect_languages
    from practicehub.documents.readers import read_document

    # Keyed by where the title zone starts: drafts dropped after their themes were read (a
    # programme's description beside real records) leave no gap in the pairing.
    captured: dict[int, tuple[dict, int]] = {}
    original = themes.record_themes

    def capture(zones, *, words=0, language=None):
        captured[zones[0][1]] = (themes.theme_evidence(zones, language), words)
        return original(zones, words=words, language=language)

    themes.record_themes = capture
    records: list[Record] = []
    try:
        for docs, expected_dir in ev.DEFAULT_SETS:
            for expected_file in sorted(expected_dir.glob("*.json")):
                if not ev.in_half(expected_file, half):
                    continue
                expected = json.loads(expected_file.read_text(encoding="utf-8"))
                path = docs / expected["document"]
                result = read_document(path.read_bytes(), path.name)
                captured.clear()
                drafts = extract_records(
                    result.text, result.blocks, detect_languages(result).language
                )
                by_draft = {id(d): captured[d.provenance["title"][0][0]] for d in drafts}
                for exp, d in ev.align(expected["records"], drafts):
                    if exp is not None and "themes_expected" not in exp:
                        continue
                    want = set(exp["themes_expected"]) if exp else set()
                    evidence, words = by_draft[id(d)] if d is not None else ({}, 0)
                    records.append((path.name, want, evidence, words))
    finally:
        themes.record_themes = original
    return records


def counts(params, records: list[Record]) -> tuple[int, int, int]:
    from practicehub.catalogue.extract.themes import choose

    tp = fp = fn = 0
    for _doc, want, evidence, words in records:
        got = set(choose(evidence, words, params))
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
    return tp, fp, fn


def f1(c: tuple[int, int, int]) -> float:
    tp, fp, fn = c
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def grid(base):
    keys = list(GRID)
    for values in itertools.product(*(GRID[k] for k in keys)):
        yield replace(base, **dict(zip(keys, values, strict=True)))


def best(candidates, records: list[Record]):
    """The numbers with the highest F1 (the first in grid order among equals)."""
    return max(candidates, key=lambda p: f1(counts(p, records)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("tune", "test", "all"), default="tune")
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    ev._setup()
    from practicehub.catalogue.extract.themes import THEME_PARAMS

    half = None if args.half == "all" else args.half
    records = collect(half)
    candidates = list(grid(THEME_PARAMS))
    documents = sorted({r[0] for r in records})
    held_out = [0, 0, 0]
    chosen_counts: Counter[str] = Counter()
    for doc in documents:
        train = [r for r in records if r[0] != doc]
        params = best(candidates, train)
        chosen_counts[json.dumps(asdict(params), sort_keys=True)] += 1
        for i, n in enumerate(counts(params, [r for r in records if r[0] == doc])):
            held_out[i] += n
    chosen = best(candidates, records)
    report: dict[str, Any] = {
        "half": args.half,
        "documents": len(documents),
        "records": len(records),
        "in_use": {
            "params": asdict(THEME_PARAMS),
            "f1": round(f1(counts(THEME_PARAMS, records)), 4),
        },
        "in_sample_best": {"params": asdict(chosen), "f1": round(f1(counts(chosen, records)), 4)},
        "leave_one_document_out_f1": round(f1(tuple(held_out)), 4),
        "leave_one_document_out_counts": dict(zip(("tp", "fp", "fn"), held_out, strict=True)),
        "most_chosen_in_folds": chosen_counts.most_common(3),
    }
    if args.half == "tune":
        test = collect("test")
        report["test_half"] = {
            "with_in_use": round(f1(counts(THEME_PARAMS, test)), 4),
            "with_chosen": round(f1(counts(chosen, test)), 4),
        }
    print(json.dumps(report, indent=2))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
