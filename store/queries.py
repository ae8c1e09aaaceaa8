"""Read queries the command handlers need, over the schema in ``store/schema.py``.

Every function takes a sqlite-utils ``Database`` and returns plain dicts (or lists of them), so
handlers never write SQL. Article dates keep their precision ("2025-04" or "2025-04-12"); where a
query needs a day, ``DAY_SQL`` pads a month to its first day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlite_utils import Database

from store.search import stem_word

# The article's day as YYYY-MM-DD: "2025-04" → "2025-04-01"; undated articles use their load day.
DAY_SQL = "substr(coalesce(a.date, a.loaded_at) || '-01-01', 1, 10)"
NEWEST_FIRST = "a.date is null, a.date desc, a.id desc"
WORD = re.compile(r"\w+", re.UNICODE)
LABEL_CHARS = 80
CO_MENTION_WINDOW = 1000  # companions are counted over this many newest articles of an entity


def fetch_dicts(db: Database, sql: str, params: Iterable = ()) -> list[dict]:
    cursor = db.execute(sql, list(params))
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def article_label(title: str | None, text: str | None) -> str:
    """The headline, or the start of the first sentence for an article without one."""
    if title:
        return title
    first = (text or "").strip().split("\n", 1)[0]
    first = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    if len(first) <= LABEL_CHARS:
        return first
    return first[:LABEL_CHARS].rsplit(" ", 1)[0] + "…"


def with_labels(rows: list[dict]) -> list[dict]:
    for row in rows:
        row["label"] = article_label(row.get("title"), row.pop("head", None))
    return rows


_ARTICLE_COLUMNS = "a.id, a.title, a.date, substr(a.text, 1, 400) as head"


# --- articles -------------------------------------------------------------------------------


def get_article(db: Database, article_id: int) -> dict | None:
    rows = fetch_dicts(
        db,
        "select id, title, date, url, source, path, word_count, loaded_at, text from articles where id = ?",
        [article_id],
    )
    if not rows:
        return None
    row = rows[0]
    row["label"] = article_label(row["title"], row["text"])
    return row


def latest_articles(db: Database, limit: int = 5) -> list[dict]:
    """The newest articles by date (undated ones last): id, title, date, label."""
    sql = f"select {_ARTICLE_COLUMNS} from articles a order by {NEWEST_FIRST} limit ?"
    return with_labels(fetch_dicts(db, sql, [limit]))


def article_labels(db: Database, article_ids: Iterable[int]) -> dict[int, dict]:
    """id → {id, title, date, label} for the given articles."""
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = with_labels(fetch_dicts(db, f"select {_ARTICLE_COLUMNS} from articles a where a.id in ({marks})", ids))
    return {row["id"]: row for row in rows}


def article_entities(db: Database, article_id: int) -> list[dict]:
    """Entities mentioned in an article, most mentioned first: id, name, type, mentions."""
    return fetch_dicts(
        db,
        """select e.id, e.name, e.type, count(*) as mentions, min(m.start) as first
           from mentions m join entities e on e.id = m.entity_id
           where m.article_id = ? group by e.id order by mentions desc, first""",
        [article_id],
    )


def article_roles(db: Database, article_id: int) -> dict[int, list[str]]:
    """entity id → the roles this article gives that entity."""
    roles: dict[int, list[str]] = {}
    for row in fetch_dicts(db, "select entity_id, role from roles where article_id = ? order by start", [article_id]):
        if row["role"] not in roles.setdefault(row["entity_id"], []):
            roles[row["entity_id"]].append(row["role"])
    return roles


def article_quotes(db: Database, article_id: int) -> list[dict]:
    return fetch_dicts(
        db,
        """select q.id, q.text, q.speaker, q.entity_id, e.name as entity_name
           from quotes q left join entities e on e.id = q.entity_id
           where q.article_id = ? order by q.start""",
        [article_id],
    )


def article_numbers(db: Database, article_id: int) -> list[dict]:
    return fetch_dicts(
        db,
        "select value, what, text, qualifier, category from numbers where article_id = ? order by start",
        [article_id],
    )


# --- entities -------------------------------------------------------------------------------


def get_entity(db: Database, entity_id: int) -> dict | None:
    rows = fetch_dicts(db, "select id, name, type, key from entities where id = ?", [entity_id])
    return rows[0] if rows else None


def entity_aliases(db: Database, entity_id: int) -> list[str]:
    rows = db.execute("select alias from aliases where entity_id = ? order by alias", [entity_id]).fetchall()
    return [r[0] for r in rows]


def entities_by_norm(db: Database, norm: str) -> list[int]:
    """Entities with a name form whose skeleton is exactly ``norm`` (indexed)."""
    rows = db.execute("select distinct entity_id from aliases where norm = ?", [norm]).fetchall()
    return [r[0] for r in rows]


def entities_by_key(db: Database, key: str) -> list[int]:
    """Entities whose identity key (``store.names.identity_key``) is ``key`` (indexed)."""
    return [r[0] for r in db.execute("select id from entities where key = ?", [key])]


def persons_with_surname(db: Database, surname_key: str) -> list[int]:
    """Persons some article names in full with this surname (an identity key; indexed)."""
    rows = db.execute(
        """select distinct n.entity_id from name_parts p join article_names n on n.id = p.name_id
           where p.part = ? and p.type = 'PER' and n.entity_id is not null""",
        [surname_key],
    ).fetchall()
    return [r[0] for r in rows]


def entities_by_word(db: Database, word_key: str) -> list[int]:
    """Entities with a name form holding ``word_key`` (a skeleton) as whole words: first or surname."""
    rows = db.execute(
        """select distinct entity_id from aliases
           where norm like ? or norm like ? or norm like ?""",
        [f"% {word_key}", f"{word_key} %", f"% {word_key} %"],
    ).fetchall()
    return [r[0] for r in rows]


def alias_norms(db: Database) -> list[tuple[str, int]]:
    """Every (skeleton of a name form, entity id): the choices for fuzzy matching."""
    return [tuple(r) for r in db.execute("select norm, entity_id from aliases").fetchall()]


def mention_counts(db: Database, entity_ids: Iterable[int]) -> dict[int, int]:
    """entity id → number of articles mentioning it."""
    ids = sorted(set(entity_ids))
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = db.execute(
        f"select entity_id, count(*) from entity_articles where entity_id in ({marks}) group by entity_id",
        ids,
    ).fetchall()
    counts = dict.fromkeys(ids, 0)
    counts.update(dict(rows))
    return counts


def entity_roles(db: Database, entity_id: int) -> list[dict]:
    """Each distinct role once, newest first (admin corrections before articles): role, date,
    article_id (None for an admin correction), title, label — of the role's newest row.

    The order is that of ``r.article_id is not null, NEWEST_FIRST, r.start, r.id`` over all rows,
    keeping each role's first. A much-described person has thousands of role rows but a handful of
    roles, so SQL picks each role's newest article over covering indexes (max of the date, then the
    id, as one text: SQLite compares text bytewise) and titles and heads are read for those only."""
    corrections = db.execute(
        "select role, date from roles where entity_id = ? and article_id is null order by start, id", [entity_id]
    ).fetchall()
    newest = db.execute(
        """select r.role, max((case when a.date is null then '0' else '1' || a.date end)
                              || ' ' || (coalesce(a.id, 0) + 1000000000000)) as rank,
                  r.article_id, coalesce(a.date, r.date)
           from roles r indexed by idx_roles_entity_role
           left join articles a indexed by idx_articles_id_date on a.id = r.article_id
           where r.entity_id = ? and r.article_id is not null group by r.role""",
        [entity_id],
    ).fetchall()
    ids = sorted({row[2] for row in newest})
    starts = {}
    if ids:  # within the newest article, a role's first row (r.start, r.id) decides the order
        marks = ",".join("?" * len(ids))
        starts = {
            (role, article_id): (start is not None, start or 0, role_id)
            for role, article_id, start, role_id in db.execute(
                f"""select role, article_id, min(start), id from roles
                    where entity_id = ? and article_id in ({marks}) group by role, article_id""",
                [entity_id, *ids],
            )
        }
    newest.sort(key=lambda row: starts.get((row[0], row[2]), (False, 0, 0)))
    newest.sort(key=lambda row: row[1], reverse=True)  # stable: the start order stays within an article
    labels = article_labels(db, ids)
    rows, seen = [], set()
    for role, article_id, date in [(role, None, date) for role, date in corrections] + [
        (role, article_id, date) for role, _, article_id, date in newest
    ]:
        if role in seen:
            continue
        seen.add(role)
        label = labels.get(article_id, {})
        rows.append(
            {"role": role, "date": date, "article_id": article_id, "title": label.get("title"), "label": label.get("label", "")}
        )
    return rows


def entity_span(db: Database, entity_id: int) -> dict:
    """How many articles mention the entity, and the first and last of their dates."""
    rows = fetch_dicts(
        db,
        """select count(*) as articles, min(date) as first, max(date) as last
           from entity_articles where entity_id = ?""",
        [entity_id],
    )
    return rows[0]


def latest_mentions(db: Database, entity_id: int, limit: int = 3) -> list[dict]:
    """The newest mentions, one per article, with the sentence around them."""
    return with_labels(
        fetch_dicts(
            db,
            f"""select a.id as article_id, a.title, a.date, substr(a.text, 1, 400) as head,
                       (select m2.sentence from mentions m2 where m2.entity_id = ? and m2.article_id = a.id
                        order by m2.start limit 1) as sentence
                from articles a
                where a.id in (select article_id from entity_articles where entity_id = ?
                               order by date is null, date desc, article_id desc limit ?)
                order by {NEWEST_FIRST}""",
            [entity_id, entity_id, limit],
        )
    )


def co_mentioned(db: Database, entity_id: int, limit: int = 5, types: tuple[str, ...] = ("PER",)) -> list[dict]:
    """Entities most often mentioned in the same articles (the newest CO_MENTION_WINDOW of them):
    id, name, type, articles, last_article."""
    marks = ",".join("?" * len(types))
    return fetch_dicts(
        db,
        f"""select e.id, e.name, e.type, count(*) as articles, max(o.article_id) as last_article
            from entity_articles o join entities e on e.id = o.entity_id
            where o.article_id in (select article_id from entity_articles where entity_id = ?
                                   order by article_id desc limit ?)
              and o.entity_id != ? and e.type in ({marks})
            group by e.id order by articles desc, e.name limit ?""",
        [entity_id, CO_MENTION_WINDOW, entity_id, *types, limit],
    )


def entity_quotes(db: Database, entity_id: int | None = None, limit: int = 10, about: str | None = None,
                  offset: int = 0, scare: bool | None = False) -> list[dict]:
    """Quotes newest first (by article date), of one entity or of anyone; ``about`` filters by stem.

    ``offset`` skips that many (for paging); ``scare``: False for statements only, True for scare
    quotes only ("noemde het „onhaalbaar”"), None for both.

    Articles are walked newest first (an index) and the walk stops at ``limit`` quotes, so a
    much-quoted person costs no more than a rare one; article heads are read for the kept quotes."""
    where, params = [], []
    if entity_id is not None:
        where.append("q.entity_id = ?")
        params.append(entity_id)
    if scare is not None:
        where.append("q.scare = ?")
        params.append(int(scare))
    stems = [stem_word(w) for w in WORD.findall(about or "")]
    wanted = limit + max(0, offset)
    if entity_id is None:  # a cheap prefilter over all quotes; one person's quotes are few
        for stem in stems:
            where.append("q.text like ?")
            params.append(f"%{stem}%")
    clause = ("where " + " and ".join(where)) if where else ""
    if entity_id is not None:  # walk the articles newest first, probing (entity, article)
        source = "articles a indexed by idx_articles_newest join quotes q indexed by idx_quotes_entity_article"
    elif stems:  # the LIKE prefilter scans all quotes; sort what it keeps
        source = "quotes q join articles a"
    else:
        source = "articles a indexed by idx_articles_newest join quotes q"
    order = f"order by {NEWEST_FIRST}, q.start, q.id"
    if not stems:
        order += f" limit {int(wanted)}"
    cursor = db.execute(
        f"""select q.id, {"q.text" if stems else "null"}
            from {source} on q.article_id = a.id
            {clause} {order}""",
        params,
    )
    chosen = []
    for quote_id, text in cursor:
        # LIKE on the stem is a prefilter; keep quotes where a word really has that stem
        if stems and not set(stems) <= {stem_word(w) for w in WORD.findall(text)}:
            continue
        chosen.append(quote_id)
        if len(chosen) >= wanted:
            break
    cursor.close()
    chosen = chosen[max(0, offset):]
    if not chosen:
        return []
    rows = fetch_dicts(
        db,
        f"""select q.id, q.text, q.speaker, e.name as entity_name, a.id as article_id, a.title, a.date,
                   substr(a.text, 1, 400) as head
            from quotes q join articles a on a.id = q.article_id
            left join entities e on e.id = q.entity_id
            where q.id in ({",".join("?" * len(chosen))})""",
        chosen,
    )
    by_id = {row.pop("id"): row for row in rows}
    return with_labels([by_id[quote_id] for quote_id in chosen])


def entity_timeline(db: Database, entity_id: int, limit_articles: int = 12) -> list[dict]:
    """The newest ``limit_articles`` articles about an entity, oldest first, each with its
    roles, quotes and first mention sentence for that entity."""
    articles = latest_mentions(db, entity_id, limit_articles)
    for article in articles:
        article["roles"] = [
            r[0]
            for r in db.execute(
                "select distinct role from roles where entity_id = ? and article_id = ? order by start",
                [entity_id, article["article_id"]],
            ).fetchall()
        ]
        article["quotes"] = [
            r[0]
            for r in db.execute(
                "select text from quotes where entity_id = ? and article_id = ? order by start",
                [entity_id, article["article_id"]],
            ).fetchall()
        ]
    articles.reverse()
    return articles


def chat_language(db: Database, platform: str, chat_id: str) -> str | None:
    row = db.execute(
        "select language from chat_settings where platform = ? and chat_id = ?", [platform, chat_id]
    ).fetchone()
    return row[0] if row else None
