"""Layouts the first readings got wrong: run-together table rows, labels before titles, site
navigation, call codes, question headings, programme descriptions beside projects."""

from __future__ import annotations

import io

import docx

from tests.catalogue.helpers import extract_bytes, extract_text


def test_cells_of_a_table_row_run_into_one_line_keep_their_labels():
    (draft,) = extract_text(
        "Safe Online: supporting women targeted by online violence\n\n"
        "Programme\n\nRights, Equality and Citizenship Programme (2014–2020) – "
        "REC-RDAP-GBV-AG-2019 Coordinator Centre for Equality Initiatives, Lithuania\n\n"
        "Partners\n\nWomen Forward Ltd (Ireland); Youth Equality Network (Lithuania) Duration "
        "1 March 2020 – 28 February 2022 EU contribution EUR 356,112.40\n\n"
        "The project trains police officers to help women who experience online violence."
    )
    assert [(o.name, o.role, o.country) for o in draft.organisations] == [
        ("Centre for Equality Initiatives", "coordinator", "LT"),
        ("Women Forward Ltd", "partner", "IE"),
        ("Youth Equality Network", "partner", "LT"),
    ]
    assert (draft.period_start, draft.period_end) == ("2020-03-01", "2022-02-28")
    # The call's code in the programme row is not the project's number.
    assert draft.project_numbers == []
    assert [f.programme for f in draft.funding if f.programme] == ["rec"]


def test_a_code_the_text_calls_a_call_or_measure_is_no_project_number():
    (draft,) = extract_text(
        "Welcome Desk\n\nThe project applied to call PMIF-2.1.3-K-02 of the national programme. "
        "Project number: PMIF-2.1.3-K-02-0009. It is funded by the Asylum, Migration and "
        "Integration Fund."
    )
    assert draft.project_numbers == ["PMIF-2.1.3-K-02-0009"]


def test_a_title_loses_the_label_before_the_name():
    titles = [
        extract_text(f"{heading}\n\nThe project trains municipal staff in gender budgeting.")[
            0
        ].title
        for heading in (
            "Projektas „Pirmieji žingsniai Kaune“",
            "Project: Women in Local Councils",
            "Gute-Praxis-Beispiel: Mobile Beratung im ländlichen Raum",
            "Project HOPE",
        )
    ]
    assert titles == [
        "Pirmieji žingsniai Kaune",
        "Women in Local Councils",
        "Mobile Beratung im ländlichen Raum",
        "Project HOPE",
    ]


def test_site_navigation_never_becomes_a_title():
    html = (
        "<html><body><div><a href='#c'>Pereiti prie turinio</a></div>"
        "<div class='langs'><a href='/lt'>LT</a> | <a href='/en'>EN</a></div>"
        "<div>Pradžia &gt; Projektai</div>"
        "<div id='c'><h1>Lygios galimybės darbe</h1><p>Projektą įgyvendina Lygybės iniciatyvų "
        "centras. Projektas finansuojamas Europos socialinio fondo lėšomis.</p></div>"
        "</body></html>"
    )
    _text, (draft,) = extract_bytes(html.encode("utf-8"), "page.html")
    assert draft.title == "Lygios galimybės darbe"


def test_headings_put_as_questions_are_sections_of_one_record():
    document = docx.Document()
    document.add_heading("Integration Centre for Foreigners in Kaunas", level=1)
    document.add_heading("At a glance", level=2)
    document.add_paragraph(
        "Lead organisation: Social Partnership Fund Darnus ratas. Period: 2020–2022. The project "
        "is funded by the Asylum, Migration and Integration Fund."
    )
    document.add_heading("Why a centre?", level=2)
    document.add_paragraph(
        "Before 2020 newcomers in the project's region had to visit five offices in 2019 to get "
        "their papers; partners saw the same families again and again."
    )
    document.add_heading("Who can use the centre", level=2)
    document.add_paragraph(
        "All third-country nationals living legally in Lithuania and their family members can "
        "use the project's services free of charge since 2020."
    )
    buffer = io.BytesIO()
    document.save(buffer)
    _text, drafts = extract_bytes(buffer.getvalue(), "centre.docx")
    assert [d.title for d in drafts] == ["Integration Centre for Foreigners in Kaunas"]


def test_programme_descriptions_beside_a_project_are_not_records():
    drafts = extract_text(
        "Asylum, Migration and Integration Fund (AMIF)\n"
        "AMIF funds the reception of asylum seekers and the integration of third-country "
        "nationals; calls are announced every year by the managing authority.\n"
        "-\n"
        "Welcome Desk Vilnius\n"
        "The project is implemented by Diversity Bridge and funded by the Asylum, Migration and "
        "Integration Fund. Project No: PMIF-2.1.2-V-01-0009."
    )
    assert [d.title for d in drafts] == ["Welcome Desk Vilnius"]


