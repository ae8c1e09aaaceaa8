"""Feed state and feed entries as articles: no HTTP here (``bot/feeds.py`` downloads).

Every entry taken from a feed is remembered in ``feed_entries`` by its guid (the entry's id, else
its link) and its link, so an entry is stored once however often the feed repeats it, and an
article that two feeds carry (same link) is stored once too. ``feeds`` keeps each feed's ETag and
Last-Modified for conditional GETs, and its last outcome for ``newsbot feeds list``.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import lxml.html
from sqlite_utils import Database

from store.articles import make_article
from store.db import write_transaction
from store.model import Article, BadArticle

_BLOCK_END = re.compile(r"(</(?:p|div|h[1-6]|li|blockquote|section|article)>|<br\s*/?>)", re.I)


@dataclass(frozen=True)
class FeedEntry:
    """What a feed says about one entry (``bot.feeds`` fills it from feedparser)."""

    guid: str
    link: str | None
    title: str | None
    date: str | None  # YYYY-MM-DD
    content_html: str | None  # the full content when the feed carries it


@dataclass(frozen=True)
class FeedState:
    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    checked_at: str | None = None
    status: str | None = None
    entries: int = 0


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def feed_state(db: Database, url: str) -> FeedState:
    row = db.execute(
        "select url, title, etag, last_modified, checked_at, status, entries from feeds where url = ?", [url]
    ).fetchone()
    return FeedState(*row) if row else FeedState(url)


def save_feed_state(db: Database, state: FeedState) -> None:
    with write_transaction(db):
        db.execute(
            """insert into feeds (url, title, etag, last_modified, checked_at, status, entries)
               values (?, ?, ?, ?, ?, ?, ?)
               on conflict (url) do update set title = excluded.title, etag = excluded.etag,
                   last_modified = excluded.last_modified, checked_at = excluded.checked_at,
                   status = excluded.status, entries = excluded.entries""",
            [state.url, state.title, state.etag, state.last_modified, state.checked_at or _now(), state.status, state.entries],
        )


def known_entry(db: Database, feed_url: str, entry: FeedEntry) -> bool:
    """Seen before: the same guid in this feed, else the same link in any feed or article."""
    if db.execute("select 1 from feed_entries where feed_url = ? and guid = ?", [feed_url, entry.guid]).fetchone():
        return True
    if not entry.link:
        return False
    return bool(
        db.execute("select 1 from feed_entries where link = ?", [entry.link]).fetchone()
        or db.execute("select 1 from articles where url = ?", [entry.link]).fetchone()
    )


def remember_entry(db: Database, feed_url: str, entry: FeedEntry, article_id: int | None) -> None:
    with write_transaction(db):
        db.execute(
            "insert or ignore into feed_entries (feed_url, guid, link, article_id, seen_at) values (?, ?, ?, ?, ?)",
            [feed_url, entry.guid, entry.link, article_id, _now()],
        )


def entry_article(entry: FeedEntry, text: str, source: str | None, fmt: str = "html") -> Article:
    """The article for a feed entry: its text, the entry's headline, date and link, the feed's title."""
    return make_article(
        entry.link or entry.guid, text, fmt, rewrap=False, title=entry.title, date=entry.date, url=entry.link, source=source
    )


def html_fragment_text(html: str) -> str:
    """The text of an entry's HTML content, a paragraph per block element."""
    marked = _BLOCK_END.sub(lambda m: m.group(1) + "\n\n", html)
    try:
        text = lxml.html.fromstring(f"<div>{marked}</div>").text_content()
    except (ValueError, lxml.etree.ParserError) as exc:
        raise BadArticle(f"unreadable entry content: {exc}") from None
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def struct_date(value: time.struct_time | None) -> str | None:
    """feedparser's parsed date (UTC) as YYYY-MM-DD."""
    if not value:
        return None
    try:
        return time.strftime("%Y-%m-%d", value)
    except (TypeError, ValueError):
        return None


def list_feeds(db: Database, urls: list[str]) -> list[FeedState]:
    """The state of each configured feed, in config order (never fetched: an empty state)."""
    return [feed_state(db, url) for url in urls]
