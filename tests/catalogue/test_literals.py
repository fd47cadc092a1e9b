"""The "cannot match" tests that let extraction skip a pattern's search: a text a pattern
matches always passes them, so skipping never loses a match."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from practicehub.catalogue.extract import labels, organisations, programmes
from practicehub.catalogue.extract.literals import Gate, Occurrences, may_match, needed, scanners
from practicehub.catalogue.extract.text import WORD, fold, sentences, word_pattern
from practicehub.documents.readers import read_document

PHRASES = (*organisations.ROLE_PHRASES, *organisations.NAME_BEFORE_PHRASES)


def test_needed_strings_are_the_parts_every_match_passes_through():
    assert needed(r"\b(?:co-?ordinated|led)\s+by\s+") == (
        frozenset({"ordinated", "led"}),
        frozenset({"by"}),
    )
    assert needed(r"\bkartu su\s+") == (frozenset({"kartu su"}),)


def test_optional_and_case_blind_parts_need_nothing():
    assert needed(r"(?:abc)?x*") == ()
    assert needed(r"(?i:abc)") == ()
    assert needed(re.compile("abc", re.IGNORECASE)) == ()
    assert needed(r"abc|[xy]z?") == ()  # one alternative names no string
    assert may_match((), "anything")


def test_a_text_without_the_strings_is_skipped_and_one_with_them_is_not():
    needs = needed(r"\bfunded\s+by\s+")
    assert not may_match(needs, "supported by the city")
    assert may_match(needs, "funded by the city")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_text_a_role_phrase_matches_passes_its_test(data):
    phrase = data.draw(st.sampled_from(PHRASES))
    text = data.draw(st.from_regex(phrase.pattern))
    assume(phrase.pattern.search(text))
    assert may_match(phrase.needs, text)


def test_matches_in_real_documents_pass_the_test(examples_dir):
    checked = 0
    for path in sorted((examples_dir / "documents").glob("*.txt")):
        text = fold(read_document(path.read_bytes(), path.name).text)
        for phrase in PHRASES:
            for m in phrase.pattern.finditer(text):
                assert may_match(phrase.needs, m.group(0)), (phrase.pattern.pattern, m.group(0))
                checked += 1
    assert checked > 50


def test_phrases_by_trigger_takes_the_phrases_any_of_whose_words_are_present():
    index = organisations.PhrasesByTrigger(organisations.ROLE_PHRASES)
    words = sorted({w for p in organisations.ROLE_PHRASES for w in p.trigger})
    for present in (frozenset(), frozenset(words[:3]), frozenset(words[::7]), frozenset(words)):
        assert index.among(present) == [
            p for p in organisations.ROLE_PHRASES if p.trigger & present
        ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_text_a_programme_acronym_matches_passes_its_test(data):
    acronyms = programmes._index()[1]
    i = data.draw(st.integers(0, len(acronyms) - 1))
    pattern = acronyms[i][0]
    text = data.draw(st.from_regex(pattern))
    assume(pattern.search(text))
    assert may_match(programmes._acronym_needs()[i], text)
    assert programmes._acronym_gate().search(text)  # the gate before all acronyms lets it by


def test_programmes_named_by_acronym_are_still_found():
    found = {m.programme for m in programmes.find_programmes("Funded by the ESF+ and AMIF.")}
    assert found >= {"amif"}
    assert programmes.find_programmes("Funded by the city.") == []


def test_occurrences_touch_the_stretches_that_hold_a_needed_string():
    pattern = re.compile(r"\bfunded by\b|\bremia\b")
    text = "Alpha beta. It is funded by the city. Gamma delta. Projektą remia miestas."
    occurrences = Occurrences(scanners(pattern), text)
    for sentence in ("Alpha beta.", "Gamma delta."):
        at = text.index(sentence)
        assert not occurrences.touch(at, at + len(sentence))
    for sentence in ("It is funded by the city.", "Projektą remia miestas."):
        at = text.index(sentence)
        assert occurrences.touch(at, at + len(sentence))
    assert Occurrences((), text).touch(0, 5)  # a pattern that needs nothing may match anywhere


SENTENCES = st.lists(
    st.one_of(
        st.sampled_from(["The project runs in Kaunas.", "Projektą remia savivaldybė.", "Ir t.t."]),
        st.from_regex(programmes._CUES, fullmatch=True).map(lambda s: s.replace("\n", " ")),
        st.text(alphabet="abcdefgrmnu sp.", max_size=40),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SENTENCES)
def test_no_funding_statement_is_skipped_by_the_piece_level_cues(parts):
    body = " ".join(parts)
    cues = programmes.funding_cues(body)
    for start, end, sentence in sentences(body):
        if programmes.is_funding_statement(sentence):
            assert cues.touch(start, end), sentence


def test_counting_up_to_a_most_reads_no_further_than_it_needs():
    from practicehub.catalogue.extract.kind import _up_to

    pattern = re.compile(r"\bproject\w*")
    assert _up_to(3, pattern, "a project, two projects") == 2
    assert _up_to(3, pattern, "project " * 10) == 3


def test_only_year_is_the_one_year_a_text_names():
    from practicehub.catalogue.extract.dates import only_year

    assert only_year("Since 2019 and again in 2019") == "2019"
    assert only_year("From 2019 to 2021, then 2019") is None
    assert only_year("No year here") is None


ROLE_TEXTS = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "coordinated by the Centre",
                "in partnership with Caritas",
                "projektą remia savivaldybė",
                "kartu su partneriais",
                "the project was funded by the city",
                "partners are:",
            ]
        ),
        st.text(alphabet="abcdeilnoprstuy ,.:-", max_size=30),
    ),
    max_size=6,
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(ROLE_TEXTS)
def test_the_first_role_phrase_is_where_all_phrases_as_one_pattern_first_match(text):
    union = re.compile("|".join(f"(?:{p.pattern.pattern})" for p in organisations.ROLE_PHRASES))
    folded = fold(text)
    for start in range(0, len(folded), 7):
        first = union.search(folded, start, len(folded))
        starts = organisations._role_phrase_starts(folded, start, len(folded))
        assert (min(starts) if starts else None) == (first.start() if first else None)


TRIGGER_TEXTS = st.lists(
    st.one_of(
        st.sampled_from(sorted(organisations._ALL_TRIGGERS)),
        st.text(alphabet="aeiknoprst -", max_size=8),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(TRIGGER_TEXTS)
def test_triggers_found_in_one_pass_are_every_trigger_the_text_holds(text):
    expected = {w for w in organisations._ALL_TRIGGERS if w in text}
    assert organisations._triggers_in(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aąž1 -'_.\n\u00a0é")), max_size=40))
def test_the_faster_word_pattern_reads_the_same_words(text):
    assert [m.span() for m in word_pattern(text).finditer(text)] == [
        m.span() for m in WORD.finditer(text)
    ]


def test_a_gate_lets_by_the_patterns_whose_strings_a_text_holds_in_their_order():
    gate = Gate([re.compile(r"\bpartner\w*"), re.compile(r"\bpartnership\b"), re.compile("x?")])
    assert gate.candidates("our partnership") == [0, 1, 2]  # "partnership" brings "partner"
    assert gate.candidates("the partners") == [0, 2]
    assert gate.candidates("nothing of the kind") == [2]  # "x?" needs nothing sure


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_text_a_label_matches_passes_the_label_gate(data):
    i = data.draw(st.integers(0, len(labels.LABELS) - 1))
    pattern = labels.LABELS[i].pattern
    text = data.draw(st.from_regex(pattern))
    assume(pattern.search(text))
    assert i in labels._LABEL_GATE.candidates(text)


def test_labels_in_real_documents_pass_the_label_gate(examples_dir):
    checked = 0
    for path in sorted((examples_dir / "documents").glob("*.txt")):
        for line in read_document(path.read_bytes(), path.name).text.splitlines():
            folded = fold(line)
            kinds = labels._LABEL_GATE.candidates(folded)
            for i, kind in enumerate(labels.LABELS):
                if kind.pattern.search(folded):
                    assert i in kinds, (kind.pattern.pattern, line)
                    checked += 1
    assert checked > 50
