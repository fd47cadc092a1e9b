"""Names the interface shows for the catalogue's codes, in the active language.

The catalogue stores keys ("aim", "coordinator", "good_practice"); people read labels. Vocabulary
labels (themes, programmes) live in the database in both languages and are picked here too.
"""

from __future__ import annotations

from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

# The nine parts of the good-practice form, in the order the form numbers them.
FORM_KEYS = (
    "organisation",
    "contacts",
    "aim",
    "partners",
    "target_group",
    "duration",
    "description",
    "impact",
    "advice",
)

SECTION_LABELS = {
    "organisation": _("Organisation providing the practice"),
    "contacts": _("Contacts of the organisation"),
    "aim": _("Aim of the practice"),
    "objectives": _("Objectives"),
    "partners": _("Partner organisations"),
    "target_group": _("Target group"),
    "duration": _("Duration of the practice"),
    "description": _("Description of the practice"),
    "activities": _("Activities"),
    "impact": _("Impact and results of monitoring"),
    "advice": _("Advice for those who want to adopt the practice"),
    "funding": _("Funding"),
    "other": _("Other text"),
}

# A project description's parts, where the form's wording ("... of the practice") would not fit.
PROJECT_SECTION_LABELS = {
    "organisation": _("Organisation"),
    "contacts": _("Contacts"),
    "aim": _("Aim"),
    "partners": _("Partners"),
    "target_group": _("Target group"),
    "duration": _("Duration"),
    "description": _("Description"),
    "impact": _("Impact and results"),
    "advice": _("Advice for others"),
}

ROLE_LABELS = {
    "provider": _("provider"),
    "coordinator": _("coordinator"),
    "partner": _("partner"),
    "funder": _("funder"),
    "implementer": _("implementer"),
    "member": _("member"),
    "other": _("other role"),
}

KIND_LABELS = {
    "project": _("Project"),
    "good_practice": _("Good practice"),
}


def section_label(key: str, *, kind: str = "good_practice") -> str:
    if kind != "good_practice" and key in PROJECT_SECTION_LABELS:
        return str(PROJECT_SECTION_LABELS[key])
    return str(SECTION_LABELS.get(key, key))


def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def language_name(code: str) -> str:
    """The language's name in the interface language ("lietuvių" / "Lithuanian")."""
    if not code:
        return ""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def in_interface_language(english: str, lithuanian: str) -> str:
    """A vocabulary label in the interface language, the English one when the other is empty."""
    if (get_language() or "en").startswith("lt") and lithuanian:
        return lithuanian
    return english or lithuanian
