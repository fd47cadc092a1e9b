"""Analysis and query parsing: the forms that must meet, and the query syntax."""

from __future__ import annotations

from practicehub.search import analysis
from practicehub.search.backends import postgres, sqlite
from practicehub.search.query import meaning_text, parse


def test_folding_removes_case_and_diacritics():
    assert analysis.fold("Lyderystė ŽMOGAUS Čia") == "lyderyste zmogaus cia"


def test_lithuanian_forms_with_and_without_diacritics_share_a_stem():
    keys = {analysis.stem_key(w, "lt") for w in ["lyderystė", "lyderystės", "lyderyste"]}
    assert len(keys) == 1
    assert analysis.stems("Moterų lyderystė", "lt") == analysis.stems("moteru lyderyste", "lt")


def test_a_query_word_typed_without_diacritics_reaches_the_written_stem():
    written = analysis.stem_key("savivaldybėse", "lt")
    assert written in analysis.query_keys("savivaldybese", "lt")


def test_english_words_are_stemmed_and_possessives_dropped():
    assert analysis.stems("women's programmes", "en") == analysis.stems("women programme", "en")


def test_other_languages_are_folded_not_stemmed():
    assert analysis.stems("Müttern Gewaltschutz", "de") == ["muttern", "gewaltschutz"]


def test_each_word_keeps_its_keys_whatever_was_analysed_before(monkeypatch):
    """Words seen before are read from a per-process table; one that fills up is started
    afresh: the streams stay the stem and the folded form of each word."""
    monkeypatch.setattr(analysis, "_KEYS", {})
    monkeypatch.setattr(analysis, "_CACHED_WORDS", 6)
    texts = ["Moterų lyderystė savivaldybėse; moterų lyderystės mokymai", "Romų vaikų švietimas"]
    for text in [*texts, *texts]:
        stems, exact = analysis.analyse_both(text, "lt")
        assert stems.split() == [analysis.stem_key(w, "lt") for w in analysis.words(text)]
        assert exact.split() == [analysis.fold(w) for w in analysis.words(text)]
        assert len(analysis._KEYS["lt"]) <= 6  # replaced when full, never grown past it


def test_the_parser_reads_phrases_exclusions_and_or():
    query = parse('"moterų lyderystė" -smurtas romų OR roma')
    assert [len(g) for g in query.groups] == [1, 2]
    assert query.groups[0][0].is_phrase
    assert [w.text for w in query.excluded[0].words] == ["smurtas"]
    assert {t.words[0].text for t in query.groups[1]} == {"romų", "roma"}


def test_the_model_reads_the_wanted_words_as_typed_without_operators_or_exclusions():
    assert meaning_text('"Moterų lyderystė" -smurtas romų OR Roma') == "Moterų lyderystė romų Roma"
    assert meaning_text('savivaldybė -mokykla -"vaikų darželis"') == "savivaldybė"
    assert meaning_text('Erasmus+ "strategic') == "Erasmus+ strategic"
    assert meaning_text("women's leadership - in municipalities") == (
        "women's leadership - in municipalities"
    )
    assert meaning_text("-smurtas") == ""


def test_stop_words_are_dropped_unless_nothing_else_is_left():
    assert [g[0].words[0].text for g in parse("the women of Kaunas").groups] == ["women", "kaunas"]
    assert len(parse("the of").groups) == 2


def test_query_syntax_of_the_databases_is_only_ever_quoted_words():
    query = parse("NEAR(x y) \"a'b\" title:* '; DROP")
    for compile_query in (sqlite.compile_query, postgres.compile_query):
        text = compile_query(query, "all")
        assert "DROP" not in text and "drop" in text
        assert "NEAR(" not in text and "title:" not in text
