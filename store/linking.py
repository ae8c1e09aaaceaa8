"""Link an article's entities to the store's: one row in ``entities`` per real-world entity.

An article's entity is the same as a stored one when, in this order:
1. its canonical key (``skeleton`` of the name: Poetin = Putin) and type match;
2. one of its name forms matches a stored alias of the same type;
3. it is a person known here only by surname ("Zelensky") and exactly one stored person has a
   full name ending in that surname ("Volodymyr Zelensky");
4. it is a person with a full name and a stored person is known only by that surname: the stored
   entity is upgraded to the fuller name.
Otherwise a new entity is created. Aliases collect every name form seen in any article.
"""

from __future__ import annotations

from sqlite_utils import Database

from store.model import Entity
from store.names import skeleton


def link_entities(db: Database, entities: list[Entity]) -> list[int]:
    """The entity id for each of ``entities``, creating or upgrading rows as needed."""
    return [_link(db, entity) for entity in entities]


def _link(db: Database, entity: Entity) -> int:
    key = entity.key or skeleton(entity.name)
    forms = [entity.name, *entity.aliases]
    entity_id = (
        _by_key(db, key, entity.type)
        or _by_alias(db, forms, entity.type)
        or (_by_surname(db, key) if entity.type == "PER" and " " not in key else None)
    )
    if entity_id is None and entity.type == "PER" and " " in key:
        entity_id = _upgrade_surname_only(db, entity.name, key)
    elif entity_id is not None and entity.type == "PER" and " " in key:
        _upgrade_name(db, entity_id, entity.name, key)
    if entity_id is None:
        table = db["entities"]  # db[...] builds a new Table each time: keep this one for last_pk
        table.insert({"name": entity.name, "type": entity.type, "key": key})
        entity_id = table.last_pk
    for form in forms:
        db.execute(
            "insert or ignore into aliases (entity_id, alias, norm) values (?, ?, ?)",
            [entity_id, form, skeleton(form)],
        )
    return entity_id


def _by_key(db: Database, key: str, type_: str) -> int | None:
    row = db.execute("select id from entities where key = ? and type = ?", [key, type_]).fetchone()
    return row[0] if row else None


def _by_alias(db: Database, forms: list[str], type_: str) -> int | None:
    norms = sorted({skeleton(f) for f in forms if f})
    if not norms:
        return None
    marks = ",".join("?" * len(norms))
    rows = db.execute(
        f"""select distinct e.id from aliases a join entities e on e.id = a.entity_id
            where a.norm in ({marks}) and e.type = ?""",
        [*norms, type_],
    ).fetchall()
    return rows[0][0] if len(rows) == 1 else None


def _by_surname(db: Database, key: str) -> int | None:
    rows = db.execute(
        "select id from entities where type = 'PER' and key like ?", ["% " + key]
    ).fetchall()
    return rows[0][0] if len(rows) == 1 else None


def _upgrade_surname_only(db: Database, name: str, key: str) -> int | None:
    last = key.rsplit(" ", 1)[-1]
    row = db.execute("select id from entities where type = 'PER' and key = ?", [last]).fetchone()
    if not row:
        return None
    _upgrade_name(db, row[0], name, key)
    return row[0]


def _upgrade_name(db: Database, entity_id: int, name: str, key: str) -> None:
    """A person stored by surname only ("Poetin") takes the full name ("Vladimir Poetin")."""
    stored_key = db.execute("select key from entities where id = ?", [entity_id]).fetchone()[0]
    if " " in stored_key or stored_key != key.rsplit(" ", 1)[-1]:
        return
    if _by_key(db, key, "PER") is None:
        db.execute("update entities set name = ?, key = ? where id = ?", [name, key, entity_id])
