"""Closed Dutch word classes that the rule-based components share (all lower case).

spaCy's blank Dutch pipeline has no tagger, so the quote, number and date rules recognise
function words, reporting verbs and a few adverbs from these sets. They are closed classes
(articles, pronouns, prepositions) or deliberately broad lists (reporting verbs), not a
vocabulary of the news.
"""

from __future__ import annotations


def _forms(*groups: str) -> frozenset[str]:
    return frozenset(word for group in groups for word in group.split())


# Reporting verbs in present/past, singular/plural (plural present = infinitive) and participle.
REPORTING_VERBS = _forms(
    "zeg zegt zei zeiden zeggen gezegd",
    "schrijft schreef schreven schrijven geschreven",
    "stelt stelde stelden stellen gesteld",
    "benadrukt benadrukte benadrukten benadrukken",
    "verklaart verklaarde verklaarden verklaren verklaard",
    "meldt meldde meldden melden gemeld",
    "noemt noemde noemden noemen genoemd",
    "vindt vond vonden vinden",
    "reageert reageerde reageerden reageren gereageerd",
    "voegt voegde voegden",
    "waarschuwt waarschuwde waarschuwden waarschuwen gewaarschuwd",
    "laat liet lieten",
    "antwoordt antwoordde antwoordden antwoorden geantwoord",
    "vraagt vroeg vroegen vragen gevraagd",
    "roept riep riepen",
    "tweet tweette tweetten tweeten getweet twittert twitterde twitterden",
    "concludeert concludeerde concludeerden concluderen geconcludeerd",
    "suggereert suggereerde suggereerden suggereren gesuggereerd",
    "herhaalt herhaalde herhaalden herhalen herhaald",
    "bevestigt bevestigde bevestigden bevestigen bevestigd",
    "ontkent ontkende ontkenden ontkennen ontkend",
    "beschrijft beschreef beschreven beschrijven",
    "vertelt vertelde vertelden vertellen verteld",
    "erkent erkende erkenden erkennen erkend",
    "beweert beweerde beweerden beweren beweerd",
    "betoogt betoogde betoogden betogen betoogd",
    "meent meende meenden menen",
    "denkt dacht dachten denken",
    "hoopt hoopte hoopten hopen",
    "verwacht verwachtte verwachtten verwachten",
    "vreest vreesde vreesden vrezen",
    "belooft beloofde beloofden beloven beloofd",
    "dreigt dreigde dreigden dreigen",
    "eist eiste eisten eisen geëist",
    "wijst wees wezen",
    "legt legde legden",
    "merkt merkte merkten",
    "klaagt klaagde klaagden klagen",
    "oppert opperde opperden opperen geopperd",
    "onderstreept onderstreepte onderstreepten onderstrepen",
    "benoemt benoemde",
    "kondigt kondigde kondigden",
    "geeft gaf gaven",
    "spreekt sprak spraken",
    "houdt hield hielden",
    "vervolgt vervolgde vervolgden",
    "preciseert preciseerde",
    "schreeuwt schreeuwde",
    "zucht zuchtte",
    "lacht lachte",
    "stelt stelde",
    "vraagt vroeg",
    "roept riep",
    "oordeelt oordeelde oordeelden geoordeeld",
    "claimt claimde claimden claimen geclaimd",
    "beaamt beaamde beaamden",
    "bezweert bezwoer bezwoeren",
    "vult vulde vulden",
    "verzucht verzuchtte",
    "aldus",
)

# Reporting verbs that need a particle or object to mean "say"; without it they are ordinary
# verbs. Used only to decide the verb label, the attribution rules treat them alike.
PARTICLE_VERBS = {"voegt": "toe", "voegde": "toe", "vult": "aan", "vulde": "aan", "laat": "weten", "liet": "weten", "roept": "op",
                  "riep": "op", "geeft": "aan", "gaf": "aan", "legt": "uit", "legde": "uit",
                  "merkt": "op", "merkte": "op", "kondigt": "aan", "kondigde": "aan"}

SUBJECT_PRONOUNS = frozenset(["hij", "zij", "ze", "wij", "we", "ik", "jij", "je", "u", "men"])
PERSON_PRONOUNS = SUBJECT_PRONOUNS | frozenset(["hem", "haar", "hen", "hun", "mij", "me", "ons", "jou"])

DETERMINERS = frozenset(
    ["de", "het", "een", "'t", "'n", "deze", "die", "dit", "dat", "zijn", "haar", "hun", "onze", "ons", "mijn", "jouw", "uw", "elke", "ieder", "iedere", "alle", "beide", "enkele", "sommige", "vele", "veel", "geen", "diens", "wiens"]
)

PREPOSITIONS = frozenset(
    ["in", "op", "aan", "met", "van", "voor", "na", "naar", "bij", "tegen", "tegenover", "over", "tussen", "tijdens", "door", "om", "uit", "zonder", "onder", "boven", "achter", "vanuit", "namens", "volgens", "sinds", "tot", "rond", "via", "richting", "jegens", "binnen", "buiten", "langs", "per", "nabij", "omtrent", "wegens", "ondanks", "dankzij", "vanaf", "voorbij", "te"]
)

CONJUNCTIONS = frozenset(["dat", "die", "en", "of", "maar", "want", "omdat", "als", "toen", "terwijl", "nadat", "zodat", "waarbij", "wat", "wie"])

# Words that sit between a reporting verb and its subject: "zei Trump later", "zei ook de minister".
ADVERBS = frozenset(
    ["ook", "nog", "verder", "later", "eerder", "daarna", "toen", "vandaag", "gisteren", "morgen", "dan", "echter", "wel", "niet", "al", "nu", "eens", "zelf", "daarop", "daarbij", "tevens", "bovendien", "vervolgens", "opnieuw", "nogmaals", "eerst", "inmiddels", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "vanochtend", "vanmiddag", "vanavond", "vannacht", "gisteravond", "dinsdagavond", "onlangs", "recent"]
)

AUXILIARIES = frozenset(
    ["is", "was", "zijn", "waren", "wordt", "werd", "worden", "werden", "heeft", "had", "hebben", "hadden", "zal", "zou", "zullen", "zouden", "kan", "kon", "kunnen", "konden", "moet", "moest", "moeten", "moesten", "wil", "wilde", "willen", "wilden", "mag", "mocht", "mogen", "blijkt", "bleek", "lijkt", "leek", "gaat", "ging", "gaan", "gingen"]
)

SENTENCE_PUNCT = frozenset(".!?;:")
