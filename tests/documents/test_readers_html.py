"""HTML pages: the main content as blocks, never navigation or script."""

from __future__ import annotations

import contextlib
import html
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practicehub.documents.readers import ReadError, read_document

PAGE = """<!DOCTYPE html>
<html lang="lt"><head><meta charset="utf-8"><title>Projektai | Centras</title>
<meta name="author" content="Lygių galimybių centras">
<script>document.write("<p>Įterptas scenarijus</p>")</script><style>p { color: red }</style>
</head><body>
<header><a href="/">Pradžia</a><ul><li>Apie mus</li><li>Kontaktai</li></ul></header>
<nav aria-label="Meniu"><ul><li><a href="/projektai">Projektai</a></li></ul></nav>
<div id="cookie-consent">Ši svetainė naudoja slapukus. <button>Sutinku</button></div>
<main>
  <article>
    <header><h1>Moterų lyderystės mokykla</h1><p class="date">2021-05-04</p></header>
    <p>Projektas <strong>stiprina</strong> moterų
       lyderystę&nbsp;savivaldybėse.<br>Trukmė: 2019–2021.</p>
    <h2>Veiklos</h2>
    <ol start="2">
      <li>Mokymai kandidatėms
        <ul><li>Kaune</li><li>Šiauliuose</li></ul>
      </li>
      <li><p>Susitikimai</p><p>su merėmis</p></li>
    </ol>
    <table><tr><th>Partneris</th><td>Vilniaus universitetas</td></tr></table>
    <div>Tekstas tiesiai div elemente<br><br>ir antra pastraipa</div>
    <script>var secret = "slaptas kodas";</script>
    <noscript>Įjunkite JavaScript</noscript>
    <form><label>Paieška <input name="q"></label></form>
  </article>
  <aside>Panašūs projektai</aside>
</main>
<footer>© 2024 Centras</footer>
</body></html>"""


def read(page: str | bytes, name: str = "page.html"):
    data = page.encode() if isinstance(page, str) else page
    return read_document(data, name)


def test_it_keeps_the_main_content_and_drops_navigation_banners_and_scripts():
    result = read(PAGE)
    for chrome in ("Pradžia", "Apie mus", "Projektai\n", "slapukus", "Panašūs", "© 2024"):
        assert chrome not in result.text
    for code in ("Įterptas scenarijus", "secret", "slaptas", "color", "JavaScript", "Paieška"):
        assert code not in result.text
    assert result.text.startswith("Moterų lyderystės mokykla")
    assert result.metadata == {
        "title": "Projektai | Centras",
        "author": "Lygių galimybių centras",
        "language": "lt",
    }


def test_headings_lists_with_levels_and_numbers_and_table_cells_become_blocks():
    result = read(PAGE)
    got = [(b.kind, b.level, b.marker, result.block_text(b)) for b in result.blocks]
    assert got == [
        ("heading", 1, "", "Moterų lyderystės mokykla"),
        ("paragraph", 0, "", "2021-05-04"),
        (
            "paragraph",
            0,
            "",
            "Projektas stiprina moterų lyderystę\u00a0savivaldybėse.\nTrukmė: 2019–2021.",
        ),
        ("heading", 2, "", "Veiklos"),
        ("list_item", 0, "2.", "Mokymai kandidatėms"),
        ("list_item", 1, "•", "Kaune"),
        ("list_item", 1, "•", "Šiauliuose"),
        ("list_item", 0, "3.", "Susitikimai\nsu merėmis"),
        ("table_cell", 0, "", "Partneris"),
        ("table_cell", 0, "", "Vilniaus universitetas"),
        ("paragraph", 0, "", "Tekstas tiesiai div elemente"),
        ("paragraph", 0, "", "ir antra pastraipa"),
    ]


def test_a_description_lists_terms_and_descriptions_are_cells_of_a_two_column_table():
    page = (
        "<html><body><main><h2>Accessible Polling Stations</h2><dl>"
        "<dt>Grantee</dt><dd>Lithuanian Association of the Blind</dd>"
        "<dt>Grant</dt><dd><p>EUR 18,500</p></dd></dl>"
        "<p>The project audited 120 polling stations.</p></main></body></html>"
    )
    result = read_document(page.encode(), "projects.html")
    assert [(b.kind, result.block_text(b)) for b in result.blocks] == [
        ("heading", "Accessible Polling Stations"),
        ("table_cell", "Grantee"),
        ("table_cell", "Lithuanian Association of the Blind"),
        ("table_cell", "Grant"),
        ("table_cell", "EUR 18,500"),
        ("paragraph", "The project audited 120 polling stations."),
    ]


