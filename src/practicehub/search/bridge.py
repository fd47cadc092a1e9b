"""The cross-language bridge: what a query means in the other language.

- Glossary (``vocab/glossary.json``, Lithuanian-English word groups of the field): a query word
  or phrase that matches a group's term (on stems and folded forms) brings the group's other
  terms in as alternatives, so "women's leadership" also asks for "moterų lyderystė".
- Concepts: theme terms and programme names of the vocabulary, and organisation names and
  acronyms of the registry, found in the query in either language; records that carry them are
  boosted whatever language they are written in.
"""

from __future__ import annotations

import functools
import threading
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from practicehub.search import analysis
from practicehub.search.query import Word, make_word
from practicehub.vocab import load as vocab

# Acronyms shorter than this ("EU", "LT") are too ambiguous to name an organisation.
MIN_ACRONYM = 3


@dataclass(frozen=True)
class Match:
    start: int
    end: int  # exclusive, in query words
    value: Hashable


class PhraseMatcher:
    """Finds known phrases, given as stem-key sequences, in the words of a query."""

    def __init__(self, phrases: Iterable[tuple[tuple[str, ...], Hashable]]):
        self._by_first: dict[str, list[tuple[tuple[str, ...], Hashable]]] = defaultdict(list)
        for keys, value in phrases:
            if keys and all(keys):
                self._by_first[keys[0]].append((keys, value))

    def find(self, words: list[Word]) -> list[Match]:
        found: dict[tuple[int, int, Hashable], None] = {}
        for i, word in enumerate(words):
            for key in word.keys:
                for keys, value in self._by_first.get(key, ()):
                    end = i + len(keys)
                    if end <= len(words) and all(
                        keys[j] in words[i + j].keys for j in range(1, len(keys))
                    ):
                        found[(i, end, value)] = None
        return [Match(start, end, value) for start, end, value in found]


def phrase_keys(text: str, language: str) -> tuple[str, ...]:
    return tuple(analysis.stems(text, language))


def query_words(text: str) -> list[Word]:
    """Every word of the query, stop words included (phrases hold them), in order."""
    return [make_word(w) for w in analysis.words(text or "")[:64]]


# --- glossary ---------------------------------------------------------------------------------


@functools.cache
def _glossary() -> tuple[PhraseMatcher, tuple[dict[str, list[str]], ...]]:
    groups = vocab.glossary()
    phrases = []
    for index, group in enumerate(groups):
        for language in ("en", "lt"):
            for term in group.get(language, []):
                phrases.append((phrase_keys(term, language), (index, language)))
    return PhraseMatcher(phrases), groups


@dataclass(frozen=True)
class Expansion:
    """Glossary terms for the query words ``start``..``end``: the group's terms in the other
    language (and the same language's synonyms)."""

    start: int
    end: int
    matched_language: str
    other: tuple[str, ...]
    same: tuple[str, ...]


def glossary_expansions(words: list[Word]) -> list[Expansion]:
    matcher, groups = _glossary()
    out = []
    for match in matcher.find(words):
        index, language = match.value
        other = "lt" if language == "en" else "en"
        group = groups[index]
        out.append(
            Expansion(
                start=match.start,
                end=match.end,
                matched_language=language,
                other=tuple(group.get(other, [])),
                same=tuple(group.get(language, [])),
            )
        )
    return out


def query_language(text: str, words: list[Word], expansions: list[Expansion]) -> str | None:
    """The query's language, as far as it can be told: Lithuanian letters, or the side of the
    glossary its words matched more often."""
    if any(c in "ąčęėįšųūž" for c in (text or "").lower()):
        return "lt"
    votes = {"lt": 0, "en": 0}
    for e in expansions:
        votes[e.matched_language] += e.end - e.start
    if votes["lt"] != votes["en"]:
        return max(votes, key=votes.__getitem__)
    return None


# --- concepts ---------------------------------------------------------------------------------

_lock = threading.Lock()
_concepts: tuple[str, PhraseMatcher] | None = None


def _concept_phrases() -> list[tuple[tuple[str, ...], tuple[str, str]]]:
    from practicehub.catalogue.extract.bodies import body_names
    from practicehub.catalogue.models import Organisation, OrganisationName

    phrases: list[tuple[tuple[str, ...], tuple[str, str]]] = []
    for theme in vocab.themes():
        for language in ("en", "lt"):
            texts = [theme["label"].get(language, ""), *theme["terms"].get(language, [])]
            phrases += [(phrase_keys(t, language), ("theme", theme["id"])) for t in texts if t]
    for programme in vocab.programmes():
        for language in ("en", "lt"):
            texts = [programme["name"].get(language, "")]
            texts += list((programme.get("aliases") or {}).get(language, []))
            phrases += [(phrase_keys(t, language), ("programme", programme["id"])) for t in texts]
        for acronym in programme.get("acronyms") or []:
            if len(acronym) >= MIN_ACRONYM:
                phrases.append(((analysis.fold(acronym),), ("programme", programme["id"])))
    names = OrganisationName.objects.values_list("organisation_id", "name", "language")
    for organisation_id, name, language in names.iterator(chunk_size=5000):
        # A registered name of one generic word ("Centras") would match too much.
        keys = phrase_keys(name, language or "lt")
        if len(keys) >= 2:
            phrases.append((keys, ("organisation", organisation_id)))
    # A Lithuanian public body is found by its names in both languages, whichever the
    # documents used ("Vilnius City Municipality" finds "Vilniaus m. savivaldybė").
    bodies = OrganisationName.objects.exclude(body="").values_list("organisation_id", "body")
    for organisation_id, body in bodies.distinct().iterator(chunk_size=5000):
        for language, name in body_names(body):
            keys = phrase_keys(name, language)
            if len(keys) >= 2:
                phrases.append((keys, ("organisation", organisation_id)))
    organisations = Organisation.objects.values_list("id", "name", "acronym")
    for organisation_id, name, acronym in organisations.iterator(chunk_size=5000):
        keys = phrase_keys(name, "lt")
        if len(keys) >= 2:
            phrases.append((keys, ("organisation", organisation_id)))
        if acronym and len(acronym) >= MIN_ACRONYM:
            phrases.append(((analysis.fold(acronym),), ("organisation", organisation_id)))
    return phrases


def concepts(words: list[Word], version: str) -> set[tuple[str, str]]:
    """(facet, id) of the themes, programmes and organisations the query names."""
    global _concepts
    with _lock:
        if _concepts is None or _concepts[0] != version:
            _concepts = (version, PhraseMatcher(_concept_phrases()))
        matcher = _concepts[1]
    return {m.value for m in matcher.find(words)}
