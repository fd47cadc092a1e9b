"""Fields read straight from a record's text: title, summary, objectives and activities, target
groups, e-mails, web sites, postal addresses and project numbers.

Each reader returns values with the spans they came from. A value is a piece of the source
(trimmed of list markers and trailing punctuation), never a rewording.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from practicehub.catalogue.extract import people
from practicehub.catalogue.extract.dates import find_dates, is_dateline
from practicehub.catalogue.extract.form import Part
from practicehub.catalogue.extract.lines import Line
from practicehub.catalogue.extract.text import any_word_pattern, fold, sentences

Span = tuple[int, int]


@dataclass(slots=True)
class Value:
    text: str
    span: Span


# --- title and summary -------------------------------------------------------------------------

# Words that name a document's type or a collection, not a record, in the languages of our
# families: "Good practice example", "FICHE PROJET", "PROJEKTO KORTELĖ", "Baza dobrych praktyk",
# "Projektsteckbrief", "Labās prakses piemērs", "Ficha de proyecto", "Banca dati delle buone
# pratiche".
_GENERIC_TITLE = re.compile(
    r"\b(?:ger\w* praktik\w*|ger\w* patirt\w*|good practices?|best practices?|practices?|praktik\w*"
    r"|pavyzd\w*|examples?|aprasym\w*|aprasas|descriptions?|forma|form|template|sablon\w*|anketa"
    r"|project|projects|projekt\w*|projet|projets|kortel\w*|card|sheet|fact ?sheet|factsheet"
    r"|profile|fiche|bonnes? pratiques?|pratiques?|steckbrief|projektsteckbrief|praxis\w*"
    r"|gute|beispiel|dobr\w*|baza|bazy|labas|labā|prakses|piemers|katalog\w*|database|collection"
    r"|summary|overview|santrauka|of|the|a|an|nr|no|n|our|mus\w*|de|du|des|la|le"
    r"|ficha|scheda|proyectos?|progett[oi]|projetos?|buenas? practicas?|buon[ae] pratic[ah]e?"
    r"|boas? praticas?|banca dati|base de (?:datos|dados)|catalogo|raccolta|del|della|delle|dei"
    r"|di|do|da|dos|das|y|e)\b|\d+|[^\w\s]"
)


def is_generic_title(title: str) -> bool:
    """ "Good practice example", "Gerosios praktikos aprašymas Nr. 2": a form's name, not the
    practice's."""
    rest = _GENERIC_TITLE.sub(" ", fold(title)).split()
    return len(rest) <= 1


# A label before the name ("Project: ...", "Projektas „...“", "Title – ..."): the name is
# what follows it. Without a colon, dash or quote after it the word may be part of the name.
_TITLE_LABEL = re.compile(
    r"^(?:(?:the )?project(?: title| name)?|title(?: of the project)?|name of the project"
    r"|projektas|projekto pavadinimas|pavadinimas|projekt(?:titel|name)?|titel|projekts"
    r"|projekta nosaukums|nosaukums|tytu[lł] projektu|projekt|nazwa projektu"
    r"|(?:good |best )?practice|gerosios praktikos (?:pavyzdys|pavadinimas)|praktikos pavadinimas"
    r"|gute[- ]praxis(?:-beispiel)?|praxisbeispiel|labas prakses piemers|dobra praktyka)"
    r"(?:\s*[:–—-]\s*|\s+(?=[„“\"«]))"
    # A table's label cell run into its value, as PDF text gives it ("Praktikos pavadinimas
    # Kaimo moterų ..."): "pavadinimas" (name) opens no practice's own name.
    r"|^(?:(?:gerosios )?praktikos|projekto|iniciatyvos) pavadinimas\s+",
    re.IGNORECASE,
)


def clean_title(text: str) -> str:
    title = re.sub(r"\s+", " ", text).strip()
    title = re.sub(r"^\(?\d{1,2}[.)]\s+(?=\S)", "", title)  # "1) Projektas ...": its number
    label = _TITLE_LABEL.match(fold(title))
    if label and len(title) > label.end() + 2:
        title = title[label.end() :]
    title = title.rstrip(" :;,")
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1].rstrip()
    quotes = '„“”"«»'
    if len(title) > 2 and title[0] in quotes and title[-1] in quotes:
        inner = title[1:-1]
        if not any(q in inner for q in quotes):
            title = inner.strip()
    return title


