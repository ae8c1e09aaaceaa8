"""Digest subscriptions and the digests_sent ledger that makes every digest go out at most once.

A subscription is one chat (Telegram chat or Slack channel) receiving the daily digest at a local
time. Rows come from the config (origin "config", synced at start-up) or from the chat itself
(``/subscribe``, origin "chat").

The ledger has one row per (subscription, local date), guarded by a unique index. The scheduler
*claims* a row (status "sending", ``claimed_by`` host:pid) before it posts; a second process or a
second run finds the row and does nothing. It counts the parts delivered (``parts_sent``) as it
goes, and marks the row "sent" or "failed"; a digest missed for longer than the grace period is
recorded "skipped". A claim whose process died (or that a stopping process ``released``) is
*interrupted*: the next scheduler takes it over and sends the parts that are left.
"""

from __future__ import annotations

import os
import socket
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlite_utils import Database

PLATFORMS = ("telegram", "slack")
STATUSES = ("sending", "sent", "failed", "skipped")


@dataclass(frozen=True)
class Subscription:
    id: int
    platform: str
    chat_id: str
    time: str  # "HH:MM" local time
    timezone: str | None = None
    language: str | None = None
    origin: str = "chat"  # config | chat
    created_by: str | None = None
    created_at: str | None = None  # ISO timestamp, UTC

    @property
    def hour(self) -> int:
        return int(self.time.split(":")[0])

    @property
    def minute(self) -> int:
        return int(self.time.split(":")[1])


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _subscription(row: dict) -> Subscription:
    return Subscription(**{k: row[k] for k in Subscription.__dataclass_fields__})


def list_subscriptions(db: Database) -> list[Subscription]:
    return [_subscription(row) for row in db["subscriptions"].rows_where(order_by="id")]


def get_subscription(db: Database, platform: str, chat_id: str) -> Subscription | None:
    rows = list(db["subscriptions"].rows_where("platform = ? and chat_id = ?", [platform, str(chat_id)]))
    return _subscription(rows[0]) if rows else None


def find_by_chat(db: Database, chat_id: str) -> Subscription | None:
    """The subscription of ``chat_id`` on any platform (for ``newsbot digest --chat ID``)."""
    rows = list(db["subscriptions"].rows_where("chat_id = ?", [str(chat_id)], order_by="id"))
    return _subscription(rows[0]) if rows else None


def subscribe(
    db: Database,
    platform: str,
    chat_id: str,
    time: str,
    *,
    timezone_name: str | None = None,
    language: str | None = None,
    origin: str = "chat",
    created_by: str | None = None,
) -> tuple[Subscription, bool]:
    """Subscribe ``chat_id`` (or change its time). Returns the subscription and whether it is new."""
    if platform not in PLATFORMS:
        raise ValueError(f"unknown platform {platform!r}; use one of {', '.join(PLATFORMS)}")
    with db.atomic():
        existing = get_subscription(db, platform, chat_id)
        if existing is not None:
            changes = {"time": time}
            if timezone_name:
                changes["timezone"] = timezone_name
            if language:
                changes["language"] = language
            db["subscriptions"].update(existing.id, changes)
            return get_subscription(db, platform, chat_id), False
        db["subscriptions"].insert(
            {
                "platform": platform,
                "chat_id": str(chat_id),
                "time": time,
                "timezone": timezone_name,
                "language": language,
                "origin": origin,
                "created_by": created_by,
                "created_at": _utc_now(),
            }
        )
        return get_subscription(db, platform, chat_id), True


def unsubscribe(db: Database, platform: str, chat_id: str) -> bool:
    """Remove the subscription of ``chat_id`` and its ledger rows. False when there was none."""
    with db.atomic():
        existing = get_subscription(db, platform, chat_id)
        if existing is None:
            return False
        db.execute("delete from digests_sent where subscription_id = ?", [existing.id])
        db.execute("delete from subscriptions where id = ?", [existing.id])
    return True


def sync_config_subscriptions(
    db: Database,
    time: str,
    chats: dict[str, Iterable[str]],
    *,
    timezone_name: str | None = None,
    language: str | None = None,
) -> dict[str, list[str]]:
    """Make the config's subscriptions (origin "config") match ``chats`` ({platform: [chat ids]}).

    New chats are added; a config chat whose time changed is updated; a config subscription no
    longer in the config is removed. A chat that subscribed itself (origin "chat") keeps its own
    time. Returns {"added": [...], "updated": [...], "removed": [...]} as "platform:chat" labels.
    """
    wanted = {(platform, str(chat)) for platform, ids in chats.items() for chat in ids}
    report: dict[str, list[str]] = {"added": [], "updated": [], "removed": []}
    with db.atomic():
        for platform, chat_id in sorted(wanted):
            existing = get_subscription(db, platform, chat_id)
            label = f"{platform}:{chat_id}"
            if existing is None:
                subscribe(
                    db,
                    platform,
                    chat_id,
                    time,
                    timezone_name=timezone_name,
                    language=language,
                    origin="config",
                )
                report["added"].append(label)
            elif existing.origin == "config" and (existing.time, existing.timezone) != (time, timezone_name):
                db["subscriptions"].update(existing.id, {"time": time, "timezone": timezone_name})
                report["updated"].append(label)
        for sub in list_subscriptions(db):
            if sub.origin == "config" and (sub.platform, sub.chat_id) not in wanted:
                unsubscribe(db, sub.platform, sub.chat_id)
                report["removed"].append(f"{sub.platform}:{sub.chat_id}")
    return report


