"""A record cut into passages of about 60-100 words, the units the semantic index embeds.

The title and the summary always make one passage (position 0), so every record can be found by
what it is about. The rest of its text (sections, objectives, activities, target groups) is cut
at sentence boundaries into passages of 60 to 100 words; a sentence longer than that is cut at
word boundaries. Text that repeats what an earlier part already said (a summary that is also a
section, an objective quoted in a section) is left out, so it does not count twice.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import SimpleNamespace

from django.db import transaction

from practicehub.catalogue.extract.text import fold, words
from practicehub.catalogue.models import Record
from practicehub.rows import rows_insert
from practicehub.semantic.models import IndexVersion, Passage, PassageVector, WordForm

MIN_WORDS = 60
MAX_WORDS = 100

# A sentence ends at . ! ? … followed by space and a character that is not a lower-case letter
# (so "2019 m. sausio" and "e.g. the" stay whole), or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[^a-ząčęėįšųūž])|\s*\n\s*")


@dataclass(frozen=True)
class PassageText:
    position: int
    text: str

    @property
    def content_hash(self) -> str:
        return text_hash(self.text)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _clean(text: str) -> str:
    # str.split() breaks on exactly the characters \s matches, in a fraction of the time.
    return " ".join((text or "").split())


def _sentences(text: str) -> Iterator[str]:
    for part in _SENTENCE_END.split(text or ""):
        part = _clean(part)
        if part:
            yield part


def _word_chunks(sentence: str) -> Iterator[str]:
    words = sentence.split(" ")
    for start in range(0, len(words), MAX_WORDS):
        yield " ".join(words[start : start + MAX_WORDS])


def split_text(text: str | Iterable[str]) -> list[str]:
    """Sentences packed into pieces of MIN_WORDS..MAX_WORDS words (the last may be shorter).

    Given several texts, their sentences are packed as one stream: a short section shares a
    passage with the next rather than making a passage of ten words.
    """
    texts = [text] if isinstance(text, str) else list(text)
    pieces: list[str] = []
    current: list[str] = []
    count = 0
    for sentence in (s for t in texts for s in _sentences(t)):
        for chunk in _word_chunks(sentence) if len(sentence.split()) > MAX_WORDS else [sentence]:
            words = len(chunk.split())
            if current and count + words > MAX_WORDS and count >= MIN_WORDS // 2:
                pieces.append(" ".join(current))
                current, count = [], 0
            current.append(chunk)
            count += words
            if count >= MIN_WORDS:
                pieces.append(" ".join(current))
                current, count = [], 0
    if current:
        rest = " ".join(current)
        # A short tail joins the piece before it when the two stay a readable length.
        if pieces and count < MIN_WORDS // 2 and len(pieces[-1].split()) + count <= MAX_WORDS + 30:
            pieces[-1] = f"{pieces[-1]} {rest}"
        else:
            pieces.append(rest)
    return pieces


# Sections that hold addresses, telephone numbers and e-mails say nothing a search by meaning
# could use.
_SKIPPED_SECTIONS = {"contacts"}


def _body_parts(record: Record | SimpleNamespace, said: str) -> Iterator[str]:
    """The record's text after its title and summary, without what was already said."""
    summary = _clean(record.summary)
    for section in record.sections or []:
        if section.get("key") in _SKIPPED_SECTIONS:
            continue
        text = cleaned = _clean(section.get("text") or "")
        if summary and text.startswith(summary):
            text = text[len(summary) :].strip()
        if not text or text.casefold() in said:
            continue
        heading = _clean(section.get("heading") or "").rstrip(":")
        if heading and not text.startswith(heading) and heading.casefold() not in said:
            # The heading says what the text is ("Tikslinė grupė", "Objectives"); a colon
            # keeps it from running into the text's first sentence.
            text = f"{heading}: {text}"
        said += "\n" + text.casefold()
        yield section.get("text") if text == cleaned else text
    for field in ("objectives", "activities", "target_groups"):
        items = [_clean(str(item)) for item in getattr(record, field) or []]
        items = [item for item in items if item and item.casefold() not in said]
        if items:
            said += "\n" + "\n".join(items).casefold()
            yield "\n".join(item if item[-1] in ".!?;:" else f"{item}." for item in items)


def record_passages(record: Record | SimpleNamespace) -> list[PassageText]:
    """The passages of one record (or of its values as attributes), in reading order."""
    head = _clean(record.title)
    summary = _clean(record.summary)
    if summary and summary.casefold() != head.casefold():
        head = f"{head}. {summary}" if head and head[-1] not in ".!?:" else f"{head} {summary}"
    passages = [PassageText(0, head)] if head else []
    for piece in split_text(list(_body_parts(record, head.casefold()))):
        passages.append(PassageText(len(passages), piece))
    return passages


