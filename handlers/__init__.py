"""Platform-neutral commands: a Request in, a Reply out. Imports no chat SDK and nothing from bot/.

THE HANDLER SIGNATURE (every module in handlers/ that implements a command exposes this):

    def handle(request: Request, db: sqlite_utils.Database, context: HandlerContext) -> Reply

- ``request.language`` is already resolved by ``dispatch`` (chat setting > request language) and is
  "nl" or "en"; use ``handlers.texts.t(key, request.language, **fields)`` for every user-facing text.
- ``request.is_admin`` is filled by the adapter; ``dispatch`` refuses non-admins for commands
  registered with ``admin=True`` before calling ``handle`` (subscribe/unsubscribe are registered
  with ``admin=False`` and check ``request.is_group`` / ``request.is_admin`` themselves).
- ``context`` is a ``handlers.context.HandlerContext`` (never None inside a handler: dispatch
  passes a default one): nlp_loader, max_file_bytes, timezone, default_digest_time.
- Handlers are sync and may raise: ``dispatch`` turns an exception into ``kind="error"``.
- Usage errors: ``return usage_reply("digest", request.language)`` (from handlers.common).
- Module names and functions registered in COMMANDS below:
    handlers/digest.py     handle               /digest [DATE]   (alias /samenvatting)
    handlers/subscribe.py  handle_subscribe     /subscribe [HH:MM]
                           handle_unsubscribe   /unsubscribe
  subscribe/unsubscribe are registered with admin=False (so they show in everyone's /help, since
  anyone may subscribe in a private chat); the handler itself refuses a non-admin in a group chat
  (``request.is_group and not request.is_admin`` → kind="forbidden", text ``t("forbidden", ...)``).
- Texts: add your keys to handlers/texts.py (nl and en; a test checks both exist). The usage and
  summary keys cmd.digest.*, cmd.subscribe.*, cmd.unsubscribe.* are already there.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlite_utils import Database

from handlers import (
    article,
    digest,
    follow,
    forget,
    help,
    language,
    latest,
    load,
    merge,
    numbers,
    quotes,
    role,
    search,
    split,
    stats,
    subscribe,
    timeline,
    trending,
    who,
)
from handlers.context import HandlerContext
from handlers.limits import argument_problem, query_deadline
from handlers.reply import Line, Reply, Request, Section
from handlers.sources import with_source_urls
from handlers.texts import language_or_default, t
from store.queries import chat_language

log = logging.getLogger(__name__)

Handler = Callable[[Request, Database, HandlerContext], Reply]


@dataclass(frozen=True)
class Command:
    name: str
    aliases: tuple[str, ...]
    handle: Handler
    admin: bool
    usage_nl: str
    usage_en: str
    summary_nl: str
    summary_en: str

    def usage(self, language: str) -> str:
        return self.usage_en if language == "en" else self.usage_nl

    def summary(self, language: str) -> str:
        return self.summary_en if language == "en" else self.summary_nl


def _command(name: str, handle: Handler, aliases: tuple[str, ...] = (), admin: bool = False) -> Command:
    """A registry entry whose usage and summary come from the message catalogue."""
    return Command(
        name=name,
        aliases=aliases,
        handle=handle,
        admin=admin,
        usage_nl=t(f"cmd.{name}.usage", "nl"),
        usage_en=t(f"cmd.{name}.usage", "en"),
        summary_nl=t(f"cmd.{name}.summary", "nl"),
        summary_en=t(f"cmd.{name}.summary", "en"),
    )


_ENTRIES = [  # the order of /help and the README
    _command("who", who.handle, ("wie",)),
    _command("quotes", quotes.handle, ("citaten",)),
    _command("search", search.handle, ("zoek",)),
    _command("latest", latest.handle, ("laatste",)),
    _command("article", article.handle, ("artikel",)),
    _command("timeline", timeline.handle, ("tijdlijn",)),
    _command("numbers", numbers.handle, ("cijfers",)),
    _command("trending", trending.handle),
    _command("digest", digest.handle, ("samenvatting",)),
    _command("stats", stats.handle),
    _command("language", language.handle, ("taal",)),
    _command("help", help.handle, ("hulp", "start")),
    _command("load", load.handle, admin=True),
    _command("forget", forget.handle, admin=True),
    _command("merge", merge.handle, admin=True),
    _command("split", split.handle, admin=True),
    _command("role", role.handle, admin=True),
    _command("unrole", role.handle_unrole, admin=True),
    # subscribe rules (who may) live in the handler: anyone in a private chat, admins in groups
    _command("subscribe", subscribe.handle_subscribe),
    _command("unsubscribe", subscribe.handle_unsubscribe),
    # follow rules (who may) live in the handler too, as for subscribe
    _command("follow", follow.handle_follow, ("volg",)),
    _command("unfollow", follow.handle_unfollow, ("ontvolg",)),
    _command("following", follow.handle_following, ("gevolgd",)),
]
COMMANDS: dict[str, Command] = {c.name: c for c in _ENTRIES}
UNTIMED = {"load"}  # an admin's load extracts for as long as the file needs: no query deadline
_BY_NAME: dict[str, Command] = {alias: c for c in COMMANDS.values() for alias in (c.name, *c.aliases)}
_COMMAND_TEXT = re.compile(r"^/(\w+)(?:@\w+)?(?:\s+(.*))?$", re.DOTALL)


def find_command(name: str) -> Command | None:
    """The command for a name or alias ("wie" → who), case-insensitive, without the slash."""
    return _BY_NAME.get(name.lower().lstrip("/"))


def command_names(include_admin: bool = True) -> list[str]:
    """Every name and alias, for adapters to register."""
    return [n for n, c in _BY_NAME.items() if include_admin or not c.admin]


def parse_command_text(text: str) -> tuple[str, str] | None:
    """"/who@newsbot Marco Rubio" → ("who", "Marco Rubio"); None when the text is no command."""
    match = _COMMAND_TEXT.match(text.strip())
    if not match:
        return None
    return match.group(1).lower(), (match.group(2) or "").strip()


def dispatch(request: Request, db: Database, *, context: HandlerContext | None = None) -> Reply:
    """Answer ``request``. Never raises: unknown commands get help, failures a short error.

    ``context.default_language`` (the configured [bot] language) is the fallback language;
    ``context.observer``, when set, is told every answer and how long it took.
    """
    context = context or HandlerContext()
    started = time.perf_counter()
    reply = _dispatch(request, db, context)
    if context.observer is None:
        return reply
    try:
        context.observer(request, reply, time.perf_counter() - started)
    except Exception:  # metrics must never cost an answer
        log.exception("the answer observer failed")
    return reply


def _dispatch(request: Request, db: Database, context: HandlerContext) -> Reply:
    """The reply, marked with the language it is written in."""
    try:
        language = reply_language(request, db, context.default_language)
    except Exception:  # a locked or broken database must not stop the reply
        log.exception("could not read the chat language")
        language = language_or_default(context.default_language)
    reply = _answer(request, db, context, language)
    # /language answers in the language it just chose; every other reply in the chat's
    return reply if reply.language else replace(reply, language=language)


def _answer(request: Request, db: Database, context: HandlerContext, language: str) -> Reply:
    request = replace(request, language=language, command=request.command.lower().lstrip("/"))
    command = find_command(request.command)
    if command is None:
        return replace(
            help.help_reply(language, request.is_admin, title=t("unknown_command", language, command=request.command)),
            kind="usage",
        )
    if command.admin and not request.is_admin:
        return Reply(title=t("forbidden", language, command=request.command), kind="forbidden")
    problem = argument_problem(request.args, language)
    if problem:
        usage = Line(t("usage.title", language, usage=command.usage(language)))
        return Reply(title=problem, sections=(Section(None, (usage,)),), kind="usage")
    seconds = None if command.name in UNTIMED else context.query_seconds
    deadline = None
    try:
        with query_deadline(db, seconds) as deadline:
            reply = with_source_urls(db, command.handle(request, db, context))
    except Exception:
        if not deadline or not deadline.expired:
            log.exception("/%s %r failed", command.name, request.args[:200])
            return Reply(title=t("error", language, command=request.command), kind="error")
    if deadline.expired:  # also when a handler caught the interrupted statement itself
        log.warning("/%s %r stopped after %s s", command.name, request.args[:200], seconds)
        return Reply(title=t("too_slow", language, command=request.command), kind="error")
    return reply


def reply_language(request: Request, db: Database, default: str) -> str:
    """The language to answer ``request`` in: chat setting > the request's language > ``default``."""
    if request.chat_id:
        chosen = chat_language(db, request.platform, request.chat_id)
        if chosen:
            return language_or_default(chosen)
    if request.language in ("nl", "en"):
        return request.language
    return language_or_default(default)
