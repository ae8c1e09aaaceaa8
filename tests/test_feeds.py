"""Feeds as a source: a local news site (tests/feed_server.py) with RSS, Atom and article pages,
read by the real httpx + feedparser + trafilatura, stored with the real pipeline."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest
from fake_telegram import FakeTelegram
from feed_server import FeedServer, Item, article_page

from bot.config import Config
from bot.feeds import fetch_feeds
from bot.serve import serve
from bot.telegram import TelegramAdapter
from store import alerts as queue
from store.db import open_db
from store.feeds import list_feeds

ROOT = Path(__file__).resolve().parent.parent

HEINEN = (
    "Minister van Financiën Eelco Heinen presenteerde dinsdag de Voorjaarsnota in Den Haag. "
    "„Dit is een verantwoorde begroting,” zei Heinen tegen verslaggevers."
)
KIEV_PARAGRAPHS = [
    "Rusland heeft in de nacht opnieuw Kiev aangevallen met drones en raketten.",
    "Volgens de Oekraïense luchtmacht werden 40 drones neergehaald boven de hoofdstad.",
]
STIKSTOF_PARAGRAPHS = [
    "Het kabinet wil de uitstoot van stikstof in de provincie Gelderland sneller verlagen.",
    "Boeren reageren kritisch op het nieuwe stikstofplan van het ministerie.",
]


def site_items(server: FeedServer) -> None:
    server.pages["kiev.html"] = article_page("Nieuwe aanval op Kiev", KIEV_PARAGRAPHS)
    server.pages["stikstof.html"] = article_page("Stikstofplan voor Gelderland", STIKSTOF_PARAGRAPHS)
    server.rss_items = [
        Item("nos-1", server.page_url("heinen.html"), "Heinen presenteert Voorjaarsnota",
             "Tue, 15 Apr 2025 09:00:00 GMT", content=f"<p>{HEINEN}</p>", summary="Korte samenvatting."),
        Item("nos-2", server.page_url("kiev.html"), "Nieuwe aanval op Kiev", "Fri, 02 May 2025 06:00:00 GMT"),
    ]  # fmt: skip
    server.atom_items = [
        # the same story as nos-2 under another id: the link makes it the same article
        Item("urn:buitenland:77", server.page_url("kiev.html"), "Kiev opnieuw aangevallen", "2025-05-02T06:30:00Z"),
        Item("urn:buitenland:78", server.page_url("stikstof.html"), "Stikstofplan voor Gelderland", "2025-05-03T10:00:00Z"),
    ]


def feed_config(server: FeedServer, *paths: str, **feeds) -> Config:
    config = Config()
    config.feeds.urls = [f"{server.url}{p}" for p in paths]
    config.feeds.timeout_seconds = 1.0
    config.feeds.max_page_mb = 0.5
    for key, value in feeds.items():
        setattr(config.feeds, key, value)
    return config


def articles(db) -> list[tuple]:
    return db.execute("select id, title, date, url, source, text from articles order by id").fetchall()


async def run_pass(db_path: Path, config: Config, nlp) -> list:
    def one() -> list:
        db = open_db(db_path)
        try:
            return fetch_feeds(db, config, lambda: nlp)
        finally:
            db.close()

    return await asyncio.to_thread(one)


async def test_rss_and_atom_entries_become_articles_once(db_path, nlp):
    async with FeedServer() as server:
        site_items(server)
        config = feed_config(server, "/rss.xml", "/atom.xml")
        first = await run_pass(db_path, config, nlp)
        second = await run_pass(db_path, config, nlp)
    assert [r.line() for r in first] == [
        f"ok            {server.url}/rss.xml  2 new, 0 known",
        f"ok            {server.url}/atom.xml  1 new, 1 known",
    ]
    assert [r.line() for r in second] == [
        f"not modified  {server.url}/rss.xml  0 new, 0 known",
        f"not modified  {server.url}/atom.xml  0 new, 0 known",
    ]
    with open_db(db_path) as db:
        rows = articles(db)
        states = list_feeds(db, config.feeds.urls)
    assert [row[:5] for row in rows] == [
        (1, "Heinen presenteert Voorjaarsnota", "2025-04-15", server.page_url("heinen.html"), "Redactie Binnenland"),
        (2, "Nieuwe aanval op Kiev", "2025-05-02", server.page_url("kiev.html"), "Redactie Binnenland"),
        (3, "Stikstofplan voor Gelderland", "2025-05-03", server.page_url("stikstof.html"), "Redactie Buitenland"),
    ]
    assert rows[0][5] == HEINEN  # the feed's full content; the page itself was never asked for
    assert rows[1][5] == "\n\n".join(KIEV_PARAGRAPHS)  # the page's main text, no menu or footer
    assert server.asked("/pages/heinen.html") == []
    assert server.asked("/pages/kiev.html") == [200]  # once: the Atom copy was known by its link
    assert server.asked("/rss.xml") == [200, 304]
    assert [(s.title, s.status, s.entries) for s in states] == [
        ("Redactie Binnenland", "not modified", 2),
        ("Redactie Buitenland", "not modified", 1),
    ]


async def test_a_changed_feed_is_deduplicated_by_guid(db_path, nlp):
    async with FeedServer() as server:
        site_items(server)
        config = feed_config(server, "/rss.xml")
        await run_pass(db_path, config, nlp)
        server.version = 2  # the feed changed: a new ETag, one new entry, the old ones repeated
        server.pages["nieuw.html"] = article_page("Nieuw", ["Een nieuw bericht over de Tweede Kamer in Den Haag."])
        server.rss_items = [
            *server.rss_items,
            Item("nos-3", server.page_url("nieuw.html"), "Nieuw", "Sat, 03 May 2025 06:00:00 GMT"),
        ]
        server.rss_items[0].link = server.page_url("heinen-bijgewerkt.html")  # same guid, new link
        [report] = await run_pass(db_path, config, nlp)
    assert report.line() == f"ok            {server.url}/rss.xml  1 new, 2 known"
    with open_db(db_path) as db:
        assert [row[1] for row in articles(db)] == ["Heinen presenteert Voorjaarsnota", "Nieuwe aanval op Kiev", "Nieuw"]


async def test_a_feed_that_times_out_or_fails_and_an_oversized_page_never_stop_the_others(db_path, nlp):
    async with FeedServer(slow_seconds=3.0) as server:
        site_items(server)
        server.rss_items.append(Item("nos-9", server.page_url("huge.html"), "Te groot", "Fri, 02 May 2025 09:00:00 GMT"))
        config = feed_config(server, "/slow.xml", "/broken.xml", "/rss.xml")
        first = await run_pass(db_path, config, nlp)
        second = await run_pass(db_path, config, nlp)
    assert [r.line() for r in first] == [
        f"failed        {server.url}/slow.xml: timed out",
        f"failed        {server.url}/broken.xml: HTTP 500",
        f"ok            {server.url}/rss.xml  2 new, 0 known, 1 failed (retried next round)",
    ]
    assert first[2].failed_entries == [(server.page_url("huge.html"), "page larger than 524288 bytes")]
    # the failed entry kept the feed from being marked seen: the next round asks in full again
    assert second[2].line() == f"ok            {server.url}/rss.xml  0 new, 2 known, 1 failed (retried next round)"
    assert server.asked("/rss.xml") == [200, 200]
    with open_db(db_path) as db:
        assert len(articles(db)) == 2
        states = {s.url: s.status for s in list_feeds(db, config.feeds.urls)}
    assert states == {
        f"{server.url}/slow.xml": "failed: timed out",
        f"{server.url}/broken.xml": "failed: HTTP 500",
        f"{server.url}/rss.xml": "1 entries failed",
    }


def newsbot(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


async def test_newsbot_feeds_fetch_and_list(tmp_path):
    async with FeedServer() as server:
        site_items(server)
        config = tmp_path / "config.toml"
        config.write_text(
            f'[feeds]\nurls = ["{server.url}/rss.xml", "{server.url}/broken.xml"]\n', encoding="utf-8"
        )
        db = str(tmp_path / "news.db")
        fetched = await asyncio.to_thread(newsbot, "feeds", "fetch", "--config", str(config), "--db", db)
        listed = await asyncio.to_thread(newsbot, "feeds", "list", "--config", str(config), "--db", db)
    assert fetched.returncode == 1, fetched.stderr  # a feed failed
    assert fetched.stdout.splitlines() == [
        f"ok            {server.url}/rss.xml  2 new, 0 known",
        "  #1  Heinen presenteert Voorjaarsnota",
        "  #2  Nieuwe aanval op Kiev",
        f"failed        {server.url}/broken.xml: HTTP 500",
        "2 feeds: 2 new articles, 1 feed failed",
    ]
    lines = listed.stdout.splitlines()
    assert listed.returncode == 0
    assert lines[0] == f"{server.url}/rss.xml"
    assert lines[1].startswith("  Redactie Binnenland · 2 articles · ok · checked ")
    assert lines[2:] == [f"{server.url}/broken.xml", "  failed: HTTP 500 · checked " + lines[3].split("checked ")[1]]


async def test_a_feed_entry_about_a_followed_name_reaches_telegram_through_serve(seeded_db_path, tmp_path, nlp):
    import shutil

    db_path = tmp_path / "news.db"
    shutil.copy(seeded_db_path, db_path)
    with open_db(db_path) as db:
        db.execute("insert into follows (platform, chat_id, term) values ('telegram', '555', 'stikstof')")
        db.conn.commit()
    async with FeedServer() as server, FakeTelegram() as fake:
        site_items(server)
        config = feed_config(server, "/atom.xml")
        config.telegram.token = fake.token
        config.telegram.api_base_url = fake.url
        config.alerts.poll_seconds = 0.2
        stop = asyncio.Event()
        running = asyncio.create_task(
            serve(
                config, db_path, stop_event=stop, adapters={"telegram": TelegramAdapter(config, str(db_path))},
                live_options={"feed_options": {"nlp_loader": lambda: nlp}},
            )
        )  # fmt: skip
        [alert] = await fake.wait_for_messages("555", 1, timeout=30)
        await asyncio.sleep(1.0)
        stop.set()
        await asyncio.wait_for(running, 10)
    assert len(fake.messages_to("555")) == 1
    assert alert.visible_text.splitlines()[0] == "Stikstofplan voor Gelderland"
    assert f'<a href="{server.page_url("stikstof.html")}">#7, 2025-05-03</a>' in alert.text
    assert alert.visible_text.splitlines()[-1] == f"• Origineel: {server.page_url('stikstof.html')}"
    with open_db(db_path) as db:
        assert queue.alert_counts(db) == {"sent": 1}


@pytest.mark.parametrize("urls", [["ftp://x.example/rss"], "https://x.example/rss"])
def test_feed_urls_must_be_a_list_of_web_urls(tmp_path, urls):
    from bot.config import ConfigError, load_config

    path = tmp_path / "c.toml"
    value = '"' + urls + '"' if isinstance(urls, str) else "[" + ", ".join(f'"{u}"' for u in urls) + "]"
    path.write_text(f"[feeds]\nurls = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[feeds\] urls must be a list of http:// or https:// URLs"):
        load_config(path, env={})
