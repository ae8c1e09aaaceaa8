"""What a subscribed chat receives: its digest, in its language, since its previous digest.

Also the text ``newsbot digest`` prints. The scheduler (``bot/scheduler.py``)
decides when; this module decides what.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from bot.config import Config
from handlers.digest import digest_reply, parse_period
from handlers.reply import Reply
from handlers.sources import with_source_urls
from store import subscriptions as subs
from store.digest import period_between
from store.queries import chat_language
from store.subscriptions import Subscription

MAX_DIGEST_SPAN = timedelta(days=7)  # after a long outage the next digest covers a week at most


def utc_now() -> datetime:
    return datetime.now(UTC)


def subscription_tz(subscription: Subscription, default: ZoneInfo) -> ZoneInfo:
    return ZoneInfo(subscription.timezone) if subscription.timezone else default


def subscription_language(db: Database, subscription: Subscription, config: Config) -> str:
    return (
        chat_language(db, subscription.platform, subscription.chat_id)
        or subscription.language
        or config.bot.language
    )


def subscription_digest(db: Database, subscription: Subscription, config: Config, now: datetime) -> Reply:
    """The digest for ``subscription`` at ``now``: the articles since its previous digest."""
    tz = subscription_tz(subscription, config.tz)
    since = subs.last_sent_at(db, subscription.id) or now - timedelta(hours=24)
    since = max(since, now - MAX_DIGEST_SPAN)
    label = now.astimezone(tz).date().isoformat()
    reply = digest_reply(db, period_between(since, now, tz), subscription_language(db, subscription, config), label)
    return with_source_urls(db, reply)


def render_digest_text(db: Database, config: Config, date: str | None = None, chat: str | None = None) -> str:
    """What ``newsbot digest [--date D] [--chat ID]`` prints.

    With a date: that day's digest. With a subscribed chat and no date: what that chat would get
    now (the articles since its previous digest). Otherwise: the last 24 hours.
    """
    subscription = subs.find_by_chat(db, chat) if chat else None
    language = subscription_language(db, subscription, config) if subscription else config.bot.language
    now = utc_now()
    if date is None and subscription is not None:
        return subscription_digest(db, subscription, config, now).plain_text()
    parsed = parse_period(date or "", now.astimezone(config.tz), config.tz)
    if parsed is None:
        raise ValueError(f"not a date: {date!r}; use YYYY-MM-DD")
    period, label = parsed
    return digest_reply(db, period, language, label).plain_text()
