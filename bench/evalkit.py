"""Shared parts of the search evaluations: the sample collection, the judgements, the measures.

Used by bench/semantic_eval.py and bench/search_eval.py so that every figure is computed the
same way.

- ``collection_setup(database_url=None)``: Django on a fresh SQLite file (or the given
  database), migrated, with ``examples/documents`` ingested as published records.
- ``judgements(queries)``: the graded judgements of ``bench/queries/dev.json`` (file + title)
  turned into record ids: ``{query id: {record id: grade}}``; a judged record the extractor
  did not make stays in the judgements under a "missing:" id (listed in ``UNMATCHED``).
- ``evaluate(queries, judged, ranker)``: ``ranker(query dict) -> list of record ids`` best
  first; returns nDCG@10, recall@10, MRR and the cross-language top-5 rate (share of
  "cross-language" queries with a relevant record written in another language than the query
  in the first five), overall and per query type.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "bench" / "queries" / "dev.json"
DOCUMENTS = ROOT / "examples" / "documents"
RESULTS = ROOT / "bench" / "results"


def collection_setup(database_url: str | None = None, documents: Path = DOCUMENTS) -> None:
    """Django on a new database holding the sample collection (about ten seconds)."""
    sys.path.insert(0, str(ROOT / "src"))
    if database_url is None:
        folder = tempfile.mkdtemp(prefix="practicehub-eval-")
        database_url = f"sqlite:///{folder}/eval.sqlite3"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practicehub.settings")
    os.environ.setdefault("SECRET_KEY", "evaluation-only-secret-key-0123456789abcdef")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ORIGINALS_DIR = Path(tempfile.mkdtemp(prefix="practicehub-eval-originals-"))
    call_command("migrate", verbosity=0, interactive=False)
    with open(os.devnull, "w") as quiet:
        call_command("ingest", str(documents), quiet=True, stdout=quiet)


def queries_load(path: Path = QUERIES) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(re.findall(r"\w+", text))


#: Judged documents with no record of that title (filled by ``judgements``).
UNMATCHED: set[str] = set()


def judgements(queries: Iterable[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Judged (file, title) pairs as record ids, per query."""
    from practicehub.catalogue.models import Record

    by_file: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for rid, filename, title in Record.objects.filter(status="published").values_list(
        "id", "document__filename", "title"
    ):
        by_file[filename].append((rid, _norm(title)))
    out: dict[str, dict[str, int]] = {}
    for query in queries:
        judged: dict[str, int] = {}
        for item in query["relevant"]:
            records = by_file.get(item["file"], [])
            want = _norm(item["title"])
            match = [rid for rid, title in records if title == want]
            if not match:
                # Titles the extractor cut or extended: the record whose title shares most words.
                wanted = set(want.split())
                scored = [
                    (
                        len(wanted & set(title.split())) / max(1, len(wanted | set(title.split()))),
                        rid,
                    )
                    for rid, title in records
                ]
                scored = [s for s in scored if s[0] >= 0.5]
                match = [max(scored)[1]] if scored else []
            if not match and len(records) == 1:
                # A document of one record: the record, whatever title the extractor gave it.
                match = [records[0][0]]
            if not match:
                # The extractor did not make this record: it stays judged (and missed by every
                # ranker alike), so recall is not flattered; the evaluation lists these.
                match = [f"missing:{item['file']}:{item['title']}"]
                UNMATCHED.add(match[0])
            judged[match[0]] = max(judged.get(match[0], 0), int(item["grade"]))
        out[query["id"]] = judged
    return out


def record_languages() -> dict[str, str]:
    from practicehub.catalogue.models import Record

    return dict(Record.objects.values_list("id", "language"))


def ndcg_at(ranked: list[str], judged: dict[str, int], k: int = 10) -> float:
    gains = [judged.get(rid, 0) for rid in ranked[:k]]
    dcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted(judged.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked: list[str], judged: dict[str, int], k: int = 10) -> float:
    relevant = {rid for rid, grade in judged.items() if grade > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def reciprocal_rank(ranked: list[str], judged: dict[str, int]) -> float:
    for i, rid in enumerate(ranked):
        if judged.get(rid, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def other_language_in_top(
    ranked: list[str], judged: dict[str, int], query_language: str, languages: dict[str, str], k=5
) -> bool:
    return any(
        judged.get(rid, 0) > 0 and languages.get(rid) != query_language for rid in ranked[:k]
    )


def evaluate(
    queries: list[dict[str, Any]],
    judged: dict[str, dict[str, int]],
    ranker: Callable[[dict[str, Any]], list[str]],
    languages: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The measures of one ranker over the query set, overall and per query type."""
    languages = languages if languages is not None else record_languages()
    rows = []
    for query in queries:
        ranked = ranker(query)
        j = judged[query["id"]]
        rows.append(
            {
                "type": query["type"],
                "ndcg@10": ndcg_at(ranked, j),
                "recall@10": recall_at(ranked, j),
                "mrr": reciprocal_rank(ranked, j),
                "cross5": other_language_in_top(ranked, j, query["language"], languages)
                if query["type"] == "cross-language"
                else None,
            }
        )

    def summary(items: list[dict]) -> dict[str, float]:
        out = {m: _mean(r[m] for r in items) for m in ("ndcg@10", "recall@10", "mrr")}
        cross = [r["cross5"] for r in items if r["cross5"] is not None]
        if cross:
            out["cross_language_top5"] = sum(cross) / len(cross)
        out["queries"] = len(items)
        return out

    by_type: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_type[row["type"]].append(row)
    return {"all": summary(rows), "by_type": {t: summary(r) for t, r in sorted(by_type.items())}}


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def table(results: dict[str, dict[str, Any]]) -> str:
    """A plain text table: one line per configuration."""
    head = f"{'configuration':<34} {'nDCG@10':>8} {'R@10':>6} {'MRR':>6} {'xlang@5':>8}"
    lines = [head, "-" * len(head)]
    for name, result in results.items():
        a = result["all"]
        lines.append(
            f"{name:<34} {a['ndcg@10']:>8.3f} {a['recall@10']:>6.3f} {a['mrr']:>6.3f} "
            f"{a.get('cross_language_top5', float('nan')):>8.3f}"
        )
    return "\n".join(lines)