# The columns of the passage rows ``passages_rebuild`` writes.
PASSAGE_FIELDS = ("record_id", "position", "language", "text", "content_hash", "model")

_TEXT_FIELDS = ("title", "summary", "sections", "objectives", "activities", "target_groups")


def passages_rebuild(
    record_ids: Iterable[str], *, model: str, cut: dict[str, list[PassageText]] | None = None
) -> int:
    """Bring the stored passages of these records in line with the records.

    Published records get their current passages; other records (drafts, archived, deleted)
    lose theirs. Vectors are left alone: they belong to texts and are found again by hash.
    ``cut``: the passages of some of them cut already (``record_passages`` of their current
    values, as ingest does in its workers), by record id; when it holds them all, their texts
    are not read. Returns how many passages are new or changed.
    """
    ids = list(dict.fromkeys(record_ids))
    cut = cut or {}
    known = all(rid in cut for rid in ids)
    changed = 0
    with transaction.atomic():
        published = {
            r.id: r
            for r in Record.objects.filter(id__in=ids, status=Record.Status.PUBLISHED).only(
                "id", "language", "status", *(() if known else _TEXT_FIELDS)
            )
        }
        existing: dict[str, dict[int, Passage]] = {}
        for passage in Passage.objects.filter(record_id__in=ids):
            existing.setdefault(passage.record_id, {})[passage.position] = passage
        gone = [rid for rid in ids if rid not in published and rid in existing]
        if gone:
            changed += Passage.objects.filter(record_id__in=gone).delete()[0]
        new: list[tuple] = []  # rows of PASSAGE_FIELDS
        stale: list[int] = []
        old_hashes = {p.content_hash for by_pos in existing.values() for p in by_pos.values()}
        for rid, record in published.items():
            old = existing.get(rid, {})
            wanted = cut[rid] if rid in cut else record_passages(record)
            language = record.language or ""
            for item in wanted:
                have = old.pop(item.position, None)
                if (
                    have is not None
                    and have.content_hash == item.content_hash
                    and have.model == model
                    and have.language == language
                ):
                    continue
                if have is not None:
                    stale.append(have.pk)
                new.append((rid, item.position, language, item.text, item.content_hash, model))
            stale.extend(p.pk for p in old.values())
        if stale:
            Passage.objects.filter(pk__in=stale).delete()
        if new:
            rows_insert(Passage, PASSAGE_FIELDS, new)
            word_forms_add(row[3] for row in new)
        changed += len(new) + len(stale)
        vectors_drop_unused(old_hashes - {row[4] for row in new})
        if changed:
            index_version_bump()
    return changed


def word_forms_add(texts: Iterable[str]) -> None:
    """Remember the spellings with diacritics of the words of these texts (see WordForm)."""
    forms: dict[str, str] = {}
    # Each word once, in the order first seen (the first spelling of a folded form wins). A
    # text all ASCII (most English passages) has no word with diacritics: not split.
    spelt = (w for text in texts if not text.isascii() for w in words(text))
    for word in dict.fromkeys(spelt):
        if len(word) < 4 or word.isascii() or len(word) > 100:
            continue
        lowered = word.lower()
        folded = fold(lowered)
        if folded != lowered and folded.isascii():
            forms.setdefault(folded, lowered)
    if forms:
        WordForm.objects.bulk_create(
            [WordForm(folded=k, form=v) for k, v in forms.items()],
            batch_size=1000,
            ignore_conflicts=True,
        )


def passages_delete(record_ids: Iterable[str]) -> int:
    """Drop the passages of these records and the vectors no other passage shares."""
    with transaction.atomic():
        passages = Passage.objects.filter(record_id__in=list(record_ids))
        hashes = set(passages.values_list("content_hash", flat=True))
        deleted, _ = passages.delete()
        vectors_drop_unused(hashes)
        if deleted:
            index_version_bump()
    return deleted


def vectors_drop_unused(hashes: Iterable[str]) -> int:
    """Delete the vectors of these texts unless a passage still holds the text."""
    hashes = list(hashes)
    if not hashes:
        return 0
    used = Passage.objects.filter(content_hash__in=hashes).values("content_hash")
    deleted, _ = (
        PassageVector.objects.filter(content_hash__in=hashes)
        .exclude(content_hash__in=used)
        .delete()
    )
    return deleted


def index_version_bump() -> None:
    """Tell every process that holds the vector matrix to load it again."""
    # A random number, not a counter: a test that rolls back and a second test that makes as
    # many changes must not end on the same number with other passages.
    IndexVersion.objects.update_or_create(pk=1, defaults={"version": secrets.randbits(62)})
