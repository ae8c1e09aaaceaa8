"""Articles written for the identity tests: three people called Bos, president Trump and Melania
Trump, Anna Jansen and Anna Janssen; and helpers to load them and read the people table back."""

from __future__ import annotations

import random

from bench.identity import people  # noqa: F401 - the tests' view of the people table
from store.loader import load_bytes

ARTICLES = {
    "anna.txt": (
        " date 2025-03-04\nLeiden presenteert begroting\n\n"
        "Wethouder van Financiën Anna Bos presenteerde dinsdag in Leiden de begroting voor volgend jaar. "
        "Bos verwacht een tekort van twee miljoen euro. Zij wil de lokale lasten toch niet verhogen.\n"
    ),
    "bram.txt": (
        " date 2025-03-06\nDelft maakt binnenstad autoluw\n\n"
        "In Delft kondigde wethouder van Verkeer Bram Bos woensdag een nieuw parkeerbeleid aan. "
        "Bos zei dat de binnenstad binnen twee jaar autoluw wordt. Hij rekent op steun van de gemeenteraad.\n"
    ),
    "carla.txt": (
        " date 2025-03-09\nAjax wint met twee doelpunten van Bos\n\n"
        "Spits Carla Bos van Ajax scoorde zondag twee keer tegen PSV. Bos was na afloop tevreden over het "
        "spel van haar ploeg.\n"
    ),
    "beiden.txt": (
        " date 2025-03-12\nWethouders Bos botsen over parkeerbeleid\n\n"
        "Anna Bos en Bram Bos spraken donderdag op een congres over de financiering van nieuwe fietsroutes. "
        "Volgens Bos moet het Rijk meer betalen.\n"
    ),
    "wethouder.txt": (
        " date 2025-03-15\nKritiek op wethouder\n\n"
        "Oppositiepartijen hebben kritiek op wethouder Bos. De wethouder zou de raad te laat hebben ingelicht.\n"
    ),
    "president.txt": (
        " date 2025-04-01\nHandelsakkoord in de maak\n\n"
        "President Trump sprak maandag met zijn adviseurs over nieuwe importheffingen. "
        "Hij wil nog deze maand een akkoord sluiten.\n"
    ),
    "melania.txt": (
        " date 2025-04-03\nTentoonstelling geopend\n\n"
        "Melania Trump opende woensdag in New York een tentoonstelling over mode. Zij sprak kort met bezoekers.\n"
    ),
    "jansen.txt": (
        " date 2025-05-02\nZwolle krijgt nieuw zwembad\n\n"
        "Burgemeester Anna Jansen van Zwolle opende zaterdag het nieuwe zwembad. Jansen noemde het een mijlpaal.\n"
    ),
    "janssen.txt": (
        " date 2025-05-03\nMeer ruimte voor kunst\n\n"
        "Anna Janssen, directeur van het Stedelijk, kondigde een uitbreiding aan. Janssen verwacht meer bezoekers.\n"
    ),
}
DONALD = {
    "donald.txt": (
        " date 2025-04-05\nTrump dreigt met heffingen\n\n"
        "De Amerikaanse president Donald Trump dreigt met hogere heffingen op Europese auto's. "
        "Trump zei dat Europa te weinig koopt.\n"
    ),
}

def load(db, nlp, files: dict[str, str], order: list[str]) -> None:
    for name in order:
        (result,) = load_bytes(db, name, files[name].encode(), nlp=nlp)
        assert result.status == "loaded", result


def orders(names: list[str]) -> list[list[str]]:
    shuffled = list(names)
    random.Random(11).shuffle(shuffled)
    return [sorted(names), sorted(names, reverse=True), shuffled]
