"""Section text laid out as paragraphs and nested lists, with no word lost."""

from __future__ import annotations

from practicehub.web.text_layout import Block, Item, layout_text


def _words(blocks: list[Block]) -> list[str]:
    def item_words(items: list[Item]) -> list[str]:
        out: list[str] = []
        for item in items:
            out += item.text.split() + item_words(item.children)
        return out

    words: list[str] = []
    for block in blocks:
        words += block.text.split() + item_words(block.items)
    return words


def test_items_after_a_lead_in_ending_with_a_colon_nest_under_it():
    text = (
        "The project works in two steps.\n"
        "- The Academy prepares a report, which is then used to plan:\n"
        "- a series of weekend workshops;\n"
        "- mentoring pairs of first-time candidates;\n"
        "- At European level the partners meet twice.\n"
        "Results follow."
    )
    blocks = layout_text(text)
    assert [b.is_list for b in blocks] == [False, True, False]
    outer = blocks[1].items
    assert [i.text for i in outer] == [
        "The Academy prepares a report, which is then used to plan:",
        "At European level the partners meet twice.",
    ]
    assert [c.text for c in outer[0].children] == [
        "a series of weekend workshops;",
        "mentoring pairs of first-time candidates;",
    ]


def test_indented_bullets_nest_and_numbers_count_as_items():
    blocks = layout_text("1. Training\n   • for teachers\n   • for parents\n2. Campaign")
    (block,) = blocks
    assert [i.text for i in block.items] == ["Training", "Campaign"]
    assert [c.text for c in block.items[0].children] == ["for teachers", "for parents"]


def test_every_word_of_the_text_is_kept_apart_from_list_markers():
    text = "Intro: two lines\nsecond line\n\n• one\n  – two: three\n• four five\n\nEnd 2020 – 2022"
    assert " ".join(_words(layout_text(text))) == (
        "Intro: two lines second line one two: three four five End 2020 – 2022"
    )
