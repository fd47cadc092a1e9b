"""The nine-part good-practice form in Lithuanian and English, numbered or not, in any order."""

from __future__ import annotations

import io

import docx
import pytest

from practicehub.catalogue.extract.fields import clean_title
from tests.catalogue.helpers import extract_bytes, extract_text
from tests.documents.makers import make_pdf

NINE = ["organisation", "contacts", "aim", "partners", "target_group", "duration",
        "description", "impact", "advice"]  # fmt: skip


def _keys(draft) -> list[str]:
    return [s.key for s in draft.sections if s.key != "other"]


def test_an_english_form_without_numbers_is_read_part_by_part():
    text = (
        "Good practice example\n\n"
        "Organisation providing the good practice:\nWomen Forward Ltd (Ireland)\n\n"
        "Contact details:\nhello@womenforward.ie\n\n"
        "Aim of the practice:\nMentoring first-time women candidates in local elections\n\n"
        "Cooperating organisations:\nDublin City Council; Irish Rural Link\n\n"
        "Target group:\nwomen candidates, party officers\n\n"
        "Duration:\n2019 – 2021\n\n"
        "Description:\nEach candidate is paired with a councillor for six months.\n\n"
        "Results:\n40 women mentored, 12 elected.\n\n"
        "Tips for adopting the practice:\nStart a year before the elections.\n"
    )
    (draft,) = extract_text(text)
    assert draft.kind == "good_practice"
    assert _keys(draft) == NINE
    assert draft.title == "Mentoring first-time women candidates in local elections"
    assert (draft.period_start, draft.period_end) == ("2019", "2021")
    assert [(o.name, o.role) for o in draft.organisations] == [
        ("Women Forward Ltd", "provider"),
        ("Dublin City Council", "partner"),
        ("Irish Rural Link", "partner"),
    ]
    assert draft.organisations[0].country == "IE"


def test_a_form_with_parts_missing_and_reordered_is_still_read():
    text = (
        "Senjorų savanorystė mokyklose\n\n"
        "Tikslinė grupė: senjorai, pradinių klasių mokiniai\n\n"
        "Tikslas: Įtraukti senjorus į mokyklų gyvenimą.\n\n"
        "Organizacija: Senjorų iniciatyvų centras\n\n"
        "Aprašymas: Senjorai du kartus per savaitę padeda mokiniams skaityti.\n\n"
        "Patarimai: Pradėkite nuo vienos mokyklos.\n"
    )
    (draft,) = extract_text(text)
    assert draft.kind == "good_practice"
    assert _keys(draft) == ["target_group", "aim", "organisation", "description", "advice"]
    assert draft.title == "Senjorų savanorystė mokyklose"
    assert draft.target_groups == ["senjorai", "pradinių klasių mokiniai"]
    assert [(o.name, o.role) for o in draft.organisations] == [
        ("Senjorų iniciatyvų centras", "provider")
    ]


def test_a_two_column_docx_form_maps_its_left_column_to_parts():
    document = docx.Document()
    document.add_heading("Įvairovės valdymas uosto įmonėje", level=1)
    table = document.add_table(rows=0, cols=2)
    for label, value in [
        ("1. Gerosios praktikos pavyzdį teikianti organizacija", "Klaipėdos įvairovės centras"),
        ("2. Organizacijos kontaktai", "info@ivairove.lt, www.ivairove.lt"),
        ("3. Gerosios praktikos tikslas", "Padėti įmonėms priimti užsienio darbuotojus."),
        ("6. Gerosios praktikos trukmė", "2021 m. vasario mėn. – 2022 m. gruodžio mėn."),
        ("9. Svarbiausi patarimai", "Įtraukite darbuotojų atstovus nuo pradžių."),
    ]:
        row = table.add_row().cells
        row[0].text, row[1].text = label, value
    buffer = io.BytesIO()
    document.save(buffer)
    _text, (draft,) = extract_bytes(buffer.getvalue(), "forma.docx")
    assert draft.kind == "good_practice"
    assert _keys(draft) == ["organisation", "contacts", "aim", "duration", "advice"]
    assert (draft.period_start, draft.period_end) == ("2021-02", "2022-12")
    assert draft.emails == ["info@ivairove.lt"]
    assert draft.websites == ["www.ivairove.lt"]


