"""Target groups named in running text: the people a sentence says the project is for.

A record that has no target-group part still names its people: "The goal of the project is to
strengthen the intercultural competence of civil servants and municipal staff", "Projektas
skirtas ilgalaikėms bedarbėms ir moterims, grįžtančioms į darbo rinką ...". A sentence is read
for them only when it says whom the project serves ("skirtas", "aimed at", "participants"
anywhere; "trains", "helps", "the goal is", "siekiama" in the record's opening and aim; a list
after a colon), and only after those words; there each noun of people
(``data/target_groups.json``) is taken with the words that belong to it — in English the
modifiers before it and an "of"/"aged"/"who" phrase after it, in Lithuanian the genitives and
words of its own case before it and a participle clause after a comma. A bare "staff" or
"people" says too little and is left out. The phrase is the source's text, in the case the
sentence puts it in.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from practicehub.catalogue.extract.text import fold

_DATA = Path(__file__).parent / "data" / "target_groups.json"
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+\+?")

# Words that say whom the project is for, anywhere in a record ("skirtas", "aimed at", "the
# participants were"), and words that do so in its lead (the opening paragraph and its aim:
# "The goal is to strengthen ...", "Projektu siekiama ..."). People are taken after the cue.
STRONG_CUE = re.compile(
    r"\b(?:target(?:s|ed|ing)?|aim(?:s|ed)? at|intended for|designed for|addressed to|open to"
    r"|for whom|participants?|participated|took part|skirt\w*|dalyv\w*|naudos gavej\w*"
    r"|richtet sich an|fur (?=\w+innen)|paredzet\w*|przeznaczon\w*|skierowan\w*)\b"
)
LEAD_CUE = re.compile(
    r"\b(?:trains?|trained|training (?:for|of)|works? with|brings? together|reach(?:es|ed)?"
    r"|support(?:s|ed|ing)?|help(?:s|ed|ing)?|empower\w*|strengthen\w*|goal|aim|purpose"
    r"|objective|tiksl\w*|siek\w*|subur\w*|apmok\w*|padet\w*|konsult\w*|stiprin\w*|skatin\w*"
    r"|mokym\w* (?=\w+(?:ams|oms|ems|ims)\b))"
)

_EN_STOP = frozenset(
    re.findall(
        r"\S+",
        "the a an of for to with and or by from in on at as who which that is are was "
        "were be been will would can could our their its his her all both these those such "
        "many several other more most also only new we they it this there into about between "
        "among than per each every train trains trained support supports help helps reach "
        "reaches involve involves engage engages empower empowers strengthen strengthens "
        "bring brings target targets serve serves work works teach teaches meet meets prepare "
        "prepares including especially particularly like mostly mainly whose whom people "
        "persons together against even "
        # Verbs whose object is a group ("help families and vaccinate children"): a group's
        # modifiers are not verbs.
        "helped supported reached involved engaged empowered served prepared taught vaccinate "
        "vaccinates vaccinated inform informs informed protect protects protected assist "
        "assists assisted encourage encourages encouraged enable enables enabled integrate "
        "integrates mentor mentors mentored coach coaches coached counsel counsels counselled "
        "counseled advise advises advised guide guides guided accompany accompanies accompanied "
        "welcome welcomes welcomed employ employs employed hire hires hired recruit recruits "
        "recruited invite invites invited consult consults consulted visit visits visited "
        "contact contacts contacted motivate motivates motivated mobilise mobilises mobilised "
        "mobilize mobilizes mobilized connect connects connected gather gathers gathered",
    )
)
_LT_STOP = frozenset(
    re.findall(
        r"\S+",
        "ir bei ar su is i per prie apie uz kad kaip tai yra bus buvo ju jos jo ne tik "
        "taip pat bet o del nuo iki po be tarp kurie kurios kuriems kurioms visu visos visi "
        "visiems sie sios siu savo jau dar kiti kitos kitu labiau ypac nei negu pas ant pries "
        "virs link pagal salia greta",
    )
)
# Lithuanian case endings, on the word as written (the diacritics tell the cases apart): a word
# before a people noun belongs to it when it is a genitive ("savivaldybių administracijų
# darbuotojų", "vyresnio amžiaus žmonių") or stands in the noun's own case ("ilgalaikėms
# bedarbėms", "jaunos moterys"); after a participle its complements come too ("tautinėms
# mažumoms priklausantį jaunimą").
_LT_CASES = {
    "genitive": re.compile(r"(?:ų|os|ės|o|io|aus|ies|ios)$"),
    "dative": re.compile(r"(?:oms|ėms|ams|iems|ims|ioms)$"),
    "nominative": re.compile(r"(?:ai|os|ės|ys|iai|ūs|i|ios|ieji|osios)$"),
    "accusative": re.compile(r"(?:ą|į|ę|us|as|es|is|ius|ias)$"),
    "instrumental": re.compile(r"(?:ais|omis|ėmis|imis|iais)$"),
}
_LT_PARTICIPLE = re.compile(r"(?:anč|inč|usi|ant|int)\w*$|(?:ę|ęs)$")
_LT_VERB = re.compile(r"(?:ti|tis|ame|ome|ate|ote|sime|site)$")
_EN_AFTER = re.compile(r"\s+(?:of|from|aged|with|in|who|that)\s")
_LT_AFTER = re.compile(
    r"\s*,\s+(?=(?:kurie|kurios|kurių|\w+(?:anč|inč|usi)\w*|\w+(?:antys|intys|ę|ęs))\b)"
    # "moterims nuo 60 metų", "vaikams iki 14 metų", "jaunimui nuo 14 iki 29 metų"
    r"|\s+(?=(?:nuo|iki|virš|virs)\s+\d)"
)
_CLAUSE_END = re.compile(r"[,;:.!?()\[\]–—]|\s(?:and|or|ir|bei|ar|but|o|to|in order)\s")
# What makes "people" a group: "people with disabilities", "persons aged 65+".
_SAYS_WHICH = re.compile(r"\s+(?:with|from|aged|over|under|living|su|is|virs|nuo)\s")
MAX_WORDS = 12
_ONE = re.compile(r"\b(?:a|an|one|vienas|viena)\s+(?:[a-z-]+\s+){0,2}$")


@dataclass(frozen=True, slots=True)
class Group:
    text: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _heads() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    lt = [e if e.endswith(")") else e + "[a-z]{0,5}" for e in data["lt"]]
    heads = re.compile(r"\b(?:" + "|".join([*data["en"], *lt]) + r")\b")
    generic = re.compile(r"^(?:" + "|".join(data["generic"]) + r")$")
    relational = re.compile(r"^(?:" + "|".join(data["relational"]) + r")")
    return heads, generic, relational


def _tokens(text: str, a: int, b: int) -> list[tuple[int, int]]:
    return [(m.start() + a, m.end() + a) for m in _TOKEN.finditer(text[a:b])]


def _lt_cases(word: str) -> set[str]:
    return {case for case, ending in _LT_CASES.items() if ending.search(word)}


def _left(text: str, folded: str, start: int, end: int, lithuanian: bool) -> int:
    """Where the modifiers before a people noun (at ``start``:``end``) begin."""
    head_cases = _lt_cases(text[start:end].lower())
    begin, taken, after_participle = start, 0, False
    for a, b in reversed(_tokens(folded, 0, start)):
        if folded[b:begin].strip():
            break  # punctuation between: the phrase ends there
        word, written = folded[a:b], text[a:b].lower()
        if lithuanian:
            if word in _LT_STOP:
                break
            cases = _lt_cases(written)
            if _LT_PARTICIPLE.search(written) and cases & head_cases:
                after_participle = True  # "priklausantį jaunimą": it agrees with the noun
            elif _LT_VERB.search(written) or not (
                "genitive" in cases
                or cases & head_cases
                or (after_participle and cases & {"dative", "genitive"})
            ):
                break
        elif word in _EN_STOP or word.endswith("ly") or word.isdigit():
            break
        begin, taken = a, taken + 1
        if taken == 3:
            break
    return begin


def _right(text: str, folded: str, end: int, lithuanian: bool) -> int:
    """Where a people noun's own complement ends ("officials of public institutions",
    "moterims, grįžtančioms į darbo rinką ...")."""
    after = _LT_AFTER.match(text.lower(), end) if lithuanian else _EN_AFTER.match(folded, end)
    if after is None:
        return end
    stop = _CLAUSE_END.search(folded, after.end())
    limit = stop.start() if stop else len(text)
    words = _tokens(folded, after.end(), limit)
    if not words or len(words) > MAX_WORDS:
        return end
    return words[-1][1]


def groups_in(
    text: str, start: int = 0, *, lithuanian: bool = False, after: int = 0
) -> list[Group]:
    """The people a sentence names after offset ``after`` (where its cue stands); ``start`` is
    the sentence's offset in the document."""
    folded = fold(text)
    heads, generic, relational = _heads()
    candidates: list[tuple[int, int]] = []
    qualified: set[tuple[int, int]] = set()  # readings whose noun has a complement after it
    for m in heads.finditer(folded, after):
        written = text[m.start() : m.end()]
        if lithuanian and (_LT_VERB.search(written) or written.endswith(("ę", "į"))):
            continue  # a verb ("kandidatuoti"), or one person ("patyrusią tarybos narę")
        if _ONE.search(folded, 0, m.start()):
            continue  # "a new pupil who ...": one person, not a group
        a = max(_left(text, folded, m.start(), m.end(), lithuanian), after)
        b = _right(text, folded, m.end(), lithuanian)
        bare = a == m.start() and b == m.end()
        if generic.match(m.group(0)) and a == m.start() and not _SAYS_WHICH.match(folded, m.end()):
            continue  # "people" alone, or "people who ...", says nothing of which people
        if bare and relational.match(m.group(0)):
            continue  # "staff", "darbuotojų": whose staff the sentence does not say
        candidates.append((a, b))
        if _AGE_AFTER.match(folded, m.end()):
            qualified.add((a, b))
    # The longest reading wins where phrases overlap ("tautinėms mažumoms priklausantį
    # jaunimą" holds "tautinėms mažumoms").
    chosen: list[tuple[int, int]] = []
    for a, b in sorted(candidates, key=lambda c: c[0] - c[1]):
        if all(b <= x or y <= a for x, y in chosen) and len(text[a:b].split()) <= MAX_WORDS + 4:
            chosen.append((a, b))
    found = []
    for a, b in _shared_complements(folded, sorted(chosen), qualified):
        phrase = text[a:b].strip(" ,;:")
        found.append(Group(phrase, start + a, start + a + len(phrase)))
    return found


