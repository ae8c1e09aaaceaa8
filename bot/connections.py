"""One SQLite connection per worker thread, shared by the chat adapters.

Handlers run in ``asyncio.to_thread`` workers. A connection of its own per thread needs no lock, so
a slow admin /load never blocks another chat's command, and SQLite's page cache survives calls.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from store.db import open_db


class ThreadConnections:
    """Lazily opened per-thread connections to ``db_path``, all closed by ``close_all``.

    The schema must already be migrated (``open_db(db_path).close()`` once, up front): these
    connections open with ``migrate=False``.
    """

    def __init__(self, db_path: str | Path) -> None:
        self.db_path = str(db_path)
        self._local = threading.local()
        self._opened: list[Database] = []
        self._idle = threading.Condition()
        self._busy = 0

    def get(self) -> Database:
        """This thread's connection, opened on first use."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = open_db(self.db_path, migrate=False)
            with self._idle:
                self._opened.append(db)
        return db

    @contextmanager
    def connection(self) -> Iterator[Database]:
        """This thread's connection, marked in use so that ``close_all`` waits for it."""
        with self._idle:
            self._busy += 1
        try:
            yield self.get()
        finally:
            with self._idle:
                self._busy -= 1
                self._idle.notify_all()

    def close_all(self) -> None:
        """Wait until no ``connection()`` block runs, then close every connection opened so far.

        A later ``get`` opens a fresh one. Blocks: call it from a worker thread in async code.
        """
        with self._idle:
            self._idle.wait_for(lambda: self._busy == 0)
            opened, self._opened = self._opened, []
            self._local = threading.local()
            for db in opened:
                db.close()
