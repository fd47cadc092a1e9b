"""Organisations a record names, with their role, acronym and country.

Two sources, both in Lithuanian and English:

- the parts of a form or page that list organisations ("Gerosios praktikos pavyzdį teikianti
  organizacija", "Partners:", "Projekto koordinatorius –"): the role comes from the label;
- role phrases in running text ("coordinated by", "consortium consists of", "in partnership
  with", "projektą įgyvendina", "projektą remia").

A list is split at commas, semicolons and a final "and"/"ir" without breaking names that hold
them ("Ministry of Social Security and Labour", "Socialinės apsaugos ir darbo ministerija").
Parentheses after a name give its acronym ("(DDG)"), its country ("(Belgium)") or its name in the
other language; other remarks in parentheses are dropped. A phrase that does not read as an
organisation's name is left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from practicehub.catalogue.extract.countries import country_code
from practicehub.catalogue.extract.draft import OrganisationMention
from practicehub.catalogue.extract.labels import match_label
from practicehub.catalogue.extract.literals import Needs, may_match, needed
from practicehub.catalogue.extract.names import (
    display_name,
    has_head,
    has_legal_form,
    head_concepts,
    is_acronym,
    name_key,
    names_people,
    nominative_rank,
    quoted_part,
    stem_key,
)
from practicehub.catalogue.extract.programmes import names_a_foundation
from practicehub.catalogue.extract.text import any_word_pattern, fold


@dataclass(frozen=True, slots=True)
class RolePhrase:
    role: str
    pattern: re.Pattern[str]
    # The list must open with a capital or a quote in the text as written ("together with
    # the Kaunas County Library", not "together with the client"): the pattern sees no case.
    named: bool
    # Words the pattern cannot match without (``_literals``).
    trigger: frozenset[str]
    # Strings every match holds (``literals.needed``): a stricter test, run before the search.
    needs: Needs


def _phrase(role: str, pattern: str, *, named: bool = False) -> RolePhrase:
    compiled = re.compile(pattern)
    return RolePhrase(role, compiled, named, frozenset(_literals(pattern)), needed(compiled))


# Words every phrase has beside a rarer one: no use as a trigger.
_COMMON = frozenset(
    re.findall(
        r"\S+",
        "the are was were with its their these being yra der die das dem den des von ist mit "
        "jest przez from",
    )
)


def _literals(pattern: str) -> list[str]:
    """The words of three letters or more a pattern spells out: a text none of them occurs in
    cannot match it, and a plain search for them is many times faster than the pattern's."""
    plain = re.sub(r"\\[a-zA-Z]|\(\?[:=!<]*|\[[^\]]*\]|\{[^}]*\}|[()|?*+.^$\\]", " ", pattern)
    return sorted({w for w in re.findall(r"[^\W\d_]{3,}", plain) if w not in _COMMON})


# Patterns run on folded text (Polish "ł" stays as it is); the list of names follows the
# match. English and Lithuanian first, then German, Latvian, Polish, Spanish, Italian and
# Portuguese.
# An article after a Spanish, Italian or Portuguese role phrase is not part of the name
# ("financiado por el Ayuntamiento", "finanziato dalla Regione", "com o apoio da Câmara").
_ROMANCE_ARTICLE = r"(?:(?:el|la|los|las|il|lo|gli|i|le|o|a|os|as)\s+|l[\"'’])?"
ROLE_PHRASES: tuple[RolePhrase, ...] = (
    _phrase(
        "member",
        r"\bconsortium (?:consists of|comprises|is composed of|is made up of|includes"
        r"|members are|partners are)\s*(?:(?:these|the following) organi[sz]ations\s*)?:?\s*",
    ),
    _phrase("member", r"\bmembers of the consortium\s*(?:are|:)\s*"),
    _phrase("member", r"\bkonsorcium\w* (?:sudaro|dalyvauja)\s*:?\s*"),
    _phrase(
        "coordinator",
        r"\b(?:project\s+)?(?:coordinator|lead partner|lead organi[sz]ation|lead applicant"
        r"|applicant|promoter)\s*(?:is|was|:|-)\s+",
    ),
    _phrase("coordinator", r"\b(?:co-?ordinated|led)\s+by\s+"),
    _phrase("coordinator", r"\bunder the (?:co-?ordination|leadership) of\s+"),
    _phrase("coordinator", r"\b(?:projekto\s+)?koordinator\w*\s*(?:yra|:|-)\s*"),
    _phrase("coordinator", r"\bprojekt\w* (?:koordinuoja|koordinavo)\s+"),
    _phrase("coordinator", r"\bpareiskej\w*\s*(?:yra|:|-)\s*"),
    _phrase("coordinator", r"\bvadovaujantysis partneris\s*(?:yra|:|-)?\s*"),
    _phrase(
        "implementer",
        r"\b(?:is|was|are|were|being)\s+(?:implemented|carried out|run|executed|delivered)\s+"
        r"(?:in conjunction with|jointly with|together with|by)\s+",
    ),
    _phrase("implementer", r"\bimplementing organi[sz]ations?\s*(?:is|are|:|-)\s*"),
    _phrase(
        "implementer", r"\b(?:run|organi[sz]ed|hosted|implemented|carried out|delivered) by\s+"
    ),
    _phrase("implementer", r"\bprojekt\w* (?:igyvendina|igyvendino|vykdo|vykde)\s+"),
    # "Fair Play for Girls is a project of the Lithuanian Union of Sports Clubs for All"
    _phrase(
        "implementer",
        r"\b(?:is|was) (?:a|an|the) (?:\w+ )?(?:project|initiative|programme) (?:of|by)\s+"
        r"(?:the\s+)?",
        named=True,
    ),
    _phrase(
        "funder",
        r"\b(?:with|thanks to) the (?:kind |generous )?support of\s+(?:the\s+)?|\bremiant\s+",
        named=True,
    ),
    _phrase("implementer", r"\b\w+ (?:kuruoja|kuravo)\s+"),
    _phrase(
        "implementer",
        r"\b(?:forum|rengin|konferencij|mokym|stovykl|festival|seminar|akcij)\w* "
        r"(?:organizuoja|organizavo|rengia|surenge)\s+",
    ),
    _phrase("implementer", r"\b(?:projekto\s+)?(?:vykdytoj\w*|igyvendintoj\w*)\s*(?:yra|:|-)\s*"),
    _phrase("partner", r"\bin (?:partnership|co-?operation|collaboration|conjunction) with\s+"),
    _phrase("partner", r"\b(?:kartu )?su partner(?:iais|iu|e|emis)\s*(?:[-:]\s*)?"),
    _phrase("partner", r"\b(?:bendradarbiaujant|partnerysteje) su\s+"),
    _phrase("partner", r"\b(?:together|along|jointly) with\s+(?:the\s+)?", named=True),
    _phrase("partner", r"\bwith (?:its |their )?partners?\s*(?::\s*)?", named=True),
    _phrase("partner", r"\bkartu su\s+", named=True),
    _phrase("partner", r"\b(?:project\s+)?partners?\s*(?:are|were|include|:|-)\s+"),
    _phrase(
        "partner",
        r"\bpartners? (?:in|of) (?:the|this|our) (?:project|initiative) (?:are|were|include[sd]?)"
        r"\s+(?:the\s+)?",
    ),
    _phrase("partner", r"\bpartnered with\s+"),
    _phrase("partner", r"\bwith the (?:active )?participation of\s+(?:the\s+)?", named=True),
    _phrase("funder", r"\b(?:projekto\s+)?remej\w*\s*(?:yra|:|-)\s*"),
    _phrase("partner", r"\b(?:projekto\s+)?partneri\w*\s*(?:yra|:|-)\s*"),
    _phrase(
        "funder",
        r"\b(?:co-?financing|co-?funding|funding|financing|financial support|support)"
        r" (?:was|is|were|has been|have been) (?:provided|given|granted) by\s+(?:the\s+)?"
        r"|\b(?:costs?|fees?|expenses) (?:are|is|were|was|have been) (?:covered|paid) by\s+",
    ),
    # "paslaugą perka X", "išlaidas apmoka X": who buys the service or pays its costs.
    _phrase(
        "funder",
        r"\b(?:paslaug\w*|islaid\w*|darb\w*|veikl\w*) (?:perka|pirko|apmoka|apmokejo|dengia"
        r"|padengia)\s+",
        named=True,
    ),
    _phrase(
        "funder",
        r"\b(?:co-?)?(?:funded|financed|sponsored|supported)\s+by\s+"
        r"|\bwith (?:the )?financial support (?:of|from)\s+|\bgrant(?:ed)? (?:from|by)\s+",
    ),
    # "small grants of Vilnius City Municipality", "a grant from the Open Society Fund".
    _phrase("funder", r"\bgrants? (?:of|from)\s+(?:the\s+)?", named=True),
    _phrase(
        "funder",
        r"\b(?:kuri\w* |jas |ja |ji )?(?:finansavo|finansuoja|remia|reme|pareme|bendrai finansavo"
        r"|dalinai finansavo|is dalies finansavo)\s+",
    ),
    _phrase(
        "funder",
        r"\bprojekt\w* (?:remia|finansuoja|bendrai finansuoja|is dalies finansuoja"
        r"|dalinai finansuoja)\s+|\(finansuoja\s+|\bparamos teikej\w*\s*(?:yra|:|-)\s*"
        r"|\bfinansavimo saltinis\s*(?:yra|:|-)?\s*",
    ),
    # "su Europos socialinio fondo agentūra pasirašėme projekto sutartį": the agency that
    # signs the grant is its funder.
    _phrase(
        "funder",
        r"\bsu\s+(?=[^.]{3,100}\bpasirase\w*\s+(?:.{0,60}?\s)?sutart)",
        named=True,
    ),
    # German: "Projektträger ist X", "in Kooperation mit X", "durch das X ... gefördert".
    _phrase("coordinator", r"\b(?:projekt)?trager(?:in)?\s*(?:des projekte?s\s*)?(?:ist|:|-)\s*"),
    _phrase("coordinator", r"\b(?:koordiniert von|unter (?:der )?(?:leitung|federfuhrung) von)\s+"),
    _phrase("implementer", r"\b(?:durchgefuhrt|umgesetzt|organisiert) (?:von|durch)\s+"),
    _phrase(
        "partner", r"\b(?:in (?:kooperation|zusammenarbeit|partnerschaft) mit|gemeinsam mit)\s+"
    ),
    _phrase(
        "funder",
        r"\b(?:ko)?(?:gefordert|finanziert|unterstutzt)\s+(?:durch|von)\s+"
        r"|\b(?:durch|von)\s+(?=(?:das|die|den|dem|der)\s[^.]{0,200}\b(?:ko)?(?:gefordert"
        r"|finanziert)\b)",
    ),
    # Latvian: "projektu īsteno X", "sadarbībā ar X", "finansē X".
    _phrase("implementer", r"\bprojektu isteno\s+"),
    _phrase("coordinator", r"\b(?:projekta )?(?:vadosais partneris|istenotajs)\s*(?:ir|:|-)\s*"),
    _phrase("partner", r"\b(?:sadarbiba|kopa) ar\s+"),
    _phrase("funder", r"\b(?:lidz)?finanse\s+"),
    # Polish: "realizowany przez X", "we współpracy z X", "finansowany przez X".
    _phrase("implementer", r"\brealizowan\w* przez\s+|\bprojekt realizuje\s+"),
    _phrase("coordinator", r"\b(?:lider(?:em)?|koordynator(?:em)?) projektu\s*(?:jest|:|-)\s*"),
    _phrase("partner", r"\b(?:we wspołpracy|w partnerstwie|wspolnie) z\s+"),
    _phrase("funder", r"\b(?:wspoł)?finansowan\w* przez\s+"),
    # Spanish, Italian, Portuguese: "en colaboración con X", "in collaborazione con X", "em
    # parceria com X", "coordinado por X", "realizzato da X", "cofinanciado por X".
    _phrase(
        "partner",
        r"\b(?:en (?:colaboracion|cooperacion|alianza|asociacion) con|in (?:collaborazione"
        r"|partenariato|cooperazione|partnership) con|em (?:parceria|colaboracao|cooperacao) com)"
        r"\s+" + _ROMANCE_ARTICLE,
    ),
    _phrase(
        "coordinator",
        r"\b(?:coordinad[oa]s?|coordinat[oaie]|coordenad[oa]s?|liderad[oa]s?|promovid[oa]s?"
        r"|promoss[oaie]) (?:(?:por|da|dal|dalla|pelo|pela)\s+|dall[\"'’])" + _ROMANCE_ARTICLE,
    ),
    _phrase(
        "implementer",
        r"\b(?:desarrollad[oa]s?|ejecutad[oa]s?|gestionad[oa]s?|organizad[oa]s?"
        r"|realizzat[oaie]|gestit[oaie]|attuat[oaie]|organizzat[oaie]|desenvolvid[oa]s?"
        r"|executad[oa]s?|dinamizad[oa]s?) (?:(?:por|da|dal|dalla|pelo|pela)\s+|dall[\"'’])"
        + _ROMANCE_ARTICLE,
        named=True,
    ),
    _phrase(
        "funder",
        r"\b(?:co)?(?:financiad[oa]s?|subvencionad[oa]s?|finanziat[oaie]|apoiad[oa]s?)"
        r" (?:(?:por|da|dal|dalla|pelo|pela|con)\s+|dall[\"'’])"
        + _ROMANCE_ARTICLE
        + r"|\bcon (?:el )?(?:apoyo|financiacion) de(?:l)?\s+"
        + _ROMANCE_ARTICLE
        + r"|\bcon il (?:sostegno|contributo|supporto) d\w*(?:\s+|[\"'’])|\bcom o apoio d[oa]?\s+",
    ),
)

