"""Daily digests: one APScheduler cron job per subscription, each digest sent at most once.

How a digest goes out exactly once (see also ``store.subscriptions``):

- *Due check* — ``due_digests`` is a pure function of the subscriptions, the ledger keys and
  "now": the latest scheduled local time that has passed and is not in the ledger is due; within
  ``[digest] grace_hours`` it is sent, beyond it it is recorded "skipped" (and logged), never
  silently dropped. Occurrences before a subscription was created are not due.
- *Claim, then post* — before posting, the (subscription, date) row is inserted with status
  "sending" under a unique index; whoever fails to insert does not post. So a cron job and the
  sync job firing together, a restart, or a second process never post twice.
- *Retries* — a platform error is retried after each of ``retry_delays`` (1, 4, 16 s by default),
  then the row is marked "failed" with the error. A shutdown while waiting to retry releases the
  claim (nothing was posted, so the catch-up after the restart sends it); a shutdown during a post
  marks it "failed" (it may have arrived: we prefer a missing digest, logged, to a double one).
- *Catch-up* — ``start()`` runs the due check at once, so a digest whose time passed while the
  process was down is sent once at start-up (within the grace).
- *Chat changes* — ``/subscribe`` and ``/unsubscribe`` only write the table (handlers never import
  bot/); a sync job every ``sync_seconds`` reconciles the cron jobs with the table and re-runs the
  due check, a safety net for a cron job that fired a moment early.

The clock is injectable, so tests drive all of this without waiting for real minutes.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlite_utils import Database

from bot.config import Config
from bot.digests import subscription_digest, subscription_tz, utc_now
from handlers.reply import Reply
from store import subscriptions as subs
from store.db import open_db
from store.subscriptions import Subscription

log = logging.getLogger(__name__)

RETRY_DELAYS = (1.0, 4.0, 16.0)
SYNC_SECONDS = 30
STALE_CLAIM = timedelta(minutes=10)


class Poster(Protocol):
    """What the scheduler needs of an adapter (TelegramAdapter, SlackAdapter, a test recorder)."""

    async def send_reply(self, chat_id: str, reply: Reply) -> None: ...


Clock = Callable[[], datetime]


@dataclass(frozen=True)
class DueDigest:
    subscription: Subscription
    digest_date: date  # the local date it is for
    scheduled_at: datetime  # UTC
    action: Literal["send", "skip"]
    reason: str = ""


def scheduled_at(subscription: Subscription, day: date, tz: ZoneInfo) -> datetime:
    """The UTC moment of ``subscription``'s digest on local ``day`` (right across DST changes)."""
    local = datetime.combine(day, time(subscription.hour, subscription.minute), tzinfo=tz)
    return local.astimezone(UTC)


def due_digests(
    subscriptions: Iterable[Subscription],
    recorded: set[tuple[int, str]],
    now: datetime,
    grace: timedelta,
    default_tz: ZoneInfo,
) -> list[DueDigest]:
    """The digests to send or record as skipped at ``now``; pure, so it is tested directly.

    For each subscription the occurrences within the grace window (plus one day) that have passed,
    are not in ``recorded`` and are not older than the subscription are considered: the latest is
    sent when it is at most ``grace`` late, otherwise skipped; older ones are skipped.
    """
    now = now.astimezone(UTC)
    lookback = 1 + math.ceil(grace / timedelta(days=1))
    due: list[DueDigest] = []
    for subscription in subscriptions:
        tz = subscription_tz(subscription, default_tz)
        today = now.astimezone(tz).date()
        created = _parse_utc(subscription.created_at)
        missed = []
        for back in range(lookback, -1, -1):
            day = today - timedelta(days=back)
            at = scheduled_at(subscription, day, tz)
            if at > now or (created and at < created) or (subscription.id, day.isoformat()) in recorded:
                continue
            missed.append((day, at))
        if not missed:
            continue
        *older, (day, at) = missed
        for old_day, old_at in older:
            due.append(DueDigest(subscription, old_day, old_at, "skip", "superseded by a later digest"))
        if now - at <= grace:
            due.append(DueDigest(subscription, day, at, "send"))
        else:
            late = (now - at) / timedelta(hours=1)
            due.append(DueDigest(subscription, day, at, "skip", f"{late:.1f} h late, beyond the grace"))
    return due


