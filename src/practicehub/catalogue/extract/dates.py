"""Dates and periods written in Lithuanian and English, to ISO strings of the precision given.

``find_dates`` reads every date in a text ("2019 m. rugsėjo 1 d.", "1 September 2019",
"01.09.2019", "2019-09-01", "2020. 01", "September 2019", "2017") with its offsets;
``period_in`` joins them into a period ("2017 – 2021", "from March 2014 to February 2016",
"nuo 2015 m.", "Start date: ..."). A period is read only where the text says it is one (a
duration part, a "period"/"trukmė" label, "the project runs ..."): a year next to a programme's
name or an event's date is not the record's period.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from practicehub.catalogue.extract.text import fold

_EN_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
# Folded Lithuanian month stems; the endings vary with the case (kovas, kovo, kovą).
_LT_MONTHS = {
    "saus": 1, "vasar": 2, "kov": 3, "baland": 4, "geguz": 5, "birzel": 6, "liep": 7,
    "rugpjut": 8, "rugpjuc": 8, "rugsej": 9, "spal": 10, "lapkri": 11, "gruod": 12,
}  # fmt: skip
_LT_MONTH_RE = (
    r"(?:saus|vasar|kov|baland|geguž|geguz|biržel|birzel|liep|rugpjū|rugpju|rugsėj|rugsej|spal"
    r"|lapkri|gruod)[a-ząčęėįšųūž]*"
)
_EN_MONTH_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_YEAR = r"(?P<y>(?:19[5-9]|20[0-4])\d)"
_DAY = r"(?P<d>0?[1-9]|[12]\d|3[01])"
_MONTH_NUM = r"(?P<m>0?[1-9]|1[0-2])"

_PATTERNS = [
    # 2019 m. rugsėjo 1 d. / 2019 m. kovo mėn. / 2018 m. rugsėjis
    re.compile(
        _YEAR
        + r"\s*m\.?\s*(?P<lm>"
        + _LT_MONTH_RE
        + r")(?:\s*mėn\.?)?(?:\s+"
        + _DAY
        + r"(?:\s*d\.?)?(?![\d]))?",
        re.IGNORECASE,
    ),
    # 2019-09-01, 2019.09.01, 2019 09 01, 2020. 01, 2019-09
    re.compile(
        r"(?<![\d/.])"
        + _YEAR
        + r"(?:\.\s?|-|/|\s)"
        + r"(?P<m>0[1-9]|1[0-2])"
        + r"(?:(?:\.\s?|-|/|\s)"
        + r"(?P<d>0[1-9]|[12]\d|3[01]))?(?![\d])(?!\s*(?:d\.|m\.))",
    ),
    # 01.09.2019, 1/9/2019, 01-09-2019 (day first; month first only when the day exceeds 12)
    re.compile(
        r"(?<![\d.])(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-]" + _YEAR + r"(?![\d])",
    ),
    # 1 September 2019, 1st of April 2022, 1 May, 2024
    re.compile(
        _DAY + r"(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<em>" + _EN_MONTH_RE + r"),?\s+" + _YEAR,
        re.IGNORECASE,
    ),
    # September 1, 2019
    re.compile(
        r"(?P<em>" + _EN_MONTH_RE + r")\s+" + _DAY + r"(?:st|nd|rd|th)?,?\s+" + _YEAR,
        re.IGNORECASE,
    ),
    # September 2019
    re.compile(r"(?P<em>" + _EN_MONTH_RE + r")\s+(?:of\s+)?" + _YEAR, re.IGNORECASE),
    # 2017, 2017 m., 2017 metais
    re.compile(r"(?<![\d/.-])" + _YEAR + r"(?![\d])(?:\s*m\.|\s*metais|\s*metų)?"),
]


@dataclass(frozen=True, slots=True)
class Date:
    value: str  # "2019", "2019-09" or "2019-09-01"
    start: int
    end: int


def _iso(y: str, m: int | None = None, d: int | None = None) -> str | None:
    if m is None:
        return y
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y}-{m:02d}"
    if not 1 <= d <= 31:
        return None
    return f"{y}-{m:02d}-{d:02d}"


def _lt_month(word: str) -> int | None:
    folded = fold(word)
    for stem, month in _LT_MONTHS.items():
        if folded.startswith(stem):
            return month
    return None


def _value(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    y = groups["y"]
    d = int(groups["d"]) if groups.get("d") else None
    if groups.get("lm"):
        return _iso(y, _lt_month(groups["lm"]), d)
    if groups.get("em"):
        return _iso(y, _EN_MONTHS[groups["em"].lower().rstrip(".")], d)
    if groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        if b > 12 >= a:  # 09.30.2021: month first
            a, b = b, a
        return _iso(y, b, a)
    if groups.get("m"):
        return _iso(y, int(groups["m"]), d)
    return y


def find_dates(text: str) -> list[Date]:
    """Every date in ``text``, longest reading first where two overlap, in text order."""
    found: list[Date] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            value = _value(m)
            if value:
                found.append(Date(value, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


_RANGE_JOIN = re.compile(
    r"^\s*(?:[-–—→/]|to|until|till|through|iki|ir|and|-\s*iki)\s*$", re.IGNORECASE
)
_OPEN_START = re.compile(
    r"(?:\bnuo|\bsince|\bfrom|\bstart\w*|\bprad\w*|\bbegin\w*)(?:\s+date)?\W*$", re.I
)
_OPEN_END = re.compile(
    r"(?:\biki|\buntil|\bend\w*|\bpabaig\w*|\bfinish\w*|\btill)(?:\s+date)?\W*$", re.I
)
_STILL_RUNNING = re.compile(
    r"\b(?:iki (?:šiol|siol|dabar)|iki dabartinio|tęsiasi|ongoing|to date|until now|to the present"
    r"|dabar)\b",
    re.IGNORECASE,
)
_ONGOING = re.compile(r"^\s*[-–—]\s*(?:dabar|ongoing|present|today|now|šiol)", re.IGNORECASE)


def _before(text: str, date: Date, width: int = 25) -> str:
    return text[max(0, date.start - width) : date.start]


# A sentence that says when the record's own project or practice ran.
PERIOD_CUE = re.compile(
    r"\b(?:project\w*|projekt\w*|practice|praktik\w*|initiative)\b.*"
    r"\b(?:duration|period|time ?frame|runs?|ran|running|lasts?|lasted|implemented|carried out"
    r"|took place|takes place|will take"
    r"|trukm\w*|laikotarp\w*|vykd\w*|igyvendin\w*|truko|trunka|tes\w*|prasided\w*|baig\w*)\b"
    r"|\b(?:duration|period|time ?frame|trukm\w*|laikotarp\w*|vykd\w*|igyvendin\w*)\b.*"
    r"\b(?:project\w*|projekt\w*|practice|praktik\w*|initiative)\b"
)


def period_in(text: str, *, whole_part: bool = False) -> tuple[Date | None, Date | None]:
    """The first period ``text`` states: a range, an open range, or (in a duration part) a date.

    ``whole_part`` says the text is a duration part or a period label's value, where a single
    date or year is the period itself.
    """
    dates = find_dates(text)
    ongoing = bool(_STILL_RUNNING.search(text))
    ranges = [
        (a, b)
        for a, b in itertools.pairwise(dates)
        if _RANGE_JOIN.match(text[a.end : b.start])
        and a.value[:4] <= b.value[:4]
        and (a.value <= b.value or len(a.value) != len(b.value))
    ]
    if ranges:
        if not whole_part:
            return ranges[0][0], None if ongoing else ranges[0][1]
        # A duration part may list stages ("2018–2019 ..., 2020 and 2022–2023"): all of them.
        first = min(dates, key=lambda d: d.value)
        last = max(dates, key=lambda d: d.value)
        return first, None if ongoing else last
    start = end = None
    for date in dates:
        before = _before(text, date)
        if start is None and (
            _OPEN_START.search(before) or _ONGOING.match(text[date.end : date.end + 12])
        ):
            start = date
        elif end is None and _OPEN_END.search(before):
            end = date
    if start and end and start.value > end.value:
        return None, None
    if start or end:
        return start, end
    if whole_part and dates:
        first = dates[0]
        return first, first
    return None, None