# An age or a number that qualifies every group of a pair ("aged 10–17", "nuo 60 metų").
_AGE_AFTER = re.compile(r"\s+(?:aged|over|under|from|between|nuo|iki|virs)\s+\d")
_JUST_AND = re.compile(r"^\s+(?:and|or|ir|bei|ar|und|oder|i|oraz|un|vai)\s+$")


def _shared_complements(
    folded: str, chosen: list[tuple[int, int]], qualified: set[tuple[int, int]]
) -> list[tuple[int, int]]:
    """ "girls and boys aged 10–17", "moterys ir merginos nuo 16 metų": two groups joined by a
    conjunction share the age written after the second; they are one group."""
    out: list[tuple[int, int]] = []
    for a, b in chosen:
        if out and (a, b) in qualified and _JUST_AND.match(folded[out[-1][1] : a]):
            prev_a, prev_b = out[-1]
            if (prev_a, prev_b) not in qualified:
                out[-1] = (prev_a, b)
                continue
        out.append((a, b))
    return out


def cue_at(sentence: str, *, lead: bool) -> int | None:
    """Where a sentence starts saying whom the project serves, or None: a strong cue anywhere,
    a lead cue in the record's opening and aim, or a colon before a list of people."""
    folded = fold(sentence)
    for pattern in (STRONG_CUE, LEAD_CUE) if lead else (STRONG_CUE,):
        m = pattern.search(folded)
        if m:
            return m.end()
    colon = folded.find(":")
    if colon != -1:
        # "...: programme managers, officials of public institutions and freelance trainers"
        items = re.split(r",|\s(?:and|or|ir|bei)\s", folded[colon + 1 :])
        heads = _heads()[0]
        if sum(1 for item in items if heads.search(" ".join(item.split()[:3]))) >= 2:
            return colon
    return None


