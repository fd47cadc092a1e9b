"""Themes of a record, from the controlled vocabulary's terms (``vocab/themes.json``).

A theme is tagged only when it is a topic of the record, not when it passes by. The evidence
for each theme is where its terms stand — in the title, in the lead (summary, aim, objectives)
or in the rest of the text — and how many different terms of it the record uses. The body counts
by density (mentions per ``THEME_PARAMS.body_words`` words), so a long text does not collect
themes by its length alone. A theme needs a score of ``threshold`` and a share ``relative`` of
the best theme's score (a record is mostly about one or two things), and at most
``max_themes`` are kept.

The numbers in ``THEME_PARAMS`` are chosen by ``bench/themes_cv.py``: leave-one-document-out
cross-validation over the expected files of the tuning half, so that they are set from held-out
documents, not fitted to every record we have.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from practicehub import vocab
from practicehub.catalogue.extract.draft import Span
from practicehub.catalogue.extract.phrases import LANGUAGES, PhraseIndex


@dataclass(frozen=True, slots=True)
class ThemeParams:
    title: float
    lead: float
    body: float
    body_words: int  # the body's mentions count per this many words of it
    single: float  # a one-word term ("schools") counts this much of a phrase ("adult education")
    distinct: float  # for each term of the theme beyond the first
    threshold: float
    relative: float
    max_themes: int


THEME_PARAMS = ThemeParams(
    title=3.0,
    lead=2.0,
    body=1.0,
    body_words=200,
    single=0.5,
    distinct=0.0,
    threshold=2.0,
    relative=0.3,
    max_themes=2,
)


@dataclass(slots=True)
class Evidence:
    """Where one theme's terms stand in a record: per zone, mentions by phrases and by single
    words."""

    counts: dict[tuple[str, bool], int] = field(default_factory=lambda: defaultdict(int))
    terms: set[str] = field(default_factory=set)
    spans: list[Span] = field(default_factory=list)

    def zone(self, name: str, params: ThemeParams) -> float:
        return self.counts[(name, False)] + params.single * self.counts[(name, True)]

    def score(self, params: ThemeParams, words: int) -> float:
        density = self.zone("body", params) / max(1.0, words / params.body_words)
        return (
            params.title * self.zone("title", params)
            + params.lead * self.zone("lead", params)
            + params.body * density
            + params.distinct * max(0, len(self.terms) - 1)
        )


@lru_cache(maxsize=1)
def _index() -> PhraseIndex:
    phrases = []
    for entry in vocab.themes():
        for lang in LANGUAGES:
            for term in entry["terms"].get(lang, []):
                if term.strip():
                    phrases.append((entry["id"], lang, term))
    return PhraseIndex(phrases)


_OTHER_TERMS = Path(__file__).parent / "data" / "theme_terms.json"


@lru_cache(maxsize=8)
def _other_index(language: str) -> PhraseIndex | None:
    """The terms of a record's own language beyond English and Lithuanian (German, French),
    searched only in records of that language: "formation" is training in French only."""
    terms = json.loads(_OTHER_TERMS.read_text(encoding="utf-8")).get(language)
    if not terms:
        return None
    return PhraseIndex(
        [(tid, language, t) for tid, ts in terms.items() for t in ts if t.strip()],
        languages=(language,),
    )


def theme_evidence(
    zones: list[tuple[str, int, str]], language: str | None = None
) -> dict[str, Evidence]:
    """Evidence per theme from (zone, offset in the document, text) pieces: the title, the lead
    and the body, each piece of text given once."""
    found: dict[str, Evidence] = defaultdict(Evidence)
    indexes = [_index()]
    other = _other_index(language) if language and language not in LANGUAGES else None
    if other is not None:
        indexes.append(other)
    for zone, offset, text in zones:
        for m in (m for index in indexes for m in index.find(text)):
            evidence = found[m.id]
            term = text[m.start : m.end].lower()
            evidence.counts[(zone, len(term.split()) == 1)] += 1
            evidence.terms.add(term)
            evidence.spans.append((offset + m.start, offset + m.end))
    return found


def choose(
    evidence: dict[str, Evidence], words: int, params: ThemeParams = THEME_PARAMS
) -> list[str]:
    """The themes the evidence makes topics of the record, best first."""
    scores = {t: e.score(params, words) for t, e in evidence.items()}
    if not scores:
        return []
    best = max(scores.values())
    ranked = sorted(scores, key=lambda t: (-scores[t], t))
    return [
        t for t in ranked if scores[t] >= params.threshold and scores[t] >= params.relative * best
    ][: params.max_themes]


def record_themes(
    zones: list[tuple[str, int, str]], *, words: int = 0, language: str | None = None
) -> tuple[list[str], dict[str, list[Span]]]:
    """Theme ids for a record and the spans of the terms that earned them."""
    evidence = theme_evidence(zones, language)
    chosen = sorted(choose(evidence, words))
    return chosen, {t: evidence[t].spans for t in chosen}