def test_a_page_listing_several_articles_is_read_whole_without_its_menu():
    page = (
        "<html><body><nav><a>Meniu</a></nav>"
        + "".join(f"<article><h2>Projektas {n}</h2><p>Aprašymas {n}.</p></article>" for n in (1, 2))
        + "<footer>Kontaktai</footer></body></html>"
    )
    result = read(page)
    assert result.text == "Projektas 1\n\nAprašymas 1.\n\nProjektas 2\n\nAprašymas 2."


def test_it_decodes_the_declared_charset_and_the_undeclared_one():
    body = "<p>Šiuo projektu siekiama stiprinti moterų lyderystę.</p>"
    declared = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1257">'
        f"</head><body>{body}</body></html>"
    )
    result = read(declared.encode("cp1257"))
    assert result.encoding == "cp1257"
    assert result.text == "Šiuo projektu siekiama stiprinti moterų lyderystę."
    undeclared = f"<html><body>{body}</body></html>".encode("cp1257")
    assert read(undeclared).text == "Šiuo projektu siekiama stiprinti moterų lyderystę."
    # A page that declares UTF-8 but is not written in it is still read right.
    lying = f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'
    assert read(lying.encode("cp1257")).text == "Šiuo projektu siekiama stiprinti moterų lyderystę."


def test_an_html_file_without_markup_is_read_line_by_line():
    result = read("Pirma eilutė\n- punktas\n", "notes.html")
    assert [(b.kind, result.block_text(b)) for b in result.blocks] == [
        ("paragraph", "Pirma eilutė"),
        ("list_item", "- punktas"),
    ]


def test_offsets_slice_to_each_block_and_blocks_do_not_overlap():
    result = read(PAGE)
    previous_end = 0
    for block in result.blocks:
        assert block.start >= previous_end
        piece = result.text[block.start : block.end]
        assert piece and piece == piece.strip()
        previous_end = block.end


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000) | st.text(max_size=2000).map(str.encode))
def test_the_html_reader_never_crashes_on_arbitrary_input(data):
    # Anything at all is read, or refused with a ReadError; nothing else escapes.
    with contextlib.suppress(ReadError):
        read_document(data or b"<p>x</p>", "fuzz.html")


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    paragraphs=st.lists(
        st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=80).filter(
            lambda t: t.strip() and "\ufeff" not in t
        ),
        min_size=1,
        max_size=5,
    )
)
def test_paragraph_text_survives_whatever_it_holds(paragraphs):
    page = (
        "<html><body>" + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs) + "</body></html>"
    )
    result = read_document(page.encode(), "fuzz.html")
    got = [result.block_text(b) for b in result.blocks]
    # HTML collapses runs of white space and blocks are trimmed; everything else comes through.
    assert got == [_collapsed(p) for p in paragraphs if _collapsed(p)]


def _collapsed(text: str) -> str:
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip()


# --- Pages that do not mark their main content ---------------------------------------------------

PAGES = Path(__file__).parent / "pages"


def read_page(name: str):
    return read_document((PAGES / name).read_bytes(), name)


def test_a_wayback_machine_copy_is_read_without_the_toolbar_and_the_site_around_it():
    result = read_page("wayback-toolbar.html")
    assert result.text.startswith("Mentoring for newcomers\n")
    for chrome in ("Wayback", "captures", "donate", "equal chances since 1998", "About us", "Quay"):
        assert chrome not in result.text
    for body in (
        "Project number: AMIF/2011/3.1/14. Duration: September 2011 - August 2013.",
        "supervised by our social workers.",
        "in partnership with the City Library, which hosts the meetings and the language corner.",
    ):
        assert body in result.text
    assert result.blocks[0].kind == "heading"


def test_a_wayback_toolbar_is_dropped_from_a_page_of_bare_paragraphs_too():
    page = (
        '<html><body><div id="wm-ipp-base"><div id="wm-ipp">'
        "<table><tr><td>http://example.lt/</td><td>14 captures</td></tr></table>"
        '<div id="wm-ipp-print">The Wayback Machine - http://web.archive.org/web/2011/</div>'
        "</div></div><h1>Moterų klubas</h1><p>Klubas veikia nuo 2004 metų.</p></body></html>"
    )
    assert read(page).text == "Moterų klubas\n\nKlubas veikia nuo 2004 metų."


def test_a_table_layout_page_is_read_from_its_content_cell_as_paragraphs():
    result = read_page("table-layout.html")
    assert result.encoding == "cp1257"
    assert result.text.startswith("Kaimynų savanorystės tinklas\n")
    # The logo row, the menu column with its visitor counter and poll, the footer row.
    for chrome in ("Apie centrą", "Nuotraukos", "24518", "Apklausa", "Vilniaus g. 7", "©"):
        assert chrome not in result.text
    got = [(b.kind, result.block_text(b)) for b in result.blocks]
    assert got[0] == ("heading", "Kaimynų savanorystės tinklas")
    assert got[1][0] == "paragraph" and got[1][1].startswith("Projektu siekiama suburti")
    # The table of data inside the content stays a table.
    assert got[2:6] == [
        ("table_cell", "Trukmė"),
        ("table_cell", "2010-03 – 2011-02"),
        ("table_cell", "Partneris"),
        ("table_cell", "Kauno senamiesčio bendruomenė"),
    ]
    assert "Savanoriai mokomi dviejų dienų kursuose" in result.text


