"""General rules for Dutch news beyond the seed articles: portfolio titles, venues, party and
company shapes, foreign particles, suspects' initials, short forms of organisations, and quote
attribution by role, institution and clause. Every sentence here is written for the test."""

import pytest

from store.extraction.facts import facts_from_doc


def facts(nlp, text):
    return facts_from_doc(nlp(text))


def entities(nlp, text):
    """name → (type, sorted aliases)"""
    return {e.name: (e.type, sorted(e.aliases)) for e in facts(nlp, text).entities}


def roles(nlp, text):
    return {e.name: [r.text for r in e.roles] for e in facts(nlp, text).entities if e.roles}


def speakers(nlp, text):
    return [(q.speaker, q.text) for q in facts(nlp, text).quotes]


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # a portfolio list after the title belongs to the role, the name starts at a first name
            "Minister van Onderwijs, Cultuur en Wetenschap Lisa Verbeek opende het congres.",
            {"Lisa Verbeek": ("PER", [])},
        ),
        (  # "voor" introduces a portfolio too
            "Eurocommissaris voor Landbouw en Visserij Tomas Novak bezocht de haven.",
            {"Tomas Novak": ("PER", [])},
        ),
        (  # venues by their ending and by a foreign place head; particles inside foreign names
            "De optocht trok van het Stationsplein naar de Praça da Liberdade en de Rua das Flores.",
            {"Stationsplein": ("LOC", []), "Praça da Liberdade": ("LOC", []), "Rua das Flores": ("LOC", [])},
        ),
        (
            "De Braziliaanse minister Paulo Ribeiro de Almeida sprak in het Koningspaleis. "
            "Ribeiro de Almeida bleef twee uur.",
            {"Paulo Ribeiro de Almeida": ("PER", ["Ribeiro de Almeida"]), "Koningspaleis": ("LOC", [])},
        ),
        (  # an organisation kind written before an unknown name; an acronym part
            "Volgens persbureau Karlsen verloor de berichtendienst Blue XTR veel klanten.",
            {"Karlsen": ("ORG", []), "Blue XTR": ("ORG", [])},
        ),
        (  # party shapes: digits, two capitalised parts joined by a hyphen; a compound prefix
            "Het voorstel van JA21 kreeg steun van Volt-PvdD. Een JA21-woordvoerder was blij.",
            {"JA21": ("ORG", []), "Volt-PvdD": ("ORG", [])},
        ),
        (  # a local party: a common word and a town, no first name
            "De fractie van Gemeentebelang Zwolle stemde tegen.",
            {"Gemeentebelang Zwolle": ("ORG", [])},
        ),
        (  # a suspect's initial for a surname; the bare first name later is the same person
            "Verdachte Pieter van den H. zweeg tijdens de zitting. Pieter had eerder bekend.",
            {"Pieter van den H.": ("PER", ["Pieter"])},
        ),
        (  # a middle initial and "jr."
            "Gisteren sprak senator John Q. Miller jr. in de hoorzitting. Miller was boos.",
            {"John Q. Miller jr.": ("PER", ["Miller"])},
        ),
        (  # pronominal adverbs and demonyms are no names
            "Hiermee is de kous niet af. Groningers willen meer geld.",
            {},
        ),
        (  # short forms of an organisation in the same text join it
            "De Europese Investeringsbank (EIB) leent meer uit. De Investeringsbank zegt dat de EIB groeit.",
            {"Europese Investeringsbank": ("ORG", ["EIB", "Investeringsbank"])},
        ),
        (  # a club's town is the club in a match report
            "SC Heerenveen won in Friesland. Heerenveen staat nu derde.",
            {"SC Heerenveen": ("ORG", ["Heerenveen"]), "Friesland": ("LOC", [])},
        ),
        (  # a country name that is also a demonym: the country, unless it follows "de"
            "Vooral in Spanje, Griekenland en Polen is er weerstand.",
            {"Spanje": ("LOC", []), "Griekenland": ("LOC", []), "Polen": ("LOC", [])},
        ),
    ],
)
def test_entities_in_general_news(nlp, text, expected):
    assert entities(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Staatssecretaris van Jeugd, Zorg en Sport Anna de Boer (CDA) pleit voor meer toezicht.",
         {"Anna de Boer": ["staatssecretaris van Jeugd, Zorg en Sport"]}),
        ("Commercieel directeur Eva Smit vertrekt.", {"Eva Smit": ["commercieel directeur"]}),
        ("Volgens Karin Mulder, hoogleraar sociologie aan de Universiteit Leiden, klopt dat niet.",
         {"Karin Mulder": ["hoogleraar sociologie aan de Universiteit Leiden"]}),
        ("Senator Mary Jones uit Ohio, zelf arts, stelde kritische vragen.",
         {"Mary Jones": ["senator", "arts"]}),
        ("Invaller Bram Peters scoorde twee keer.", {"Bram Peters": ["invaller"]}),
    ],
)
def test_roles_in_general_news(nlp, text, expected):
    assert roles(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # an organisation as a compound prefix is not the speaker; the person after it is
            "CDA-fractievoorzitter Henk Jansen sloot het debat af. „Het CDA kiest voor zekerheid.”",
            [("Henk Jansen", "Het CDA kiest voor zekerheid.")],
        ),
        (  # "zei de burgemeester": the one person the text calls burgemeester
            "Burgemeester Petra Kok opende het nieuwe stadhuis. ‘Dit gebouw is van iedereen’, zei de burgemeester.",
            [("Petra Kok", "Dit gebouw is van iedereen")],
        ),
        (  # a spokesperson without an institution gets the subject of the sentence before
            "Het Rode Kruis stuurde tenten naar het gebied. \"We doen wat we kunnen\", zei een woordvoerder.",
            [("woordvoerder van het Rode Kruis", "We doen wat we kunnen")],
        ),
        (  # a described speaker keeps a place complement
            "\"Het water kwam tot aan de ramen\", vertelde een boer in Limburg aan de krant.",
            [("boer in Limburg", "Het water kwam tot aan de ramen")],
        ),
        (  # a leading subordinate clause does not hold the subject for "hij"
            "Minister Tom Bakker kreeg veel vragen. Toen Kamerlid Sara Visser hem vroeg naar de kosten, "
            "zweeg hij. \"Daar ga ik nu niet over\", zei hij.",
            [("Tom Bakker", "Daar ga ik nu niet over")],
        ),
        (  # a source introduced with "volgens" is the antecedent of "zij"
            "Volgens Ilse de Wit, econoom bij de Rabobank, stijgen de prijzen. Zij onderzocht het jarenlang. "
            "Daarvan zei de helft te twijfelen. \"De inflatie blijft hoog\", zei zij.",
            [("Ilse de Wit", "De inflatie blijft hoog")],
        ),
        (  # a name in quote marks after "schuilnaam" is a nickname, not a quote
            "De verdachte gebruikte de schuilnaam ‘Uil’. Later bleek dat ‘Uil’ een handlanger had.",
            [],
        ),
        (  # the officer in "officier van justitie X" is the speaker, not an object of "van"
            "Het OM eiste tien jaar. Officier van justitie Rob Smits noemde K. tijdens de zitting "
            "„een gevaarlijke man die niets heeft geleerd”.",
            [("Rob Smits", "een gevaarlijke man die niets heeft geleerd")],
        ),
    ],
)
def test_quote_attribution_in_general_news(nlp, text, expected):
    assert speakers(nlp, text) == expected