def test_sections_hold_every_word_of_the_record():
    text = (
        "Projektas „Saugūs namai“\n\nProjektas skirtas smurto artimoje aplinkoje prevencijai.\n\n"
        "Partneriai: Moterų krizių centras „Atrama“\n\nTrukmė: 2015–2016 m.\n"
    )
    (draft,) = extract_text(text)
    joined = " ".join(f"{s.heading or ''} {s.text}" for s in draft.sections).split()
    for word in text[draft.span[0] : draft.span[1]].split():
        assert word in joined


def test_a_part_after_a_background_part_keeps_its_own_key():
    text = (
        "Evening calls for older people\n\n"
        "Who runs it?\n\n"
        'Association "Kalbėkime", a volunteer organisation in Utena, Lithuania.\n\n'
        "What problem does it address?\n\nMany people over 75 live alone in villages.\n\n"
        "What was done?\n\nVolunteers call an older person twice a week.\n\n"
        "Who took part?\n\nPeople aged 70 and over who live alone.\n\n"
        "What would we do differently?\n\nInvolve family doctors from the start.\n"
    )
    (draft,) = extract_text(text)
    assert _keys(draft) == ["organisation", "description", "target_group", "advice"]
    assert draft.organisations[0].country == "LT"


def test_an_inline_numbered_form_keeps_its_numbers_and_its_closing_part():
    text = (
        "GEROSIOS PRAKTIKOS APRAŠYMAS\n\n"
        "Pavadinimas: Vyrų klubas „Tėvystės mokykla“\n"
        "1) Organizacija, teikianti gerąją praktiką: Asociacija „Atsakinga tėvystė“, Šiauliai\n"
        "2) Kontaktai: Tilžės g. 12, LT-76294 Šiauliai, el. p. info@tevyste.lt\n"
        "3) Tikslas: skatinti aktyvią tėvystę.\n"
        "4) Partneriai: VšĮ „Šeimos centras“.\n"
        "5) Tikslinė grupė: jauni tėvai.\n"
        "6) Trukmė: nuo 2019 m. iki šiol.\n"
        "7) Aprašymas: kas mėnesį vyksta susitikimai tėvams.\n"
        "8) Rezultatai: klubą lankė 260 tėvų.\n"
        "9) Patarimai: kvieskite kalbėti pačius tėvus.\n"
        "Finansavimas: Šiaulių miesto savivaldybės visuomenės sveikatos rėmimo programa.\n"
    )
    (draft,) = extract_text(text)
    assert _keys(draft) == [*NINE, "funding"]
    assert (draft.period_start, draft.period_end) == ("2019", None)


def test_run_in_question_headings_and_a_described_provider():
    text = (
        "Palydimoji darbo pagalba\n\n"
        "Įgyvendinanti organizacija. VšĮ „Darbo žingsniai“ – socialinių paslaugų įstaiga, "
        "dirbanti su suaugusiais.\n\n"
        "Ko siekiama. Kad žmonės su negalia dirbtų įprastose darbo vietose.\n\n"
        "Kam skirta. Darbingo amžiaus žmonėms su negalia.\n\n"
        "Kaip tai veikia. Kiekvienas dalyvis turi savo darbo asistentą.\n\n"
        "Patarimai. Pradėkite nuo žmogaus norų, o ne nuo darbo vietų sąrašo – tai svarbiausia.\n\n"
        "Finansavimas. Nuo 2024 m. kovo paslaugą perka Alytaus miesto savivaldybė.\n"
    )
    (draft,) = extract_text(text)
    assert _keys(draft) == [
        "organisation", "aim", "target_group", "description", "advice", "funding"
    ]  # fmt: skip
    assert [(o.name, o.role) for o in draft.organisations] == [
        ("VšĮ Darbo žingsniai", "provider"),
        ("Alytaus miesto savivaldybė", "funder"),
    ]


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Main stakeholders", "partners"),
        ("Who is involved", "partners"),
        ("What worked well", "impact"),
        ("Level of implementation", "other"),
        ("Activity type", "other"),
        ("Net EU contribution", "funding"),
        ("Funded under", "funding"),
        ("Further information", "other"),
        ("Getting in touch", "contacts"),
        ("Grantee", "organisation"),
        ("Grant", "funding"),
    ],
)
def test_headings_of_good_practice_and_project_databases(heading, key):
    from practicehub.catalogue.extract.labels import match_label

    match = match_label(f"{heading}: x")
    assert match is not None and match.key == key and match.unknown == 0


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        # Whose name (the organisation's, not the record's title), and advice for whom.
        ("Organizacijos pavadinimas", "organisation"),
        ("Rekomendacijos kitoms organizacijoms", "advice"),
        ("Advice to other organisations", "advice"),
    ],
)
def test_a_label_is_what_its_head_word_says_not_what_it_mentions(heading, key):
    from practicehub.catalogue.extract.labels import match_label

    match = match_label(heading)
    assert match is not None and match.key == key


