"""What each chat follows: entities (by id, so a /merge carries the follow along) and search terms.

A followed entity keeps the name it had when it was followed. When its id disappears (a merge
removed it, or a replaced article dropped and re-created it) the name finds it again, the same way
corrections find names (``store.corrections.find_entity``: by the skeleton of an alias, never
fuzzily).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlite_utils import Database

from store.db import write_transaction
from store.search import fts_query


@dataclass(frozen=True)
class Follow:
    id: int
    platform: str
    chat_id: str
    entity_id: int | None
    name: str | None
    term: str | None

    @property
    def label(self) -> str:
        return self.name if self.term is None else f"“{self.term}”"


_COLUMNS = "id, platform, chat_id, entity_id, name, term"


def _follow(row) -> Follow:
    return Follow(*row)


def chat_follows(db: Database, platform: str, chat_id: str) -> list[Follow]:
    """What one chat follows, in the order it was followed."""
    rows = db.execute(
        f"select {_COLUMNS} from follows where platform = ? and chat_id = ? order by id", [platform, str(chat_id)]
    ).fetchall()
    return [_follow(r) for r in rows]


def follow_entity(db: Database, platform: str, chat_id: str, entity_id: int, name: str, user: str = "") -> bool:
    """Follow an entity in a chat; False when the chat already follows it."""
    return _insert(db, platform, chat_id, {"entity_id": entity_id, "name": name}, user)


def follow_term(db: Database, platform: str, chat_id: str, term: str, user: str = "") -> bool:
    """Follow a search term in a chat; False when the chat already follows it.

    Raises ValueError when the term has no word to search for."""
    if fts_query(term) is None:
        raise ValueError("a search term needs at least one word")
    return _insert(db, platform, chat_id, {"term": term}, user)


def _insert(db: Database, platform: str, chat_id: str, target: dict, user: str) -> bool:
    row = {
        "platform": platform,
        "chat_id": str(chat_id),
        "entity_id": None,
        "name": None,
        "term": None,
        **target,
        "created_by": user or None,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    try:
        with write_transaction(db):
            db.execute(
                f"insert into follows ({', '.join(row)}) values ({', '.join('?' * len(row))})", list(row.values())
            )
    except sqlite3.IntegrityError:  # the unique index: already followed
        return False
    return True


def unfollow(db: Database, follow_id: int) -> None:
    with write_transaction(db):
        db.execute("delete from follows where id = ?", [follow_id])


def move_follows(db: Database, source_id: int, target_id: int) -> None:
    """A merge: follows of ``source_id`` become follows of ``target_id`` (one per chat)."""
    db.execute(
        """delete from follows where entity_id = ? and exists (
               select 1 from follows f where f.entity_id = ? and f.platform = follows.platform
               and f.chat_id = follows.chat_id)""",
        [source_id, target_id],
    )
    db.execute("update follows set entity_id = ? where entity_id = ?", [target_id, source_id])


def relink_follows(db: Database) -> None:
    """Follows whose entity no longer exists find it again by their name (see the module doc)."""
    from store.corrections import find_entity

    lost = db.execute(
        """select id, name from follows f where entity_id is not null
           and not exists (select 1 from entities e where e.id = f.entity_id)"""
    ).fetchall()
    for follow_id, name in lost:
        entity_id = find_entity(db, name or "")
        if entity_id is None:
            continue
        taken = db.execute(
            """select 1 from follows a join follows b on a.platform = b.platform and a.chat_id = b.chat_id
               where a.id = ? and b.entity_id = ?""",
            [follow_id, entity_id],
        ).fetchone()
        if taken:
            db.execute("delete from follows where id = ?", [follow_id])
        else:
            db.execute("update follows set entity_id = ? where id = ?", [entity_id, follow_id])


def followers_of_article(db: Database, article_id: int) -> dict[tuple[str, str], list[dict]]:
    """(platform, chat_id) → what that chat follows in the article: [{"entity_id", "name"} | {"term"}].

    Entities through ``entity_articles`` (one row per entity an article mentions); terms through
    the full-text index, as /search would find them.
    """
    found: dict[tuple[str, str], list[dict]] = {}
    rows = db.execute(
        """select f.platform, f.chat_id, e.id, e.name from follows f
           join entity_articles ea on ea.entity_id = f.entity_id and ea.article_id = ?
           join entities e on e.id = f.entity_id
           order by f.id""",
        [article_id],
    ).fetchall()
    for platform, chat_id, entity_id, name in rows:
        found.setdefault((platform, chat_id), []).append({"entity_id": entity_id, "name": name})
    terms = db.execute("select platform, chat_id, term from follows where term is not null order by id").fetchall()
    matches: dict[str, bool] = {}
    for platform, chat_id, term in terms:
        if term not in matches:
            matches[term] = _term_matches(db, article_id, term)
        if matches[term]:
            found.setdefault((platform, chat_id), []).append({"term": term})
    return found


def _term_matches(db: Database, article_id: int, term: str) -> bool:
    query = fts_query(term)
    if query is None:
        return False
    row = db.execute(
        "select 1 from articles_fts where rowid = ? and articles_fts match ?", [article_id, query]
    ).fetchone()
    return row is not None