# Where a list of names stops inside a sentence (folded text).
_LIST_STOP = re.compile(
    r"\s+(?:by the|by an?|under(?! the (?:government|ministry|president|prime minister))"
    r"|within|through|thanks to|which|who|that|to (?:promote|support"
    r"|develop|increase|improve)|in order|with (?:the )?(?:financial )?support|funded|financed"
    r"|from the (?:european|eu)|for the period|during|in the framework|pagal|lesomis|kuri\w*"
    r"|siekiant|tam kad|is (?:europos|es)\b|kartu su|with the\b"
    # "... kartu su X įgyvendino projektą": the verb of the sentence ends its list.
    r"|igyvendina|igyvendino|igyvendins|vykdo|vykde|vykdys|organizuoja|organizavo|surenge"
    r"|pristate|pristato|pradejo|parenge|ran|runs|implemented|implements|carried out"
    r"|organi[sz]ed|launched|delivered"
    r"|uber|im rahmen|aus mitteln|(?:ko)?gefordert|finanziert|mit (?:mitteln|unterstutzung)"
    r"|w ramach|ze srodkow|ietvaros|pasirase\w*"
    r"|en el marco|a traves|nell[\"']ambito|nel quadro|attraverso|no ambito|no quadro|atraves"
    r"|(?:co)?financiad[oa]s?|(?:co)?finanziat[oaie]|con el (?:apoyo|objetivo)|al fine di"
    r"|com o (?:apoio|objetivo)|para (?:promover|apoyar|mejorar)|per (?:promuovere|sostenere)"
    # "... con l'Università di Bologna ed è finanziato ...": "and" before a verb ends the list.
    r"|(?:y|e|ed) (?:es|esta|fue|son|e|sono|era|foi|sao|tem|ha|han|hanno)"
    r"|as (?:an? )?(?:\w+ )?partners?\b)(?!\w)",
)
# "... coordinated by X and developed with ...": an "and" before a verb ends the list.
_AND_LOWER = re.compile(r",?\s+and\s+(?:also\s+)?[a-z]+(?:ed|ing|es)\b")
# A sentence ends before a capital, or before a year ("small grants of X. 2020-2023: ..."),
# not after an initial or a number's abbreviation ("Nr. 2019-1-LT01-...").
_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\b[A-Za-z])(?<!\b[Nn][ro])[.!?]"
    r"(?=\s+[A-ZĄČĘĖĮŠŲŪŽ„\"“]|\s+(?:19|20)\d\d\b|\s*$)"
)
_LEADING = re.compile(
    r"^(?:(?:the|a|an|its|our|their|and|ir|bei|with|su|these|following|organi[sz]ations?"
    r"|der|die|das|den|dem|des|und|partner(?:is|s)?\s*\d{1,2}[.:)]?|partneris\s*nr\.\s*\d+)"
    r"\s*:?\s+)+",
    re.IGNORECASE,
)
# "e dal Comune di Bologna", "y la Diputación", "e pelo Alto Comissariado": articles and
# prepositions before a name, in lower case only ("La Strada" keeps its article).
_ROMANCE_LEADING = re.compile(
    r"^(?:(?:el|la|los|las|il|lo|gli|le|os|as|da|dal|dalla|dai|dalle|del|della|dello|pelo|pela"
    r"|pelos|pelas|por|di|do|dos)\s+|l[\"'’]|dall[\"'’])+"
)
_TRAILING = re.compile(r"(?:\s*,?\s*(?:etc|ir kt|and others|ir kiti|ir kitos)\.?)+\s*$", re.I)
_PRONOUN = re.compile(
    r"^(?:we|our|they|it|this|these|those|there|he|she|neither|either|mes|mus|jie|jos|tai|ši|šis|kiti|kitos"
    r"|all|each|both|other|many|several|some|visi|kai|also|taip)\b",
    re.IGNORECASE,
)
_STREET = re.compile(r"\b(?:g|al|pr|pl|a|skg|kel)\.\s*\d|\b\d+\s*(?:street|road|avenue)\b", re.I)
# Counts and places are not names: "Eight open youth centres", "Alytus and Utena".
_COUNT = re.compile(
    r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|some"
    r"|vienas|viena|du|dvi|trys|keturi|keturios|penki|penkios|šeši|šešios|keli|kelios)\b",
    re.IGNORECASE,
)
_TWO_PLACES = re.compile(r"^[A-ZĄČĘĖĮŠŲŪŽ][\w-]+\s+(?:and|ir|un|und|i)\s+[A-ZĄČĘĖĮŠŲŪŽ][\w-]+$")
# "Youth Equality Network worked with 14 schools": the name ends where its verb begins.
_VERB_AFTER_NAME = re.compile(
    r"\s+(?:is|are|was|were|has|have|had|will|would|can|cannot|could|may|must|should|works?|runs?|provides?|offers?|helps?"
    r"|takes|leads|joins|manages|coordinates|organi[sz]es|supports|implements|hosts|trains"
    r"|informs|paid|pays|funds|gives|sends|refers|lends|attends?|nominates?|meets?|receives?"
    r"|publishes|chairs|sits|covers"
    r"|[a-z]{3,}ed|[a-ząčęėįšųūž]{3,}(?:ėme|ome|ame|ėte|ote))(?=\s+[a-z0-9ąčęėįšųūž]|\s*$)"
)
# A place written after a quoted name: 'Asociacija „Pasienio moterys” z Lazdijów', '„X“ iš
# Utenos', '"Y" from Tartu'.
_SEAT_AFTER_QUOTE = re.compile(
    r"[”“\"»]\s+(?:from|iš|is|z|ze|aus|no)\s+[A-ZĄČĘĖĮŠŲŪŽ][\w-]+(?:\s+[A-ZĄČĘĖĮŠŲŪŽ][\w-]+)?$"
)
_POSSESSIVE = re.compile(r"['’]s\s+(?=\S)")
# A name goes on after "for" in capitals ("Centre for Equality Advancement", "Ministry for the
# Environment"); "for" and a word in lower case says what something is for.
_PURPOSE_AFTER_NAME = re.compile(
    r"\s+for\s+(?!(?:the|a|an)\s)[a-ząčęėįšųūž]"
    # "... Municipality Administration to bring all services together": what it was for, not
    # the name ("Right to Play", "Access to Justice" go on in capitals).
    r"|\s+to\s+[a-z]"
)
_LOWER_LEGAL_FORM = re.compile(
    r"^(?:biedrība|nodibinājums|asociacija|fundacja|stowarzyszenie|viešoji įstaiga)\s+"
    r"(?=[A-ZĄČĘĖĮŠŲŪŽ„\"“])"
)
JOINER = re.compile(r"\s+(?:kartu su|together with|jointly with)\s+", re.IGNORECASE)
_DESCRIBED = re.compile(
    r"^(?:([A-ZĄČĘĖĮŠŲŪŽ]\w+)\s+)?(?:(?:organizacija|organisation|organization|asociacija"
    r"|association)\s+(?=[A-ZĄČĘĖĮŠŲŪŽ„\"“])|(?:fondas|foundation|fund|draugija|society"
    r"|klubas|club|bendrija|centras|centre|stiftung|verein|fundacja)\s+(?=[„\"“«]))"
)
_EXPLAINED = re.compile(r"\s+[-–—]\s+(?=[a-ząčęėįšųūž])")
# "Kaunas – a catering company that employs refugees": what follows the dash describes.
_DESCRIBED_AFTER = re.compile(r"\s+[-–—]\s+(?:a|an|the|one of the)\s+[a-z]")
_AND_TAIL = re.compile(r"\s+(?:and|ir)\s+(?!the\b)[a-ząčęėįšųūž]")
# Role words that may close an item of a list: "X – coordinator", "X (lead partner)".
_ROLE_WORDS = tuple(
    (role, re.compile(words))
    for role, words in (
        (
            "coordinator",
            r"(?:project )?co-?ordinator|lead (?:partner|organi[sz]ation|applicant)|applicant"
            r"|(?:projekto )?koordinator\w*|vadovaujantysis partneris|pareiskej\w*"
            r"|projekttrager\w*|koordynator\w*|lider projektu|vadosais partneris",
        ),
        ("partner", r"(?:associated |associate )?partner\w*"),
        ("implementer", r"implementer|(?:projekto )?(?:vykdytoj|igyvendintoj)\w*"),
        ("funder", r"funder|finansuotoj\w*"),
    )
)
_ROLE_TAIL = re.compile(
    r"(?:\s+[-–—]\s*|\s*\(\s*)(?P<word>"
    + "|".join(w.pattern for _, w in _ROLE_WORDS)
    + r")\s*\)?[\s.;,]*$"
)
_ROLE_IN_REMARK = re.compile(
    r"\([^()]*[,;]\s*(?P<word>" + "|".join(w.pattern for _, w in _ROLE_WORDS) + r")\s*\)"
)
_POSTCODE = re.compile(r"(?:[A-Z]{1,2}-?)?\d{4,5}\s+[A-ZĄČĘĖĮŠŲŪŽ]")
_CITY_WORDS = re.compile(
    r"[A-ZĄČĘĖĮŠŲŪŽ][\w-]+(?:\s(?:am|an|der|de|del|la|le|sur|upon|[A-Z][\w-]+)){0,3}"
)
# "Rokiškio rajonas", "Kaunas District", "Utenos apskritis": a place after a name, not a name.
_DISTRICT = re.compile(
    r"[A-ZĄČĘĖĮŠŲŪŽ][\w-]+\s+(?:rajonas|raj\.|r\.|apskritis|seniūnija|district|county|region"
    r"|municipality area)"
)
_CITY = re.compile(r"[A-ZĄČĘĖĮŠŲŪŽ][\w-]+(?:\s[A-ZĄČĘĖĮŠŲŪŽ][\w-]+)?")
# "Šiaulių ir Utenos savivaldybių tarybos", "Kaunas and Klaipėda city municipalities": one
# phrase for several organisations, none of which the text names in full.
_DISTRIBUTIVE = re.compile(
    r"^[A-ZĄČĘĖĮŠŲŪŽ][\w-]+(?:,\s+[A-ZĄČĘĖĮŠŲŪŽ][\w-]+)*\s+(?:ir|and|bei|&|un|i|und)\s+"
    r"[A-ZĄČĘĖĮŠŲŪŽ][\w-]+\s+"
)
# A phrase that ends in a place noun in lower case names places, not an organisation.
_PLACES_LAST = re.compile(
    r"\s(?:districts?|regions?|count(?:y|ies)|areas?|neighbou?rhoods?|villages?|towns?|rajon(?:as|ai)"
    r"|seniunij(?:a|os)|seniūnij(?:a|os)|apylinkės|apylinkes|kaimai|miestai)$"
)
# A record's own word and a verb in lower case ("Praktika įgyvendinta kartu su ..."): no name.
_RECORD_OPENING = re.compile(
    r"^(?:[Pp]raktika|[Pp]rojektas|[Pp]rograma|[Ii]niciatyva|[Pp]ractice|[Pp]roject|[Pp]rogramme"
    r"|[Ii]nitiative)\s+[a-ząčęėįšųūž]"
)
_PLURAL = re.compile(r"(?:ies|[^s]s|ai|os|es|ės|ys)$")
# "Norwegian partner the centre": a role word in lower case inside the phrase, no name.
_ROLE_INSIDE = re.compile(r"\s(?:partners?|coordinators?|members?|partneri\w*|koordinator\w*)\s")
_NAME_START = re.compile(r"[A-ZĄČĘĖĮŠŲŪŽ„\"“«]")
_ROLE_OPENING = re.compile(
    r"(?:co-?)?(?:funded|financed|supported|coordinated|implemented|run|organi[sz]ed|led|hosted"
    r"|sponsored)\s+by\b|(?:finansuoja|remia|igyvendina|vykdo)\b"
)
_COUNTRY_BEFORE_FORM = re.compile(
    r"^([A-ZĄČĘĖĮŠŲŪŽ][\w-]+)\s+(?=(?:MTÜ|MTU|SIA|VšĮ|UAB|biedrība|nodibinājums|fundacja"
    r"|stowarzyszenie|e\.\s?V\.|gGmbH)\b)"
)
_FUNDS_WORD = re.compile(
    r"\b(?:lesomis|lesu|lesos|biudzet\w*|finansavim\w*|finansuojam\w*|vykdom\w*|igyvendint\w*"
    r"|budget|funds|money|grants?|mitteln|srodk\w*|lidzekl\w*)\b"
)
_PROGRAMME_WORD = re.compile(r"\bprogram\w*|\beuropean union\b|\beuropos sajung\w*")
_CONTACT_LIKE = re.compile(r"@|www\.|https?://|\btel\.|\+\d|\b\d{3,}\b")
# An amount of money ("EUR 18", "18 500 Eur"): a grant's cell, never a name.
_MONEY = re.compile(r"^(?:EUR|€|USD|\$|£|PLN|LTL)\s*\d|\d\s*(?:EUR|Eur|eur|€|eurų)\b")
_MONTHS = re.compile(r"^(?:\d{4}|\d{1,2}|m\.|d\.|metai|year|years)$", re.IGNORECASE)
MAX_NAME_WORDS = 12