def first_sentence(text: str, start: int, max_chars: int = 200) -> Value | None:
    found = sentences(text, start)
    if not found:
        return None
    a, b, s = found[0]
    if len(s) > max_chars:
        cut = s.rfind(" ", 0, max_chars)
        s = s[: cut if cut > 40 else max_chars].rstrip(" ,;:")
        b = a + len(s)
    return Value(s, (a, b))


# A news item's dateline before its first sentence: "2023 m. lapkričio 25 d., Vilnius.",
# "VILNIUS, 25 November 2023 –".
_DATELINE_CUT = re.compile(r"(?:\s+[–—-]+\s+|\.\s+)(?=[„\"“«]?[A-ZĄČĘĖĮŠŲŪŽÀ-ÖØ-Þ])")


def _dateline_end(text: str) -> int:
    """Where the text's opening dateline ends (0 when it has none): a day's date and at most
    a place, before a sentence that opens with a capital. The longest such lead wins, since
    "2023 m." alone is a date too; a year alone ("2020 m. Vilniaus ...") is part of the
    sentence."""
    end = 0
    for cut in _DATELINE_CUT.finditer(text, 0, 80):
        lead = text[: cut.start() + 1]
        if any(len(d.value) == 10 for d in find_dates(lead)) and is_dateline(lead):
            end = cut.end()
    return end


def summary_of(pieces: Iterable[tuple[int, int, str]], min_words: int = 15) -> Value | None:
    """One or two sentences from the first stretch of running text, without a dateline."""
    for start, _end, text in pieces:
        if cut := _dateline_end(text):
            start, text = start + cut, text[cut:]
        found = sentences(text, start)
        if not found:
            continue
        chosen = [found[0]]
        if len(found[0][2].split()) < min_words and len(found) > 1:
            chosen.append(found[1])
        a, b = chosen[0][0], chosen[-1][1]
        joined = " ".join(s for _, _, s in chosen)
        return Value(joined, (a, b))
    return None


# --- objectives and activities -------------------------------------------------------------------

_OBJECTIVE_CUE = re.compile(
    r"\b(?:objectives?|aims?|goals?|purpose|tiksl\w*|uzdavin\w*|siek\w*|skirt\w*)\b"
)
_ACTIVITY_CUE = re.compile(
    r"\b(?:activit\w*|actions?|will|would|includ\w*|made up|foresee\w*|consist\w*|organi[sz]e\w*"
    r"|carried out|implemented|veikl\w*|priemon\w*|rengin\w*|vykd\w*|igyvendin\w*|organizuo\w*"
    r"|numatyt\w*|planuoj\w*|work ?packages?|tasks?|steps?|bus|projekto metu|during the project"
    r"|teikiam\w*|teikia|provides?|offers?|siulo"
    r"|massnahmen|aktivitat\w*|pasakumi|działania)\b"
)
_TARGET_CUE = re.compile(
    r"\b(?:target\w*|tiksl\w* grup\w*|beneficiar\w*|dalyvi\w*|participants|naudos gavej\w*)\b"
)
_PARTNER_CUE = re.compile(
    r"\b(?:partner\w*|consortium|konsorcium\w*|organi[sz]ations?|organizacij\w*)\b"
)
_INFINITIVE_EN = re.compile(r"^to\s+[a-z]", re.IGNORECASE)
_INFINITIVE_LT = re.compile(r"^[A-ZĄČĘĖĮŠŲŪŽ]?[a-ząčęėįšųūž]+ti\b")

LIST_KEYS = {"objectives": "objectives", "aim": "objectives", "activities": "activities"}


def _list_runs(part: Part) -> list[tuple[Line | None, list[Line]]]:
    """Runs of list items in a part, each with the line that leads into it (or None)."""
    runs: list[tuple[Line | None, list[Line]]] = []
    previous: Line | None = part.heading_line
    current: list[Line] = []
    lead: Line | None = None
    for line in part.lines:
        if line.is_list_item:
            if not current:
                lead = previous
            current.append(line)
        else:
            if current:
                runs.append((lead, current))
                current = []
            previous = line
    if current:
        runs.append((lead, current))
    return runs


