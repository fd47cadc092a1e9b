"""Field-level evaluation of extraction against expected files, and how fast extraction runs.

    .venv/bin/python bench/extraction_eval.py [--docs DIR --expected DIR]... [--json FILE]
        [--half tune|test] [--details]

Runs the real pipeline (the registered reader, language detection, ``extract_records``) over
every document that has an expected file (``<document file name>.json`` in the format of
``shared/seeds-expected``). Without arguments: the shared seeds and the sample collection
(``examples/documents`` + ``examples/expected``). Prints precision, recall and F1 per field and
overall, separately for good-practice forms and project descriptions (by the expected kind), the
count of invented values, and documents per second; writes it all to
``bench/results/extraction.json``. ``--details`` prints every miss and every false value, record
by record. ``--half tune`` / ``--half test`` keeps one half of the documents (a fixed split by a
hash of the file name; the shared seeds always belong to the tuning half): rules are tuned
looking at the tuning half only, and the test half says how they generalise.

Matching rules (strict):

- Records are aligned by title: an extracted record matches an expected one when their titles
  are equal after normalisation (case, quotes, dashes, whitespace, trailing punctuation), or
  equal to one of ``title_any_of``, or share at least 60% of their words; each record is used
  once. Unaligned expected records count as misses for ``records`` and for every value they
  list; an unaligned extracted record counts as a false ``records`` and each of its
  organisations, programmes, project numbers and themes as a false value.
- ``title``: equal after normalisation to ``title`` or to any of ``title_any_of``.
- ``kind``, ``language``: equal.
- ``organisations``: the same organisation (same registry key: case, quotes, diacritics, legal
  forms and the "LR" prefix aside; or the same distinctive core under the same kind of name;
  or the acronym; or the same Lithuanian word stems, a name in another case) AND the same
  role. Extracted organisations not in the list are false.
  ``organisation.acronym`` and ``organisation.country`` score the listed acronyms and countries
  of matched organisations.
- ``funding_programmes``, ``project_numbers``, ``themes``, ``emails``, ``websites``: sets
  (numbers without spaces, e-mails and web sites lower-case); extras are false. A list (or a
  period) the expected file leaves out is not judged; what is extracted there is counted and
  printed as "unjudged", so that a gap in the expected files stays visible.
- ``funding_text``: some funding statement contains ``funding_text_contains`` (normalised).
- ``period.start`` / ``period.end``: equal strings. Where the expected file gives no period but a
  ``period_note``, an extracted end is false and a start is not scored.
- ``target_groups``: each mention in ``target_groups_mentioned`` is found when an extracted
  target group contains it, or is contained in it and holds at least 60% of its words ("Managers"
  does not find "Managers and officials of funding programmes"); recall only (the lists name
  what must be found, not everything a record may name).
- ``addresses``: each ``addresses_contain`` is contained in an extracted address; recall only.
- ``sections``: ``sections_in_order`` is a subsequence of the extracted section keys.
- ``objectives``: exactly ``objectives_count`` items; ``activities``: at least ``activities_min``.

Invented values: a value with no support in its record's text (normalised to letters and digits,
lower case): titles, organisation names, target groups, objectives, activities, project numbers,
e-mails, web sites and addresses must appear in it (an organisation may appear as its acronym,
in the text or a table column's heading, the name spelled out with that acronym elsewhere in the
same document; or outside the record where its span points, as an introduction names who
implemented or funded the records below it); period years must appear in it; a theme needs
one of its terms (in English, Lithuanian or the record's own language) in it; a programme needs one
of its names or acronyms in it, or the opening of its name in it and the full name elsewhere in the
same document.
"""

from __future__ import annotations

import argparse
import hashlib
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


def _shared_dir() -> Path:
    """The team's shared folder: beside the checkout (or its worktree folder), or where
    PRACTICEHUB_SHARED_DIR says."""
    if os.environ.get("PRACTICEHUB_SHARED_DIR"):
        return Path(os.environ["PRACTICEHUB_SHARED_DIR"])
    for candidate in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared"


