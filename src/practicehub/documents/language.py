"""Language of a document and of each of its blocks.

py3langid, restricted to the languages our documents are written in (the EU's official languages
plus Russian and Ukrainian, which our users meet): a Lithuanian text is then never taken for, say,
Swahili, and a Latvian or Polish one is named as such rather than forced into "lt" or "en".

Blocks long enough to judge (``MIN_LETTERS``) are classified one by one; shorter ones (headings,
names, e-mail lines) and those the model is unsure of take the document's language, or in a mixed
document the likelier of the document's languages. The document's language is the one holding most
letters; it is "mixed" when a second language holds at least ``MIXED_SHARE`` of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from practicehub.documents.readers.base import ReadResult

LANGUAGES = (
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt",
    "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv", "ru", "uk",
)  # fmt: skip
UNDETERMINED = "und"
# Below this many letters the model guesses; a sentence of six or seven words is enough.
MIN_LETTERS = 40
# Below this probability a block's language is not trusted.
MIN_CONFIDENCE = 0.6
MIXED_SHARE = 0.2


@dataclass(slots=True)
class LanguageInfo:
    language: str
    shares: dict[str, float] = field(default_factory=dict)
    is_mixed: bool = False


@cache
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str) -> tuple[str, float]:
    """The most likely language of ``text`` and its probability."""
    return _identifier().classify(text)


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def detect_languages(result: ReadResult) -> LanguageInfo:
    """Detect the language of each block (in place) and of the document as a whole."""
    judged: dict[int, str] = {}
    letters: dict[str, int] = {}
    for i, block in enumerate(result.blocks):
        if block.kind == "page_break":
            continue
        chunk = result.text[block.start : block.end]
        count = _letters(chunk)
        if count < MIN_LETTERS:
            continue
        language, confidence = detect_language(chunk)
        if confidence < MIN_CONFIDENCE:
            continue
        judged[i] = language
        letters[language] = letters.get(language, 0) + count
    if letters:
        total = sum(letters.values())
        ranked = sorted(letters.items(), key=lambda item: -item[1])
        shares = {language: round(count / total, 3) for language, count in ranked}
        main = ranked[0][0]
    else:
        # Nothing long enough on its own: judge the whole text at once.
        main = detect_language(result.text)[0] if _letters(result.text) >= 3 else UNDETERMINED
        shares = {main: 1.0} if main != UNDETERMINED else {}
    is_mixed = len(shares) > 1 and list(shares.values())[1] >= MIXED_SHARE
    _tag_blocks(result, judged, main, shares if is_mixed else {})
    return LanguageInfo(language=main, shares=shares, is_mixed=is_mixed)


def _tag_blocks(result: ReadResult, judged: dict[int, str], main: str, shares: dict) -> None:
    blocks = result.blocks
    mixed = len(shares) > 1
    for i, block in enumerate(blocks):
        if block.kind == "page_break":
            continue
        language = judged.get(i)
        if language is None and mixed:
            # Too short to judge among all languages, but enough to choose between the
            # document's own ("Summary" in a Lithuanian-English report).
            language = _likeliest_of(result.text[block.start : block.end], shares)
        language = language or main
        if language != UNDETERMINED:
            blocks[i] = replace(block, language=language)


def _likeliest_of(text: str, languages: dict) -> str | None:
    if _letters(text) < 3:
        return None
    return next((lang for lang, _p in _identifier().rank(text) if lang in languages), None)
