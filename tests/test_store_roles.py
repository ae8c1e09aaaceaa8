"""newsbot_roles: titles and functions of persons, their country and party."""

from __future__ import annotations

import pytest

from store.extraction.facts import facts_from_doc


def roles(nlp, text: str) -> dict[str, list[tuple[str, str | None, str | None]]]:
    """person name → [(role, country, affiliation)]"""
    facts = facts_from_doc(nlp(text))
    return {
        e.name: [(r.text, r.country, r.affiliation) for r in e.roles]
        for e in facts.entities
        if e.type == "PER"
    }


CASES = [
    (
        "Premier Dick Schoof sprak in Den Haag met koning Willem-Alexander.",
        {"Dick Schoof": [("premier", None, None)], "Willem-Alexander": [("koning", None, None)]},
    ),
    (  # a title with its complement, comma apposition before the name, country from the adjective
        "De Amerikaanse minister van Buitenlandse Zaken, Marco Rubio, bevestigde het overleg.",
        {"Marco Rubio": [("Amerikaanse minister van Buitenlandse Zaken", "Verenigde Staten", None)]},
    ),
    (  # apposition after the name
        "Ursula von der Leyen, voorzitter van de Europese Commissie, bezocht Berlijn.",
        {"Ursula von der Leyen": [("voorzitter van de Europese Commissie", None, "Europese Commissie")]},
    ),
    (  # an uninflected modifier, a compound title, a party in brackets
        "Demissionair defensieminister Ruben Brekelmans (VVD) noemt het onacceptabel.",
        {"Ruben Brekelmans": [("demissionair defensieminister", None, "VVD")]},
    ),
    (  # possessive dropped, "ambtgenoot" is a role; a shorter form of a role is not repeated
        "De Franse president Emmanuel Macron belde zijn Russische ambtgenoot Vladimir Poetin. "
        "President Macron was kort.",
        {
            "Emmanuel Macron": [("Franse president", "Frankrijk", None)],
            "Vladimir Poetin": [("Russische ambtgenoot", "Rusland", None)],
        },
    ),
    (  # a multi-word title; "oud-" stays
        "Oud-premier Jan Peter Balkenende en officier van justitie Jan de Vries waren er.",
        {"Jan Peter Balkenende": [("oud-premier", None, None)], "Jan de Vries": [("officier van justitie", None, None)]},
    ),
    (  # an acronym prefix keeps its case and is the affiliation; business titles, "van ASML" after the name
        "NAVO-secretaris-generaal Mark Rutte sprak met topman Christophe Fouquet van ASML.",
        {"Mark Rutte": [("NAVO-secretaris-generaal", None, "NAVO")], "Christophe Fouquet": [("topman", None, "ASML")]},
    ),
    (  # a later definite description goes to the one person who holds that title
        "Trump stuurde zijn gezant Steve Witkoff naar Moskou. Poetin liet de speciale gezant wachten.",
        {"Trump": [], "Steve Witkoff": [("speciale gezant", None, None)], "Poetin": []},
    ),
    (  # "die als" + title + organisation: the role ends where the clause goes on
        "Mark Rutte, die als secretaris-generaal van de NAVO veel reist, sprak in Oslo.",
        {"Mark Rutte": [("secretaris-generaal van de NAVO", None, "NAVO")]},
    ),
    (  # a later compound title whose head the person already holds
        "Prins Willem sprak in Breda. De kroonprins opende daar een school.",
        {"Willem": [("prins", None, None), ("kroonprins", None, None)]},
    ),
    (  # "vice" makes it another person's title
        "Premier Dick Schoof was afwezig. De vicepremier nam het debat over.",
        {"Dick Schoof": [("premier", None, None)]},
    ),
    (  # sport
        "Bondscoach Ronald Koeman koos voor aanvoerder Virgil van Dijk.",
        {"Ronald Koeman": [("bondscoach", None, None)], "Virgil van Dijk": [("aanvoerder", None, None)]},
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_roles(entity_nlp, text, expected):
    assert roles(entity_nlp, text) == expected


def test_roles_are_on_the_doc(entity_nlp):
    doc = entity_nlp("Burgemeester Femke Halsema van Amsterdam wil meer politie.")
    ((person, role),) = doc._.newsbot_roles
    assert (person.text, role.text, doc.text[role.start : role.end]) == ("Femke Halsema", "burgemeester", "Burgemeester")


ROLE_CONSTRUCTIONS = [
    (  # apposition with a field and an organisation after "aan"
        "Lotte Kuipers, hoogleraar bestuursrecht aan de Universiteit Twente, is kritisch.",
        {"Lotte Kuipers": [("hoogleraar bestuursrecht aan de Universiteit Twente", None, "Universiteit Twente")]},
    ),
    (  # apposition with "bij"
        "Daan Vos, econoom bij de Volksbank, verwacht een lagere groei.",
        {"Daan Vos": [("econoom bij de Volksbank", None, "Volksbank")]},
    ),
    (  # a predicate with a time adverbial
        "Henk Dijkstra is sinds maart burgemeester van Kampen.",
        {"Henk Dijkstra": [("burgemeester van Kampen", None, "Kampen")]},
    ),
    (  # "die … wordt"
        "Sara Mol, die burgemeester van Zwolle wordt, was er ook.",
        {"Sara Mol": [("burgemeester van Zwolle", None, "Zwolle")]},
    ),
    (  # "als" after a verb of taking office; a portfolio is no organisation
        "Jan Bakker werd gisteren geïnstalleerd als wethouder van Onderwijs.",
        {"Jan Bakker": [("wethouder van Onderwijs", None, None)]},
    ),
    (  # a prenominal title with a modifier and a complement
        "De oud-directeur van De Nederlandsche Bank Piet Kok sprak met RTL-verslaggever Eva Smit.",
        {"Piet Kok": [("oud-directeur van De Nederlandsche Bank", None, "Nederlandsche Bank")],
         "Eva Smit": [("RTL-verslaggever", None, "RTL")]},
    ),
    (  # a name before the hyphen keeps its case at a sentence start
        "Ajax-aanvoerder Kees Mulder scoorde twee keer.",
        {"Kees Mulder": [("Ajax-aanvoerder", None, "Ajax")]},
    ),
    (  # a bare title, the organisation after the name
        "Trainer Bram Wolters van Heracles was tevreden.",
        {"Bram Wolters": [("trainer", None, "Heracles")]},
    ),
    (  # the complement is kept whole
        "Joris Vaal, voorzitter van de Tweede Kamer, opende het debat.",
        {"Joris Vaal": [("voorzitter van de Tweede Kamer", None, "Tweede Kamer")]},
    ),
    (  # occupations
        "Notaris Ria de Graaf, keeperstrainer Bas Bos en brandweercommandant Jos Kamp waren er.",
        {"Ria de Graaf": [("notaris", None, None)], "Bas Bos": [("keeperstrainer", None, None)],
         "Jos Kamp": [("brandweercommandant", None, None)]},
    ),
    (  # two coordinated roles in one apposition
        "Wim Hoek, directeur van Stedin en oud-wethouder van Arnhem, zei niets.",
        {"Wim Hoek": [("directeur van Stedin", None, "Stedin"), ("oud-wethouder van Arnhem", None, "Arnhem")]},
    ),
    (  # "tot" after a verb of appointing; "senior" belongs to the title; an apposition before a colon
        "Het bestuur benoemde Eline Kok tot nieuwe directeur. Tim Aarts, senior analist bij ABN AMRO: het kan.",
        {"Eline Kok": [("nieuwe directeur", None, None)],
         "Tim Aarts": [("senior analist bij ABN AMRO", None, "ABN AMRO")]},
    ),
    (  # an organisation right before the title belongs to the role, also after a preposition
        "Het model werd door Philips CEO Lisa Brand gepresenteerd.",
        {"Lisa Brand": [("Philips CEO", None, "Philips")]},
    ),
    (  # "tot" with the appointing verb earlier in the sentence
        "Vandaag benoemde de grootste bank van het land, de Volksbank, Eline Kok tot nieuwe directeur.",
        {"Eline Kok": [("nieuwe directeur", None, None)]},
    ),
    (  # a compound of two names before the title; a portfolio after the name is no organisation
        "GroenLinks-PvdA-Kamerlid Sanne Boer sprak met minister Eelke Visser van Klimaat.",
        {"Sanne Boer": [("GroenLinks-PvdA-Kamerlid", None, "GroenLinks-PvdA")],
         "Eelke Visser": [("minister", None, None)]},
    ),
    (  # a title that is not a capacity: "als" starting a clause
        "Femke Smit zou een afspraak maken als de directeur terug is.",
        {"Femke Smit": []},
    ),
]


@pytest.mark.parametrize("text, expected", ROLE_CONSTRUCTIONS)
def test_role_constructions(entity_nlp, text, expected):
    assert roles(entity_nlp, text) == expected
