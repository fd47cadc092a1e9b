"""Embedding passages: each text once, edits and deletions reflected, the command and task."""

from __future__ import annotations

import io

import numpy as np
import pytest
from django.core.management import call_command

from practicehub.catalogue.services import record_correct, record_delete
from practicehub.semantic.embedder import get_embedder
from practicehub.semantic.embedding import embed_pending
from practicehub.semantic.models import Passage, PassageVector
from practicehub.semantic.tasks import embed_pending_task
from tests.semantic.conftest import DATING, GARDENS

pytestmark = pytest.mark.django_db


def _vector_hashes() -> set[str]:
    return set(PassageVector.objects.values_list("content_hash", flat=True))


def test_every_passage_gets_a_unit_vector_and_an_unchanged_one_is_never_embedded_again(ingest):
    ingest(GARDENS)
    hashes = set(Passage.objects.values_list("content_hash", flat=True))
    assert embed_pending(batch_size=2) == len(hashes)
    assert _vector_hashes() == hashes
    model = get_embedder()
    for vector in PassageVector.objects.all():
        assert vector.model == model.name
        array = vector.as_array()
        assert array.shape == (model.dim,)
        assert abs(float(np.linalg.norm(array)) - 1.0) < 1e-3
    # Nothing new: nothing to do, and reading the same file again changes nothing.
    assert embed_pending() == 0
    ingest(GARDENS)
    assert embed_pending() == 0


def test_the_stored_vector_is_the_models_vector_of_the_passage_text(ingest):
    # One passage per batch: the model embeds a batch while the one before is stored, and
    # no vector may end up under another passage's text.
    ingest(GARDENS)
    embed_pending(batch_size=1)
    passages = list(Passage.objects.order_by("position"))
    assert len(passages) >= 2
    fresh = get_embedder().embed_passages([p.text for p in passages])
    for passage, vector in zip(passages, fresh, strict=True):
        stored = PassageVector.objects.get(content_hash=passage.content_hash).as_array()
        assert float(stored @ vector) > 0.999


def test_an_edit_embeds_only_the_changed_passage_and_drops_the_old_vector(
    ingest, record_of, django_capture_on_commit_callbacks
):
    ingest(DATING)
    embed_pending()
    record = record_of(DATING)
    old_head = Passage.objects.get(record=record, position=0).content_hash
    with django_capture_on_commit_callbacks(execute=True):
        record_correct(record=record, values={"title": "Pagarbūs santykiai: pamokos paaugliams"})
    assert embed_pending() == 1
    new_head = Passage.objects.get(record=record, position=0)
    assert "Pagarbūs santykiai" in new_head.text
    assert _vector_hashes() == set(Passage.objects.values_list("content_hash", flat=True))
    assert old_head not in _vector_hashes()


def test_deleting_a_record_removes_its_vectors(ingest, record_of):
    ingest(GARDENS, DATING)
    embed_pending()
    gardens = record_of(GARDENS)
    gardens_hashes = set(gardens.passages.values_list("content_hash", flat=True))
    record_delete(record=gardens)
    assert not (gardens_hashes & _vector_hashes())
    assert _vector_hashes() == set(Passage.objects.values_list("content_hash", flat=True))


def test_the_queued_task_and_the_command_embed_what_is_pending(ingest):
    ingest(GARDENS)
    assert embed_pending_task.call() == Passage.objects.count()
    ingest(DATING)
    out = io.StringIO()
    call_command("embed", stdout=out)
    assert "passages embedded" in out.getvalue()
    assert _vector_hashes() == set(Passage.objects.values_list("content_hash", flat=True))
