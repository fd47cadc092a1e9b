"""`practicehub search` as PRODUCT.md gives it: JSON with query and results, or text."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run(capsys, *args) -> str:
    call_command("search", *args)
    return capsys.readouterr().out


def test_json_output_has_the_agreed_shape_best_first(collection, capsys):
    out = json.loads(run(capsys, "moteru lyderyste", "--limit", "2", "--format", "json"))
    assert out["query"] == "moteru lyderyste"
    assert len(out["results"]) == 2
    first = out["results"][0]
    assert set(first) == {"id", "title", "kind", "language", "score"}
    assert first["language"] == "lt" and "lyderyst" in first["title"].lower()
    assert out["results"][0]["score"] >= out["results"][1]["score"]


def test_text_output_lists_titles_and_the_total(collection, capsys):
    out = run(capsys, "hate speech", "--limit", "1")
    assert "1. " in out and "matching records" in out


def test_filters_are_options_that_may_repeat(collection, capsys):
    args = ["--format", "json", "--limit", "50"]
    out = json.loads(run(capsys, "", *args, "--language", "en", "--kind", "good_practice"))
    assert out["results"]
    assert {(r["language"], r["kind"]) for r in out["results"]} == {("en", "good_practice")}
    both = json.loads(run(capsys, "", *args, "--language", "en", "--language", "lt"))
    assert {r["language"] for r in both["results"]} == {"en", "lt"}


def test_a_bad_filter_value_is_a_clear_error(collection):
    with pytest.raises(CommandError, match="unknown theme: no-such-theme"):
        call_command("search", "x", "--theme", "no-such-theme")


def test_nothing_found_says_so(collection, capsys):
    assert "no published record matches" in run(capsys, "qqqzzzxxx")
