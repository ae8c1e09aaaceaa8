"""Open the newsroom database: WAL, a busy timeout, the versioned schema, and write transactions.

The tables themselves are defined in ``store.schema`` (one migration function each); this module
connects, checks the file, applies pending migrations and runs write transactions.

Every write goes through ``write_transaction``: it takes SQLite's write lock when the transaction
starts (``BEGIN IMMEDIATE``), so a writer that finds another one busy waits up to the busy timeout
for its turn. A deferred ``BEGIN`` (sqlite-utils' own ``atomic()``) would read first and then fail
at once with "database is locked" when it tries to write while another process holds the lock.

A file that cannot be our database raises ``DatabaseProblem`` with one line naming it, before
anything is written to it: a folder, a damaged file, another application's SQLite database, a
read-only file. Read-only commands open with ``create=False`` and get ``DatabaseMissing``.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from store.db_checks import DatabaseMissing, DatabaseProblem, check_file, check_ours, sqlite_reason
from store.schema import MIGRATIONS

__all__ = ["MIGRATIONS", "DatabaseMissing", "DatabaseProblem", "open_db", "write_transaction", "schema_version"]

BUSY_TIMEOUT_MS = 10_000


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One all-or-nothing write: ``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any exception.

    Nested use becomes a savepoint inside the outer transaction (which already holds the lock)."""
    conn = db.conn
    if conn.in_transaction:
        savepoint = f"newsbot_{secrets.token_hex(8)}"
        conn.execute(f"SAVEPOINT {savepoint}")
        try:
            yield db
        except BaseException:
            if conn.in_transaction:  # a failed statement may have ended the whole transaction
                conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            raise
        conn.execute(f"RELEASE SAVEPOINT {savepoint}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class NewsroomDatabase(Database):
    """sqlite-utils' Database whose ``atomic()`` is ``write_transaction``: code written against
    sqlite-utils (its migrations included) waits for the write lock like ours does."""

    def atomic(self):  # type: ignore[override]
        return write_transaction(self)


def migrate_schema(db: Database) -> None:
    """Apply pending migrations under the write lock, so that two processes opening a new database
    at once do not both create its tables (the second finds them applied and does nothing)."""
    if _migrations_pending(db):
        with write_transaction(db):
            MIGRATIONS.apply(db)


def _migrations_pending(db: Database) -> bool:
    if not db["_sqlite_migrations"].exists():
        return True
    return bool(MIGRATIONS.pending(db))


def open_db(path: str | Path, *, migrate: bool = True, create: bool = True) -> Database:
    """Open the database at ``path`` and bring its schema up to date.

    With ``create`` a missing file (and its folder) is created; without it ``DatabaseMissing``
    is raised. Any other unusable file raises ``DatabaseProblem`` before anything is written.
    """
    path = Path(path)
    if str(path) == ":memory:":
        return _connect(path, migrate)
    check_file(path, create)
    try:
        db = _connect(path, migrate)
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(f"database {path}: {sqlite_reason(exc)}") from None
    return db


def _connect(path: Path, migrate: bool) -> Database:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        db = NewsroomDatabase(conn)
        if str(path) != ":memory:":
            check_ours(db, path, MIGRATIONS.migrations_table, MIGRATIONS.name)
            db.enable_wal()
        conn.execute("PRAGMA synchronous = NORMAL")
        if migrate:
            migrate_schema(db)
    except BaseException:
        conn.close()
        raise
    return db


def schema_version(db: Database) -> list[str]:
    """Names of the applied migrations, oldest first."""
    return [m.name for m in MIGRATIONS.applied(db)]
