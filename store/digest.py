"""What goes into a digest: the articles of a period, who is in the news, key numbers, quotes.

A period is a span of time (UTC) plus the article dates that count as "in" it: an article belongs
to a digest when it was loaded during the span or its own date (as written: a day, or a month
for a month digest) falls in it. Each article gets a short extractive summary: its lead sentence
(news puts the essence first, and neither LexRank nor TextRank picks it) followed by the sentence
LexRank rates best among the rest (sumy's LexRank, computed with arrays: ``store.lexrank``). The loader chooses it from the sentences the extraction
pipeline found and stores it with the article (``articles.summary``), so a digest does no NLP;
only articles stored before summaries were kept are summarised here, with spaCy's rule-based
sentencizer plus our quote-aware ``newsbot_sentences`` repair (``newsbot reindex`` stores theirs).
Words are stemmed with the Dutch Snowball stemmer and spaCy's Dutch stop words are ignored:
nothing is downloaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from store.lexrank import best_sentences
from store.queries import article_entities, article_label, fetch_dicts

UTC_ZONE = ZoneInfo("UTC")
MAX_ARTICLES = 10
MAX_PEOPLE = 4
MAX_ARTICLE_PEOPLE = 3  # persons and organisations named under each article
MAX_ORGANISATIONS = 3
MAX_NUMBERS = 5
MAX_QUOTES = 3
MIN_SENTENCE_WORDS = 5  # shorter "sentences" are captions, bylines, "Advertentie"
SUMMARY_CANDIDATES = 200  # LexRank compares every pair: a book-length text is summarised from its start
MAX_SENTENCE_CHARS = 400
QUOTE_CHARS = (25, 240)  # notable quotes are neither fragments nor whole paragraphs
# Spans of time ("dertig dagen", "bijna drie jaar geleden") are numbers, but not news figures.
TIME_CATEGORIES = ("seconden", "minuten", "uren", "dagen", "weken", "maanden", "jaren")
_NEWS_FIGURE = (
    f"coalesce(category, '') not in ({', '.join(repr(c) for c in TIME_CATEGORIES)})"
    " and lower(text) not like '%geleden%'"
)


@dataclass(frozen=True)
class Period:
    """(start, end] in UTC plus the date prefixes ("2025-04-12" or "2025-04") that fall in it.

    The end is inclusive so that an article loaded in the very second a digest is cut (load times
    are kept to the second) is in that digest, and the next digest starts after it.
    """

    start: datetime
    end: datetime
    date_prefixes: tuple[str, ...]
    tz: ZoneInfo = UTC_ZONE

    def before(self) -> Period:
        """The period of the same length just before this one (for "change against before")."""
        length = self.end - self.start
        if self.date_prefixes and all(len(p) == 7 for p in self.date_prefixes):
            first = date.fromisoformat(self.date_prefixes[0] + "-01")
            previous = (first - timedelta(days=1)).replace(day=1)
            return period_for_month(previous.year, previous.month, self.tz)
        return period_between(self.start - length, self.start, self.tz)


def period_between(since: datetime, until: datetime, tz: ZoneInfo) -> Period:
    """The span (since, until] with the local days it touches; both ends aware datetimes."""
    first, last = since.astimezone(tz).date(), (until - timedelta(microseconds=1)).astimezone(tz).date()
    days = tuple((first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1))
    return Period(since.astimezone(UTC), until.astimezone(UTC), days, tz)


def period_for_day(day: date, tz: ZoneInfo) -> Period:
    """One local calendar day: articles dated that day or loaded during it."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return Period(start.astimezone(UTC), end.astimezone(UTC), (day.isoformat(),), tz)


def period_for_month(year: int, month: int, tz: ZoneInfo) -> Period:
    """One calendar month: articles dated in it (day or month precision) or loaded during it."""
    first = date(year, month, 1)
    following = (first + timedelta(days=32)).replace(day=1)
    start = datetime.combine(first, time(0), tzinfo=tz)
    end = datetime.combine(following, time(0), tzinfo=tz)
    return Period(start.astimezone(UTC), end.astimezone(UTC), (first.isoformat()[:7],), tz)


# --- content --------------------------------------------------------------------------------


