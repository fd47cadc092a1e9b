"""A web-search-style query parser: words, "quoted phrases", -exclusions and OR.

    moterų lyderystė          both words (in any form: stems and folded forms match)
    "moterų lyderystė"        the words next to each other
    -smurtas  -"two words"    records without them
    smurtas OR violence       either word

Any text parses: stray quotes, FTS operators, punctuation and enormous input become plain
words or nothing. The parsed query holds analysed keys only (letters and digits), so what the
backends build from it cannot break their query languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from practicehub.search import analysis

MAX_QUERY_CHARS = 1000
MAX_TERMS = 32
MAX_WORD_CHARS = 60
# A query word may match any of these analysers' keys: the query's language is not known.
QUERY_LANGUAGES = ("lt", "en")

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Word:
    """One query word: the keys it may match in the stem stream and its folded exact form."""

    text: str
    keys: frozenset[str]
    exact: str


@dataclass(frozen=True)
class Term:
    """A word or a phrase (several words in a row); ``weight`` < 1 marks an alternative added
    by expansion rather than typed."""

    words: tuple[Word, ...]
    weight: float = 1.0

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass
class ParsedQuery:
    """Groups that must all match (AND), each a list of alternative terms (OR), and terms
    that must not match."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.excluded

    def words(self) -> list[Word]:
        return [w for group in self.groups for term in group for w in term.words]


def make_word(text: str, languages: tuple[str, ...] = QUERY_LANGUAGES) -> Word:
    text = text.lower()[:MAX_WORD_CHARS]
    keys = {analysis.fold(text)}
    for language in languages:
        keys |= analysis.query_keys(text, language)
    return Word(text=text, keys=frozenset(k for k in keys if k), exact=analysis.fold(text))


def make_term(
    text: str, weight: float = 1.0, languages: tuple[str, ...] = QUERY_LANGUAGES
) -> Term | None:
    ws = analysis.words(text)
    if not ws:
        return None
    return Term(words=tuple(make_word(w, languages) for w in ws[:8]), weight=weight)


def parse(text: str) -> ParsedQuery:
    """Parse query text; never raises."""
    text = (text or "")[:MAX_QUERY_CHARS]
    query = ParsedQuery()
    pending_or = False
    count = 0
    for match in _TOKEN.finditer(text):
        if count >= MAX_TERMS:
            break
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare == "OR":
            pending_or = bool(query.groups)
            continue
        if bare is not None:
            negated = "-" if bare.startswith("-") and len(bare) > 1 else ""
            raw = bare[1:] if negated else bare
            terms = [Term(words=(make_word(w),)) for w in analysis.words(raw)[:MAX_TERMS]]
        else:
            ws = analysis.words(quoted)[:8]
            terms = [Term(words=tuple(make_word(w) for w in ws))] if ws else []
        for term in terms:
            count += 1
            if negated:
                query.excluded.append(term)
            elif pending_or and query.groups:
                query.groups[-1].append(term)
            else:
                query.groups.append([term])
            pending_or = False
    return _without_stop_words(query)


def meaning_text(text: str) -> str:
    """The query as the model should read it: the wanted words as typed, without the operators
    (quotes, OR) and without the excluded terms, which a model would take for words wanted
    ("savivaldybė -mokykla" is "savivaldybė", not a query about schools)."""
    kept = []
    for match in _TOKEN.finditer((text or "")[:MAX_QUERY_CHARS]):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is None:
            if not negated:
                kept.append(quoted.strip())
        elif bare != "OR" and not (bare.startswith("-") and len(bare) > 1):
            kept.append(bare)
    return " ".join(k for k in kept if k)


def _is_stop(term: Term) -> bool:
    return not term.is_phrase and term.words[0].text in analysis.STOP_WORDS


def _without_stop_words(query: ParsedQuery) -> ParsedQuery:
    """Drop groups made only of stop words, unless the query holds nothing else."""
    kept = [g for g in query.groups if not all(_is_stop(t) for t in g)]
    if kept:
        query.groups = kept
    return query
