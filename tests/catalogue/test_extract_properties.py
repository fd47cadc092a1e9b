"""Whatever the text, extraction does not crash and every span lies within the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practicehub.catalogue.extract import extract_records
from practicehub.documents.readers.text import line_blocks

PIECES = st.sampled_from(
    [
        "-", "***", "1. Gerosios praktikos tikslas", "Partners: Centre for Equality (Lithuania)",
        "- To enhance skills;", "The project is funded by the European Social Fund.",
        "Trukmė: 2017 – 2021", "El. paštas: info@lygus.lt", "K. Donelaičio g. 73, Kaunas",
        "Project Number : EIF/2012/6/09/PG/1 .", "Tikslinė grupė:", "„Magnum Bonum”", "2013. -",
        "Coordinated by LUDEN (Belgium) in partnership with Caritas.", "",
    ]
)  # fmt: skip
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=80)), max_size=25).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_extraction_never_crashes_and_spans_lie_within_the_text(text):
    for draft in extract_records(text, line_blocks(text), "en"):
        assert draft.title
        assert 0 <= draft.span[0] <= draft.span[1] <= len(text)
        for spans in draft.provenance.values():
            for start, end in spans:
                assert 0 <= start <= end <= len(text)
        for section in draft.sections:
            if section.span:
                assert draft.span[0] <= section.span[0] <= section.span[1] <= draft.span[1]
