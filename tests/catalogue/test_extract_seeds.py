"""Every expectation in shared/seeds-expected holds for the shared seed documents."""

from __future__ import annotations

import json

import pytest

from practicehub.catalogue.extract.names import core_and_type, name_key
from practicehub.catalogue.extract.text import fold
from tests.catalogue.helpers import extract_file


def _same_organisation(want: dict, got) -> bool:
    if name_key(want["name"]) == name_key(got.name):
        return True
    core_w, kind_w = core_and_type(want["name"])
    core_g, kind_g = core_and_type(got.name)
    return core_w == core_g and (kind_w == kind_g or not kind_w or not kind_g)


def _norm(text: str) -> str:
    return " ".join(fold(text).replace('"', " ").split()).strip(" .")


def _check(expected: dict, draft) -> list[str]:
    problems = []
    for field in ("kind", "language"):
        if getattr(draft, field) != expected[field]:
            problems.append(f"{field}: {getattr(draft, field)!r}")
    titles = [expected.get("title"), *expected.get("title_any_of", [])]
    if not any(t and _norm(t) == _norm(draft.title) for t in titles):
        problems.append(f"title: {draft.title!r}")
    for want in expected.get("organisations", []):
        hit = [o for o in draft.organisations if _same_organisation(want, o)]
        if not hit or hit[0].role != want["role"]:
            problems.append(f"organisation {want['name']} ({want['role']}): {hit}")
            continue
        for attr in ("acronym", "country"):
            if want.get(attr) and getattr(hit[0], attr) != want[attr]:
                problems.append(f"{want['name']} {attr}: {getattr(hit[0], attr)!r}")
    programmes = {f.programme for f in draft.funding}
    for programme in expected.get("funding_programmes", []):
        if programme not in programmes:
            problems.append(f"programme {programme}: {programmes}")
    wanted_text = expected.get("funding_text_contains")
    if wanted_text and not any(wanted_text in f.text for f in draft.funding):
        problems.append(f"funding text: {[f.text for f in draft.funding]}")
    if set(expected.get("project_numbers", [])) - set(draft.project_numbers):
        problems.append(f"project numbers: {draft.project_numbers}")
    if "period" in expected:
        got = {"start": draft.period_start, "end": draft.period_end}
        if got != expected["period"]:
            problems.append(f"period: {got}")
    if "period_note" in expected and draft.period_end:
        problems.append(f"invented period end: {draft.period_end}")
    for mention in expected.get("target_groups_mentioned", []):
        if not any(_norm(mention) in _norm(t) for t in draft.target_groups):
            problems.append(f"target group {mention!r}: {draft.target_groups}")
    for theme in expected.get("themes_expected", []):
        if theme not in draft.themes:
            problems.append(f"theme {theme}: {draft.themes}")
    for field in ("emails", "websites"):
        if set(expected.get(field, [])) - set(getattr(draft, field)):
            problems.append(f"{field}: {getattr(draft, field)}")
    for address in expected.get("addresses_contain", []):
        if not any(address in a for a in draft.addresses):
            problems.append(f"address {address!r}: {draft.addresses}")
    if "sections_in_order" in expected:
        keys = [s.key for s in draft.sections if s.key in expected["sections_in_order"]]
        if keys != expected["sections_in_order"]:
            problems.append(f"sections: {[s.key for s in draft.sections]}")
    if "objectives_count" in expected and len(draft.objectives) != expected["objectives_count"]:
        problems.append(f"objectives: {draft.objectives}")
    if "activities_min" in expected and len(draft.activities) < expected["activities_min"]:
        problems.append(f"activities: {draft.activities}")
    return problems


def test_every_seed_expectation_holds(seeds_dir, seeds_expected_dir):
    checked = 0
    for expected_file in sorted(seeds_expected_dir.glob("*.json")):
        expected = json.loads(expected_file.read_text(encoding="utf-8"))
        _text, drafts = extract_file(seeds_dir / expected["document"])
        assert len(drafts) == len(expected["records"]), [d.title for d in drafts]
        for want, draft in zip(expected["records"], drafts, strict=True):
            assert _check(want, draft) == [], (expected["document"], draft.title)
            checked += 1
    assert checked >= 5


@pytest.mark.parametrize("document", ["000_6d67536d9e106b0c.txt", "002_f41e2af915454b88.txt"])
def test_every_value_of_a_seed_lies_in_its_record(seeds_dir, document):
    text, drafts = extract_file(seeds_dir / document)
    for draft in drafts:
        record = text[draft.span[0] : draft.span[1]]
        for field, spans in draft.provenance.items():
            for start, end in spans:
                assert draft.span[0] <= start <= end <= draft.span[1], field
        for value in [*draft.objectives, *draft.target_groups, *draft.project_numbers]:
            assert value in record
