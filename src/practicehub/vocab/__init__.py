"""Controlled vocabularies kept as data files, in English and Lithuanian.

``themes.json`` (the theme vocabulary, with the words that signal each theme in text),
``programmes.json`` (funding programmes with every name and acronym they are written under) and
``glossary.json`` (everyday domain words paired across the two languages, for query expansion).
``themes()``, ``programmes()`` and ``glossary()`` return the checked entries, read once;
``sync.vocab_sync`` copies themes and programmes into the catalogue's registry rows.
"""

from practicehub.vocab.load import (
    VocabularyError,
    glossary,
    load_glossary,
    load_programmes,
    load_themes,
    programmes,
    themes,
)

__all__ = [
    "VocabularyError",
    "glossary",
    "load_glossary",
    "load_programmes",
    "load_themes",
    "programmes",
    "themes",
]
