"""Reading and checking the vocabulary files.

The files are edited by hand, so each is checked as it is read: its shape against a JSON Schema,
then what a schema cannot say (ids unique, parents present and acyclic, no term listed twice).
A bad file stops the loader with one line naming the file and the entry at fault, rather than
letting a half-right vocabulary reach extraction, search or the database.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

VOCAB_DIR = Path(__file__).resolve().parent
LANGUAGES = ("en", "lt")

Entry = dict[str, Any]


class VocabularyError(ValueError):
    """A vocabulary file that cannot be used, with the file and entry named in the message."""


_ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 60}


def _text(max_length: int) -> dict:
    return {"type": "string", "minLength": 1, "maxLength": max_length, "pattern": r"\S"}


def _per_language(schema: dict) -> dict:
    return {
        "type": "object",
        "properties": {language: schema for language in LANGUAGES},
        "required": list(LANGUAGES),
        "additionalProperties": False,
    }


_TERMS = {"type": "array", "items": _text(200), "minItems": 1}

THEME_SCHEMA = {
    "type": "object",
    "properties": {
        "id": _ID,
        "label": _per_language(_text(200)),
        # Concept ids are numeric ("1234") in EuroVoc; null where no concept fits.
        "eurovoc": {"type": ["string", "null"], "pattern": "^[0-9]+$", "maxLength": 20},
        "description": _per_language(_text(2000)),
        "terms": _per_language(_TERMS),
    },
    "required": ["id", "label", "eurovoc", "description", "terms"],
    "additionalProperties": False,
}

PROGRAMME_SCHEMA = {
    "type": "object",
    "properties": {
        "id": _ID,
        "name": _per_language(_text(300)),
        "scope": {"enum": ["eu", "eea", "national", "other"]},
        "parent": {"anyOf": [_ID, {"type": "null"}]},
        "years": {"type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{4}$"},
        "acronyms": {"type": "array", "items": _text(40)},
        "aliases": _per_language({"type": "array", "items": _text(300)}),
    },
    "required": ["id", "name", "scope", "parent", "years", "acronyms", "aliases"],
    "additionalProperties": False,
}

GLOSSARY_SCHEMA = _per_language(_TERMS)


def _read(path: Path) -> list:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise VocabularyError(f"{path}: the file does not exist") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise VocabularyError(f"{path.name}: not valid UTF-8 JSON ({exc})") from None
    if not isinstance(data, list):
        raise VocabularyError(
            f"{path.name}: expected a list of entries, found {type(data).__name__}"
        )
    return data


def _name(entry: object, index: int) -> str:
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return f"entry {index} ({entry['id']!r})"
    return f"entry {index}"


def _check_shape(path: Path, entries: list, schema: dict) -> None:
    validator = Draft202012Validator(schema)
    for index, entry in enumerate(entries):
        error = best_match(validator.iter_errors(entry))
        if error is not None:
            where = "/".join(str(part) for part in error.absolute_path) or "the entry"
            raise VocabularyError(f"{path.name}: {_name(entry, index)}: {where}: {error.message}")


def _check_no_repeats(path: Path, entries: list[Entry], field: str) -> None:
    # Case-insensitive: "ESF" and "esf" are the same term to the matcher.
    for index, entry in enumerate(entries):
        lists = entry[field] if field else entry
        for language, items in lists.items():
            seen: set[str] = set()
            for item in items:
                key = " ".join(item.casefold().split())
                if key in seen:
                    raise VocabularyError(
                        f"{path.name}: {_name(entry, index)}: {field or 'group'}/{language} "
                        f"lists {item!r} twice"
                    )
                seen.add(key)


def _check_unique_ids(path: Path, entries: list[Entry]) -> None:
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if entry["id"] in seen:
            raise VocabularyError(f"{path.name}: {_name(entry, index)}: the id is used twice")
        seen.add(entry["id"])


def _check_parents(path: Path, entries: list[Entry]) -> None:
    parents = {entry["id"]: entry["parent"] for entry in entries}
    for index, entry in enumerate(entries):
        parent = entry["parent"]
        if parent is not None and parent not in parents:
            raise VocabularyError(
                f"{path.name}: {_name(entry, index)}: parent {parent!r} is not in the file"
            )
        seen = {entry["id"]}
        while parent is not None:
            if parent in seen:
                raise VocabularyError(
                    f"{path.name}: {_name(entry, index)}: its parents form a cycle"
                )
            seen.add(parent)
            parent = parents[parent]


def _check_years(path: Path, entries: list[Entry]) -> None:
    for index, entry in enumerate(entries):
        if entry["years"]:
            start, end = (int(year) for year in entry["years"].split("-"))
            if start > end:
                raise VocabularyError(
                    f"{path.name}: {_name(entry, index)}: years {entry['years']!r} run backwards"
                )


def load_themes(path: Path) -> tuple[Entry, ...]:
    entries = _read(path)
    _check_shape(path, entries, THEME_SCHEMA)
    _check_unique_ids(path, entries)
    _check_no_repeats(path, entries, "terms")
    return tuple(entries)


def load_programmes(path: Path) -> tuple[Entry, ...]:
    entries = _read(path)
    _check_shape(path, entries, PROGRAMME_SCHEMA)
    _check_unique_ids(path, entries)
    _check_parents(path, entries)
    _check_years(path, entries)
    _check_no_repeats(path, entries, "aliases")
    return tuple(entries)


def load_glossary(path: Path) -> tuple[Entry, ...]:
    entries = _read(path)
    _check_shape(path, entries, GLOSSARY_SCHEMA)
    _check_no_repeats(path, entries, "")
    return tuple(entries)


def _cached(loader: Callable[[Path], tuple[Entry, ...]], filename: str):
    @functools.cache
    def shipped() -> tuple[Entry, ...]:
        return loader(VOCAB_DIR / filename)

    shipped.__doc__ = f"The entries of the shipped ``{filename}``, read and checked once."
    return shipped


# The entries are the files' own dicts, shared by every caller: read them, never change them.
themes = _cached(load_themes, "themes.json")
programmes = _cached(load_programmes, "programmes.json")
glossary = _cached(load_glossary, "glossary.json")
