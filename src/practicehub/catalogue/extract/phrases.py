"""Finding controlled phrases (programme names, theme terms) in text, on word stems.

Each phrase is stemmed in its own language (Snowball English or Lithuanian) and folded, so that
"Europos socialinio fondo" meets "Europos socialinis fondas" and "inter-cultural competences"
meets "intercultural competence". Hyphenated words are tried both split and joined.
"""

from __future__ import annotations

from dataclasses import dataclass

from practicehub.catalogue.extract.text import WORD, stem_all

LANGUAGES = ("en", "lt")


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    id: str
    start: int
    end: int


def _streams(text: str) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]:
    """Words with offsets: hyphenated words split into parts, and kept whole without hyphens."""
    split, joined = [], []
    for m in WORD.finditer(text):
        word = m.group(0)
        if "-" in word:
            pos = m.start()
            for part in word.split("-"):
                if part:
                    split.append((part, pos, pos + len(part)))
                pos += len(part) + 1
            joined.append((word.replace("-", ""), m.start(), m.end()))
        else:
            split.append((word, m.start(), m.end()))
            joined.append((word, m.start(), m.end()))
    return split, joined


class PhraseIndex:
    """Phrases by their first stem, per language, for a single pass over a text."""

    def __init__(self, phrases: list[tuple[str, str, str]]) -> None:
        # (id, language, phrase) -> tables[language][first stem] = [(stems, id)]
        self._tables: dict[str, dict[str, list[tuple[tuple[str, ...], str]]]] = {
            lang: {} for lang in LANGUAGES
        }
        for pid, lang, phrase in phrases:
            if lang not in self._tables:
                continue
            seen = set()
            for stream in _streams(phrase):
                stems = tuple(stem_all([w for w, _, _ in stream], lang))
                if stems and stems not in seen:
                    seen.add(stems)
                    self._tables[lang].setdefault(stems[0], []).append((stems, pid))

    def find(self, text: str) -> list[PhraseMatch]:
        found: dict[tuple[str, int], PhraseMatch] = {}
        split, joined = _streams(text)
        # The joined stream differs from the split one only where a word has a hyphen.
        streams = (split, joined) if len(joined) != len(split) else (split,)
        for lang, table in self._tables.items():
            if not table:
                continue
            for stream in streams:
                stems = stem_all([w for w, _, _ in stream], lang)
                for i, s in enumerate(stems):
                    for phrase, pid in table.get(s, ()):
                        n = len(phrase)
                        if tuple(stems[i : i + n]) == phrase:
                            match = PhraseMatch(pid, stream[i][1], stream[i + n - 1][2])
                            old = found.get((pid, match.start))
                            if old is None or old.end < match.end:
                                found[(pid, match.start)] = match
        return sorted(found.values(), key=lambda m: (m.start, -m.end))
