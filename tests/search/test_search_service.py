"""record_search over a real, ingested collection: ranked order in each language, query forms,
hostile input, filters, facets, sorting and paging (on SQLite and on PostgreSQL alike)."""

from __future__ import annotations

import pytest

from practicehub.catalogue.models import Record
from practicehub.search.services import SearchFilters, record_search, records_similar

pytestmark = pytest.mark.django_db

LEADERSHIP = [
    "lt-gp-moteru-lyderyste-savivaldybese.txt",
    "lt-gp-nvo-valstybes-bendradarbiavimas.docx",
]


def files_of(collection, page) -> list[str]:
    by_id = {rid: name for name, ids in collection.items() for rid in ids}
    return [by_id[h.record_id] for h in page.hits]


def test_a_lithuanian_query_ranks_the_lithuanian_practices_on_it_first(collection):
    files = files_of(collection, record_search(query="moterų lyderystė"))
    assert files[0] in LEADERSHIP
    assert sorted(f for f in files if f.startswith("lt-"))[:2] == sorted(LEADERSHIP)


def test_the_best_record_in_the_other_language_is_not_pushed_out(collection):
    # Languages alternate: the English mentoring practice answers the Lithuanian query, and
    # the Lithuanian practices answer the English one.
    files = files_of(collection, record_search(query="moterų lyderystė"))
    assert files[1] == "en-gp-candidate-mentoring.docx"
    files = files_of(collection, record_search(query="women's leadership in municipalities"))
    assert files[0].startswith("en-")
    assert files[1] in LEADERSHIP


def test_the_only_answer_in_the_other_language_leads_the_weaker_ones_in_the_querys(collection):
    # The one record on Roma children's education is Lithuanian: it comes first for the English
    # query, not after the best of the weaker English matches.
    files = files_of(collection, record_search(query="Roma children education"))
    assert files[0] == "lt-gp-romu-vaiku-ugdymas.pdf"


def test_typing_without_diacritics_finds_the_same_records_in_the_same_order(collection):
    with_marks = record_search(query="moterų lyderystė", per_page=50)
    without = record_search(query="moteru lyderyste", per_page=50)
    assert [h.record_id for h in without.hits] == [h.record_id for h in with_marks.hits]
    assert without.total == with_marks.total > 0


@pytest.mark.parametrize(
    "form", ["lyderystė", "lyderystės", "lyderyste", "lyderystes", "LYDERYSTĘ"]
)
def test_every_inflected_form_meets_the_same_records(collection, form):
    expected = {h.record_id for h in record_search(query="lyderystė", per_page=50).hits}
    assert expected
    assert {h.record_id for h in record_search(query=form, per_page=50).hits} == expected


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ("smurto prevencija mokyklose", "lt-gp-smurto-prevencija-mokyklose.txt"),
        ("romų vaikų ugdymas", "lt-gp-romu-vaiku-ugdymas.pdf"),
        ("hate speech in schools", "en-gp-hate-speech-schools.odt"),
        ("gender budgeting", "en-practice-gender-budgeting.html"),
        ("mentoring women candidates", "en-gp-candidate-mentoring.docx"),
    ],
)
def test_the_record_about_the_query_comes_first(collection, query, best):
    assert files_of(collection, record_search(query=query))[0] == best


def test_a_german_record_is_found_by_its_words_with_or_without_umlauts(collection):
    text = Record.objects.get(id=collection["de-gute-praxis-elternlotsen.txt"][0]).title
    word = max(text.split(), key=len).strip(".,:;")
    for query in (word, word.replace("ü", "u").replace("ä", "a").replace("ö", "o")):
        assert (
            files_of(collection, record_search(query=query))[0] == "de-gute-praxis-elternlotsen.txt"
        )


