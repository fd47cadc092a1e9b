"""Text analysis shared by indexing and querying: words, folding, stems.

Both sides of a match go through the same functions, so a query typed without diacritics
("lyderyste") meets a record that writes "lyderystės": every word is lower-cased and folded
(diacritics removed), and Lithuanian and English words are also cut to their Snowball stem.
Other languages get folding only. The index keeps two streams: stems (what ranking is built
on) and folded exact forms (what exact phrases and exact words are matched on).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable

import Stemmer

# Languages whose words are stemmed; anything else is folded only.
STEMMED_LANGUAGES = {"lt": "lithuanian", "en": "english"}

# Words: runs of letters and digits; an apostrophe inside a word ("women's") is dropped with
# what follows it when it is a possessive, so "women's" and "women" meet.
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’](?:s|es)?$")

# Words too common to carry meaning in a query; they are dropped unless a query holds nothing
# else. Kept short on purpose: in a stemmed index most function words are harmless.
STOP_WORDS = frozenset(
    """a an and are as at be by for from has have in into is it its of on or that the their
    this to was were with which who how what where ir ar bei kad su be per prie iš is del dėl
    apie kaip kuris kuri kurie kurios tai tas ta yra buvo bus jo jos jų o bet nei ne į i už
    uz po nuo iki""".split()  # noqa: SIM905  (a list literal of 70 words reads worse)
)


@functools.lru_cache(maxsize=200_000)
def _fold_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower-case and strip diacritics: "Lyderystė" -> "lyderyste"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def _stemmer(language: str) -> Stemmer.Stemmer | None:
    algorithm = STEMMED_LANGUAGES.get(language)
    if not algorithm:
        return None
    stemmer = Stemmer.Stemmer(algorithm)
    # Without PyStemmer's own cache: the index streams keep each word's key (``_keys_of``),
    # the snippets each word's forms, and that cache (10,000 words, purged as it fills) makes
    # every new word cost three times as much to stem.
    stemmer.maxCacheSize = 0
    return stemmer


def words(text: str) -> list[str]:
    """The words of a text, lower-cased, possessive endings removed, diacritics kept."""
    lowered = text.lower()
    found = _WORD.findall(lowered)
    if "'" not in lowered and "’" not in lowered:
        return found
    out = []
    for word in found:
        if "'" not in word and "’" not in word:  # most words, even in a text with apostrophes
            out.append(word)
            continue
        word = _POSSESSIVE.sub("", word)
        if "'" in word or "’" in word:
            out.extend(p for p in re.split(r"['’]", word) if p)
        else:
            out.append(word)
    return out


def word_list(text: str) -> list[str]:
    """The words of a text as written (case and apostrophes kept), for highlighting."""
    return _WORD.findall(text)


def stem_key(word: str, language: str) -> str:
    """The index key of one lower-cased word: its stem (where the language has a stemmer),
    folded."""
    stemmer = _stemmer(language)
    if stemmer is None:
        return fold(word)
    return fold(stemmer.stemWord(word))


def query_keys(word: str, language: str) -> set[str]:
    """Keys a query word may match in the stem stream.

    A word typed without diacritics can stem differently from the written form
    ("savivaldybese" keeps its ending where "savivaldybėse" loses it), so the stem of the
    folded word is tried too.
    """
    keys = {stem_key(word, language)}
    stemmer = _stemmer(language)
    if stemmer is not None:
        keys.add(fold(stemmer.stemWord(fold(word))))
        if language == "lt" and word == fold(word):
            keys |= {fold(s) for s in stemmer.stemWords(_lithuanian_endings(word))}
    return keys


# Letters an ending typed without diacritics may have meant ("savivaldybese" for
# "savivaldybėse"): Lithuanian case endings carry them, and the stemmer only strips an
# ending it recognises.
_MARKED = {"e": "eėę", "a": "aą", "u": "uųū", "i": "iį", "s": "sš", "z": "zž", "c": "cč"}
_ENDING_CHARS = 4


def _lithuanian_endings(word: str) -> list[str]:
    stem, ending = word[:-_ENDING_CHARS], word[-_ENDING_CHARS:]
    variants = [""]
    for char in ending:
        variants = [v + c for v in variants for c in _MARKED.get(char, char)]
    return [stem + v for v in variants[1:]]


def stems(text: str, language: str) -> list[str]:
    """The stem stream of a text, one key per word, in order."""
    return _stems_of(words(text), language)


# Each word's key, computed once per process: a dictionary per stream ("" for the exact one,
# a language for its stems). A record's words were mostly seen in records before it, and
# reading a dictionary costs a fraction of stemming and folding them again. A dictionary that
# grows past _CACHED_WORDS is replaced, never emptied, so a thread reading it is not disturbed.
_KEYS: dict[str, dict[str, str]] = {}
_CACHED_WORDS = 200_000


def _keys_of(ws: list[str], stream: str, compute: Callable[[list[str]], list[str]]) -> list[str]:
    cache = _KEYS.get(stream) or _KEYS.setdefault(stream, {})
    try:
        return list(map(cache.__getitem__, ws))  # most words were seen before
    except KeyError:
        pass
    missing = list(dict.fromkeys(w for w in ws if w not in cache))
    fresh = dict(zip(missing, compute(missing), strict=True))
    if len(cache) + len(fresh) > _CACHED_WORDS:
        _KEYS[stream] = dict(fresh)
    else:
        cache.update(fresh)
    return [fresh[w] if w in fresh else cache[w] for w in ws]


def _stems_of(ws: list[str], language: str) -> list[str]:
    stemmer = _stemmer(language)
    if stemmer is None:
        return _folded_of(ws)
    # Words are lower-cased already (words()).
    return _keys_of(ws, language, lambda new: [_fold_word(s) for s in stemmer.stemWords(new)])


def folded(text: str) -> list[str]:
    """The exact stream of a text: each word lower-cased and folded, in order."""
    return _folded_of(words(text))


def _folded_of(ws: list[str]) -> list[str]:
    return _keys_of(ws, "", lambda new: [_fold_word(w) for w in new])


def analyse(text: str, language: str) -> str:
    """The stem stream as a space-separated string, the form the databases index."""
    return " ".join(stems(text, language))


def analyse_exact(text: str) -> str:
    return " ".join(folded(text))


def analyse_both(text: str, language: str) -> tuple[str, str]:
    """``analyse`` and ``analyse_exact`` of one text, its words found once: ingest analyses
    every record's title and body both ways."""
    ws = words(text)
    return " ".join(_stems_of(ws, language)), " ".join(_folded_of(ws))


def join_texts(parts: Iterable[str]) -> str:
    return "\n".join(p for p in parts if p)