# A list item that only qualifies the one before it ("Moterys, vadovaujančios ...", "women,
# especially from the regions", "mokytojai, kurių klasėse ...").
_RELATIVE = re.compile(
    r"^(?:who|which|that|whose|where|kurie|kurios|kurių|kuriems|kurioms|kuriuos|kur|kas|kuri"
    r"|kuras|kuriem|który|która|które|którzy|die|der|welche"
    # a clause that says why or how ("..., nes bijo ...", "..., because they ...")
    r"|nes|kadangi|because|weil|kaip|how)\b"
)
# A lead-in before a dash that names no people: "Antroji grupė – ...", "Netiesiogiai – ...".
_LEAD_IN = re.compile(r"\s*([^\W\d_][\w ]{0,30}?)\s+[–—]\s+")
# A sentence ends after a word of three letters or more ("... su vaikais. Antroji grupė"), not
# after "m." or "45.".
_SENTENCE_BREAK = re.compile(r"(?<=[^\W\d_]{3}[.!?])\s+(?=[A-ZĄČĘĖĮŠŲŪŽ])")


def _sentence_pieces(text: str) -> list[tuple[int, int]]:
    out, begin = [], 0
    for m in _SENTENCE_BREAK.finditer(text):
        out.append((begin, m.start()))
        begin = m.end()
    out.append((begin, len(text)))
    return out


