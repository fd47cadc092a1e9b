"""A file is read as what its content is, whatever its name says."""

from __future__ import annotations

import io
import zipfile

import pytest

from practicehub.documents.readers import ReadError, read_document
from tests.documents.makers import FORM, make_docx, make_odt, make_pdf


@pytest.mark.parametrize(
    "make, media_type",
    [
        (lambda: make_pdf([[("p", "Projektas stiprina moterų lyderystę.")]]), "application/pdf"),
        (
            lambda: make_docx(FORM),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (lambda: make_odt(FORM), "application/vnd.oasis.opendocument.text"),
    ],
)
@pytest.mark.parametrize(
    "name", ["misnamed.txt", "misnamed.html", "misnamed.docx", "misnamed.pdf", "no-extension"]
)
def test_binary_formats_are_recognised_by_their_content(make, media_type, name):
    result = read_document(make(), name)
    assert result.media_type == media_type
    assert "moterų lyderyst" in result.text.lower()


def test_an_html_page_without_an_extension_is_read_as_html():
    result = read_document(b"<!DOCTYPE html><html><body><p>Sveiki</p></body></html>", "index")
    assert result.media_type == "text/html"
    assert result.text == "Sveiki"


def test_html_markup_in_a_txt_file_stays_text():
    data = b"<html><body><p>Sveiki</p></body></html>"
    assert read_document(data, "source.txt").text == data.decode()


def test_other_zip_packages_are_rejected_with_what_they_are():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ReadError, match="a spreadsheet or presentation, not a text document"):
        read_document(out.getvalue(), "table.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(ReadError, match="a ZIP archive, not a document; unpack it first"):
        read_document(out.getvalue(), "notes.zip")


def test_an_image_is_not_a_document():
    with pytest.raises(ReadError, match=r"an image \(PNG\), not a document"):
        read_document(b"\x89PNG\r\n\x1a\n" + bytes(100), "scan.pdf")
