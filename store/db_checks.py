"""Whether a file can be the newsroom database, told in one line that names it.

Checked before anything is written, so that a wrong ``--db`` never gets our migrations table or a
WAL file: a folder, a file that is no SQLite database or is damaged, another application's
database (tables, but not our migrations), and SQLite's own errors (read-only, locked) in words.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database


class DatabaseProblem(Exception):
    """The database file cannot be used; the message is one line that names the file."""


class DatabaseMissing(DatabaseProblem):
    """A read-only command found no database (it never creates one)."""


def check_file(path: Path, create: bool) -> None:
    if path.is_dir():
        raise DatabaseProblem(f"database {path}: this is a folder, not a database file")
    if not path.exists():
        if not create:
            raise DatabaseMissing(f"no database at {path}; load articles first")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseProblem(f"database {path}: cannot create its folder: {exc.strerror or exc}") from None
        return
    # The header is left to SQLite (``check_ours`` reads the schema first, and a file that is no
    # database fails there with the same message). Opening the file here and closing it would drop
    # every POSIX lock this process holds on it through its other connections (serve's, the
    # adapters', the alert sender's): another process closing its last connection would then
    # delete the WAL under them, and their next write corrupts the database.
    if not os.access(path, os.R_OK):
        raise DatabaseProblem(f"database {path}: cannot read it: permission denied")


def check_ours(db: Database, path: Path, migrations_table: str, migration_set: str) -> None:
    """Refuse another application's database before our migrations table or WAL touch it."""
    tables = [row[0] for row in db.execute(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")]  # fmt: skip
    if not tables or tables == [migrations_table]:  # new, or another process is creating it
        return
    ours = migrations_table in tables and db.execute(
        f"select 1 from {migrations_table} where migration_set = ? limit 1", [migration_set]
    ).fetchone()
    if not ours:
        listed = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
        raise DatabaseProblem(f"database {path}: another application's SQLite database (tables: {listed}); use another --db")


def sqlite_reason(exc: sqlite3.DatabaseError) -> str:
    message = str(exc).lower()
    if "readonly" in message or "read-only" in message or "unable to open" in message:
        return "read-only (file or folder not writable)"
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return "the file is damaged or not an SQLite database"
    if "locked" in message or "busy" in message:
        return "locked by another process for too long"
    return str(exc)