_PARTICIPLE = re.compile(r"^\w+(?:anč|inč|usi|ant|int)\w*\b|^\w+(?:ę|ęs|ingi|ingos|ing|ed)\b")
_QUALIFIER = re.compile(
    r"^(?:in particular|especially|particularly|including|mostly|mainly|such as|like|also"
    r"|ypac|daugiausia|taip pat|ypatingai|tarp ju|iskaitant)\s+"
)
_CONJUNCTION = re.compile(r"^(?:and|or|ir|bei|ar|as well as|taip pat ir|un|vai|i|oraz|und|oder)\s+")
_ENDS_GENITIVE = re.compile(r"u$")
MAX_ITEM_WORDS = 20


def _pieces(text: str, separators: str) -> list[tuple[int, int]]:
    """Offsets of the pieces between separators outside parentheses."""
    out, depth, begin = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0 and (ch != ":" or text[i + 1 : i + 2].isspace()):
            # "... su kliūtimis: žmonės su negalia, ...": a colon opens a list of groups.
            out.append((begin, i))
            begin = i + 1
    out.append((begin, len(text)))
    return out


def _trimmed(text: str, a: int, b: int, pattern: re.Pattern[str]) -> int:
    m = pattern.match(fold(text[a:b]))
    return a + m.end() if m else a


def groups_listed(
    text: str, start: int = 0, *, lithuanian: bool = False, english: bool = False
) -> list[Group]:
    """The groups of a target-group part or of a list after "target groups are ...".

    Semicolons separate groups; commas too, except before a part that only qualifies the group
    before it (a participle, a relative clause, "especially ...") and, in Lithuanian, after
    genitives that a later noun completes ("finansų, kultūros ir sporto specialistai"). "And"
    and "or" do not separate: "Employers and HR managers in the region" share their words.
    """
    heads = _heads()[0]
    items: list[list[int]] = []
    whole: list[list[int]] = []  # enumerations kept as one group
    semicolons = [
        (a + x, a + y) for a, b in _pieces(text, ";") for x, y in _sentence_pieces(text[a:b])
    ]
    for a, b in semicolons:
        if len(semicolons) > 1 and _enumeration(text[a:b]):
            # "...; social workers, school psychologists and child rights specialists who
            # refer children": between semicolons a list of nouns closed by "and" is one group.
            x = _trimmed(text, a + len(text[a:b]) - len(text[a:b].lstrip()), b, _CONJUNCTION)
            items.append([x, b])
            whole.append(items[-1])
            continue
        pending: list[int] | None = None  # a Lithuanian genitive waiting for its noun
        first_item = len(items)
        for x, y in _pieces(text[a:b], ",:"):
            x, y = a + x, a + y
            after_colon = text[x - 1 : x] == ":"
            while x < y and text[x].isspace():
                x += 1
            x = _trimmed(text, x, y, _CONJUNCTION)
            lead_in = _LEAD_IN.match(text, x, y)
            if lead_in and not heads.search(fold(lead_in.group(1))):
                x = lead_in.end()  # "Antroji grupė – būstų savininkai", "Netiesiogiai – jų ..."
            piece = fold(text[x:y]).strip()
            if not piece:
                continue
            has_head = bool(heads.search(piece))
            qualified = _QUALIFIER.match(piece)
            if pending is not None:
                pending[1] = y
                if has_head:
                    items.append(pending)
                    pending = None
                continue
            lower = text[x:y].strip().lower()
            second = lower.split(maxsplit=1)[1] if " " in lower else ""
            participle = _PARTICIPLE.match(lower) or _PARTICIPLE.match(second)
            # "Women with refugee status, subsidiary protection or temporary protection, aged
            # 18 to 55": a piece that names no people goes on describing the group before it.
            describes = (
                english
                and not has_head
                and text[x:y].strip()[:1].islower()
                and len(items) > first_item  # not across a semicolon
                and bool(heads.search(fold(text[items[-1][0] : items[-1][1]])))
                and len(text[items[-1][0] : y].split()) <= MAX_ITEM_WORDS
            )
            attaches = (
                _RELATIVE.match(lower)
                or (not has_head and (participle or after_colon))  # "...: nukreipti teismo"
                or describes
            )
            if items and not qualified and attaches:
                items[-1][1] = y
                continue
            if qualified:
                if not has_head:
                    if items:
                        items[-1][1] = y
                    continue
                x = _trimmed(text, x, y, _QUALIFIER)
            words = piece.split()
            if lithuanian and not has_head and _ENDS_GENITIVE.search(words[-1]):
                pending = [x, y]
                continue
            items.append([x, y])
        if pending is not None:
            items.append(pending)
    out = []
    split = items if items and items[-1] in whole else _last_conjunction(text, items, heads)
    for x, y in split:
        item = _without_remarks(text[x:y]).strip(' .,:;„“”"–—-')
        item = re.sub(r"^(?:the|a|an)\s+|\s*(?:etc\.?|ir kt\.?|and others|ir kiti)$", "", item)
        if item and len(item.split()) <= MAX_ITEM_WORDS and re.search(r"[^\W\d_]{3,}", item):
            at = text.find(item, x)
            if at != -1:
                out.append(Group(item, start + at, start + at + len(item)))
    return out


