"""Small text helpers every extraction stage shares: folding, quotes, words, stems.

Matching is done on folded text (lower case, no diacritics, typographic quotes and dashes made
plain) so that "Gerosios praktikos tikslas", "GEROSIOS PRAKTIKOS TIKSLAS" and the same words
typed without Lithuanian letters meet. Folding keeps the length of the text, so an offset found
in the folded text is an offset in the original.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import Stemmer

QUOTES = "\"'„“”«»‘’‚‹›`´″"
DASHES = "‐‑‒–—―−"


def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in base if not unicodedata.combining(c))
    # One character for one character, so that offsets stay valid.
    base = base[:1].lower() if base else ch
    return base if len(base) == 1 else ch


# Every Latin letter (with or without diacritics) to its plain lower-case letter, quotes to '"'
# and dashes to "-", applied in one ``str.translate`` call.
_FOLD_TABLE: dict[int, str] = {code: _fold_char(chr(code)) for code in range(0x250)}
_FOLD_TABLE.update({0x1E00 + i: _fold_char(chr(0x1E00 + i)) for i in range(0x100)})
for _q in QUOTES:
    _FOLD_TABLE[ord(_q)] = '"'
for _d in DASHES:
    _FOLD_TABLE[ord(_d)] = "-"
_FOLD_TABLE[0xA0] = " "


def fold(text: str) -> str:
    """Lower case, no diacritics, plain quotes and dashes; same length as ``text``."""
    if len(text) > 1000:
        return _fold_long(text)
    return _fold_short(text)


@lru_cache(maxsize=8)
def _fold_long(text: str) -> str:
    """A record's whole text is folded by several stages (its kind, its period, its
    addresses); hashing it costs a small part of translating it again."""
    return text.translate(_FOLD_TABLE)


@lru_cache(maxsize=4096)
def _fold_short(text: str) -> str:
    """Lines, sentences and names are folded again and again by the stages, and translating
    through a dictionary costs far more per character than hashing; long texts (a whole
    record) have a small cache of their own, so as not to push these out."""
    return text.translate(_FOLD_TABLE)


WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
# The same words in a text without "_", where a letter or digit is any word character: the
# engine tests one class per character instead of a class less "_".
_WORD_NO_UNDERSCORE = re.compile(r"\w+(?:[-']\w+)*")


def word_pattern(text: str) -> re.Pattern[str]:
    """``WORD``, or the faster pattern that reads the same words where ``text`` has no "_"."""
    return WORD if "_" in text else _WORD_NO_UNDERSCORE


def any_word_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, written as a tree of their letters
    ("coordinat(?:ed|or)"): Python's ``re`` tries the alternatives of a plain "a|b|c" one by
    one at every position, while the tree reads each character once. Where one word opens
    another, the longer is tried first."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branch(node: dict[str, dict]) -> str:
        alternatives = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return f"(?:{body})?" if "" in node else body

    return branch(tree)


def words(text: str) -> list[str]:
    return word_pattern(text).findall(text)


def squash(text: str) -> str:
    """Whitespace runs to one space, ends trimmed."""
    return re.sub(r"\s+", " ", text).strip()


def strip_quotes(text: str) -> str:
    return squash(text.translate({ord(q): " " for q in QUOTES}))


_STEMMERS: dict[str, Stemmer.Stemmer] = {}


def stemmer(language: str) -> Stemmer.Stemmer:
    lang = {
        "lt": "lithuanian",
        "en": "english",
        "de": "german",
        "fr": "french",
        "pl": "polish",
        "es": "spanish",
        "it": "italian",
        "pt": "portuguese",
    }.get(language, "english")
    if lang not in _STEMMERS:
        _STEMMERS[lang] = _uncached(Stemmer.Stemmer(lang))
    return _STEMMERS[lang]


def _uncached(stemmer: Stemmer.Stemmer) -> Stemmer.Stemmer:
    """The stemmer without PyStemmer's own cache: our callers keep each word's stem
    themselves (``stem_all``), and that cache (10,000 words, purged as it fills) makes every
    new word cost three times as much to stem."""
    stemmer.maxCacheSize = 0
    return stemmer


_STEM_CACHE: dict[str, dict[str, str]] = {}


def stem(word: str, language: str) -> str:
    """The folded stem of one word (stemmed before folding: Snowball needs the diacritics)."""
    return stem_all([word], language)[0]


def stem_all(tokens: list[str], language: str) -> list[str]:
    """Folded stems of many words at once; each word is stemmed once per process."""
    cache = _STEM_CACHE.setdefault(language, {})
    try:
        return list(map(cache.__getitem__, tokens))  # most words were seen before
    except KeyError:
        pass
    missing = [w for w in set(tokens) if w not in cache]
    if missing:
        if len(cache) > 500_000:
            cache.clear()
        lowered = [w.lower() for w in missing]
        for w, s in zip(missing, stemmer(language).stemWords(lowered), strict=True):
            # ``fold`` without its caches: each stem is folded once, and would push out the
            # lines and names the caches are for.
            cache[w] = s.translate(_FOLD_TABLE)
    return [cache[w] for w in tokens]


def stems(text: str, language: str) -> list[str]:
    """Stems of the words of ``text``; hyphenated words count as their parts."""
    parts = [part for w in words(text) for part in w.split("-") if part]
    return stem_all(parts, language)


def is_upper_initial(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word[0].isdigit())


# Abbreviations after which a full stop does not end a sentence (folded, without the stop).
_ABBREVIATIONS = frozenset(
    [
        "nr",
        "m",
        "d",
        "g",
        "pr",
        "al",
        "pl",
        "skg",
        "tel",
        "el",
        "p",
        "proc",
        "kt",
        "pvz",
        "t",
        "y",
        "e",
        "g",
        "i",
        "e",
        "etc",
        "no",
        "vs",
        "st",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "doc",
        "mgr",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "str",
        "lit",
        "min",
        "mėn",
        "men",
        "vnt",
        "plg",
        "žr",
        "zr",
    ]
)
_SENTENCE_BREAK = re.compile(r"[.!?…]+[\"”“»)]*\s+(?=[\"„“«(]?[A-ZĄČĘĖĮŠŲŪŽ0-9])")


@lru_cache(maxsize=512)
def sentences(text: str, start: int = 0) -> tuple[tuple[int, int, str], ...]:
    """(start, end, text) of each sentence; ``start`` is the text's offset in the document.
    Cached: the organisations, funding, period and target-group readers each go through a
    record's pieces sentence by sentence."""
    out: list[tuple[int, int, str]] = []
    begin = 0
    for m in _SENTENCE_BREAK.finditer(text):
        before = text[begin : m.start()].split()
        # "(Nr. 101096543)": an opening bracket or quote is not part of the abbreviation.
        last = fold(before[-1]).rstrip(".").lstrip("([{\"'„“«") if before else ""
        if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        end = m.end()
        piece = text[begin:end].strip()
        if piece:
            offset = begin + text[begin:end].index(piece)
            out.append((start + offset, start + offset + len(piece), piece))
        begin = end
    piece = text[begin:].strip()
    if piece:
        offset = begin + text[begin:].index(piece)
        out.append((start + offset, start + offset + len(piece), piece))
    return tuple(out)