def test_the_first_cell_of_a_row_run_into_one_line_keeps_its_label_too():
    (draft,) = extract_text(
        "Mergaitės ir technologijos\n\n"
        "Vykdytoja Asociacija „Inžinerijos mergaitės“ Partneris Kauno Saulėtekio progimnazija "
        "Vieta Kauno miestas Trukmė 2023-04-03 – 2023-11-30\n\n"
        "Įkūrėme robotikos būrelį mergaitėms."
    )
    assert [(o.name, o.role) for o in draft.organisations] == [
        ("Asociacija Inžinerijos mergaitės", "implementer"),
        ("Kauno Saulėtekio progimnazija", "partner"),
    ]


def test_a_row_run_into_one_line_may_end_in_a_dates_abbreviation():
    (draft,) = extract_text(
        "Moterys savivaldoje\n\n"
        "Vykdytoja Tauragės moterų klubas „Ąžuolė“ Partneriai Šilalės rajono moterų draugija "
        "Vieta Tauragės regionas Trukmė 2023 m. kovo 1 d. – gruodžio 15 d.\n\n"
        "Surengėme susitikimus su tarybos narėmis."
    )
    assert [(o.name, o.role) for o in draft.organisations] == [
        ("Tauragės moterų klubas Ąžuolė", "implementer"),
        ("Šilalės rajono moterų draugija", "partner"),
    ]
    assert (draft.period_start, draft.period_end) == ("2023-03-01", "2023-12-15")


def test_a_value_after_its_label_on_the_same_line_is_not_repeated_in_the_funding_text():
    (draft,) = extract_text(
        "Building Bridges\n\n"
        "Programme: Erasmus+\nKey action: Cooperation for innovation\n\n"
        "The partnership trained youth workers to welcome young newcomers."
    )
    assert [f.text for f in draft.funding] == [
        "Programme: Erasmus+\nKey action: Cooperation for innovation"
    ]


def test_a_projects_facts_table_gives_its_lead_and_country_and_the_paragraph_after_is_its_summary():
    data = _docx_with_table(
        "Safe at Home: outreach to older women living alone",
        "",
        [
            ("Grant No.", "EFBR-SG-2020-07"),
            ("Grantee", "Senior Women's Club of Jelgava"),
            ("Country", "Latvia"),
            ("Partners", "Jelgava Social Service"),
            ("Grant", "EUR 19 800"),
        ],
        after="Volunteers visit older women who live alone and talk with them about safety.",
    )
    (draft,) = extract_bytes(data, "grants.docx")[1]
    assert [(o.name, o.role, o.country) for o in draft.organisations] == [
        ("Senior Women's Club of Jelgava", "coordinator", "LV"),
        ("Jelgava Social Service", "partner", None),
    ]
    assert draft.summary.startswith("Volunteers visit older women")
    assert [f.text for f in draft.funding] == ["Grant\nEUR 19 800"]


def test_the_words_of_what_an_association_is_of_stay_in_its_name_and_money_is_no_name():
    (draft,) = extract_text(
        "Accessible Polling Stations\n\n"
        "Grantee: Lithuanian Association of the Blind and Visually Impaired (LASS)\n"
        "Partners: Central Electoral Commission; EUR 18,500\n\n"
        "The project audited 120 polling stations."
    )
    assert [(o.name, o.acronym, o.role) for o in draft.organisations] == [
        ("Lithuanian Association of the Blind and Visually Impaired", "LASS", "coordinator"),
        ("Central Electoral Commission", None, "partner"),
    ]


def _docx_with_table(
    heading: str, intro: str, rows: list[tuple[str, ...]], *, after: str = ""
) -> bytes:
    document = docx.Document()
    document.add_heading(heading, level=1)
    if intro:
        document.add_paragraph(intro)
    table = document.add_table(rows=0, cols=len(rows[0]))
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    if after:
        document.add_paragraph(after)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_table_of_funded_projects_gives_a_record_per_row():
    data = _docx_with_table(
        "Projects supported in 2023 under the Small Grants Scheme",
        "The city supported four projects of non-governmental organisations that promote equal "
        "opportunities; EUR 31 500 was granted in all.",
        [
            ("Project", "Organisation", "Grant, EUR", "Period"),
            ("Women at the Helm: leadership school", "Klaipėda Women's Association", "9 500",
             "March–November 2023"),
            ("Accessible Culture: sign language tours", "Association of the Deaf", "7 000",
             "April–December 2023"),
            ("Language Cafés for Newcomers", "Klaipėda Volunteers Centre", "6 800",
             "February–October 2023"),
            ("Safe Dating: workshops for teenagers", "Youth Initiatives Centre", "8 200",
             "September–December 2023"),
        ],
    )  # fmt: skip
    _text, drafts = extract_bytes(data, "grants.docx")
    assert [d.title for d in drafts] == [
        "Women at the Helm: leadership school",
        "Accessible Culture: sign language tours",
        "Language Cafés for Newcomers",
        "Safe Dating: workshops for teenagers",
    ]
    first = drafts[0]
    assert [o.name for o in first.organisations] == ["Klaipėda Women's Association"]
    assert (first.period_start, first.period_end) == ("2023-03", "2023-11")
    assert [f.text for f in first.funding] == ["Grant, EUR\n9 500"]


