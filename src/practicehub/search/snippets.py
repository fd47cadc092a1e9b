"""Highlighted snippets: the window of a record's text with the most query words, escaped,
matches wrapped in <mark>."""

from __future__ import annotations

import functools
import html
import itertools

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


def _matches(word: str, language: str, keys: set[str], exact: set[str]) -> bool:
    folded, stem = _forms(word, language)
    return folded in exact or stem in keys


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


def snippet(
    text: str,
    query: ParsedQuery,
    language: str,
    *,
    window: int = WINDOW_WORDS,
    seen: dict[str, bool] | None = None,
) -> SafeString:
    """The best window of ``text`` for the query, as safe HTML. ``seen`` keeps which words
    match across the snippets of one page (same query and language): texts share words."""
    text = text[:MAX_CHARS]
    words = analysis.word_list(text)
    if not words:
        return mark_safe("")
    keys = {k for w in query.words() for k in w.keys}
    exact = {w.exact for w in query.words()}
    seen = {} if seen is None else seen
    if keys:
        # Each distinct word is looked at once; texts repeat their words.
        for word in set(words).difference(seen):
            seen[word] = _matches(word, language, keys, exact)
        hits = [seen[w] for w in words]
    else:
        hits = [False] * len(words)
    width = min(window, len(words))
    # The window with the most matches, the earliest of equals.
    prefix = list(itertools.accumulate(hits, initial=0))
    sums = [b - a for a, b in zip(prefix, prefix[width:], strict=False)]
    best = sums.index(max(sums))
    spans = _spans(text, words, best + width)[best:]
    begin, end = spans[0][0], spans[-1][1]
    # Escaping is character by character, so the stretches between marked words are escaped
    # whole rather than word by word.
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