def test_a_budget_row_is_its_own_part_and_none_of_the_nine():
    (draft,) = extract_text(
        "Good practices in equal pay\n\nPractice\n\nPay audits in municipal companies\n\n"
        "Lead organisation\n\nCentre for Gender Pay Research, Kaunas\n\n"
        "What was done?\n\nWorking groups scored all jobs with a gender-neutral method.\n\n"
        "Advice to others\n\nInvolve the trade union from the first day.\n\n"
        "Budget\n\nEUR 148 000 (EU contribution 80%)\n\n"
        "Funding\n\nEU Programme for Employment and Social Innovation (EaSI)\n\n"
        "Contact\n\ninfo@paygap.example.lt\n"
    )
    keys = [(s.key, s.heading) for s in draft.sections]
    assert ("other", "Budget") in keys and ("funding", "Funding") in keys
    assert "easi" in {f.programme for f in draft.funding}


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Umsetzung", "activities"),
        ("Übertragbarkeit", "advice"),
        ("Ieteikumi", "advice"),
        ("Įmonė", "organisation"),
        ("Bendradarbiavimas", "partners"),
        ("Nuo kada", "duration"),
    ],
)
def test_form_headings_in_german_latvian_and_homely_lithuanian(heading, key):
    from practicehub.catalogue.extract.labels import match_label

    match = match_label(f"{heading}: x")
    assert match is not None and match.key == key and match.unknown <= 1


def test_question_headings_with_words_no_label_knows():
    # "Kaip matuojame poveikį?" holds a label's word and one unknown word; "Kaip su mumis
    # susisiekti?" is no organisation's name.
    (draft,) = extract_text(
        "Būsto tarpininkai pabėgėliams\n\n"
        "Kas įgyvendina praktiką?\nAsociacija „Namų tiltas“\n\n"
        "Kaip su mumis susisiekti?\nTaikos pr. 61-3, LT-91182 Klaipėda, info@namutiltas.lt\n\n"
        "Ko siekiame?\nPadėti pabėgėliams rasti būstą.\n\n"
        "Ką darome?\nTarpininkai lydi šeimas į susitikimus su savininkais.\n\n"
        "Kaip matuojame poveikį?\nKas pusmetį skaičiuojame apgyvendintas šeimas.\n\n"
        "Ką patartume kitiems?\nDirbkite ir su savininkais.\n"
    )
    assert _keys(draft) == ["organisation", "contacts", "aim", "description", "impact", "advice"]
    named = [(o.name, o.role) for o in draft.organisations]
    assert named == [("Asociacija Namų tiltas", "provider")]


def test_a_lettered_question_heading_names_its_part():
    from practicehub.catalogue.extract.labels import match_question

    asked = match_question("g) Kaip įgyvendinta")
    assert asked is not None and asked.key == "description"