SHARED = _shared_dir()
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
    from practicehub.catalogue.extract.names import core_and_type, name_key, stem_key

    if name_key(a["name"]) == name_key(b["name"]):
        return True
    if stem_key(a["name"]) and stem_key(a["name"]) == stem_key(b["name"]):
        return True  # the same name in another grammatical case, as the registry links them
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
        # (document and record, field, what was missed or wrongly found), for --details.
        self.notes: list[tuple[str, str, str]] = []
        self.where = ""
        # Values extracted for a field the expected file does not list.
        self.unjudged: list[tuple[str, str, list[str]]] = []

    def add(self, field: str, tp: int = 0, fp: int = 0, fn: int = 0, note: Any = None) -> None:
        c = self.counts[field]
        c["tp"] += tp
        c["fp"] += fp
        c["fn"] += fn
        if (fp or fn) and note is not None:
            self.notes.append((self.where, field, str(note)))

    def sets(self, field: str, expected: set[str], found: set[str]) -> None:
        missed, extra = sorted(expected - found), sorted(found - expected)
        note = " ".join([*(f"-{v}" for v in missed), *(f"+{v}" for v in extra)])
        self.add(field, len(expected & found), len(extra), len(missed), note)

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


def _target_found(mention: str, groups: list[str]) -> bool:
    m = norm(mention)
    for group in map(norm, groups):
        if m in group:
            return True
        if group and group in m and len(group.split()) >= 0.6 * len(m.split()):
            return True
    return False


def score_record(s: Scores, exp: dict[str, Any], d: Any) -> None:
    extracted = {
        "organisations": [f"{o.name} ({o.role})" for o in d.organisations],
        "funding_programmes": sorted({f.programme for f in d.funding if f.programme}),
        "project_numbers": d.project_numbers,
        "themes_expected": d.themes,
        "emails": d.emails,
        "websites": d.websites,
        "period": [v for v in (d.period_start, d.period_end) if v],
    }
    for key, values in extracted.items():
        if key not in exp and not (key == "period" and "period_note" in exp) and values:
            s.unjudged.append((s.where, key, values))
    s.add("kind", *((1, 0, 0) if d.kind == exp["kind"] else (0, 1, 1)), note=d.kind)
    s.add("language", *((1, 0, 0) if d.language == exp["language"] else (0, 1, 1)), d.language)
    s.add("title", *((1, 0, 0) if _title_ok(exp, d.title) else (0, 1, 1)), note=d.title)
    found = [
        {"name": o.name, "role": o.role, "acronym": o.acronym, "country": o.country}
        for o in d.organisations
    ]
    matched: set[int] = set()
    for want in exp.get("organisations", []):
        hit = next(
            (
                i
                for i, got in enumerate(found)
                if i not in matched and got["role"] == want["role"] and same_organisation(want, got)
            ),
            None,
        )
        if hit is None:
            s.add("organisations", fn=1, note=f"-{want['name']} ({want['role']})")
            continue
        matched.add(hit)
        s.add("organisations", tp=1)
        for attr in ("acronym", "country"):
            if want.get(attr):
                ok = found[hit][attr] == want[attr]
                s.add(f"organisation.{attr}", *((1, 0, 0) if ok else (0, 0, 1)), found[hit][attr])
    for i, got in enumerate(found):
        if i not in matched and "organisations" in exp:
            s.add("organisations", fp=1, note=f"+{got['name']} ({got['role']})")
    got = {f.programme for f in d.funding if f.programme}
    if "funding_programmes" in exp:
        s.sets("funding_programmes", set(exp["funding_programmes"]), got)
    if exp.get("funding_text_contains"):
        want = norm(exp["funding_text_contains"])
        ok = any(want in norm(f.text) for f in d.funding)
        s.add("funding_text", *((1, 0, 0) if ok else (0, 0, 1)), note=f"-{want}")
    if "project_numbers" in exp:
        nums = {re.sub(r"\s+", "", n) for n in exp["project_numbers"]}
        s.sets("project_numbers", nums, {re.sub(r"\s+", "", n) for n in d.project_numbers})
    if "period" in exp:
        for part, got_part in (("start", d.period_start), ("end", d.period_end)):
            want = exp.get("period", {}).get(part)
            if want == got_part:
                s.add(f"period.{part}", tp=1 if want else 0)
            else:
                s.add(
                    f"period.{part}",
                    fp=1 if got_part else 0,
                    fn=1 if want else 0,
                    note=f"want {want}, got {got_part}",
                )
    elif d.period_end:
        s.add("period.end", fp=1, note=f"+{d.period_end}")
    for mention in exp.get("target_groups_mentioned", []):
        ok = _target_found(mention, d.target_groups)
        s.add("target_groups", *((1, 0, 0) if ok else (0, 0, 1)), f"-{mention} {d.target_groups}")
    if "themes_expected" in exp:
        s.sets("themes", set(exp["themes_expected"]), set(d.themes))
    for field in ("emails", "websites"):
        if field in exp:
            want = {e.lower() for e in exp[field]}
            s.sets(field, want, {e.lower() for e in getattr(d, field)})
    for want in exp.get("addresses_contain", []):
        ok = any(norm(want) in norm(a) for a in d.addresses)
        s.add("addresses", *((1, 0, 0) if ok else (0, 0, 1)), f"-{want} {d.addresses}")
    if "sections_in_order" in exp:
        got_keys = [sec.key for sec in d.sections]
        keys = iter(got_keys)
        ok = all(k in keys for k in exp["sections_in_order"])
        s.add("sections", *((1, 0, 0) if ok else (0, 0, 1)), note=got_keys)
    if "objectives_count" in exp:
        ok = len(d.objectives) == exp["objectives_count"]
        fp = 0 if ok or not d.objectives else 1
        s.add("objectives", *((1, 0, 0) if ok else (0, fp, 1)), note=d.objectives)
    if "activities_min" in exp:
        ok = len(d.activities) >= exp["activities_min"]
        s.add("activities", *((1, 0, 0) if ok else (0, 0, 1)), note=d.activities)


