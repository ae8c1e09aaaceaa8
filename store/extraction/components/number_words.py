"""Dutch number words, qualifiers, units and the category scheme used by ``newsbot_numbers``.

Values of number words come from ``text2num`` ("honderdvijfenzeventig" → 175); this module
only decides which tokens may be numbers and what the words around them mean.

Categories (``Number.category``): doden, gewonden, ziekenhuis, vermisten, arrestaties,
evacuaties, mensen, militairen, gevangenen, drones, raketten, aanvallen, voertuigen, woningen,
seconden, minuten, uren, dagen, weken, maanden, jaren, euro, dollar, procent, zetels, stemmen,
doelpunten, punten, banen, afstand, gewicht — or None for any other counted noun.
"""

from __future__ import annotations

import re
from functools import lru_cache

from text_to_num import text2num

_UNIT = "een|één|twee|drie|vier|vijf|zes|zeven|acht|negen"
_TEEN = "tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien|negentien"
_TEN = "twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig"
NUMBER_WORD = re.compile(rf"(?:{_UNIT}|{_TEEN}|{_TEN}|honderd|duizend|miljoen|miljard|en|ën)+")
# Cheap pre-filter over the text: where a number may start.
_CANDIDATE = rf"\b(?<![.,])(?=[0-9tdvzaehné])(?:\d|(?:{_UNIT}|{_TEEN}|{_TEN}|honderd|duizend|tientallen|dozijnen)\w*)"
CANDIDATE = re.compile(_CANDIDATE, re.IGNORECASE)
_LOWER_CANDIDATE = re.compile(_CANDIDATE)  # the same, on lower-cased text: about twice as fast
_CASE_EXTRAS = ("ı", "ſ")  # IGNORECASE matches them to "i" and "s"; lower() keeps them
DIGITS = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(%)?|(\d+)\.(\d{1,2})(%)?")

def candidate_starts(text: str) -> list[int]:
    """Where ``CANDIDATE`` matches in ``text``: on ``text.lower()`` with a case-sensitive pattern
    when that is the same (lower-casing kept every offset and there is no dotless i or long s)."""
    lowered = text.lower()
    if len(lowered) == len(text) and not any(extra in text for extra in _CASE_EXTRAS):
        return [match.start() for match in _LOWER_CANDIDATE.finditer(lowered)]
    return [match.start() for match in CANDIDATE.finditer(text)]


APPROXIMATE = {
    "tientallen": 10.0, "honderden": 100.0, "duizenden": 1000.0, "tienduizenden": 10_000.0,
    "honderdduizenden": 100_000.0, "miljoenen": 1_000_000.0, "miljarden": 1_000_000_000.0,
    "dozijnen": 12.0,
}
MULTIPLIERS = {
    "honderd": 100.0, "duizend": 1000.0, "miljoen": 1e6, "mln": 1e6, "mln.": 1e6, "miljard": 1e9,
    "mld": 1e9, "mld.": 1e9, "mrd": 1e9, "mrd.": 1e9, "biljoen": 1e12,
}
QUALIFIERS_2 = {
    ("ten", "minste"): "ten minste", ("meer", "dan"): "meer dan", ("minder", "dan"): "minder dan",
    ("naar", "schatting"): "naar schatting", ("tot", "wel"): "tot wel", ("rond", "de"): "rond",
    ("zo", "’n"): "zo'n", ("zo", "'n"): "zo'n", ("ruim", "boven"): "meer dan",
}
QUALIFIERS_1 = {
    "zeker": "zeker", "ruim": "ruim", "minstens": "minstens", "tenminste": "ten minste",
    "bijna": "bijna", "ongeveer": "ongeveer", "circa": "circa", "ca.": "circa", "ca": "circa",
    "zo'n": "zo'n", "zo’n": "zo'n", "tot": "tot", "rond": "rond", "maximaal": "maximaal",
    "hooguit": "hooguit", "nagenoeg": "bijna", "bijkans": "bijna", "pakweg": "ongeveer",
    "zowat": "ongeveer", "krap": "krap", "minimaal": "minstens", "liefst": "liefst",
    "slechts": "slechts", "amper": "amper", "nog": None,
}
CURRENCY_BEFORE = {"€": "euro", "$": "dollar", "£": "pond", "eur": "euro", "usd": "dollar"}
CURRENCY_AFTER = {"euro": "euro", "eur": "euro", "dollar": "dollar", "dollars": "dollar", "pond": "pond"}
PERCENT = {"%", "procent", "percent", "procentpunt", "procentpunten"}

