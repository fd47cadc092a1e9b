"""Where records begin and end: separators, rules, repeated forms, headings, a single record."""

from __future__ import annotations

import io

import docx

from tests.catalogue.helpers import extract_bytes, extract_text

BODY = (
    "The project trains municipal staff in gender budgeting and is funded by the "
    "Rights, Equality and Citizenship Programme of the European Union. Partners: "
    "Centre for Equality Initiatives (Lithuania)."
)


def test_lines_of_a_single_dash_separate_records():
    text = f"-\nFirst Project\n{BODY}\n-\nSecond Project\n{BODY}\n-\n"
    assert [d.title for d in extract_text(text)] == ["First Project", "Second Project"]


def test_a_dash_left_at_the_end_of_a_sentence_closes_the_record():
    text = f"First Project\n{BODY} Funded in 2013. -\nSecond Project\n{BODY}\n"
    drafts = extract_text(text)
    assert [d.title for d in drafts] == ["First Project", "Second Project"]
    assert not text[drafts[0].span[0] : drafts[0].span[1]].endswith("-")


def test_rules_of_stars_and_underscores_separate_records():
    text = (
        f"Pirmas projektas\n{BODY}\n\n* * *\n\nAntras projektas\n{BODY}\n\n______\n\n"
        f"Trečias\n{BODY}"
    )
    assert [d.title for d in extract_text(text)] == [
        "Pirmas projektas",
        "Antras projektas",
        "Trečias",
    ]


def test_a_rule_under_a_title_does_not_cut_the_title_from_its_text():
    drafts = extract_text(f"Women in Local Politics\n-----------------------\n{BODY}\n")
    assert len(drafts) == 1
    assert drafts[0].title == "Women in Local Politics"


def test_a_listing_heading_is_not_taken_as_the_first_record():
    text = (
        f"OUR PROJECTS (2017)\n\nFirst Project\n\n{BODY}\n\n***\n\nSecond Project\n\n{BODY}"
        f"\n\n***\n\nThird Project\n\n{BODY}\n"
    )
    assert [d.title for d in extract_text(text)] == [
        "First Project",
        "Second Project",
        "Third Project",
    ]


def test_a_document_without_signals_stays_one_record():
    text = (
        f"Moterų lyderystės akademija\n\n{BODY}\n\nSecond paragraph about results.\n\n"
        "Third paragraph."
    )
    drafts = extract_text(text)
    assert len(drafts) == 1
    assert drafts[0].span == (0, len(text))


def test_two_forms_in_one_file_are_two_records():
    form = (
        "{title}\n\n1. Gerosios praktikos pavyzdį teikianti organizacija\n\nAsociacija „Lygus“\n\n"
        "2. Organizacijos kontaktai\n\ninfo@lygus.lt\n\n3. Gerosios praktikos tikslas\n\n"
        "Stiprinti moterų lyderystę.\n\n5. Tikslinė grupė\n\nMoterys\n\n"
        "9. Svarbiausi patarimai norintiems pritaikyti šią gerąją praktiką\n\n"
        "Pradėkite nuo mažo.\n\n"
    )
    text = form.format(title="Lyderystės mokykla") + form.format(title="Mentorystės tinklas")
    drafts = extract_text(text)
    assert [d.title for d in drafts] == ["Lyderystės mokykla", "Mentorystės tinklas"]
    assert all(d.kind == "good_practice" for d in drafts)


def test_headings_of_one_level_in_a_docx_report_are_records():
    document = docx.Document()
    document.add_heading("Annual report 2019", level=1)
    document.add_paragraph("Our centre ran several projects this year.")
    for title in ("Silver Skills", "Seniors in Schools", "Digital Literacy"):
        document.add_heading(title, level=2)
        document.add_paragraph(
            f"{title} is a project implemented in 2019 with partners from Latvia and funded by the "
            "municipality; it reached two hundred older people in twelve courses."
        )
    buffer = io.BytesIO()
    document.save(buffer)
    _text, drafts = extract_bytes(buffer.getvalue(), "report.docx")
    assert [d.title for d in drafts] == ["Silver Skills", "Seniors in Schools", "Digital Literacy"]
