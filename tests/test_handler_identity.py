"""Admin /split undoes a wrong merge and stays undone across reloads and reindex."""

from __future__ import annotations

import pytest
from identity_articles import ARTICLES, DONALD, load, people

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


@pytest.fixture
def people_db(tmp_path, nlp):
    db = open_db(tmp_path / "people.db")
    files = {**ARTICLES, **DONALD}
    load(db, nlp, files, sorted(files))
    return db


BOS_CANDIDATES = (
    "• Anna Bos, wethouder van Financiën (persoon, 2 artikelen) [#2, 2025-03-12]\n"
    "• Bos, wethouder (persoon, 2 artikelen) [#10, 2025-03-15]\n"
    "• Bram Bos, wethouder van Verkeer (persoon, 2 artikelen) [#2, 2025-03-12]\n"
    "• Carla Bos, spits (persoon, 1 artikel) [#4, 2025-03-09]\n"
)


@pytest.mark.parametrize("command", ["who", "quotes", "timeline"])
def test_a_surname_asks_back_with_each_persons_latest_role_and_article(people_db, run_command, command):
    reply = run_command(people_db, f"/{command} Bos")
    assert reply.kind == "not_found"
    assert reply.plain_text() == (
        "Meerdere namen passen bij “Bos”. Bedoelde je:\n\n" + BOS_CANDIDATES + "\n"
        f'→ /{command} Anna Bos | /{command} "Bos" | /{command} Bram Bos | /{command} Carla Bos'
    )


def test_each_button_answers_about_one_person(people_db, run_command):
    reply = run_command(people_db, "/who Bos")
    titles = [run_command(people_db, action.command).title for action in reply.actions]
    assert titles == ["Anna Bos (persoon)", "Bos (persoon)", "Bram Bos (persoon)", "Carla Bos (persoon)"]
    bare = run_command(people_db, '/who "Bos"')
    assert [(line.text, line.source.article_id) for line in bare.sections[0].lines] == [("wethouder", 10)]
    assert [a.command for a in bare.actions] == ['/quotes "Bos"', '/timeline "Bos"']


def test_the_buttons_reach_telegram_and_slack(people_db, run_command):
    from bot.slack_render import render_messages
    from bot.telegram_render import CallbackStore, keyboard_rows

    reply = run_command(people_db, "/who Bos")
    assert keyboard_rows(reply.actions, CallbackStore()) == [
        [("Anna Bos", "/who Anna Bos"), ("Bos", '/who "Bos"')],
        [("Bram Bos", "/who Bram Bos"), ("Carla Bos", "/who Carla Bos")],
    ]
    (message,) = render_messages(reply)
    buttons = [e for block in message.blocks if block["type"] == "actions" for e in block["elements"]]
    assert [(b["text"]["text"], b["value"]) for b in buttons] == [
        ("Anna Bos", "/who Anna Bos"), ("Bos", '/who "Bos"'), ("Bram Bos", "/who Bram Bos"), ("Carla Bos", "/who Carla Bos"),
    ]


def test_a_full_name_answers_about_that_person_alone(people_db, run_command):
    reply = run_command(people_db, "/who Anna Bos")
    assert reply.title == "Anna Bos (persoon)"
    assert [line.text for line in reply.sections[0].lines] == ["wethouder van Financiën"]
    assert run_command(people_db, "/who Anna Jansen").sections[0].lines[0].text == "burgemeester van Zwolle"  # the organisation after the name
    assert run_command(people_db, "/who anna janssen").sections[0].lines[0].text == "directeur van het Stedelijk"
    trump = run_command(people_db, "/who Trump")
    assert [a.command for a in trump.actions] == ["/who Donald Trump", "/who Melania Trump"]


def test_an_admin_merge_joins_spelling_variants_and_reindex_keeps_it(tmp_path, nlp, run_command):
    db = open_db(tmp_path / "jansen.db")
    load(db, nlp, ARTICLES, ["jansen.txt", "janssen.txt"])
    assert [p[0] for p in people(db)] == ["Anna Jansen", "Anna Janssen"]
    assert run_command(db, "/merge Anna Janssen into Anna Jansen", is_admin=True).title == (
        "“Anna Janssen” en “Anna Jansen” zijn nu één: Anna Jansen."
    )
    merged = [("Anna Jansen", ["Anna Jansen", "Anna Janssen", "Jansen", "Janssen"],
               ["burgemeester", "directeur van het Stedelijk"], ["jansen.txt", "janssen.txt"])]
    assert people(db) == merged
    assert reindex(db, nlp=nlp) == 2
    assert people(db) == merged
