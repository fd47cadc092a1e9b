"""Highlighted snippets: the window of a record's text with the most query words, escaped,
matches wrapped in <mark>."""

from __future__ import annotations

import functools

import numpy as np
from django.utils.html import escape
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


def snippet(
    text: str, query: ParsedQuery, language: str, *, window: int = WINDOW_WORDS
) -> SafeString:
    """The best window of ``text`` for the query, as safe HTML."""
    text = text[:MAX_CHARS]
    spans = analysis.word_spans(text)
    if not spans:
        return mark_safe("")
    keys = {k for w in query.words() for k in w.keys}
    exact = {w.exact for w in query.words()}
    if keys:
        # Each distinct word is looked at once; texts repeat their words.
        known: dict[str, bool] = {}
        for _, _, w in spans:
            if w not in known:
                known[w] = _matches(w, language, keys, exact)
        hits = [known[w] for _, _, w in spans]
    else:
        hits = [False] * len(spans)
    width = min(window, len(spans))
    # The window with the most matches, the earliest of equals.
    prefix = np.concatenate([[0], np.cumsum(hits, dtype=np.int64)])
    best = int(np.argmax(prefix[width:] - prefix[:-width]))
    chosen = range(best, best + width)
    begin, end = spans[chosen.start][0], spans[chosen.stop - 1][1]
    out: list[str] = ["…" if begin > 0 else ""]
    cursor = begin
    for i in chosen:
        start, stop, _ = spans[i]
        out.append(escape(text[cursor:start]))
        piece = escape(text[start:stop])
        out.append(f"<mark>{piece}</mark>" if hits[i] else piece)
        cursor = stop
    out.append("…" if end < len(text) else "")
    return mark_safe("".join(out))