def test_a_lithuanian_table_of_projects_gives_a_record_per_row():
    data = _docx_with_table(
        "2022 m. finansuoti projektai",
        "Savivaldybė skyrė lėšų trims nevyriausybinių organizacijų projektams.",
        [
            ("Projekto pavadinimas", "Vykdytojas", "Skirta suma, Eur", "Laikotarpis"),
            ("Moterų lyderystės mokykla", "Asociacija „Moterų tinklas“", "5 000",
             "2022 m. kovo–lapkričio mėn."),
            ("Senjorų skaitmeninis raštingumas", "Kauno bendruomenių centras", "3 200",
             "2022 m. balandžio–spalio mėn."),
            ("Saugūs namai", "Krizių centras", "4 100", "2022 m. gegužės–gruodžio mėn."),
        ],
    )  # fmt: skip
    _text, drafts = extract_bytes(data, "projektai.docx")
    assert [d.title for d in drafts] == [
        "Moterų lyderystės mokykla",
        "Senjorų skaitmeninis raštingumas",
        "Saugūs namai",
    ]
    assert (drafts[2].period_start, drafts[2].period_end) == ("2022-05", "2022-12")


def test_a_projects_plan_of_activities_in_a_table_stays_one_record():
    data = _docx_with_table(
        "Women at the Helm: leadership school for women in fisheries",
        "The project trains 40 women who work in fisheries in leadership and negotiation, and is "
        "funded by the city of Klaipėda in 2023.",
        [
            ("Activity", "Responsible", "Period"),
            ("Recruitment of participants", "Klaipėda Women's Association", "March 2023"),
            ("Leadership workshops", "Klaipėda Women's Association", "April–June 2023"),
            ("Mentoring circles", "Fishers' Union", "July–October 2023"),
        ],
    )
    _text, drafts = extract_bytes(data, "helm.docx")
    assert [d.title for d in drafts] == [
        "Women at the Helm: leadership school for women in fisheries"
    ]


def test_headings_that_hold_a_labels_word_still_name_records_of_their_own():
    document = docx.Document()
    document.add_heading("Newsletter of the Equality Network, spring 2024", level=1)
    for title, text in [
        (
            "Safe Nights in Kaunas",
            "The project trained 120 bar staff to stop harassment in nightlife venues from March "
            "to December 2023, with funding from Kaunas City Municipality.",
        ),
        (
            "Language Buddies",
            "Kaunas Welcome paired 40 newcomers with local volunteers for weekly conversations "
            "in Lithuanian. Funded by the Asylum, Migration and Integration Fund.",
        ),
    ]:
        document.add_heading(title, level=2)
        document.add_paragraph(text)
        document.add_paragraph("Contact: info@example.lt")
    buffer = io.BytesIO()
    document.save(buffer)
    drafts = extract_bytes(buffer.getvalue(), "newsletter.docx")[1]
    assert [d.title for d in drafts] == ["Safe Nights in Kaunas", "Language Buddies"]
    assert drafts[1].summary.startswith("Kaunas Welcome paired 40 newcomers")


def test_a_paragraph_that_only_says_who_paid_and_the_number_is_not_the_summary():
    (draft,) = extract_text(
        "Tarpkultūrinis dialogas bibliotekose\n\n"
        "Projekto vykdytojas: Klaipėdos apskrities viešoji biblioteka\n\n"
        "Projektas finansuojamas iš Prieglobsčio, migracijos ir integracijos fondo lėšų. "
        "Projekto Nr. PMIF-2.1.3-K-02-0012.\n\n"
        "Bibliotekose vyko pokalbių klubai užsieniečiams ir vietos gyventojams bei lietuvių "
        "kalbos kursai pradedantiesiems."
    )
    assert draft.summary.startswith("Bibliotekose vyko pokalbių klubai")
