"""Entity identity: one entity per person, never a silent merge, whatever the load order.

The articles are written for these tests: three people called Bos, president Trump and Melania
Trump, Anna Jansen and Anna Janssen. Each is loaded through the real pipeline and SQLite.
"""

from __future__ import annotations

import pytest
from identity_articles import ARTICLES, DONALD, load, orders, people

from store.db import open_db
from store.loader import reindex

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


def test_particles_case_and_transliterations_are_one_name_across_articles(db):
    from store.loader import store_article
    from store.model import Article, Entity, Facts, Mention

    def person(path: str, name: str) -> None:
        text = f"{name} sprak."
        facts = Facts(entities=[Entity(name, "PER", mentions=[Mention(0, len(name), name)])])
        assert store_article(db, Article(path, text), facts).status == "loaded"

    for path, name in (("a.txt", "Kees van der Berg"), ("b.txt", "Kees Van der Berg"),
                       ("c.txt", "Wolodymyr Zelenskyy"), ("d.txt", "Volodymyr Zelensky"), ("e.txt", "Joop Smits"),
                       ("f.txt", "Joop Smit"), ("g.txt", "Karel van der Berg")):
        person(path, name)
    assert people(db) == [
        ("Joop Smit", ["Joop Smit"], [], ["f.txt"]),
        ("Joop Smits", ["Joop Smits"], [], ["e.txt"]),
        ("Karel van der Berg", ["Karel van der Berg"], [], ["g.txt"]),
        ("Kees van der Berg", ["Kees Van der Berg", "Kees van der Berg"], [], ["a.txt", "b.txt"]),
        ("Volodymyr Zelensky", ["Volodymyr Zelensky", "Wolodymyr Zelenskyy"], [], ["c.txt", "d.txt"]),
    ]