TIME_UNITS = {
    "seconde": "seconden", "seconden": "seconden", "minuut": "minuten", "minuten": "minuten",
    "uur": "uren", "uren": "uren", "dag": "dagen", "dagen": "dagen", "nacht": "dagen",
    "nachten": "dagen", "week": "weken", "weken": "weken", "maand": "maanden",
    "maanden": "maanden", "jaar": "jaren", "jaren": "jaren", "decennium": "jaren",
    "decennia": "jaren", "eeuw": "jaren", "eeuwen": "jaren", "weekend": "dagen",
}
NOUN_CATEGORIES = {
    **TIME_UNITS,
    **dict.fromkeys(["doden", "dode", "slachtoffers", "slachtoffer", "omgekomenen"], "doden"),
    **dict.fromkeys(["gewonden", "gewonde", "zwaargewonden", "lichtgewonden"], "gewonden"),
    **dict.fromkeys(["vermisten", "vermiste"], "vermisten"),
    **dict.fromkeys(["arrestaties", "arrestatie", "aanhoudingen", "verdachten", "verdachte"], "arrestaties"),
    **dict.fromkeys(
        ["mensen", "mens", "personen", "persoon", "burgers", "burger", "inwoners", "bewoners", "kinderen", "kind", "vrouwen", "mannen", "vluchtelingen", "migranten", "asielzoekers", "deelnemers", "bezoekers", "demonstranten", "betogers", "werknemers", "medewerkers", "patiënten", "leerlingen", "studenten", "toeschouwers", "fans"], "mensen"),
    **dict.fromkeys(
        ["soldaten", "soldaat", "militairen", "militair", "troepen", "strijders", "manschappen", "agenten", "politieagenten"], "militairen"),
    **dict.fromkeys(["gevangenen", "gevangene", "krijgsgevangenen", "gedetineerden", "gijzelaars"], "gevangenen"),
    **dict.fromkeys(["drones", "drone"], "drones"),
    **dict.fromkeys(["raketten", "raket", "kruisraketten", "kruisraket", "projectielen", "granaten"], "raketten"),
    **dict.fromkeys(["aanvallen", "aanval", "luchtaanvallen", "droneaanvallen", "aanslagen", "aanslag"], "aanvallen"),
    **dict.fromkeys(["tanks", "voertuigen", "vliegtuigen", "gevechtsvliegtuigen", "helikopters", "schepen"], "voertuigen"),
    **dict.fromkeys(["woningen", "woning", "huizen", "huis", "gebouwen", "appartementen"], "woningen"),
    **dict.fromkeys(["zetels", "zetel"], "zetels"),
    **dict.fromkeys(["stemmen", "stem"], "stemmen"),
    **dict.fromkeys(["doelpunten", "doelpunt", "goals", "goal"], "doelpunten"),
    **dict.fromkeys(["punten", "punt"], "punten"),
    **dict.fromkeys(["banen", "baan", "arbeidsplaatsen"], "banen"),
    **dict.fromkeys(["kilometer", "km", "meter", "kilometers", "meters"], "afstand"),
    **dict.fromkeys(["kilo", "kilogram", "ton", "gram"], "gewicht"),
}
PERSON_CATEGORIES = {"mensen", "militairen", "gevangenen"}
GENERIC_PEOPLE = {"mensen", "personen", "mens", "persoon"}

# Predicates that say what happened to counted people: (words, category, what).
PREDICATES = (
    (("om", "het", "leven"), "doden", "doden"),
    (("het", "leven", "gelaten"), "doden", "doden"),
    (("naar", "het", "ziekenhuis"), "ziekenhuis", "naar het ziekenhuis"),
    (("in", "het", "ziekenhuis"), "ziekenhuis", "in het ziekenhuis"),
)
PREDICATE_WORDS = {
    **dict.fromkeys(
        ["omgekomen", "gedood", "doodgeschoten", "overleden", "omgebracht", "gesneuveld", "sneuvelden", "stierven", "vermoord", "dood"], ("doden", "doden")),
    **dict.fromkeys(["gewond", "verwond", "gewonden", "zwaargewond", "lichtgewond"], ("gewonden", "gewonden")),
    **dict.fromkeys(["vermist"], ("vermisten", "vermisten")),
    **dict.fromkeys(["gearresteerd", "aangehouden", "opgepakt"], ("arrestaties", "arrestaties")),
    **dict.fromkeys(["geëvacueerd"], ("evacuaties", "geëvacueerden")),
}
PARTICIPLE = re.compile(
    r"(?:neer|af|op|uit|aan|in|om|weg|over|terug|binnen|onder|door|dood|vast)?ge\w{3,}[dt]"
    r"|(?:ver|be|ont|onder|her|onder)\w{3,}[dt]"
)
NOT_PARTICIPLES = {
    "geweest", "gehad", "geworden", "gedaan", "gegaan", "gekomen", "gebleven", "gezegd", "gemeld",
    "gezien", "gegeven", "genomen", "gesteld", "gebracht", "geteld", "gestaan", "gelegd", "gemaakt",
    "gehouden", "gevonden", "gezet", "bereid", "bekend", "verwacht", "besteed", "gebruikt",
}
# Before a number these make it a reference ("de twee ministers"); "zijn", "haar", "die" and
# "dat" are left out: they are as often a verb, a relative pronoun or a conjunction.
DEFINITE = {"de", "het", "deze", "dit", "hun", "onze", "mijn", "uw", "jouw", "beide"}
NUMBERING = {
    "nummer", "nr", "nr.", "artikel", "art.", "art", "pagina", "blz.", "p.", "hoofdstuk", "paragraaf",
    "lid", "fase", "stap", "ronde", "speelronde", "groep", "klasse", "editie", "seizoen", "versie",
    "lijn", "bus", "tram", "afrit", "kamer", "code", "niveau", "categorie", "formule", "windkracht",
    "week", "sectie", "punt", "item", "vlucht", "perron", "spoor", "kanaal", "npo", "radio",
}
YEAR_CONTEXT = {
    "in", "sinds", "van", "tot", "voor", "na", "begin", "eind", "eind-", "medio", "halverwege",
    "jaar", "zomer", "winter", "voorjaar", "najaar", "lente", "herfst", "t/m", "vanaf", "rond",
    "anno", "per", "het", "en", "of", "tussen", "uit", "('",
}
# A number word fused with a duration suffix: "driedaags", "tweedaagse", "achturige" (the
# "-jarig" forms are left out: they are as often an age as a duration).
DURATION_COMPOUND = re.compile(
    rf"((?:{_UNIT}|{_TEEN}|{_TEN}|honderd|en)+?)(daags|daagse|weeks|weekse|maands|maandse|urig|urige)")
