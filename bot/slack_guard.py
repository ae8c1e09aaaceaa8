"""What reaches the Slack listeners: signed, fresh, and new.

slack-bolt checks signatures itself, but logs a refused request's whole body at INFO (a 1 MB
unsigned request became a 1 MB log line), answers a non-numeric timestamp with a 500 and a
traceback, and runs a handler again for a replayed request or an event that Slack resends with
``X-Slack-Retry-Num``. ``http_guard`` sits in front of bolt in HTTP mode: it verifies the
signature first (401 with a one-line log otherwise) and answers a request whose signature it has
seen with an empty 200. ``first_delivery`` is a bolt middleware that drops an event whose
``event_id`` was handled already (Events API retries, over HTTP and Socket Mode alike).
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from aiohttp import web
from slack_bolt.response import BoltResponse
from slack_sdk.signature import SignatureVerifier

log = logging.getLogger(__name__)

SIGNATURE_WINDOW = 5 * 60  # seconds: Slack's own rule for a request's timestamp
KEPT = 10_000


class SeenOnce:
    """Keys seen within ``ttl`` seconds (at most ``kept``): ``first(key)`` is True only once."""

    def __init__(self, ttl: float = 2 * SIGNATURE_WINDOW, kept: int = KEPT, clock=time.monotonic) -> None:
        self.ttl, self.kept, self.clock = ttl, kept, clock
        self._seen: OrderedDict[str, float] = OrderedDict()

    def first(self, key: str) -> bool:
        now = self.clock()
        while self._seen and (len(self._seen) > self.kept or next(iter(self._seen.values())) < now - self.ttl):
            self._seen.popitem(last=False)
        if key in self._seen:
            return False
        self._seen[key] = now
        return True


def http_guard(signing_secret: str) -> Callable:
    """An aiohttp middleware: only signed, fresh, not yet seen requests go on to bolt."""
    verifier = SignatureVerifier(signing_secret)
    signatures = SeenOnce()

    @web.middleware
    async def guard(request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]):
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        body = await request.read()
        if not timestamp.isdigit() or not verifier.is_valid(body, timestamp, signature):
            log.warning("slack: refused a request without a valid signature (%d bytes)", len(body))
            return web.json_response({"error": "invalid request"}, status=401)
        if not signatures.first(signature):
            log.warning("slack: ignored a replayed request (signature seen before)")
            return web.Response(status=200)
        return await handler(request)

    return guard


def first_delivery() -> Callable:
    """A bolt middleware: an event whose ``event_id`` was handled already is acknowledged only."""
    event_ids = SeenOnce(ttl=3600)

    async def middleware(body: dict, next: Callable[[], Awaitable[BoltResponse]]) -> BoltResponse:
        event_id = body.get("event_id") if isinstance(body, dict) else None
        if event_id and not event_ids.first(str(event_id)):
            log.info("slack: event %s was delivered again; answered once already", event_id)
            return BoltResponse(status=200, body="")
        return await next()

    return middleware
