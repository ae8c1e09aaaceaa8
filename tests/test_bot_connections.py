"""bot.connections.ThreadConnections: one SQLite connection per thread, all closed at the end."""

import sqlite3
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.connections import ThreadConnections
from store.db import open_db


def test_one_connection_per_thread_closed_by_close_all(tmp_path):
    path = tmp_path / "news.db"
    open_db(path).close()
    connections = ThreadConnections(path)

    mine = connections.get()
    with connections.connection() as same:
        assert same is mine
    with ThreadPoolExecutor(1) as pool:
        other = pool.submit(connections.get).result()
    assert other is not mine
    assert other.execute("select count(*) from articles").fetchone() == (0,)

    connections.close_all()

    for db in (mine, other):
        with pytest.raises(sqlite3.ProgrammingError):
            db.execute("select 1")
    fresh = connections.get()
    assert fresh is not mine
    assert fresh.execute("select 1").fetchone() == (1,)
    connections.close_all()
