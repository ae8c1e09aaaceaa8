"""Roles and the organisations they belong to: "trainer" at Heracles, and Heracles' people.

A role's ``affiliation`` is the organisation the article ties it to ("trainer van Heracles",
"Ajax-aanvoerder", "(VVD)"); /who shows it with the role, and /who of an organisation lists
the persons with a role there.
"""

from __future__ import annotations

from sqlite_utils import Database

from store.queries import NEWEST_FIRST, fetch_dicts, with_labels


def role_affiliations(db: Database, entity_id: int) -> dict[str, str]:
    """role text → the affiliation of its newest row that has one, for one person."""
    rows = db.execute(
        f"""select r.role, r.affiliation from roles r left join articles a on a.id = r.article_id
            where r.entity_id = ? and r.affiliation is not null
            order by {NEWEST_FIRST}""",
        [entity_id],
    ).fetchall()
    found: dict[str, str] = {}
    for role, affiliation in rows:
        found.setdefault(role, affiliation)
    return found


def affiliated_people(db: Database, names: list[str], limit: int = 10) -> list[dict]:
    """Persons with a role at an organisation known by any of ``names``, each once with the
    newest such role: name, role, article_id, date, label."""
    if not names:
        return []
    marks = ",".join("?" * len(names))
    rows = fetch_dicts(
        db,
        f"""select e.name, r.role, a.id as article_id, a.title, coalesce(a.date, r.date) as date,
                   substr(a.text, 1, 400) as head
            from roles r join entities e on e.id = r.entity_id
            left join articles a on a.id = r.article_id
            where r.affiliation collate nocase in ({marks}) and e.type = 'PER'
            order by {NEWEST_FIRST}, r.start""",
        names,
    )
    people, seen = [], set()
    for row in rows:
        if row["name"] not in seen:
            seen.add(row["name"])
            people.append(row)
        if len(people) >= limit:
            break
    return with_labels(people)
