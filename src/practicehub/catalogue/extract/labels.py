"""Section labels of project descriptions and good-practice forms, in Lithuanian and English.

A label is the short heading a form or a page puts before a part ("3. Gerosios praktikos
tikslas", "Target group(s):", "Projekto partneriai –"). Each entry below names the section key of
``record.schema.json`` the part maps to, the organisation role its text implies (for the parts
that list organisations), and the words that signal it. Entries are tried in order, so the more
specific come first ("Organizacijos kontaktai" is contacts, not organisation).

Patterns run on folded text (lower case, no diacritics): "trukmė" is written "trukme". Each entry
carries its signals in English and Lithuanian first, then in German, Latvian and Polish (the
other languages of our documents' families), then French, Spanish, Italian and Portuguese, so
that a page in those languages is read the same way ("Laufzeit", "Projekta īstenošanas laiks",
"Okres realizacji", "Entidad responsable", "Soggetto capofila"). Polish "ł" has no plain letter
and stays as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from practicehub.catalogue.extract.literals import Gate
from practicehub.catalogue.extract.text import fold, words


@dataclass(frozen=True, slots=True)
class LabelKind:
    key: str
    role: str | None
    pattern: re.Pattern[str]
    # "title" for the record's name, "number" for a project number: parts the fields read.
    special: str = ""


def _entry(key: str, role: str | None, *cues: str, special: str = "") -> LabelKind:
    return LabelKind(key, role, re.compile(r"\b(?:" + "|".join(cues) + r")\b"), special)


LABELS: tuple[LabelKind, ...] = (
    _entry(
        "other",
        None,
        r"(?<!organizacijos )(?<!institucijos )(?<!imones )pavadinimas",  # not whose name
        r"title",
        r"name of (?:the )?(?:good )?(?:practice|project|initiative)",
        r"(?:project|practice|initiative) name",
        r"projekttitel",
        r"titel",
        r"nosaukums",
        r"tytuł",
        r"nazwa projektu",
        r"intitule",
        r"titre(?: du projet)?",
        r"nom (?:du|de la) (?:projet|pratique|action)",
        r"titul[oa](?: del? \w+)?",
        r"titolo",
        r"nom(?:bre|e) (?:del?|dell[ao]|do|da|de la) (?:buena |buona |boa )?"
        r"(?:proyecto|progetto|projeto|practica|pratica|iniciativa|iniziativa)",
        r"denominaci\w*",
        r"denominazione",
        # A table's first column that names the record: "Practice", "Projektas", "Projekt".
        r"^\s*(?:project|practice|projektas|projekt|projet|pratique|praktika|projekts)\s*$",
        r"^\s*(?:proyecto|progetto|projeto|practica|pratica)\s*$",
        special="title",
    ),
    _entry(
        "other",
        None,
        r"project (?:number|no|code|id|reference)",
        r"projekto (?:numeris|nr|kodas)",
        r"grant agreement(?: (?:number|no))?",
        r"sutarties (?:nr|numeris)",
        r"reference (?:number|no)",
        r"forderkennzeichen",
        r"projektnummer",
        r"aktenzeichen",
        r"projekta (?:numurs|nr)",
        r"ligum\w* (?:nr|numurs)",
        r"num(?:er|eru) (?:projektu|umowy|wniosku)",
        r"nr (?:projektu|umowy)",
        r"project (?:identifier|id)",
        r"project index(?: number)?",
        r"identifier",
        r"reference(?: du projet)?",
        r"numero (?:du |de )?(?:projet|convention|dossier)",
        r"(?:numero|codigo|codice|referencia|riferimento) (?:de |del |di |do |da )?"
        r"(?:proyecto|progetto|projeto|expediente|referencia|riferimento|operacion|operazione)",
        r"expediente",
        special="number",
    ),
    _entry(
        "contacts",
        None,
        r"kontakt\w*",
        r"contacts?",
        r"contact (?:details|information|person)",
        r"adresas",
        r"address",
        r"el\.? ?past\w*",
        r"e-?mail",
        r"susisiek\w*",
        r"rekvizit\w*",
        r"get(?:ting)? in touch",
        r"how to (?:reach|contact|find) us",
        r"interneto svetaine",
        r"svetaine",
        r"tinklalapis",
        r"websites?",
        r"web ?page",
        r"telefon\w*",
        r"phone",
        r"ansprechp\w*",
        r"webseite",
        r"internetseite",
        r"homepage",
        r"adrese",
        r"adres",
        r"e-?pasts",
        r"timeklvietne",
        r"strona internetowa",
        r"rysiui",
        r"rysiams",
        r"coordonnees",
        r"courriel",
        r"telephone",
        r"site (?:web|internet)",
        r"contact[oa]s?",
        r"contatt[oi]",
        r"contatos?",
        r"correo electronico",
        r"(?:sitio|pagina|sito|pagina) (?:web|internet)",
        r"indirizzo",
        r"endereco",
        r"domicilio",
        r"persona de contacto",
        r"referente",
    ),
    # What a call allows ("Galimi partneriai", "Eligible applicants"): no record's own partners.
    _entry(
        "other",
        None,
        r"galim\w* (?:pareiskej\w*|partner\w*)",
        r"eligible (?:applicants?|partners?|organi[sz]ations?|costs?)",
        r"(?:possible|potential) (?:applicants?|partners?)",
    ),
    # What kind of body a database says an organisation is ("Activity type: Higher or Secondary
    # Education Establishments") and at what level a practice runs ("Level of implementation:
    # local"): neither activities nor a target group.
    _entry(
        "other",
        None,
        r"(?:activity|organi[sz]ation|legal entity) type"
        r"(?: of (?:participants?|organi[sz]ations?))?",
        r"type of (?:organi[sz]ation|participants?|legal entity)",
        r"level of implementation",
    ),
    _entry("partners", "member", r"consortium(?: members)?", r"konsorcium\w*", r"konsortium"),
    _entry(
        "partners",
        "partner",
        r"(?<!lead )(?<!vadovaujantysis )(?<!vadosais )(?<!lider )partner\w*(?! capofila)",
        r"bendradarbiaujan\w*",
        r"kartu dirb\w*",
        r"bendradarbiavimo organizacij\w*",
        r"bendradarbiavimas",
        r"co-?operating",
        r"stakeholders? involved",
        r"(?:main |key )?stakeholders",
        r"who (?:is|was|are|were) involved",
        r"collaborating",
        r"cooperation partners?",
        r"associated",
        r"asocijuot\w*",
        r"kooperationspartner\w*",
        r"projektpartner\w*",
        r"sadarbibas partner\w*",
        r"partenaires?",
        r"partenariat",
        r"socios?",
        r"(?:entidad\w*|organizaci\w*|organizzazion\w*|ent[ei]|entidades?)"
        r" (?:socias?|colaborador\w*|asociad\w*|participantes?|partecipanti|coinvolt\w*"
        r"|parceir\w*|partner)",
        r"colaborador\w*",
        r"partenariato",
        r"parceir\w*",
        r"parceria",
    ),
    # How much a project costs or was granted ("Budget", "EU contribution", "Projekto vertė"):
    # read like a funding part, but the nine-part form has no such part (see _form_keys).
    _entry(
        "funding",
        "funder",
        r"budget",
        r"biudzet\w*",
        r"(?:net |maximum |max\.? )?eu contribution",
        r"eu grant",
        r"grant amount",
        r"^\s*grants?(?: awarded)?\s*$",  # alone: "Grant No." is a number, "Grant holder" a name
        r"awarded amount",
        # A table of funded projects: "Grant, EUR", "Amount granted", "Dotacija, Eur".
        r"grant,? \(?(?:eur|euro|€)\b\)?",
        r"(?:amount|sum) (?:granted|awarded)",
        r"dotacij\w*",
        r"total cost",
        r"projekto verte",
        r"skirta suma",
        r"gesamtkosten",
        r"kopejas izmaksas",
        r"wartosc projektu",
        r"presupuesto",
        r"orcamento",
        r"(?:importe|importo|coste|costo|custo|valor|valore) (?:total\w*|concedid\w*|finanziat\w*"
        r"|subvencionad\w*|del proyecto|del progetto|do projeto|complessiv\w*)",
        r"contributo (?:ue|concesso|pubblico)",
        r"costs",
        special="budget",
    ),
    _entry(
        "funding",
        "funder",
        r"funding",
        r"funded (?:by|under|from|through)",
        r"funders?",
        r"financ\w*",
        r"finansav\w*",
        r"finansuotoj\w*",
        r"finansuoja",
        r"finansin\w* informacij\w*",
        r"financial information",
        r"remej\w*",
        r"donors?",
        r"sponsors?",
        r"lesu saltin\w*",
        r"(?:funding )?programme",
        r"programa",
        r"key action",
        r"action type",
        r"forderung",
        r"gefordert (?:durch|von)",
        r"finanzierung",
        r"forderprogramm",
        r"programm",
        r"finansejum\w*",
        r"finansetaj\w*",
        r"programma",
        # "Finansowanie", "Źródło finansowania" ("ł" is no letter with a diacritic to fold).
        r"(?:zrod\w* )?finansowani\w*",
        r"dofinansowani\w*",
        r"program",
        r"cofinancement",
        r"resources (?:needed|required|used)",
        r"bailleurs?(?: de fonds)?",
        r"cofinanc\w*",
        r"(?:co)?finanziat\w*",
        r"finanziament\w*",
        r"subvenci\w*",
        r"entidad financiadora",
        r"fonte di finanziamento",
    ),
    _entry(
        "organisation",
        "coordinator",
        r"koordinator\w*",
        r"koordinuojanti",
        r"coordinat\w*",
        r"lead (?:partner|organi[sz]ation|applicant|beneficiary)",
        r"pareiskej\w*",
        r"applicant",
        r"promoter",
        r"grantees?",
        r"grant (?:holder|recipient)s?",
        r"paramos gavej\w*",
        r"vadovaujantysis partneris",
        r"projekttrager\w*",
        r"trager",
        r"antragsteller\w*",
        r"vadosais partneris",
        r"projekta istenotajs",
        r"istenotajs",
        r"realizator\w*",
        r"beneficjent\w*",
        r"lider projektu",
        r"wnioskodawca",
        r"koordynator\w*",
        r"porteur(?: du projet| de projet)?",
        r"structure porteuse",
        r"chef de file",
        r"(?:entidad|entidade|ente|soggetto|organizacion|organizacao) (?:responsable|responsavel"
        r"|coordinador\w*|coordenador\w*|solicitante|proponente|promotor\w*|capofila|gestor\w*"
        r"|beneficiari\w*)",
        r"coordinador\w*",
        r"coordenador\w*",
        r"promotor\w*",
        r"(?:partner )?capofila",
        r"soggetto proponente",
        r"proponente",
        r"solicitante",
    ),
    _entry(
        "organisation",
        "implementer",
        r"vykdytoj\w*",
        r"igyvendintoj\w*",
        r"igyvendinanti",
        r"implementing (?:organi[sz]ation|body|partner)s?",
        r"implementers?",
        r"implemented by",
        r"(?:entidad|entidade|ente|soggetto|organismo) (?:ejecutor\w*|attuator\w*|executor\w*"
        r"|gestor\w*)",
        r"soggetto attuatore",
    ),
    _entry(
        "organisation",
        "provider",
        r"teikianti",
        r"teikej\w*",
        r"pateikej\w*",
        r"providers?",
        r"anbieter\w*",  # "Anbieterorganisation"
        r"providing",
        # Not "Rekomendacijos kitoms organizacijoms", "Advice to other organisations": whom
        # the advice is for.
        r"(?<!other )(?<!for )(?<!to )organi[sz]ations?",
        r"(?<!kitoms )(?<!kitom )organizacij\w*",
        r"institucij\w*",
        r"institution",
        r"submitted by",
        r"owner",
        r"imone",
        r"entidad(?:es)?",
        r"entidades?",
        r"organizaci[oa]n\w*",
        r"organizzazion\w*",
        r"organizac[oa]\w*",
        r"instituci[oa]n\w*",
        r"istituzion\w*",
    ),
    _entry(
        "target_group",
        None,
        r"tiksl\w* grup\w*",
        r"target\w* (?:groups?|audiences?|population)(?:\(s\))?",
        r"beneficiar\w*",
        r"naudos gavej\w*",
        r"who (?:will )?benefits?",
        r"kam skirta",
        r"dalyviai",
        r"participants",
        r"zielgrupp\w*",
        r"merka grup\w*",
        r"grup[ay] docelow[ae]",
        r"adresaci",
        r"publics? cibles?",
        r"publics? vises?",
        r"groupes? cibles?",
        r"beneficiaires?",
        r"destinatari\w*",
        r"(?:publico|grupos?|colectivos?|poblacion|gruppo|gruppi|populacao)"
        r"[ -](?:objetivo|destinatari\w*|alvo|beneficiari\w*|target)",
        r"target di riferimento",
        r"personas destinatarias",
        r"partecipanti",
    ),
    _entry(
        "duration",
        None,
        r"trukm\w*",
        r"duration",
        r"periodas",
        r"period",
        r"laikotarp\w*",
        r"time ?frame",
        r"time ?scale",
        r"time ?span",
        r"(?:vykdymo|igyvendinimo) laikas",
        r"timeline",
        r"dates?",
        r"start date",
        r"end date",
        r"start(?:s|ed|ing)?",
        r"ends?",
        r"beginning",
        r"projektbeginn",
        r"pradzia",
        r"pabaiga",
        r"terminas",
        r"(?:projekt)?laufzeit",
        r"projektbeginn",
        r"projektende",
        r"zeitraum",
        r"(?:projekt)?dauer",
        r"ilgums",
        r"istenosanas (?:laiks|period\w*|termin\w*)",
        r"okres realizacji",
        r"czas trwania",
        r"termin realizacji",
        r"nuo kada",
        r"duree",
        r"periode",
        r"calendrier",
        r"duracion",
        r"durata",
        r"duracao",
        # "Periodo" alone only as the whole label: Lithuanian "periodo" is a case of "periodas".
        r"^\s*periodo\s*$",
        r"periodo (?:de (?:ejecucion|realizacion|execucao|implementacao)|di (?:realizzazione"
        r"|attuazione|svolgimento))",
        r"plazo de ejecucion",
        r"fechas?(?: de (?:inicio|fin\w*))?",
        r"data (?:di|de|do) (?:inizio|fine|inicio|conclusao|termino|fim)",
        r"calendario",
        r"cronograma",
        r"tempistica",
        r"tempi di realizzazione",
        r"inicio",
    ),
    _entry(
        "objectives",
        None,
        r"objectives",
        r"aims",
        r"goals",
        r"tikslai",
        r"uzdavin\w*",
        r"specific objectives?",
        r"(?:projekt)?ziele",
        r"merki",
        r"cele",
        r"objectifs",
        r"objetivos(?: especificos)?",
        r"obiettivi(?: specifici)?",
    ),
    _entry(
        "aim",
        None,
        r"tikslas",
        r"paskirtis",
        r"siekiai",
        r"siekis",
        r"aim",
        r"goal",
        r"purpose",
        r"objective",
        r"misija",
        r"(?:projekt)?ziel",
        r"merkis",
        r"cel",
        r"objectif",
        r"finalite",
        r"objetivo(?: general| geral)?",
        r"obiettivo(?: generale)?",
        r"finalidad",
        r"finalita",
        r"proposito",
        r"scopo",
    ),
    _entry(
        "activities",
        None,
        r"veikl\w*",
        r"activit\w*",
        r"implementation",
        r"actions?",
        r"priemon\w*",
        r"renginiai",
        r"events",
        r"work ?packages?",
        r"what (?:we|they|the \w+) (?:do|did|does|offers?|provides?)",
        r"paslaug\w*",
        r"services",
        r"maßnahmen",
        r"massnahmen",
        r"umsetzung",
        r"aktivitaten",
        r"aktivitates",
        r"pasakumi",
        r"działania",
        r"deroulement",
        r"mise en (?:oeuvre|œuvre)",
        r"actividades",
        r"attivita",
        r"atividades",
        r"acciones",
        r"azioni",
        r"acoes",
        r"intervencion\w*",
        r"interventi",
        r"servicios",
        r"servizi",
        r"servicos",
        r"(?:implementaci|implementac|realizaci)[oa]n?\w*",
        r"attuazione",
    ),
    _entry(
        "impact",
        None,
        r"poveik\w*",
        r"rezultat\w*",
        r"stebesen\w*",
        r"impact",
        r"results?",
        r"outcomes?",
        r"outputs?",
        r"achievements?",
        r"pasiekim\w*",
        r"monitoring",
        r"evaluation",
        r"vertinim\w*",
        r"success factors?",
        r"what worked(?: well)?",
        r"evidence of success",
        r"nauda",
        r"benefits",
        r"sekmes veiksn\w*",
        r"sustainability",
        r"tvarum\w*",
        r"\w*ergebnis\w*",
        r"wirkung",
        r"wyniki",
        r"efekty",
        r"resultats?",
        r"effets",
        r"resultad\w*",
        r"risultat\w*",
        r"impacto",
        r"impatto",
        r"logros",
        r"evaluacion",
        r"valutazione",
        r"avaliacao",
        r"seguimiento",
        r"monitoraggio",
        r"sostenibilita",
        r"sostenibilidad",
        r"sustentabilidade",
    ),
    _entry(
        "advice",
        None,
        r"patarim\w*",
        r"rekomendacij\w*",
        r"advice",
        r"tipp?s?",  # "Tips", "Tipps"
        r"recommendations?",
        r"lessons? learn\w*",
        r"(?:key )?lessons",
        r"pamok\w*",
        r"transferab\w*",
        r"perkeliam\w*",
        r"pritaikym\w*",
        r"replicab\w*",
        r"transfer",
        r"potential for learning",
        r"difficulties encountered",
        r"replication",
        r"adopt\w*",
        r"conseils?",
        r"essaim\w*",
        r"wskazowki",
        r"rady",
        r"ubertragbarkeit",
        r"empfehlung\w*",
        r"ieteikum\w*",
        r"recommandations?",
        r"enseignements?",
        r"lecons? (?:apprises|tirees)",
        r"recomendacion\w*",
        r"raccomandazion\w*",
        r"recomendacoes",
        r"lecciones aprendidas",
        r"lezioni apprese",
        r"licoes aprendidas",
        r"transferib\w*",
        r"trasferib\w*",
        r"consejos",
        r"consigli",
        r"conselhos",
        r"dificultades",
        r"difficolta",
        r"dificuldades",
    ),
    _entry(
        "description",
        None,
        r"aprasym\w*",
        r"aprasas",
        r"description",
        r"summary",
        r"santrauk\w*",
        r"about",
        r"apie",
        r"overview",
        r"at a glance",
        r"in brief",
        r"methods?",
        r"methodology",
        r"metod\w*",
        r"how (?:does|did) it work",
        r"approach",
        r"santrauka",
        r"(?:projekt|kurz)?beschreibung",
        r"apraksts",
        r"opis(?: projektu)?",
        r"presentation",
        r"resume",
        r"demarche",
        r"methode",
        r"kurzbeschreibung",
        r"descripci\w*",
        r"descrizione",
        r"descricao",
        r"resumen",
        r"sintesi",
        r"resumo",
        r"presentaci[oa]n",
        r"presentazione",
        r"apresentacao",
    ),
    # Why the record exists: its background, the problem it answers. A project page tells it as
    # its description; the nine-part form has no such part, so there it is "other".
    _entry(
        "description",
        None,
        r"background",
        r"context",
        r"kontekst\w*",
        r"problem\w*",
        r"issues?",
        r"challenges?",
        r"issuk\w*",
        r"introduction",
        r"ivadas",
        r"contexte",
        r"problematique",
        r"ausgangslage",
        r"hintergrund",
        r"rationale",
        r"situation",
        r"needs?",
        r"poreik\w*",
        r"contexto",
        r"contesto",
        r"antecedentes",
        r"problematica",
        r"necesidades",
        r"bisogni",
        r"necessidades",
        r"justificaci[oa]n",
        r"introducci[oa]n",
        r"introduzione",
        r"introducao",
        r"situaci[oa]n",
        r"situazione",
        r"situacao",
        special="background",
    ),
    _entry(
        "other",
        None,
        r"countr(?:y|ies)",
        r"salis",
        r"salys",
        r"city",
        r"miestas",
        r"location",
        r"vieta",
        r"regions?",
        r"regionas",
        r"themes?",
        r"topics?",
        r"thematik",
        r"call year",
        r"tema",
        r"temos",
        r"sritis",
        r"keywords?",
        r"raktazodziai",
        r"raktiniai zodziai",
        r"schlagw\w*",
        r"schlusselw\w*",
        r"stichw\w*",
        r"atslegvard\w*",
        r"słowa kluczowe",
        r"mots?-cles?",
        r"languages?",
        r"kalba",
        r"more information",
        r"further information",
        r"daugiau informacijos",
        r"sources?",
        r"saltiniai",
        r"(?:organi[sz]ation )?type",
        r"(?:project )?acronym",
        r"trumpinys",
        r"akronimas",
        r"status",
        r"priority",
        r"prioritetas",
        r"geographic\w* (?:area|scope|coverage)",
        r"(?:organizacijos )?tipas",
        r"legal (?:form|status)",
        r"teisine forma",
        r"call(?: (?:identifier|id|number))?",
        r"pais",
        r"paese",
        r"ciudad",
        r"citta",
        r"localidad",
        r"ubicacion",
        r"localizacao",
        r"regiao",
        r"ambito(?: territorial| geografico)?",
        r"tematica",
        r"temas",
        r"palabras clave",
        r"parole chiave",
        r"palavras-chave",
        r"idioma",
        r"lingua",
        r"fuentes",
        r"fonti",
        r"mas informacion",
        r"maggiori informazioni",
        r"mais informac\w*",
    ),
)

# Spanish, Italian and Portuguese words of labels that are not signals ("Objetivos del
# proyecto", "Descrizione della buona pratica", "Duração do projeto").
_ROMANCE_FILLERS = (
    "el", "los", "las", "del", "y", "en", "al", "con", "por", "para", "il", "lo", "gli", "di",
    "dei", "della", "dello", "delle", "degli", "nel", "nella", "dal", "dalla", "do", "dos", "das",
    "em", "com", "pelo", "pela", "proyecto", "proyectos", "progetto", "progetti", "projeto",
    "projetos", "buena", "buenas", "buona", "buone", "boa", "boas", "práctica", "prácticas",
    "pratica", "pratiche", "prática", "práticas", "iniciativa", "iniziativa", "principales",
    "principali", "principais", "esperados", "obtenidos", "alcanzados", "attesi", "ottenuti",
    "raggiunti", "alcançados", "previstos", "breve", "datos", "dati", "dados",
)  # fmt: skip

# Words a label may carry besides its signal ("Gerosios praktikos pavyzdį teikianti organizacija").
FILLERS = frozenset(
    fold(w)
    for w in [
        "the",
        "a",
        "an",
        "of",
        "for",
        "and",
        "or",
        "to",
        "in",
        "on",
        "with",
        "by",
        "its",
        "their",
        "our",
        "this",
        "that",
        "these",
        "main",
        "key",
        "short",
        "brief",
        "general",
        "overall",
        "specific",
        "detailed",
        "project",
        "projects",
        "practice",
        "practices",
        "good",
        "best",
        "promising",
        "initiative",
        "name",
        "details",
        "information",
        "info",
        "who",
        "what",
        "how",
        "which",
        "is",
        "are",
        "will",
        "want",
        "wish",
        "wishing",
        "those",
        "others",
        "implement",
        "implementing",
        "plan",
        "planned",
        "expected",
        "achieved",
        "list",
        "from",
        "e",
        "g",
        "i",
        "e",
        "used",
        "resources",
        "source",
        "sources",
        "further",
        "other",
        "additional",
        "relevant",
        "contact",
        "person",
        "persons",
        "s",
        "number",
        "no",
        "nr",
        "date",
        "gerosios",
        "geroji",
        "gera",
        "geraja",
        "geros",
        "praktikos",
        "praktika",
        "praktiką",
        "projekto",
        "projektas",
        "projekte",
        "pagrindiniai",
        "pagrindinis",
        "pagrindinės",
        "svarbiausi",
        "svarbiausios",
        "svarbiausių",
        "trumpas",
        "trumpai",
        "ir",
        "bei",
        "ar",
        "apie",
        "jos",
        "šios",
        "šią",
        "šio",
        "pavyzdys",
        "pavyzdį",
        "pavyzdžio",
        "norintiems",
        "pritaikyti",
        "įgyvendinti",
        "įgyvendinimo",
        "įgyvendinimas",
        "organizacijos",
        "pasiekti",
        "numatyti",
        "numatomi",
        "planuojami",
        "kurie",
        "kas",
        "kaip",
        "kokie",
        "jo",
        "ją",
        "šaltinis",
        "šaltiniai",
        "informacija",
        # German, Latvian and Polish label words that are not signals
        "des",
        "der",
        "die",
        "das",
        "den",
        "und",
        "für",
        "projekts",
        "projektes",
        "projekta",
        "projekt",
        "projektu",
        "un",
        "oraz",
        "dla",
        # French
        "du",
        "de",
        "la",
        "le",
        "les",
        "et",
        "projet",
        "attendus",
        "obtenus",
        "principaux",
        "principales",
        "pour",
        "aux",
        "involved",
        "us",
        "asmuo",
        "asmens",
        "išmoktos",
        "kitiems",
        "kitoms",
        *_ROMANCE_FILLERS,
    ]
)

_NUMBERING = re.compile(
    r"^\s*(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]|[IVX]{1,4}[.)]|[A-H][.)]|\d{1,2}\s+[-–—](?=\s))\s*"
)
_DASH_SPLIT = re.compile(r"\s+[-–—]\s+")
MAX_LABEL_WORDS = 12


@dataclass(frozen=True, slots=True)
class LabelMatch:
    kind: LabelKind
    heading: str  # as written, with its number and colon
    value_offset: int  # where the value starts in the line (len(line) when none)
    numbered: bool
    number: int | None
    separated: bool  # a colon or dash ends the label
    unknown: int  # words that are neither signal nor filler
    # The second part a joined label names ("Tikslas ir tikslinė grupė": target_group).
    also: str | None = None

    @property
    def key(self) -> str:
        return self.kind.key

    @property
    def role(self) -> str | None:
        return self.kind.role


def _balanced(text: str) -> bool:
    """No parenthesis or quotation left open (a colon inside a quoted title is not a label's)."""
    if text.count("(") != text.count(")"):
        return False
    return sum(text.count(q) for q in '„“”«»"') % 2 == 0


def _split_label(rest: str) -> tuple[str, int, bool]:
    """The label part of ``rest`` and where its value starts; (rest, len(rest), False) if none."""
    found = None
    colon = rest.find(":")
    while colon != -1:
        left = rest[:colon]
        if _balanced(left) and not left.rstrip().endswith(("http", "https")) and left.strip():
            found = (left, colon + 1, True)
            break
        colon = rest.find(":", colon + 1)
    # Whichever separator comes first ends the label: "Pavadinimas – Kelias: ..." is labelled
    # by its dash, the colon belongs to the title.
    m = _DASH_SPLIT.search(rest, 0, found[1] if found else len(rest))
    if m and m.start() > 0 and _balanced(rest[: m.start()]):
        return rest[: m.start()], m.end(), True
    return found or (rest, len(rest), False)


def _replace(
    m: LabelMatch, line: str, offset: int, value_at: int, numbered: bool, number: int | None
) -> LabelMatch:
    """A run-in question heading ("Kaip tai veikia. ...") as a label of ``line``."""
    value = line[offset + value_at :]
    return LabelMatch(
        kind=m.kind,
        heading=line[: offset + value_at].strip(),
        value_offset=offset + value_at + len(value) - len(value.lstrip()),
        numbered=numbered,
        number=number,
        separated=True,
        unknown=0,
    )


_RUN_IN = re.compile(r"^([^\W\d_][\w’' /-]{1,40}?)\.\s+(?=[A-ZĄČĘĖĮŠŲŪŽ\d„“\"])")


_PAIR = re.compile(r"\s+(?:and|ir|bei|&|und|un|oraz|i|et|y|e)\s+")


def _first_of_pair(folded: str, kind: LabelKind) -> tuple[LabelKind, str | None]:
    """A label that joins two parts ("Tikslas ir tikslinė grupė", "Partners and funding")
    is the part it names first, and also the second: the order of ``LABELS`` only settles
    which part one phrase's words name."""
    pair = _PAIR.search(folded)
    if pair is None or kind.special:
        return kind, None
    first = next((k for k in LABELS if k.pattern.search(folded[: pair.start()])), None)
    if first is None or first.special or first.key == kind.key:
        return kind, None
    if any(k.pattern.search(folded[pair.end() :]) for k in LABELS if k.key == kind.key):
        return first, kind.key  # each half names its own part
    return kind, None


_LABEL_GATE = Gate([kind.pattern for kind in LABELS])


@lru_cache(maxsize=50_000)
def match_label(line: str) -> LabelMatch | None:
    """The section label this line starts with, if it has the shape and words of one."""
    m = _NUMBERING.match(line)
    numbered = bool(m)
    number = None
    if m:
        digits = re.match(r"\(?(\d+)", m.group(0).strip())
        number = int(digits.group(1)) if digits else None
    offset = m.end() if m else 0
    rest = line[offset:]
    label, value_at, separated = _split_label(rest)
    run_in = _RUN_IN.match(rest)
    if run_in is not None and (not separated or run_in.end(1) < len(label)):
        # "Trukmė. 2022-03-01–2024-02-29", "Aim. To give ...", "Kaip tai veikia. Kiekvienas
        # ...": a run-in heading that ends with a full stop (before any dash or colon of its
        # text); it counts only when every word of it is a label's, or it asks for a part.
        head = rest[: run_in.end(1)]
        found = match_label(head)
        if (found is not None and found.unknown == 0) or match_question(head) is not None:
            label, value_at, separated = head, run_in.end(), True
            asked = match_question(head) if found is None or found.unknown else None
            if asked is not None:
                return _replace(asked, line, offset, value_at, numbered, number)
    label_words = words(label)
    if not label_words or len(label_words) > MAX_LABEL_WORDS:
        return None
    folded = fold(label)
    # Only the kinds whose words the label holds can match it.
    kinds = [LABELS[i] for i in _LABEL_GATE.candidates(folded)]
    kind = next((k for k in kinds if k.pattern.search(folded)), None)
    if kind is None:
        return None
    kind, also = _first_of_pair(folded, kind)
    known_spans = [s.span() for k in kinds for s in k.pattern.finditer(folded)]
    unknown = 0
    for w in re.finditer(r"[^\W\d_]{2,}", folded):
        if w.group(0) in FILLERS:
            continue
        if any(a <= w.start() and w.end() <= b for a, b in known_spans):
            continue
        unknown += 1
    value = rest[value_at:]
    value_offset = offset + value_at + (len(value) - len(value.lstrip()))
    if not value.strip():
        value_offset = len(line)
    heading_end = offset + value_at if separated else len(line)
    return LabelMatch(
        kind=kind,
        heading=line[:heading_end].strip(),
        value_offset=value_offset,
        numbered=numbered,
        number=number,
        separated=separated,
        unknown=unknown,
        also=also,
    )


# --- parts asked as questions --------------------------------------------------------------------
#
# Many practice collections and form templates ask for each part ("Who runs the practice?", "How
# long did it run?", "What would you tell others?", "Kam skirta?"). A question names its part by
# its asking word and the verb or noun after it, not by the nouns a label uses; each entry below
# is (key, role, pattern on the folded question). Tried in order: the more specific come first
# ("what did you want to achieve" is the aim, "what was achieved" the impact).
_QUESTIONS: tuple[tuple[str, str | None, re.Pattern[str]], ...] = tuple(
    (key, role, re.compile(pattern))
    for key, role, pattern in (
        ("description:background", None, r"\b(?:problem\w*|challenge\w*|needs?|issues?"
         r"|why (?:was|is|did)|what (?:was|is) the (?:situation|context))\b|\bkokia problema"
         r"|\bkodel (?:reikej\w*|prireik\w*)"),
        ("contacts", None, r"\b(?:reach|contact|get in touch|find (?:you|us|out more))\b"
         r"|\bkaip (?:su (?:mumis|jumis|jais|ja|juo) )?(?:susisiekti|rasti)|\bwie erreich"
         r"|\bcomment (?:nous )?contacter"),
        ("funding", "funder", r"\b(?:pa(?:ys|id)|fund(?:s|ed|ing)?|financ\w*|cost\w*|money)\b"
         r"|\bfinans\w*|\bkas (?:moka|rem\w*)|\bkiek kainav\w*|\bwer (?:finanziert|fordert)"),
        ("advice", None, r"\b(?:tell|advi[cs]e|recommend\w*|tips?|lessons?|others?|someone"
         r"|differently|transfer\w*|repeat|replicat\w*)\b|\bpatar\w*|\bkitiems\b|\brekomend\w*"
         r"|\bkitaip\b"),
        ("aim", None, r"\b(?:want\w* to|aim\w*|goal|purpose|why|hope\w* to|set out to)\b"
         r"|\bko (?:siek\w*|norej\w*)|\bkodel\b|\bkam reikal\w*|\bwarum\b|\bpourquoi\b"),
        ("partners", "partner", r"\b(?:involved|partners?|worked with|work with|cooperat\w*"
         r"|which organi[sz]ations|what organi[sz]ations|kokios organizacijos"
         r"|collaborat\w*|helped|help\w* you|together with|joined)\b"
         r"|\bsu kuo\b|\bbendradarb\w*|\bpartner\w*|\bmit wem\b|\bz kim\b"),
        ("organisation", "provider", r"\bkto (?:realizow\w*|prowadzi\w*|wdraża\w*|wdraza\w*)\b"
         r"|\bwho (?:runs?|ran|leads?|led|implement\w*|organi[sz]\w*"
         r"|provides?|offers?|is behind|is responsible|submitted|are you|we are)\b"
         r"|\bwho (?:we|you) are\b|\bwho are (?:we|you)\b"
         r"|\bkas (?:vykd\w*|igyvendin\w*|organiz\w*|teik\w*|mes)\b"
         r"|\bwer (?:sind|steht|fuhrt)\b|\bqui (?:porte|sommes)\b"),
        ("target_group", None, r"\b(?:for whom|who (?:is|was|are|were) (?:it|this|they"
         r"|the \w+)? ?for"
         r"|who (?:it|this|they) (?:is|was|are|were) (?:meant |intended |designed )?for"
         r"|who benefit\w*|who (?:took|takes) part|who (?:can|could) (?:join|take part|use)"
         r"|whom|reach\w* whom)\b|\bkam skirt\w*|\bkas dalyv\w*|\bfur wen\b|\bpour qui\b"
         r"|\b(?:do|dla) kogo\b"),
        ("duration", None, r"\b(?:how long|when|since when|what period)\b"
         r"|\bkiek laiko|\bkada\b|\bnuo kada|\bwie lange|\bwann\b|\bquand\b|\bkiedy\b"),
        ("impact", None, r"\b(?:chang\w*|results?|impact|outcomes?|achieved|difference"
         r"|worked well|succe\w*|evaluat\w*|measur\w*)\b|\bpasikeit\w*|\brezultat\w*|\bpoveik\w*"
         r"|\bpasiek\w*|\bwas hat sich|\bergebnis\w*|\bqu'est-ce qui a change"
         r"|\bco sie (?:udało|udalo|zmieniło|zmienilo)"
         r"|\bjakie (?:byly |były )?(?:efekty|rezultaty)"),
        ("description", None, r"\b(?:what (?:happen\w*|did|do|does|was done|is it|is the)"
         r"|how (?:does|did|do|was|is) (?:it|the|this)|what (?:we|you|they) did"
         r"|how (?:it|this|we|they) (?:works?|worked|was done|did it|do it))\b"
         r"|\bkaip (?:dirbame|dirbo|igyvendinama|igyvendinta|veikia|vyksta|tai daroma)\b"
         r"|\bkaip \w+ (?:buvo )?igyvendin\w*|\bkas buvo (?:daroma|padaryta|nuveikta)"
         r"|\bna czym polega\w*|\bjak (?:działa|dziala|przebiega)\w*"
         r"|\bka (?:dar\w*|veik\w*)|\bkaip (?:tai )?(?:veikia|vyko)|\bwas (?:wurde|machen)\b"
         r"|\bkaip (?:tai )?buvo (?:daroma|daryta|igyvendint\w*|organizuot\w*)"),
    )
)  # fmt: skip
_QUESTION_SHAPE = re.compile(
    r"\?\s*$|^(?:(?:\(?\d{1,2}[.)]|[ivx]{1,4}\.|[a-h]\)|\d{1,2}\s+-)\s*)?"
    r"(?:who|what|how|when|why|where|for whom|with whom|kas|ka|ko|kuo"
    r"|kaip|kam|kada|kodel|kur|kokie|kokia|kokios|su kuo|wer|was|wie|wann|warum|qui|quoi"
    r"|comment|quand|pourquoi|kto|co|jak|jakie|kiedy|dla kogo|do kogo|na czym|z kim|dlaczego)\b"
)


@lru_cache(maxsize=20_000)
def match_question(line: str) -> LabelMatch | None:
    """The part a short question on its own line asks for ("Who was involved?")."""
    value_offset = full = len(line)
    colon = line.find(":")
    if colon > 0 and len(line[:colon].split()) <= 8 and line[colon + 1 :].strip():
        # "Who is involved: Šiauliai City Municipality ...": the question, then its answer.
        value_offset = colon + 1 + len(line[colon + 1 :]) - len(line[colon + 1 :].lstrip())
        line = line[:colon]
    folded = fold(line).strip()
    if not folded or len(folded.split()) > 12 or not _QUESTION_SHAPE.search(folded):
        return None
    if not folded.endswith("?") and len(folded.split()) > 7:
        return None
    for key, role, pattern in _QUESTIONS:
        if pattern.search(folded):
            key, _, special = key.partition(":")
            kind = next(
                k
                for k in LABELS
                if k.key == key and (role is None or k.role == role) and k.special == special
            )
            m = _NUMBERING.match(line)
            digits = re.match(r"\(?(\d+)", m.group(0).strip()) if m else None
            return LabelMatch(
                kind=kind,
                heading=line.strip(),
                value_offset=value_offset,
                numbered=bool(m),
                number=int(digits.group(1)) if digits else None,
                separated=value_offset < full,
                unknown=0,
            )
    return None