def test_a_quoted_phrase_needs_the_words_together(collection):
    loose = record_search(query="speech hate", per_page=100)
    phrase = record_search(query='"speech hate"', per_page=100)
    right = record_search(query='"hate speech"', per_page=100)
    assert loose.total > 0
    assert phrase.total == 0
    assert files_of(collection, right)[0] == "en-gp-hate-speech-schools.odt"


def test_a_minus_word_excludes_the_records_that_hold_it(collection):
    everything = record_search(query="moterų", per_page=100)
    fewer = record_search(query="moterų -lyderystė", per_page=100)
    leadership = {h.record_id for h in record_search(query="lyderystė", per_page=100).hits}
    assert 0 < fewer.total < everything.total
    assert not leadership & {h.record_id for h in fewer.hits}


def test_or_finds_records_with_either_word(collection):
    roma = {h.record_id for h in record_search(query="romų", per_page=100).hits}
    hate = {h.record_id for h in record_search(query="hate", per_page=100).hits}
    both = {h.record_id for h in record_search(query="romų OR hate", per_page=100).hits}
    assert roma and hate and both == roma | hate


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unclosed phrase',
        "NEAR(a b) AND OR NOT ^ * : {title}",
        "title:foo body:* col:(x)",
        "' OR 1=1; DROP TABLE search_searchentry; --",
        "!!! ??? ... --- ((( )))",
        "- -- ---",
        "the of and",
        "ir bei kad",
        "OR OR OR",
        "lyderystė " * 500,
        "ž" * 5000,
        "\x00\x01\u200b",
        "<script>alert(1)</script>",
    ],
)
def test_no_query_text_makes_it_fail(collection, query):
    page = record_search(query=query)
    assert page.total >= 0
    for hit in page.hits:
        assert "<script>" not in hit.snippet


def test_a_query_of_stop_words_only_still_searches_them(collection):
    assert record_search(query="the of and").total > 0


def test_an_empty_query_lists_every_published_record_newest_first(collection):
    page = record_search(query="", per_page=100)
    assert page.total == Record.objects.filter(status="published").count()
    starts = [Record.objects.get(id=h.record_id).period_start for h in page.hits]
    dated = [s for s in starts if s]
    assert dated == sorted(dated, reverse=True)


def test_snippets_mark_the_matched_words_and_escape_the_text(collection):
    page = record_search(query="lyderystės")
    assert "<mark>" in page.hits[0].snippet
    marked = page.hits[0].snippet.split("<mark>")[1].split("</mark>")[0]
    assert marked.lower().startswith("lyderyst")


def test_filters_keep_only_matching_records_and_facets_count_the_filtered_result(collection):
    everything = record_search(query="", per_page=100)
    languages = {f.value: f.count for f in everything.facets["language"]}
    assert languages["lt"] > 0 and languages["en"] > 0
    assert sum(languages.values()) == everything.total
    lithuanian = record_search(query="", filters=SearchFilters(languages=("lt",)), per_page=100)
    assert lithuanian.total == languages["lt"]
    assert {f.value for f in lithuanian.facets["language"]} == {"lt"}
    assert all(Record.objects.get(id=h.record_id).language == "lt" for h in lithuanian.hits)
    kinds = {f.value: f.count for f in lithuanian.facets["kind"]}
    assert sum(kinds.values()) == lithuanian.total


def test_values_within_a_filter_are_alternatives_and_filters_combine(collection):
    both = record_search(filters=SearchFilters(languages=("lt", "en")), per_page=100)
    lt = record_search(filters=SearchFilters(languages=("lt",)))
    en = record_search(filters=SearchFilters(languages=("en",)))
    assert both.total == lt.total + en.total
    theme = record_search().facets["theme"][0].value
    combined = record_search(
        filters=SearchFilters(languages=("lt",), themes=(theme,)), per_page=100
    )
    for hit in combined.hits:
        record = Record.objects.get(id=hit.record_id)
        assert record.language == "lt" and record.themes.filter(id=theme).exists()
    assert combined.total <= lt.total


