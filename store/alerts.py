"""The alert queue: written when an article is stored, drained by ``serve``, each alert sent once.

- *Record* — ``record_alerts`` runs inside the loader's transaction (``record_stored_alerts``) for every stored article (new,
  or replaced with a changed text): one ``pending`` row per following chat, so an alert exists
  exactly when the article does, whichever process stored it.
- *Loads* — a load (``newsbot load``, an upload, a feed pass) runs inside ``alert_batch``: after
  ``max_per_load`` alerts for one chat, further ones are recorded ``folded``, and when the load
  ends one ``summary`` row per chat stands for them ("and 37 more articles about Rubio"). An
  article stored outside a batch is a load of its own.
- *Deliver* — ``claim_alerts`` moves pending rows to ``sending`` in one UPDATE statement (so two
  processes never claim the same row), then ``finish_alert`` marks them ``sent`` or ``failed``.
  A row left ``sending`` by a process that died is marked failed, never resent (``fail_stale``):
  a missing alert, logged, is better than a double one.
"""

from __future__ import annotations

import contextvars
import json
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from store.db import write_transaction
from store.follows import followers_of_article, relink_follows
from store.model import Article

DEFAULT_MAX_PER_LOAD = 5
STATUSES = ("pending", "folded", "sending", "sent", "failed", "superseded")


@dataclass(frozen=True)
class LoadBatch:
    id: str
    max_per_load: int


_current_batch: contextvars.ContextVar[LoadBatch | None] = contextvars.ContextVar("alert_batch", default=None)


@dataclass(frozen=True)
class Alert:
    id: int
    platform: str
    chat_id: str
    kind: str  # article | summary
    article_id: int | None
    matched: list[dict]
    count: int | None
    attempts: int


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@contextmanager
def alert_batch(db: Database, max_per_load: int = DEFAULT_MAX_PER_LOAD) -> Iterator[LoadBatch]:
    """Everything stored inside is one load: capped per chat, then summarised when it ends."""
    batch = LoadBatch(uuid.uuid4().hex, max(0, int(max_per_load)))
    token = _current_batch.set(batch)
    try:
        yield batch
    finally:
        _current_batch.reset(token)
        finish_batch(db, batch.id)


def record_stored_alerts(db: Database, stored: Iterable[tuple[Article, Any]]) -> None:
    """The loader's hook: alerts for every (article, load result) just loaded or replaced, called
    inside its write transaction after the corrections are replayed (so merged names match)."""
    if db.execute("select 1 from follows limit 1").fetchone() is None:
        return  # nobody follows anything: a bulk load pays one query
    for article, result in stored:
        if result.status in ("loaded", "replaced") and result.article_id is not None:
            record_alerts(db, result.article_id, article.content_hash)


def record_alerts(db: Database, article_id: int, content_hash: str) -> int:
    """Queue one alert per chat that follows something ``article_id`` mentions; returns how many.

    Called by the loader inside its transaction, after the facts and corrections are written.
    """
    relink_follows(db)
    followers = followers_of_article(db, article_id)
    # an earlier version of this article not yet sent is replaced by this one
    db.execute(
        "update alerts set status = 'superseded' where kind = 'article' and article_id = ? "
        "and content_hash != ? and status in ('pending', 'folded')",
        [article_id, content_hash],
    )
    if not followers:
        return 0
    batch = _current_batch.get() or LoadBatch(uuid.uuid4().hex, DEFAULT_MAX_PER_LOAD)
    now = _now()
    for (platform, chat_id), matched in followers.items():
        queued = db.execute(
            "select count(*) from alerts where load_id = ? and platform = ? and chat_id = ? "
            "and kind = 'article' and status != 'superseded'",
            [batch.id, platform, chat_id],
        ).fetchone()[0]
        status = "pending" if queued < batch.max_per_load else "folded"
        db.execute(
            """insert or ignore into alerts
               (platform, chat_id, kind, article_id, content_hash, load_id, matched, status, attempts, created_at)
               values (?, ?, 'article', ?, ?, ?, ?, ?, 0, ?)""",
            [platform, chat_id, article_id, content_hash, batch.id, json.dumps(matched, ensure_ascii=False), status, now],
        )
    return len(followers)


