"""The Django admin for editors: records, organisations with their names, programmes, themes.

Saving a record here goes through ``services.record_correct``: each field the editor changed
becomes a ``Correction`` that later re-ingests of the document keep, with a ``Revision`` saying
who changed what and when. Status changes are recorded as revisions too.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import transaction

from practicehub.catalogue.models import (
    Correction,
    Organisation,
    OrganisationName,
    Programme,
    Record,
    Revision,
    Theme,
)
from practicehub.catalogue.registry import spelling_keys
from practicehub.catalogue.services import (
    CORRECTABLE_FIELDS,
    record_correct,
    record_current_values,
    record_set_status,
)

# Fields edited as JSON text in the form (lists and lists of objects).
_JSON_FIELDS = (
    "sections",
    "objectives",
    "activities",
    "organisations",
    "funding",
    "project_numbers",
    "target_groups",
    "themes",
    "emails",
    "websites",
    "addresses",
)


def _without_span(item: Any) -> Any:
    return {k: v for k, v in item.items() if k != "span"} if isinstance(item, dict) else item


class RecordForm(forms.ModelForm):
    """Every correctable field; lists and objects as JSON so nothing is out of an editor's reach."""

    organisations = forms.JSONField(required=False, help_text="[{name, role, acronym, country}]")
    funding = forms.JSONField(required=False, help_text="[{programme, text}]")
    themes = forms.JSONField(required=False, help_text='Theme ids, e.g. ["gender-equality"]')

    class Meta:
        model = Record
        fields = [
            "status",
            "kind",
            "title",
            "language",
            "summary",
            "sections",
            "objectives",
            "activities",
            "project_numbers",
            "period_start",
            "period_end",
            "target_groups",
            "emails",
            "websites",
            "addresses",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            current = record_current_values(self.instance)
            for name in ("organisations", "funding", "themes"):
                self.initial[name] = [
                    {k: v for k, v in item.items() if k != "span"}
                    if isinstance(item, dict)
                    else item
                    for item in current[name]
                ]
        for name in _JSON_FIELDS:
            if name in self.fields:
                self.fields[name].required = False


@admin.register(Record)
class RecordAdmin(admin.ModelAdmin):
    form = RecordForm
    list_display = ("title", "kind", "language", "status", "document", "updated_at")
    list_filter = ("status", "kind", "language", "themes")
    search_fields = ("id", "title", "summary")
    readonly_fields = ("id", "document", "ordinal", "span_start", "span_end", "corrections_made")

    @admin.display(description="Corrections kept across re-ingests")
    def corrections_made(self, obj: Record) -> str:
        return ", ".join(c.field for c in obj.corrections.all()) or "none"

    def save_model(self, request, obj: Record, form: RecordForm, change: bool) -> None:
        if not change:
            super().save_model(request, obj, form, change)
            return
        stored = Record.objects.get(pk=obj.pk)
        before = record_current_values(stored)
        submitted = {**form.cleaned_data}
        values: dict[str, Any] = {}
        for name in CORRECTABLE_FIELDS:
            if name not in submitted:
                continue
            value = submitted[name]
            if value is None:
                value = [] if name in _JSON_FIELDS else ""
            old = before.get(name)
            if name in ("organisations", "funding"):
                old = [_without_span(item) for item in old]
            if value != old:
                values[name] = value
        with transaction.atomic():
            if values:
                record_correct(record=stored, values=values, editor=request.user)
            if submitted.get("status"):
                record_set_status(record=stored, status=submitted["status"], editor=request.user)
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change: bool) -> None:
        # Themes and organisations were written by record_correct; the form's own M2M handling
        # would overwrite them.
        if not change:
            super().save_related(request, form, formsets, change)


class OrganisationNameInline(admin.TabularInline):
    model = OrganisationName
    extra = 0
    fields = ("name", "language", "key", "core", "kind", "stem", "body")
    readonly_fields = ("key", "core", "kind", "stem", "body")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "country", "id")
    search_fields = ("name", "acronym", "names__name")
    list_filter = ("country",)
    inlines = [OrganisationNameInline]

    def save_formset(self, request, form, formset, change):
        # A spelling an editor adds is matched like one extraction adds: give it its keys.
        for spelling in formset.save(commit=False):
            keys = spelling_keys(spelling.name, spelling.organisation.country)
            for field, value in keys.items():
                setattr(spelling, field, value)
            spelling.save()
        for spelling in formset.deleted_objects:
            spelling.delete()


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("id", "name_en", "name_lt", "scope", "parent")
    list_filter = ("scope",)
    search_fields = ("id", "name_en", "name_lt")


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("id", "label_en", "label_lt", "eurovoc")
    search_fields = ("id", "label_en", "label_lt")


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ("record", "action", "author", "created_at")
    list_filter = ("action",)
    readonly_fields = ("record", "author", "action", "changes", "created_at")


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ("record", "field", "editor", "corrected_at")
    readonly_fields = ("record", "field", "value", "editor", "corrected_at")
