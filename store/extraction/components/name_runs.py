"""Runs of name tokens in a Doc: where a name starts and ends.

A run is a stretch of capitalised tokens, with name particles inside person names ("van der",
"bin"), connectors inside organisation names ("voor het") and inside names the open name lists
know ("Valkenburg aan de Geul"), "&" inside company names, and a series number after a brand
("Boeing 747"). "en" between two full names ends a run. The word-level predicates the typing
rules share (organisation and MISC cue words, nationalities, title complements) live here too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from store.extraction import gazetteer
from store.extraction.components import name_cues
from store.extraction.components.doc_view import DocView
from store.extraction.components.lexicon import bare, is_acronym
from store.extraction.name_lists import list_types, name_lists

PLACE_PREPOSITIONS = frozenset("in uit naar vanuit nabij richting rond via op".split())
PLACE_ONLY_PREPOSITIONS = frozenset("in uit naar vanuit nabij".split())  # not "op Koningsdag"
ARTICLES = frozenset("de het".split())
ORG_CONNECTORS = frozenset("van voor het de der op en tot ter".split())
CAPITAL_PARTICLES = frozenset("Van Ter Ten Von".split())  # "Van der Plas" at a sentence start
DUTCH_PARTICLES = frozenset("van der den het ter ten te".split())
DEMONYM_DETERMINERS = frozenset("de die deze alle veel vele meer weinig twee drie duizenden honderden".split())
LIST_JOINERS = frozenset([",", "en"])
PORTFOLIO_TITLES = frozenset("minister staatssecretaris commissaris wethouder gedeputeerde".split())
NAME_SUFFIXES = frozenset("jr. sr. jr sr Jr. Sr.".split())


def is_particle_bridge(v: DocView, index: int, end: int) -> int:
    """Length of a run of name particles at ``index`` that is followed by a capitalised word."""
    step = index
    while step < end and step - index < 3 and v.texts[step] in gazetteer.NAME_PARTICLES:
        step += 1
    if step > index and step < end and not v.starts[step] \
            and (v.capital[step] or name_cues.is_initial(v.texts[step])):
        return step - index
    return 0


def foreign_bridge(v: DocView, index: int, end: int, bridge: int) -> bool:
    """A particle inside a foreign name: "Marcelo Rebelo de Sousa", "Praça do Comércio".

    Particles other than the Dutch ones join when the run starts with a first name or a place
    head; "de" also joins two words that are no Dutch words ("Rebelo de Sousa"), unless the
    word after it is an acronym, a nationality or a country ("Poetin de Oekraïners")."""
    first = v.texts[index]
    particles = v.texts[end : end + bridge]
    following = bare(v.texts[end + bridge])
    if is_acronym(following) or is_nationality(following) or gazetteer.is_dutch_word(following):
        return False
    country = gazetteer.places().get((following,))
    if country is not None and country.kind == "country":
        return False
    if any(p in DUTCH_PARTICLES for p in particles if p != "de"):
        return False
    if name_cues.is_place_head(first) or (first in gazetteer.first_names() and end - index >= 2):
        return True
    return particles == ["de"] and not any(gazetteer.is_dutch_word(w) for w in v.texts[index:end]) \
        and (first,) not in gazetteer.places()


def initial_end(v: DocView, index: int, end: int) -> int:
    """End of a name with an initial for its surname at ``end``: "Ahmed K.", "Joost van D.",
    "Mark J. Hollander jr." (an initial after a first name may be a middle initial)."""
    size = len(v.texts)
    step = end + 1
    if step < size and v.capital[step] and v.texts[step].lower() not in gazetteer.stop_words() \
            and not gazetteer.is_dutch_word(v.texts[step]) and v.texts[end - 1] in gazetteer.first_names():
        step += 1
        while step < size and v.capital[step] and not v.starts[step]:
            step += 1
        if step < size and v.texts[step] in NAME_SUFFIXES:
            step += 1
    return step


@lru_cache(maxsize=65536)
def is_org_word(word: str) -> bool:
    words, endings = gazetteer.org_cues()
    return word in words or any(word.lower().endswith(e) and len(word) > len(e) for e in endings)


@lru_cache(maxsize=65536)
def is_misc_word(word: str) -> bool:
    lower = word.lower()
    return any(lower.endswith(cue) for cue in gazetteer.misc_cues())


def is_nationality(word: str) -> bool:
    adjectives, demonyms = gazetteer.nationalities()
    return word in adjectives or word in demonyms


def looks_adjective(v: DocView, index: int) -> bool:
    """A capitalised adjective before a lower-case noun: "Braziliaanse president", "Europese"."""
    word = v.texts[index]
    following = v.texts[index + 1] if index + 1 < len(v.texts) else ""
    if is_nationality(word):
        if following[:1].isupper() and (is_org_word(following) or word in gazetteer.first_names()):
            return False  # "Europese Rekenkamer", "Frans Hollander"
        place = gazetteer.places().get((word,))
        if place is not None and place.kind == "country" and index \
                and v.texts[index - 1].lower() not in DEMONYM_DETERMINERS:
            return False  # "Letland" the country; "de Letten", "veel Letten" the people
        return True
    return word.endswith(("se", "sche")) and following[:1].islower() and (word,) not in gazetteer.places() \
        and not list_types((word,)) and word not in gazetteer.known_orgs() \
        and not (following in gazetteer.NAME_PARTICLES and word in gazetteer.first_names())  # "Ilse de Wit"


def runs(v: DocView) -> list[tuple[int, int]]:
    """Maximal runs of name tokens, split at sentence starts, punctuation and adjectives."""
    found = []
    cursor, size = 0, len(v.texts)
    for index in v.capitals:  # a run starts at a capitalised word: visit only those
        if index < cursor or looks_adjective(v, index) or gazetteer.title_head(v.texts[index]):
            continue
        end = index + 1
        org_head = is_org_word(v.texts[index])
        first = index  # the first name word: "Medeverdachte Jan de V.", "Sport Anna de Boer"
        while first < index + 3 and first + 1 < size and v.capital[first + 1] \
                and v.texts[first] not in gazetteer.first_names() and v.texts[first + 1] in gazetteer.first_names() \
                and (v.starts[first] or first > index or role_complement(v, index)):
            first += 1
        while end < size:
            if name_cues.is_initial(v.texts[end]) and (v.texts[end - 1] in gazetteer.first_names() or (
                    v.texts[end - 1] in gazetteer.NAME_PARTICLES and v.texts[first] in gazetteer.first_names())):
                end = initial_end(v, index, end)  # "Ahmed K.", "Joost van D.", as crime news writes
                break
            if v.capital[end] and not v.starts[end] and not looks_adjective(v, end) \
                    and not gazetteer.title_head(v.texts[end]):
                org_head = org_head or is_org_word(v.texts[end])
                end += 1
                continue
            bridge = is_particle_bridge(v, end, size)
            if bridge and end == index + 1 and v.texts[index] in CAPITAL_PARTICLES:
                end += bridge
                continue
            if bridge and (first < end and all(w in gazetteer.first_names() for w in v.texts[first:end])
                           or foreign_bridge(v, index, end, bridge)):
                # "Caroline van der Plas", "Mohammed bin Salman"; not "Halsema van Amsterdam"
                end += bridge
                continue
            if v.texts[end] == "&" and end + 1 < size and v.texts[end + 1][:1].isupper():
                end += 2  # "AT & T", "Procter & Gamble"
                continue
            listed = listed_extension(v, index, end)
            if listed:
                end = listed  # "Valkenburg aan de Geul", "Verbond van Verzekeraars"
                continue
            if (org_head or is_misc_word(v.texts[index])) and v.texts[end] in ORG_CONNECTORS:
                step = end
                while step < size and v.texts[step] in ORG_CONNECTORS and step - end < 3:
                    step += 1
                if step < size and v.capital[step] and not v.starts[step] \
                        and not coordinates_two_names(v, end, step):
                    end = step
                    continue
            break
        if end < size and series_number(v, index, end):
            end += 1  # "Fokker 70", "DAX 40", "iWatch 3"
        found.append((index, end))
        cursor = end
    return found


NAME_CONNECTORS = frozenset("van voor de der den het aan op in ter ten om tot of for on and the".split())
SERIES_NUMBER = re.compile(r"^\d{1,4}(\.\d{1,2})?(['’]s)?$")  # "747", "3.0", "787's"


def series_number(v: DocView, start: int, end: int) -> bool:
    """A number that is part of a product, model or index name: "Fokker 70", "DAX 40",
    "iWatch 3", "Windows 11". Only after a brand (an acronym, a brand written in lower case
    first, a listed organisation or product), and not when a noun follows ("Apple 109 winkels").
    """
    if not SERIES_NUMBER.match(v.texts[end]):
        return False
    last = v.texts[end - 1]
    if last in gazetteer.currency_codes():
        return False  # "USD 14"
    if not (is_acronym(last) or name_cues.CAMEL.match(last) or set(list_types(v.texts[start:end])) & {"O", "M"}):
        return False
    following = v.texts[end + 1] if end + 1 < len(v.texts) else ""
    return not (following[:1].islower() and gazetteer.is_noun_form(following)) \
        and following not in ("%", "procent") and following not in name_cues.CURRENCY_SIGNS


def listed_extension(v: DocView, start: int, end: int) -> int:
    """End of the longest name in the open lists that continues the run ``start:end`` over
    lower-case connectors and more capitalised words, or 0: "Valkenburg aan de Geul", "Golf
    van Biskaje", "Bank of America" (the name may start later in the run: "Het Verbond van …")."""
    size = len(v.texts)
    if v.texts[end] not in NAME_CONNECTORS:
        return 0
    starts = [k for k in range(start, end) if name_lists().starts_name(v.texts[k])]
    if not starts:
        return 0
    step = end
    while step < size and v.texts[step] in NAME_CONNECTORS and step - end < 3:
        step += 1
    best = 0
    stop = step
    while stop < size and stop - step < 4 and v.capital[stop] and not v.starts[stop]:
        stop += 1
        if any(list_types(v.texts[k:stop]) for k in starts):
            best = stop
    return best


