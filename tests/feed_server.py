"""A local news site for tests: aiohttp on 127.0.0.1 serving RSS and Atom feeds and article pages.

Feeds answer conditional GETs (ETag and Last-Modified → 304) like a real CMS; ``/slow.xml``
answers after ``slow_seconds``, ``/broken.xml`` with HTTP 500, and ``/pages/huge.html`` sends more
than any sane page limit. Every request is recorded (path, status) so tests can see what was asked.
Feeds and pages are plain attributes: a test changes ``rss_items`` and the next GET sees it.
"""

from __future__ import annotations

import asyncio
import html
from dataclasses import dataclass, field

from aiohttp import web

LAST_MODIFIED = "Fri, 02 May 2025 08:00:00 GMT"


@dataclass
class Item:
    guid: str | None
    link: str | None
    title: str
    date: str  # RFC 822 for RSS ("Fri, 02 May 2025 07:00:00 GMT") or ISO for Atom
    content: str | None = None  # full HTML content (content:encoded / Atom content)
    summary: str = ""


@dataclass
class FeedServer:
    rss_items: list[Item] = field(default_factory=list)
    atom_items: list[Item] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)  # name → HTML, served at /pages/<name>
    slow_seconds: float = 5.0
    requests: list[tuple[str, int]] = field(default_factory=list)
    version: int = 1  # part of the ETag: bump it when a feed changes

    def __post_init__(self) -> None:
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def start(self) -> FeedServer:
        app = web.Application()
        app.router.add_get("/rss.xml", self._rss)
        app.router.add_get("/atom.xml", self._atom)
        app.router.add_get("/slow.xml", self._slow)
        app.router.add_get("/broken.xml", self._broken)
        app.router.add_get("/pages/huge.html", self._huge)
        app.router.add_get("/pages/{name}", self._page)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> FeedServer:
        return await self.start()

    async def __aexit__(self, *exc) -> None:
        await self.stop()

    def page_url(self, name: str) -> str:
        return f"{self.url}/pages/{name}"

    def asked(self, path: str) -> list[int]:
        """The statuses of every request for ``path``, in order."""
        return [status for asked, status in self.requests if asked == path]

    # -- handlers ----------------------------------------------------------------------------
    def _conditional(self, request: web.Request, body: str, content_type: str) -> web.Response:
        etag = f'"v{self.version}"'
        unchanged_since = self.version == 1 and request.headers.get("If-Modified-Since") == LAST_MODIFIED
        if request.headers.get("If-None-Match") == etag or unchanged_since:
            return self._record(request, web.Response(status=304))
        response = web.Response(text=body, content_type=content_type, charset="utf-8")
        response.headers["ETag"] = etag
        if self.version == 1:
            response.headers["Last-Modified"] = LAST_MODIFIED
        return self._record(request, response)

    def _record(self, request: web.Request, response: web.StreamResponse) -> web.StreamResponse:
        self.requests.append((request.path, response.status))
        return response

    async def _rss(self, request: web.Request) -> web.Response:
        return self._conditional(request, rss(self.rss_items), "application/rss+xml")

    async def _atom(self, request: web.Request) -> web.Response:
        return self._conditional(request, atom(self.atom_items), "application/atom+xml")

    async def _slow(self, request: web.Request) -> web.Response:
        await asyncio.sleep(self.slow_seconds)
        return self._record(request, web.Response(text=rss([]), content_type="application/rss+xml"))

    async def _broken(self, request: web.Request) -> web.Response:
        return self._record(request, web.Response(status=500, text="Internal Server Error"))

    async def _huge(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html; charset=utf-8"})
        await response.prepare(request)  # no Content-Length: the reader must count while it streams
        self.requests.append((request.path, 200))
        chunk = ("<p>" + "Heel lang verhaal. " * 500 + "</p>\n").encode()
        try:
            for _ in range(400):  # ~4 MB
                await response.write(chunk)
        except (ConnectionResetError, RuntimeError):  # the reader gave up, as it should
            pass
        return response

    async def _page(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in self.pages:
            return self._record(request, web.Response(status=404, text="Not Found"))
        return self._record(request, web.Response(text=self.pages[name], content_type="text/html", charset="utf-8"))


def rss(items: list[Item]) -> str:
    entries = []
    for item in items:
        parts = [f"<title>{html.escape(item.title)}</title>", f"<pubDate>{item.date}</pubDate>"]
        if item.link:
            parts.append(f"<link>{html.escape(item.link)}</link>")
        if item.guid:
            parts.append(f'<guid isPermaLink="false">{html.escape(item.guid)}</guid>')
        if item.summary:
            parts.append(f"<description>{html.escape(item.summary)}</description>")
        if item.content:
            parts.append(f"<content:encoded><![CDATA[{item.content}]]></content:encoded>")
        entries.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>Redactie Binnenland</title><link>http://127.0.0.1/</link><description>Test</description>"
        + "".join(entries)
        + "</channel></rss>"
    )


def atom(items: list[Item]) -> str:
    entries = []
    for item in items:
        parts = [f"<title>{html.escape(item.title)}</title>", f"<updated>{item.date}</updated>"]
        if item.guid:
            parts.append(f"<id>{html.escape(item.guid)}</id>")
        if item.link:
            parts.append(f'<link rel="alternate" href="{html.escape(item.link)}"/>')
        if item.content:
            parts.append(f'<content type="html">{html.escape(item.content)}</content>')
        entries.append("<entry>" + "".join(parts) + "</entry>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Redactie Buitenland</title><id>urn:test:atom</id><updated>2025-05-02T08:00:00Z</updated>"
        + "".join(entries)
        + "</feed>"
    )


def article_page(title: str, paragraphs: list[str], published: str = "2025-05-02") -> str:
    """A news page as a CMS renders it: navigation, the article, a footer."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)} | Testkrant</title>"
        f"<meta property='article:published_time' content='{published}'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/binnenland'>Binnenland</a> <a href='/buitenland'>Buitenland</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>{body}</article>"
        "<footer>© Testkrant. Alle rechten voorbehouden.</footer></body></html>"
    )
