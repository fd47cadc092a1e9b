"""HTML pages: the main content as blocks, never navigation or script."""

from __future__ import annotations

import contextlib
import html
import re

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