def miss_record(s: Scores, exp: dict[str, Any]) -> None:
    """An expected record nothing was aligned with: every value it lists is missed."""
    s.add("records", fn=1, note=f"-{exp.get('title')}")
    for field in ("kind", "language", "title"):
        s.add(field, fn=1)
    for field, key in (
        ("organisations", "organisations"),
        ("funding_programmes", "funding_programmes"),
        ("project_numbers", "project_numbers"),
        ("themes", "themes_expected"),
        ("target_groups", "target_groups_mentioned"),
        ("emails", "emails"),
        ("websites", "websites"),
        ("addresses", "addresses_contain"),
    ):
        s.add(field, fn=len(exp.get(key, [])))
    s.add(
        "organisation.acronym", fn=sum(1 for o in exp.get("organisations", []) if o.get("acronym"))
    )
    s.add(
        "organisation.country", fn=sum(1 for o in exp.get("organisations", []) if o.get("country"))
    )
    for field, key in (
        ("funding_text", "funding_text_contains"),
        ("sections", "sections_in_order"),
        ("objectives", "objectives_count"),
        ("activities", "activities_min"),
    ):
        s.add(field, fn=1 if key in exp else 0)
    for part in ("start", "end"):
        if exp.get("period", {}).get(part):
            s.add(f"period.{part}", fn=1)


def extra_record(s: Scores, d: Any) -> None:
    """An extracted record no expected one matches: it and the values it shows are false."""
    s.add("records", fp=1, note=f"+{d.title}")
    s.add("organisations", fp=len(d.organisations))
    s.add("funding_programmes", fp=len({f.programme for f in d.funding if f.programme}))
    s.add("project_numbers", fp=len(d.project_numbers))
    s.add("themes", fp=len(d.themes))


def _stands_where_cited(o: Any, document: str) -> bool:
    """An organisation an introduction names for the records below it ("X 2023 m. įgyvendino
    du projektus"): the name stands in the document where its span points."""
    return bool(o.span) and squeeze(o.name) in squeeze(document[o.span[0] : o.span[1]])


