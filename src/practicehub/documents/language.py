"""Language of a document and of each of its blocks."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import py3langid

from practicehub.documents.readers.base import ReadResult


@dataclass(slots=True)
class LanguageInfo:
    language: str
    shares: dict[str, float] = field(default_factory=dict)
    is_mixed: bool = False


def detect_language(text: str) -> str:
    code, _score = py3langid.classify(text)
    return code


def detect_languages(result: ReadResult) -> LanguageInfo:
    """Detect the language of each block (in place) and of the document as a whole."""
    letters: dict[str, int] = {}
    for i, block in enumerate(result.blocks):
        chunk = result.block_text(block)
        if len(chunk) < 3:
            continue
        lang = detect_language(chunk)
        result.blocks[i] = replace(block, language=lang)
        letters[lang] = letters.get(lang, 0) + len(chunk)
    total = sum(letters.values()) or 1
    shares = {k: round(v / total, 3) for k, v in sorted(letters.items(), key=lambda kv: -kv[1])}
    main = next(iter(shares), detect_language(result.text))
    return LanguageInfo(
        language=main, shares=shares, is_mixed=len([s for s in shares.values() if s >= 0.2]) > 1
    )
