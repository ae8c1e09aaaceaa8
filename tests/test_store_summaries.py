"""entity_articles (migration m005): one row per entity and article, kept by triggers on every
write path, and the queries that read it."""

from conftest import HANDLER_ARTICLES, handler_facts

from store import queries, trends
from store.corrections import record_correction
from store.db import MIGRATIONS, open_db
from store.loader import forget_article, reindex, store_article
from store.model import Article

RECOUNTED = """
    select m.entity_id, m.article_id, a.date, substr(coalesce(a.date, a.loaded_at) || '-01-01', 1, 10), count(*)
    from mentions m join articles a on a.id = m.article_id
    group by m.entity_id, m.article_id order by 1, 2"""


def summary(db) -> list[tuple]:
    return db.execute("select entity_id, article_id, date, day, mentions from entity_articles order by 1, 2").fetchall()


def recounted(db) -> list[tuple]:
    return db.execute(RECOUNTED).fetchall()


def entity_id(db, name: str) -> int:
    return db.execute("select id from entities where name = ?", [name]).fetchone()[0]


def store(db, spec: dict, **changes):
    spec = {**spec, **changes}
    article = Article(path=spec["path"], text=spec["text"], title=spec["title"], date=spec["date"])
    return store_article(db, article, handler_facts(spec))


def test_load_fills_one_row_per_entity_and_article(news_db):
    trump = entity_id(news_db, "Donald Trump")
    rows = [row for row in summary(news_db) if row[0] == trump]
    assert rows == [(trump, 1, "2025-04-10", "2025-04-10", 1), (trump, 3, "2025-03-20", "2025-03-20", 2)]
    assert summary(news_db) == recounted(news_db)
    assert len(summary(news_db)) == 13


def test_replacing_an_article_replaces_its_rows(news_db):
    changed = HANDLER_ARTICLES[0]["text"] + " Rubio vertrekt morgen."
    result = store(news_db, HANDLER_ARTICLES[0], text=changed, date="2025-04-11")
    assert result.status == "replaced"
    trump = entity_id(news_db, "Donald Trump")
    assert [row for row in summary(news_db) if row[0] == trump][0] == (trump, 1, "2025-04-11", "2025-04-11", 1)
    rubio = entity_id(news_db, "Marco Rubio")
    assert [row for row in summary(news_db) if row[0] == rubio] == [(rubio, 1, "2025-04-11", "2025-04-11", 3)]
    assert summary(news_db) == recounted(news_db)


def test_forget_removes_the_rows_and_their_orphans(news_db):
    rubio = entity_id(news_db, "Marco Rubio")
    assert forget_article(news_db, 1) is True
    assert [row for row in summary(news_db) if row[0] == rubio] == []
    assert {row[1] for row in summary(news_db)} == {2, 3, 4}
    assert summary(news_db) == recounted(news_db)


def test_merge_moves_rows_to_the_target(news_db):
    witkoff, poetin = entity_id(news_db, "Steve Witkoff"), entity_id(news_db, "Vladimir Poetin")
    record_correction(news_db, "merge", "Steve Witkoff", "Vladimir Poetin")
    assert [row for row in summary(news_db) if row[0] == witkoff] == []
    assert [row for row in summary(news_db) if row[0] == poetin] == [(poetin, 2, "2025-04-03", "2025-04-03", 3)]
    assert summary(news_db) == recounted(news_db)
    assert queries.entity_span(news_db, poetin) == {"articles": 1, "first": "2025-04-03", "last": "2025-04-03"}


def test_reindex_keeps_it_equal_to_the_mentions(news_db, nlp):
    record_correction(news_db, "merge", "Steve Witkoff", "Vladimir Poetin")
    assert reindex(news_db, nlp) == 4
    assert summary(news_db) == recounted(news_db)
    assert summary(news_db) != []


def test_a_changed_article_date_is_carried_over(news_db):
    news_db.execute("update articles set date = '2024-12' where id = 4")
    assert {row[2:4] for row in summary(news_db) if row[1] == 4} == {("2024-12", "2024-12-01")}
    assert summary(news_db) == recounted(news_db)


