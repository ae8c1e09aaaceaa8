"""The entity failure classes of real Dutch news, each on sentences written for this test:
ordinary words at unpunctuated sentence starts, names with lower-case connectors, coordination
with "en", name shapes, types from the open name lists, demonyms, product and model names, and
sentence boundaries around datelines, bylines and captions."""

import pytest

from store.extraction.facts import facts_from_doc


def entities(nlp, text):
    """name → type"""
    return {e.name: e.type for e in facts_from_doc(nlp(text)).entities}


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # a heading running into the prose, one paragraph without full stops between sentences
            "Onweer boven de kust Het KNMI geeft code oranje af. De schade bleef klein Daarom blijven de "
            "stranden open. Inmiddels is de wind gaan liggen Zij verwachten een rustige nacht.",
            {"KNMI": "ORG"},
        ),
        (  # a byline running into the first sentence; a caption label
            "Door Sanne de Groot Het college wil meer woningen bouwen. Foto: Marcel Jansen",
            {"Sanne de Groot": "PER", "Marcel Jansen": "PER"},
        ),
        (  # datelines: a city in capitals, an agency in brackets, a dash
            "ZWOLLE (ANP) - Een vrachtwagen is woensdag gekanteld. ALMERE - Een school sloot vroeg.",
            {"ZWOLLE": "LOC", "ANP": "ORG", "ALMERE": "LOC"},
        ),
    ],
)
def test_unpunctuated_sentence_starts(nlp, text, expected):
    assert entities(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # lower-case connectors inside listed names of organisations and places
            "Het Verbond van Verzekeraars en de Raad voor de Rechtspraak overleggen in Valkenburg aan de Geul.",
            {"Verbond van Verzekeraars": "ORG", "Raad voor de Rechtspraak": "ORG", "Valkenburg aan de Geul": "LOC"},
        ),
        (  # "en" joins two names, not one: with an article after it, or a name of two words
            "De Universiteit Leiden en het Instituut voor Zeeonderzoek tekenden een akkoord met Sberbank en "
            "Gazprom Bank.",
            {"Universiteit Leiden": "ORG", "Instituut voor Zeeonderzoek": "ORG", "Sberbank": "ORG",
             "Gazprom Bank": "ORG"},
        ),
        (  # "en" inside a portfolio stays one name
            "Het Ministerie van Justitie en Veiligheid reageerde niet.",
            {"Ministerie van Justitie en Veiligheid": "ORG"},
        ),
        (  # a treaty head with its place; "&" inside a company name
            "Het Verdrag van Maastricht werd genoemd, net als Procter & Gamble.",
            {"Verdrag van Maastricht": "MISC", "Procter & Gamble": "ORG"},
        ),
    ],
)
def test_names_with_connectors(nlp, text, expected):
    assert entities(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # crime-report surnames
            "De politie hield Ahmed el K. en Joost van D. aan.",
            {"Ahmed el K.": "PER", "Joost van D.": "PER"},
        ),
        (  # a Flemish surname with its particle, at a sentence start and after "Volgens"
            "De Wever opende het debat. Volgens De Wever is de begroting rond.",
            {"De Wever": "PER"},
        ),
        (  # a demonym of a club before a full name: the person is the full name
            "Ajacied Tom Verbeek scoorde tegen PSV.",
            {"Tom Verbeek": "PER", "PSV": "ORG"},
        ),
        (  # a match between two clubs: two organisations, no third one
            "Het duel Ajax-Vitesse eindigde in 1-1.",
            {"Ajax": "ORG", "Vitesse": "ORG"},
        ),
    ],
)
def test_name_shapes(nlp, text, expected):
    assert entities(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # stadiums, parks, seas and US states are places
            "Na het concert in De Kuip liepen fans door het Vondelpark. In Ohio en op de Noordzee stormde het.",
            {"De Kuip": "LOC", "Vondelpark": "LOC", "Ohio": "LOC", "Noordzee": "LOC"},
        ),
        (  # a venue no list knows, after a place preposition, an article and an adjective
            "De finale werd gespeeld in een uitverkochte Westerveld Dome.",
            {"Westerveld Dome": "LOC"},
        ),
        (  # parties and papers are organisations, holidays and treaties MISC
            "Volgens Trouw stemde D66 op Hemelvaartsdag tegen.",
            {"Trouw": "ORG", "D66": "ORG", "Hemelvaartsdag": "MISC"},
        ),
        (  # companies from the lists; a company name before a model is a product
            "Lufthansa en Qantas bestelden elk tien Boeing 787's. De Airbus A350 viel af.",
            {"Lufthansa": "ORG", "Qantas": "ORG", "Boeing 787": "MISC", "Airbus A350": "MISC"},
        ),
        (  # a city name that is a company in the name lists
            "Toyota verkocht meer auto's dan Honda.",
            {"Toyota": "ORG", "Honda": "ORG"},
        ),
        (  # index names with their number; a brand written in lower case first; a model code
            "De FTSE 100 en de CAC 40 daalden. De nieuwe iPad en de F-35 kregen kritiek.",
            {"FTSE 100": "MISC", "CAC 40": "MISC", "iPad": "MISC", "F-35": "MISC"},
        ),
        (  # a number after a company followed by a noun is a count, not a model
            "Ryanair zet 40 toestellen in.",
            {"Ryanair": "ORG"},
        ),
        (  # English company, airport and county words
            "Mitsubishi Motors Corporation opent een kantoor bij Chiang Mai International Airport in Orange County.",
            {"Mitsubishi Motors Corporation": "ORG", "Chiang Mai International Airport": "LOC", "Orange County": "LOC"},
        ),
        (  # an unknown single name is a company, unless it speaks or has a surname shape
            "Okafor zei dat Zentrax groeit. Volgens McAllister klopt dat.",
            {"Okafor": "PER", "Zentrax": "ORG", "McAllister": "PER"},
        ),
        (  # currency and time-zone codes next to amounts and times are no names
            "Het aandeel kostte US $ 12 en later USD 14 om 16.00 UTC.",
            {},
        ),
    ],
)
def test_types_from_lists_and_shapes(nlp, text, expected):
    assert entities(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # demonym compounds and demonyms are not people; the named part of a compound is
            "Hezbollah-strijders trokken zich terug. Libanezen vluchtten. De Marokkaan won goud.",
            {"Hezbollah": "ORG"},
        ),
        (  # a company name inside a compound noun; a compound with a plain noun is no name
            "De Heineken-fabriek en de Sub-prime leningen kwamen ter sprake.",
            {"Heineken": "ORG"},
        ),
    ],
)
def test_demonyms_and_compounds(nlp, text, expected):
    assert entities(nlp, text) == expected


def test_a_company_short_form_joins_its_full_name(nlp):
    found = facts_from_doc(nlp("Apple Computer meldde winst. Apple verkocht meer telefoons.")).entities
    assert [(e.name, e.type, sorted(e.aliases)) for e in found] == [("Apple Computer", "ORG", ["Apple"])]
