"""/language nl|en (/taal) — the bot's language in this chat, kept in chat_settings."""

from __future__ import annotations

from sqlite_utils import Database

from handlers.common import usage_reply
from handlers.context import HandlerContext
from handlers.reply import Reply, Request
from handlers.texts import LANGUAGES, t

NAMES = {"nl": "nl", "nederlands": "nl", "dutch": "nl", "en": "en", "english": "en", "engels": "en"}


def handle(request: Request, db: Database, context: HandlerContext) -> Reply:
    wanted = request.args.strip().lower()
    if not wanted:
        return Reply(title=t("language.current", request.language))
    if request.is_group and not request.is_admin:  # a group's language is everyone's: admins set it
        return Reply(title=t("language.group_admins", request.language, command=request.command), kind="forbidden")
    language = NAMES.get(wanted)
    if language not in LANGUAGES:
        return usage_reply("language", request.language)
    db["chat_settings"].upsert(
        {"platform": request.platform, "chat_id": request.chat_id, "language": language},
        pk=("platform", "chat_id"),
    )
    return Reply(title=t("language.set", language), language=language)
