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

import hashlib
import logging
import os
import re
import tempfile
import unicodedata
from array import array
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from pathlib import Path

import numpy as np
from django.conf import settings
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
from py3langid.modelio import load_model

from practicehub.documents.readers.base import Block, ReadResult

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
# The language of a paragraph shows in its first sentences; reading further only costs time.
SAMPLE_BYTES = 160
_NON_LETTERS = re.compile(r"[\W\d_]+")
logger = logging.getLogger(__name__)


@dataclass(slots=True)
class LanguageInfo:
    language: str
    shares: dict[str, float] = field(default_factory=dict)
    is_mixed: bool = False


@cache
def _identifier() -> LanguageIdentifier:
    """py3langid's model restricted to ``LANGUAGES``.

    Its file is LZMA-compressed: unpacking it takes half a second of CPU in every process
    that reads a document (each ingest, each web worker). The restricted model is kept unpacked
    in the data folder (``cache/``, about 45 MB) and loaded from there in a sixth of the time;
    the same arrays, so the same answers. Without a usable cache the model file is read.
    """
    path = _cache_path()
    try:
        with np.load(path) as arrays:
            return _from_arrays(arrays)
    except Exception:  # missing, or not a whole cache: made again below
        pass
    ptc, pc, classes, nextmove, row, output = load_model(MODEL_DIR / MODEL_FILE)
    wanted = [i for i, c in enumerate(classes) if c in set(LANGUAGES)]
    arrays = {
        "ptc": np.ascontiguousarray(np.asarray(ptc)[:, wanted]),
        "pc": np.asarray(pc)[wanted],
        "classes": np.array([classes[i] for i in wanted]),
        "nextmove": np.asarray(nextmove),
        "row": np.asarray(row),
        "output": np.asarray(output, dtype=np.int32),
    }
    _cache_write(path, arrays)
    return _from_arrays(arrays)


def _from_arrays(arrays) -> LanguageIdentifier:
    identifier = LanguageIdentifier(
        arrays["ptc"],
        arrays["pc"],
        arrays["classes"].tolist(),
        _to_array(arrays["nextmove"]),
        arrays["output"].tolist(),
        norm_probs=True,
        tk_row=_to_array(arrays["row"]),
    )
    identifier.set_languages(list(LANGUAGES))
    return identifier


def _to_array(values: np.ndarray) -> array:
    """A numpy array of unsigned integers as the stdlib array py3langid walks (its indexing
    gives plain ints, numpy's would not)."""
    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out


def _cache_path() -> Path:
    """Named by what the model depends on: py3langid's version and model file, our languages."""
    model = MODEL_DIR / MODEL_FILE
    stat = model.stat()
    key = f"{version('py3langid')}:{stat.st_size}:{stat.st_mtime_ns}:{','.join(LANGUAGES)}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return Path(settings.DATA_DIR) / "cache" / f"langid-{digest}.npz"


def _cache_write(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Written whole under a temporary name, then renamed: a reader never sees half a file.
    A data folder that cannot be written only costs the time the cache would save."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".langid-", suffix=".npz")
        try:
            with os.fdopen(fd, "wb") as handle:
                np.savez(handle, **arrays)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        logger.warning("language model not cached at %s: %s", path, exc)


def detect_language(text: str) -> tuple[str, float]:
    """The most likely language of ``text`` and its probability."""
    return _identifier().classify(text)


def classify_many(texts: list[str]) -> list[tuple[str, float]]:
    """``detect_language`` for many texts at once, each judged on its first ``SAMPLE_BYTES``.

    py3langid scores one text at a time, and most of that time is fixed cost per call; here the
    byte n-gram features of all texts are collected in one pass and scored in one matrix product.
    The model, its features and its calibration are py3langid's own.
    """
    identifier = _identifier()
    nextmove, rowbase, output = identifier.tk_nextmove, identifier._rowbase, identifier.tk_output
    samples = [_sample(text) for text in texts]
    found: list[int] = []
    ends: list[int] = []
    append = found.append
    for sample in samples:
        # py3langid's automaton over the bytes; every accepting state is one feature seen.
        state = 0
        for byte in sample:
            state = nextmove[rowbase[state] + byte]
            feature = output[state]
            if feature >= 0:
                append(feature)
        ends.append(len(found))
    if not found:
        return [(UNDETERMINED, 0.0)] * len(texts)
    rows = np.repeat(np.arange(len(samples)), np.diff(ends, prepend=0))
    features = np.fromiter(found, dtype=np.int64, count=len(found))
    # Count each (text, feature) pair: sorting packs them by text, as the scores need.
    keys, counts = np.unique(rows * _FEATURES_SPAN + features, return_counts=True)
    key_rows, features = np.divmod(keys, _FEATURES_SPAN)
    weighted = np.log1p(counts.astype(np.float32))[:, None] * identifier.nb_ptc[features]
    firsts = np.flatnonzero(np.r_[True, key_rows[1:] != key_rows[:-1]])
    scores = np.zeros((len(samples), len(identifier.nb_classes)), dtype=np.float32)
    scores[key_rows[firsts]] = np.add.reduceat(weighted, firsts, axis=0)
    scores += identifier.nb_pc
    # py3langid's calibration across lengths, then the softmax, for all texts at once.
    scores /= np.sqrt(np.fromiter((len(s) or 1 for s in samples), dtype=np.float32))[:, None]
    probabilities = np.exp(scores - scores.max(axis=1, keepdims=True))
    best = probabilities.argmax(axis=1)
    confidence = probabilities[np.arange(len(samples)), best] / probabilities.sum(axis=1)
    seen = np.diff(ends, prepend=0) > 0
    classes = identifier.nb_classes
    judged = zip(best.tolist(), confidence.tolist(), seen.tolist(), strict=True)
    return [(classes[b], c) if seen else (UNDETERMINED, 0.0) for b, c, seen in judged]


# Larger than the model's number of features, to pack (text, feature) pairs into one integer.
_FEATURES_SPAN = 1 << 20


def _sample(text: str) -> bytes:
    if text.isupper():
        text = text.lower()
    return unicodedata.normalize("NFC", text).encode("utf-8", "surrogatepass")[:SAMPLE_BYTES]


def _letters(text: str) -> int:
    return len(_NON_LETTERS.sub("", text))


def detect_languages(result: ReadResult) -> LanguageInfo:
    """Detect the language of each block (in place) and of the document as a whole."""
    judged: dict[int, str] = {}
    letters: dict[str, int] = {}
    candidates: list[tuple[int, str, int]] = []
    for i, block in enumerate(result.blocks):
        if block.kind == "page_break":
            continue
        chunk = result.text[block.start : block.end]
        count = _letters(chunk) if len(chunk) >= MIN_LETTERS else 0
        if count >= MIN_LETTERS:
            candidates.append((i, chunk, count))
    if candidates:
        found = classify_many([chunk for _i, chunk, _count in candidates])
        for (i, _chunk, count), (language, confidence) in zip(candidates, found, strict=True):
            if confidence >= MIN_CONFIDENCE:
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
            # Built directly: dataclasses.replace costs more than the detection, block for block.
            blocks[i] = Block(
                block.kind, block.start, block.end, block.level, block.page, language, block.marker
            )


def _likeliest_of(text: str, languages: dict) -> str | None:
    if _letters(text) < 3:
        return None
    return next((lang for lang, _p in _identifier().rank(text) if lang in languages), None)
