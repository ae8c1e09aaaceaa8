"""RSS and Atom feeds as a source: fetch (httpx), parse (feedparser), store new entries as articles.

One pass (``fetch_feeds``) asks each feed with a conditional GET (ETag, Last-Modified), takes the
entries it has not seen (by guid, else link), and stores each with its URL, the feed's title and
the entry's date: the entry's full content when the feed carries it, otherwise the linked page,
downloaded within ``[feeds] max_page_mb`` and ``timeout_seconds`` and reduced to its main text by
trafilatura. A failing feed or page is logged with its URL and left for the next round (the
feed's validators are only kept when every new entry was stored, so a 304 never hides one).
A pass is one load for alerts: at most ``[alerts] max_per_load`` per chat, then a summary.

``newsbot feeds fetch`` runs one pass; ``serve`` runs one every ``[feeds] interval_minutes``.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import feedparser
import httpx
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlite_utils import Database

from bot.config import Config
from store import feeds as state
from store.alerts import alert_batch
from store.articles import read_bytes
from store.db import open_db
from store.feeds import FeedEntry
from store.loader import LoadResult, store_article
from store.model import BadArticle

log = logging.getLogger(__name__)

USER_AGENT = "newsroom-bot (feed reader)"


class PageError(Exception):
    """A linked page that could not be used this round; the message says why."""


@dataclass
class FeedReport:
    url: str
    status: str  # ok | not modified | failed
    reason: str | None = None
    title: str | None = None
    stored: list[LoadResult] = field(default_factory=list)
    known: int = 0
    failed_entries: list[tuple[str, str]] = field(default_factory=list)  # (link or guid, reason)

    def line(self) -> str:
        """One line for ``newsbot feeds fetch``."""
        if self.status == "failed":
            return f"failed        {self.url}: {self.reason}"
        parts = f"{len(self.stored)} new, {self.known} known"
        if self.failed_entries:
            parts += f", {len(self.failed_entries)} failed (retried next round)"
        return f"{self.status:<13} {self.url}  {parts}"


def fetch_feeds(
    db: Database,
    config: Config,
    nlp_loader: Callable[[], Any],
    client: httpx.Client | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> list[FeedReport]:
    """One pass over ``[feeds] urls``; never raises for a feed's or a page's failure.

    ``should_stop`` is asked between entries: serve's shutdown ends a pass early (what is not
    stored yet is taken next time)."""
    own = client is None
    client = client or make_client(config)
    reports = []
    try:
        with alert_batch(db, config.alerts.max_per_load):
            for url in config.feeds.urls:
                if should_stop():
                    break
                try:
                    reports.append(fetch_feed(db, config, url, client, nlp_loader, should_stop))
                except Exception as exc:  # noqa: BLE001 - one feed must never stop the others
                    log.exception("feed %s failed", url)
                    reports.append(_failed(db, url, f"{type(exc).__name__}: {exc}"))
    finally:
        if own:
            client.close()
    return reports


def make_client(config: Config) -> httpx.Client:
    return httpx.Client(
        timeout=httpx.Timeout(config.feeds.timeout_seconds), follow_redirects=True, headers={"User-Agent": USER_AGENT}
    )


def fetch_feed(
    db: Database, config: Config, url: str, client: httpx.Client, nlp_loader, should_stop=lambda: False
) -> FeedReport:
    known = state.feed_state(db, url)
    headers = {}
    if known.etag:
        headers["If-None-Match"] = known.etag
    if known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    try:
        response = client.get(url, headers=headers)
    except httpx.HTTPError as exc:
        return _failed(db, url, _http_reason(exc))
    if response.status_code == 304:
        state.save_feed_state(db, replace(known, checked_at=None, status="not modified"))
        return FeedReport(url, "not modified", title=known.title)
    if response.status_code >= 400:
        return _failed(db, url, f"HTTP {response.status_code}")
    parsed = feedparser.parse(response.content)
    if parsed.bozo and not parsed.entries:
        return _failed(db, url, f"not an RSS or Atom feed ({parsed.get('bozo_exception') or 'no entries'})")
    title = parsed.feed.get("title") or known.title
    report = FeedReport(url, "ok", title=title)
    for raw in parsed.entries:
        if should_stop():
            report.failed_entries.append((url, "stopped before this entry"))  # keeps the validators unsaved
            break
        entry = _entry(raw)
        if entry is None:
            continue
        if state.known_entry(db, url, entry):
            report.known += 1
            continue
        try:
            report.stored.append(_store_entry(db, config, entry, title, client, nlp_loader))
        except (PageError, BadArticle) as exc:
            where = entry.link or entry.guid
            log.warning("feed %s: entry %s not stored: %s", url, where, exc)
            report.failed_entries.append((where, str(exc)))
            continue
        state.remember_entry(db, url, entry, report.stored[-1].article_id)
    complete = not report.failed_entries  # else ask again in full next round
    state.save_feed_state(
        db,
        state.FeedState(
            url,
            title,
            response.headers.get("ETag") if complete else None,
            response.headers.get("Last-Modified") if complete else None,
            None,
            "ok" if complete else f"{len(report.failed_entries)} entries failed",
            known.entries + len(report.stored),
        ),
    )
    log.info("feed %s: %s", url, report.line())
    return report


def _failed(db: Database, url: str, reason: str) -> FeedReport:
    log.warning("feed %s failed: %s (retried next round)", url, reason)
    known = state.feed_state(db, url)
    state.save_feed_state(db, replace(known, checked_at=None, status=f"failed: {reason}"))
    return FeedReport(url, "failed", reason, title=known.title)


def _entry(raw) -> FeedEntry | None:
    link = raw.get("link") or None
    guid = raw.get("id") or link
    if not guid:
        return None
    content = None
    for part in raw.get("content") or []:
        if (part.get("value") or "").strip():
            content = part["value"]
            break
    date = state.struct_date(raw.get("published_parsed") or raw.get("updated_parsed"))
    return FeedEntry(guid, link, (raw.get("title") or "").strip() or None, date, content)


def _store_entry(db: Database, config: Config, entry: FeedEntry, source: str | None, client, nlp_loader) -> LoadResult:
    if entry.content_html:
        article = state.entry_article(entry, state.html_fragment_text(entry.content_html), source)
    elif entry.link:
        page = download_page(client, entry.link, int(config.feeds.max_page_mb * 1024 * 1024))
        [from_page] = read_bytes("page.html", page)
        article = replace(
            from_page,
            path=entry.link,
            url=entry.link,
            title=entry.title or from_page.title,
            date=entry.date or from_page.date,
            source=source or from_page.source,
        )
    else:
        raise PageError("no content and no link")
    from store.extraction.facts import extract_many

    [facts] = list(extract_many(nlp_loader(), [(article.text, article.date)]))
    return store_article(db, article, facts)


def download_page(client: httpx.Client, url: str, max_bytes: int) -> bytes:
    """The page at ``url``, refused beyond ``max_bytes`` (checked while it streams)."""
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise PageError(f"HTTP {response.status_code}")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise PageError(f"page larger than {max_bytes} bytes")
            data = bytearray()
            for chunk in response.iter_bytes():
                data += chunk
                if len(data) > max_bytes:
                    raise PageError(f"page larger than {max_bytes} bytes")
            return bytes(data)
    except httpx.HTTPError as exc:
        raise PageError(_http_reason(exc)) from None


def _http_reason(exc: httpx.HTTPError) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


class FeedPoller:
    """``serve``'s feed job: a pass every ``[feeds] interval_minutes`` (the first at start), in a
    worker thread on its own connection, so chat commands never wait for it."""

    def __init__(self, db_path: str, config: Config, *, nlp_loader: Callable[[], Any] | None = None) -> None:
        self.db_path = str(db_path)
        self.config = config
        self.nlp_loader = nlp_loader or _default_loader(config)
        self.scheduler: AsyncIOScheduler | None = None
        self._passes: set[asyncio.Task] = set()
        self._stopping = threading.Event()

    def start(self) -> None:
        self.scheduler = AsyncIOScheduler(timezone=self.config.tz)
        self.scheduler.add_job(
            self.run_pass,
            IntervalTrigger(minutes=self.config.feeds.interval_minutes),
            id="feeds",
            coalesce=True,
            max_instances=1,
            next_run_time=datetime.now(self.config.tz),
        )
        self.scheduler.start()

    async def run_pass(self) -> list[FeedReport]:
        task = asyncio.current_task()
        if task is not None:
            self._passes.add(task)
        try:
            return await asyncio.to_thread(self._pass)
        except Exception:  # noqa: BLE001 - logged; the next round tries again
            log.exception("feed pass failed")
            return []
        finally:
            self._passes.discard(task)

    def _pass(self) -> list[FeedReport]:
        if self._stopping.is_set():
            return []
        db = open_db(self.db_path, migrate=False)
        try:
            return fetch_feeds(db, self.config, self.nlp_loader, should_stop=self._stopping.is_set)
        finally:
            db.close()

    async def stop(self) -> None:
        """Stop the job and wait for a pass in progress (each entry is stored atomically)."""
        self._stopping.set()
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        await asyncio.gather(*self._passes, return_exceptions=True)


def _default_loader(config: Config) -> Callable[[], Any]:
    def load():
        from store.extraction.nlp import shared_pipeline

        return shared_pipeline(config.nlp.model)

    return load