def coordinates_two_names(v: DocView, connectors: int, step: int) -> bool:
    """"en" between two names: "de Hogeschool Zwolle en het Rijksmuseum", "Sberbank en
    Gazprom Bank". It stays inside one name only before a single last word, as in a portfolio
    ("Ministerie van Justitie en Veiligheid")."""
    joined = v.texts[connectors:step]
    if "en" not in joined:
        return False
    if joined[-1] in ARTICLES or joined.index("en") != len(joined) - 1:
        return True  # "en de ...", "en het ..."
    after = step
    while after < len(v.texts) and v.capital[after] and not v.starts[after]:
        after += 1
    return after - step > 1 or is_org_word(v.texts[step])


def preceded_by_title(v: DocView, start: int) -> bool:
    return start > 0 and gazetteer.title_head(v.texts[start - 1]) is not None


def role_complement(v: DocView, start: int) -> bool:
    """A capitalised run that completes a title: "minister van Buitenlandse Zaken", and the
    later parts of a portfolio list: "staatssecretaris van Jeugd, Preventie en Sport",
    "commissaris voor Klimaat en Groene Groei"."""
    step = start - 1
    while step >= 0 and v.texts[step] in ARTICLES:
        step -= 1
    if step >= 1 and v.texts[step] == "van":
        if gazetteer.title_head(v.texts[step - 1]) is not None:
            return True
        back = step - 1  # "staatssecretaris Nora Achahbar van Toeslagen"
        while back > 0 and step - back <= 4 and v.capital[back] and not v.starts[back]:
            back -= 1
        if back < step - 1 and gazetteer.title_head(v.texts[back]) is not None:
            return True
    if not start or v.texts[start - 1] not in LIST_JOINERS and v.texts[start - 1] != "voor" \
            or v.texts[start] in gazetteer.first_names():  # "minister van X, Marco Rubio"
        return False
    step = start - 1
    while step >= 1 and start - step <= 8 and (v.texts[step] in LIST_JOINERS or (
            v.capital[step] and not v.starts[step] and v.texts[step] not in ("van", "voor"))):
        step -= 1
    return step >= 1 and v.texts[step] in ("van", "voor") \
        and gazetteer.title_head(v.texts[step - 1]) in PORTFOLIO_TITLES
