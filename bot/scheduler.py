"""Daily digests: one APScheduler cron job per subscription, each digest sent at most once.

How a digest goes out exactly once (see also ``store.subscriptions``):

- *Due check* — ``due_digests`` is a pure function of the subscriptions, the ledger keys and
  "now": the latest scheduled local time that has passed and is not in the ledger is due; within
  ``[digest] grace_hours`` it is sent, beyond it it is recorded "skipped" (and logged), never
  silently dropped. Occurrences before a subscription was created are not due.
- *Claim, then post* — before posting, the (subscription, date) row is inserted with status
  "sending" under a unique index; whoever fails to insert does not post. So a cron job and the
  sync job firing together, a restart, or a second process never post twice.
- *Parts and retries* — a digest longer than one message goes out part by part, each delivered
  part counted in the ledger (``bot.delivery``); a platform error is retried after each of
  ``retry_delays`` (1, 4, 16 s by default) from the part that failed, never from part 1; then the
  row is marked "failed" with the error. A shutdown before any part went out releases the claim;
  one part-way leaves it for the next start to finish.
- *Interrupted* — a claim whose process died (kill -9, a crash, another host silent for
  ``STALE_CLAIM``) is logged as interrupted and, within the grace, taken over and finished from
  the first part not recorded as delivered (built for the moment it was first claimed); beyond the
  grace it is recorded "failed" with the reason.
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
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlite_utils import Database

from bot.config import Config
from bot.delivery import DeliveryFailed, Progress, deliver_parts
from bot.digest_due import due_digests, parse_utc, scheduled_at
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
        self.catch_up = asyncio.get_running_loop().create_task(self._catch_up(), name="digest catch-up")
        return self.catch_up

    async def _catch_up(self) -> list[Outcome]:
        """Interrupted digests first (finished or recorded), then whatever is due now."""
        resumed = await self.resume_interrupted()
        return resumed + await self.run_due()

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
        await self.resume_interrupted()
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

    async def _send(
        self,
        subscription: Subscription,
        day: str,
        now: datetime,
        *,
        progress: Progress | None = None,
        built_at: datetime | None = None,
    ) -> Outcome:
        """Post a claimed digest part by part with retries and settle its ledger row.

        ``progress`` and ``built_at`` resume an interrupted digest: its parts already delivered,
        and the moment it was first claimed (so that it is built as it was then)."""
        where = f"{subscription.platform}:{subscription.chat_id}"
        resuming = progress is not None
        progress = progress or Progress()
        poster = self.posters[subscription.platform]
        try:
            reply = await self._build_digest(subscription, built_at or now)
            parts = reply_parts(poster, reply)
            if resuming:
                log.warning(
                    "digest %s for %s was interrupted after part %d of %d; sending parts %d to %d",
                    day, where, progress.sent, len(parts), progress.sent + 1, len(parts),
                )  # fmt: skip
            await deliver_parts(
                parts,
                lambda part: send_part(poster, subscription.chat_id, part),
                progress=progress,
                retry_delays=self.retry_delays,
                sleep=self.sleep,
                on_sent=lambda sent: subs.record_parts_sent(self.db, subscription.id, day, sent),
                what=f"digest {day} for {where}",
            )
            subs.finish_digest(
                self.db, subscription.id, day, "sent", attempts=progress.attempts, now=now, parts_sent=progress.sent
            )
            log.info("digest %s sent to %s", day, where)
            return Outcome(subscription.id, day, "sent", progress.attempts)
        except asyncio.CancelledError:
            if progress.sent or progress.posting:  # part-way: the next start sends the rest
                subs.release_part_way(self.db, subscription.id, day)
            else:  # nothing went out, so the next start sends it whole
                subs.release_claim(self.db, subscription.id, day)
            raise
        except DeliveryFailed:
            error = progress.error
        except Exception as exc:  # building the digest failed: record it, never leave it "sending"
            error = f"{type(exc).__name__}: {exc}"
            log.exception("digest %s for %s could not be built", day, where)
        subs.finish_digest(
            self.db, subscription.id, day, "failed", attempts=progress.attempts, error=error, now=now,
            parts_sent=progress.sent,
        )  # fmt: skip
        log.error("digest %s for %s failed after %d attempts: %s", day, where, progress.attempts, error)
        return Outcome(subscription.id, day, "failed", progress.attempts, error)

    async def resume_interrupted(self) -> list[Outcome]:
        """Digests whose sender died: finished within the grace, else recorded failed (logged)."""
        now = self.clock()
        by_id = {s.id: s for s in subs.list_subscriptions(self.db)}
        tasks = []
        for row in subs.interrupted_claims(self.db, now - STALE_CLAIM):
            subscription = by_id.get(row["subscription_id"])
            if subscription is None or subscription.platform not in self.posters:
                continue
            tz = subscription_tz(subscription, self.config.tz)
            late = now - scheduled_at(subscription, date.fromisoformat(row["digest_date"]), tz)
            sent = row["parts_sent"] or 0
            if late > self.grace:
                error = (
                    f"interrupted while sending, after part {sent}; "
                    f"{late / timedelta(hours=1):.1f} h late, beyond the grace: not resent"
                )
                subs.finish_digest(self.db, subscription.id, row["digest_date"], "failed",
                                   attempts=row["attempts"] or 0, error=error, now=now)  # fmt: skip
                log.warning("digest %s for %s:%s %s", row["digest_date"], subscription.platform, subscription.chat_id, error)
                continue
            if not subs.take_over_claim(self.db, row):
                continue
            task = asyncio.get_running_loop().create_task(
                self._send(subscription, row["digest_date"], now, progress=Progress(sent=sent),
                           built_at=parse_utc(row["sent_at"]))  # fmt: skip
            )
            self._sending.add(task)
            task.add_done_callback(self._sending.discard)
            tasks.append(task)
        return list(await asyncio.gather(*tasks))


def reply_parts(poster: Poster, reply: Reply) -> list:
    """The messages ``reply`` goes out as on ``poster``'s platform (one, for a poster that cannot say)."""
    parts = getattr(poster, "reply_parts", None)
    return parts(reply) if parts is not None else [reply]


async def send_part(poster: Poster, chat_id: str, part) -> None:
    sender = getattr(poster, "send_part", None)
    if sender is not None:
        await sender(chat_id, part)
    else:
        await poster.send_reply(chat_id, part)


def digest_trigger(subscription: Subscription, default_tz: ZoneInfo) -> CronTrigger:
    """The daily cron trigger of a subscription, in its own (or the configured) time zone."""
    return CronTrigger(
        hour=subscription.hour, minute=subscription.minute, timezone=subscription_tz(subscription, default_tz)
    )