def invented(text: str, document: str, d: Any) -> list[str]:
    """Values of a record with no support in its text (see the module docstring)."""
    from practicehub.catalogue.extract import programmes as prog
    from practicehub.catalogue.extract.themes import _index as theme_index
    from practicehub.catalogue.extract.themes import _other_index

    body = squeeze(text)
    bad: list[str] = []
    values = [("title", d.title)]
    # An organisation the record names by an acronym (in its text or a table column's heading,
    # "VĮLI vaidmuo") that the document spells out elsewhere.
    document_body = squeeze(document)
    shown = "\n".join([text, *(s.heading or "" for s in d.sections)])
    values += [
        ("organisation", o.name)
        for o in d.organisations
        if not (
            o.acronym
            and re.search(rf"(?<!\w){re.escape(o.acronym)}(?!\w)", shown)
            and squeeze(o.name) in document_body
        )
        and not _stands_where_cited(o, document)
    ]
    for field in ("target_groups", "objectives", "activities", "project_numbers", "emails"):
        values += [(field, v) for v in getattr(d, field)]
    values += [("websites", w) for w in d.websites] + [("addresses", a) for a in d.addresses]
    for field, value in values:
        if squeeze(value) not in body:
            bad.append(f"{field}: {value}")
    for part in (d.period_start, d.period_end):
        if part and part[:4] not in text:
            bad.append(f"period: {part}")
    # A theme's terms in the vocabulary's languages, or in the record's own (German, French).
    named_themes = {m.id for m in theme_index().find(text)}
    own = _other_index(d.language)
    if own is not None:
        named_themes |= {m.id for m in own.find(text)}
    bad += [f"theme: {t}" for t in d.themes if t not in named_themes]
    in_record = {m.programme for m in prog.find_programmes(text, keep_parents=True)}
    in_document = {m.programme for m in prog.find_programmes(document, keep_parents=True)}
    for f in d.funding:
        elliptic = f.programme in in_document and prog.names_start(text, f.programme)
        if f.programme and f.programme not in in_record and not elliptic:
            bad.append(f"programme: {f.programme}")
    return bad


def in_half(expected_file: Path, half: str | None) -> bool:
    """The fixed split: the seeds are tuning documents; the rest by a hash of the name."""
    if half is None:
        return True
    if expected_file.parent.resolve() == (SHARED / "seeds-expected").resolve():
        return half == "tune"
    name = expected_file.name.removesuffix(".json")
    bit = hashlib.sha1(name.encode("utf-8")).digest()[0] % 2
    return half == ("tune", "test")[bit]


def evaluate(sets: list[tuple[Path, Path]], half: str | None = None) -> dict[str, Any]:
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
            if not in_half(expected_file, half):
                continue
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
                for scores in by_family.values():
                    title = (exp or {}).get("title") or (d.title if d else "")
                    scores.where = f"{path.name} [{title[:50]}]"
                if d is not None:
                    span_text = result.text[d.span[0] : d.span[1]]
                    invented_values += [
                        f"{path.name} [{d.title[:40]}] {v}"
                        for v in invented(span_text, result.text, d)
                    ]
                if exp is None:
                    extra_record(by_family[d.kind], d)
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
        "details": {family: scores.notes for family, scores in by_family.items()},
        "unjudged": [u for scores in by_family.values() for u in scores.unjudged],
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


def print_details(report: dict[str, Any]) -> None:
    for family, notes in report["details"].items():
        print(f"\n{family}: misses (-) and false values (+)")
        for where, field, note in notes:
            print(f"  {where} {field}: {note}")


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
    unjudged = report["unjudged"]
    print(f"\nunjudged values (fields an expected file does not list): {len(unjudged)}")
    for where, key, values in unjudged:
        print(f"  {where} {key}: {values}")
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
    parser.add_argument("--half", choices=("tune", "test"), help="one half of the documents")
    parser.add_argument("--details", action="store_true", help="print every miss and false value")
    args = parser.parse_args(argv)
    if len(args.docs) != len(args.expected):
        parser.error("give --docs and --expected in pairs")
    sets = list(zip(args.docs, args.expected, strict=True)) or [
        (d, e) for d, e in DEFAULT_SETS if d.is_dir() and e.is_dir()
    ]
    _setup()
    report = evaluate(sets, half=args.half)
    if args.details:
        print_details(report)
    print_report(report)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
