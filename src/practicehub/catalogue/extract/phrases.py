"""Finding controlled phrases (programme names, theme terms) in text, on word stems.

Each phrase is stemmed in its own language (Snowball English or Lithuanian) and folded, so that
"Europos socialinio fondo" meets "Europos socialinis fondas" and "inter-cultural competences"
meets "intercultural competence". Hyphenated words are tried both split and joined.
"""

from __future__ import annotations

from dataclasses import dataclass

from practicehub.catalogue.extract.text import stem_all, word_pattern

LANGUAGES = ("en", "lt")


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    id: str
    start: int
    end: int


def _streams(text: str) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]:
    """Words with offsets: hyphenated words split into parts, and kept whole without hyphens.
    Without a hyphen in the text the two are one list, made once."""
    if "-" not in text:
        words = [(m.group(0), *m.span()) for m in word_pattern(text).finditer(text)]
        return words, words
    split, joined = [], []
    for m in word_pattern(text).finditer(text):
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


# The phrases that open with one stem, by their length in words, then by all their stems:
# each holds (its place in the index, its length, its id). A common opening stem ("women",
# "moter") opens a hundred phrases; looking each length up costs a few dictionary reads where
# comparing every phrase cost a hundred slices.
Openings = dict[int, dict[tuple[str, ...], list[tuple[int, int, str]]]]


class PhraseIndex:
    """Phrases by their first stem, per language, for a single pass over a text."""

    def __init__(
        self, phrases: list[tuple[str, str, str]], languages: tuple[str, ...] = LANGUAGES
    ) -> None:
        # (id, language, phrase) -> tables[language][first stem][length][stems]
        self._tables: dict[str, dict[str, Openings]] = {lang: {} for lang in languages}
        self._longest: dict[str, int] = dict.fromkeys(languages, 1)
        order = 0
        for pid, lang, phrase in phrases:
            if lang not in self._tables:
                continue
            seen = set()
            for stream in _streams(phrase):
                stems = tuple(stem_all([w for w, _, _ in stream], lang))
                if stems and stems not in seen:
                    seen.add(stems)
                    by_length = self._tables[lang].setdefault(stems[0], {})
                    by_length.setdefault(len(stems), {}).setdefault(stems, []).append(
                        (order, len(stems), pid)
                    )
                    order += 1
                    self._longest[lang] = max(self._longest[lang], len(stems))

    def find(self, text: str) -> list[PhraseMatch]:
        found: dict[tuple[str, int], PhraseMatch] = {}
        split, joined = _streams(text)
        hyphenated = (
            [i for i, (w, a, b) in enumerate(joined) if w != text[a:b]]
            if split is not joined
            else []
        )
        # The words of each stream, taken once for all languages.
        split_words = [w for w, _, _ in split]
        joined_words = [w for w, _, _ in joined] if hyphenated else split_words
        for lang, table in self._tables.items():
            if not table:
                continue
            longest = self._longest[lang]
            # The joined stream differs from the split one only where a word has a hyphen:
            # there only the positions a phrase through that word can start at are read.
            near = sorted({j for k in hyphenated for j in range(max(0, k - longest + 1), k + 1)})
            for stream, words, positions in (
                (split, split_words, None),
                (joined, joined_words, near),
            ):
                if positions == []:
                    continue
                stems = stem_all(words, lang)
                starts = (
                    [i for i, s in enumerate(stems) if s in table]
                    if positions is None
                    else [i for i in positions if stems[i] in table]
                )
                for i in starts:
                    # In the index's order, so that equal matches are kept as they always were.
                    for _, n, pid in _phrases_at(table[stems[i]], stems, i):
                        match = PhraseMatch(pid, stream[i][1], stream[i + n - 1][2])
                        old = found.get((pid, match.start))
                        if old is None or old.end < match.end:
                            found[(pid, match.start)] = match
        return sorted(found.values(), key=lambda m: (m.start, -m.end))


def _phrases_at(openings: Openings, stems: list[str], i: int) -> list[tuple[int, int, str]]:
    """The phrases of ``openings`` the stems from ``i`` on spell out, in the index's order."""
    hits: list[tuple[int, int, str]] = []
    for n, phrases in openings.items():
        hits.extend(phrases.get(tuple(stems[i : i + n]), ()))
    if len(openings) > 1:
        hits.sort()
    return hits
