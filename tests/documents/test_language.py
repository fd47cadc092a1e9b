"""Language of documents and blocks: Lithuanian, English, their neighbours, and mixtures."""

from __future__ import annotations

import pytest

from practicehub.documents.language import detect_languages
from practicehub.documents.readers import read_document

SENTENCES = {
    "lt": "Projektas stiprina moterų lyderystę savivaldybėse ir skatina bendradarbiavimą.",
    "en": "The project strengthens the leadership of women in local government and civil society.",
    "lv": "Projekts stiprina sieviešu līderību pašvaldībās un veicina sadarbību ar organizācijām.",
    "pl": "Projekt wspiera przywództwo kobiet w samorządach lokalnych i współpracę organizacji.",
    "de": "Das Projekt stärkt die Führungsrolle von Frauen in den Gemeinden und Organisationen.",
    "et": "Projekt tugevdab naiste juhtimist omavalitsustes ja toetab organisatsioonide koostööd.",
    "fr": "Le projet renforce le leadership des femmes dans les collectivités locales.",
    "ru": "Проект укрепляет лидерство женщин в муниципалитетах и поддерживает сотрудничество.",
}


def read(text: str):
    return read_document(text.encode(), "doc.txt")


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_each_language_is_named_as_itself(language):
    result = read(SENTENCES[language] + "\n" + SENTENCES[language])
    info = detect_languages(result)
    assert info.language == language
    assert not info.is_mixed
    assert {b.language for b in result.blocks} == {language}


def test_short_blocks_take_the_language_of_the_document():
    result = read(
        "Tikslinė grupė\n"  # too short to judge alone, and looks like many languages
        "El. paštas: luma@gmail.com\n" + SENTENCES["lt"] + "\n" + SENTENCES["lt"]
    )
    info = detect_languages(result)
    assert info.language == "lt"
    assert [b.language for b in result.blocks] == ["lt"] * 4


def test_a_document_in_two_languages_says_so_and_tags_each_part():
    lithuanian = " ".join([SENTENCES["lt"]] * 3)
    english = " ".join([SENTENCES["en"]] * 2)
    result = read(f"Santrauka\n{lithuanian}\nSummary\n{english}")
    info = detect_languages(result)
    assert info.language == "lt"
    assert info.is_mixed
    assert set(info.shares) == {"lt", "en"}
    assert [b.language for b in result.blocks] == ["lt", "lt", "en", "en"]


def test_a_little_english_in_a_lithuanian_document_does_not_make_it_mixed():
    lithuanian = "\n".join([SENTENCES["lt"]] * 8)
    info = detect_languages(read(f"{lithuanian}\n{SENTENCES['en']}"))
    assert info.language == "lt"
    assert not info.is_mixed


def test_the_seeds_are_english_and_lithuanian(seeds_dir):
    found = {
        path.name: detect_languages(read_document(path.read_bytes(), path.name)).language
        for path in sorted(seeds_dir.glob("*.txt"))
    }
    assert found == {"000_6d67536d9e106b0c.txt": "en", "002_f41e2af915454b88.txt": "lt"}


def test_the_model_kept_unpacked_in_the_data_folder_answers_as_the_packed_one(settings, tmp_path):
    from practicehub.documents import language

    settings.DATA_DIR = tmp_path
    texts = [*SENTENCES.values(), "Vilnius", "2021–2023 m.", ""]
    try:
        language._identifier.cache_clear()
        packed = language.classify_many(texts)  # read from py3langid's file, then kept
        [kept] = (tmp_path / "cache").glob("langid-*.npz")
        language._identifier.cache_clear()
        assert language.classify_many(texts) == packed
        # A cache cut short (a full disk, a crash) is not trusted: the model is read again.
        kept.write_bytes(kept.read_bytes()[:1000])
        language._identifier.cache_clear()
        assert language.classify_many(texts) == packed
        assert kept.stat().st_size > 1000
    finally:
        language._identifier.cache_clear()
