"""SQLite: an FTS5 table over the analysed streams, ranked with bm25 and column weights."""

from __future__ import annotations

import numpy as np

from practicehub.search.backends import Mode, compile_boolean, phrase_key_rows, register, run
from practicehub.search.query import ParsedQuery, Term

# bm25 weights of the FTS5 columns: title, organisation and programme names, body, exact words.
WEIGHTS = (8.0, 3.0, 1.0, 0.6)
_STEMS = "{title_stems names_stems body_stems}"


def _quote(token: str) -> str:
    # Keys are letters and digits only (analysis.words); quoting makes each a plain string.
    return '"' + token.replace('"', "") + '"'


def compile_term(term: Term) -> str:
    if not term.is_phrase:
        word = term.words[0]
        keys = " OR ".join(_quote(k) for k in sorted(word.keys))
        if not word.exact:  # a merged set of expansion keys has no typed form
            return f"({_STEMS} : ({keys}))"
        return f"({_STEMS} : ({keys}) OR exact : {_quote(word.exact)})"
    alternatives = [
        f"{_STEMS} : ({' + '.join(_quote(k) for k in row)})" for row in phrase_key_rows(term)
    ]
    alternatives.append(f"exact : ({' + '.join(_quote(w.exact) for w in term.words)})")
    return "(" + " OR ".join(alternatives) + ")"


def compile_query(query: ParsedQuery, mode: Mode) -> str | None:
    return compile_boolean(query, mode, compile_term, and_=" AND ", or_=" OR ", and_not=" NOT ")


@register("sqlite")
class SqliteBackend:
    def build(self, query: ParsedQuery, mode: Mode) -> tuple[str, list[str]] | None:
        expression = compile_query(query, mode)
        if expression is None:
            return None
        weights = ", ".join(str(w) for w in WEIGHTS)
        sql = (
            f"SELECT rowid, -bm25(search_fts, {weights}) FROM search_fts WHERE search_fts MATCH %s"
        )
        return sql, [expression]

    def match(self, query: ParsedQuery, mode: Mode = "all") -> tuple[np.ndarray, np.ndarray]:
        built = self.build(query, mode)
        if built is None:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        return run(*built)
