"""/load — an admin loads an attached article file, exactly as `newsbot load` would.

In the console (the local operator) ``/load PATH...`` loads files or folders from disk instead; no
chat platform can reach the server's disk this way.
"""

from __future__ import annotations

import shlex

from sqlite_utils import Database

from handlers.context import HandlerContext
from handlers.reply import Action, Line, Reply, Request, Section
from handlers.texts import t
from store.alerts import alert_batch
from store.loader import LoadResult, load_bytes, load_paths, upload_name

STATUSES = ("loaded", "replaced", "unchanged", "failed")


def handle(request: Request, db: Database, context: HandlerContext) -> Reply:
    if request.attachment is None and not (request.platform == "console" and request.args.strip()):
        return Reply(title=t("load.no_file", request.language), kind="usage")
    with alert_batch(db, context.max_alerts_per_load):  # one load: alerts capped per chat
        return _load(request, db, context)


def _load(request: Request, db: Database, context: HandlerContext) -> Reply:
    language = request.language
    if request.attachment is not None:
        name = upload_name(request.attachment.filename)  # never echo a sender's path tricks
        results = load_bytes(
            db,
            name,
            request.attachment.content,
            max_bytes=context.max_file_bytes,
            nlp_loader=context.nlp_loader,
            origin=f"{request.platform}:{request.user_id}",  # one uploader never replaces another's
        )
    else:  # the console's /load PATH...
        name = request.args.strip()
        try:
            paths = shlex.split(name)
        except ValueError:
            paths = name.split()
        results = load_paths(db, paths, max_bytes=context.max_file_bytes, nlp_loader=context.nlp_loader)
    return result_reply(name, results, language)



def result_reply(name: str, results: list[LoadResult], language: str) -> Reply:
    lines = []
    for result in results:
        if result.status == "failed":
            lines.append(Line(t("load.failed", language, path=result.path, reason=result.reason or "")))
        else:
            label = f"#{result.article_id} {result.title or result.path}"
            if result.status == "replaced" and result.replaced_title is not None:
                was = result.replaced_title or f"#{result.article_id}"
                lines.append(Line(t("load.replaced_was", language, label=label, was=was)))
            else:
                lines.append(Line(t(f"load.{result.status}", language, label=label)))
    counts = {status: sum(r.status == status for r in results) for status in STATUSES}
    lines.append(Line(t("load.total", language, **counts)))
    ids = [r.article_id for r in results if r.status in ("loaded", "replaced") and r.article_id]
    return Reply(
        title=t("load.title", language, filename=name),
        sections=(Section(None, tuple(lines)),),
        actions=tuple(Action(t("action.article", language, id=i), f"/article {i}") for i in ids[:3]),
        kind="error" if counts["failed"] and counts["failed"] == len(results) else "answer",
    )