def _parse_utc(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# --- the scheduler --------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    subscription_id: int
    digest_date: str
    status: str  # sent | failed | skipped | released
    attempts: int = 0
    error: str | None = None


class DigestScheduler:
    """Posts each subscription's digest through the poster of its platform, once a day."""

    def __init__(
        self,
        db: Database,
        config: Config,
        posters: dict[str, Poster],
        *,
        clock: Clock = utc_now,
        retry_delays: Iterable[float] = RETRY_DELAYS,
        sync_seconds: float = SYNC_SECONDS,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.db = db
        self.config = config
        self.posters = dict(posters)
        self.clock = clock
        self.retry_delays = tuple(retry_delays)
        self.sync_seconds = sync_seconds
        self.sleep = sleep
        self.grace = timedelta(hours=config.digest.grace_hours)
        self.scheduler: AsyncIOScheduler | None = None
        self.catch_up: asyncio.Task | None = None
        self._sending: set[asyncio.Task] = set()
        self._job_times: dict[str, tuple[str, str]] = {}

    # -- lifecycle -----------------------------------------------------------------------------
    def start(self) -> asyncio.Task:
        """Start the cron and sync jobs (inside the running loop) and the catch-up check.

        Returns the catch-up task, which callers may await (tests do).
        """
        self.release_stale_claims()
        self.scheduler = AsyncIOScheduler(timezone=self.config.tz)
        self.sync_jobs()
        self.scheduler.add_job(
            self._sync_and_check,
            IntervalTrigger(seconds=self.sync_seconds),
            id="sync",
            coalesce=True,
            max_instances=1,
        )
        self.scheduler.start()
        for subscription in subs.list_subscriptions(self.db):
            if subscription.platform not in self.posters:
                log.warning(
                    "digest for %s:%s is not posted: %s is not configured",
                    subscription.platform,
                    subscription.chat_id,
                    subscription.platform,
                )
        self.catch_up = asyncio.get_running_loop().create_task(self.run_due(), name="digest catch-up")
        return self.catch_up

    async def stop(self) -> None:
        """Stop the jobs and cancel digests in progress (their claims are settled, not left open)."""
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        tasks = list(self._sending)
        if self.catch_up is not None:
            tasks.append(self.catch_up)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # -- jobs ----------------------------------------------------------------------------------
    def sync_jobs(self) -> None:
        """Make the cron jobs match the subscriptions table (added, changed, removed)."""
        if self.scheduler is None:
            return
        wanted = {}
        for subscription in subs.list_subscriptions(self.db):
            if subscription.platform in self.posters:
                tz = subscription.timezone or self.config.bot.timezone
                wanted[f"digest:{subscription.id}"] = (subscription, (subscription.time, tz))
        for job_id in list(self._job_times):
            if job_id not in wanted:
                self.scheduler.remove_job(job_id)
                del self._job_times[job_id]
                log.info("digest job %s removed", job_id)
        for job_id, (subscription, when) in wanted.items():
            if self._job_times.get(job_id) == when:
                continue
            self.scheduler.add_job(
                self.run_due,
                digest_trigger(subscription, self.config.tz),
                args=[[subscription.id]],
                id=job_id,
                replace_existing=True,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=int(self.grace.total_seconds()) or None,
            )
            self._job_times[job_id] = when
            log.info("digest for %s:%s at %s (%s)", subscription.platform, subscription.chat_id, *when)

    async def _sync_and_check(self) -> None:
        self.sync_jobs()
        await self.run_due()

    def jobs(self) -> dict[str, datetime | None]:
        """Job id → next run time (UTC), for logs and tests."""
        if self.scheduler is None:
            return {}
        return {
            job.id: job.next_run_time.astimezone(UTC) if job.next_run_time else None
            for job in self.scheduler.get_jobs()
        }

    def describe(self) -> list[str]:
        """One line per digest job for the start-up log: "telegram:1001 at 07:30, next 2025-07-01 07:30+02:00"."""
        jobs = self.jobs()
        lines = []
        for subscription in subs.list_subscriptions(self.db):
            next_run = jobs.get(f"digest:{subscription.id}")
            if next_run is not None:
                local = next_run.astimezone(subscription_tz(subscription, self.config.tz))
                lines.append(
                    f"{subscription.platform}:{subscription.chat_id} at {subscription.time}, next {local.isoformat(' ', 'minutes')}"
                )
        return lines

    # -- the due check and posting ---------------------------------------------------------------
    async def run_due(self, subscription_ids: list[int] | None = None) -> list[Outcome]:
        """Send (or record as skipped) every digest due now; returns what happened."""
        now = self.clock()
        found = [
            s
            for s in subs.list_subscriptions(self.db)
            if s.platform in self.posters and (subscription_ids is None or s.id in subscription_ids)
        ]
        outcomes: list[Outcome] = []
        sending = []
        for due in due_digests(found, subs.ledger_keys(self.db), now, self.grace, self.config.tz):
            sub, day = due.subscription, due.digest_date.isoformat()
            if due.action == "skip":
                if subs.record_skipped(self.db, sub.id, day, due.reason, now):
                    log.warning("digest %s for %s:%s skipped: %s", day, sub.platform, sub.chat_id, due.reason)
                    outcomes.append(Outcome(sub.id, day, "skipped", error=due.reason))
            elif subs.claim_digest(self.db, sub.id, day, now):
                task = asyncio.get_running_loop().create_task(self._send(sub, day, now))
                self._sending.add(task)
                task.add_done_callback(self._sending.discard)
                sending.append(task)
        outcomes += await asyncio.gather(*sending)
        return outcomes

    async def _build_digest(self, subscription: Subscription, now: datetime) -> Reply:
        """The digest, built in a worker thread on its own connection: summarising takes up to a
        second, during which Telegram polling and Slack must keep running in this loop."""
        path = self.db.execute("pragma database_list").fetchone()[2]
        if not path:  # an in-memory database cannot be opened twice
            return subscription_digest(self.db, subscription, self.config, now)

        def build() -> Reply:
            db = open_db(path, migrate=False)
            try:
                return subscription_digest(db, subscription, self.config, now)
            finally:
                db.close()

        return await asyncio.to_thread(build)

    async def _send(self, subscription: Subscription, day: str, now: datetime) -> Outcome:
        """Post a claimed digest with retries and settle its ledger row."""
        where = f"{subscription.platform}:{subscription.chat_id}"
        attempts, error, posting = 0, None, False
        try:
            reply = await self._build_digest(subscription, now)
            poster = self.posters[subscription.platform]
            for delay in (0.0, *self.retry_delays):
                if delay:
                    await self.sleep(delay)
                attempts += 1
                try:
                    posting = True
                    await poster.send_reply(subscription.chat_id, reply)
                    posting = False
                except asyncio.CancelledError:
                    raise
                except Exception as exc:  # noqa: BLE001 - the platform's error, whatever the SDK calls it
                    posting = False
                    error = f"{type(exc).__name__}: {exc}"
                    log.warning("digest %s for %s: attempt %d failed: %s", day, where, attempts, error)
                    continue
                subs.finish_digest(self.db, subscription.id, day, "sent", attempts=attempts, now=now)
                log.info("digest %s sent to %s", day, where)
                return Outcome(subscription.id, day, "sent", attempts)
        except asyncio.CancelledError:
            if posting:  # it may have arrived: never post it again
                subs.finish_digest(
                    self.db,
                    subscription.id,
                    day,
                    "failed",
                    attempts=attempts,
                    error="stopped while posting",
                    now=now,
                )
            else:  # stopped between retries: nothing went out, so the next start sends it
                subs.release_claim(self.db, subscription.id, day)
            raise
        except Exception as exc:  # building the digest failed: record it, never leave it "sending"
            error = f"{type(exc).__name__}: {exc}"
            log.exception("digest %s for %s could not be built", day, where)
        subs.finish_digest(self.db, subscription.id, day, "failed", attempts=attempts, error=error, now=now)
        log.error("digest %s for %s failed after %d attempts: %s", day, where, attempts, error)
        return Outcome(subscription.id, day, "failed", attempts, error)

    def release_stale_claims(self) -> None:
        """Digests left "sending" by a process that died mid-post: marked failed, never resent."""
        for row in subs.stale_claims(self.db, self.clock() - STALE_CLAIM):
            subs.finish_digest(
                self.db,
                row["subscription_id"],
                row["digest_date"],
                "failed",
                attempts=row["attempts"] or 0,
                error="interrupted: the process stopped while posting; not resent to avoid a double post",
                now=self.clock(),
            )
            log.warning(
                "digest %s of subscription %s was interrupted while posting",
                row["digest_date"],
                row["subscription_id"],
            )


def digest_trigger(subscription: Subscription, default_tz: ZoneInfo) -> CronTrigger:
    """The daily cron trigger of a subscription, in its own (or the configured) time zone."""
    return CronTrigger(
        hour=subscription.hour, minute=subscription.minute, timezone=subscription_tz(subscription, default_tz)
    )
