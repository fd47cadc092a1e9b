"""The extraction evaluation on the seeds and the sample collection stays above its floors.

Floors live in bench/baselines/extraction.json; lowering one is a deliberate, explained commit.
"""

from __future__ import annotations

import importlib.util
import json

from tests.conftest import ROOT

BASELINE = ROOT / "bench" / "baselines" / "extraction.json"


def _evaluation():
    spec = importlib.util.spec_from_file_location(
        "extraction_eval", ROOT / "bench" / "extraction_eval.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_extraction_quality_stays_above_the_recorded_floors(seeds_dir, seeds_expected_dir):
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))
    module = _evaluation()
    report = module.evaluate(
        [
            (seeds_dir, seeds_expected_dir),
            (ROOT / "examples" / "documents", ROOT / "examples" / "expected"),
        ]
    )
    below = []
    for family in ("good_practice", "project"):
        for field, floor in floors[family].items():
            got = report[family]["overall" if field == "overall" else "fields"]
            value = got["f1"] if field == "overall" else got.get(field, {}).get("f1", 0.0)
            if value < floor:
                below.append(f"{family}.{field}: F1 {value:.3f} < floor {floor}")
    assert below == []
    assert report["invented"]["count"] <= floors["invented_max"], report["invented"]["values"]
