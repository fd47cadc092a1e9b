"""Highlighted snippets: the window of a record's text with the most query words, escaped,
matches wrapped in <mark>."""

from __future__ import annotations

import functools
import html
import itertools
import operator

from django.utils.safestring import SafeString, mark_safe

from practicehub.search import analysis
from practicehub.search.query import ParsedQuery

WINDOW_WORDS = 30
# Long records are searched for their best window in their opening part only.
MAX_CHARS = 6_000


@functools.lru_cache(maxsize=50_000)
def _forms(word: str, language: str) -> tuple[str, str]:
    lower = word.lower()
    return analysis.fold(lower), analysis.stem_key(lower, language)


def _spans(text: str, words: list[str], count: int) -> list[tuple[int, int]]:
    """Where the first ``count`` of the text's words are. Each word is found with
    ``str.find`` from the end of the one before: between two words there is no letter or
    digit, and a word begins with one, so the next occurrence is the word itself. (Matching
    the word pattern again costs several times more.)"""
    spans = []
    cursor = 0
    for word in words[:count]:
        start = text.find(word, cursor)
        cursor = start + len(word)
        spans.append((start, cursor))
    return spans


class Highlighter:
    """Snippets of one page's texts for one query. Whether a word matches the query is decided
    once per word and language for the whole page: its texts share most of their words (a
    page of 20 records holds over a thousand distinct words, and deciding each one was a third
    of the page's snippet time)."""

    def __init__(self, query: ParsedQuery) -> None:
        words = query.words()
        self._keys = {k for w in words for k in w.keys}
        self._exact = {w.exact for w in words}
        self._verdicts: dict[str, dict[str, bool]] = {}  # language -> word -> matches

    def _hits(self, words: list[str], language: str) -> list[bool]:
        if not self._keys:
            return [False] * len(words)
        verdicts = self._verdicts.setdefault(language, {})
        keys, exact = self._keys, self._exact
        for word in set(words).difference(verdicts):
            folded, stem = _forms(word, language)
            verdicts[word] = folded in exact or stem in keys
        return list(map(verdicts.__getitem__, words))

    def snippet(self, text: str, language: str, window: int = WINDOW_WORDS) -> SafeString:
        """The best window of ``text`` for the query, as safe HTML."""
        text = text[:MAX_CHARS]
        words = analysis.word_list(text)
        if not words:
            return mark_safe("")
        hits = self._hits(words, language)
        width = min(window, len(words))
        # The window with the most matches, the earliest of equals.
        prefix = list(itertools.accumulate(hits, initial=0))
        sums = list(map(operator.sub, prefix[width:], prefix))
        best = sums.index(max(sums))
        spans = _spans(text, words, best + width)[best:]
        begin, end = spans[0][0], spans[-1][1]
        # Escaping is character by character, so the stretches between marked words are
        # escaped whole rather than word by word.
        out: list[str] = ["…" if begin > 0 else ""]
        cursor = begin
        for i, (start, stop) in enumerate(spans, start=best):
            if hits[i]:
                out.append(html.escape(text[cursor:start]))
                out.append(f"<mark>{html.escape(text[start:stop])}</mark>")
                cursor = stop
        out.append(html.escape(text[cursor:end]))
        out.append("…" if end < len(text) else "")
        return mark_safe("".join(out))