def finish_batch(db: Database, load_id: str) -> int:
    """One summary alert per chat for the alerts ``load_id`` folded; returns how many."""
    rows = db.execute(
        "select platform, chat_id, matched from alerts where load_id = ? and status = 'folded' order by id",
        [load_id],
    ).fetchall()
    folded: dict[tuple[str, str], list[list[dict]]] = {}
    for platform, chat_id, matched in rows:
        folded.setdefault((platform, chat_id), []).append(json.loads(matched or "[]"))
    now = _now()
    with write_transaction(db):
        for (platform, chat_id), matches in folded.items():
            db.execute(
                """insert into alerts (platform, chat_id, kind, load_id, matched, count, status, attempts, created_at)
                   values (?, ?, 'summary', ?, ?, ?, 'pending', 0, ?)""",
                [platform, chat_id, load_id, json.dumps(_most_followed(matches), ensure_ascii=False), len(matches), now],
            )
    return len(folded)


def _most_followed(matches: list[list[dict]]) -> list[dict]:
    """The followed names and terms of folded alerts, most frequent first."""
    counts: dict[str, tuple[int, dict]] = {}
    for matched in matches:
        for item in matched:
            key = json.dumps(item, sort_keys=True)
            n, _ = counts.get(key, (0, item))
            counts[key] = (n + 1, item)
    return [item for _, item in sorted(counts.values(), key=lambda pair: -pair[0])]


def claim_alerts(db: Database, platforms: Iterable[str], limit: int = 100) -> list[Alert]:
    """Take up to ``limit`` pending alerts for ``platforms``, oldest first, marking them sending.

    Under the write lock (BEGIN IMMEDIATE), so two processes claiming at once wait for each other
    instead of both taking a row.
    """
    platforms = list(platforms)
    if not platforms:
        return []
    marks = ", ".join("?" * len(platforms))
    with write_transaction(db):
        rows = db.execute(
            f"""update alerts set status = 'sending', claimed_at = ?
                where id in (select id from alerts where status = 'pending' and platform in ({marks})
                             order by id limit ?)
                returning id, platform, chat_id, kind, article_id, matched, count, attempts""",
            [_now(), *platforms, limit],
        ).fetchall()
    alerts = [Alert(r[0], r[1], r[2], r[3], r[4], json.loads(r[5] or "[]"), r[6], r[7] or 0) for r in rows]
    return sorted(alerts, key=lambda a: a.id)


def finish_alert(db: Database, alert_id: int, status: str, *, attempts: int, error: str | None = None) -> None:
    """Settle a claimed alert: sent, failed (with the error), or pending again (released)."""
    if status not in ("sent", "failed", "pending"):
        raise ValueError(f"cannot finish an alert as {status!r}")
    with write_transaction(db):
        db.execute(
            "update alerts set status = ?, attempts = ?, error = ?, sent_at = ? where id = ?",
            [status, attempts, error, _now() if status == "sent" else None, alert_id],
        )


def fail_stale(db: Database, older_than: timedelta) -> list[int]:
    """Alerts left ``sending`` longer than ``older_than`` (their process died mid-post): failed."""
    cutoff = (datetime.now(UTC) - older_than).isoformat(timespec="seconds")
    with write_transaction(db):
        rows = db.execute(
            """update alerts set status = 'failed',
                   error = 'interrupted: the process stopped while posting; not resent to avoid a double post'
               where status = 'sending' and claimed_at <= ? returning id""",
            [cutoff],
        ).fetchall()
    return [r[0] for r in rows]


def alert_counts(db: Database) -> dict[str, int]:
    """status → number of alerts, for logs and tests."""
    return dict(db.execute("select status, count(*) from alerts group by status").fetchall())