def _run_kind(part: Part, lead: Line | None, items: list[Line]) -> str | None:
    if part.key in LIST_KEYS and lead is part.heading_line:
        return LIST_KEYS[part.key]
    if part.key == "target_group":
        return "target_groups"
    if part.key == "partners":
        return None
    if lead is not None:
        cue = fold(
            lead.text
            if lead is not part.heading_line
            else (part.label.heading if part.label else "")
        )
        if lead.text.rstrip().endswith(":") or lead is part.heading_line:
            if _TARGET_CUE.search(cue):
                return "target_groups"
            if _PARTNER_CUE.search(cue) and not _ACTIVITY_CUE.search(cue):
                return None
            if _OBJECTIVE_CUE.search(cue):
                return "objectives"
            if _ACTIVITY_CUE.search(cue):
                return "activities"
    bodies = [ln.body for ln in items]
    infinitives = sum(1 for b in bodies if _INFINITIVE_EN.match(b) or _INFINITIVE_LT.match(b))
    if infinitives * 2 > len(bodies):
        return "objectives"
    if lead is not None and _OBJECTIVE_CUE.search(fold(lead.text)) and infinitives:
        return "objectives"
    if part.key in LIST_KEYS:
        return LIST_KEYS[part.key]
    return None


def _item(line: Line) -> Value | None:
    body = line.body.rstrip(" ;,.")
    if not body or body.endswith(":") or not re.search(r"[^\W\d_]{3,}", body):
        return None  # a lead-in to the items below it, or a stray marker
    return Value(body, (line.body_start, line.body_start + len(body)))


def _nested_items(items: list[Line]) -> list[Value]:
    """The items of a list run; where the reader gives nesting levels, an item keeps the items
    nested under it, in order ("To exchange methods: interactive methods; online formats")."""
    top = min(ln.level for ln in items)
    if all(ln.level == top for ln in items):
        return [v for v in map(_item, items) if v is not None]
    out: list[Value] = []
    for line in items:
        body = line.body.rstrip(" ;,.")
        if line.level > top and out:
            parent = out[-1]
            out[-1] = Value(f"{parent.text} {body}", (parent.span[0], line.body_start + len(body)))
            continue
        if body and re.search(r"[^\W\d_]{3,}", body):
            out.append(Value(body, (line.body_start, line.body_start + len(body))))
    return out


def lists_of(parts: list[Part]) -> dict[str, list[Value]]:
    """Objectives, activities and target groups written as lists, in source order."""
    out: dict[str, list[Value]] = {"objectives": [], "activities": [], "target_groups": []}
    for part in parts:
        for lead, items in _list_runs(part):
            kind = _run_kind(part, lead, items)
            if kind is None:
                continue
            out[kind].extend(_nested_items(items))
        if part.key == "objectives" and not _list_runs(part):
            lines = [ln for ln in part.lines if ln.word_count <= 40]
            if 0 < len(lines) <= 10 and len(lines) == len(part.lines):
                out["objectives"].extend(v for v in map(_item, lines) if v is not None)
    return out


# --- target groups written as text ---------------------------------------------------------------

_TARGET_INLINE = re.compile(
    r"\b(?:target groups?|target audiences?|tiksl\w* grup\w*|beneficiaries)"
    r"(?:\s+(?:like|such as|including|include|are|is|were|was|yra|buvo|–|-)|\s*:|\s*[-–])\s*"
)
_TARGET_STOP = re.compile(
    r"[;.!?]\s|[;.!?]$|\s(?:in order|so that|so as|which|who|that|tam kad|siekiant|kurie|kurios)\b"
    r"|\s(?:at|across|on|within)\s+(?:the\s+)?(?:national|regional|local|european|eu|international"
    r"|municipal|community|all)\b"
)
# Parts whose running text may say whom the project serves.
_NARRATIVE_KEYS = frozenset({"description", "aim", "objectives", "other"})


