"""A hand-edited vocabulary file with a mistake is refused with the file and entry named."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from practicehub.vocab import (
    VocabularyError,
    load_glossary,
    load_programmes,
    load_themes,
    programmes,
    themes,
)


def _write(tmp_path: Path, name: str, entries) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    return path


def _themes() -> list[dict]:
    return copy.deepcopy(list(themes()[:3]))


def _programmes() -> list[dict]:
    return copy.deepcopy(
        [
            p
            for p in programmes()
            if p["id"] in {"daphne", "daphne-iii", "eif", "solidarity-migration-flows"}
        ]
    )


def test_it_names_the_theme_that_lacks_a_lithuanian_label(tmp_path):
    entries = _themes()
    del entries[1]["label"]["lt"]
    expected = rf"themes\.json: entry 1 \('{entries[1]['id']}'\).*label.*'lt'"
    with pytest.raises(VocabularyError, match=expected):
        load_themes(_write(tmp_path, "themes.json", entries))


def test_it_refuses_a_theme_id_used_twice(tmp_path):
    entries = _themes()
    entries[2]["id"] = entries[0]["id"]
    with pytest.raises(VocabularyError, match=r"themes\.json: entry 2 .*used twice"):
        load_themes(_write(tmp_path, "themes.json", entries))


def test_it_refuses_a_theme_without_english_terms(tmp_path):
    entries = _themes()
    entries[0]["terms"]["en"] = []
    with pytest.raises(VocabularyError, match=r"themes\.json: entry 0 .*terms/en"):
        load_themes(_write(tmp_path, "themes.json", entries))


def test_it_refuses_a_programme_whose_parent_is_missing(tmp_path):
    entries = [p for p in _programmes() if p["id"] != "daphne"]
    with pytest.raises(VocabularyError, match=r"programmes\.json: .*'daphne-iii'.*parent 'daphne'"):
        load_programmes(_write(tmp_path, "programmes.json", entries))


def test_it_refuses_programmes_whose_parents_go_round_in_a_circle(tmp_path):
    entries = _programmes()
    next(p for p in entries if p["id"] == "daphne")["parent"] = "daphne-iii"
    with pytest.raises(VocabularyError, match=r"programmes\.json: .*cycle"):
        load_programmes(_write(tmp_path, "programmes.json", entries))


def test_it_refuses_an_unknown_scope_and_names_the_field(tmp_path):
    entries = _programmes()
    entries[0]["scope"] = "global"
    with pytest.raises(VocabularyError, match=r"programmes\.json: entry 0 .*scope"):
        load_programmes(_write(tmp_path, "programmes.json", entries))


def test_it_refuses_years_that_run_backwards(tmp_path):
    entries = _programmes()
    entries[0]["years"] = "2013-2007"
    with pytest.raises(VocabularyError, match="run backwards"):
        load_programmes(_write(tmp_path, "programmes.json", entries))


def test_it_refuses_a_glossary_group_with_one_language(tmp_path):
    groups = [{"en": ["women"], "lt": ["moterys"]}, {"en": ["men"]}]
    with pytest.raises(VocabularyError, match=r"glossary\.json: entry 1: .*'lt'"):
        load_glossary(_write(tmp_path, "glossary.json", groups))


def test_it_refuses_a_term_listed_twice(tmp_path):
    groups = [{"en": ["women", "Women"], "lt": ["moterys"]}]
    with pytest.raises(VocabularyError, match=r"glossary\.json: entry 0: .*'Women' twice"):
        load_glossary(_write(tmp_path, "glossary.json", groups))


def test_it_says_which_file_is_not_json(tmp_path):
    path = tmp_path / "themes.json"
    path.write_text('[{"id": "x",]', encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"themes\.json: not valid UTF-8 JSON"):
        load_themes(path)
