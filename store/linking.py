"""Link the entities an article names to the store's entities: identity is backed by evidence.

Every entity an article names gets one ``article_names`` row: the name as that article writes it,
its identity key (``store.names.identity_key``), and what the article tells about it (gender, the
heads of its roles; ``store.evidence``). The store's entity for a row is decided from the rows:

- a *full* row (a person with given name and surname; an organisation or place written with its
  other forms) is the entity with the same identity key and type, created when there is none:
  "Vladimir Putin" in one article and "Vladimir Poetin" in another are one person, "Anna Jansen"
  and "Anna Janssen" two;
- a *short* row (a person named by surname only, "Bos"; an organisation written in one form only)
  joins the one entity whose full rows have that surname (or that short form: "ECB" for
  "Europese Centrale Bank") when exactly one such entity is compatible with it: no conflicting
  gender, no conflicting role, not split off by an admin; and when its own article does not name
  such a person itself (with "Anna Bos" and "Bram Bos" in one article, a bare "Bos" there is
  neither). Otherwise it stays with the entity of its own key ("Bos"), which ``/who Bos`` offers
  among the candidates.

A short row's entity depends on every full row in the store, so whenever an article adds or removes
full rows, the short rows they may concern are decided again (``relink``) when their candidates or
the candidates' evidence changed: the result is the same whatever order the articles came in.
Entity names and aliases are derived from the rows too (the most written full form, curated
spellings first), never from which article came first.
Mentions, roles and quotes carry their row's id (``name_id``), so a row moves with all its facts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlite_utils import Database

from store import evidence
from store.model import Entity, Facts
from store.names import NAME_PARTICLES, canonical_spelling, identity_key, person_parts, skeleton

NAME_COLUMNS = ("article_id", "entity_id", "type", "name", "key", "short", "blocked", "gender", "heads", "forms")


@dataclass
class NameRow:
    """One entity as one article names it (a row of ``article_names``)."""

    type: str
    name: str
    key: str
    short: bool
    forms: list[str]
    parts: set[str] = field(default_factory=set)  # the keys under which short rows find it
    gender: str | None = None
    heads: frozenset[str] = frozenset()
    blocked: bool = False
    id: int | None = None
    entity_id: int | None = None


@dataclass
class Linked:
    entity_id: int
    name_id: int


@dataclass
class _Changes:
    gained: dict[int, list[NameRow]] = field(default_factory=dict)  # entity → rows it received
    lost: set[int] = field(default_factory=set)  # entities that lost rows: refresh fully


def describe(text: str, facts: Facts) -> list[NameRow]:
    """The ``article_names`` rows of one article's entities, with their evidence."""
    rows = [_row(entity) for entity in facts.entities]
    persons = {i: [m.start for m in e.mentions] for i, e in enumerate(facts.entities) if e.type == "PER"}
    pronouns = evidence.pronoun_genders(text, facts.sentences, persons)
    for index, (entity, row) in enumerate(zip(facts.entities, rows)):
        if row.type != "PER":
            continue
        given = person_parts(row.key)[0]
        clues = [evidence.first_name_gender(given.split()[0]) if given else None]
        clues += [evidence.title_gender(text, m.start) for m in entity.mentions]
        clues += [evidence.gendered_roles().get(head) for head in row.heads]
        clues += pronouns.get(index, ())
        row.gender = evidence.decided(clues)
    full_parts = {(part, row.type) for row in rows if not row.short for part in row.parts}
    for row in rows:
        row.blocked = row.short and (row.key, row.type) in full_parts
    return rows


def _row(entity: Entity) -> NameRow:
    key = identity_key(entity.name)
    forms = [entity.name, *(a for a in entity.aliases if a != entity.name)]
    heads = evidence.role_heads(r.text for r in entity.roles)
    if entity.type == "PER":
        given, surname = person_parts(key)
        return NameRow("PER", entity.name, key, not given, forms, {surname} if given else set(), heads=heads)
    parts = {k for k in (identity_key(a) for a in entity.aliases) if k and k != key}
    return NameRow(entity.type, entity.name, key, not parts, forms, parts, heads=heads)


