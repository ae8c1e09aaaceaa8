"""Admin corrections: recorded once, replayed after every (re)load so they survive `newsbot reindex`.

Kinds:
- ``merge``: ``subject`` is the same entity as ``value``. Replaying moves the name rows, aliases,
  mentions, roles and quotes of the subject to the target (and the chats following it) and
  deletes the subject's row.
- ``split``: the articles that write ``subject`` are not about ``value`` (a wrong merge, by an
  admin or by the linking rules). Recording it marks the merges of ``subject`` as undone
  (``undone_by``); replaying gives those articles back to the entity the linking rules choose, and
  the rules never join ``subject`` to ``value`` again (``store.linking.split_off``).
- ``role``: ``subject`` has the role ``value``; replaying adds one roles row with article_id NULL.
- ``unrole``: ``subject`` does not have the role ``value``; replaying deletes every matching roles
  row (extracted or corrected), so a re-extraction that finds the role again is hidden again.

Names are looked up by identity key (``store.names.identity_key``): the entity with that key,
else one with an alias of that key; never fuzzily, so a replay cannot drift to another entity.
Replays run in the order the corrections were made and are idempotent: applying twice gives the
same database as applying once.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database

from store import linking
from store.db import write_transaction
from store.follows import move_follows
from store.names import identity_key, normalize, skeleton

KINDS = ("merge", "role", "unrole", "split")


def record_correction(db: Database, kind: str, subject: str, value: str, user: str = "") -> int:
    """Store a correction and apply all corrections; returns the correction's id."""
    if kind not in KINDS:
        raise ValueError(f"unknown correction kind {kind!r}; allowed: {', '.join(KINDS)}")
    with write_transaction(db):
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
        if kind == "split":
            _undo_merges(db, subject, value, correction_id)
        apply_corrections(db)
    return correction_id


def apply_corrections(db: Database) -> None:
    """Replay every correction, oldest first (the caller holds the transaction, if any)."""
    rows = db.execute(
        "select kind, subject, value, created_at from corrections where undone_by is null order by id"
    ).fetchall()
    for kind, subject, value, created_at in rows:
        if kind == "merge":
            _merge(db, subject, value)
        elif kind == "split":
            _split(db, subject, value)
        elif kind == "role":
            _add_role(db, subject, value, (created_at or "")[:10] or None)
        elif kind == "unrole":
            _remove_role(db, subject, value)


def find_entity(db: Database, name: str) -> int | None:
    """The entity whose identity key is that of ``name``, else the one with an alias of that key;
    the most mentioned one when several have it."""
    key = identity_key(name)
    found = [r[0] for r in db.execute("select id from entities where key = ?", [key])]
    if not found:
        found = sorted(
            {entity_id for entity_id, alias in db.execute(
                "select entity_id, alias from aliases where norm = ?", [skeleton(name)]
            ) if identity_key(alias) == key}
        )
    if len(found) > 1:
        found.sort(key=lambda e: (-db.execute("select count(*) from mentions where entity_id = ?", [e]).fetchone()[0], e))
    return found[0] if found else None


def split_targets(db: Database, name: str) -> list[int]:
    """The entities that hold article rows naming ``name`` while being another name: what
    ``/split NAME`` would separate it from."""
    key = identity_key(name)
    return [
        r[0] for r in db.execute(
            """select distinct n.entity_id from article_names n join entities e on e.id = n.entity_id
               where n.key = ? and e.key != ? order by n.entity_id""",
            [key, key],
        )
    ]


def _undo_merges(db: Database, subject: str, value: str, split_id: int) -> None:
    """Merges of ``subject`` into ``value`` stop being replayed: the split undoes them."""
    key, target = identity_key(subject), identity_key(value)
    for correction_id, merged, into in db.execute(
        "select id, subject, value from corrections where kind = 'merge' and undone_by is null"
    ).fetchall():
        if identity_key(merged) == key and identity_key(into) == target:
            db.execute("update corrections set undone_by = ? where id = ?", [split_id, correction_id])


def _split(db: Database, subject: str, value: str) -> None:
    """The rows naming ``subject`` inside ``value``'s entity go where the linking rules put them
    (which, with this split recorded, is never ``value``)."""
    source = find_entity(db, value)
    key = identity_key(subject)
    if source is None or db.execute("select key from entities where id = ?", [source]).fetchone()[0] == key:
        return
    rows = [r[0] for r in db.execute("select id from article_names where entity_id = ? and key = ?", [source, key])]
    for name_id in rows:
        target = linking.decide(db, name_id)
        if target != source:
            linking.move_row(db, name_id, target)
            linking.refresh_entity(db, target)
    if rows:
        linking.refresh_entity(db, source)


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
    for table in ("article_names", "mentions", "roles", "quotes"):
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
