"""The number ledger (/numbers) and mention counts over time (/trending, digests)."""

from __future__ import annotations

from sqlite_utils import Database

from store.queries import DAY_SQL, NEWEST_FIRST, WORD, fetch_dicts, with_labels
from store.search import stem_word


def number_categories(db: Database) -> list[str]:
    return [r[0] for r in db.execute("select distinct category from numbers where category is not null")]


def numbers_for_topic(db: Database, topic: str, limit: int = 40) -> list[dict]:
    """The number ledger for ``topic``: numbers whose category or counted noun shares a Dutch
    stem with a word of the topic ("drone" finds "neergehaalde drones"), newest article first."""
    stems = {stem_word(w) for w in WORD.findall(topic)} - {""}
    if not stems:
        return []
    categories = [c for c in number_categories(db) if stems & {stem_word(w) for w in WORD.findall(c)}]
    where = [f"n.category in ({','.join('?' * len(categories))})"] if categories else []
    params: list = list(categories)
    for stem in sorted(stems):
        # a prefix of the stem: the stem of an inflected form is not always in it
        # ("raadsleden" → "raadsleed"); the stem test below keeps the real matches
        where.append("n.what like ?")
        params.append(f"%{stem[: max(4, len(stem) - 2)]}%")
    rows = fetch_dicts(
        db,
        f"""select n.value, n.what, n.text, n.qualifier, n.category, n.sentence,
                   a.id as article_id, a.title, a.date, substr(a.text, 1, 400) as head
            from numbers n join articles a on a.id = n.article_id
            where {' or '.join(where)} order by {NEWEST_FIRST}, n.start""",
        params,
    )
    kept = [
        r
        for r in rows
        if r["category"] in categories or stems & {stem_word(w) for w in WORD.findall(r["what"] or "")}
    ]
    return with_labels(kept[:limit])


def newest_day(db: Database, dated_only: bool = True) -> str | None:
    """The newest article's day (YYYY-MM-DD): the reference point for /trending. Articles
    without a date count by their load day only when ``dated_only`` is False."""
    where = "where a.date is not null" if dated_only else ""
    row = db.execute(f"select max({DAY_SQL}) from articles a {where}").fetchone()
    return row[0] if row else None


def mentions_between(
    db: Database, after: str, until: str, types: tuple[str, ...] = ("PER", "ORG"), dated_only: bool = True
) -> list[dict]:
    """Entities by number of articles mentioning them with a day in (after, until].

    Counted over ``entity_articles`` (one row per entity and article, with the article's day and
    date): a month of a dense archive is thousands of articles and tens of thousands of mentions.
    The ``date between`` clause is implied by the day test for the dates the reader writes."""
    marks = ",".join("?" * len(types))
    return fetch_dicts(
        db,
        f"""select e.id, e.name, e.type, s.articles, s.mentions, s.last_article
            from (select entity_id, count(*) as articles, sum(mentions) as mentions,
                         max(article_id) as last_article
                  from entity_articles
                  where day > ? and day <= ? and ({"" if dated_only else "date is null or "}date between ? and ?)
                  group by entity_id) s
            join entities e on e.id = s.entity_id
            where e.type in ({marks})
            order by s.articles desc, s.mentions desc, e.name""",
        [after, until, after[:7], until + "~", *types],
    )
