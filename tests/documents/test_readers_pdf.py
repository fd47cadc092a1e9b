"""PDF: paragraphs from lines, headings by size, pages marked, hyphenation, protection."""

from __future__ import annotations

import pytest
from fpdf.enums import EncryptionMethod

from practicehub.documents.readers import ReadError, read_document
from tests.documents.makers import make_pdf, unicode_pdf

LONG = (
    "Projektas stiprina moterų lyderystę savivaldybėse ir skatina nevyriausybinių organizacijų "
    "bei valstybės institucijų bendradarbiavimą, o jo dalyvės dalijasi patirtimi su kitomis."
)


def test_lines_join_into_paragraphs_under_headings_with_a_break_between_pages():
    data = make_pdf(
        [
            [("title", "Moterų lyderystės mokykla"), ("p", LONG), ("bullet", "- mokymai"),
             ("bullet", "- susitikimai")],
            [("h1", "Partneriai"), ("p", "Lygių galimybių plėtros centras, Vilnius.")],
        ],
        title="Ataskaita",
    )  # fmt: skip
    result = read_document(data, "ataskaita.pdf")
    got = [(b.kind, b.level, b.page, result.block_text(b)) for b in result.blocks]
    assert got == [
        ("heading", 1, 1, "Moterų lyderystės mokykla"),
        ("paragraph", 0, 1, LONG),
        ("list_item", 0, 1, "- mokymai"),
        ("list_item", 0, 1, "- susitikimai"),
        ("page_break", 0, 2, ""),
        ("heading", 2, 2, "Partneriai"),
        ("paragraph", 0, 2, "Lygių galimybių plėtros centras, Vilnius."),
    ]
    assert result.metadata["title"] == "Ataskaita"


def test_paragraphs_set_only_a_little_apart_are_still_paragraphs_of_their_own():
    # 14 pt lines and 6 pt after each paragraph, most paragraphs a line long: the usual gap is
    # the one between paragraphs, the lines of the long paragraph say what a line's is.
    pdf = unicode_pdf()
    pdf.add_page()
    pdf.set_font("Sans", "", 10)
    paragraphs = [
        "Vykdytojas: VšĮ „Sveika bendruomenė“ (Utena).",
        "Laikotarpis: 2022 m. kovo 1 d. – 2022 m. gruodžio 15 d. Skirta suma: 8 400 Eur.",
        LONG + " " + LONG,
        "Kontaktai: info@sveika.lt",
    ]
    for text in paragraphs:
        pdf.multi_cell(0, 5, text)
        pdf.ln(2)
    result = read_document(bytes(pdf.output()), "ataskaita.pdf")
    assert [result.block_text(b) for b in result.blocks] == paragraphs


def test_ligatures_and_decomposed_letters_come_out_as_plain_letters():
    import unicodedata

    pdf = unicode_pdf()
    pdf.add_page()
    pdf.set_font("Sans", "", 11)
    pdf.multi_cell(0, 6, "The project \ufb01nanced e\ufb03cient support in Kaunas.")
    pdf.ln(4)
    pdf.multi_cell(0, 6, unicodedata.normalize("NFD", LONG))
    result = read_document(bytes(pdf.output()), "ligatures.pdf")
    assert [result.block_text(b) for b in result.blocks] == [
        "The project financed efficient support in Kaunas.",
        LONG,
    ]


def test_a_numbered_heading_under_a_heading_of_its_size_is_a_heading_of_its_own():
    data = make_pdf(
        [
            [("title", "Gerosios praktikos aprašas"),
             ("h1", "Mobilioji teisinė pagalba kaimo moterims"), ("h1", "1. Organizacija"),
             ("p", "VšĮ „Teisės klinika regionams“, Utenos g. 5, Utena, info@tkr.lt"),
             ("h1", "2. Praktikos tikslas"),
             ("p", "Suteikti nemokamą teisinę pagalbą kaimo vietovėse gyvenančioms moterims.")],
        ]
    )  # fmt: skip
    result = read_document(data, "forma.pdf")
    headings = [result.text[b.start : b.end] for b in result.blocks if b.kind == "heading"]
    assert headings == [
        "Gerosios praktikos aprašas",
        "Mobilioji teisinė pagalba kaimo moterims",
        "1. Organizacija",
        "2. Praktikos tikslas",
    ]


def test_a_word_broken_at_a_line_end_is_joined_only_when_it_is_clearly_one_word():
    pdf = unicode_pdf()
    pdf.add_page()
    pdf.set_font("Sans", "", 11)
    pdf.multi_cell(
        0,
        6,
        "Projektas skatina bendra-\ndarbiavimą ir tarp-\ntautinius ryšius.\n"
        "Bendradarbiavimą remia fondas.",
        align="L",
    )
    result = read_document(bytes(pdf.output()), "kelimas.pdf")
    assert result.text == (
        "Projektas skatina bendradarbiavimą ir tarp-tautinius ryšius. "
        "Bendradarbiavimą remia fondas."
    )


def test_a_pdf_that_opens_without_a_password_is_read_and_one_that_needs_it_is_not():
    def protected(user_password: str) -> bytes:
        pdf = unicode_pdf()
        pdf.set_encryption(
            owner_password="savininkas",
            user_password=user_password,
            encryption_method=EncryptionMethod.AES_128,
        )
        pdf.add_page()
        pdf.set_font("Sans", "", 11)
        pdf.multi_cell(0, 6, "Slaptas projektų sąrašas Šiauliuose.")
        return bytes(pdf.output())

    assert read_document(protected(""), "a.pdf").text == "Slaptas projektų sąrašas Šiauliuose."
    with pytest.raises(ReadError, match="password-protected"):
        read_document(protected("slaptazodis"), "b.pdf")


def test_a_pdf_without_text_is_rejected_as_needing_ocr(tmp_path):
    from PIL import Image

    image = tmp_path / "scan.png"
    Image.new("RGB", (400, 200), "white").save(image)
    pdf = unicode_pdf()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=150)
    with pytest.raises(ReadError, match=r"no text layer \(scanned image\?\) — run OCR first"):
        read_document(bytes(pdf.output()), "skenuotas.pdf")


def test_a_truncated_pdf_is_rejected_rather_than_half_read():
    data = make_pdf([[("p", LONG)], [("p", LONG)]])
    with pytest.raises(ReadError, match="damaged or truncated"):
        read_document(data[: len(data) * 2 // 3], "nukirstas.pdf")