def link_article(db: Database, article_id: int, text: str, facts: Facts) -> list[Linked]:
    """Store the article's name rows and decide their entities, and decide again the short rows
    elsewhere whose candidates this article changes; one ``Linked`` per entity of ``facts``."""
    rows = describe(text, facts)
    for row in rows:
        row.id = _insert_row(db, article_id, row)
    changes = _Changes()
    for row in sorted(rows, key=lambda r: r.short):  # full rows first: short ones may join them
        row.entity_id = _decide(db, row)
        db.execute("update article_names set entity_id = ? where id = ?", [row.entity_id, row.id])
        changes.gained.setdefault(row.entity_id, []).append(row)
    _refresh(db, changes)
    triggers = {(part, row.type) for row in rows if not row.short for part in row.parts if _news(db, row, part)}
    triggers |= {
        (row.key, row.type) for row in rows if not row.short and row.type != "PER" and _first_full(db, row)
    }
    relink(db, triggers)
    final = dict(db.execute("select id, entity_id from article_names where article_id = ?", [article_id]).fetchall())
    return [Linked(final[row.id], row.id) for row in rows]


def _news(db: Database, row: NameRow, part: str) -> bool:
    """Whether a new full row changes what the short rows of ``part`` are decided on: it makes
    its entity a candidate, or tells a gender or an office its other rows did not."""
    others = """from name_parts p join article_names n on n.id = p.name_id
                where p.part = ? and p.type = ? and n.entity_id = ? and n.short = 0 and n.id != ?"""
    args = [part, row.type, row.entity_id, row.id]
    if not db.execute(f"select 1 {others} limit 1", args).fetchone():
        return True
    if row.gender and not db.execute(f"select 1 {others} and n.gender = ? limit 1", [*args, row.gender]).fetchone():
        return True
    return any(
        not db.execute(f"select 1 {others} and ' ' || n.heads || ' ' like ? limit 1", [*args, f"% {head} %"]).fetchone()
        for head in row.heads
    )


def _first_full(db: Database, row: NameRow) -> bool:
    """Whether ``row`` is the first full row of its key (short rows of that key then join it)."""
    return not db.execute(
        "select 1 from article_names where key = ? and type = ? and short = 0 and id != ? limit 1",
        [row.key, row.type, row.id],
    ).fetchone()


def forget_article(db: Database, article_id: int) -> None:
    """Drop an article's name rows (its facts are already gone) and decide again what they concerned."""
    triggers = _triggers(db, "article_id = ?", [article_id])
    entities = {r[0] for r in db.execute("select entity_id from article_names where article_id = ?", [article_id])}
    db.execute("delete from name_parts where name_id in (select id from article_names where article_id = ?)", [article_id])
    db.execute("delete from article_names where article_id = ?", [article_id])
    changes = _Changes(lost={e for e in entities if e is not None})
    relink(db, triggers, changes)


def relink(db: Database, triggers: Iterable[tuple[str, str]], changes: _Changes | None = None) -> None:
    """Decide again every short row whose key is one of ``triggers`` ((key, type) pairs)."""
    changes = changes or _Changes()
    excluded = split_off(db)
    for key, type_ in sorted(set(triggers)):
        found = db.execute(
            f"select id, {', '.join(NAME_COLUMNS)} from article_names where key = ? and type = ? and short = 1",
            [key, type_],
        ).fetchall()
        if not found:
            continue
        evidence_by_entity = _candidate_evidence(db, key, type_)
        for row in map(_from_db, found):
            wanted = _decide(db, row, evidence=evidence_by_entity, excluded=excluded)
            if wanted != row.entity_id:
                move_row(db, row.id, wanted)
                changes.lost.add(row.entity_id)
                changes.gained.setdefault(wanted, []).append(row)
    _refresh(db, changes)


def move_row(db: Database, name_id: int, entity_id: int) -> None:
    """Give a name row, with its mentions, roles and quotes, another entity."""
    db.execute("update article_names set entity_id = ? where id = ?", [entity_id, name_id])
    for table in ("mentions", "roles", "quotes"):
        db.execute(f"update {table} set entity_id = ? where name_id = ?", [entity_id, name_id])