_LAST_AND = re.compile(r"\s+(?:and|or|ir|bei|ar)\s+")
# "social workers, school psychologists and child rights specialists", "sociālie darbinieki,
# policisti un ģimenes ārsti": short nouns, the last two joined by a conjunction.
_ENUM_ITEM = re.compile(r"^\s*[^\W\d_][\w'’-]*(?:\s+[\w'’-]+){0,3}\s*$")
_ENUM_LAST = re.compile(
    r"^\s*[^\W\d_][\w'’-]*(?:\s+[\w'’-]+){0,3}\s+(?:and|or|ir|bei|ar|un|vai|i|oraz|und|et|ou)"
    r"\s+[\w'’-]+"
)


def _enumeration(piece: str) -> bool:
    """Whether a piece is "A, B and C" (a trailing relative clause aside): two or more short
    items, none qualifying the one before, the last pair joined by a conjunction."""
    commas = [piece[x:y] for x, y in _pieces(piece, ",")]
    while len(commas) > 2 and _RELATIVE.match(commas[-1].strip().lower()):
        commas.pop()  # ", kuri pirmie saskaras ar ...": it describes the whole list
    if len(commas) < 2 or "(" in piece:
        return False
    folded = [fold(c).strip() for c in commas]
    if any(_QUALIFIER.match(f) or _RELATIVE.match(f) for f in folded):
        return False
    return all(_ENUM_ITEM.match(c) for c in commas[:-1]) and bool(_ENUM_LAST.match(commas[-1]))


def _last_conjunction(text: str, items: list[list[int]], heads: re.Pattern[str]) -> list[list[int]]:
    """In a list of several items the last "and"/"or" separates the last two groups
    ("public institutions, trainers or EU-funding programme managers"), when a people noun
    stands on both sides of it."""
    if len(items) < 2:
        return items
    x, y = items[-1]
    piece = fold(text[x:y])
    for m in reversed(list(_LAST_AND.finditer(piece))):
        if heads.search(piece[: m.start()]) and heads.search(piece[m.end() :]):
            return [*items[:-1], [x, x + m.start()], [x + m.end(), y]]
    return items


def _without_remarks(text: str) -> str:
    """The item up to a remark in parentheses ("(daugiausia iš Ukrainos, ...)")."""
    cut = text.find("(")
    return text[:cut] if cut > 0 else text


def names_people(text: str) -> bool:
    """Whether the text names a group of people at all."""
    return bool(_heads()[0].search(fold(text)))
