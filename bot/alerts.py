"""Deliver the alert queue: every ``[alerts] poll_seconds`` serve claims pending alerts and posts them.

The queue is filled by whichever process stores an article (``store.alerts``), so a ``newsbot
load`` in another shell, an upload or a feed pass all end up here. Delivery follows the digests'
rules (``bot/scheduler.py``): a platform error is retried after each of ``retry_delays``, then the
alert is recorded failed; a shutdown while waiting to retry puts it back (nothing went out), a
shutdown during a post marks it failed (it may have arrived: never post twice). Alerts left
``sending`` by a process that died are marked failed at start-up.

A chat's alerts go out one after the other, in the order they were recorded (the articles of a
load, then its summary line); different chats are served at the same time.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.config import Config
from handlers.alerts import alert_reply, summary_reply
from handlers.reply import Reply
from handlers.sources import with_source_urls
from handlers.texts import language_or_default
from store import alerts as queue
from store.db import open_db
from store.queries import chat_language

log = logging.getLogger(__name__)

RETRY_DELAYS = (1.0, 4.0, 16.0)
STALE_CLAIM = timedelta(minutes=10)
CLAIM_LIMIT = 200


@dataclass(frozen=True)
class Delivery:
    alert_id: int
    platform: str
    chat_id: str
    status: str  # sent | failed | released
    attempts: int = 0
    error: str | None = None


class AlertSender:
    """Claims pending alerts for the platforms it has posters for, and posts them."""

    def __init__(
        self,
        db_path: str,
        config: Config,
        posters: dict[str, Any],
        *,
        retry_delays: Iterable[float] = RETRY_DELAYS,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.db = open_db(db_path, migrate=False)
        self.config = config
        self.posters = dict(posters)
        self.retry_delays = tuple(retry_delays)
        self.sleep = sleep
        self.scheduler: AsyncIOScheduler | None = None
        self._db_lock = threading.Lock()  # one call at a time on this connection, and none after close
        self._closed = False
        self._stopping = False
        self._sending: set[asyncio.Task] = set()
        self._polls: set[asyncio.Task] = set()

    def start(self) -> None:
        """Fail interrupted claims, then poll every ``[alerts] poll_seconds`` (first poll at once)."""
        for alert_id in queue.fail_stale(self.db, STALE_CLAIM):
            log.warning("alert %s was interrupted while posting; not resent", alert_id)
        self.scheduler = AsyncIOScheduler(timezone=self.config.tz)
        self.scheduler.add_job(
            self.deliver_pending,
            IntervalTrigger(seconds=self.config.alerts.poll_seconds),
            id="alerts",
            coalesce=True,
            max_instances=1,
            next_run_time=_now_in(self.config),
        )
        self.scheduler.start()

    async def stop(self) -> None:
        """Stop polling, cancel posts in progress (their rows are settled), wait for a claim in
        progress, close the connection."""
        self._stopping = True
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        for task in self._sending:
            task.cancel()
        await asyncio.gather(*self._polls, *self._sending, return_exceptions=True)
        await asyncio.to_thread(self._locked, self._close)

    def _close(self) -> None:
        self._closed = True
        self.db.close()

    async def deliver_pending(self) -> list[Delivery]:
        """Claim what is pending and post it; returns what happened to each claimed alert."""
        poll = asyncio.current_task()
        if poll is not None:
            self._polls.add(poll)
        try:
            return await self._deliver_pending()
        finally:
            self._polls.discard(poll)

    async def _deliver_pending(self) -> list[Delivery]:
        if self._stopping:
            return []
        claimed = await self._db(queue.claim_alerts, self.db, self.posters, CLAIM_LIMIT)
        if self._stopping:  # stopped while claiming: leave them for the next start
            for alert in claimed:
                await self._db(queue.finish_alert, self.db, alert.id, "pending", attempts=alert.attempts)
            return []
        by_chat: dict[tuple[str, str], list[queue.Alert]] = {}
        for alert in claimed:
            by_chat.setdefault((alert.platform, alert.chat_id), []).append(alert)
        tasks = []
        for alerts in by_chat.values():
            task = asyncio.get_running_loop().create_task(self._send_chat(alerts))
            self._sending.add(task)
            task.add_done_callback(self._sending.discard)
            tasks.append(task)
        results = await asyncio.gather(*tasks)
        return [delivery for chat in results for delivery in chat]

    async def _send_chat(self, alerts: list[queue.Alert]) -> list[Delivery]:
        done: list[Delivery] = []
        try:
            for alert in alerts:
                done.append(await self._send(alert))
        except asyncio.CancelledError:
            for alert in alerts[len(done) + 1 :]:  # claimed but not started: back to pending
                self._locked(queue.finish_alert, self.db, alert.id, "pending", attempts=alert.attempts)
            raise
        return done

    async def _send(self, alert: queue.Alert) -> Delivery:
        where = f"{alert.platform}:{alert.chat_id}"
        attempts, error, posting = alert.attempts, None, False
        try:
            reply = await self._db(self._build, alert)
            if reply is None:
                error = f"article #{alert.article_id} was removed before its alert was sent"
                await self._db(queue.finish_alert, self.db, alert.id, "failed", attempts=attempts, error=error)
                return Delivery(alert.id, alert.platform, alert.chat_id, "failed", attempts, error)
            poster = self.posters[alert.platform]
            for delay in (0.0, *self.retry_delays):
                if delay:
                    await self.sleep(delay)
                attempts += 1
                try:
                    posting = True
                    await poster.send_reply(alert.chat_id, reply)
                    posting = False
                except asyncio.CancelledError:
                    raise
                except Exception as exc:  # noqa: BLE001 - the platform's error, whatever the SDK calls it
                    posting = False
                    error = f"{type(exc).__name__}: {exc}"
                    log.warning("alert %s to %s: attempt %d failed: %s", alert.id, where, attempts, error)
                    continue
                await self._db(queue.finish_alert, self.db, alert.id, "sent", attempts=attempts)
                log.info("alert %s sent to %s", alert.id, where)
                return Delivery(alert.id, alert.platform, alert.chat_id, "sent", attempts)
        except asyncio.CancelledError:
            if posting:
                self._locked(queue.finish_alert, self.db, alert.id, "failed", attempts=attempts, error="stopped while posting")
            else:
                self._locked(queue.finish_alert, self.db, alert.id, "pending", attempts=attempts)
            raise
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            log.exception("alert %s to %s could not be built", alert.id, where)
        await self._db(queue.finish_alert, self.db, alert.id, "failed", attempts=attempts, error=error)
        log.error("alert %s to %s failed after %d attempts: %s", alert.id, where, attempts, error)
        return Delivery(alert.id, alert.platform, alert.chat_id, "failed", attempts, error)

    def _build(self, alert: queue.Alert) -> Reply | None:
        language = language_or_default(chat_language(self.db, alert.platform, alert.chat_id) or self.config.bot.language)
        if alert.kind == "summary":
            return summary_reply(alert.count or 0, alert.matched, language)
        reply = alert_reply(self.db, alert.article_id, alert.matched, language)
        return with_source_urls(self.db, reply) if reply else None

    async def _db(self, func, *args, **kwargs):
        """A database call in a worker thread (a load in progress may hold the write lock)."""
        return await asyncio.to_thread(self._locked, func, *args, **kwargs)

    def _locked(self, func, *args, **kwargs):
        with self._db_lock:
            if self._closed:
                raise RuntimeError("the alert sender is stopped")
            return func(*args, **kwargs)


def _now_in(config: Config) -> datetime:
    return datetime.now(config.tz)
