"""When a digest is due: a pure function of the subscriptions, the ledger and "now".

The latest scheduled local time that has passed and is not in the ledger is due; within the grace
it is sent, beyond it recorded "skipped"; older missed ones are skipped as superseded. Occurrences
before a subscription was created are not due. Pure, so it is tested without a clock or a loop.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from bot.digests import subscription_tz
from store.subscriptions import Subscription


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
        created = parse_utc(subscription.created_at)
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


def parse_utc(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
