"""Entity identity: one entity per person, never a silent merge, whatever the load order.

The articles are written for these tests: three people called Bos, president Trump and Melania
Trump, Anna Jansen and Anna Janssen. Each is loaded through the real pipeline and SQLite.
"""

from __future__ import annotations

import random

import pytest

from store.db import open_db
from store.loader import load_bytes, reindex

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

# name, aliases, roles, the articles that mention it
PEOPLE = [
    ("Anna Bos", ["Anna Bos", "Bos"], ["wethouder van Financiën"], ["anna.txt", "beiden.txt"]),
    ("Anna Jansen", ["Anna Jansen", "Jansen"], ["burgemeester"], ["jansen.txt"]),
    ("Anna Janssen", ["Anna Janssen", "Janssen"], ["directeur van het Stedelijk"], ["janssen.txt"]),
    ("Bos", ["Bos"], ["wethouder"], ["beiden.txt", "wethouder.txt"]),
    ("Bram Bos", ["Bos", "Bram Bos"], ["wethouder van Verkeer"], ["beiden.txt", "bram.txt"]),
    ("Carla Bos", ["Bos", "Carla Bos"], ["spits"], ["carla.txt"]),
    ("Melania Trump", ["Melania Trump"], [], ["melania.txt"]),
    ("Trump", ["Trump"], ["president"], ["president.txt"]),
]


def people(db) -> list[tuple]:
    """Every person in the store: name, aliases, roles and the files of the articles naming them."""
    table = []
    for entity_id, name in db.execute("select id, name from entities where type = 'PER' order by name"):
        aliases = sorted(a for (a,) in db.execute("select alias from aliases where entity_id = ?", [entity_id]))
        roles = sorted({r for (r,) in db.execute("select role from roles where entity_id = ?", [entity_id])})
        paths = sorted(
            {p for (p,) in db.execute(
                "select a.path from mentions m join articles a on a.id = m.article_id where m.entity_id = ?", [entity_id]
            )}
        )
        table.append((name, aliases, roles, paths))
    return table


def load(db, nlp, files: dict[str, str], order: list[str]) -> None:
    for name in order:
        (result,) = load_bytes(db, name, files[name].encode(), nlp=nlp)
        assert result.status == "loaded", result


def orders(names: list[str]) -> list[list[str]]:
    shuffled = list(names)
    random.Random(11).shuffle(shuffled)
    return [sorted(names), sorted(names, reverse=True), shuffled]


@pytest.mark.parametrize("order", orders(list(ARTICLES)), ids=["sorted", "reversed", "shuffled"])
def test_the_entity_table_is_the_same_in_any_load_order(tmp_path, nlp, order):
    db = open_db(tmp_path / "identity.db")
    load(db, nlp, ARTICLES, order)
    assert people(db) == PEOPLE


def test_a_surname_joins_the_one_compatible_person(tmp_path, nlp):
    """With Donald Trump in the store, "President Trump ... Hij" is him (Melania is a woman);
    in either order."""
    files = {**ARTICLES, **DONALD}
    for index, order in enumerate(orders(["president.txt", "melania.txt", "donald.txt"])):
        db = open_db(tmp_path / f"trump{index}.db")
        load(db, nlp, files, order)
        assert people(db) == [
            ("Donald Trump", ["Donald Trump", "Trump"], ["Amerikaanse president", "president"], ["donald.txt", "president.txt"]),
            ("Melania Trump", ["Melania Trump"], [], ["melania.txt"]),
        ]


def test_two_full_names_in_one_article_leave_the_bare_surname_to_neither(nlp):
    from store.extraction.facts import extract

    facts = extract(nlp, ARTICLES["beiden.txt"].split("\n", 3)[3])
    assert [(e.name, [m.text for m in e.mentions]) for e in facts.entities if e.type == "PER"] == [
        ("Anna Bos", ["Anna Bos"]),
        ("Bram Bos", ["Bram Bos"]),
        ("Bos", ["Bos"]),
    ]


def test_reindex_relinks_the_whole_corpus_to_the_same_table(tmp_path, nlp):
    db = open_db(tmp_path / "identity.db")
    load(db, nlp, ARTICLES, sorted(ARTICLES, reverse=True))
    assert reindex(db, nlp=nlp) == len(ARTICLES)
    assert people(db) == PEOPLE


def test_forgetting_the_only_other_candidate_links_the_surname(tmp_path, nlp):
    """Articles leave as they came: without Anna Bos, "wethouder Bos" can only be Bram Bos."""
    from store.loader import forget_article

    db = open_db(tmp_path / "identity.db")
    load(db, nlp, ARTICLES, ["anna.txt", "bram.txt", "wethouder.txt"])
    assert [p[0] for p in people(db)] == ["Anna Bos", "Bos", "Bram Bos"]
    anna = db.execute("select id from articles where path = 'anna.txt'").fetchone()[0]
    assert forget_article(db, anna)
    assert people(db) == [
        ("Bram Bos", ["Bos", "Bram Bos"], ["wethouder", "wethouder van Verkeer"], ["bram.txt", "wethouder.txt"]),
    ]


def test_an_old_database_is_relinked_when_it_migrates(db_path):
    """Stored before identity rows: one entity (skeleton key) holding Anna Jansen, Anna Janssen and
    a bare "Jansen". Migrating separates them; Anna Jansen keeps her id and the bare surname, which
    fits her alone."""
    from sqlite_utils import Database

    from store.db import MIGRATIONS

    old = Database(db_path)
    MIGRATIONS.apply(old, stop_before="m006_entity_identity")
    texts = {1: "Anna Jansen opende het zwembad.", 2: "Anna Janssen opende het museum.", 3: "Jansen zweeg."}
    for article_id, text in texts.items():
        old["articles"].insert({"id": article_id, "path": f"{article_id}.txt", "text": text,
                                "content_hash": str(article_id), "loaded_at": "2025-01-01T00:00:00"})
    old["entities"].insert({"id": 5, "name": "Anna Jansen", "type": "PER", "key": "ana jansen"})
    for alias in ("Anna Jansen", "Anna Janssen", "Jansen"):
        old["aliases"].insert({"entity_id": 5, "alias": alias, "norm": "x"})
    for article_id, mention in ((1, "Anna Jansen"), (2, "Anna Janssen"), (3, "Jansen")):
        old["mentions"].insert({"article_id": article_id, "entity_id": 5, "start": 0, "end": len(mention), "text": mention})
    old["roles"].insert({"entity_id": 5, "article_id": 2, "role": "directeur", "start": 0, "end": 0})
    old.conn.commit()
    old.close()

    db = open_db(db_path)
    assert people(db) == [
        ("Anna Jansen", ["Anna Jansen", "Jansen"], [], ["1.txt", "3.txt"]),
        ("Anna Janssen", ["Anna Janssen"], ["directeur"], ["2.txt"]),
    ]
    assert db.execute("select id from entities where name = 'Anna Jansen'").fetchone() == (5,)
    assert db.execute("select count(*) from mentions where name_id is null").fetchone() == (0,)
