"""What a regular expression cannot match without: a cheap test to skip running it.

A pattern's search costs a pass of its engine over the whole text; a substring test (``in``)
is many times faster. ``needed`` reads the pattern's parsed form and returns sets of strings
such that every match holds one string of each set, so a text lacking every string of one set
cannot match and need not be searched. The strings are only those that parsing proves: a part
that may be left out (``?``, ``*``, ``{0,n}``), a look-around, a class or a case-insensitive
part gives none. ``Occurrences`` finds them in a whole piece at once, for its sentences.

The parsed form is the standard library's own (``re._parser``, which ``re.compile`` uses): there
is no public one, and a parser of our own could read a pattern otherwise than the engine does.
"""

from __future__ import annotations

import bisect
import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Sequence
from typing import Any

from practicehub.catalogue.extract.text import any_word_pattern

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


Needs = tuple[frozenset[str], ...]


def needed(pattern: re.Pattern[str] | str) -> Needs:
    """Sets of strings such that every match of ``pattern`` contains one string of each set,
    longest strings first; none where nothing is sure (a text may then match whatever it
    holds)."""
    if isinstance(pattern, re.Pattern):
        if pattern.flags & re.IGNORECASE:
            return ()
        pattern = pattern.pattern
    found = _needed(list(sre_parse.parse(pattern)), ignore_case=False)
    return tuple(sorted(set(found), key=lambda strings: (-_shortest(strings), sorted(strings))))


def _shortest(strings: frozenset[str]) -> int:
    return min(len(s) for s in strings)


def _needed(items: list[tuple[Any, Any]], *, ignore_case: bool) -> list[frozenset[str]]:
    """What a sequence needs: every match passes through each of its items, so each item's
    needs are the sequence's."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL and not ignore_case:
            run.append(chr(av))
            continue
        if run:
            found.append(frozenset({"".join(run)}))
            run = []
        found.extend(_item(op, av, ignore_case))
    if run:
        found.append(frozenset({"".join(run)}))
    return found


def _item(op: Any, av: Any, ignore_case: bool) -> list[frozenset[str]]:
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, items = av
        if add_flags & sre.SRE_FLAG_IGNORECASE:
            ignore_case = True
        if del_flags & sre.SRE_FLAG_IGNORECASE:
            ignore_case = False
        return _needed(list(items), ignore_case=ignore_case)
    if op is sre.BRANCH:
        # A match takes one alternative: the set is the best string set of each, together;
        # an alternative that needs nothing makes the whole choice need nothing.
        best = []
        for items in av[1]:
            sets = _needed(list(items), ignore_case=ignore_case)
            if not sets:
                return []
            best.append(max(sets, key=_shortest))
        return [frozenset().union(*best)]
    if op in _REPEATS:
        low, _high, items = av
        return _needed(list(items), ignore_case=ignore_case) if low >= 1 else []
    if op is sre.ATOMIC_GROUP:
        return _needed(list(av), ignore_case=ignore_case)
    return []  # a class, a look-around, a reference: nothing sure


def may_match(needs: Needs, text: str) -> bool:
    """False only when ``text`` lacks every string of one of the sets a pattern needs."""
    for strings in needs:
        for string in strings:
            if string in text:
                break
        else:
            return False
    return True


def scanners(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], ...]:
    """One pattern per set of strings ``pattern`` needs, for ``Occurrences``: plain strings,
    which the engine skips through a text far faster than the pattern they come from."""
    return tuple(re.compile(any_word_pattern(strings)) for strings in needed(pattern))


class Occurrences:
    """Where the strings a pattern needs occur in one text, found in one pass per set: a
    stretch of the text that no occurrence of one set touches cannot hold a match.

    (Each pass reports occurrences that do not overlap; an occurrence a reported one overlaps
    is touched by it, so a stretch holding any occurrence of a set is touched by one.)"""

    def __init__(self, scans: tuple[re.Pattern[str], ...], text: str) -> None:
        self._spans = []
        for scan in scans:
            spans = [m.span() for m in scan.finditer(text)]
            self._spans.append(([a for a, _ in spans], [b for _, b in spans]))

    def touch(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is touched by an occurrence of every set (so that the
        pattern may match there)."""
        for starts, ends in self._spans:
            i = bisect.bisect_right(ends, start)
            if i == len(starts) or starts[i] >= end:
                return False
        return True


class Gate:
    """Which of many patterns a text may match, from the strings each needs (``needed``), all
    found in one pass: trying only those costs far less than trying every pattern in turn.

    Each search finds the next position a needed string starts at and the longest one there
    (the shorter ones it opens with start there too, so it brings them along); the next search
    starts one character on, so that strings may overlap. (A look-ahead pattern would find them
    all in one call, but loses the engine's quick skip to a string's first letters.) A pattern
    that needs no sure string is always a candidate."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        always: set[int] = set()
        by_string: dict[str, set[int]] = {}
        for i, pattern in enumerate(patterns):
            needs = needed(pattern)
            if not needs:
                always.add(i)
                continue
            for string in needs[0]:
                by_string.setdefault(string, set()).add(i)
        self._always = frozenset(always)
        self._scan = re.compile(any_word_pattern(by_string)) if by_string else None
        self._brings = {
            string: frozenset(
                i for other, ids in by_string.items() if string.startswith(other) for i in ids
            )
            for string in by_string
        }

    def candidates(self, text: str) -> list[int]:
        """Indexes of the patterns ``text`` may match, in order."""
        found = set(self._always)
        if self._scan is not None:
            at = 0
            while (m := self._scan.search(text, at)) is not None:
                found |= self._brings[m.group()]
                at = m.start() + 1
        return sorted(found)
