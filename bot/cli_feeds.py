"""``newsbot feeds fetch`` (one pass over ``[feeds] urls``, for cron) and ``newsbot feeds list``."""

from __future__ import annotations

import sys

import click


def feeds_group(config_options, context_for) -> click.Group:
    """The ``feeds`` command group, sharing the main CLI's --config/--db options and context."""

    @click.group()
    def feeds() -> None:
        """RSS and Atom feeds ([feeds] urls): fetch new entries, list their state."""

    @feeds.command()
    @config_options
    def fetch(config_path, db) -> None:
        """Fetch every feed once and store its new entries (exit 1 when a feed failed).

        Example: newsbot feeds fetch
        """
        from bot.feeds import fetch_feeds

        ctx = context_for(config_path, db)
        urls = ctx.config.feeds.urls
        if not urls:
            raise click.UsageError("no feeds configured: set [feeds] urls in the config file")
        database = ctx.open_db()
        try:
            reports = fetch_feeds(database, ctx.config, ctx.nlp)
        finally:
            database.close()
        stored = failed = 0
        for report in reports:
            click.echo(report.line())
            for result in report.stored:
                click.echo(f"  #{result.article_id}  {result.title or result.path}")
            stored += len(report.stored)
            failed += report.status == "failed"
        feeds_word = "feed" if len(reports) == 1 else "feeds"
        click.echo(
            f"{len(reports)} {feeds_word}: {stored} new article{'s' if stored != 1 else ''}, "
            f"{failed} feed{'s' if failed != 1 else ''} failed"
        )
        sys.exit(1 if failed else 0)

    @feeds.command(name="list")
    @config_options
    def list_(config_path, db) -> None:
        """The configured feeds: title, articles stored, last outcome and check.

        Example: newsbot feeds list
        """
        from store.feeds import list_feeds

        ctx = context_for(config_path, db)
        database = ctx.open_db()
        try:
            states = list_feeds(database, ctx.config.feeds.urls)
        finally:
            database.close()
        if not states:
            click.echo("no feeds configured: set [feeds] urls in the config file")
        for feed in states:
            click.echo(feed.url)
            if feed.checked_at is None:
                click.echo("  never fetched")
                continue
            parts = [feed.title] if feed.title else []
            if feed.title or feed.entries:
                parts.append(f"{feed.entries} article{'s' if feed.entries != 1 else ''}")
            parts += [feed.status or "", f"checked {feed.checked_at}"]
            click.echo("  " + " · ".join(parts))

    return feeds
