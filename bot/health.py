"""``[serve] health_port``: ``GET /healthz`` and ``GET /metrics`` over HTTP, beside the adapters.

``/healthz`` answers 200 when every configured adapter reaches its platform and the database
answers, 503 otherwise, with a small JSON body saying which part failed::

    {"status": "ok", "database": "ok", "adapters": {"telegram": "ok", "slack": "ok"}}

An adapter is checked by asking its platform (Telegram ``getMe``; Slack ``auth.test`` and, in
Socket Mode, the socket's state), so a lost connection or a platform that is down shows, not
just a running process. Results are cached for ``cache_seconds`` so that frequent probes do not
turn into API traffic. ``/metrics`` is ``bot.metrics`` in the Prometheus text format.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.logs import redact
from bot.metrics import CONTENT_TYPE, METRICS, Metrics

log = logging.getLogger(__name__)

PROBE_TIMEOUT = 5.0


class HealthServer:
    """An aiohttp server on ``host:port`` (port 0: a free one, see ``self.port`` after start)."""

    def __init__(
        self,
        adapters: dict[str, Any],
        db_path: str | Path,
        *,
        host: str = "0.0.0.0",
        port: int = 0,
        metrics: Metrics = METRICS,
        cache_seconds: float = 2.0,
    ) -> None:
        self.adapters = adapters
        self.db_path = str(db_path)
        self.host = host
        self.port = port
        self.metrics = metrics
        self.cache_seconds = cache_seconds
        self._runner: web.AppRunner | None = None
        self._cached: tuple[float, int, dict] | None = None
        self._lock = asyncio.Lock()

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/metrics", self._metrics)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        self.port = self._runner.addresses[0][1]
        self.metrics.watch_database(self.db_path)
        log.info("health: GET /healthz and /metrics on %s:%s", self.host, self.port)

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def check(self) -> tuple[int, dict]:
        """(HTTP status, body): every adapter and the database, at most every ``cache_seconds``."""
        async with self._lock:
            now = time.monotonic()
            if self._cached and now - self._cached[0] < self.cache_seconds:
                return self._cached[1], self._cached[2]
            names = list(self.adapters)
            results = await asyncio.gather(
                asyncio.to_thread(database_state, self.db_path),
                *(probe(name, self.adapters[name]) for name in names),
            )
            body = {"database": results[0], "adapters": dict(zip(names, results[1:]))}
            healthy = all(state == "ok" for state in results)
            body = {"status": "ok" if healthy else "unhealthy", **body}
            status = 200 if healthy else 503
            self._cached = (now, status, body)
            return status, body

    async def _healthz(self, request: web.Request) -> web.Response:
        status, body = await self.check()
        return web.json_response(body, status=status)

    async def _metrics(self, request: web.Request) -> web.Response:
        payload = await asyncio.to_thread(self.metrics.exposition)
        return web.Response(body=payload, headers={"Content-Type": CONTENT_TYPE})


def database_state(db_path: str) -> str:
    """"ok" when the database opens read-only and answers a query, else the reason."""
    if not Path(db_path).is_file():
        return f"error: no database at {db_path}"
    try:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=PROBE_TIMEOUT)
        try:
            connection.execute("select count(*) from articles").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return f"error: {exc}"
    return "ok"


async def probe(name: str, adapter: Any) -> str:
    """"ok" when ``adapter`` reaches its platform, else a short reason (never a token)."""
    try:
        await asyncio.wait_for(_probe(adapter), PROBE_TIMEOUT)
    except TimeoutError:
        return f"error: no answer within {PROBE_TIMEOUT:g} s"
    except Exception as exc:
        return "error: " + (redact(str(exc))[:200] or type(exc).__name__)
    return "ok"


async def _probe(adapter: Any) -> None:
    """Raise when the adapter is not connected. Adapters may define ``async health()`` themselves."""
    if hasattr(adapter, "health"):
        await adapter.health()
        return
    application = getattr(adapter, "application", None)
    if application is not None:  # Telegram
        if not application.running:
            raise ConnectionError("not running")
        await application.bot.get_me()
        return
    client = getattr(adapter, "client", None)
    if client is not None:  # Slack
        config = adapter.config.slack
        if config.mode == "socket":
            socket = getattr(adapter, "_socket", None)
            if socket is None or not await socket.client.is_connected():
                raise ConnectionError("Socket Mode is not connected")
        elif getattr(adapter, "_runner", None) is None:
            raise ConnectionError("the events endpoint is not serving")
        await client.auth_test()
        return
    raise ConnectionError(f"cannot check a {type(adapter).__name__}")


def ask_running_server(port: int, timeout: float = PROBE_TIMEOUT) -> tuple[bool, str]:
    """``newsbot healthcheck``: (healthy, the /healthz body or why there was none) of the local serve."""
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return True, response.read().decode()
    except urllib.error.HTTPError as exc:
        return False, exc.read().decode()
    except (OSError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        return False, f"no answer from {url}: {reason}"