def _depth_split(text: str, separators: str = ",;") -> list[tuple[int, int]]:
    """Offsets of the pieces of ``text`` between separators outside parentheses."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0:
            pieces.append((start, i))
            start = i + 1
    pieces.append((start, len(text)))
    return pieces


def _depth_split_at(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + a, start + b) for a, b in _depth_split(text[start:end], ",")]


_AND = re.compile(r"\s+(?:and|ir|bei|&|und|un|oraz|i|y|e)\s+", re.IGNORECASE)


def _split_and(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "A and B" only where both sides read as organisations; rightmost first."""
    piece = text[start:end]
    for m in reversed(list(_AND.finditer(piece))):
        left, right = piece[: m.start()], piece[m.end() :]
        if left.count("(") > left.count(")"):
            continue  # inside parentheses: "(Centre for Tolerance and Rights ...)"
        # A name after "and" opens with a capital or a quote; "... Švietimo, kultūros ir sporto
        # departamentas" goes on in lower case.
        opening = re.sub(
            r"^(?:the|a|an|der|die|das|den|dem|des|asociacij\w*|draugij\w*|organizacij\w*"
            r"|bendrij\w*|fond\w*|klub\w*|association|foundation|club"
            r"|el|la|los|las|il|lo|gli|o|os|as|da|dal|dalla|del|della|pelo|pela|por(?: el| la)?)\s+"
            r"|^(?:l|dall)[\"'’]",
            "",
            right.strip(),
        )[:1]
        if not (opening.isupper() or opening.isdigit() or opening in '„“"«'):
            continue
        if _spelled_by_acronym(piece):
            break  # "Lithuanian Forum for Equality and Diversity (LFED)": one name
        if _things_of(left, right):
            continue  # "Association of Estonian Cities and Rural Municipalities": one name
        # "X and the Y": an article before a capitalised name opens a second organisation.
        the_name = bool(re.match(r"the\s+[A-ZĄČĘĖĮŠŲŪŽ]", right.strip()))
        second = _nameish(right) or the_name
        # "Caritas Lithuania and the Vilnius University": a capitalised name before "and the"
        # and an organisation's noun after it.
        capitals = [w for w in left.split() if w[:1].isupper()]
        named_left = len(capitals) >= 2 and len(capitals) == len(left.split())
        if second and (_nameish(left) or (the_name and has_head(right) and named_left)):
            return [*_split_and(text, start, start + m.start()), (start + m.end(), end)]
    return [(start, end)]


