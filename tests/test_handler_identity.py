"""Admin /split undoes a wrong merge and stays undone across reloads and reindex."""

from __future__ import annotations

import pytest
from identity_articles import ARTICLES, load, people

from handlers.reply import Action
from store.db import open_db
from store.loader import reindex


@pytest.fixture
def bos_db(tmp_path, nlp):
    db = open_db(tmp_path / "bos.db")
    load(db, nlp, ARTICLES, ["anna.txt", "bram.txt", "carla.txt"])
    return db


def test_split_undoes_an_admin_merge_and_survives_reindex(bos_db, nlp, run_command):
    assert run_command(bos_db, "/merge Bram Bos into Anna Bos", is_admin=True).title == (
        "“Bram Bos” en “Anna Bos” zijn nu één: Anna Bos."
    )
    assert run_command(bos_db, "/who Bram Bos").title == "Anna Bos (persoon)"
    reply = run_command(bos_db, "/split bram bos", is_admin=True, user_id="u3")
    assert reply.title == "“Bram Bos” staat nu los van Anna Bos."
    assert reply.actions == (Action("Bram Bos", "/who Bram Bos"), Action("Anna Bos", "/who Anna Bos"))
    assert bos_db.execute("select kind, subject, value, user, undone_by from corrections order by id").fetchall() == [
        ("merge", "Bram Bos", "Anna Bos", "", 2),
        ("split", "Bram Bos", "Anna Bos", "u3", None),
    ]
    expected = [
        ("Anna Bos", ["Anna Bos", "Bos"], ["wethouder van Financiën"], ["anna.txt"]),
        ("Bram Bos", ["Bos", "Bram Bos"], ["wethouder van Verkeer"], ["bram.txt"]),
        ("Carla Bos", ["Bos", "Carla Bos"], ["spits"], ["carla.txt"]),
    ]
    assert people(bos_db) == expected
    assert reindex(bos_db, nlp=nlp) == 3
    assert people(bos_db) == expected


def test_split_takes_a_surname_from_the_person_the_rules_chose(tmp_path, nlp, run_command):
    """Only Anna Bos fits "wethouder Bos"; the admin knows better. Later Bram Bos arrives, the one
    wethouder Bos left: the rules give him the article, never Anna again."""
    db = open_db(tmp_path / "split.db")
    load(db, nlp, ARTICLES, ["anna.txt", "wethouder.txt"])
    assert [p[0] for p in people(db)] == ["Anna Bos"]
    assert run_command(db, "/split Bos", is_admin=True).title == "“Bos” staat nu los van Anna Bos."
    assert people(db) == [
        ("Anna Bos", ["Anna Bos", "Bos"], ["wethouder van Financiën"], ["anna.txt"]),
        ("Bos", ["Bos"], ["wethouder"], ["wethouder.txt"]),
    ]
    load(db, nlp, ARTICLES, ["bram.txt"])
    assert [(p[0], p[3]) for p in people(db)] == [
        ("Anna Bos", ["anna.txt"]),
        ("Bram Bos", ["bram.txt", "wethouder.txt"]),
    ]
    assert reindex(db, nlp=nlp) == 3
    assert [(p[0], p[3]) for p in people(db)] == [
        ("Anna Bos", ["anna.txt"]),
        ("Bram Bos", ["bram.txt", "wethouder.txt"]),
    ]


def test_split_refusals(bos_db, run_command):
    assert run_command(bos_db, "/split", is_admin=True).plain_text() == "Gebruik: /split NAAM"
    reply = run_command(bos_db, "/split Anna Bos", is_admin=True)
    assert (reply.kind, reply.title) == ("not_found", "“Anna Bos” is met niemand samengevoegd: er is niets te splitsen.")
    assert run_command(bos_db, "/split Bram Bos").kind == "forbidden"
    assert bos_db.execute("select count(*) from corrections").fetchone() == (0,)
