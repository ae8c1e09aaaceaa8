"""newsbot_entities: Dutch names typed PER/ORG/LOC/MISC, one canonical entity per real one."""

from __future__ import annotations

import pytest

from store.extraction.facts import facts_from_doc


def entities(nlp, text: str) -> dict[str, tuple[str, list[str]]]:
    """name → (type, aliases)"""
    return {e.name: (e.type, e.aliases) for e in facts_from_doc(nlp(text)).entities}


CASES = [
    (  # domestic politics, a place name with a space, a royal
        "Premier Dick Schoof sprak in Den Haag met koning Willem-Alexander.",
        {"Dick Schoof": ("PER", []), "Den Haag": ("LOC", []), "Willem-Alexander": ("PER", [])},
    ),
    (  # name particles, party acronym, an organisation with a cue word
        "Dilan Yeşilgöz-Zegerius (VVD) sprak in de Tweede Kamer met Caroline van der Plas.",
        {
            "Dilan Yeşilgöz-Zegerius": ("PER", []),
            "VVD": ("ORG", []),
            "Tweede Kamer": ("ORG", []),
            "Caroline van der Plas": ("PER", []),
        },
    ),
    (  # a nationality adjective that is also a first name; surname alias at a sentence start
        "Frans Timmermans reageerde verbaasd. Timmermans noemde het plan onverantwoord.",
        {"Frans Timmermans": ("PER", ["Timmermans"])},
    ),
    (  # economy: acronyms, sentence-initial ordinary words are not names
        "Volgens het CBS steeg de werkloosheid in maart. Economen van ING verwachten een daling.",
        {"CBS": ("ORG", []), "ING": ("ORG", [])},
    ),
    (  # sport: clubs, a title before the name
        "Ajax won zondag van Feyenoord. Trainer Francesco Farioli was tevreden.",
        {"Ajax": ("ORG", []), "Feyenoord": ("ORG", []), "Francesco Farioli": ("PER", [])},
    ),
    (  # events are MISC; a city after "in"
        "Sifan Hassan won goud op de Olympische Spelen in Parijs.",
        {"Sifan Hassan": ("PER", []), "Olympische Spelen": ("MISC", []), "Parijs": ("LOC", [])},
    ),
    (  # crime: "de rechtbank" stays lower case and is no entity; multi-word person with "de"
        "De rechtbank in Amsterdam veroordeelde de man. Officier van justitie Jan de Vries eiste tien jaar.",
        {"Amsterdam": ("LOC", []), "Jan de Vries": ("PER", [])},
    ),
    (  # "minister van Financiën" is a role, not an organisation; "Van der Plas" at a start
        "Minister van Financiën Eelco Heinen sprak met Caroline van der Plas. Van der Plas was kritisch.",
        {"Eelco Heinen": ("PER", []), "Caroline van der Plas": ("PER", ["Van der Plas"])},
    ),
    (  # a lower-case ministry with its capitalised name; a country alias folds into one entity
        "Het ministerie van Buitenlandse Zaken waarschuwt voor reizen naar de VS. De Verenigde Staten reageren niet.",
        {"ministerie van Buitenlandse Zaken": ("ORG", []), "Verenigde Staten": ("LOC", ["VS"])},
    ),
    (  # shouted words and words capitalised for emphasis inside a quote are no entities
        "De premier schreef: „Dit is het EINDE van de Onzin.” Daarna vertrok hij naar Brussel.",
        {"Brussel": ("LOC", [])},
    ),
    (  # an acronym glued to a title becomes an entity; genitive folds into the name
        "NAVO-chef Mark Rutte sprak over Zelensky's plan. Zelensky was blij.",
        {"NAVO": ("ORG", []), "Mark Rutte": ("PER", []), "Zelensky": ("PER", [])},
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_entities(entity_nlp, text, expected):
    assert entities(entity_nlp, text) == expected


def test_place_never_overrides_a_person(entity_nlp):
    # "Rubio" and "Marco" are also town names in geonames
    found = entities(entity_nlp, "Marco Rubio sprak met de pers. Later vertrok Rubio naar Londen.")
    assert found == {"Marco Rubio": ("PER", ["Rubio"]), "Londen": ("LOC", [])}


def test_spelling_variants_make_one_entity(entity_nlp):
    found = entities(entity_nlp, "Drones vielen Kyiv aan. In Kiev viel de stroom uit.")
    assert found == {"Kyiv": ("LOC", ["Kiev"])}


def test_entity_key_and_mentions(entity_nlp):
    facts = facts_from_doc(entity_nlp("De Russische president Vladimir Poetin sprak. Poetin zweeg daarna."))
    (poetin,) = facts.entities
    assert poetin.key == "vladimir poetin"
    assert [(m.start, m.end, m.text) for m in poetin.mentions] == [(23, 38, "Vladimir Poetin"), (46, 52, "Poetin")]
