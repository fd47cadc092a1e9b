"""Bytes to text: the encoding a file says it has, or the one its bytes show.

Order: a byte-order mark; the charset an HTML page declares; UTF-16 without a mark (every other
byte zero); strict UTF-8 (random bytes almost never pass it); then the European single-byte code
pages. Those decode any bytes, so they are weighed by the letters they produce: the right code page
turns a text's accented bytes into the alphabet of one language ("šiuo", "žinios"), a wrong one into
letters no language writes together ("ðiuo", "þinios") or into C1 control characters. On a tie the
Baltic code pages come first, as our users write Lithuanian.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter

from charset_normalizer import from_bytes

from practicehub.documents.readers.base import ReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Tried in this order; the order breaks ties. ISO-8859-1 is left out: where it decodes without C1
# controls it gives the same text as windows-1252.
_SINGLE_BYTE = (
    "cp1257",
    "iso8859-13",
    "cp1252",
    "iso8859-15",
    "cp1250",
    "iso8859-2",
    "cp1251",
    "cp1253",
)

# The letters beyond ASCII that each language we expect writes (lower case).
_ALPHABETS = {
    "lt": "ąčęėįšųūž",
    "lv": "āčēģīķļņšūž",
    "et": "äõöüšž",
    "fi": "äöåšž",
    "sv": "åäöé",
    "da": "æøåé",
    "de": "äöüßé",
    "nl": "éëïèöüáóê",
    "fr": "àâæçéèêëîïôœùûüÿ",
    "it": "àèéìíîòóùú",
    "es": "áéíñóúü",
    "pt": "áâãàçéêíóôõú",
    "pl": "ąćęłńóśźż",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "sl": "čšžćđ",
    "hu": "áéíóöőúüű",
    "ro": "ăâîșțşţ",
    "mt": "ċġħżàèìòù",
    "el": "αβγδεζηθικλμνξοπρστυφχψωςάέήίόύώϊϋΐΰ",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'",
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюя",
}
_ALPHABET_SETS = [frozenset(letters) for letters in _ALPHABETS.values()]
# Punctuation and signs that real texts use beyond ASCII, whatever their language.
_COMMON_SIGNS = frozenset("„“”‘’‚«»–—…•·°§©®™€£¥\u00a0\u00ad×±½¼¾²³µ¶†‡‰")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def decode(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """The text of ``data`` and the name of the encoding it was decoded from."""
    text, encoding = _decode(data, declared)
    if text.startswith("\ufeff"):
        text = text[1:]
    _reject_binary(text)
    return text, encoding


def _decode(data: bytes, declared: str | None) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.removesuffix("-sig")
            except UnicodeDecodeError:
                break  # a mark followed by something else: judge the bytes instead
    if declared:
        encoding = _codec_name(declared)
        if encoding:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                pass  # pages often declare a charset they are not written in
    if b"\x00" in data:
        return _decode_utf16_without_mark(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_single_byte(data)


def _codec_name(label: str) -> str | None:
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    # Browsers read pages labelled Latin-1 or ASCII as windows-1252 (WHATWG Encoding), and so do
    # the tools that wrote them.
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _decode_utf16_without_mark(data: bytes) -> tuple[str, str]:
    sample = data[:4096]
    even = sample[0::2].count(0) / max(len(sample[0::2]), 1)
    odd = sample[1::2].count(0) / max(len(sample[1::2]), 1)
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros > 0.3 and others < 0.05:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    raise ReadError("binary data, not a document")


def _decode_single_byte(data: bytes) -> tuple[str, str]:
    best: tuple[float, str, str] | None = None
    for encoding in _SINGLE_BYTE:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue  # a byte this code page leaves undefined
        score = _plausibility(text)
        if best is None or score > best[0]:
            best = (score, text, encoding)
    if best is None or best[0] < 0.5:
        # Not a European text: let charset-normalizer weigh the rest of the world's encodings.
        match = from_bytes(data).best()
        if match is not None:
            return str(match), match.encoding
    if best is None:
        raise ReadError("not a text file (no character encoding fits its bytes)")
    return best[1], best[2]


def _plausibility(text: str) -> float:
    """Share of a text's non-ASCII characters that one language's alphabet (plus common signs)
    accounts for; C1 control characters, which no text holds, sink the score."""
    counts = Counter(_NON_ASCII.findall(text.lower()))
    total = sum(counts.values())
    if not total:
        return 1.0
    controls = sum(n for ch, n in counts.items() if "\x80" <= ch <= "\x9f")
    if controls:
        return -controls / total
    signs = sum(n for ch, n in counts.items() if ch in _COMMON_SIGNS)
    letters = max(
        sum(n for ch, n in counts.items() if ch in alphabet) for alphabet in _ALPHABET_SETS
    )
    return (signs + letters) / total


def _reject_binary(text: str) -> None:
    """Text with more than a stray control character or two is some binary format."""
    controls = len(_CONTROL.findall(text, 0, 100_000))
    if controls > 2 and controls > len(text[:100_000]) / 200:
        raise ReadError("binary data, not a document")
    if "\x00" in text:
        raise ReadError("binary data, not a document")


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF; nothing else changes."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
