"""Counts for ``newsbot stats`` and ``/stats``."""

from __future__ import annotations

from sqlite_utils import Database

COUNTED = ("articles", "entities", "aliases", "mentions", "roles", "quotes", "numbers", "dates", "subscriptions")


def store_stats(db: Database) -> dict[str, object]:
    """Row counts per table, the date range of the articles and the schema version."""
    stats: dict[str, object] = {name: db[name].count for name in COUNTED}
    first, last = db.execute("select min(date), max(date) from articles").fetchone()
    stats["first date"] = first or "—"
    stats["last date"] = last or "—"
    stats["words"] = db.execute("select coalesce(sum(word_count), 0) from articles").fetchone()[0]
    return stats
