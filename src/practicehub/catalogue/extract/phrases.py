"""Finding controlled phrases (programme names, theme terms) in text, on word stems.

Each phrase is stemmed in its own language (Snowball English or Lithuanian) and folded, so that
"Europos socialinio fondo" meets "Europos socialinis fondas" and "inter-cultural competences"
meets "intercultural competence". Hyphenated words are tried both split and joined.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress, count

from practicehub.catalogue.extract.text import stem_all, word_pattern

LANGUAGES = ("en", "lt")


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    id: str
    start: int
    end: int


class _Streams:
    """A text's words, twice: hyphenated words split into their parts (``split``) and kept
    whole without hyphens (``joined``); without a hyphenated word the two are one list. The
    words come from one ``findall``; their offsets, which only a match needs, are found the
    first time one does (most texts the programmes are looked for in name none)."""

    __slots__ = ("_pattern", "_spans", "hyphenated", "joined", "split", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._pattern = word_pattern(text)
        words = self._pattern.findall(text)
        self._spans: tuple[list[tuple[int, int]], list[tuple[int, int]]] | None = None
        # The words a hyphen joins, by their place in ``joined``.
        self.hyphenated = [i for i, w in enumerate(words) if "-" in w] if "-" in text else []
        self.joined = self.split = words
        if self.hyphenated:
            self.joined = [w.replace("-", "") for w in words]
            self.split = _spread(words, self.hyphenated, lambda w: w.split("-"))

    def span(self, joined: bool, first: int, last: int) -> tuple[int, int]:
        """Where words ``first`` to ``last`` of a stream run in the text."""
        if self._spans is None:
            spans = [m.span() for m in self._pattern.finditer(self.text)]
            split = spans
            if self.hyphenated:
                split = _spread(spans, self.hyphenated, lambda s: _part_spans(self.text, *s))
            self._spans = (split, spans)
        spans = self._spans[joined]
        return spans[first][0], spans[last][1]


def _spread(items: list, hyphenated: list[int], parts) -> list:
    """``items`` with each hyphenated one replaced by its parts."""
    out: list = []
    previous = 0
    for i in hyphenated:
        out.extend(items[previous:i])
        out.extend(parts(items[i]))
        previous = i + 1
    out.extend(items[previous:])
    return out


def _part_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for part in text[start:end].split("-"):
        spans.append((start, start + len(part)))
        start += len(part) + 1
    return spans


# The phrases by their stems, one stem after the other: each node maps the next stem to the
# node after it, and ``None`` to the phrases that end there, as (their place in the index, their
# length, their id). A common opening stem ("women", "moter") opens a hundred phrases; walking
# on from it costs a dictionary read per stem the text and a phrase share.
Trie = dict


class PhraseIndex:
    """Phrases by their first stem, per language, for a single pass over a text."""

    def __init__(
        self, phrases: list[tuple[str, str, str]], languages: tuple[str, ...] = LANGUAGES
    ) -> None:
        # (id, language, phrase) -> tables[language][first stem][next stem]...[None]
        self._tables: dict[str, Trie] = {lang: {} for lang in languages}
        self._longest: dict[str, int] = dict.fromkeys(languages, 1)
        order = 0
        for pid, lang, phrase in phrases:
            if lang not in self._tables:
                continue
            seen = set()
            streams = _Streams(phrase)
            for words in (streams.split, streams.joined):
                stems = tuple(stem_all(words, lang))
                if stems and stems not in seen:
                    seen.add(stems)
                    node = self._tables[lang]
                    for stem in stems:
                        node = node.setdefault(stem, {})
                    node.setdefault(None, []).append((order, len(stems), pid))
                    order += 1
                    self._longest[lang] = max(self._longest[lang], len(stems))

    def find(self, text: str) -> list[PhraseMatch]:
        # The farthest end of each phrase's match at each start (a phrase is found once per
        # way of writing it); the matches are made from these at the end.
        ends: dict[tuple[str, int], int] = {}
        streams = _Streams(text)
        hyphenated = streams.hyphenated
        for lang, table in self._tables.items():
            if not table:
                continue
            longest = self._longest[lang]
            # The joined stream differs from the split one only where a word has a hyphen:
            # there only the positions a phrase through that word can start at are read.
            near = (
                sorted({j for k in hyphenated for j in range(max(0, k - longest + 1), k + 1)})
                if hyphenated
                else []
            )
            for joined, words, positions in (
                (False, streams.split, None),
                (True, streams.joined, near),
            ):
                if positions == []:
                    continue
                stems = stem_all(words, lang)
                starts = (
                    list(compress(count(), map(table.__contains__, stems)))
                    if positions is None
                    else [i for i in positions if stems[i] in table]
                )
                for i in starts:
                    # In the index's order, so that equal matches are kept as they always were.
                    for _, n, pid in _phrases_at(table[stems[i]], stems, i):
                        start, end = streams.span(joined, i, i + n - 1)
                        if ends.get((pid, start), -1) < end:
                            ends[(pid, start)] = end
        matches = [PhraseMatch(pid, start, end) for (pid, start), end in ends.items()]
        return sorted(matches, key=lambda m: (m.start, -m.end))


def _phrases_at(node: Trie, stems: list[str], i: int) -> list[tuple[int, int, str]]:
    """The phrases the stems from ``i`` on spell out (``node``: the first stem's), in the
    index's order."""
    hits: list[tuple[int, int, str]] = []
    ends = 0
    last = len(stems) - 1
    while True:
        here = node.get(None)
        if here is not None:
            hits.extend(here)
            ends += 1
        if i == last:
            break
        i += 1
        node = node.get(stems[i])
        if node is None:
            break
    if ends > 1:
        hits.sort()
    return hits
