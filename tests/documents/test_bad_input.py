"""Bad input through `practicehub ingest`: each file rejected with one line, the good one stored.

Every case runs the command on a bad file together with a good one, as a user drops a folder.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

from practicehub.documents.models import Document
from practicehub.documents.storage import sha256_of
from tests.documents.makers import FORM, make_docx, make_pdf, unicode_pdf
from tests.documents.test_ingest_command import run

pytestmark = pytest.mark.django_db

GOOD_TEXT = "Moterų lyderystė\n\nProjektas stiprina moterų lyderystę savivaldybėse.\n"


def _zip_with(extra: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """A real DOCX with more parts added to its package."""
    source = zipfile.ZipFile(io.BytesIO(make_docx(FORM)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            archive.writestr(name, source.read(name))
        for name, data in extra.items():
            archive.writestr(name, data, compress_type=compression)
    return out.getvalue()


def _scanned_pdf(tmp_path: Path) -> bytes:
    from PIL import Image

    image = tmp_path / "page.png"
    Image.new("RGB", (300, 400), "white").save(image)
    pdf = unicode_pdf()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=180)
    return bytes(pdf.output())


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


CASES = {
    "empty": ("empty.txt", lambda tmp: b"", "the file is empty"),
    "binary junk": ("notes.txt", lambda tmp: os.urandom(4096), "binary data, not a document"),
    "truncated docx": (
        "form.docx",
        lambda tmp: _truncated(make_docx(FORM)),
        "the DOCX file is damaged or truncated",
    ),
    "truncated pdf": (
        "report.pdf",
        lambda tmp: _truncated(make_pdf([[("p", "Ataskaita apie projektą. " * 200)]])),
        "the PDF file is damaged or truncated (its end is missing)",
    ),
    "scanned pdf": (
        "scan.pdf",
        _scanned_pdf,
        "the PDF has no text layer (scanned image?) — run OCR first",
    ),
    "zip bomb docx": (
        "bomb.docx",
        # 64 MB of zeros packs into about 64 kB: a thousand to one.
        lambda tmp: _zip_with({"word/media/image1.png": bytes(64 * 2**20)}),
        "the DOCX file is compressed more than 200 to 1 (word/media/image1.png), "
        "which no real document is (a zip bomb?)",
    ),
    "unknown type": ("data.xyz", lambda tmp: b"col1;col2\n1;2\n", "unknown file type '.xyz'"),
    "old word file": (
        "old.doc",
        lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000),
        "an old binary Office file (.doc); save it as DOCX or PDF",
    ),
    "text named docx": (
        "really-text.docx",
        lambda tmp: GOOD_TEXT.replace("Projektas", "Kitas").encode(),
        "not a DOCX file (its content is plain text)",
    ),
}


def assert_only_the_good_file_was_kept(good: Path, code: int, out: str, err: str, bad: Path, why):
    assert code == 1
    lines = err.strip().splitlines()
    assert lines == [f"{bad}: rejected: {why}"]
    assert "1 stored" in out and "1 rejected" in out
    assert list(Document.objects.values_list("filename", flat=True)) == [good.name]
    kept = [p for p in Path(settings.ORIGINALS_DIR).rglob("*") if p.is_file()]
    assert [p.name for p in kept] == [sha256_of(good.read_bytes())]


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_file_is_rejected_with_its_reason_and_the_good_one_is_stored(case, tmp_path):
    name, make, why = CASES[case]
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, "utf-8")
    bad = tmp_path / name
    bad.write_bytes(make(tmp_path))
    code, out, err = run("ingest", str(good), str(bad))
    assert_only_the_good_file_was_kept(good, code, out, err, bad, why)


def test_a_file_over_the_size_limit_is_rejected_before_it_is_read(tmp_path, settings):
    settings.MAX_UPLOAD_BYTES = 2000
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, "utf-8")
    big = tmp_path / "big.txt"
    big.write_text("Ilgas tekstas. " * 400, "utf-8")
    code, out, err = run("ingest", str(good), str(big))
    assert_only_the_good_file_was_kept(
        good, code, out, err, big, "the file is 6 kB, over the 2 kB limit"
    )


def test_a_docx_that_would_unpack_past_the_limit_is_rejected(tmp_path, settings):
    settings.MAX_UNPACKED_BYTES = 4 * 2**20
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, "utf-8")
    bad = tmp_path / "large.docx"
    # Random bytes do not compress: the ratio is fine, the total is not.
    bad.write_bytes(_zip_with({"word/media/photo.jpg": os.urandom(5 * 2**20)}))
    code, out, err = run("ingest", str(good), str(bad))
    assert_only_the_good_file_was_kept(
        good,
        code,
        out,
        err,
        bad,
        "the DOCX file would unpack to 6 MB, over the 4 MB limit (a zip bomb?)",
    )


@pytest.mark.parametrize("kind", ["missing", "dangling symlink"])
def test_an_unreadable_path_is_rejected(kind, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, "utf-8")
    bad = tmp_path / "gone.txt"
    if kind == "dangling symlink":
        bad.symlink_to(tmp_path / "nowhere.txt")
    code, out, err = run("ingest", str(good), str(bad))
    assert_only_the_good_file_was_kept(
        good, code, out, err, bad, "cannot read the file: No such file or directory"
    )


def test_a_windows_1257_file_is_stored_with_its_lithuanian_letters(tmp_path):
    text = "Šiuo projektu siekiama stiprinti moterų lyderystę ir užsieniečių integraciją."
    path = tmp_path / "senas.txt"
    path.write_bytes(text.encode("cp1257"))
    code, _out, err = run("ingest", str(path))
    assert code == 0, err
    document = Document.objects.get()
    assert document.text == text
    assert document.encoding == "cp1257"
    assert document.language == "lt"


def test_script_in_an_html_page_never_reaches_the_stored_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><script>alert('x')</script></head><body>"
        "<p>Projektas stiprina moterų lyderystę.</p>"
        "<script>document.write('<p>Įterpta</p>')</script>"
        '<img src="x" onerror="alert(1)"></body></html>',
        "utf-8",
    )
    code, _out, err = run("ingest", str(path))
    assert code == 0, err
    document = Document.objects.get()
    assert document.text == "Projektas stiprina moterų lyderystę."
