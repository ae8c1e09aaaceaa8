"""Write one article and its facts, or remove one: the rows of a load, under the caller's
transaction (or one of their own: ``store_article``, ``forget_article``).

Identity is the content hash: an unchanged article loaded again changes nothing; a changed one
from the same source replaces its earlier version and all of that version's facts. The same
source is the same origin (the uploader of a chat upload, or the operator's own files) with the
same url, else the same path: one user's upload never replaces another's article. A replaced
article keeps its id, so /article N still works.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlite_utils import Database

from store import linking
from store.alerts import record_stored_alerts
from store.db import write_transaction
from store.model import Article, Facts
from store.prepare import Prepared, article_summary, searchable_stems

log = logging.getLogger(__name__)

FACT_TABLES = ("mentions", "roles", "quotes", "numbers", "dates")


@dataclass
class LoadResult:
    path: str  # the file (or file#n for one record of a JSON Lines file)
    status: str  # loaded | unchanged | replaced | failed
    reason: str | None = None
    article_id: int | None = None
    title: str | None = None
    file: str = field(default="", repr=False)  # the file it came from, for per-file summaries
    replaced_title: str | None = None  # what a replaced article was called before

    @property
    def ok(self) -> bool:
        return self.status != "failed"


def find_by_hash(db: Database, content_hash: str) -> dict | None:
    rows = db.execute("select id, title from articles where content_hash = ?", [content_hash]).fetchall()
    return {"id": rows[0][0], "title": rows[0][1]} if rows else None


def _previous_version(db: Database, article: Article) -> tuple[int, str | None] | None:
    """(id, title) of the article this one replaces: the same origin's with the same url, else
    with the same path."""
    for column, value in (("url", article.url), ("path", article.path)):
        if value:
            row = db.execute(
                f"select id, title from articles where {column} = ? and origin is ? order by id desc limit 1",
                [value, article.origin],
            ).fetchone()
            if row:
                return row[0], row[1]
    return None


def store_article(db: Database, article: Article, facts: Facts) -> LoadResult:
    """Write ``article`` and its facts in one transaction, replacing an earlier version."""
    summary = article_summary(article.text, facts.sentences) if facts.sentences else None
    prepared = Prepared(facts, searchable_stems(article), summary)
    with write_transaction(db):
        result = write_article(db, article, prepared)
        if result.status != "unchanged":
            apply_corrections(db)
            record_stored_alerts(db, [(article, result)])
    return result


def write_article(db: Database, article: Article, prepared: Prepared) -> LoadResult:
    """``article`` and its facts, replacing an earlier version; the caller holds the transaction."""
    # Checked under the write lock: another process may have stored it since it was read.
    existing = find_by_hash(db, article.content_hash)
    if existing is not None:
        return LoadResult(article.path, "unchanged", None, existing["id"], existing["title"])
    previous = _previous_version(db, article)
    if previous is not None:
        _delete_article(db, previous[0])
    article_id = _insert_article(db, article, prepared, previous[0] if previous else None)
    insert_facts(db, article_id, article, prepared.facts)
    if previous is None:
        return LoadResult(article.path, "loaded", None, article_id, article.title)
    return LoadResult(article.path, "replaced", None, article_id, article.title, replaced_title=previous[1] or "")


def _insert_article(db: Database, article: Article, prepared: Prepared, reuse_id: int | None) -> int:
    row = {
        "path": article.path,
        "url": article.url,
        "source": article.source,
        "title": article.title,
        "date": article.date,
        "date_precision": article.date_precision,
        "text": article.text,
        "text_stemmed": prepared.text_stemmed,
        "content_hash": article.content_hash,
        "word_count": len(article.text.split()),
        "format": article.format,
        "origin": article.origin,
        "loaded_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "summary": json.dumps(prepared.summary, ensure_ascii=False) if prepared.summary is not None else None,
    }
    if reuse_id is not None:
        row["id"] = reuse_id  # a replaced article keeps its id, so /article N still works
    cursor = db.conn.execute(_insert_sql("articles", row), list(row.values()))
    return reuse_id if reuse_id is not None else cursor.lastrowid


def insert_facts(db: Database, article_id: int, article: Article, facts: Facts) -> None:
    text = article.text
    linked = linking.link_article(db, article_id, text, facts)
    mentions, roles = [], []
    for entity, link in zip(facts.entities, linked):
        entity_id = link.entity_id
        for m in entity.mentions:
            mentions.append(
                {
                    "article_id": article_id,
                    "entity_id": entity_id,
                    "name_id": link.name_id,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "sentence": facts.sentence_at(text, m.start),
                }
            )
        for r in entity.roles:
            roles.append(
                {
                    "entity_id": entity_id,
                    "article_id": article_id,
                    "role": r.text,
                    "country": r.country,
                    "affiliation": r.affiliation,
                    "start": r.start,
                    "end": r.end,
                    "date": article.date,
                    "name_id": link.name_id,
                }
            )
    by_name = {}
    for entity, link in zip(facts.entities, linked):
        for name in (entity.name, *entity.aliases):
            by_name.setdefault(name, link)
    speakers = [by_name.get(q.speaker) if q.speaker_is_entity else None for q in facts.quotes]
    quotes = [
        {
            "article_id": article_id,
            "entity_id": speaker.entity_id if speaker else None,
            "name_id": speaker.name_id if speaker else None,
            "speaker": q.speaker,
            "text": q.text,
            "start": q.start,
            "end": q.end,
            "verb": q.verb,
            "confidence": q.confidence,
            "scare": int(q.scare),
        }
        for q, speaker in zip(facts.quotes, speakers)
    ]
    numbers = [
        {
            "article_id": article_id,
            "value": n.value,
            "what": n.what,
            "category": n.category,
            "text": n.text,
            "qualifier": n.qualifier,
            "start": n.start,
            "end": n.end,
            "sentence": n.sentence or facts.sentence_at(text, n.start),
        }
        for n in facts.numbers
    ]
    dates = [
        {"article_id": article_id, "text": d.text, "value": d.value, "start": d.start, "end": d.end}
        for d in facts.dates
    ]
    for table, rows in (("mentions", mentions), ("roles", roles), ("quotes", quotes), ("numbers", numbers), ("dates", dates)):
        if rows:
            _insert_rows(db, table, rows)


def _insert_rows(db: Database, table: str, rows: list[dict]) -> None:
    """Plain executemany: sqlite-utils' insert_all re-checks the schema on every call, which
    cost more than the inserts themselves (bench/: ~1 s per 1,000 articles). Rows share keys."""
    db.conn.executemany(_insert_sql(table, rows[0]), [list(row.values()) for row in rows])


def _insert_sql(table: str, columns) -> str:
    names = list(columns)
    return f"insert into {table} ({', '.join(names)}) values ({', '.join('?' * len(names))})"


def _delete_article(db: Database, article_id: int) -> None:
    for table in FACT_TABLES:
        db.execute(f"delete from {table} where article_id = ?", [article_id])
    linking.forget_article(db, article_id)
    db.execute("delete from articles where id = ?", [article_id])
    linking.drop_orphans(db)


def forget_article(db: Database, article_id: int) -> bool:
    """Remove an article and its facts. False when there is no such article."""
    with write_transaction(db):
        if not db.execute("select 1 from articles where id = ?", [article_id]).fetchone():
            return False
        _delete_article(db, article_id)
    return True


def apply_corrections(db: Database) -> None:
    """Replay admin corrections (merges, roles) so that they survive every reload and reindex."""
    from store.corrections import apply_corrections

    apply_corrections(db)
