"""Relink a database stored before entities were backed by ``article_names`` rows.

Such a database holds entities keyed by the lookup skeleton (so Jansen = Janssen) and merged by
load order. Its mentions, roles and quotes still say which article named which entity, so the
article's name rows can be rebuilt from them without re-extracting: one row per (article, old
entity), named by its fullest mention. Then every row is decided again by ``store.linking``'s
rules; an entity keeps its id when its name still stands for it. Admin corrections are replayed.
"""

from __future__ import annotations

from collections import defaultdict

from sqlite_utils import Database

from store import linking
from store.model import Entity, Facts, Mention, Role
from store.names import identity_key

LEADING_ARTICLES = ("de ", "het ", "De ", "Het ")
GENITIVES = ("'s", "’s")


def backfill(db: Database) -> None:
    groups: dict[int, dict[int, Entity]] = defaultdict(dict)  # article → old entity → as that article names it
    types = dict(db.execute("select id, type from entities").fetchall())
    for article_id, entity_id, start, end, text in db.execute(
        "select article_id, entity_id, start, end, text from mentions where entity_id is not null order by id"
    ):
        entity = _entity(groups, article_id, entity_id, types)
        entity.mentions.append(Mention(start, end, text))
    for article_id, entity_id, role, start, end in db.execute(
        "select article_id, entity_id, role, start, end from roles where article_id is not null and entity_id is not null"
    ):
        _entity(groups, article_id, entity_id, types).roles.append(Role(role or "", start or 0, end or 0))
    for article_id, entity_id, speaker in db.execute(
        "select article_id, entity_id, speaker from quotes where entity_id is not null"
    ):
        entity = _entity(groups, article_id, entity_id, types)
        if speaker and not entity.mentions and not entity.aliases:
            entity.aliases.append(speaker)
    db.execute("update entities set key = 'legacy:' || id")
    rows: list[linking.NameRow] = []
    for article_id in sorted(groups):
        text = (db.execute("select text from articles where id = ?", [article_id]).fetchone() or [""])[0]
        old_ids = list(groups[article_id])
        entities = [_named(groups[article_id][i]) for i in old_ids]
        for old_id, row in zip(old_ids, linking.describe(text, Facts(entities=entities))):
            row.id = linking._insert_row(db, article_id, row)
            row.entity_id = old_id
            db.execute("update article_names set entity_id = ? where id = ?", [old_id, row.id])
            for table in ("mentions", "roles", "quotes"):
                db.execute(
                    f"update {table} set name_id = ? where article_id = ? and entity_id = ?", [row.id, article_id, old_id]
                )
            rows.append(row)
    for row in sorted(rows, key=lambda r: r.short):  # full rows first: short ones may join them
        wanted = linking.decide(db, row.id, create=False)
        if wanted is None:  # an entity of its own key, new: the old entity takes that key
            _adopt(db, row)
            wanted = linking.decide(db, row.id)
        if wanted != row.entity_id:
            linking.move_row(db, row.id, wanted)
    for (entity_id, name, type_) in db.execute("select id, name, type from entities where key like 'legacy:%'").fetchall():
        key = identity_key(name)
        if not db.execute("select 1 from entities where key = ? and type = ?", [key, type_]).fetchone():
            db.execute("update entities set key = ? where id = ?", [key, entity_id])
    for (entity_id,) in db.execute("select id from entities").fetchall():
        linking.refresh_entity(db, entity_id)
    from store.corrections import apply_corrections

    apply_corrections(db)


def _entity(groups, article_id: int, entity_id: int, types: dict[int, str]) -> Entity:
    found = groups[article_id].get(entity_id)
    if found is None:
        found = groups[article_id][entity_id] = Entity("", types.get(entity_id, "MISC"))
    return found


def _named(entity: Entity) -> Entity:
    """The entity with its name forms from its mention texts: the fullest is its name."""
    forms = list(dict.fromkeys(_surface(m.text) for m in entity.mentions)) or list(entity.aliases) or ["?"]
    entity.name = max(forms, key=lambda f: (len(f.split()), len(f)))
    entity.aliases = [f for f in forms if f != entity.name]
    return entity


def _surface(text: str) -> str:
    for genitive in GENITIVES:
        if text.endswith(genitive):
            text = text[: -len(genitive)]
    for article in LEADING_ARTICLES:
        if text.startswith(article) and len(text.split()) > 1:
            return text[len(article):]
    return text


def _adopt(db: Database, row: linking.NameRow) -> None:
    """A row's old entity takes the row's identity key (no entity has it yet): ids stay."""
    found = db.execute("select key from entities where id = ?", [row.entity_id]).fetchone()
    if found and found[0].startswith("legacy:"):
        db.execute("update entities set key = ?, name = ? where id = ?", [row.key, row.name, row.entity_id])
