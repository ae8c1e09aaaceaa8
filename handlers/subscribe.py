"""/subscribe [HH:MM] and /unsubscribe — the daily digest in this chat, at a local time.

In a group chat or channel only the bot's admins may (un)subscribe; in a private chat anyone may,
for themselves. The scheduler picks up a change within its sync interval (it re-reads the
subscriptions table; handlers never talk to the scheduler directly).
"""

from __future__ import annotations

import re

from sqlite_utils import Database

from handlers.common import chat_refusal, usage_reply
from handlers.context import HandlerContext
from handlers.reply import Reply, Request
from handlers.texts import t
from store import subscriptions

TIME = re.compile(r"^(\d{1,2})(?:[:.hu](\d{2}))?$")


def parse_time(text: str) -> str | None:
    """ "7:30", "07.30", "7u30", "8" → "07:30" / "08:00"; None when it is not a time of day."""
    match = TIME.match(text.strip().lower())
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _refusal(request: Request, command: str) -> Reply | None:
    return chat_refusal(request, command, "subscribe.platform_only")


def handle_subscribe(request: Request, db: Database, context: HandlerContext) -> Reply:
    """Subscribe this chat to the daily digest, or change its time."""
    refusal = _refusal(request, "subscribe")
    if refusal:
        return refusal
    time = parse_time(request.args) if request.args.strip() else context.default_digest_time
    if time is None:
        return usage_reply("subscribe", request.language)
    existing = subscriptions.get_subscription(db, request.platform, request.chat_id)
    if existing is not None and existing.origin == "config":
        return Reply(title=t("subscribe.config", request.language, time=existing.time), kind="forbidden")
    subscription, created = subscriptions.subscribe(
        db,
        request.platform,
        request.chat_id,
        time,
        timezone_name=context.timezone,
        language=request.language,
        origin="chat",
        created_by=request.user_id or None,
    )
    key = "subscribe.done" if created else "subscribe.changed"
    return Reply(title=t(key, request.language, time=subscription.time, timezone=context.timezone))


def handle_unsubscribe(request: Request, db: Database, context: HandlerContext) -> Reply:
    """Stop the daily digest in this chat."""
    refusal = _refusal(request, "unsubscribe")
    if refusal:
        return refusal
    existing = subscriptions.get_subscription(db, request.platform, request.chat_id)
    if existing is None:
        return Reply(title=t("unsubscribe.none", request.language), kind="not_found")
    if existing.origin == "config":
        return Reply(title=t("unsubscribe.config", request.language), kind="forbidden")
    subscriptions.unsubscribe(db, request.platform, request.chat_id)
    return Reply(title=t("unsubscribe.done", request.language))
