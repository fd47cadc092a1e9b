"""Small filters the templates share. Everything they return is escaped by the template."""

from __future__ import annotations

import hashlib

from django import template

register = template.Library()


@register.filter
def web_url(value: str) -> str:
    """A link target for a web site as a document writes it ("www.x.lt" -> "https://www.x.lt").

    Only http(s) addresses come out, so a document cannot smuggle in a javascript: link.
    """
    value = value.strip()
    if value.lower().startswith(("http://", "https://")):
        return value
    return "https://" + value.lstrip("/")


@register.filter
def period(record) -> str:
    start, end = record.period_start, record.period_end
    if start and end:
        return start if start == end else f"{start} – {end}"
    if start:
        return f"{start} –"
    if end:
        return f"– {end}"
    return ""


@register.simple_tag
def facet_input_id(key: str, value: str) -> str:
    """A stable id for a facet checkbox, so htmx can give focus back to it after the results
    are replaced (values are free text: hashed, not slugged, so two never collide)."""
    return f"f-{key}-{hashlib.sha1(value.encode()).hexdigest()[:12]}"