@dataclass
class ArticleDigest:
    id: int
    title: str | None
    date: str | None
    headline: str  # the title, or the start of the lead sentence
    summary: list[str]  # lead sentence first (unless it is the headline), then the best other one
    people: list[str] = field(default_factory=list)  # most mentioned persons and organisations
    number: str | None = None  # one key number, as written ("zeker twaalf mensen")


@dataclass
class DigestContent:
    period: Period
    articles: list[ArticleDigest]
    more_articles: int  # articles in the period beyond MAX_ARTICLES
    in_the_news: list[dict]  # name, type, mentions, articles, before (None = new), article_id
    numbers: list[dict]  # value, what, text, qualifier, category, article_id
    quotes: list[dict]  # text, speaker, article_id

    @property
    def empty(self) -> bool:
        return not self.articles


def build_digest(db: Database, period: Period) -> DigestContent:
    """Everything a digest of ``period`` shows, newest article first."""
    rows = articles_in(db, period)
    ids = [row["id"] for row in rows]
    current = set(ids)
    shown = _with_text(db, rows[:MAX_ARTICLES])
    previous_ids = [row["id"] for row in articles_in(db, period.before()) if row["id"] not in current]
    return DigestContent(
        period=period,
        articles=[_article_digest(db, row) for row in shown],
        more_articles=len(rows) - len(shown),
        in_the_news=in_the_news(db, ids, previous_ids),
        numbers=key_numbers(db, ids),
        quotes=notable_quotes(db, ids),
    )


def articles_in(db: Database, period: Period) -> list[dict]:
    """Articles loaded during the period or dated in it, newest first (without their text)."""
    clauses = ["(a.loaded_at > ? and a.loaded_at <= ?)"]
    params: list = [_iso(period.start), _iso(period.end)]
    for prefix in period.date_prefixes:
        clauses.append("substr(a.date, 1, ?) = ?")
        params += [len(prefix), prefix]
    sql = f"""select a.id, a.title, a.date, a.loaded_at from articles a
              where {" or ".join(clauses)}
              order by coalesce(a.date, substr(a.loaded_at, 1, 10)) desc, a.id desc"""
    return fetch_dicts(db, sql, params)


def _with_text(db: Database, rows: list[dict]) -> list[dict]:
    """``rows`` with each article's text and stored summary: read only for the articles a digest shows."""
    if not rows:
        return rows
    marks = ",".join("?" * len(rows))
    ids = [row["id"] for row in rows]
    found = {
        article_id: (text, summary)
        for article_id, text, summary in db.execute(
            f"select id, text, summary from articles where id in ({marks})", ids
        ).fetchall()
    }
    return [{**row, "text": found[row["id"]][0], "summary": found[row["id"]][1]} for row in rows]


def _article_digest(db: Database, row: dict) -> ArticleDigest:
    headline = article_label(row["title"], row["text"])
    summary = json.loads(row["summary"]) if row.get("summary") is not None else summarize(row["text"])
    if not row["title"] and summary and summary[0] == headline:
        summary = summary[1:]
    people = [e["name"] for e in article_entities(db, row["id"]) if e["type"] in ("PER", "ORG")]
    number = db.execute(
        f"""select text from numbers where article_id = ? and {_NEWS_FIGURE}
           order by category is null, start limit 1""",
        [row["id"]],
    ).fetchone()
    return ArticleDigest(
        id=row["id"],
        title=row["title"],
        date=row["date"],
        headline=headline,
        summary=summary,
        people=people[:MAX_ARTICLE_PEOPLE],
        number=number[0] if number else None,
    )


def in_the_news(db: Database, article_ids: list[int], previous_ids: list[int]) -> list[dict]:
    """Top persons and organisations by mentions, with their mentions in the period before."""
    if not article_ids:
        return []
    current = _mention_counts(db, article_ids)
    before = {row["id"]: row["mentions"] for row in _mention_counts(db, previous_ids)} if previous_ids else {}
    picked = [r for r in current if r["type"] == "PER"][:MAX_PEOPLE]
    picked += [r for r in current if r["type"] == "ORG"][:MAX_ORGANISATIONS]
    for row in picked:
        row["before"] = before.get(row["id"])
    return picked