def target_groups_of(
    parts: list[Part], *, lithuanian: bool = False, english: bool = False, avoid: list[Span] = ()
) -> list[Value]:
    """Target groups from a target-group part or a "target groups are ..." phrase; where the
    record has neither, the people its aim and cue sentences say it serves, outside the
    organisations' names (``avoid``: "Alytaus miesto moterų krizių centru" is no group)."""
    found: list[Value] = []
    listed = False
    for part in parts:
        if part.key == "target_group" or (part.label and part.label.also == "target_group"):
            listed = True
            if any(ln.is_list_item for ln in part.lines):
                continue  # taken with the lists
            for n, (start, _end, text) in enumerate(part.body_pieces()):
                if n and not people.names_people(text):
                    break  # the part's text goes on past its groups ("This project has been
                    # funded ..." under a "Target groups" heading at a page's end)
                if len(text.split()) <= 80:
                    groups = people.groups_listed(
                        text, start, lithuanian=lithuanian, english=english
                    )
                    found.extend(Value(g.text, (g.start, g.end)) for g in groups)
            continue
        for start, _end, text in part.body_pieces():
            folded = fold(text)
            for m in _TARGET_INLINE.finditer(folded):
                stop = _TARGET_STOP.search(folded, m.end())
                end = stop.start() if stop else len(text)
                groups = people.groups_listed(
                    text[m.end() : end], start + m.end(), lithuanian=lithuanian, english=english
                )
                found.extend(Value(g.text, (g.start, g.end)) for g in groups)
    if found or listed:
        return found
    for i, part in enumerate(parts):
        if part.key not in _NARRATIVE_KEYS or (part.key == "other" and part.label is not None):
            continue
        for n, (start, _end, text) in enumerate(part.body_pieces()):
            # The lead: the record's opening paragraphs and its aim.
            lead = part.key in ("aim", "objectives") or (i == 0 and n < 3)
            for s_start, _s_end, sentence in sentences(text, start):
                at = people.cue_at(sentence, lead=lead)
                if at is not None:
                    groups = people.groups_in(sentence, s_start, lithuanian=lithuanian, after=at)
                    found.extend(
                        Value(g.text, (g.start, g.end))
                        for g in groups
                        if not any(a < g.end and g.start < b for a, b in avoid)
                    )
    return found


# --- contacts ----------------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"”“'(){}\[\],;]+", re.IGNORECASE)
_BARE_DOMAIN = re.compile(
    r"(?<![\w@./-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:lt|eu|com|org|net|info|de|be|lv|ee|pl"
    r"|fi|se|no|dk|uk|fr|it|es|nl|at|int|gov|edu|ie|pt|gr|cz|sk|hu|ro|bg|hr|si|ch|lu|mt|cy)"
    r"(?:/[^\s<>\"”“'(){}\[\],;]*)?(?![\w@-])"
)


def emails_of(text: str, start: int) -> list[Value]:
    if "@" not in text:
        return []  # most records give no e-mail address: skip the pattern's scan
    out = []
    for m in _EMAIL.finditer(text):
        email = m.group(0).rstrip(".")
        out.append(Value(email.lower(), (start + m.start(), start + m.start() + len(email))))
    return out


def _may_name_a_website(text: str) -> tuple[re.Pattern[str], ...]:
    """The website patterns that can match ``text``, by plain substring checks that are many
    times faster than the patterns' scans: a URL holds "://" or ends its "www" in "w." (any
    case); a bare domain has a dot right before its lower-case top-level domain."""
    patterns = []
    if "://" in text or "w." in text or "W." in text:
        patterns.append(_URL)
    if _DOT_LETTER.search(text):
        patterns.append(_BARE_DOMAIN)
    return tuple(patterns)


_DOT_LETTER = re.compile(r"\.[a-z]")


def websites_of(text: str, start: int) -> list[Value]:
    patterns = _may_name_a_website(text)
    if not patterns:
        return []
    out = []
    taken: list[Span] = []
    emails = [(m.start(), m.end()) for m in _EMAIL.finditer(text)] if "@" in text else []
    for pattern in patterns:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in [*emails, *taken]):
                continue
            url = m.group(0).rstrip(".,;:!?)/")
            if pattern is _BARE_DOMAIN and len(url.split(".")[0]) < 2:
                continue
            taken.append((m.start(), m.end()))
            out.append(Value(url.lower(), (start + m.start(), start + m.start() + len(url))))
    return sorted(out, key=lambda v: v.span)


