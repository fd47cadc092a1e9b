"""Cutting records into passages: sizes, what goes in, and passages following the records."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from practicehub.catalogue.models import Record
from practicehub.catalogue.services import record_correct, record_delete
from practicehub.catalogue.signals import records_changed
from practicehub.semantic.models import Passage, PassageVector
from practicehub.semantic.passages import MAX_WORDS, record_passages, split_text, text_hash
from tests.semantic.conftest import DATING, GARDENS


def _sentence(i: int, words: int) -> str:
    return " ".join(f"Word{i}x{j}" for j in range(words - 1)) + f" end{i}."


def test_text_is_packed_into_pieces_of_60_to_100_words_at_sentence_ends():
    text = " ".join(_sentence(i, 17) for i in range(20))  # 340 words, sentences of 17
    pieces = split_text(text)
    sizes = [len(p.split()) for p in pieces]
    assert sum(sizes) == 340
    assert all(60 <= s <= MAX_WORDS for s in sizes[:-1]), sizes
    assert all(p.endswith(".") for p in pieces), "a piece ends inside a sentence"


def test_a_sentence_longer_than_a_passage_is_cut_at_words_and_nothing_is_lost():
    text = " ".join(f"w{j}" for j in range(250))
    pieces = split_text(text)
    assert " ".join(pieces).split() == text.split()
    assert max(len(p.split()) for p in pieces) <= MAX_WORDS


def test_lithuanian_abbreviations_do_not_end_a_sentence():
    pieces = split_text("Projektas prasidėjo 2019 m. sausio mėn. ir baigėsi 2021 m. gruodžio mėn.")
    assert pieces == ["Projektas prasidėjo 2019 m. sausio mėn. ir baigėsi 2021 m. gruodžio mėn."]


@pytest.mark.django_db
def test_title_and_summary_make_the_first_passage_and_nothing_is_said_twice(ingest, record_of):
    ingest(GARDENS)
    record = record_of(GARDENS)
    passages = record_passages(record)
    assert passages[0].text.startswith(record.title)
    assert record.summary in passages[0].text
    body = " ".join(p.text for p in passages[1:])
    assert record.summary not in body, "the summary is repeated in the body passages"
    assert "community gardens" in body.lower() or "courtyard" in body.lower()
    # Contact details say nothing about what the record is.
    assert "@" not in " ".join(p.text for p in passages)


@pytest.mark.django_db
def test_ingest_stores_passages_and_queues_embedding_without_running_the_model(ingest):
    records = ingest(GARDENS, DATING)
    stored = Passage.objects.filter(record__in=records)
    assert stored.count() >= 4
    assert {p.record_id for p in stored} == {r.id for r in records}
    for passage in stored:
        assert passage.content_hash == text_hash(passage.text)
        assert passage.language == passage.record.language
    assert not PassageVector.objects.exists(), "ingest waited for the model"
    # One waiting embedding run, however many records changed.
    waiting = DBTaskResult.objects.ready().filter(task_path__endswith="embed_pending_task")
    assert waiting.count() == 1


@pytest.mark.django_db
def test_drafts_have_no_passages_until_published(examples_dir, django_capture_on_commit_callbacks):
    from practicehub.documents.pipeline import ingest_path

    with django_capture_on_commit_callbacks(execute=True):
        outcome = ingest_path(examples_dir / "documents" / GARDENS, status=Record.Status.DRAFT)
    record = outcome.document.records.get()
    assert not Passage.objects.filter(record=record).exists()
    # Publishing (by whatever service does it) announces the change with the catalogue's signal.
    record.status = Record.Status.PUBLISHED
    record.save()
    records_changed.send(sender=Record, record_ids=[record.id])
    assert Passage.objects.filter(record=record).exists()
    record.status = Record.Status.ARCHIVED
    record.save()
    records_changed.send(sender=Record, record_ids=[record.id])
    assert not Passage.objects.filter(record=record).exists()


@pytest.mark.django_db
def test_an_edit_changes_only_the_passages_whose_text_changed(
    ingest, record_of, django_capture_on_commit_callbacks
):
    ingest(DATING)
    record = record_of(DATING)
    before = {p.position: p.content_hash for p in Passage.objects.filter(record=record)}
    with django_capture_on_commit_callbacks(execute=True):
        record_correct(
            record=record,
            values={"title": "Santykiai be smurto: pagarbių santykių pamokos paaugliams"},
        )
    after = {p.position: p.content_hash for p in Passage.objects.filter(record=record)}
    assert after[0] != before[0]
    assert {k: v for k, v in after.items() if k} == {k: v for k, v in before.items() if k}


@pytest.mark.django_db
def test_deleting_a_record_deletes_its_passages(ingest, record_of):
    ingest(GARDENS)
    record = record_of(GARDENS)
    record_delete(record=record)
    assert not Passage.objects.filter(record_id=record.id).exists()


@pytest.mark.django_db
def test_reindex_cuts_every_published_record_again_and_drops_strays(ingest, record_of):
    from practicehub.semantic.services import passages_reindex

    ingest(GARDENS, DATING)
    wanted = sorted(Passage.objects.values_list("record_id", "position", "content_hash"))
    Passage.objects.filter(record=record_of(GARDENS)).delete()
    Passage.objects.filter(record=record_of(DATING), position=0).update(
        text="stale", content_hash="0"
    )
    assert passages_reindex() > 0
    assert sorted(Passage.objects.values_list("record_id", "position", "content_hash")) == wanted
    assert passages_reindex() == 0