def _mention_counts(db: Database, article_ids: list[int]) -> list[dict]:
    """Persons and organisations in the articles: mentions, articles, and the article naming them
    most (the newest on a tie). Over ``entity_articles``: one row per entity and article."""
    marks = ",".join("?" * len(article_ids))
    return fetch_dicts(
        db,
        f"""select e.id, e.name, e.type, sum(ea.mentions) as mentions, count(*) as articles,
                   (select ea2.article_id from entity_articles ea2 where ea2.entity_id = e.id
                      and ea2.article_id in ({marks})
                      order by ea2.mentions desc, ea2.article_id desc limit 1) as article_id
            from entity_articles ea join entities e on e.id = ea.entity_id
            where ea.article_id in ({marks}) and e.type in ('PER', 'ORG')
            group by e.id order by mentions desc, articles desc, e.name""",
        [*article_ids, *article_ids],
    )


def key_numbers(db: Database, article_ids: list[int]) -> list[dict]:
    """Counted things (deaths, drones, attacks…) first, one line per distinct number."""
    if not article_ids:
        return []
    marks = ",".join("?" * len(article_ids))
    rows = fetch_dicts(
        db,
        f"""select value, what, text, qualifier, category, article_id from numbers
            where article_id in ({marks}) and {_NEWS_FIGURE}
            order by category is null, article_id desc, start""",
        article_ids,
    )
    picked, seen = [], set()
    for row in rows:
        key = (row["value"], row["what"])
        if key in seen:
            continue
        seen.add(key)
        picked.append(row)
        if len(picked) == MAX_NUMBERS:
            break
    return picked


def notable_quotes(db: Database, article_ids: list[int]) -> list[dict]:
    """Two or three quotes by named speakers: the most confident, one per speaker."""
    if not article_ids:
        return []
    marks = ",".join("?" * len(article_ids))
    cursor = db.execute(
        f"""select q.text, coalesce(e.name, q.speaker) as speaker, q.article_id, q.confidence
            from quotes q left join entities e on e.id = q.entity_id
            where q.article_id in ({marks}) and coalesce(e.name, q.speaker) is not null
              and length(q.text) between ? and ?
            order by q.entity_id is null, q.confidence desc, length(q.text) desc, q.id""",
        [*article_ids, *QUOTE_CHARS],
    )
    picked, speakers = [], set()
    for text, speaker, article_id, _ in cursor.fetchall():
        if speaker in speakers:
            continue
        speakers.add(speaker)
        picked.append({"text": text, "speaker": speaker, "article_id": article_id})
        if len(picked) == MAX_QUOTES:
            break
    return picked


# --- extractive summary ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _sentencizer():
    import spacy

    import store.extraction.components.sentences  # noqa: F401 - registers newsbot_sentences

    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("newsbot_sentences")  # quote-aware boundaries, as in the extraction pipeline
    return nlp


def sentences(text: str) -> list[str]:
    """The article's sentences (rule-based, no model), one line each."""
    doc = _sentencizer()(text)
    return [" ".join(s.text.split()) for s in doc.sents if s.text.strip()]


def summarize(text: str, extra: int = 1) -> list[str]:
    """The lead sentence, then the ``extra`` best-rated other sentences in article order."""
    return summary_from_sentences(sentences(text), extra)


def summary_from_sentences(all_sentences: list[str], extra: int = 1, tokenizer=None) -> list[str]:
    """``summarize`` over sentences already found (one line each, in article order);
    ``tokenizer``: the extraction pipeline's, when at hand."""
    # dict.fromkeys: a liveblog repeats its intro; a sentence is summarised once
    found = list(dict.fromkeys(s for s in all_sentences if len(s.split()) >= MIN_SENTENCE_WORDS))
    found = found[:SUMMARY_CANDIDATES]
    if not found:
        return []
    lead, rest = found[0], found[1:]
    best = best_sentences(rest, extra, tokenizer) if rest and extra > 0 else []
    return [_clip(s) for s in [lead, *best]]


def _clip(sentence: str) -> str:
    if len(sentence) <= MAX_SENTENCE_CHARS:
        return sentence
    return sentence[:MAX_SENTENCE_CHARS].rsplit(" ", 1)[0] + "…"


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")