def test_migration_fills_the_table_from_existing_rows(db_path):
    from sqlite_utils import Database

    old = Database(db_path)
    MIGRATIONS.apply(old, stop_before="m005_entity_articles")
    old["articles"].insert({"id": 7, "path": "a.txt", "text": "Rutte. Rutte.", "date": "2025-02", "content_hash": "h",
                            "loaded_at": "2025-03-01T10:00:00"})
    old["entities"].insert({"id": 3, "name": "Mark Rutte", "type": "PER", "key": "mark rutte"})
    for start in (0, 7):
        old["mentions"].insert({"article_id": 7, "entity_id": 3, "start": start, "end": start + 5, "text": "Rutte"})
    old.conn.commit()
    old.close()

    db = open_db(db_path)
    assert summary(db) == [(3, 7, "2025-02", "2025-02-01", 2)]
    assert queries.mention_counts(db, [3, 4]) == {3: 1, 4: 0}


# --- the queries that read it, and the rewritten ones beside them ---------------------------


def test_who_queries_over_the_summary(news_db):
    trump = entity_id(news_db, "Donald Trump")
    assert queries.entity_span(news_db, trump) == {"articles": 2, "first": "2025-03-20", "last": "2025-04-10"}
    assert queries.entity_span(news_db, 999) == {"articles": 0, "first": None, "last": None}
    assert [(r["article_id"], r["sentence"]) for r in queries.latest_mentions(news_db, trump, 3)] == [
        (1, "Donald Trump schreef: „Vladimir, STOP!”"),
        (3, "De Oekraïense president Volodymyr Zelensky sprak met Donald Trump."),
    ]
    companions = queries.co_mentioned(news_db, trump)
    assert [(r["name"], r["articles"], r["last_article"]) for r in companions] == [
        ("Marco Rubio", 1, 1),
        ("Volodymyr Zelensky", 1, 3),
    ]


def test_trending_counts_articles_and_mentions_per_period(news_db):
    rows = trends.mentions_between(news_db, "2025-03-01", "2025-04-10")
    assert [(r["name"], r["articles"], r["mentions"], r["last_article"]) for r in rows] == [
        ("Donald Trump", 2, 3, 3),
        ("Marco Rubio", 1, 2, 1),
        ("Vladimir Poetin", 1, 2, 2),
        ("Volodymyr Zelensky", 1, 2, 3),
        ("Steve Witkoff", 1, 1, 2),
    ]
    january = trends.mentions_between(news_db, "2024-12-31", "2025-01-31")
    assert [(r["name"], r["articles"], r["mentions"]) for r in january] == [
        ("NAVO", 1, 2),
        ("Mark Carney", 1, 1),
        ("Mark Rutte", 1, 1),
    ]
    assert trends.mentions_between(news_db, "2025-01-01", "2025-01-31") == []


def test_roles_keep_each_role_once_newest_first_corrections_first(news_db):
    rubio = entity_id(news_db, "Marco Rubio")
    older = {**HANDLER_ARTICLES[0], "path": "rubio-2.txt", "date": "2025-02-01", "text": HANDLER_ARTICLES[0]["text"] + " Meer."}
    assert store(news_db, older).status == "loaded"
    record_correction(news_db, "role", "Rubio", "senator")
    rows = queries.entity_roles(news_db, rubio)
    assert [(r["role"], r["article_id"], r["date"], r["label"]) for r in rows] == [
        ("senator", None, rows[0]["date"], ""),
        ("Amerikaanse minister van Buitenlandse Zaken", 1, "2025-04-10", "Rubio bevestigt nieuwe gesprekken in Londen"),
    ]
    assert rows[0]["date"] is not None


def test_quotes_newest_first_with_limit_and_about(news_db):
    assert [r["text"] for r in queries.entity_quotes(news_db, limit=3)] == [
        "We zijn dicht bij een akkoord",
        "Vladimir, STOP!",
        "Wij willen vrede.",
    ]
    trump = entity_id(news_db, "Donald Trump")
    assert [(r["text"], r["article_id"]) for r in queries.entity_quotes(news_db, trump)] == [
        ("Vladimir, STOP!", 1),
        ("zeer goed", 3),
    ]
    assert [r["text"] for r in queries.entity_quotes(news_db, about="vrede")] == [
        "Wij willen vrede.",
        "Wij zijn klaar voor vrede",
    ]
    assert queries.entity_quotes(news_db, trump, about="vrede") == []
