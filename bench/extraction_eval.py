"""Field-level evaluation of extraction against expected files, and how fast extraction runs.

    .venv/bin/python bench/extraction_eval.py [--docs DIR --expected DIR]... [--json FILE]

Runs the real pipeline (the registered reader, language detection, ``extract_records``) over
every document that has an expected file (``<document file name>.json`` in the format of
``shared/seeds-expected``). Without arguments: the shared seeds and the sample collection
(``examples/documents`` + ``examples/expected``). Prints precision, recall and F1 per field and
overall, separately for good-practice forms and project descriptions (by the expected kind), the
count of invented values, and documents per second; writes it all to
``bench/results/extraction.json``.

Matching rules (strict):

- Records are aligned by title: an extracted record matches an expected one when their titles
  are equal after normalisation (case, quotes, dashes, whitespace, trailing punctuation), or
  equal to one of ``title_any_of``, or share at least 60% of their words; each record is used
  once. Unaligned expected records count as misses for ``records`` and for every field they
  list; unaligned extracted records count as false ``records``.
- ``title``: equal after normalisation to ``title`` or to any of ``title_any_of``.
- ``kind``, ``language``: equal.
- ``organisations``: the same organisation (same registry key: case, quotes, diacritics, legal
  forms and the "LR" prefix aside; or the same distinctive core under the same kind of name;
  or the acronym) AND the same role. Extracted organisations not in the list are false.
  ``organisation.acronym`` and ``organisation.country`` score the listed acronyms and countries
  of matched organisations.
- ``funding_programmes``, ``project_numbers``, ``themes``, ``emails``, ``websites``: sets
  (numbers without spaces, e-mails and web sites lower-case); extras are false.
- ``funding_text``: some funding statement contains ``funding_text_contains`` (normalised).
- ``period.start`` / ``period.end``: equal strings. Where the expected file gives no period but a
  ``period_note``, an extracted end is false and a start is not scored.
- ``target_groups``: each mention in ``target_groups_mentioned`` is found when an extracted
  target group contains it or is contained in it (normalised); recall only.
- ``addresses``: each ``addresses_contain`` is contained in an extracted address; recall only.
- ``sections``: ``sections_in_order`` is a subsequence of the extracted section keys.
- ``objectives``: exactly ``objectives_count`` items; ``activities``: at least ``activities_min``.

Invented values: a value with no support in its record's text (normalised to letters and digits,
lower case): titles, organisation names, target groups, objectives, activities, project
numbers, e-mails, web sites and addresses must appear in it; period years must appear in it; a
theme needs one of its terms in it; a programme needs one of its names or acronyms in it, or the
opening of its name in it and the full name elsewhere in the same document.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PRACTICEHUB_SHARED_DIR", ROOT.parent / "shared"))
DEFAULT_SETS = [
    (SHARED / "seeds", SHARED / "seeds-expected"),
    (ROOT / "examples" / "documents", ROOT / "examples" / "expected"),
]
RESULTS = ROOT / "bench" / "results" / "extraction.json"


def _setup() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practicehub.settings")
    import django

    django.setup()


def norm(text: str) -> str:
    from practicehub.catalogue.extract.text import fold

    text = fold(text or "")
    text = re.sub(r"[\"']", "", text)
    text = re.sub(r"\s+", " ", text).strip(" .,;:")
    return text


def squeeze(text: str) -> str:
    from practicehub.catalogue.extract.text import fold

    return re.sub(r"[\W_]+", "", fold(text or ""))


def same_organisation(a: dict[str, Any], b: dict[str, Any]) -> bool:
    from practicehub.catalogue.extract.names import core_and_type, name_key

    if name_key(a["name"]) == name_key(b["name"]):
        return True
    acr_a, acr_b = a.get("acronym"), b.get("acronym")
    if acr_a and (acr_a == b["name"] or acr_a == acr_b):
        return True
    if acr_b and acr_b == a["name"]:
        return True
    core_a, kind_a = core_and_type(a["name"])
    core_b, kind_b = core_and_type(b["name"])
    return bool(core_a) and core_a == core_b and (kind_a == kind_b or not kind_a or not kind_b)


class Scores:
    def __init__(self) -> None:
        self.counts: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})

    def add(self, field: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        c = self.counts[field]
        c["tp"] += tp
        c["fp"] += fp
        c["fn"] += fn

    def sets(self, field: str, expected: set[str], found: set[str]) -> None:
        self.add(field, len(expected & found), len(found - expected), len(expected - found))

    @staticmethod
    def prf(c: dict[str, int]) -> dict[str, float]:
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), **c}

    def report(self) -> dict[str, Any]:
        fields = {k: self.prf(v) for k, v in sorted(self.counts.items())}
        total = {"tp": 0, "fp": 0, "fn": 0}
        for c in self.counts.values():
            for k in total:
                total[k] += c[k]
        return {"fields": fields, "overall": self.prf(total)}


def _title_ok(expected: dict[str, Any], title: str) -> bool:
    options = [expected.get("title"), *expected.get("title_any_of", [])]
    return any(o and norm(o) == norm(title) for o in options)


def _title_similarity(expected: dict[str, Any], title: str) -> float:
    if _title_ok(expected, title):
        return 1.0
    best = 0.0
    got = set(norm(title).split())
    for option in [expected.get("title"), *expected.get("title_any_of", [])]:
        if option and got:
            want = set(norm(option).split())
            best = max(best, len(want & got) / max(len(want | got), 1))
    return best


def align(expected: list[dict], drafts: list[Any]) -> list[tuple[dict, Any | None]]:
    pairs = []
    used: set[int] = set()
    for exp in expected:
        best, best_i = 0.0, None
        for i, d in enumerate(drafts):
            if i in used:
                continue
            s = _title_similarity(exp, d.title)
            if s > best:
                best, best_i = s, i
        if best_i is not None and best >= 0.6:
            used.add(best_i)
            pairs.append((exp, drafts[best_i]))
        else:
            pairs.append((exp, None))
    return pairs + [(None, d) for i, d in enumerate(drafts) if i not in used]


def score_record(s: Scores, exp: dict[str, Any], d: Any) -> None:
    s.add("kind", *((1, 0, 0) if d.kind == exp["kind"] else (0, 1, 1)))
    s.add("language", *((1, 0, 0) if d.language == exp["language"] else (0, 1, 1)))
    s.add("title", *((1, 0, 0) if _title_ok(exp, d.title) else (0, 1, 1)))
    if "organisations" in exp:
        found = [
            {"name": o.name, "role": o.role, "acronym": o.acronym, "country": o.country}
            for o in d.organisations
        ]
        matched: set[int] = set()
        for want in exp["organisations"]:
            hit = next(
                (
                    i
                    for i, got in enumerate(found)
                    if i not in matched
                    and got["role"] == want["role"]
                    and same_organisation(want, got)
                ),
                None,
            )
            if hit is None:
                s.add("organisations", fn=1)
                continue
            matched.add(hit)
            s.add("organisations", tp=1)
            for attr in ("acronym", "country"):
                if want.get(attr):
                    ok = found[hit][attr] == want[attr]
                    s.add(f"organisation.{attr}", *((1, 0, 0) if ok else (0, 0, 1)))
        s.add("organisations", fp=len(found) - len(matched))
    if "funding_programmes" in exp:
        got = {f.programme for f in d.funding if f.programme}
        s.sets("funding_programmes", set(exp["funding_programmes"]), got)
    if exp.get("funding_text_contains"):
        want = norm(exp["funding_text_contains"])
        ok = any(want in norm(f.text) for f in d.funding)
        s.add("funding_text", *((1, 0, 0) if ok else (0, 0, 1)))
    if "project_numbers" in exp:
        nums = {re.sub(r"\s+", "", n) for n in exp["project_numbers"]}
        s.sets("project_numbers", nums, {re.sub(r"\s+", "", n) for n in d.project_numbers})
    if "period" in exp:
        for part, got in (("start", d.period_start), ("end", d.period_end)):
            want = exp["period"].get(part)
            if want == got:
                s.add(f"period.{part}", tp=1 if want else 0)
            else:
                s.add(f"period.{part}", fp=1 if got else 0, fn=1 if want else 0)
    elif exp.get("period_note") and d.period_end:
        s.add("period.end", fp=1)
    for mention in exp.get("target_groups_mentioned", []):
        m = norm(mention)
        ok = any(m in norm(t) or (norm(t) and norm(t) in m) for t in d.target_groups)
        s.add("target_groups", *((1, 0, 0) if ok else (0, 0, 1)))
    if "themes_expected" in exp:
        s.sets("themes", set(exp["themes_expected"]), set(d.themes))
    for field, attr in (("emails", "emails"), ("websites", "websites")):
        if field in exp:
            s.sets(field, {e.lower() for e in exp[field]}, {e.lower() for e in getattr(d, attr)})
    for want in exp.get("addresses_contain", []):
        ok = any(norm(want) in norm(a) for a in d.addresses)
        s.add("addresses", *((1, 0, 0) if ok else (0, 0, 1)))
    if "sections_in_order" in exp:
        keys = iter(sec.key for sec in d.sections)
        ok = all(k in keys for k in exp["sections_in_order"])
        s.add("sections", *((1, 0, 0) if ok else (0, 0, 1)))
    if "objectives_count" in exp:
        ok = len(d.objectives) == exp["objectives_count"]
        s.add("objectives", *((1, 0, 0) if ok else (0, 1 if d.objectives else 0, 1)))
    if "activities_min" in exp:
        ok = len(d.activities) >= exp["activities_min"]
        s.add("activities", *((1, 0, 0) if ok else (0, 0, 1)))


def miss_record(s: Scores, exp: dict[str, Any]) -> None:
    s.add("records", fn=1)
    for field in ("kind", "language", "title"):
        s.add(field, fn=1)
    s.add("organisations", fn=len(exp.get("organisations", [])))
    s.add("funding_programmes", fn=len(exp.get("funding_programmes", [])))
    s.add("project_numbers", fn=len(exp.get("project_numbers", [])))
    s.add("themes", fn=len(exp.get("themes_expected", [])))
    for part in ("start", "end"):
        if exp.get("period", {}).get(part):
            s.add(f"period.{part}", fn=1)


def invented(text: str, document: str, d: Any) -> list[str]:
    """Values of a record with no support in its text (see the module docstring)."""
    from practicehub.catalogue.extract import programmes as prog
    from practicehub.catalogue.extract.themes import _index as theme_index

    body = squeeze(text)
    bad: list[str] = []
    values = [("title", d.title)]
    values += [("organisation", o.name) for o in d.organisations]
    for field in ("target_groups", "objectives", "activities", "project_numbers", "emails"):
        values += [(field, v) for v in getattr(d, field)]
    values += [("websites", w) for w in d.websites] + [("addresses", a) for a in d.addresses]
    for field, value in values:
        if squeeze(value) not in body:
            bad.append(f"{field}: {value}")
    for part in (d.period_start, d.period_end):
        if part and part[:4] not in text:
            bad.append(f"period: {part}")
    named_themes = {m.id for m in theme_index().find(text)}
    bad += [f"theme: {t}" for t in d.themes if t not in named_themes]
    in_record = {m.programme for m in prog.find_programmes(text, keep_parents=True)}
    in_document = {m.programme for m in prog.find_programmes(document, keep_parents=True)}
    for f in d.funding:
        elliptic = f.programme in in_document and prog.names_start(text, f.programme)
        if f.programme and f.programme not in in_record and not elliptic:
            bad.append(f"programme: {f.programme}")
    return bad


def evaluate(sets: list[tuple[Path, Path]]) -> dict[str, Any]:
    from practicehub.catalogue.extract import extract_records
    from practicehub.documents.language import detect_languages
    from practicehub.documents.readers import read_document

    # Build the vocabulary indexes once, as a running server would have, before timing.
    extract_records("Warm-up\n\nThe project is funded by the European Social Fund.", [], "en")
    by_family = {"good_practice": Scores(), "project": Scores()}
    invented_values: list[str] = []
    read_times, extract_times, documents = [], [], 0
    for docs, expected_dir in sets:
        for expected_file in sorted(expected_dir.glob("*.json")):
            expected = json.loads(expected_file.read_text(encoding="utf-8"))
            path = docs / expected["document"]
            data = path.read_bytes()
            t0 = time.perf_counter()
            result = read_document(data, path.name)
            info = detect_languages(result)
            t1 = time.perf_counter()
            drafts = extract_records(result.text, result.blocks, info.language)
            t2 = time.perf_counter()
            read_times.append(t1 - t0)
            extract_times.append(t2 - t1)
            documents += 1
            for exp, d in align(expected["records"], drafts):
                if d is not None:
                    span_text = result.text[d.span[0] : d.span[1]]
                    invented_values += [
                        f"{path.name} [{d.title[:40]}] {v}"
                        for v in invented(span_text, result.text, d)
                    ]
                if exp is None:
                    by_family[d.kind].add("records", fp=1)
                elif d is None:
                    miss_record(by_family[exp["kind"]], exp)
                else:
                    by_family[exp["kind"]].add("records", tp=1)
                    score_record(by_family[exp["kind"]], exp, d)
    total_extract = sum(extract_times)
    return {
        "good_practice": by_family["good_practice"].report(),
        "project": by_family["project"].report(),
        "invented": {"count": len(invented_values), "values": invented_values},
        "speed": {
            "documents": documents,
            "extract_documents_per_second": round(documents / total_extract, 1)
            if total_extract
            else None,
            "extract_median_ms": round(statistics.median(extract_times) * 1000, 2)
            if extract_times
            else None,
            "read_median_ms": round(statistics.median(read_times) * 1000, 2)
            if read_times
            else None,
            "extract_to_read_ratio": round(total_extract / sum(read_times), 3)
            if read_times
            else None,
        },
    }


def print_report(report: dict[str, Any]) -> None:
    for family in ("good_practice", "project"):
        part = report[family]
        print(f"\n{family}")
        print(f"  {'field':<24}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>5}{'fn':>5}")
        for name, f in [*part["fields"].items(), ("OVERALL", part["overall"])]:
            print(
                f"  {name:<24}{f['precision']:>7.3f}{f['recall']:>7.3f}{f['f1']:>7.3f}"
                f"{f['tp']:>6}{f['fp']:>5}{f['fn']:>5}"
            )
    inv = report["invented"]
    print(f"\ninvented values: {inv['count']}")
    for v in inv["values"][:30]:
        print(f"  {v}")
    sp = report["speed"]
    print(
        f"\nspeed: {sp['documents']} documents, extract_records"
        f" {sp['extract_documents_per_second']} documents/s (median {sp['extract_median_ms']} ms;"
        f" reading median {sp['read_median_ms']}"
        f" ms; extract/read time ratio {sp['extract_to_read_ratio']})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", action="append", type=Path, default=[])
    parser.add_argument("--expected", action="append", type=Path, default=[])
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write the figures")
    args = parser.parse_args(argv)
    if len(args.docs) != len(args.expected):
        parser.error("give --docs and --expected in pairs")
    sets = list(zip(args.docs, args.expected, strict=True)) or [
        (d, e) for d, e in DEFAULT_SETS if d.is_dir() and e.is_dir()
    ]
    _setup()
    report = evaluate(sets)
    print_report(report)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
