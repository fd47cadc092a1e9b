"""Highlighted snippets: the window of a record's text with the most query words, escaped,
matches wrapped in <mark>."""

from __future__ import annotations

import functools

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
    hits = (
        [_matches(w, language, keys, exact) for _, _, w in spans] if keys else [False] * len(spans)
    )
    prefix = [0]
    for hit in hits:
        prefix.append(prefix[-1] + hit)
    width = min(window, len(spans))
    best = max(range(len(spans) - width + 1), key=lambda s: (prefix[s + width] - prefix[s], -s))
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
