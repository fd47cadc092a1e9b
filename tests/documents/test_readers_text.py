"""Plain text: encodings, one block per line, list items, and nothing ever lost."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from practicehub.documents.readers import ReadError, read_document
from practicehub.documents.readers.text import reads_as_markdown

LITHUANIAN = (
    "Šiuo projektu siekiama stiprinti moterų lyderystę savivaldybėse.\n"
    "Ąžuolas ūžė, o vėjas nešė į mišką čiulbančius paukščius.\n"
    "Projektas „Moterys politikoje“ įgyvendintas 2019–2021 m."
)


def blocks_text(result):
    return [result.block_text(b) for b in result.blocks]


@pytest.mark.parametrize(
    "encoding, reported",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("cp1257", "cp1257"),
        ("iso8859-13", "iso8859-13"),
    ],
)
def test_it_reads_lithuanian_letters_right_in_every_common_encoding(encoding, reported):
    text = LITHUANIAN
    if encoding == "iso8859-13":
        # Latin-7 has no en dash; its quotes sit where windows-1257 has none.
        text = text.replace("–", "-")
    result = read_document(text.encode(encoding), "praktika.txt")
    assert result.text == text
    assert result.encoding == reported


@pytest.mark.parametrize(
    "sentence",
    [
        "Žinios apie lygias galimybes – ką daryti?",
        "Ąžuolas ėjo į mišką, čia ūžė vėjas.",
        "Tikslinė grupė: moterys, jaunimas, užsieniečiai.",
        "įž",
    ],
)
def test_short_lithuanian_texts_in_windows_1257_do_not_turn_into_mojibake(sentence):
    # charset-normalizer alone reads some of these as windows-1250 or KOI8 ("Ìinios", "槉").
    assert read_document(sentence.encode("cp1257"), "a.txt").text == sentence


@pytest.mark.parametrize(
    "sentence, encoding",
    [
        ("Le projet «Égalité» a été réalisé à Paris.", "cp1252"),
        ("Projekt wspiera równość kobiet i mężczyzn w życiu publicznym.", "cp1250"),
        ("Проект поддерживает интеграцию мигрантов.", "cp1251"),
    ],
)
def test_other_european_code_pages_are_not_forced_into_baltic(sentence, encoding):
    assert read_document(sentence.encode(encoding), "a.txt").text == sentence


def test_line_ends_become_lf_and_every_other_character_stays():
    data = "Pirma eilutė\r\n\r\n  Antra\teilutė  \rTrečia".encode()
    result = read_document(data, "a.txt")
    assert result.text == "Pirma eilutė\n\n  Antra\teilutė  \nTrečia"
    assert blocks_text(result) == ["Pirma eilutė", "Antra\teilutė", "Trečia"]


def test_list_lines_are_items_with_their_marker_and_nesting():
    text = (
        "Veiklos:\n"
        "- mokymai\n"
        "    • savivaldybėse\n"
        "1. Pirmas etapas\n"
        "1.1. Parengiamasis darbas\n"
        "a) pastaba\n"
        "K. Donelaičio g. 73, Kaunas\n"
        "-\n"
        "2017 – 2021\n"
    )
    result = read_document(text.encode(), "a.txt")
    got = [(b.kind, b.level, b.marker, result.block_text(b)) for b in result.blocks]
    assert got == [
        ("paragraph", 0, "", "Veiklos:"),
        ("list_item", 0, "-", "- mokymai"),
        ("list_item", 1, "•", "• savivaldybėse"),
        ("list_item", 0, "1.", "1. Pirmas etapas"),
        ("list_item", 1, "1.1.", "1.1. Parengiamasis darbas"),
        ("list_item", 0, "a)", "a) pastaba"),
        # An initial is not a list marker, and a lone dash is a separator line, not an item.
        ("paragraph", 0, "", "K. Donelaičio g. 73, Kaunas"),
        ("paragraph", 0, "", "-"),
        ("paragraph", 0, "", "2017 – 2021"),
    ]


def test_the_seeds_are_read_whole_with_their_numbered_sections(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        data = path.read_bytes()
        result = read_document(data, path.name)
        assert result.text == data.decode("utf-8").replace("\r\n", "\n")
        for block in result.blocks:
            piece = result.block_text(block)
            assert piece == piece.strip() and piece
    form = read_document((seeds_dir / "002_f41e2af915454b88.txt").read_bytes(), "form.txt")
    sections = [form.block_text(b) for b in form.blocks if b.kind == "list_item"]
    assert sections[0] == "1. Gerosios praktikos pavyzdį teikianti organizacija"
    assert [s.split(".")[0] for s in sections[:9]] == [str(n) for n in range(1, 10)]


def test_binary_junk_is_not_taken_for_text():
    with pytest.raises(ReadError, match="binary data, not a document"):
        read_document(bytes(range(256)) * 8, "junk.txt")


# Arbitrary Unicode text as people could type it: no control characters (a file full of them
# is binary junk and rejected on purpose) and no surrogates (not encodable).
TEXT = st.text(st.characters(exclude_categories=("Cc", "Cs")) | st.sampled_from("\n\r\t "))


def _non_space(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, encoding=st.sampled_from(["utf-8", "utf-16"]))
def test_the_text_reader_never_crashes_and_never_drops_a_character(text, encoding):
    # A leading U+FEFF is a byte-order mark by definition; "%PDF-" at the start makes it a PDF.
    assume(not text.startswith("\ufeff") and "%PDF-" not in text)
    assume(text.strip() and not reads_as_markdown(text))  # Markdown is rendered, not kept
    result = read_document(text.encode(encoding), "any.txt")
    assert result.text == text.replace("\r\n", "\n").replace("\r", "\n")
    in_blocks = "".join(result.block_text(b) for b in result.blocks)
    assert _non_space(in_blocks) == _non_space(text)


MARKDOWN = """# Mentoring for Migrant Women Entrepreneurs