_UP = "A-ZĄČĘĖĮŠŲŪŽ"
_LOW = "a-ząčęėįšųūžäöüßéèáàíóúñ"
_LT_STREET = re.compile(
    # "Vasario 16-osios g. 62": streets named after a date carry its day.
    # "Dariaus ir Girėno g. 185": a street named after two people.
    rf"(?:[{_UP}]\.\s?){{0,2}}[{_UP}][{_LOW}]+(?:\sir\s(?:[{_UP}]\.\s?)?[{_UP}][{_LOW}]+"
    rf"|[\s-][{_UP}]?[{_LOW}]+|\s\d{{1,2}}-[{_LOW}]+)?\s"
    r"(?:g\.|gatvė|al\.|alėja|pr\.|prospektas|pl\.|plentas|skg\.|skersgatvis|a\.|aikštė|kel\.)"
    r"\s?\d+[A-Za-z]?(?:\s?[-–/]\s?\d+[A-Za-z]?)?"
    rf"(?:,\s*(?:LT[-–]?\s?\d{{5}}\s*)?[{_UP}][{_LOW}]+(?:\s(?:m\.|r\.|sav\.))?)?"
)
_EU_STREET = re.compile(
    rf"(?:\d+[A-Za-z]?,?\s+)?(?:[{_UP}][\w'.-]*\s){{1,4}}"
    r"(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Square|Lane|Boulevard|Blvd\.|Place|Way|Drive|Quay)"
    r"(?:\s\d+[A-Za-z]?)?"
    rf"(?:,\s*[A-Z]{{0,2}}-?\d{{4,5}}\s+[{_UP}][{_LOW}]+|,\s*[{_UP}][{_LOW}]+(?:\s\d{{1,2}})?)*"
    # French streets are written in lower case ("rue de la Senne 44"); Polish postcodes
    # are "16-500".
    rf"|(?:Rue|rue|Avenue|avenue|Boulevard|boulevard|chaussée|Chaussée|Via|Viale|Piazza|Calle"
    rf"|Avenida|Plaza|Rua|Ulica|ul\.)\s"
    rf"(?:[\w'.-]+\s){{1,4}}?\d+[A-Za-z]?(?:/\d+[A-Za-z]?)?"
    rf"(?:,\s*(?:[A-Z]{{0,2}}-?\d{{4,5}}|\d\d-\d{{3}}|\d{{4}}-\d{{3}})\s+[{_UP}][{_LOW}]+)?"
    # Italian streets in lower case before a capitalised name ("via del Pratello 18"); Portuguese
    # postcodes are "4050-174".
    rf"|(?:via|viale|piazza|corso|largo)\s(?:(?:del|della|dei|degli|delle|dello|di)\s)?"
    rf"[{_UP}][\w'.-]*(?:\s[\w'.-]+){{0,3}}?\s\d+[A-Za-z]?"
    rf"(?:,\s*\d{{5}}\s+[{_UP}][{_LOW}]+)?"
    # Latvian and Estonian street words stand apart: "Brīvības iela 12", "Pärnu mnt 31".
    rf"|[{_UP}][\w-]+\s(?:iela|gatve|prospekts|bulvāris|laukums|mnt|maantee|tn|tänav|pst"
    rf"|puiestee)\.?\s\d+[A-Za-z]?(?:[-/]\d+[A-Za-z]?)?"
    rf"(?:,\s*(?:(?:LV|EE)-?)?\d{{4,5}}\s+[{_UP}][\w-]+|,\s*[{_UP}][\w-]+(?:,\s*LV-\d{{4}})?)?"
    rf"|[{_UP}][{_LOW}]+(?:straße|strasse|gasse|weg|platz|allee|straat|laan|gade|vej|gatan|iela"
    rf"|tänav|katu)\s\d+[A-Za-z]?(?:,\s*[A-Z]{{0,2}}-?\d{{4,5}}\s+[{_UP}][{_LOW}]+)?"
    # "Venloer Straße 190, 50823 Köln": the street word apart from the name before it.
    rf"|[{_UP}][{_LOW}]+\s(?:Straße|Strasse|Str\.|Gasse|Weg|Platz|Allee|Ring|Damm|Ufer)"
    rf"\s\d+[A-Za-z]?(?:,\s*(?:D-)?\d{{5}}\s+[{_UP}][{_LOW}]+)?"
)
_ADDRESS_CUE = re.compile(
    r"\b(?:address|adresas|buveines adresas|adrese|adres|adresse|anschrift)\s*[:–-]\s*",
    re.IGNORECASE,
)