def decide(db: Database, name_id: int, create: bool = True) -> int | None:
    """The entity a stored name row belongs to by the rules (before admin merges); None when that
    is an entity of its own key that does not exist yet and ``create`` is false."""
    found = db.execute(f"select id, {', '.join(NAME_COLUMNS)} from article_names where id = ?", [name_id]).fetchone()
    return _decide(db, _from_db(found), create)


def _decide(
    db: Database,
    row: NameRow,
    create: bool = True,
    evidence: dict[int, tuple[str, str | None, frozenset[str]]] | None = None,
    excluded: dict[str, set[str]] | None = None,
) -> int | None:
    if row.short and row.type != "PER":
        full = db.execute(
            "select entity_id from article_names where key = ? and type = ? and short = 0 and entity_id is not null limit 1",
            [row.key, row.type],
        ).fetchone()
        if full:
            return full[0]
    if row.short and not row.blocked:
        if evidence is None:
            evidence = _candidate_evidence(db, row.key, row.type)
        if excluded is None:
            excluded = split_off(db)
        candidates = _compatible(row, evidence, excluded.get(row.key, set()))
        if len(candidates) == 1:
            return candidates[0]
    return entity_for_key(db, row.key, row.type, row.name, create)


def _candidate_evidence(db: Database, part: str, type_: str) -> dict[int, tuple[str, str | None, frozenset[str]]]:
    """entity id → (its key, its gender, its role heads) for every entity whose full rows have
    ``part`` (a surname, a short form): what the evidence of all their articles says together."""
    found = db.execute(
        """select n.entity_id, e.key, group_concat(distinct n.gender), group_concat(n.heads, ' ')
           from name_parts p join article_names n on n.id = p.name_id join entities e on e.id = n.entity_id
           where p.part = ? and p.type = ? and n.short = 0
           group by n.entity_id""",
        [part, type_],
    ).fetchall()
    return {
        entity_id: (key, evidence.decided((genders or "").split(",")), frozenset((heads or "").split()))
        for entity_id, key, genders, heads in found
    }


def _compatible(row: NameRow, candidates: dict[int, tuple[str, str | None, frozenset[str]]], excluded: set[str]) -> list[int]:
    """The candidates ``row`` may be: not split off by an admin, no conflicting gender or office."""
    compatible = []
    for entity_id, (key, gender, heads) in sorted(candidates.items()):
        if key in excluded:
            continue
        if row.gender and gender and row.gender != gender:
            continue
        if row.heads and heads and not row.heads & heads:
            continue
        compatible.append(entity_id)
    return compatible


def split_off(db: Database) -> dict[str, set[str]]:
    """Admin splits: a name's key → the keys of the entities it must not join."""
    found: dict[str, set[str]] = {}
    for subject, value in db.execute("select subject, value from corrections where kind = 'split'"):
        found.setdefault(identity_key(subject), set()).add(identity_key(value))
    return found


def entity_for_key(db: Database, key: str, type_: str, name: str, create: bool = True) -> int | None:
    """The entity with this identity key and type, created (named ``name``) when there is none."""
    found = db.execute("select id from entities where key = ? and type = ?", [key, type_]).fetchone()
    if found or not create:
        return found[0] if found else None
    return db.execute("insert into entities (name, type, key) values (?, ?, ?)", [name, type_, key]).lastrowid


def _triggers(db: Database, where: str, params: list) -> set[tuple[str, str]]:
    """(key, type) of the short rows that the full rows selected by ``where`` may concern."""
    found = db.execute(
        f"""select p.part, p.type from name_parts p join article_names n on n.id = p.name_id
            where n.{where} and n.short = 0
            union select key, type from article_names where {where} and short = 0 and type != 'PER'""",
        params + params,
    ).fetchall()
    return {(part, type_) for part, type_ in found}


def _insert_row(db: Database, article_id: int, row: NameRow) -> int:
    values = [
        article_id, None, row.type, row.name, row.key, int(row.short), int(row.blocked),
        row.gender, " ".join(sorted(row.heads)), "\n".join(row.forms),
    ]
    marks = ", ".join("?" * len(NAME_COLUMNS))
    name_id = db.execute(f"insert into article_names ({', '.join(NAME_COLUMNS)}) values ({marks})", values).lastrowid
    if row.parts:
        db.conn.executemany(
            "insert into name_parts (name_id, part, type) values (?, ?, ?)",
            [(name_id, part, row.type) for part in sorted(row.parts)],
        )
    return name_id


