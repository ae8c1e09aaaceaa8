"""Admin corrections: recorded once, replayed after every (re)load so they survive `newsbot reindex`.

Kinds:
- ``merge``: ``subject`` is the same entity as ``value``. Replaying moves the aliases, mentions,
  roles and quotes of the subject to the target (and the chats following it) and deletes the subject's row.
- ``role``: ``subject`` has the role ``value``; replaying adds one roles row with article_id NULL.
- ``unrole``: ``subject`` does not have the role ``value``; replaying deletes every matching roles
  row (extracted or corrected), so a re-extraction that finds the role again is hidden again.

Names are looked up by the skeleton of any alias (``store.names.skeleton``), never fuzzily, so a
replay cannot drift to another entity. Replays run in the order the corrections were made and are
idempotent: applying twice gives the same database as applying once.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database

from store.follows import move_follows
from store.names import normalize, skeleton

KINDS = ("merge", "role", "unrole")


def record_correction(db: Database, kind: str, subject: str, value: str, user: str = "") -> int:
    """Store a correction and apply all corrections; returns the correction's id."""
    if kind not in KINDS:
        raise ValueError(f"unknown correction kind {kind!r}; allowed: {', '.join(KINDS)}")
    with db.atomic():
        corrections = db["corrections"]
        corrections.insert(
            {
                "kind": kind,
                "subject": subject,
                "value": value,
                "user": user,
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            }
        )
        correction_id = corrections.last_pk
        apply_corrections(db)
    return correction_id


def apply_corrections(db: Database) -> None:
    """Replay every correction, oldest first (the caller holds the transaction, if any)."""
    rows = db.execute("select kind, subject, value, created_at from corrections order by id").fetchall()
    for kind, subject, value, created_at in rows:
        if kind == "merge":
            _merge(db, subject, value)
        elif kind == "role":
            _add_role(db, subject, value, (created_at or "")[:10] or None)
        elif kind == "unrole":
            _remove_role(db, subject, value)


def find_entity(db: Database, name: str) -> int | None:
    """The entity one of whose name forms has the skeleton of ``name``; the most mentioned one
    when several share it."""
    row = db.execute(
        """select a.entity_id from aliases a
           where a.norm = ?
           group by a.entity_id
           order by (select count(*) from mentions m where m.entity_id = a.entity_id) desc, a.entity_id
           limit 1""",
        [skeleton(name)],
    ).fetchone()
    return row[0] if row else None


def _merge(db: Database, subject: str, target: str) -> None:
    source_id, target_id = find_entity(db, subject), find_entity(db, target)
    if source_id is None or target_id is None or source_id == target_id:
        return
    db.execute(
        """insert or ignore into aliases (entity_id, alias, norm)
           select ?, alias, norm from aliases where entity_id = ?""",
        [target_id, source_id],
    )
    db.execute("delete from aliases where entity_id = ?", [source_id])
    for table in ("mentions", "roles", "quotes"):
        db.execute(f"update {table} set entity_id = ? where entity_id = ?", [target_id, source_id])
    move_follows(db, source_id, target_id)
    db.execute("delete from entities where id = ?", [source_id])


def _add_role(db: Database, subject: str, role: str, date: str | None) -> None:
    entity_id = find_entity(db, subject)
    if entity_id is None:
        return
    existing = db.execute(
        "select role from roles where entity_id = ? and article_id is null", [entity_id]
    ).fetchall()
    if any(normalize(r[0]) == normalize(role) for r in existing):
        return
    db["roles"].insert({"entity_id": entity_id, "article_id": None, "role": role, "date": date})


def _remove_role(db: Database, subject: str, role: str) -> None:
    entity_id = find_entity(db, subject)
    if entity_id is None:
        return
    wanted = normalize(role)
    for role_id, text in db.execute("select id, role from roles where entity_id = ?", [entity_id]).fetchall():
        if normalize(text or "") == wanted:
            db.execute("delete from roles where id = ?", [role_id])
