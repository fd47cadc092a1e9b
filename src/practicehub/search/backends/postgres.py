"""PostgreSQL: a GIN-indexed tsvector of the pre-stemmed streams (``simple`` configuration,
weights A title, B names, C body, D exact words), ranked with ts_rank_cd."""

from __future__ import annotations

import numpy as np

from practicehub.search.backends import Mode, compile_boolean, phrase_key_rows, register, run
from practicehub.search.query import ParsedQuery, Term

# ts_rank_cd weights in PostgreSQL's order: D (exact words), C (body), B (names), A (title).
WEIGHTS = (0.1, 0.2, 0.5, 1.0)
# Normalisation 1: divide the rank by 1 + log(document length), so long records do not win
# by length alone.
NORMALISATION = 1


def _lexeme(token: str, weights: str) -> str:
    # Keys are letters and digits only (analysis.words); quoting keeps them single lexemes.
    return "'" + token.replace("'", "") + "':" + weights


def compile_term(term: Term) -> str:
    if not term.is_phrase:
        word = term.words[0]
        parts = [_lexeme(k, "ABC") for k in sorted(word.keys)]
        if word.exact:  # a merged set of expansion keys has no typed form
            parts.append(_lexeme(word.exact, "D"))
        return "(" + " | ".join(parts) + ")"
    alternatives = [
        "(" + " <-> ".join(_lexeme(k, "ABC") for k in row) + ")" for row in phrase_key_rows(term)
    ]
    alternatives.append("(" + " <-> ".join(_lexeme(w.exact, "D") for w in term.words) + ")")
    return "(" + " | ".join(alternatives) + ")"


def compile_query(query: ParsedQuery, mode: Mode) -> str | None:
    return compile_boolean(query, mode, compile_term, and_=" & ", or_=" | ", and_not=" & !")


@register("postgresql")
class PostgresBackend:
    def build(self, query: ParsedQuery, mode: Mode) -> tuple[str, list[str]] | None:
        expression = compile_query(query, mode)
        if expression is None:
            return None
        weights = "{" + ",".join(str(w) for w in WEIGHTS) + "}"
        sql = (
            f"SELECT e.id, ts_rank_cd('{weights}'::float4[], e.vector, q, {NORMALISATION}) "
            "FROM search_searchentry e, to_tsquery('simple', %s) q WHERE e.vector @@ q"
        )
        return sql, [expression]

    def match(self, query: ParsedQuery, mode: Mode = "all") -> tuple[np.ndarray, np.ndarray]:
        built = self.build(query, mode)
        if built is None:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        return run(*built)