def _things_of(left: str, right: str) -> bool:
    """After "of", a short plural beyond "and" is more of what the name is of ("Association of
    Estonian Cities and Rural Municipalities", "Union of Towns and Municipalities"), not a second
    organisation, which is one body and so singular; so are a few words that name no body."""
    if not re.search(r"\bof\s", left):
        return False
    words = re.sub(r"\([^)]*\)?", " ", right).split()
    if not 0 < len(words) <= 3 or any(w.lower() in ("of", "for", "the") for w in words):
        return False
    last = words[-1].strip(",.;:").lower()
    if is_acronym(words[-1]):
        return False
    if last.endswith("s") and not last.endswith(("ss", "us", "is")):
        return True
    # "Association of the Blind and Visually Impaired (LASS)": who it is of, in words that
    # name no body of their own.
    bare = " ".join(words)
    return not (has_head(bare) or has_legal_form(bare) or quoted_part(right))


def _spelled_by_acronym(text: str) -> bool:
    """Whether an acronym in parentheses spells the capitalised words of the whole text."""
    m = re.search(r"\(([A-ZĄČĘĖĮŠŲŪŽ]{2,})\)\s*$", text)
    if m is None:
        return False
    initials = "".join(w[0] for w in text[: m.start()].split() if w[:1].isupper())
    return len(initials) > 2 and initials == m.group(1)


def _nameish(text: str) -> bool:
    """Whether one side of an "and" reads as a whole organisation's name.

    A noun like "centre" or "ministerija", a bare acronym, or a name the writer marked with its
    acronym or country in parentheses ("Logos Polska (Poland)").
    """
    marks = re.findall(r"\(([^)]*)\)", text)
    if any(is_acronym(m.strip()) or country_code(m) for m in marks):
        return True
    bare = re.sub(r"\([^)]*\)?", " ", text).strip(' ,.;:„“”"')
    bare = re.sub(r"\s+(?:from|iš|aus|z|no)\s+\S+$", "", bare)  # "X iš Suomijos"
    if not bare:
        return False
    if has_head(bare) or has_legal_form(bare) or quoted_part(text):
        return True
    tokens = bare.split()
    return len(tokens) == 1 and is_acronym(tokens[0])


def _between(separators, length: int) -> list[tuple[int, int]]:
    out, begin = [], 0
    for m in separators:
        out.append((begin, m.start()))
        begin = m.end()
    out.append((begin, length))
    return out


# "... of the Republic of Lithuania" closing a ministry's name ("Ministry of Education,
# Science and Sport of the Republic of Lithuania").
_STATE_TAIL = re.compile(r"\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?[A-Z][\w-]+$")


def split_list(text: str) -> list[tuple[int, int]]:
    """Offsets of the names in a written list of organisations."""
    pieces: list[tuple[int, int]] = []
    # A list whose items are set apart by semicolons keeps its commas inside the items
    # ("Institut für Sozialstudien, Frankfurt am Main; Fundación Mujeres (Spain)").
    separators = ";" if any(text[b : b + 1] == ";" for _a, b in _depth_split(text, ";")) else ",;"
    items = _depth_split(text, separators)
    for n, (a, b) in enumerate(items):
        # Between semicolons an "and" belongs to the name ("Kaunas Social Services and Care
        # Centre; ..."); only the last item may hold the list's own "and".
        last = n == len(items) - 1
        if separators != ";" or last:
            pieces.extend(_split_and(text, a, b))
            continue
        split = _split_and(text, a, b) if "," in text[a:b] else [(a, b)]
        if len(split) > 1:
            # "A, B ir C; D": an item that is a list of its own.
            pieces.extend(p for x, y in split[:-1] for p in _depth_split_at(text, x, y))
            pieces.append(split[-1])
        else:
            pieces.append((a, b))
    # "Ministry of Education, Science and Sport": a headless piece with "and" belongs to the
    # name before it.
    joined: list[tuple[int, int]] = []
    fields = _field_runs(text, pieces)
    for n, (a, b) in enumerate(pieces):
        piece = text[a:b].strip()
        previous = text[joined[-1][0] : joined[-1][1]] if joined else ""
        english_tail = (
            "(" not in piece
            and len(_STATE_TAIL.sub("", piece).split()) <= 4
            and not has_head(piece)
            and _AND.search(piece)
            and " of " in previous
        ) or (n in fields and has_head(previous) and re.search(r" (?:of|for) ", previous))
        # "... administracijos Švietimo, kultūros ir sporto departamentas": a name goes on after
        # a comma when the piece before it does not end in its own head noun ("... Library;
        # three gymnasiums" are two items).
        lower_tail = (
            piece[:1].islower()
            and text[a - 1 : a] == ","
            and has_head(piece)
            and "(" not in previous
            and not has_head(previous.split()[-1] if previous.split() else "")
            and not quoted_part(previous)
            and not re.match(r"(?:the|a|an)\s", piece)
            and not _LOWER_LEGAL_FORM.match(piece)
            and not quoted_part(piece)  # "romų bendruomenė „Sūduvos romai“": its own item
        )
        if piece and joined and ((english_tail and has_head(previous)) or lower_tail):
            joined[-1] = (joined[-1][0], b)
        else:
            joined.append((a, b))
    return joined


