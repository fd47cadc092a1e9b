"""``/api/vocabularies``: the controlled lists filter values come from, in both languages."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from practicehub.api.schemas import VocabulariesOut
from practicehub.catalogue.models import Programme, Theme

router = Router(tags=["vocabularies"])


@router.get(
    "/vocabularies",
    response=VocabulariesOut,
    url_name="vocabularies",
    summary="Themes and funding programmes",
)
def vocabularies(request: HttpRequest):
    return {
        "themes": [
            {
                "id": t.id,
                "label_en": t.label_en,
                "label_lt": t.label_lt,
                "eurovoc": t.eurovoc or None,
            }
            for t in Theme.objects.order_by("id")
        ],
        "programmes": [
            {
                "id": p.id,
                "name_en": p.name_en,
                "name_lt": p.name_lt,
                "scope": p.scope or None,
                "parent": p.parent_id,
            }
            for p in Programme.objects.order_by("id")
        ],
    }