def _from_db(found: tuple) -> NameRow:
    name_id, _, entity_id, type_, name, key, short, blocked, gender, heads, forms = found
    return NameRow(
        type_, name, key, bool(short), forms.split("\n"), gender=gender,
        heads=frozenset(heads.split()), blocked=bool(blocked), id=name_id, entity_id=entity_id,
    )


def _refresh(db: Database, changes: _Changes) -> None:
    """Names and aliases of the entities that gained or lost rows; entities left with nothing go."""
    for entity_id in sorted(changes.lost):
        refresh_entity(db, entity_id)
    for entity_id, rows in sorted(changes.gained.items()):
        if entity_id in changes.lost:
            continue
        current = db.execute("select name, key from entities where id = ?", [entity_id]).fetchone()
        if current is None:
            continue
        _add_aliases(db, entity_id, [form for row in rows for form in row.forms])
        if any(row.name != current[0] and row.key == current[1] for row in rows):  # others never win
            _rename(db, entity_id)


def refresh_entity(db: Database, entity_id: int) -> None:
    """Recompute an entity's name and aliases from its rows; drop it when nothing refers to it."""
    if not db.execute("select 1 from article_names where entity_id = ? limit 1", [entity_id]).fetchone():
        if not any(
            db.execute(f"select 1 from {table} where entity_id = ? limit 1", [entity_id]).fetchone()
            for table in ("mentions", "roles", "quotes")
        ):
            db.execute("delete from aliases where entity_id = ?", [entity_id])
            db.execute("delete from entities where id = ?", [entity_id])
        return
    forms = [f for (text,) in db.execute("select forms from article_names where entity_id = ?", [entity_id]) for f in text.split("\n")]
    name = _rename(db, entity_id)
    wanted = set(forms) | {name}
    stored = {a for (a,) in db.execute("select alias from aliases where entity_id = ?", [entity_id])}
    for alias in stored - wanted:
        db.execute("delete from aliases where entity_id = ? and alias = ?", [entity_id, alias])
    _add_aliases(db, entity_id, sorted(wanted - stored))


def _add_aliases(db: Database, entity_id: int, forms: Iterable[str]) -> None:
    db.conn.executemany(
        "insert or ignore into aliases (entity_id, alias, norm) values (?, ?, ?)",
        [(entity_id, form, skeleton(form)) for form in dict.fromkeys(forms) if form],
    )


def _rename(db: Database, entity_id: int) -> str:
    """The entity's name: of its rows with its own key (full ones first), the form written in
    the curated spelling, then the one most articles write, then the first in sort order."""
    key, name = db.execute("select key, name from entities where id = ?", [entity_id]).fetchone()
    counts = db.execute(
        "select name, key = ?, short, count(*) from article_names where entity_id = ? group by name, key, short",
        [key, entity_id],
    ).fetchall()
    if counts:
        best = min(counts, key=lambda c: (not c[1], c[2], not canonical_spelling(c[0]), -c[3], not _particles_lower(c[0]), c[0]))
        if best[0] != name:
            db.execute("update entities set name = ? where id = ?", [best[0], entity_id])
            name = best[0]
    return name


def _particles_lower(name: str) -> bool:
    """Dutch spelling after a first name: "Kees van der Berg", not "Kees Van der Berg"."""
    words = name.split()
    return not any(w[:1].isupper() and w.lower() in NAME_PARTICLES for w in words[1:-1])


def drop_orphans(db: Database) -> None:
    """Entities no article mentions any more (and no admin gave a role) go, with their aliases."""
    orphans = """
        select id from entities e
        where not exists (select 1 from article_names n where n.entity_id = e.id)
          and not exists (select 1 from mentions m where m.entity_id = e.id)
          and not exists (select 1 from roles r where r.entity_id = e.id)
          and not exists (select 1 from quotes q where q.entity_id = e.id)
    """
    db.execute(f"delete from aliases where entity_id in ({orphans})")
    db.execute(f"delete from entities where id in ({orphans})")
