"""The schema: WAL, busy timeout, migrations applied once and to an existing database."""

from store.db import MIGRATIONS, open_db, schema_version

ALL_MIGRATIONS = [
    "m001_initial",
    "m002_quotes_fts",
    "m003_query_indexes",
    "m004_mentions_by_article",
    "m005_entity_articles",
    "m006_entity_identity",
    "m007_follows_alerts_feeds",
    "m008_sources_parts_buttons",
    "m009_article_summaries",
    "m010_scare_quotes",
]


def test_new_database_has_every_table_and_wal(db_path):
    db = open_db(db_path)
    assert schema_version(db) == ALL_MIGRATIONS
    for table in (
        "articles", "entities", "aliases", "mentions", "roles", "quotes", "numbers",
        "dates", "corrections", "subscriptions", "digests_sent", "chat_settings",
        "button_commands",
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


def test_a_writer_waits_for_another_writers_lock_instead_of_failing(db_path):
    """write_transaction takes the write lock up front, so it waits out another process's write
    (here a second connection holding the lock for half a second) and then commits."""
    import sqlite3
    import threading
    import time

    from store.db import write_transaction

    open_db(db_path).close()
    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("insert into corrections (kind, subject, value) values ('role', 'A', 'held')")
    release = threading.Timer(0.5, lambda: holder.execute("COMMIT"))
    db = open_db(db_path)
    started = time.perf_counter()
    release.start()
    with write_transaction(db):
        seen = db.execute("select count(*) from corrections").fetchone()[0]  # read, then write
        db.execute("insert into corrections (kind, subject, value) values ('role', 'B', 'waited')")
    release.join()
    assert time.perf_counter() - started >= 0.4
    assert seen == 1  # it started after the other writer committed
    assert [r[0] for r in db.execute("select value from corrections order by id")] == ["held", "waited"]


def test_write_transaction_rolls_back_everything_and_nests_as_a_savepoint(db):
    from store.db import write_transaction

    with write_transaction(db):
        db.execute("insert into corrections (kind, subject, value) values ('role', 'A', 'kept')")
        try:
            with write_transaction(db):
                db.execute("insert into corrections (kind, subject, value) values ('role', 'B', 'undone')")
                raise ValueError("inner failure")
        except ValueError:
            pass
    try:
        with db.atomic():  # sqlite-utils' name for it goes through the same helper
            db.execute("insert into corrections (kind, subject, value) values ('role', 'C', 'undone')")
            raise ValueError("outer failure")
    except ValueError:
        pass
    assert [r[0] for r in db.execute("select value from corrections")] == ["kept"]
    assert not db.conn.in_transaction


def test_quotes_stored_before_the_scare_flag_count_as_statements(db_path):
    from sqlite_utils import Database

    old = Database(db_path)
    MIGRATIONS.apply(old, stop_before="m010_scare_quotes")
    old["articles"].insert(
        {"id": 1, "path": "a.txt", "text": "Tekst.", "content_hash": "h", "loaded_at": "2025-01-01T00:00:00"}
    )
    old["quotes"].insert({"id": 1, "article_id": 1, "speaker": "Eva Smit", "text": "We gaan door"})
    old.conn.commit()
    old.close()
    db = open_db(db_path)
    assert db["quotes"].columns_dict["scare"] is int
    assert db.execute("select text, scare from quotes").fetchall() == [("We gaan door", 0)]
