"""/role NAME: ROLE and /unrole NAME: ROLE — an admin adds or hides a role (kept as corrections).

The colon is optional: without it, the longest leading part of the text that names a known
entity is the name and the rest is the role ("/role Marco Rubio minister").
"""

from __future__ import annotations

from sqlite_utils import Database

from handlers import names
from handlers.common import name_not_resolved, usage_reply
from handlers.context import HandlerContext
from handlers.reply import Action, Reply, Request
from handlers.texts import t
from store import queries
from store.corrections import record_correction
from store.names import normalize

MAX_NAME_WORDS = 6  # the longest name tried before a role without a colon


def split_name_role(db: Database, args: str) -> tuple[names.NameMatch, str] | None:
    """The name (resolved) and the role in ``args``; None when there is no role."""
    text = args.strip()
    if ":" in text:
        name, role = (p.strip() for p in text.split(":", 1))
        return (names.resolve(db, name, allow_typos=False), role) if name and role else None
    words = text.split()
    for cut in range(min(len(words) - 1, MAX_NAME_WORDS), 0, -1):
        match = names.resolve(db, " ".join(words[:cut]), allow_typos=False)
        if match.entity is not None:
            return match, " ".join(words[cut:])
    if len(words) < 2:
        return None
    return names.resolve(db, words[0], allow_typos=False), " ".join(words[1:])


def _parse(request: Request, db: Database, command: str):
    parsed = split_name_role(db, request.args)
    if parsed is None:
        return usage_reply(command, request.language)
    match, role = parsed
    if match.entity is None:
        return name_not_resolved(match, "who", request.language)
    return match.entity, role


def handle(request: Request, db: Database, context: HandlerContext) -> Reply:
    parsed = _parse(request, db, "role")
    if isinstance(parsed, Reply):
        return parsed
    entity, role = parsed
    record_correction(db, "role", entity.name, role, request.user_id)
    return Reply(
        title=t("role.done", request.language, name=entity.name, role=role),
        actions=(Action(entity.name, f"/who {entity.name}"),),
    )


def handle_unrole(request: Request, db: Database, context: HandlerContext) -> Reply:
    parsed = _parse(request, db, "unrole")
    if isinstance(parsed, Reply):
        return parsed
    entity, role = parsed
    known = [r["role"] for r in queries.entity_roles(db, entity.entity_id)]
    if normalize(role) not in {normalize(r) for r in known}:
        roles = ", ".join(dict.fromkeys(known)) or t("none", request.language)
        return Reply(title=t("unrole.unknown", request.language, name=entity.name, role=role, roles=roles), kind="not_found")
    record_correction(db, "unrole", entity.name, role, request.user_id)
    return Reply(
        title=t("unrole.done", request.language, name=entity.name, role=role),
        actions=(Action(entity.name, f"/who {entity.name}"),),
    )
