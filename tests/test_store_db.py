"""The schema: WAL, busy timeout, migrations applied once and to an existing database."""

from store.db import MIGRATIONS, open_db, schema_version

ALL_MIGRATIONS = [
    "m001_initial",
    "m002_quotes_fts",
    "m003_query_indexes",
    "m004_mentions_by_article",
    "m005_entity_articles",
    "m007_follows_alerts_feeds",
]


def test_new_database_has_every_table_and_wal(db_path):
    db = open_db(db_path)
    assert schema_version(db) == ALL_MIGRATIONS
    for table in (
        "articles", "entities", "aliases", "mentions", "roles", "quotes", "numbers",
        "dates", "corrections", "subscriptions", "digests_sent", "chat_settings",
    ):
        assert db[table].exists(), table
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert db.execute("pragma busy_timeout").fetchone()[0] == 10_000
    assert db.execute("pragma foreign_keys").fetchone()[0] == 1


def test_reopening_applies_nothing_twice(db_path):
    open_db(db_path).close()
    db = open_db(db_path)
    assert schema_version(db) == ALL_MIGRATIONS
    assert db["_sqlite_migrations"].count == len(ALL_MIGRATIONS)


def test_migration_of_an_existing_database_keeps_and_indexes_its_rows(db_path):
    from sqlite_utils import Database

    old = Database(db_path)
    MIGRATIONS.apply(old, stop_before="m002_quotes_fts")
    old["articles"].insert(
        {"id": 1, "path": "a.txt", "text": "Tekst.", "content_hash": "h", "loaded_at": "2025-01-01T00:00:00"}
    )
    old["quotes"].insert({"id": 1, "article_id": 1, "speaker": "Mark Rutte", "text": "Oekraïne werkt mee"})
    old.conn.commit()
    assert schema_version(old) == ["m001_initial"]
    old.close()

    db = open_db(db_path)
    assert schema_version(db) == ALL_MIGRATIONS
    assert db["articles"].count == 1
    hits = db.execute("select rowid from quotes_fts where quotes_fts match 'oekraine'").fetchall()
    assert hits == [(1,)]
