"""The shipped vocabularies: complete in both languages and covering what the seeds need."""

from __future__ import annotations

import json
from pathlib import Path

from practicehub.vocab import glossary, programmes, themes
from practicehub.vocab.load import LANGUAGES


def _expected(seeds_expected_dir: Path, key: str) -> set[str]:
    ids: set[str] = set()
    for path in seeds_expected_dir.glob("*.json"):
        for record in json.loads(path.read_text(encoding="utf-8"))["records"]:
            ids.update(record.get(key, []))
    return ids


def test_every_theme_the_seeds_expect_is_in_the_vocabulary(seeds_expected_dir):
    expected = _expected(seeds_expected_dir, "themes_expected")
    assert expected, "the seeds name no themes: the fixture did not find them"
    assert expected <= {theme["id"] for theme in themes()}


def test_every_programme_the_seeds_expect_is_in_the_vocabulary(seeds_expected_dir):
    expected = _expected(seeds_expected_dir, "funding_programmes")
    assert expected, "the seeds name no programmes: the fixture did not find them"
    assert expected <= {programme["id"] for programme in programmes()}


def test_the_themes_the_extraction_issue_asks_for_are_there():
    required = {
        "gender-equality", "gender-training", "gender-mainstreaming", "women-in-politics",
        "women-leadership", "gender-based-violence", "migrant-integration",
        "intercultural-competence", "anti-discrimination", "diversity-management",
        "national-minorities", "ageing", "education", "employment",
    }  # fmt: skip
    assert required <= {theme["id"] for theme in themes()}


def test_each_theme_can_be_recognised_in_either_language():
    for theme in themes():
        for language in LANGUAGES:
            assert len(theme["terms"][language]) >= 15, (theme["id"], language)


def test_a_funding_statement_of_the_seeds_names_its_programme_by_an_alias():
    # The seed says "funded by the European Fund for the Integration of non-EU Nationals 2013".
    eif = next(p for p in programmes() if p["id"] == "eif")
    assert "European Fund for the Integration of non-EU Nationals" in eif["aliases"]["en"]
    frc = next(p for p in programmes() if p["id"] == "fundamental-rights-citizenship")
    assert "Fundamental Rights and Citizenship" in frc["aliases"]["en"]


def test_the_glossary_pairs_everyday_words_across_languages():
    groups = [({*g["en"]}, {*g["lt"]}) for g in glossary()]

    def paired(en: str, lt: str) -> bool:
        return any(en in group_en and lt in group_lt for group_en, group_lt in groups)

    for en, lt in [
        ("women", "moterys"),
        ("municipality", "savivaldybė"),
        ("violence", "smurtas"),
        ("leadership", "lyderystė"),
        ("integration", "integracija"),
        ("non-governmental organisation", "nevyriausybinė organizacija"),
        ("asylum seekers", "prieglobsčio prašytojai"),
    ]:
        assert paired(en, lt), (en, lt)