DURATION_SUFFIXES = {"daags": "dagen", "daagse": "dagen", "weeks": "weken", "weekse": "weken",
                     "maands": "maanden", "maandse": "maanden", "urig": "uren", "urige": "uren"}
# "Het aantal doden steeg naar 63": the bare number after one of these is the value of the
# "aantal" noun when a verb of change stands between them.
CHANGE_VERBS = {
    "steeg", "stegen", "stijgt", "gestegen", "daalde", "daalden", "daalt", "gedaald", "groeide",
    "groeit", "gegroeid", "liep", "loopt", "opgelopen", "nam", "neemt", "toegenomen", "afgenomen",
    "zakte", "zakt", "gezakt", "kwam", "komt", "uitgekomen", "staat", "stond", "verdubbelde",
    "verdubbeld", "bedraagt", "bedroeg", "klom", "geklommen", "viel", "gevallen",
}
CHANGE_TARGETS = {"naar", "tot", "op", "tegen"}
# "een diepte van 9,5": nouns a bare number after "van" is the size of (not "een man van 45").
MEASURE_NOUNS = {
    "kracht", "sterkte", "magnitude", "diepte", "hoogte", "lengte", "breedte", "snelheid",
    "temperatuur", "omvang", "waarde", "score", "cijfer", "rapportcijfer", "gemiddelde", "totaal",
    "bedrag", "oppervlakte", "inhoud", "capaciteit", "percentage", "stand", "koers", "index",
    "notering", "marge", "meerderheid", "omzet", "winst", "verlies", "tekort", "overschot",
}
TIME_PREFIXES = {"om", "tegen", "vanaf", "rond", "tot", "na", "voor", "sinds"}
ONE_CONTEXT = {"in", "binnen", "na", "ruim", "bijna", "zeker", "ongeveer", "slechts", "maar", "dan", "nog"}


@lru_cache(maxsize=4096)
def word_value(lower: str) -> float | None:
    """The value of a Dutch number word ("twaalf" → 12.0), None when it is not one."""
    if lower in ("en", "ën") or not NUMBER_WORD.fullmatch(lower):
        return None
    try:
        return float(text2num(lower, "nl"))
    except ValueError:
        return None


def duration_compound(lower: str) -> tuple[float, str] | None:
    """("driedaags") → (3.0, "dagen"); None when ``lower`` is no number + duration suffix."""
    match = DURATION_COMPOUND.fullmatch(lower)
    if not match:
        return None
    value = word_value(match.group(1))
    return None if value is None else (value, DURATION_SUFFIXES[match.group(2)])


def number_value(lower: str) -> float | None:
    """The value of a token that is a number in digits or in words, else None."""
    digits = digit_value(lower)
    return digits[0] if digits is not None else word_value("één" if lower == "eén" else lower)


def digit_value(text: str) -> tuple[float, bool] | None:
    """("1.200") → (1200.0, False); ("3,5") → 3.5; ("12%") → (12.0, True); else None."""
    match = DIGITS.fullmatch(text)
    if not match:
        return None
    if match.group(4) is not None:  # 3.5: an English decimal point (never 3 digits after it)
        return float(f"{match.group(4)}.{match.group(5)}"), bool(match.group(6))
    whole = match.group(1).replace(".", "")
    fraction = match.group(2)
    value = float(f"{whole}.{fraction}") if fraction else float(whole)
    return value, bool(match.group(3))


def adjective_of(participle: str) -> str:
    """The attributive form of a participle: "vernietigd" → "vernietigde", "gedood" → "gedode"."""
    if len(participle) > 3 and participle[-2] == participle[-3] and participle[-2] in "aeou" \
            and participle[-4] not in "aeiou":
        participle = participle[:-2] + participle[-1]
    return participle + "e"
