"""Dates and periods written in Lithuanian and English, to ISO strings of the precision given.

``find_dates`` reads every date in a text ("2019 m. rugsėjo 1 d.", "1 September 2019",
"01.09.2019", "2019-09-01", "2020. 01", "September 2019", "2017"; German, Latvian, Polish,
French, Spanish, Italian and Portuguese too: "1. März 2019", "2024. gada 5. marta", "stycznia
2018 r.", "1 de enero de 2021", "1° gennaio 2021", "março de 2020") with its offsets;
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
# German, Latvian and Polish months, folded, by the stem every case form starts with ("März",
# "marta", "marca"), tried longest first; French, Spanish, Italian and Portuguese months whole
# (their "marzo", "março", "maio", "junio" start with a stem above and are read by it).
_OTHER_MONTHS = {
    "januar": 1, "februar": 2, "marz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10,
    "dezember": 12,
    "janvar": 1, "mart": 3, "maij": 5, "junij": 6, "julij": 7, "septembr": 9, "oktobr": 10,
    "novembr": 11, "decembr": 12,
    "stycz": 1, "lut": 2, "marc": 3, "marzec": 3, "kwie": 4, "maj": 5, "czerw": 6, "lip": 7,
    "sierp": 8, "wrze": 9, "pazdziernik": 10, "listopad": 11, "grud": 12,
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "aout": 8,
    "octobre": 10,
    "enero": 1, "febrero": 2, "abril": 4, "mayo": 5, "agosto": 8, "septiembre": 9,
    "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "gennaio": 1, "febbraio": 2, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9,
    "ottobre": 10, "dicembre": 12,
    "janeiro": 1, "fevereiro": 2, "junho": 6, "julho": 7, "setembro": 9, "outubro": 10,
    "dezembro": 12,
}  # fmt: skip
_OTHER_MONTH_RE = (
    r"(?:januar|februar|märz|marz|mai|juni|juli|oktober|dezember|janvār|janvar|februār|mart"
    r"|aprīl|apriļ|aprīļ|maij|jūnij|junij|jūlij|julij|septembr|oktobr|novembr|decembr|stycz|lut|marc"
    r"|marzec|kwie|maj|czerw|lip|sierp|wrze|październik|pazdziernik|listopad|grud|august"
    r"|janvier|février|fevrier|mars|avril|juin|juillet|août|aout|octobre|décembr)[^\W\d_]*"
    r"|(?:enero|febrero|abril|mayo|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
    r"|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|novembre|dicembre"
    r"|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro)\b"
)
_EN_MONTH_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_YEAR = r"(?P<y>(?:19[5-9]|20[0-4])\d)"
# "enero de 2021", "marzo del 2021", "março de 2020": the word that joins a month to its year.
_ROMANCE_OF = r"(?:de(?:l)?\s+)?"
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
        _DAY + r"(?:st|nd|rd|th|\.)?\s+(?:of\s+)?(?P<em>" + _EN_MONTH_RE + r"),?\s+" + _YEAR,
        re.IGNORECASE,
    ),
    # September 1, 2019
    re.compile(
        r"(?P<em>" + _EN_MONTH_RE + r")\s+" + _DAY + r"(?:st|nd|rd|th)?,?\s+" + _YEAR,
        re.IGNORECASE,
    ),
    # September 2019
    re.compile(r"(?P<em>" + _EN_MONTH_RE + r"),?\s+(?:of\s+)?" + _YEAR, re.IGNORECASE),
    # 2024. gada 5. marta (Latvian)
    re.compile(
        _YEAR + r"\.\s*gad[aā]\s+" + _DAY + r"\.\s*(?P<om>" + _OTHER_MONTH_RE + r")",
        re.IGNORECASE,
    ),
    # 1. März 2019, 5 marca 2024 r., 1 de enero de 2021, 1° gennaio 2021, 1.º de março de 2020
    re.compile(
        r"(?<![\d.])"
        + _DAY
        + r"(?:\.|er|\.?[°º])?\s+(?:de\s+)?(?P<om>"
        + _OTHER_MONTH_RE
        + r")\s+"
        + _ROMANCE_OF
        + _YEAR,
        re.IGNORECASE,
    ),
    # März 2019, stycznia 2018 r., enero de 2021, marzo del 2021
    re.compile(r"\b(?P<om>" + _OTHER_MONTH_RE + r")\s+" + _ROMANCE_OF + _YEAR, re.IGNORECASE),
    # 2017, 2017 m., 2017 metais
    re.compile(r"(?<![\d/.-])" + _YEAR + r"(?![\d])(?:\s*m\.|\s*metais|\s*metų)?"),
]


@dataclass(frozen=True, slots=True)
class Date:
    value: str  # "2019", "2019-09" or "2019-09-01"
    start: int
    end: int
    # A quarter or a half-year spans months: ``value`` is its first month, ``last`` its last.
    last: str = ""

    @property
    def end_value(self) -> str:
        """The value as the end of a period: a quarter ends with its last month."""
        return self.last or self.value


# Quarters and half-years ("Q3 2019", "2019 m. III ketv.", "H1 2020", "3. Quartal 2019"): work
# plans and reports of EU-funded projects date their stages so. Each pattern names the part
# (q: 1-4 or I-IV; h: 1-2 or I-II; an English ordinal in qw/hw) and the year.
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ORDINAL = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip
_Q = r"(?P<q>[1-4]|IV|I{1,3})"
_H = r"(?P<h>[12]|I{1,2})"
_QUARTER_WORD = r"(?:ketv(?:irt[a-ząčęėįšųūž]*|\.)?|kw(?:artał[a-ząćęłńóśźż]*|\.)?|quartal)"
_HALF_WORD = r"(?:pusm(?:et[a-ząčęėįšųūž]*|eč[a-ząčęėįšųūž]*|\.)?|półrocz[a-ząćęłńóśźż]*|halbjahr)"
_PARTS = [
    # Q3 2019, Q3/2019, 2019 Q3, 2019-Q3, H1 2020, 2020/H2
    re.compile(r"\b(?:Q(?P<q>[1-4])|H(?P<h>[12]))\s*[/.-]?\s*" + _YEAR + r"(?![\d])"),
    re.compile(r"(?<![\d/.-])" + _YEAR + r"\s*[/.-]?\s*(?:Q(?P<q>[1-4])|H(?P<h>[12]))\b"),
    # the third quarter of 2019, first half of 2020
    re.compile(
        r"\b(?:the\s+)?(?:(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
        r"|(?P<hw>first|second|1st|2nd)\s+half)\s+(?:of\s+)?" + _YEAR,
        re.IGNORECASE,
    ),
    # 2019 m. III ketv., 2019 m. I pusmetis, 2019. gada 3. ceturksnis
    re.compile(
        _YEAR + r"\s*(?:m\.|metų|metais|r\.|\.\s*gad[aā])?\s*"
        r"(?:" + _Q + r"\.?\s*(?:" + _QUARTER_WORD + r"|ceturksn[a-zāēīū]*)"
        r"|" + _H + r"\.?\s*(?:" + _HALF_WORD + r"|pusgad[a-zāēīū]*))",
        re.IGNORECASE,
    ),
    # III ketv. 2019 m., III kwartał 2019 r., 3. Quartal 2019, II pusmetis 2020
    re.compile(
        r"(?<![\w.])(?:" + _Q + r"\.?\s*" + _QUARTER_WORD + r"|" + _H + r"\.?\s*" + _HALF_WORD
        + r")\s*(?:m\.\s*)?,?\s*" + _YEAR + r"(?![\d])(?:\s*(?:m|r)\.)?",
        re.IGNORECASE,
    ),
]  # fmt: skip
# Two quarters sharing one year: "Q3–Q4 2019", "2019 Q1–Q3", "2019 m. II–IV ketv.".
_QA, _QB = r"(?P<a>[1-4]|IV|I{1,3})", r"(?P<b>[1-4]|IV|I{1,3})"
_JOIN = r"\s*(?P<join>[-–—])\s*"
_PART_RANGES = [
    re.compile(r"\bQ(?P<a>[1-4])" + _JOIN + r"Q(?P<b>[1-4])\s*[/.-]?\s*" + _YEAR + r"(?![\d])"),
    re.compile(r"(?<![\d/.-])" + _YEAR + r"\s*[/.-]?\s*Q(?P<a>[1-4])" + _JOIN + r"Q(?P<b>[1-4])\b"),
    re.compile(
        _YEAR + r"\s*(?:m\.|metų|metais|r\.)?\s*" + _QA + r"\.?" + _JOIN + _QB + r"\.?\s*"
        + _QUARTER_WORD,
        re.IGNORECASE,
    ),
    re.compile(
        r"(?<![\w.])" + _QA + r"\.?" + _JOIN + _QB + r"\.?\s*" + _QUARTER_WORD + r"\s*,?\s*"
        + _YEAR + r"(?![\d])(?:\s*(?:m|r)\.)?",
        re.IGNORECASE,
    ),
]  # fmt: skip
# Most texts name no quarter: without one of these, the patterns above are not tried.
_PART_HINT = re.compile(
    r"Q[1-4]|H[12]|quarter|half|ketv|pusm|kw|półr|quartal|halbjahr|ceturksn|pusgad", re.IGNORECASE
)


def _part_months(m: re.Match[str]) -> tuple[int, int]:
    """The first and last month of the quarter or half-year a ``_PARTS`` match names."""
    groups = m.groupdict()
    quarter = groups.get("q") or groups.get("qw")
    if quarter:
        n = _ORDINAL.get(quarter.lower()) or _quarter(quarter)
        return 3 * n - 2, 3 * n
    half = groups.get("h") or groups.get("hw") or ""
    n = _ORDINAL.get(half.lower()) or _quarter(half)
    return 6 * n - 5, 6 * n


def _quarter(numeral: str) -> int:
    return _ROMAN.get(numeral.lower()) or int(numeral)


def _parts(text: str) -> list[Date]:
    """The quarters and half-years in ``text``, each as the first month with its last; two
    quarters sharing a year are two dates, as a range of months is."""
    found: list[Date] = []
    if not _PART_HINT.search(text):
        return found
    for pattern in _PART_RANGES:
        for m in pattern.finditer(text):
            a, b, y = _quarter(m.group("a")), _quarter(m.group("b")), m.group("y")
            if a < b:
                first = Date(f"{y}-{3 * a - 2:02d}", m.start(), m.start("join"), f"{y}-{3 * a:02d}")
                last = Date(f"{y}-{3 * b - 2:02d}", m.end("join"), m.end(), f"{y}-{3 * b:02d}")
                found += [first, last]
    for pattern in _PARTS:
        for m in pattern.finditer(text):
            months = _part_months(m)
            y = m.group("y")
            date = Date(f"{y}-{months[0]:02d}", m.start(), m.end(), f"{y}-{months[1]:02d}")
            if not any(_overlap(date, d) for d in found):
                found.append(date)
    return found


def _overlap(a: Date, b: Date) -> bool:
    return a.start < b.end and b.start < a.end


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


def _other_month(word: str) -> int | None:
    folded = fold(word).lower()
    for stem in sorted(_OTHER_MONTHS, key=len, reverse=True):
        if folded.startswith(stem):
            return _OTHER_MONTHS[stem]
    if folded.startswith("apri"):
        return 4
    if folded.startswith("august"):
        return 8
    if folded.startswith(("septemb", "novemb")):
        return 9 if folded.startswith("sep") else 11
    return None


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
    if groups.get("om"):
        month = _other_month(groups["om"])
        return _iso(y, month, d) if month else None
    if groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        if b > 12 >= a:  # 09.30.2021: month first
            a, b = b, a
        return _iso(y, b, a)
    if groups.get("m"):
        return _iso(y, int(groups["m"]), d)
    return y


# A range of days in one month: "2016 m. rugsėjo 23–25 d.", "23–25 September 2016".
_DAY_RANGES = [
    re.compile(
        _YEAR + r"\s*m\.?\s*(?P<lm>" + _LT_MONTH_RE + r")\s+" + _DAY
        + r"\s*(?P<join>[-–—]|iki)\s*(?P<d2>0?[1-9]|[12]\d|3[01])\s*d\.?(?![\d])",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?<![\d.])" + _DAY + r"\.?\s*(?P<join>[-–—])\s*(?P<d2>0?[1-9]|[12]\d|3[01])\.?\s+(?P<em>"
        + _EN_MONTH_RE + r"),?\s+" + _YEAR,
        re.IGNORECASE,
    ),
]  # fmt: skip


# Two dates sharing a year written once: "1 April – 30 November 2023", "2023 m. kovo 1 d. –
# gruodžio 15 d.".
_SHARED_YEAR = [
    re.compile(
        r"(?<![\d.])(?P<d1>0?[1-9]|[12]\d|3[01])\.?\s+(?P<em1>" + _EN_MONTH_RE + r")\s*"
        r"(?P<join>[-–—]|to|until)\s*" + _DAY + r"\.?\s+(?P<em>" + _EN_MONTH_RE + r"),?\s+"
        + _YEAR,
        re.IGNORECASE,
    ),
    re.compile(
        _YEAR + r"\s*m\.?\s*(?P<lm1>" + _LT_MONTH_RE + r")\s+(?P<d1>0?[1-9]|[12]\d|3[01])"
        r"\s*d\.?\s*(?P<join>[-–—]|iki)\s*(?P<lm>" + _LT_MONTH_RE + r")\s+" + _DAY
        + r"\s*d\.?(?![\d])",
        re.IGNORECASE,
    ),
    # "del 1 de enero al 31 de diciembre de 2022", "dal 1° marzo al 30 giugno 2021"
    re.compile(
        r"(?<![\d.])(?P<d1>0?[1-9]|[12]\d|3[01])(?:\.|er|\.?[°º])?\s+(?:de\s+)?(?P<om1>"
        + _OTHER_MONTH_RE + r")(?P<join>\s*[-–—]\s*"
        r"|\s+(?:al|a|hasta el|hasta|au|ao|até|fino al)\s+)"
        + _DAY + r"(?:\.|er|\.?[°º])?\s+(?:de\s+)?(?P<om>" + _OTHER_MONTH_RE + r"),?\s+"
        + _ROMANCE_OF + _YEAR,
        re.IGNORECASE,
    ),
]  # fmt: skip


def _shared_year(text: str) -> list[Date]:
    found = []
    for pattern in _SHARED_YEAR:
        for m in pattern.finditer(text):
            y, d1 = m.group("y"), int(m.group("d1"))
            if m.groupdict().get("em1"):
                m1 = _EN_MONTHS.get(m.group("em1").lower().rstrip("."))
            elif m.groupdict().get("om1"):
                m1 = _other_month(m.group("om1"))
            else:
                m1 = _lt_month(m.group("lm1"))
            first, last = _iso(y, m1, d1), _value(m)
            if first and last and first <= last:
                found.append(Date(first, m.start(), m.start("join")))
                found.append(Date(last, m.end("join"), m.end()))
    return found


def _day_ranges(text: str) -> list[Date]:
    found = _shared_year(text)
    taken = [(d.start, d.end) for d in found]
    for pattern in _DAY_RANGES:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            first, last = _value(m), None
            if first and len(first) == 10:
                last = first[:8] + f"{int(m.group('d2')):02d}"
            if first and last and first <= last:
                found.append(Date(first, m.start(), m.start("join")))
                found.append(Date(last, m.end("join"), m.end()))
    return found


# Every pattern above holds ``_YEAR``: a text without such four digits holds no date, and one
# search for them spares the twenty patterns (most paragraphs name no year).
_ANY_YEAR = re.compile(_YEAR)


def find_dates(text: str) -> list[Date]:
    """Every date in ``text``, longest reading first where two overlap, in text order."""
    if not _ANY_YEAR.search(text):
        return []
    found: list[Date] = _day_ranges(text)
    found += [d for d in _parts(text) if not any(_overlap(d, o) for o in found)]
    taken: list[tuple[int, int]] = [(d.start, d.end) for d in found]
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
    r"^\s*,?\s*(?:[-–—→/]|(?:to|until|till|through)(?: the end of)?|iki|ir|and|-\s*iki|bis|līdz"
    r"|lidz|do|au|r\.\s*do"
    r"|r\.\s*[-–—]"
    # Spanish, Italian, Portuguese: "de enero 2021 a diciembre 2022", "dal 2019 al 2021",
    # "desde 2019 hasta 2021", "entre 2019 e 2021", "del 1 de enero al 31 de diciembre de 2022".
    r"|(?:a|al|hasta|hasta el|y|e|fino a|fino al|sino al|ao|até|até ao|até o|até a)(?:\s+de)?)"
    r"\s*$",
    re.IGNORECASE,
)
_OPEN_START = re.compile(
    r"(?:\bnuo|\bsince|\bfrom|\bstart\w*|\bprad\w*|\bbegin\w*|\bab|\bseit|\bvon|\bbeginn"
    r"|\bno|\bod|\bsākum\w*|\brozpocz\w*|\bbegan|\blaunched|\bopened|\bdepuis|\bdu"
    r"|\bdesde|\ba partir d[eo]l?|\bdal|\bdall|\bdalla|\binicio|\binício|\binizio"
    r"|\bavviat[oa]|\biniciad[oa]|\bcomenz\w*|\bcomeç\w*)"
    r"(?:\s+date)?(?:\s+(?:in|on|im|am|w|en|le|el|il|de|em|nel|a))?\W*$",
    re.I,
)
_OPEN_END = re.compile(
    r"(?:\biki|\buntil|\bend\w*|\bpabaig\w*|\bfinish\w*|\btill|\bbis|\blīdz|\blidz|\bdo|\bau"
    r"|\bbeig\w*|\bzakończ\w*|\bhasta|\bfino a|\bfino al|\baté|\bfinaliz\w*|\bconclu\w*"
    r"|\btermin[oóa]\w*)(?:\s+(?:date|el|il|em|en|de|nel|a))?\W*$",
    re.I,
)
_STILL_RUNNING = re.compile(
    r"\b(?:iki (?:šiol|siol|dabar)|iki dabartinio|tęsiasi|ongoing|to date|until now|to the present"
    r"|dabar|(?:teikiama|vykdoma|vyksta|tęsiama) toliau|continues|is continued|still runs"
    r"|en curso|in corso|em curso|hasta la actualidad|hasta hoy|ad oggi|até hoje"
    # "2017–2019 m. – bandomoji programa, nuo 2020 m. stovyklos organizuojamos kasmet"
    r"|(?:nuo|since) \d{4}(?: m\.)?[^.;]{0,60}\b(?:kasmet|every year|annually))\b",
    re.IGNORECASE,
)
_ONGOING = re.compile(
    r"^\s*(?:[-–—]\s*(?:dabar|ongoing|present|today|now|šiol)|(?:m\.\s+)?(?:onwards?|and onwards?"
    r"|ir toliau)\b)",
    re.IGNORECASE,
)


def _before(text: str, date: Date, width: int = 25) -> str:
    return text[max(0, date.start - width) : date.start]


# A sentence that says when the record's own project or practice ran.
_PERIOD_WORDS = (
    r"duration|period|time ?frame|runs?|ran|running|lasts?|lasted|implemented|carried out"
    r"|took place|takes place|will take"
    r"|trukm\w*|laikotarp\w*|vykd\w*|vyks|vyko|vyksta|veikia|veike|igyvendin\w*|truko"
    r"|trunka|truks|tes\w*"
    r"|prasided\w*|baig\w*"
    r"|lauft|laufzeit|dauert|durchgefuhrt|isteno\w*|ilgums|norisinas|realizowan\w*|realizacj\w*"
    r"|trwa\w*"
    r"|durac\w*|durata|periodo|desarroll\w*|ejecut\w*|realizad\w*|realizzat\w*|llev\w* a cabo"
    r"|svolt\w*|svolg\w*|attuat\w*|decorr\w*|implementad\w*|executad\w*"
)
PERIOD_CUE = re.compile(
    r"\b(?:project\w*|projekt\w*|practice|praktik\w*|initiative|proyect\w*|progett\w*"
    r"|projet\w*|iniciativa|iniziativa)\b.*\b(?:" + _PERIOD_WORDS
    + r")\b|\b(?:duration|period|time ?frame|trukm\w*|laikotarp\w*|vykd\w*|igyvendin\w*)\b.*"
    r"\b(?:project\w*|projekt\w*|practice|praktik\w*|initiative)\b"
    # "Over 24 months – from January 2024 to December 2025", "per 30 mėnesių"
    r"|\b(?:over|for|during|per|within)\s+(?:\d+|\w+)\s+(?:months|years|menes\w*|metus|monate\w*)\b"
)  # fmt: skip
# A sentence that is nothing but a range of years or dates ("... Programme. 2016–2017.") says
# when the record's project ran.
ONLY_A_RANGE = re.compile(
    r"^\W*(?:19|20)\d\d(?:[-./ ]\d{1,2}){0,2}\s*(?:m\.)?\s*[-–—]\s*(?:19|20)\d\d"
    r"(?:[-./ ]\d{1,2}){0,2}\s*(?:m\.)?\W*$"
)
# A record that is an event ("Tautinių bendrijų jaunimo forumas 2016") runs when the event does:
# "Renginys vyks 2016 m. rugsėjo 23–25 d.", "The conference took place on ...".
EVENT_WORD = re.compile(
    r"\b(?:rengin\w*|forum\w*|konferencij\w*|festival\w*|stovykl\w*|seminar\w*|event|conference"
    r"|summer school|camp|konferenz|tagung|konference|konferencja)\b"
)
EVENT_CUE = re.compile(
    EVENT_WORD.pattern + r".*\b(?:vyks|vyko|vyksta|will take place|took place|takes place"
    r"|(?:is|was|will be) held|findet|fand|notiks|notika|odbedzie|odbył)\b"
)


# Two months sharing one year: "March–August 2023", "2018 sausio–rugsėjo mėn.", "2023 m.
# balandžio–spalio mėn.", "2023 05–12" (a year, then two month numbers: mixed separators are no
# single date's), and, where the year is known from elsewhere, "Balandis–spalis".
_ANY_MONTH_RE = r"(?:" + _EN_MONTH_RE + r"|" + _LT_MONTH_RE + r"|" + _OTHER_MONTH_RE + r")"
_MONTH_JOIN = (
    r"\s*(?:[-–—]|\bto\b|\buntil\b|\biki\b|\bbis\b|\blīdz\b|\bdo\b|\ba\b|\bal\b|\bhasta\b"
    r"|\bao\b|\baté\b)\s*"
)
_MONTH_RANGES = [
    re.compile(
        r"\b(?P<a>" + _ANY_MONTH_RE + r")" + _MONTH_JOIN + r"(?P<b>" + _ANY_MONTH_RE
        + r")(?:\s*mėn\.?)?,?\s+(?:of\s+|de(?:l)?\s+)?" + _YEAR + r"(?![\d])",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?<![\d/.-])" + _YEAR + r"\s*(?:m\.|metų|metais|gad[aā]|r\.)?\s*(?P<a>" + _ANY_MONTH_RE
        + r")" + _MONTH_JOIN + r"(?P<b>" + _ANY_MONTH_RE + r")\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?<![\d/.-])" + _YEAR + r"(?:\.\s?|\s)(?P<a>0[1-9]|1[0-2])\s*[-–—]\s*(?P<b>0[1-9]|1[0-2])"
        r"(?![\d]|[./-]\d)"
    ),
    re.compile(
        r"(?<![\d/.-])" + _YEAR + r"-(?P<a>0[1-9]|1[0-2])(?:\s*[–—]\s*|\s+-\s+)(?P<b>0[1-9]|1[0-2])"
        r"(?![\d]|[./-]\d)"
    ),
]  # fmt: skip
_YEARLESS_MONTH_RANGE = re.compile(
    r"\b(?P<a>" + _ANY_MONTH_RE + r")\s*[-–—]\s*(?P<b>" + _ANY_MONTH_RE + r")\b(?!\s*\d)",
    re.IGNORECASE,
)


def _month_number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    folded = word.lower().rstrip(".")
    if folded in _EN_MONTHS:
        return _EN_MONTHS[folded]
    return _lt_month(word) or _other_month(word)


def _months(m: re.Match[str], y: str) -> tuple[Date, Date] | None:
    a, b = _month_number(m.group("a")), _month_number(m.group("b"))
    if a is None or b is None or a >= b:
        return None
    return Date(f"{y}-{a:02d}", m.start("a"), m.end("a")), Date(
        f"{y}-{b:02d}", m.start("b"), m.end()
    )


def _month_range(text: str, year: str | None = None) -> tuple[Date, Date] | None:
    """The first range of two months in ``text``; one without its year only when ``year`` is
    given (the one year its record names)."""
    for pattern in _MONTH_RANGES:
        for m in pattern.finditer(text):
            months = _months(m, m.group("y"))
            if months is not None:
                return months
    if year is not None and not _YEAR_ANYWHERE.search(text):
        for m in _YEARLESS_MONTH_RANGE.finditer(text):
            months = _months(m, year)
            if months is not None:
                return months
    return None


_YEAR_ANYWHERE = re.compile(r"(?<![\d])" + _YEAR + r"(?![\d])")


def only_year(text: str) -> str | None:
    """The one year ``text`` names, or None when it names none or several."""
    found = None
    for m in _YEAR_ANYWHERE.finditer(text):
        if found is None:
            found = m.group("y")
        elif m.group("y") != found:
            return None  # a second year: the rest of the text need not be read
    return found


def _opened_before(text: str, dates: list[Date], first: Date) -> Date | None:
    """ "Seit September 2018; die ESF-Förderung lief vom 01.09.2018 bis 31.08.2021": a duration
    part that opens with a start and no end, in a clause of its own, gives the practice's
    period; the range a later clause names is something else's (its funding's)."""
    for date in dates:
        if date.start >= first.start:
            return None
        clause_end = re.search(r"[;.](?:\s|$)", text[date.end : first.start])
        if _OPEN_START.search(_before(text, date)) and clause_end is not None:
            return date
    return None


def period_in(
    text: str, *, whole_part: bool = False, year: str | None = None
) -> tuple[Date | None, Date | None]:
    """The first period ``text`` states: a range, an open range, or (in a duration part) a date.

    ``whole_part`` says the text is a duration part or a period label's value, where a single
    date or year is the period itself; ``year`` is the one year the record names, which a range
    of months written without its year ("Balandis–spalis") takes.
    """
    months = _month_range(text, year if whole_part else None)
    if months is not None:
        return months
    dates = find_dates(text)
    ongoing = bool(_STILL_RUNNING.search(text))
    ranges = [
        (a, b)
        for a, b in itertools.pairwise(dates)
        if _RANGE_JOIN.match(text[a.end : b.start])
        and a.value[:4] <= b.value[:4]
        and (a.value <= b.value or len(a.value) != len(b.value))
    ]
    if ranges and whole_part:
        opened = _opened_before(text, dates, ranges[0][0])
        if opened is not None:
            return opened, None
    if ranges:
        if not whole_part:
            return ranges[0][0], None if ongoing else ranges[0][1]
        # A duration part may list stages ("2018–2019 ..., 2020 and 2022–2023"): from the
        # first range's start to the last one's end (a year in the text after them is not).
        first = min((a for a, _ in ranges), key=lambda d: d.value)
        last = max((b for _, b in ranges), key=lambda d: d.value)
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
        return first, None if ongoing else first
    return None, None


# Words a dateline holds besides its date: "Published 14 March 2024", "Paskelbta 2024-03-14",
# "Updated on 2 May 2023 | News".
_PUBLISHED = re.compile(
    r"\b(?:published|posted|updated|paskelbta|publikuota|atnaujinta|veroffentlicht"
    r"|aktualisiert|opublikowano|publicets)\b",
    re.IGNORECASE,
)
_DATELINE_WORDS = re.compile(r"\b(?:last|on|date|am|data|datums|m|d)\b", re.IGNORECASE)


def is_dateline(text: str) -> bool:
    """A line that only says when a page was published: besides its dates it holds a word or
    two at most ("Naujienos | 2024-03-14", "Published 14 March 2024 by Admin")."""
    dates = find_dates(text)
    if not dates:
        return False
    rest = text
    for date in reversed(dates):
        rest = rest[: date.start] + " " + rest[date.end :]
    rest = fold(rest)
    published = _PUBLISHED.search(rest) is not None
    words = re.findall(r"[^\W\d_]{2,}", _DATELINE_WORDS.sub(" ", _PUBLISHED.sub(" ", rest)))
    return len(words) <= (2 if published else 1)