def test_a_div_soup_page_loses_its_link_sidebar_and_frame_but_keeps_its_title():
    result = read_page("div-soup.html")
    assert result.text.startswith("Kartu prieš smurtą artimoje aplinkoje\n")
    for chrome in ("Kiti mūsų projektai", "Moterys versle", "Prisijungusių", "Visos teisės"):
        assert chrome not in result.text
    for body in ("Projekto tikslas", "Veiklos: mobilios", "Projektą finansuoja Lietuvos"):
        assert body in result.text


def test_a_plain_page_without_landmarks_keeps_every_block():
    result = read_page("plain-article.html")
    got = [(b.kind, result.block_text(b)) for b in result.blocks]
    assert got == [
        ("heading", "Roma school mediators"),
        ("paragraph", "Published by the Roma Community Centre, 14 May 2015."),
        (
            "paragraph",
            "Mediators who speak Romani accompany children and their parents from the first "
            "day of school: they translate at meetings with teachers, help with homework clubs "
            "and visit families when a child stops coming.",
        ),
        ("heading", "Partners"),
        ("list_item", "Vilnius 5th Secondary School"),
        ("list_item", "Vilnius City Municipality"),
        ("paragraph", "Contact: mediators@example.org"),
        (
            "paragraph",
            "The practice started in 2012 with two mediators and now employs seven, paid by the "
            "municipality since 2014.",
        ),
    ]


def test_content_spread_over_short_blocks_and_form_tables_is_kept_whole():
    long = "Aprašymas, kuris užima didžiąją puslapio teksto dalį ir yra praktikos esmė. " * 8
    sections = (
        '<html><body><div id="menu"><a href="/">Pradžia</a> <a href="/apie">Apie</a></div>'
        f'<div id="content"><div><b>1. Pavadinimas</b> Mentorystė</div>'
        f"<div><b>2. Aprašymas</b> {long}</div><div><b>3. Rezultatai</b> 20 moterų</div>"
        "</div></body></html>"
    )
    text = read(sections).text
    assert "Pradžia" not in text
    for part in ("1. Pavadinimas Mentorystė", "2. Aprašymas", "3. Rezultatai 20 moterų"):
        assert part in text
    form = (
        "<html><body><table><tr><td><h3>Praktikos aprašas</h3></td></tr>"
        "<tr><td>1. Pavadinimas</td></tr><tr><td>Mentorystė moterims</td></tr>"
        f"<tr><td>2. Aprašymas</td></tr><tr><td>{long}</td></tr>"
        "<tr><td>3. Partneriai</td></tr><tr><td>Asociacija „Lygybė“</td></tr></table></body></html>"
    )
    cells = [read(form).block_text(b) for b in read(form).blocks]
    assert cells[:3] == ["Praktikos aprašas", "1. Pavadinimas", "Mentorystė moterims"]
    assert cells[-2:] == ["3. Partneriai", "Asociacija „Lygybė“"]


def test_a_page_wrapped_in_one_form_is_read():
    # ASP.NET pages are one <form>; a search box or a poll's form is still dropped (PAGE above).
    page = (
        '<html><body><form id="form1" action="page.aspx">'
        '<div id="top"><a href="/">Pradžia</a> | <a href="/k">Kontaktai</a></div>'
        '<div id="cont"><h1>Projektas „Tiltai“</h1><p>Projektas jungia mokyklas ir bendruomenes '
        "abipus sienos.</p></div></form></body></html>"
    )
    assert (
        read(page).text
        == "Projektas „Tiltai“\n\nProjektas jungia mokyklas ir bendruomenes abipus sienos."
    )


def test_a_banner_is_dropped_unless_it_holds_the_title():
    text = "Projekte dalyvauja dvylika savivaldybių ir jų lygių galimybių koordinatoriai. " * 3
    dropped = (
        '<html><body><div id="archive-banner">Saved 3 March 2014 · 14 captures</div>'
        f"<h1>Lygių galimybių tinklas</h1><p>{text}</p></body></html>"
    )
    assert read(dropped).text.startswith("Lygių galimybių tinklas\n")
    kept = (
        '<html><body><div class="page-banner"><h1>Lygių galimybių tinklas</h1></div>'
        f"<p>{text}</p></body></html>"
    )
    assert read(kept).text.startswith("Lygių galimybių tinklas\n")
