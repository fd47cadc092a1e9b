"""`GET /api/vocabularies`: the themes and programmes filters take, with both labels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import practicehub.vocab

pytestmark = pytest.mark.django_db
VOCAB = Path(practicehub.vocab.__file__).parent


def test_it_lists_every_theme_and_programme_in_english_and_lithuanian(client):
    body = client.get("/api/vocabularies").json()
    themes = {t["id"]: t for t in body["themes"]}
    programmes = {p["id"]: p for p in body["programmes"]}
    for theme in json.loads((VOCAB / "themes.json").read_text("utf-8")):
        assert themes[theme["id"]]["label_en"] == theme["label"]["en"]
        assert themes[theme["id"]]["label_lt"] == theme["label"]["lt"]
    for programme in json.loads((VOCAB / "programmes.json").read_text("utf-8")):
        assert programmes[programme["id"]]["name_en"] == programme["name"]["en"]
        assert programmes[programme["id"]]["name_lt"] == programme["name"]["lt"]
        assert programmes[programme["id"]]["parent"] == programme["parent"]
