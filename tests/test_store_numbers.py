"""newsbot_numbers: values, what is counted, qualifiers, and what is not a count."""

from __future__ import annotations

import pytest


def numbers(nlp, text):
    return [(n.value, n.what, n.qualifier, n.category) for n in nlp(text)._.numbers]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bij het ongeluk kwamen zeker twaalf mensen om het leven.", (12, "doden", "zeker", "doden")),
        ("Daarbij raakten er ruim negentig gewond.", (90, "gewonden", "ruim", "gewonden")),
        ("Minstens 23 mensen raakten gewond.", (23, "gewonden", "minstens", "gewonden")),
        ("Bij de brand raakten 12 brandweerlieden gewond.", (12, "gewonden", None, "gewonden")),
        ("Van wie 14 naar het ziekenhuis werden gebracht.", (14, "naar het ziekenhuis", None, "ziekenhuis")),
        ("Afgelopen nacht zijn 57 Oekraïense drones vernietigd.",
         (57, "vernietigde Oekraïense drones", None, "drones")),
        ("Volgens de luchtmacht zijn 72 drones neergehaald.", (72, "neergehaalde drones", None, "drones")),
        ("Het feit dat duizenden soldaten gedood worden.", (1000, "gedode soldaten", "duizenden", "doden")),
        ("Er was een ruil van honderdvijfenzeventig Oekraïense krijgsgevangenen.",
         (175, "Oekraïense krijgsgevangenen", None, "gevangenen")),
        ("Ruim tienduizend mensen demonstreerden op het Malieveld.", (10000, "mensen", "ruim", "mensen")),
        ("Sinds 2014 zijn meer dan 1.200 woningen gebouwd.", (1200, "gebouwde woningen", "meer dan", "woningen")),
        ("De politie hield tientallen relschoppers aan.", (10, "relschoppers", "tientallen", None)),
        ("Het bedrijf schrapt 450 banen.", (450, "banen", None, "banen")),
        ("De verdachte kreeg vier jaar cel.", (4, "jaar", None, "jaren")),
        ("Het eerste doelpunt viel na twaalf minuten.", (12, "minuten", None, "minuten")),
        ("Hij beloofde een maand lang niet aan te vallen.", (1, "maand", None, "maanden")),
        ("Hij zou de oorlog in een dag beëindigen.", (1, "dag", None, "dagen")),
        ("Dat was bijna drie weken geleden.", (3, "weken", "bijna", "weken")),
        ("De inflatie steeg in maart naar 3,5 procent.", (3.5, "procent", None, "procent")),
        ("Zo'n 40 procent van de kiezers twijfelt nog.", (40, "procent", "zo'n", "procent")),
        ("Het kabinet trekt 2,5 miljard euro uit voor defensie.", (2_500_000_000, "euro", None, "euro")),
        ("De omzet daalde tot € 1,2 miljoen.", (1_200_000, "euro", "tot", "euro")),
        ("De koers daalde 12%.", (12, "procent", None, "procent")),
        ("Naar schatting 300 inwoners zijn geëvacueerd.", (300, "geëvacueerde inwoners", "naar schatting", "evacuaties")),
        # a bare number after "een <measure noun> van"
        ("De beving had een kracht van 7,2 op de schaal van Richter.", (7.2, "kracht", None, None)),
        # a definite determiner before three or more: the size of a set, not a reference
        ("Het plan ligt bij de twaalf provincies.", (12, "provincies", None, None)),
        ("Hij is de grootste van de 3 oppositiepartijen.", (3, "oppositiepartijen", None, None)),
        # "het aantal X" + a verb of change + "naar"/"tot" + a bare number
        ("Het aantal inbraken daalde vorig jaar tot 412.", (412, "inbraken", None, None)),
        ("Het aantal doden is opgelopen tot 63.", (63, "doden", None, "doden")),
        # a number word fused with a duration suffix
        ("De minister begint aan een tweedaags werkbezoek.", (2, "dagen werkbezoek", None, "dagen")),
        ("Er volgt een achturige vergadering.", (8, "uren vergadering", None, "uren")),
        # coordinated adjectives before the counted noun
        ("Bijna vijftig huidige en voormalige docenten tekenden.",
         (50, "huidige en voormalige docenten", "bijna", None)),
    ],
)
def test_one_number(rules_nlp, text, expected):
    assert numbers(rules_nlp, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Het was de zwaarste aanval op de hoofdstad in 2025.",  # a year
        "Op 15 maart om 07:30 uur begon de wedstrijd.",  # a date and a time
        "De trein vertrekt om 7.30 uur.",
        "Ajax won met 3-1 van Feyenoord.",  # a score
        "De Tweede Kamer stemde in met het voorstel.",  # inside a name
        "In de eerste nacht en de tweede week gebeurde het.",  # ordinals
        "De twee leiders spraken elkaar.",  # a reference, not a count
        "Eén op de vijf kiezers twijfelt nog.",  # a ratio, not a set of five
        "Een man van 45 en zijn zoon zijn gehoord.",  # an age: "man" is no measure noun
        "Het is een van de uitkomsten van het gesprek.",  # "een" as article/pronoun
        "Het duurde een week voordat hij kwam.",
        "Vooral om één reden wil hij stoppen.",
        "Artikel 5 van het verdrag geldt.",
        "1. De eerste stap",
    ],
)
def test_not_a_count(rules_nlp, text):
    assert numbers(rules_nlp, text) == []


def test_votes_for_and_against(rules_nlp):
    found = numbers(rules_nlp, "De raad nam de motie aan met 28 tegen 9 stemmen.")
    assert found == [(28, "stemmen voor", None, "stemmen"), (9, "stemmen tegen", None, "stemmen")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a part of a set counts the set's noun, with the side it voted for; the other side after a comma
        ("Na een lang debat stemden 31 van de 45 raadsleden voor het voorstel, 14 tegen.",
         [(31, "raadsleden voor", None, None), (45, "raadsleden", None, None), (14, "raadsleden tegen", None, None)]),
        # "N stemmen voor en M tegen": each number with what it counts
        ("Het amendement kreeg 33 stemmen voor en 4 tegen.",
         [(33, "stemmen voor", None, "stemmen"), (4, "stemmen tegen", None, "stemmen")]),
    ],
)
def test_vote_pairs(rules_nlp, text, expected):
    assert numbers(rules_nlp, text) == expected


def test_aantal_before_and_after_tegen(rules_nlp):
    found = numbers(rules_nlp, "Het aantal inbraken steeg naar 530, tegen 412 een jaar eerder.")
    assert found == [(530, "inbraken", None, None), (412, "inbraken", None, None)]


def test_text_offsets_and_sentence(rules_nlp):
    text = "Het was een zware nacht. Daarbij kwamen zeker twaalf mensen om het leven en raakten er ruim negentig gewond."
    found = rules_nlp(text)._.numbers
    assert [(n.text, text[n.start : n.end]) for n in found] == [
        ("zeker twaalf mensen om het leven", "zeker twaalf mensen om het leven"),
        ("ruim negentig gewond", "ruim negentig gewond"),
    ]
    assert found[0].sentence == "Daarbij kwamen zeker twaalf mensen om het leven en raakten er ruim negentig gewond."


def test_numbers_in_real_pipeline(nlp):
    text = "De Oekraïense luchtmacht meldt dat er in de nacht van dinsdag op woensdag 145 aanvallen met drones zijn geweest."
    assert [(n.value, n.what, n.category) for n in nlp(text)._.numbers] == [(145, "aanvallen met drones", "aanvallen")]