**Organisation:** Kaunas Business Women's Association (KBWA)
**Period:** 2020–2022

## Objectives

* Help migrant women start businesses.
* Connect them with [local mentors](https://www.kbwa.lt/mentors).

-----

## Funding
Asylum, Migration and Integration Fund
"""


@pytest.mark.parametrize("filename", ["practice.md", "practice.txt"])
def test_markdown_is_read_as_its_rendering_line_by_line(filename):
    result = read_document(MARKDOWN.encode(), filename)
    got = [(b.kind, result.block_text(b)) for b in result.blocks]
    assert got == [
        ("heading", "Mentoring for Migrant Women Entrepreneurs"),
        (
            "paragraph",
            "Organisation: Kaunas Business Women's Association (KBWA)\nPeriod: 2020–2022",
        ),
        ("heading", "Objectives"),
        ("list_item", "Help migrant women start businesses."),
        ("list_item", "Connect them with local mentors."),
        ("heading", "Funding"),
        ("paragraph", "Asylum, Migration and Integration Fund"),
    ]


def test_a_text_with_one_hash_line_and_dash_separators_stays_plain_text():
    text = "# 1 priedas\nProjektas A\n-----\nProjektas B\n"
    result = read_document(text.encode(), "projektai.txt")
    assert result.text == text
    assert [result.block_text(b) for b in result.blocks] == [
        "# 1 priedas",
        "Projektas A",
        "-----",
        "Projektas B",
    ]


def test_a_utf8_file_with_a_stray_byte_stays_utf8():
    text = LITHUANIAN * 3
    cut = text.index(" stiprinti")
    # A windows-1257 "ą" dropped into UTF-8 text.
    damaged = text[:cut].encode() + b"\xe0" + text[cut:].encode()
    result = read_document(damaged, "pataisytas.txt")
    assert result.encoding == "utf-8"
    assert result.text == text[:cut] + "\ufffd" + text[cut:]