# --- the digests_sent ledger ----------------------------------------------------------------


def ledger_keys(db: Database) -> set[tuple[int, str]]:
    """Every (subscription id, digest date) already recorded, whatever its status."""
    return {(row[0], row[1]) for row in db.execute("select subscription_id, digest_date from digests_sent")}


RELEASED = "released"  # claimed_by of a digest that a stopping process left part-way


def this_process() -> str:
    """How a claim names its owner: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


def claim_digest(db: Database, subscription_id: int, digest_date: str, now: datetime | None = None) -> bool:
    """Record that this digest is being sent. False when it was already claimed (by anyone)."""
    try:
        with db.atomic():
            db["digests_sent"].insert(
                {
                    "subscription_id": subscription_id,
                    "digest_date": digest_date,
                    "status": "sending",
                    "attempts": 0,
                    "sent_at": _iso(now),
                    "parts_sent": 0,
                    "claimed_by": this_process(),
                }
            )
    except sqlite3.IntegrityError:
        return False
    return True


def record_parts_sent(db: Database, subscription_id: int, digest_date: str, parts: int) -> None:
    """How many parts of a claimed digest have been delivered (a resend starts after them)."""
    with db.atomic():
        db.execute(
            "update digests_sent set parts_sent = ? where subscription_id = ? and digest_date = ?",
            [parts, subscription_id, digest_date],
        )


def release_part_way(db: Database, subscription_id: int, digest_date: str) -> None:
    """A stopping process leaves a part-sent digest for the next start to finish."""
    with db.atomic():
        db.execute(
            "update digests_sent set claimed_by = ? where subscription_id = ? and digest_date = ? and status = 'sending'",
            [RELEASED, subscription_id, digest_date],
        )


def interrupted_claims(db: Database, older_than: datetime) -> list[dict]:
    """Digests left "sending" by a process that is gone: one on this host that no longer runs, one
    released part-way, or any claim made before ``older_than`` (another host's, which we cannot
    check)."""
    host = socket.gethostname()
    found = []
    for row in db["digests_sent"].rows_where("status = 'sending'", order_by="id"):
        owner_host, _, pid = (row["claimed_by"] or "").rpartition(":")
        gone = row["claimed_by"] == RELEASED or (owner_host == host and pid.isdigit() and not _running(int(pid)))
        old = row["sent_at"] and datetime.fromisoformat(row["sent_at"]) < older_than
        if gone or old:
            found.append(row)
    return found


def take_over_claim(db: Database, row: dict) -> bool:
    """Make an interrupted claim this process's own; False when another process was quicker."""
    with db.atomic():
        cursor = db.execute(
            "update digests_sent set claimed_by = ? where id = ? and status = 'sending' and claimed_by is ?",
            [this_process(), row["id"], row["claimed_by"]],
        )
    return cursor.rowcount == 1


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it runs
        return True
    return True


def finish_digest(
    db: Database,
    subscription_id: int,
    digest_date: str,
    status: str,
    *,
    attempts: int = 0,
    error: str | None = None,
    now: datetime | None = None,
    parts_sent: int | None = None,
) -> None:
    """Set the outcome of a claimed digest: sent or failed (and how many parts arrived)."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    with db.atomic():
        db.execute(
            "update digests_sent set status = ?, attempts = ?, error = ?, sent_at = ?,"
            " parts_sent = coalesce(?, parts_sent) where subscription_id = ? and digest_date = ?",
            [status, attempts, error, _iso(now), parts_sent, subscription_id, digest_date],
        )


def release_claim(db: Database, subscription_id: int, digest_date: str) -> None:
    """Undo a claim whose digest was certainly not posted (stopped before or between attempts)."""
    with db.atomic():
        db.execute(
            "delete from digests_sent where subscription_id = ? and digest_date = ? and status = 'sending'",
            [subscription_id, digest_date],
        )


def record_skipped(
    db: Database, subscription_id: int, digest_date: str, reason: str, now: datetime | None = None
) -> bool:
    """Record a digest that will not be sent (missed beyond the grace). False if already recorded."""
    if not claim_digest(db, subscription_id, digest_date, now):
        return False
    finish_digest(db, subscription_id, digest_date, "skipped", error=reason, now=now)
    return True


def ledger(db: Database, subscription_id: int | None = None) -> list[dict]:
    """Ledger rows, oldest first (for tests, logs and ``/stats``)."""
    where, params = ("subscription_id = ?", [subscription_id]) if subscription_id is not None else (None, [])
    return list(db["digests_sent"].rows_where(where, params, order_by="digest_date, subscription_id"))


def last_sent_at(db: Database, subscription_id: int) -> datetime | None:
    """When this subscription's previous digest was sent (UTC), or None."""
    row = db.execute(
        "select max(sent_at) from digests_sent where subscription_id = ? and status = 'sent'",
        [subscription_id],
    ).fetchone()
    return datetime.fromisoformat(row[0]) if row and row[0] else None


def _iso(moment: datetime | None) -> str:
    moment = moment or datetime.now(UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")
