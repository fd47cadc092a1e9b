"""A query said again in the other language, word group by word group, with the glossary.

multilingual-e5-small ranks texts in the query's own language well above texts in the other
language that say the same thing. Translating the domain words of the query with our glossary
(``vocab/glossary.json``: women/moterys, violence/smurtas, municipality/savivaldybė ...) and
searching with both the query and its translation lets a record in either language compete on
its own terms. Words are matched on folded Snowball stems in both languages, so "moteru",
"moterų" and "moterys" all find the group, typed with or without diacritics.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from practicehub.catalogue.extract.text import fold, stem_all, words
from practicehub.vocab import load

_LANGUAGES = ("lt", "en")
_MAX_TERM_WORDS = 4


def _keys(tokens: list[str], language: str) -> list[tuple[str, ...]]:
    """The stem sequences a run of words may be written as: as typed and folded first."""
    stemmed = tuple(stem_all(tokens, language))
    folded = tuple(stem_all([fold(t) for t in tokens], language))
    return [stemmed] if stemmed == folded else [stemmed, folded]


@dataclass(frozen=True)
class _Term:
    group: int
    language: str


@functools.cache
def _table() -> dict[tuple[str, ...], _Term]:
    table: dict[tuple[str, ...], _Term] = {}
    for group, entry in enumerate(load.glossary()):
        for language in _LANGUAGES:
            for term in entry[language]:
                tokens = words(term)
                if not tokens or len(tokens) > _MAX_TERM_WORDS:
                    continue
                for key in _keys(tokens, language):
                    table.setdefault(key, _Term(group, language))
    return table


@functools.cache
def _single_stems() -> dict[str, dict[str, _Term]]:
    """One-word terms by folded stem, per language, for the prefix fallback."""
    out: dict[str, dict[str, _Term]] = {language: {} for language in _LANGUAGES}
    for key, term in _table().items():
        if len(key) == 1:
            out[term.language].setdefault(fold(key[0]), term)
    return out


def _lookup(run: list[str], language: str) -> _Term | None:
    table = _table()
    for key in _keys(run, language):
        term = table.get(key)
        if term is not None and term.language == language:
            return term
    if len(run) == 1 and language == "lt":
        # Snowball needs the diacritics: "savivaldybese" typed without them keeps its ending.
        # (Lithuanian only: English has none to lose, and "courtyards" is not "court".)
        # A folded word that starts with a known folded stem (and adds at most an ending) is
        # taken as that word.
        word = fold(run[0])
        stems = _single_stems()[language]
        for end in range(len(word) - 1, 3, -1):
            if len(word) - end > 5:
                break
            term = stems.get(word[:end])
            if term is not None:
                return term
    return None


@functools.cache
def glossary_terms() -> frozenset[str]:
    """Every term of the glossary as written, in both languages."""
    return frozenset(
        t for entry in load.glossary() for language in _LANGUAGES for t in entry[language]
    )


def translation_terms() -> list[str]:
    """The terms a translation puts in (``_translate``): each entry's first, in both
    languages."""
    return sorted({entry[language][0] for entry in load.glossary() for language in _LANGUAGES})


def _translate(tokens: list[str], source: str) -> tuple[list[str], int]:
    entries = load.glossary()
    target = "en" if source == "lt" else "lt"
    out: list[str] = []
    matched = 0
    i = 0
    while i < len(tokens):
        for size in range(min(_MAX_TERM_WORDS, len(tokens) - i), 0, -1):
            term = _lookup(tokens[i : i + size], source)
            if term is not None:
                out.append(entries[term.group][target][0])
                matched += size
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return out, matched


# Little words the glossary does not translate; left in, they only tie the translation to the
# query's language.
_FUNCTION_WORDS = {
    "en": {
        "a",
        "an",
        "and",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "their",
        "to",
        "who",
        "with",
    },
    "lt": {"apie", "ar", "bei", "dėl", "ir", "iš", "į", "per", "po", "prie", "su", "už"},
}

_LITHUANIAN_LETTERS = set("ąčęėįšųūžĄČĘĖĮŠŲŪŽ")


def diacritics_restored(query: str, version: int | None = None) -> str | None:
    """The query with words typed without diacritics spelled as the collection writes them.

    None when no word changes. Words of fewer than four letters stay: "is" is not "iš".
    ``version``: the current ``IndexVersion``, when the caller has read it: the words' forms
    are then remembered under it (``_WordForms``).
    """
    tokens = words(query)[:64]
    plain = {t.lower() for t in tokens if len(t) >= 4 and t.isascii()}
    if not plain:
        return None
    forms = _word_forms.forms(plain, version)
    if not forms:
        return None
    return " ".join(forms.get(t.lower(), t) if t.isascii() else t for t in tokens)


# Words whose forms (or their absence) are remembered, at most; then they are forgotten.
WORD_FORMS_KEPT = 20_000


class _WordForms:
    """The forms of the words searched lately, and which words have none, as of one
    ``IndexVersion``.

    A search reads the version with its other markers, in one query; a word searched before
    under that version then costs no query of its own (the lookup came before the model
    could start: a round trip to the server on PostgreSQL). Word forms are added only with
    passages, and adding passages changes the version, so nothing remembered goes stale.
    """

    def __init__(self) -> None:
        # (version, folded word -> its form or None), replaced whole when the version moves.
        self._state: tuple[int | None, dict[str, str | None]] = (None, {})

    def forms(self, plain: set[str], version: int | None) -> dict[str, str]:
        """Folded word -> its form, for those of ``plain`` that have one."""
        if version is None:
            return _forms_read(plain)
        kept_version, known = self._state
        if kept_version != version or len(known) > WORD_FORMS_KEPT:
            known = {}
            self._state = (version, known)
        missing = plain.difference(known)
        if missing:
            found = _forms_read(missing)
            # A dict only ever grows under its own version: what it holds stays true.
            known.update({w: found.get(w) for w in missing})
        return {w: form for w in plain if (form := known.get(w))}


_word_forms = _WordForms()


def _forms_read(plain: set[str]) -> dict[str, str]:
    from practicehub.semantic.models import WordForm

    return dict(WordForm.objects.filter(folded__in=plain).values_list("folded", "form"))


def glossary_translation(query: str) -> tuple[str, str] | None:
    """The query with its glossary phrases put into the other language: (language, text).

    The query's language is the one in which more of its words are glossary words (Lithuanian
    letters decide a tie); words the glossary does not know (names, places) stay as typed.
    None when no glossary phrase occurs in the query.
    """
    tokens = words(query)[:64]
    if not tokens:
        return None
    results = {source: _translate(tokens, source) for source in _LANGUAGES}
    lithuanian = any(ch in _LITHUANIAN_LETTERS for ch in query)
    source = max(
        _LANGUAGES,
        key=lambda lang: (results[lang][1], (lang == "lt") == lithuanian),
    )
    translated, matched = results[source]
    if not matched:
        return None
    # A word said twice ("jaunimas OR youth" -> "jaunimas jaunimas") is said once.
    kept: dict[str, str] = {}
    for w in translated:
        if w.casefold() not in _FUNCTION_WORDS[source]:
            kept.setdefault(w.casefold(), w)
    return ("en" if source == "lt" else "lt"), " ".join(kept.values())
