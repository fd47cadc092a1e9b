"""The query said other ways: without diacritics, and in the other language by the glossary."""

from __future__ import annotations

import pytest

from practicehub.semantic.expansion import diacritics_restored, glossary_translation
from tests.semantic.conftest import DATING, SENIORS

pytestmark = pytest.mark.django_db


def test_glossary_translation_goes_into_the_other_language_inflected_or_not():
    assert glossary_translation("smurtas prieš moteris") == ("en", "violence against women")
    language, text = glossary_translation("moteru lyderyste savivaldybese")
    assert language == "en"
    assert "leadership" in text and "municipalit" in text
    language, text = glossary_translation("violence prevention in schools")
    assert language == "lt"
    assert "smurtas" in text and "mokykla" in text
    assert glossary_translation("Kaunas Vilnius") is None
    # English needs no diacritics, so its words are not read as a shorter glossary word plus an
    # ending, as Lithuanian typed without diacritics is: "courtyards" is not "court" (teismas).
    assert "teismas" not in glossary_translation("community gardens in courtyards")[1]
    assert glossary_translation("") is None
    # A word typed beside its translation is said once: "jaunimas jaunimas" would cost the
    # model a text where the glossary term alone has its vector kept.
    assert glossary_translation("jaunimas youth") == ("lt", "jaunimas")


def test_words_typed_without_diacritics_are_spelled_as_the_collection_writes_them(ingest):
    assert diacritics_restored("senjoru savanoryste mokyklose") is None  # no word forms known yet
    ingest(SENIORS, DATING)
    restored = diacritics_restored("senjoru savanoryste mokyklose")
    assert restored is not None and "mokyklose" in restored
    assert "senjorų" in restored or "savanorystė" in restored
    # Already written with diacritics, or too short to tell: left alone.
    assert diacritics_restored("smurtas prieš is") is None


def test_spellings_remembered_for_an_index_version_follow_new_passages(ingest):
    from practicehub.semantic.index import _current_version
    from practicehub.semantic.passages import index_version_bump

    index_version_bump()
    before = _current_version()
    # Searched before any passage spells these words: remembered as having no other form.
    assert diacritics_restored("senjoru savanoryste", before) is None
    assert diacritics_restored("senjoru savanoryste", before) is None
    ingest(SENIORS)
    after = _current_version()
    assert after != before
    restored = diacritics_restored("senjoru savanoryste", after)
    assert restored is not None and ("senjorų" in restored or "savanorystė" in restored)
    assert restored == diacritics_restored("senjoru savanoryste")  # as read without the version