def _field_runs(text: str, pieces: list[tuple[int, int]]) -> set[int]:
    """Pieces that go on listing the fields of the name before them: "Federal Ministry for
    Family Affairs, Senior Citizens, Women and Youth (Germany)" — short capitalised pieces
    without an organisation's noun, the last of them closed by "and"."""
    out: set[int] = set()
    run: list[int] = []
    for n, (a, b) in enumerate(pieces):
        bare = re.sub(r"\([^)]*\)\s*$", "", text[a:b]).strip()
        words = bare.split()
        if (
            n
            and 0 < len(words) <= 4
            and all(w[:1].isupper() or w in ("and", "und", "et") for w in words)
            and not has_head(bare)
        ):
            run.append(n)
            if _AND.search(bare):
                out.update(run)
                run = []
            continue
        run = []
    return out


def _initials_of(remark: str, name: str) -> bool:
    """A short word in mixed case that takes its letters from the name's words in order,
    starting with the first ("LiJOT" for Lietuvos jaunimo organizacijų taryba, "FiK" for Frauen
    in der Kommunalpolitik): the name's acronym as its owner writes it."""
    if not re.fullmatch(r"[^\W\d_]{2,8}", remark) or sum(c.isupper() for c in remark) < 2:
        return False
    words = [w for w in fold(name).split() if w[:1].isalpha()]
    letters = fold(remark)
    if not words or letters[0] != words[0][0]:
        return False
    # Each letter a word's initial ("FiK": Frauen in ... Kommunalpolitik), or each capital
    # with the small letters after it a word's opening ("LiJOT": Lietuvos jaunimo ...).
    initials = iter(w[0] for w in words)
    if all(c in initials for c in letters):
        return True
    pieces = [fold(p) for p in re.findall(r"[^\W\d_][a-ząčęėįšųūž]*", remark)]
    rest = iter(words)
    return all(any(w.startswith(piece) for w in rest) for piece in pieces)


def _parentheses(text: str) -> tuple[str, list[str]]:
    """The text without its parenthesised remarks, and the remarks (an unclosed one included)."""
    if "(" not in text:
        return text, []  # a closing bracket without an opening one is kept as written
    remarks: list[str] = []
    out, depth, current = [], 0, []
    for ch in text:
        if ch == "(":
            depth += 1
            if depth == 1:
                current = []
                continue
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                remarks.append("".join(current).strip())
                continue
        if depth:
            current.append(ch)
        else:
            out.append(ch)
    if depth:
        remarks.append("".join(current).strip())
    return "".join(out), remarks


def parse_name(
    raw: str, start: int, role: str, *, is_programme: Callable[[str], bool] | None = None
) -> OrganisationMention | None:
    """One organisation from one list item, or None when the item is not a name."""
    stripped = raw.strip()
    if not stripped:
        return None
    offset = start + raw.index(stripped)
    bare, remarks = _parentheses(stripped)
    acronym = country = None
    aliases: list[str] = []
    # "(Vokietija, koordinatorius)": a remark may hold a country and a role side by side.
    remarks = [r for remark in remarks for r in re.split(r"[,;]\s*", remark)]
    for remark in remarks:
        remark = remark.strip(" ,;.")
        if not country and country_code(remark):
            country = country_code(remark)
        elif not acronym and (is_acronym(remark) or _initials_of(remark, bare)):
            acronym = remark
        elif (
            remark[:1].isupper()
            and 2 <= len(remark.split()) <= MAX_NAME_WORDS
            and not re.search(r"\d", remark)
            and has_head(remark)
        ):
            aliases.append(display_name(remark))
    bare = _TRAILING.sub("", bare)
    dashed = re.search(r"\s+[-–—]\s+([^-–—]+)$", bare)
    if dashed:
        # "Baltic Adult Learning Network – Vilnius, Lithuania": the seat after a dash.
        places = [p.strip() for p in dashed.group(1).split(",")]
        if all(
            country_code(p) or (_CITY_WORDS.fullmatch(p) and not has_head(p)) for p in places
        ) and (
            has_head(bare[: dashed.start()])
            or has_legal_form(bare[: dashed.start()])
            or len(bare[: dashed.start()].split()) >= 2
        ):
            country = country or next((country_code(p) for p in places if country_code(p)), None)
            bare = bare[: dashed.start()]
    while tail := re.search(r",\s*([^,]+)$", bare) or re.search(
        r"\s+(?:from|is|iš)\s+(\S+)$", bare
    ):
        place = tail.group(1).strip()
        if place[:1].islower() and names_people(place) and not has_head(place):
            pass  # "Vilnius University Faculty of Philosophy, student volunteers"
        elif country_code(place):
            country = country or country_code(place)
        elif tail.group(0).lstrip().startswith(",") and (
            _STREET.search(place) or _POSTCODE.match(place)
        ):
            pass  # "..., Žirmūnų g. 70, LT-09124 Vilnius": an address after the name
        elif not (
            tail.group(0).lstrip().startswith(",")
            and _CITY_WORDS.fullmatch(place)
            and not has_head(place)
            and (has_head(bare[: tail.start()]) or has_legal_form(bare[: tail.start()]))
        ):
            break  # not a place: part of the name
        bare = bare[: tail.start()]  # "..., Frankfurt am Main", "..., Vilnius, Lithuania"
    bare = _LEADING.sub("", bare.strip())
    bare = _ROMANCE_LEADING.sub("", bare)
    bare = _LOWER_LEGAL_FORM.sub("", bare)  # "biedrība Rīgas Sieviešu resursu centrs"
    seat = _SEAT_AFTER_QUOTE.search(bare)
    if seat:
        bare = bare[: seat.start() + 1]  # 'Asociacija „Pasienio moterys” z Lazdijów': its seat
    described = _DESCRIBED.match(bare)
    if described:
        # "Norvegijos organizacija Likestilling Vest": a description before the name.
        country = country or country_code(described.group(1) or "")
        bare = bare[described.end() :]
        bare = _LOWER_LEGAL_FORM.sub("", bare)  # "... organizacija biedrība Sievietes ..."
    national = _COUNTRY_BEFORE_FORM.match(bare)
    if national and country_code(national.group(1)):
        # "Estijos MTÜ Puuetega Naiste Võrgustik": the country, then the legal form and name.
        country = country or country_code(national.group(1))
        bare = bare[national.end() :]
    quoted = quoted_part(bare)
    if bare[:1].islower() and quoted and bare.rstrip(' „“”"«»').endswith(quoted):
        bare = quoted  # 'the trade union "Uosto darbuotojai"': a description, then the name
    described_after = _DESCRIBED_AFTER.search(bare)
    if described_after and described_after.start() > 0:
        bare = bare[: described_after.start()]
    explained = _EXPLAINED.search(bare)
    before = bare[: explained.start()] if explained else ""
    if explained and (
        not has_head(bare[explained.end() :])
        or (quoted_part(before) and bare.rstrip().endswith(bare[explained.end() :].rstrip()))
    ):
        # "Diversity Bridge – mokytojų ... mokymai"; 'VšĮ „Darbo žingsniai“ – socialinių
        # paslaugų įstaiga': after a quoted name, what a dash adds in lower case describes it.
        bare = before
    verb = _VERB_AFTER_NAME.search(bare)
    if verb and verb.start() > 0:
        bare = bare[: verb.start()]
    owner = _POSSESSIVE.search(bare)
    if owner and has_head(bare[: owner.start()]) and not _POSSESSIVE.search(bare, 0, owner.start()):
        bare = bare[: owner.start()]  # "the Migration Department's Šiauliai office": its owner
    purpose = _PURPOSE_AFTER_NAME.search(bare)
    if purpose and has_head(bare[: purpose.start()]):
        bare = bare[: purpose.start()]  # "X City Municipality for non-governmental organisations"
    tail = _AND_TAIL.search(bare)
    if tail and has_head(bare[: tail.start()]) and not has_head(bare[tail.end() :]):
        bare = bare[: tail.start()]  # "Vilnius City Municipality and private donations"
    name = display_name(bare)
    # A quoted name is a name even when it reads as people ("the trade union "Uosto
    # darbuotojai"").
    people = names_people(name) and quoted_part(stripped) is None
    # A one-word name the text puts in quotes ('asociacija „Lygiai“') is a name.
    quoted_word = (
        len(name.split()) == 1
        and name[:1].isupper()
        and fold(quoted_part(stripped) or "").strip() == fold(name)
    )
    if not (_reads_as_name(name) or quoted_word) or people or _COUNT.match(name):
        return None
    if _TWO_PLACES.match(name) and not has_head(name):
        return None
    if _PLACES_LAST.search(name) or _RECORD_OPENING.match(name):
        return None  # "Naujininkai and Pašilaičiai districts"; "Praktika įgyvendinta (kartu su)"
    plural_head = any(has_head(w) and _PLURAL.search(w) for w in name.split()[2:])
    first = name.split()[0].rstrip(",")
    if _DISTRIBUTIVE.match(name) and plural_head and not has_head(first):
        return None  # "Armenian and Tatar community associations": several, none named
    if is_programme is not None and is_programme(name):
        return None
    if acronym and acronym == name:
        acronym = None
    lead = stripped.find(bare.strip()[:12]) if bare.strip() else 0
    span_start = offset + max(lead, 0)
    span = (span_start, offset + len(stripped.rstrip(" ,;.")))
    return OrganisationMention(
        name=name, role=role, acronym=acronym, country=country, span=span, aliases=aliases
    )


