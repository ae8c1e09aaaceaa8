"""/merge NAME into NAME — an admin says two names are one entity (kept as a correction)."""

from __future__ import annotations

import re

from sqlite_utils import Database

from handlers import names
from handlers.common import name_not_resolved, usage_reply
from handlers.context import HandlerContext
from handlers.reply import Action, Reply, Request
from handlers.texts import t
from store.corrections import record_correction

SEPARATOR = re.compile(r"\s+(?:into|in|naar)\s+|\s*(?:->|→|=>)\s*", re.IGNORECASE)


def handle(request: Request, db: Database, context: HandlerContext) -> Reply:
    language = request.language
    parts = SEPARATOR.split(request.args.strip(), maxsplit=1)
    if len(parts) != 2 or not all(p.strip() for p in parts):
        return usage_reply("merge", language)
    resolved = []
    for part in parts:
        match = names.resolve(db, part.strip(), allow_typos=False)
        if match.entity is None:
            return name_not_resolved(match, "who", language)
        resolved.append(match.entity)
    merged, target = resolved
    if merged.entity_id == target.entity_id:
        return Reply(title=t("merge.same", language, name=parts[0].strip(), other=parts[1].strip()))
    record_correction(db, "merge", merged.name, target.name, request.user_id)
    return Reply(
        title=t("merge.done", language, source=merged.name, target=target.name),
        actions=(Action(target.name, f"/who {target.name}"),),
    )