def test_a_numbered_heading_in_capitals_stays_one_label():
    (draft,) = extract_text(
        "GEROSIOS PRAKTIKOS APRAŠYMAS\n\n"
        "Pavadinimas – Kartų tiltas: mentorystė jauniems kolegoms\n\n"
        "I. PRAKTIKĄ ĮGYVENDINANTI ORGANIZACIJA\n\n"
        "Asociacija „Patirties kapitalas“, Šiauliai\n\n"
        "II. TIKSLAS\n\nPadėti jauniems darbuotojams likti įmonėse.\n\n"
        "III. PARTNERIAI\n\nUAB „Metalo forma“\n"
    )
    assert _keys(draft) == ["organisation", "aim", "partners"]
    assert [(o.name, o.role) for o in draft.organisations] == [
        ("Asociacija Patirties kapitalas", "provider"),
        ("UAB Metalo forma", "partner"),
    ]


def test_the_contacts_organisation_provides_when_no_part_names_one():
    # "Coordinator:" names a person, and the partners part names the provider too: the
    # organisation the contacts open with is the provider.
    (draft,) = extract_text(
        "Good practice example\n\nMigrant Advisory Council of Šiauliai\n\n"
        "Purpose: To give residents of foreign origin a voice in the decisions of the city.\n\n"
        "Who is involved: Šiauliai City Municipality runs the council's secretariat. "
        "Community organisations that nominate members are the Šiauliai Multicultural "
        "Community Centre and the Ukrainian Community of Šiauliai. The Migration Department's "
        "Šiauliai office attends meetings when needed.\n\n"
        "Lessons learned: Give the council real questions to work on.\n\n"
        "Contact: Šiauliai City Municipality, Vasario 16-osios g. 62, LT-76295 Šiauliai\n"
        "Coordinator: Laima Sadauskienė · laima@siauliai.lt\n"
    )
    roles = {(o.name, o.role) for o in draft.organisations}
    assert ("Šiauliai City Municipality", "provider") in roles
    assert ("Šiauliai City Municipality", "partner") not in roles
    assert ("Migration Department", "partner") in roles


@pytest.mark.parametrize(
    "heading", ["Raktiniai žodžiai", "Schlagworte", "Atslēgvārdi", "Słowa kluczowe", "Mots-clés"]
)
def test_keywords_rows_are_none_of_the_nine_parts(heading):
    from practicehub.catalogue.extract.labels import match_label

    match = match_label(f"{heading}: x")
    assert match is not None and match.key == "other" and match.unknown == 0


def test_a_form_under_its_types_heading_is_named_by_the_name_below_it():
    # "Gerosios praktikos aprašas" (good practice description) is also the form's description
    # label; over the practice's name and the numbered parts it is the document's heading.
    data = make_pdf(
        [
            [
                ("h1", "Gerosios praktikos aprašas"),
                ("title", "Mobilioji teisinė pagalba kaimo moterims"),
                ("h1", "1. Organizacija"),
                ("p", "VšĮ „Teisės klinika regionams“, Utenos g. 5, Utena, info@tkr.lt"),
                ("h1", "2. Praktikos tikslas"),
                ("p", "Suteikti nemokamą teisinę pagalbą kaimo vietovėse gyvenančioms moterims."),
                ("h1", "3. Aprašymas"),
                (
                    "p",
                    "Kartą per savaitę teisininkų komanda lankosi seniūnijose ir konsultuoja "
                    "moteris dėl skyrybų, išlaikymo ir darbo ginčų.",
                ),
            ]
        ]
    )
    _text, (draft,) = extract_bytes(data, "praktika.pdf")
    assert draft.title == "Mobilioji teisinė pagalba kaimo moterims"
    assert draft.summary.startswith("Kartą per savaitę teisininkų komanda")


def test_a_table_label_run_into_the_name_is_not_part_of_the_title():
    assert clean_title("Praktikos pavadinimas Kaimo moterų verslumo inkubatorius") == (
        "Kaimo moterų verslumo inkubatorius"
    )
    assert clean_title("Projekto pavadinimas: Drąsios moterys") == "Drąsios moterys"