def _reads_as_name(name: str) -> bool:
    tokens = name.split()
    if not tokens or len(tokens) > MAX_NAME_WORDS or len(name) > 160:
        return False
    first = name[0]
    if not (first.isupper() or first.isdigit()) or _PRONOUN.match(name):
        return False
    if country_code(name) or all(_MONTHS.match(t) for t in tokens):
        return False
    if _CONTACT_LIKE.search(name) or _MONEY.search(name) or not re.search(r"[^\W\d_]{2,}", name):
        return False
    if _ROLE_OPENING.match(fold(name)):
        return False  # "Funded by the European Union", "Coordinated by ...": a phrase, no name
    label = match_label(name)
    if label is not None and label.unknown == 0:
        return False  # "El. p", "Partners"
    if len(tokens) == 1:
        # A single word is an acronym ("LUDEN"); a capitalised word alone is too often a city.
        return is_acronym(tokens[0])
    # Not "5 Panevėžio progimnazijos" (a count) nor "Tilžės g. 88" (an address).
    return not (tokens[0][0].isdigit() or _STREET.search(name))


_ANY_TRIGGER = re.compile(any_word_pattern({w for p in ROLE_PHRASES for w in p.trigger}))


def list_extent(
    text: str, start: int = 0, end: int | None = None, *, folded: str | None = None
) -> int:
    """Where a list of names that begins at ``start`` ends: the end of its sentence, the next
    role phrase, or a word that ends lists ("by the European Fund", "kartu su ...").
    ``folded`` is ``fold(text)`` where the caller has it already."""
    folded = fold(text) if folded is None else folded
    end = _sentence_end(text, start) if end is None else end
    stops = [
        stop.start()
        for pattern, subject in ((_LIST_STOP, folded), (_AND_LOWER, text))
        if (stop := pattern.search(subject, start + 1, end))
    ]
    if _ANY_TRIGGER.search(folded, start + 1, end):
        stops.extend(_role_phrase_starts(folded, start + 1, end))
    end = min([end, *stops])
    # "funded by X (2019–2020) and by a ...": the list ends before the "and" the stop follows.
    dangling = _DANGLING_AND.search(text, start, end)
    return dangling.start() if dangling else end


def _role_phrase_starts(folded: str, start: int, end: int) -> list[int]:
    """Where each role phrase first matches in ``folded[start:end]``; the first of these is
    where the phrases, as one pattern, would first match. Only the phrases whose strings the
    stretch holds are searched (one pattern of them all tried every phrase at every place)."""
    window = folded[start:end]
    return [
        m.start()
        for p in ROLE_PHRASES
        if may_match(p.needs, window) and (m := p.pattern.search(folded, start, end))
    ]


_DANGLING_AND = re.compile(r"\s*,?\s+(?:and|or|ir|bei|und|un|oraz|et|y|e)\s*$")


def names_in(
    text: str,
    start: int,
    role: str,
    *,
    is_programme: Callable[[str], bool] | None = None,
    funder: bool = False,
    joiners: bool = False,
) -> list[OrganisationMention]:
    """The organisations of a written list; ``start`` is the list's offset in the document."""
    found: list[OrganisationMention] = []
    pieces = split_list(text)
    if joiners:
        # Under a part's label "X kartu su Y" lists two organisations of that part's role.
        pieces = [
            (a + s, a + e)
            for a, b in pieces
            for s, e in _between(JOINER.finditer(text[a:b]), b - a)
        ]
    follows_name = False
    for a, b in pieces:
        # "Centre for Equality Initiatives, Vilnius, Lithuania – coordinator": a role word at
        # the end of an item says that item's role, whatever the list's label says.
        item = fold(text[a:b])
        own = _ROLE_TAIL.search(item)
        inside = None if own else _ROLE_IN_REMARK.search(item)
        said = own or inside
        item_role = (
            next(r for r, word in _ROLE_WORDS if said and word.fullmatch(said["word"]))
            if said
            else role
        )
        end = a + own.start() if own else b
        place = _DISTRICT.fullmatch(text[a:end].strip(" .;"))
        mention = (
            None
            if place and follows_name
            else parse_name(text[a:end], start + a, item_role, is_programme=is_programme)
        )
        owner = _programme_owner(text, a, end, start, is_programme) if funder else None
        if mention is None and owner is not None:
            found.append(owner)  # "Nordic Council of Ministers' NGO Cooperation Programme ..."
            continue
        if mention is None:
            # "..., Vilnius, Italy": a city or a country on its own belongs to the name before.
            code = country_code(text[a:end])
            if follows_name and (
                code
                or _CITY.fullmatch(text[a:end].strip())
                or _DISTRICT.fullmatch(text[a:end].strip())
            ):
                if code and not found[-1].country:
                    found[-1].country = code
                if own:
                    found[-1].role = item_role
            else:
                follows_name = False
            continue
        if len(mention.name.split()) == 1 and has_legal_form(mention.name):
            continue  # "Bendra virtuvė, UAB, Kaunas": the legal form of the name before
        unit = head_concepts(mention.name)
        if (
            follows_name
            and unit
            and unit <= {"department", "faculty"}
            and found
            and found[-1].role == mention.role
            and not quoted_part(text[a:end])
        ):
            # "Gintarinė City Municipality, Sports and Youth Department": a unit of the
            # organisation named before it, not another organisation.
            continue
        follows_name = True
        folded_name = fold(mention.name)
        # A quoted name is a funder's ("Šviesos ratas"), unless it is a programme's (the
        # Norway Grants programme "Domestic and Gender-based Violence").
        quoted_funder = quoted_part(text[a:end]) and not _PROGRAMME_WORD.search(fold(text[a:end]))
        if funder and (
            not (
                head_concepts(mention.name) - {"fund", "initiative", "union"}
                or quoted_funder
                or names_a_foundation(mention.name)
            )
            or _PROGRAMME_WORD.search(folded_name)
            or _FUNDS_WORD.search(folded_name)
        ):
            # "the European Fund", "the ... Programme", "savivaldybės biudžeto lėšomis": the
            # money, not who gives it; a quoted name ("Šviesos ratas") is a funder's; but
            # "Nordic Council of Ministers' NGO Programme" names whose programme it is.
            if owner is not None:
                found.append(owner)
            continue
        found.append(mention)
    return found