def test_an_organisation_and_year_filter_find_the_records_that_have_them(collection):
    facets = record_search().facets
    organisation = facets["organisation"][0]
    page = record_search(filters=SearchFilters(organisations=(organisation.value,)), per_page=100)
    assert page.total == organisation.count > 0
    for hit in page.hits:
        assert (
            Record.objects.get(id=hit.record_id)
            .participations.filter(organisation_id=organisation.value)
            .exists()
        )
    year = facets["year"][0]
    assert record_search(filters=SearchFilters(years=(year.value,))).total == year.count


def test_from_params_reads_repeated_url_parameters_and_rejects_bad_values(collection):
    filters = SearchFilters.from_params({"language": ["lt", "en"], "kind": ["good_practice"]})
    assert filters.languages == ("lt", "en") and filters.kinds == ("good_practice",)
    with pytest.raises(ValueError, match="unknown theme: xyz"):
        SearchFilters.from_params({"theme": ["xyz"]})
    with pytest.raises(ValueError, match="unknown kind"):
        SearchFilters.from_params({"kind": ["poem"]})
    with pytest.raises(ValueError, match="year"):
        SearchFilters.from_params({"year": ["last year"]})
    # PostgreSQL refuses a NUL in any text: a value holding one is a bad value, not a crash.
    for param in ("theme", "programme", "organisation", "year", "target_group"):
        with pytest.raises(ValueError, match=r"unknown|year"):
            SearchFilters.from_params({param: ["k\x00 x"]})


def test_pages_do_not_overlap_and_sorting_by_title_is_alphabetical(collection):
    first = record_search(per_page=3, sort="title")
    second = record_search(per_page=3, page=2, sort="title")
    assert not {h.record_id for h in first.hits} & {h.record_id for h in second.hits}
    titles = [Record.objects.get(id=h.record_id).title.casefold() for h in first.hits + second.hits]
    assert titles == sorted(titles)
    with pytest.raises(ValueError):
        record_search(sort="random")


def test_similar_records_share_organisations_or_themes(collection):
    record_id = collection["lt-gp-moteru-lyderyste-savivaldybese.txt"][0]
    similar = records_similar(record_id, limit=3)
    assert similar and record_id not in {h.record_id for h in similar}
    mine = Record.objects.get(id=record_id)
    themes = set(mine.themes.values_list("id", flat=True))
    orgs = set(mine.participations.values_list("organisation_id", flat=True))
    best = Record.objects.get(id=similar[0].record_id)
    assert themes & set(best.themes.values_list("id", flat=True)) or orgs & set(
        best.participations.values_list("organisation_id", flat=True)
    )


def test_a_record_found_across_languages_has_its_translated_words_marked(collection):
    page = record_search(query="women's leadership in municipalities")
    by_id = {rid: name for name, ids in collection.items() for rid in ids}
    lithuanian = next(h for h in page.hits if by_id[h.record_id] in LEADERSHIP)
    marked = [m.split("</mark>")[0].lower() for m in lithuanian.snippet.split("<mark>")[1:]]
    assert any(m.startswith(("moter", "lyderyst", "savivald")) for m in marked), marked


def test_each_hit_carries_its_records_themes(collection):
    page = record_search(query="moterų lyderystė", per_page=50)
    assert any(h.themes for h in page.hits)
    for hit in page.hits:
        themes = Record.objects.get(id=hit.record_id).themes.values_list("id", flat=True)
        assert hit.themes == tuple(sorted(themes))


def test_a_search_asked_again_reads_the_database_three_times_at_most(collection):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    record_search(query="moteru lyderyste savivaldybese")  # the words' spellings looked up
    with CaptureQueriesContext(connection) as queries:
        page = record_search(query="moteru lyderyste savivaldybese")
    assert page.hits
    # The search table's and the vector index's versions in one query, the page's records, the
    # facet labels: on PostgreSQL each query is a round trip to the server.
    assert len(queries) <= 3, [q["sql"][:80] for q in queries]
