"""Project or good practice, from the record's shape and words in either language.

A good-practice description calls itself a practice ("gerosios praktikos", "good practice") and
is laid out as the form: aim, target group, results, and above all advice for those who want to
adopt it. A project description talks about "the project", its partners, funding and number.
"""

from __future__ import annotations

import re
from itertools import islice

from practicehub.catalogue.extract import programmes
from practicehub.catalogue.extract.form import Part
from practicehub.catalogue.extract.text import fold

_PRACTICE = re.compile(
    r"\b(?:ger\w* praktik\w*|ger\w* patirt\w*|good practices?|best practices?|promising practices?"
    r"|practice example|praktikos pavyzd\w*|(?:the|this|our|a) practice\b"
    r"|practice (?:sheet|example|collection|description|form)|bonnes? pratiques?"
    r"|guten? praxis|praxisbeispiel\w*|dobr\w* praktyk\w*|labas? prakses?|sios praktikos"
    r"|type of practice|(?:integration|inclusion|equality|promising|municipal|local) practices?)"
)
_PROJECT = re.compile(r"\b(?:project\w*|projekt\w*)\b")
# Parts only a good-practice form has, and how much each says.
_FORM_PARTS = {"advice": 3, "impact": 1, "target_group": 1, "aim": 1, "duration": 1}


def record_kind(title: str, parts: list[Part], body: str) -> str:
    heads = fold(title + "\n" + "\n".join(p.label.heading for p in parts if p.label))
    practice = 2 * len(_PRACTICE.findall(heads))
    project = 2 * len(_PROJECT.findall(heads))
    folded = fold(body)
    project += _up_to(3, _PROJECT, folded)
    keys = {p.key for p in parts if p.label}
    # Aim, duration and target group head project sheets too ("Objective", "Start date"): the
    # form's parts count for a practice only beside its advice part, its providing
    # organisation ("Organizacija", not a project's "Coordinator") or its own word.
    provider = any(p.label and p.key == "organisation" and p.role == "provider" for p in parts)

    def with_form(practice: int) -> int:
        if len(keys) >= 4 and ("advice" in keys or provider or practice):
            return practice + sum(w for k, w in _FORM_PARTS.items() if k in keys)
        return practice

    # The body's own words for a practice add up to three, counted with the programmes' names
    # left out ("Cooperation for innovation and the exchange of good practices" names a
    # programme). Finding those is the costliest reading here: it is done only when the
    # count can still change the answer (the score grows with it, by three at most).
    if _PRACTICE.search(folded) and with_form(practice) <= project < with_form(practice + 3):
        practice += _up_to(3, _PRACTICE, fold(programmes.without_programmes(body)))
    return "good_practice" if with_form(practice) > project else "project"


def _up_to(most: int, pattern: re.Pattern[str], text: str) -> int:
    """How many times ``pattern`` occurs in ``text``, counted up to ``most`` (the rest of a
    long text is not read)."""
    return sum(1 for _ in islice(pattern.finditer(text), most))