# "Nordic Council of Ministers' NGO Cooperation Programme", "the City's small grants scheme":
# an organisation's possessive before the programme it runs.
_OWNER = re.compile(r"^\s*(?:the\s+)?(?P<name>[A-ZĄČĘĖĮŠŲŪŽ][^'’]{2,120}?)['’]s?\s+(?=\S)")
_PROGRAMME_AFTER = re.compile(r"\b(?:programmes?|programs?|fund|grants?|scheme)\b")


def _programme_owner(
    text: str, a: int, end: int, start: int, is_programme: Callable[[str], bool] | None
) -> OrganisationMention | None:
    owner = _OWNER.match(text, a, end)
    if owner is None or not _PROGRAMME_AFTER.search(fold(text[owner.end() : end])):
        return None
    mention = parse_name(owner.group("name"), start + owner.start("name"), "funder")
    if mention is None or not has_head(mention.name) or "fund" in head_concepts(mention.name):
        return None
    if is_programme is not None and is_programme(mention.name):
        return None
    return mention


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_END.search(text, pos)
    end = m.start() if m else len(text)
    newline = text.find("\n", pos)
    if newline != -1:
        end = min(end, newline)
    # A list opened inside parentheses ends with them: "(finansuoja X)".
    close = text.find(")", pos, end)
    if close != -1 and text.count("(", pos, close) == 0:
        end = close
    return end


def from_phrases(
    text: str,
    start: int,
    *,
    roles: Iterable[str] | None = None,
    is_programme: Callable[[str], bool] | None = None,
) -> list[OrganisationMention]:
    """Organisations named after role phrases in a stretch of running text."""
    folded = fold(text)
    present = _triggers_in(folded)
    if not present:
        return []  # no phrase, before or after its names, can match without its words
    allowed = set(roles) if roles is not None else None
    found: list[OrganisationMention] = []
    found.extend(_names_before_roles(text, folded, start, allowed, is_programme, present))
    read_from: set[int] = set()
    for phrase in _ROLE_PHRASES_BY_TRIGGER.among(present):
        if allowed is not None and phrase.role not in allowed:
            continue
        if not may_match(phrase.needs, folded):
            continue
        for m in phrase.pattern.finditer(folded):
            if m.end() in read_from:
                continue  # two phrases for one list ("Projektą remia")
            if phrase.named and not _NAME_START.match(text, m.end()):
                continue
            read_from.add(m.end())
            # "coordinated by X in partnership with Y": X's list ends where Y's phrase begins.
            end = list_extent(text, m.end() - 1, folded=folded)
            mentions = names_in(
                text[m.end() : end],
                start + m.end(),
                phrase.role,
                is_programme=is_programme,
                funder=phrase.role == "funder",
            )
            found.extend(n for n in mentions if _named_in_prose(n) or _quoted(text, start, n))
    return found


def _quoted(text: str, start: int, mention: OrganisationMention) -> bool:
    """The name stands in quotes as written ('the charity foundation "Šviesos ratas"'): a name
    even when it has one capital and no organisation's noun."""
    if not mention.span:
        return False
    raw = text[max(0, mention.span[0] - start - 1) : mention.span[1] - start]
    quoted = quoted_part(raw)
    return quoted is not None and fold(quoted).strip() == fold(mention.name).strip()


# Role words that follow the name they speak of: "SIC yra vadovaujantysis partneris", "BSTI
# dalyvauja tarptautiniame projekte", "X is the lead partner", "X as partner", "X lėšomis".
NAME_BEFORE_PHRASES: tuple[RolePhrase, ...] = (
    _phrase(
        "coordinator",
        r"\s+(?:yra|is|was|buvo)\s+(?:the\s+)?(?:projekto\s+|project\s+)?(?:vadovaujantysis "
        r"partneris|koordinator\w*|lead partner|coordinator)\b",
    ),
    _phrase(
        "partner",
        r"\s+(?:yra|is|was|buvo)\s+(?:a\s+|the\s+)?(?:projekto\s+|project\s+)?(?:partner\w*)\b"
        r"|\s+(?:dalyvauja|dalyvavo|participates|participated|takes part|took part)\s+"
        r"(?=[^.]{0,60}\b(?:projekt\w*|project|partneryst\w*|partnership)\b)"
        r"|\s+as (?:an? )?(?:\w+ )?partner\b",
    ),
    # "The Women's Safety Initiative Kaunas ran the project together with ...", "The association
    # Kaunas Welcome, together with Kaunas County Public Library, matched ...".
    _phrase(
        "implementer",
        r"\s+(?:ran|runs|organi[sz]ed|implemented|implements|carried out|delivered|led|leads)"
        r"\s+(?:the|this)\s+(?:project|initiative|programme|scheme|campaign)\b"
        r"|,\s+(?:together|jointly) with\s+(?=[^,]{3,80},\s+[a-z]+ed\b)",
    ),
    _phrase(
        "coordinator",
        r"\s+(?:coordinated|coordinates)\s+(?:the|this)\s+(?:project|initiative|programme)\b",
    ),
    _phrase("funder", r"\s+lesomis\b"),
    # "Vilniaus moterų namai vykdo projektą ...", "... pristatė naują projektą", "The
    # Institute acts as coordinator", "The association launched a new project".
    _phrase(
        "implementer",
        r"\s+(?:vykdo|vykde|vykdys|igyvendina|igyvendino|igyvendins|pradeda|pradejo|prades"
        r"|pristate|pristato)\s+(?:(?:nauja|savo|dar viena)\s+)?projekt\w*\b"
        r"|\s+(?:launched|launches|has launched|started|starts|presented)\s+(?:the|a|its|a new"
        r"|their)\s+(?:new\s+)?project\b",
    ),
    _phrase(
        "coordinator",
        r"\s+(?:acts?|acted|serves?|served) as (?:the )?(?:project |lead )?"
        r"(?:coordinator|lead partner)\b",
    ),
    # "Since 2022 Utena District Municipality covers phone costs and the psychologist's fees".
    _phrase(
        "funder",
        r"\s+(?:covers|covered|pays|paid|pays for|paid for)\s+(?=(?:the |its |their |all )?"
        r"[^.;]{0,40}\b(?:costs?|fees?|expenses|salar\w+|wages)\b)",
    ),
    # "Since 2019 Vilnius City Municipality co-finances the mediators' work".
    _phrase(
        "funder",
        r"\s+(?:co-?finances|co-?funds|finances|funds|sponsors|co-?financed|co-?funded)"
        r"\s+(?=(?:the|its|their|this|our|all)\s)",
    ),
    # "gavus Lietuvos kultūros tarybos finansavimą", "su X parama": the giver before the gift.
    _phrase("funder", r"\s+(?:finansavim(?:a|u|o)|parama|paramos|dotacij(?:a|os|a))\b"),
)
# Every role phrase's trigger words, found in one pass over a text: the pass finds the longest
# trigger at each position where one starts, and each found word brings the shorter triggers it
# opens with ("partneris" brings "partner").
_ALL_TRIGGERS = frozenset(w for p in (*ROLE_PHRASES, *NAME_BEFORE_PHRASES) for w in p.trigger)
_TRIGGER_SCAN = re.compile(any_word_pattern(_ALL_TRIGGERS))
_OPENS_WITH = {w: frozenset(t for t in _ALL_TRIGGERS if w.startswith(t)) for w in _ALL_TRIGGERS}


class PhrasesByTrigger:
    """Phrases by their trigger words, to take the phrases a text's triggers allow without
    testing every phrase's words against them (the text's triggers are found in one pass)."""

    def __init__(self, phrases: tuple[RolePhrase, ...]) -> None:
        self._phrases = phrases
        self._by_word: dict[str, list[int]] = {}
        for i, phrase in enumerate(phrases):
            for word in phrase.trigger:
                self._by_word.setdefault(word, []).append(i)

    def among(self, present: frozenset[str]) -> list[RolePhrase]:
        """The phrases with a trigger in ``present``, in their order (a phrase without any
        trigger word is never taken, as ``phrase.trigger & present`` is then empty)."""
        chosen = {i for word in present for i in self._by_word.get(word, ())}
        return [self._phrases[i] for i in sorted(chosen)]


