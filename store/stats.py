"""Counts for ``newsbot stats`` and ``/stats``."""

from __future__ import annotations

from sqlite_utils import Database

TABLES = ("articles", "aliases", "mentions", "roles", "quotes", "numbers", "dates", "corrections", "subscriptions")


def store_stats(db: Database) -> dict:
    """Row counts per table, entities by type, the date range and the newest load."""

    def one(sql: str):
        return db.execute(sql).fetchone()[0]

    stats: dict = {table: one(f"select count(*) from {table}") for table in TABLES}
    stats["entities"] = dict(db.execute("select type, count(*) from entities group by type").fetchall())
    stats["words"] = one("select coalesce(sum(word_count), 0) from articles")
    stats["first"], stats["last"] = db.execute("select min(date), max(date) from articles").fetchone()
    stats["last_loaded"] = one("select max(loaded_at) from articles")
    return stats


def stats_lines(stats: dict) -> list[str]:
    """``newsbot stats`` output: one aligned "name: value" line each."""
    rows = [(table, stats[table]) for table in TABLES]
    rows.insert(1, ("entities", sum(stats["entities"].values())))
    rows += [("first date", stats["first"] or "—"), ("last date", stats["last"] or "—"), ("words", stats["words"])]
    return [f"{name:>14}: {value}" for name, value in rows]