# What every match of the street patterns holds, checked before their slow scans (most
# records give no address): a Lithuanian street word before its number, and for the other
# streets one of their words; the short Estonian ones ("tn", "mnt") are common inside words,
# so they count only before a number, as the pattern reads them.
_LT_STREET_HINT = re.compile(
    r"\s(?:g|al|pr|pl|skg|a|kel)\.\s?\d"
    r"|\s(?:gatvė|alėja|prospektas|plentas|skersgatvis|aikštė)\s?\d"
)
_EU_STREET_WORDS = (
    "Street", "St.", "Road", "Rd.", "Avenue", "Ave.", "Square", "Lane", "Boulevard", "Blvd.",
    "Place", "Way", "Drive", "Quay", "Rue", "rue", "avenue", "boulevard", "chaussée", "Chaussée",
    "Via", "Piazza", "Calle", "Avenida", "Plaza", "Rua", "Ulica", "ul.", "iela", "gatve",
    "prospekts", "bulvāris", "laukums", "maantee", "tänav", "puiestee", "straße", "strasse",
    "gasse", "weg", "platz", "allee", "straat", "laan", "gade", "vej", "gatan", "katu", "Straße",
    "via", "viale", "piazza", "corso", "largo",
    "Strasse", "Str.", "Gasse", "Weg", "Platz", "Allee", "Ring", "Damm", "Ufer",
)  # fmt: skip
_EU_SHORT_STREET = re.compile(r"(?:tn|pst|mnt)\.?\s\d")
# Any of the words, in one pass (fifty ``in`` tests read a record's text fifty times).
_EU_STREET_WORD = re.compile(any_word_pattern(_EU_STREET_WORDS))


def _street_patterns(text: str) -> list[re.Pattern[str]]:
    patterns = [_LT_STREET] if _LT_STREET_HINT.search(text) else []
    if _EU_STREET_WORD.search(text) or _EU_SHORT_STREET.search(text):
        patterns.append(_EU_STREET)
    return patterns


def addresses_of(text: str, start: int) -> list[Value]:
    out: list[Value] = []
    taken: list[Span] = []
    for pattern in _street_patterns(text):
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            value = m.group(0).strip(" ,.")
            at = m.start() + m.group(0).index(value)
            taken.append((at, at + len(value)))
            out.append(Value(value, (start + at, start + at + len(value))))
    folded = fold(text)
    # Every cue holds "adres", "address" or "anschr" (the pattern ignores case: no "i" here,
    # which it would also meet as a dotless "ı").
    if "adres" not in folded and "address" not in folded and "anschr" not in folded:
        return sorted(out, key=lambda v: v.span)
    for m in _ADDRESS_CUE.finditer(folded):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end == -1 else line_end
        value = re.split(r"[;]|\s(?:tel\.|el\.|e-mail|phone)", text[m.end() : line_end])[0]
        value = value.strip(" ,.")
        if value and not any(a <= m.end() < b for a, b in taken) and re.search(r"\d", value):
            at = m.end() + text[m.end() :].index(value)
            taken.append((at, at + len(value)))
            out.append(Value(value, (start + at, start + at + len(value))))
    return sorted(out, key=lambda v: v.span)


# --- project numbers -----------------------------------------------------------------------------