_ROLE_PHRASES_BY_TRIGGER = PhrasesByTrigger(ROLE_PHRASES)
_NAME_BEFORE_BY_TRIGGER = PhrasesByTrigger(NAME_BEFORE_PHRASES)


def _triggers_in(folded: str) -> frozenset[str]:
    """The trigger words ``folded`` holds (as ``{w for w in _ALL_TRIGGERS if w in folded}``,
    which costs a search of the text per word). Each search finds the next place a trigger
    starts at and the longest one there; the next search starts one character on, so that
    triggers may overlap."""
    found = set()
    at = 0
    while (m := _TRIGGER_SCAN.search(folded, at)) is not None:
        found.add(m.group())
        at = m.start() + 1
    return frozenset().union(*(_OPENS_WITH[w] for w in found))


# Where the words before a role word stop being its name (on the text as written: "narių
# mokesčiais ir Lietuvos Respublikos ... ministerijos lėšomis" names one funder after "ir").
_NAME_BOUNDARY = re.compile(
    r"\s(?:ir|and|bei)\s+(?=[A-ZĄČĘĖĮŠŲŪŽ„\"“])|\b(?:19|20)\d\d\s+(?:m\.\s+)?"
    r"|(?i:[,;:!?–—]\s*|\s-\s|\.\s|\b(?:kuriame"
    r"|kuriuose|kur|kurio|where|which|with|iš|is|vėliau|veliau|finansuojama\w*|finansuot\w*"
    r"|finansuoja|bendrai|gavus|gauta|gautu|gautą|pagal|per|su|skirtu|skirtą|skirtomis"
    r"|įgyvendintas|įgyvendinta|įgyvendinamas|vykdomas|vykdoma|vykdytas|vykdyta)\s+)"
)


# "X kartu su Y įgyvendino ...", "X, together with Y, ran ...": Y stands beside the subject.
_TOGETHER_BEFORE = re.compile(
    r"\s(?:kartu su|drauge su|bendradarbiaudam\w* su|together with|jointly with|along with"
    r"|in cooperation with|in partnership with)\s+$",
    re.IGNORECASE,
)


def _names_before_roles(
    text: str,
    folded: str,
    start: int,
    allowed: set[str] | None,
    is_programme: Callable[[str], bool] | None,
    present: frozenset[str],
) -> list[OrganisationMention]:
    found: list[OrganisationMention] = []
    for phrase in _NAME_BEFORE_BY_TRIGGER.among(present):
        if allowed is not None and phrase.role not in allowed:
            continue
        if not may_match(phrase.needs, folded):
            continue
        for m in phrase.pattern.finditer(folded):
            before = text[max(0, m.start() - 120) : m.start()]
            cut = [b.end() for b in _NAME_BOUNDARY.finditer(before)]
            a = m.start() - len(before) + (cut[-1] if cut else 0)
            mention = parse_name(
                text[a : m.start()], start + a, phrase.role, is_programme=is_programme
            )
            if mention is None or not _named_in_prose(mention):
                continue
            last = text[a : m.start()].split()[-1] if text[a : m.start()].split() else ""
            if phrase.role == "funder" and not (
                last[:1].isupper() or has_head(last) or last[-1:] in '”“"»)'
            ):
                continue  # "sporto projektų finansavimo", "skyrė jai finansavimą": no giver
            if phrase.role == "funder" and (
                not (
                    head_concepts(mention.name) - {"fund", "initiative", "union"}
                    or names_a_foundation(mention.name)
                )
                or _PROGRAMME_WORD.search(fold(mention.name))
            ):
                continue  # "Europos socialinio fondo lėšomis": a programme, not a funder
            together = _TOGETHER_BEFORE.search(text[max(0, a - 40) : a])
            if together and phrase.role in ("implementer", "coordinator"):
                # "X kartu su Y įgyvendino projektą": X does it, Y beside it.
                end = a - len(together.group(0))
                subject = name_ending_at(text, end, start, phrase.role, is_programme)
                if subject is not None and _named_in_prose(subject):
                    found.append(subject)
                    mention = replace(mention, role="partner")
            found.append(mention)
            # "X ir Y lėšomis": X gives too.
            joined = re.search(r"\s(?:ir|bei|and)\s+$", text[max(0, a - 6) : a])
            if joined and phrase.role == "funder":
                end = a - len(joined.group(0))
                other = name_ending_at(text, end, start, phrase.role, is_programme)
                if other is not None and has_head(other.name) and _named_in_prose(other):
                    found.append(other)
    return found


def name_ending_at(
    text: str,
    end: int,
    start: int,
    role: str,
    is_programme: Callable[[str], bool] | None,
) -> OrganisationMention | None:
    """The name that ends at ``end``, back to the word or mark before which no name goes on."""
    before = text[max(0, end - 120) : end]
    cut = [b.end() for b in _NAME_BOUNDARY.finditer(before)]
    b0 = end - len(before) + (cut[-1] if cut else 0)
    return parse_name(text[b0:end], start + b0, role, is_programme=is_programme)


def _named_in_prose(mention: OrganisationMention) -> bool:
    """In running text a phrase after a role word is a name only if it shows one: an
    organisation's noun, a legal form, an acronym, or two capitalised words ("Likestilling
    Vest"), not "Norvegijos partneriais analizavome"."""
    name = mention.name
    if _ROLE_INSIDE.search(name):
        return False
    capitals = sum(1 for w in name.split() if w[:1].isupper() or w[:1].isdigit())
    return bool(
        has_head(name)
        or has_legal_form(name)
        or mention.acronym
        or is_acronym(name.split()[0])
        or capitals >= 2
    )


def dedupe(mentions: list[OrganisationMention]) -> list[OrganisationMention]:
    """One mention per organisation in a record: the first, completed by the later ones. The
    same name in another grammatical case is the same organisation ("kartu su Lygių galimybių
    plėtros centru" after "Lygių galimybių plėtros centras"); the record shows the spelling that
    reads as the nominative, as written in it."""
    kept: dict[str, OrganisationMention] = {}
    by_acronym: dict[str, str] = {}
    by_stem: dict[str, str] = {}
    for m in mentions:
        key = name_key(m.name)
        stem = stem_key(m.name)
        if key not in kept and m.name in by_acronym:
            key = by_acronym[m.name]
        if key not in kept and stem in by_stem:
            key = by_stem[stem]
        if key in kept:
            first = kept[key]
            if nominative_rank(m.name) > nominative_rank(first.name):
                first.name, first.span = m.name, m.span
            first.acronym = first.acronym or m.acronym
            first.country = first.country or m.country
            for alias in m.aliases:
                if alias not in first.aliases:
                    first.aliases.append(alias)
            continue
        kept[key] = m
        if m.acronym:
            by_acronym[m.acronym] = key
        if stem:
            by_stem[stem] = key
    # An acronym mentioned before its full name is the same organisation.
    return [
        m
        for k, m in kept.items()
        if not (is_acronym(m.name) and m.name in by_acronym and by_acronym[m.name] != k)
    ]


# Where an item of a described list stops naming and starts describing: "X, which refers
# clients; the Y, whose nurses ...", "X – gives us a room", "X (methodical help)".
_ITEM_CLAUSE = re.compile(
    r",\s+(?:which|who|whose|where|that|whom|kuri\w*|kur|kas|welche\w*|die|der|das|qui|dont"
    r"|ktor\w*|kas|kura)\b|\s+[-–—]\s+(?=[a-ząčęėįšųūž])|:\s"
    r"|\s+as\s+(?:an?\s+|the\s+)?(?:\w+\s+)?partner|\s+\((?!\w+\))"
)
_ITEM_BREAK = re.compile(r";|(?<=[.!?])\s+(?=[A-ZĄČĘĖĮŠŲŪŽ„\"“])|\n")


def item_heads(text: str) -> list[tuple[int, str]]:
    """The opening of each item of a list whose items describe their organisation, as
    (offset in ``text``, text): each item is cut where its description begins."""
    heads = []
    start = 0
    for m in [*_ITEM_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        item = text[start:end]
        clause = _ITEM_CLAUSE.search(item)
        head = item[: clause.start()] if clause else item
        if head.strip() and len(head.split()) <= MAX_NAME_WORDS + 2:
            heads.append((start, head))
        start = m.end() if m else len(text)
    return heads
