"""Themes of a record, from the controlled vocabulary's terms (``vocab/themes.json``).

A theme is tagged only when the record is about it, not when it passes by: each occurrence of
one of its terms scores by where it stands (title 3, summary, aim and objectives 2, elsewhere
1) and the theme needs a score of ``THRESHOLD``: a title mention and one more, a lead mention and
two more, or several in the text. A passing mention never tags a theme.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from practicehub import vocab
from practicehub.catalogue.extract.draft import Span
from practicehub.catalogue.extract.phrases import LANGUAGES, PhraseIndex

THRESHOLD = 4
WEIGHTS = {"title": 3, "lead": 2, "body": 1}
BODY_WORDS_PER_MENTION = 100


@lru_cache(maxsize=1)
def _index() -> PhraseIndex:
    phrases = []
    for entry in vocab.themes():
        for lang in LANGUAGES:
            for term in entry["terms"].get(lang, []):
                if term.strip():
                    phrases.append((entry["id"], lang, term))
    return PhraseIndex(phrases)


def record_themes(
    zones: list[tuple[str, int, str]], *, words: int = 0
) -> tuple[list[str], dict[str, list[Span]]]:
    """Theme ids for a record and the spans of the terms that earned them.

    ``zones`` are (weight name, offset in the document, text): the title, the lead (summary, aim,
    objectives) and the body, each text given once. A theme seen only in the body of a long
    record needs a mention per ``BODY_WORDS_PER_MENTION`` words of it.
    """
    index = _index()
    scores: dict[str, int] = defaultdict(int)
    in_body: dict[str, int] = defaultdict(int)
    spans: dict[str, list[Span]] = defaultdict(list)
    for zone, offset, text in zones:
        for m in index.find(text):
            scores[m.id] += WEIGHTS[zone]
            in_body[m.id] += zone == "body"
            spans[m.id].append((offset + m.start, offset + m.end))
    needed = max(THRESHOLD, words // BODY_WORDS_PER_MENTION)
    chosen = sorted(
        t
        for t, score in scores.items()
        if score >= THRESHOLD and (score > in_body[t] or in_body[t] >= needed)
    )
    return chosen, {t: spans[t] for t in chosen}