# Written to open with its first character's class, the look-behind then testing the one
# before it (at the text's start there is none, as for a look-behind of one): a pattern that
# opens with a class lets the engine skip, in C, to the characters that can start a code.
_CODE = re.compile(
    r"[A-Z0-9](?<![\w/@.-].)[A-Z0-9]*(?:\s?[-/.]\s?[A-Z0-9]+){3,}(?:_\d+)?(?![\w/@-])"
)
# A project's code ends in its serial number ("-063124", "/0021"), a call's in a year or a
# short number ("REC-RDAP-GBV-AG-2019", "PMIF-2.1.3-K-02").
_SERIAL = re.compile(r"(?<![\d])(?!(?:19|20)\d\d$)\d{3,}$")
_CUED_CODE = re.compile(
    r"\b(?:project (?:number|no\.?|code|reference|id)|project(?=\s+\d{6,})"
    r"|projekt\w* (?:numeris|nr\.?)|grant agreement(?: (?:number|no\.?|id))?"
    r"|forderkennzeichen|förderkennzeichen|aktenzeichen|projektnummer|numer (?:projektu|umowy)"
    r"|nr (?:projektu|umowy)|projekta (?:numurs|nr\.?)|līguma nr\.?|liguma nr\.?"
    r"|reference (?:number|no\.?)|numéro (?:du |de )?(?:projet|convention)"
    r"|contract (?:number|no\.?)|projekto (?:numeris|nr\.?|kodas(?: nr\.?)?)|sutarties nr\.?"
    r"|\(nr\.|kodas nr\.?"
    # 'Projekts „Drošs atbalsts laukos“ (LLI-512)': a code in brackets after the quoted title.
    r"|(?:project|projekt\w*|projet)\s+[„“\"«][^„“”\"«»\n]{3,150}[“”\"»]\s*\((?=[A-Z]+-?\d+\))"
    r")\s*[:.]?\s*",
    re.IGNORECASE,
)
_CUED_VALUE = re.compile(r"[A-Z0-9][A-Z0-9./_-]*\d[A-Z0-9./_-]*|\d{5,}")
_LEGAL_ACT = re.compile(r"(?:isakym|nutarim|sprendim|istatym|order|decision)\w*\s*$")
# A code named as a call, a measure or a topic ("call REC-RDAP-GBV-AG-2019", "pagal kvietimą
# PMIF-2.1.3-K-02") identifies what the project applied to, not the project.
_CALL_CUE = re.compile(
    r"\b(?:call|calls|topic|measure|kvietim\w*|priemon\w*|aufruf\w*|ausschreibung|konkurs\w*"
    r"|nabor\w*|uzaicinajum\w*)\b[^.\n]{0,60}$"
)


def _is_code(code: str) -> bool:
    groups = re.split(r"[-/._]", code)
    has_letters = any(re.fullmatch(r"[A-Z]{2,}\d*|[A-Z]+\d+|\d+[A-Z]+", g) for g in groups)
    has_digits = any(ch.isdigit() for ch in code)
    is_date = bool(re.fullmatch(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}", code))
    return has_letters and has_digits and not is_date


def project_numbers_of(
    text: str, start: int, quiet: list[Span] = (), calls: list[Span] = ()
) -> list[Value]:
    """Codes that number the project: any code of a project number's shape, except where the
    text names it as a call or measure, or where it stands uncued in ``quiet`` spans (a
    programme or funding part: "Rights, Equality and Citizenship Programme – REC-RDAP-...");
    and whatever a label or phrase says is the project's number. A code under a call's or a
    topic's label (``calls``: "Call for proposal" / "HORIZON-WIDERA-2022-ERA-01") numbers the
    call, never the project."""
    out: list[Value] = []
    taken: list[Span] = []
    for m in _CODE.finditer(text):
        code = re.sub(r"\s+", "", m.group(0))
        before = text[max(0, m.start() - 8) : m.start()].lower()
        if "www" in before or "http" in before or not _is_code(code):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _CALL_CUE.search(fold(text[max(line_start, m.start() - 80) : m.start()])):
            continue
        if any(a <= start + m.start() < b for a, b in calls):
            continue
        if any(a <= start + m.start() < b for a, b in quiet) and not _SERIAL.search(code):
            continue  # a call's or programme's code; a project's ends in its own serial
        taken.append((m.start(), m.end()))
        out.append(Value(code, (start + m.start(), start + m.end())))
    for m in _CUED_CODE.finditer(text):
        v = _CUED_VALUE.match(text, m.end())
        if not v or any(a <= v.start() < b for a, b in taken):
            continue
        if _LEGAL_ACT.search(fold(text[max(0, m.start() - 30) : m.start()])):
            continue
        code = v.group(0).rstrip(".-/")
        if len(code) < 4:
            continue
        taken.append((v.start(), v.start() + len(code)))
        out.append(Value(code, (start + v.start(), start + v.start() + len(code))))
    return sorted(out, key=lambda v: v.span)
