"""Controlled phrases found on word stems: offsets as written, hyphens split and joined."""

from __future__ import annotations

from practicehub.catalogue.extract.phrases import PhraseIndex

INDEX = PhraseIndex(
    [
        ("ic", "en", "intercultural competence"),
        ("women", "en", "women"),
        ("leaders", "en", "women leaders"),
        ("esf", "lt", "Europos socialinis fondas"),
        ("tcn", "en", "third-country nationals"),
    ]
)


def found(text: str) -> list[tuple[str, str]]:
    return [(m.id, text[m.start : m.end]) for m in INDEX.find(text)]


def test_phrases_are_found_in_other_forms_and_shown_as_written():
    assert found("Projektas remiamas Europos socialinio fondo lėšomis.") == [
        ("esf", "Europos socialinio fondo")
    ]
    assert found("Courses build intercultural competences.") == [
        ("ic", "intercultural competences")
    ]


def test_a_hyphenated_word_is_read_both_split_and_joined():
    assert found("They train inter-cultural competences of third-country nationals") == [
        ("ic", "inter-cultural competences"),
        ("tcn", "third-country nationals"),
    ]
    assert found("for third country nationals") == [("tcn", "third country nationals")]


def test_overlapping_phrases_are_each_found_longest_first_at_one_place():
    assert found("Young women leaders meet; women - and men - vote.") == [
        ("leaders", "women leaders"),
        ("women", "women"),
        ("women", "women"),
    ]
    assert found("") == []
