"""Give every citation in a reply the URL of its article, so adapters can link ``[#id, date]``."""

from __future__ import annotations

from dataclasses import replace

from sqlite_utils import Database

from handlers.reply import Reply


def with_source_urls(db: Database, reply: Reply) -> Reply:
    """``reply`` with each cited article's http(s) URL filled in (one query; unchanged when none)."""
    ids = {line.source.article_id for s in reply.sections for line in s.lines if line.source and not line.source.url}
    if not ids:
        return reply
    marks = ", ".join("?" * len(ids))
    urls = dict(
        db.execute(
            f"select id, url from articles where id in ({marks}) and (url like 'http://%' or url like 'https://%')",
            sorted(ids),
        ).fetchall()
    )
    if not urls:
        return reply
    sections = tuple(
        replace(
            section,
            lines=tuple(
                replace(line, source=replace(line.source, url=urls[line.source.article_id]))
                if line.source and line.source.article_id in urls and not line.source.url
                else line
                for line in section.lines
            ),
        )
        for section in reply.sections
    )
    return replace(reply, sections=sections)
