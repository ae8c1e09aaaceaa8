"""The ``newsbot`` command line: a thin click shell over store/, handlers/ and serve.

Exit codes: 0 success, 1 when some input failed (a bad file), 2 on usage errors and on a database
that cannot be used (one line naming the file). Text from articles is printed without terminal
control sequences.
"""

from __future__ import annotations

import sys

import click

from bot.cli_context import ConfigProblem, Context, DatabaseError, config_options  # noqa: F401 (re-exported)
from bot.cli_context import context as _context
from bot.cli_deploy import register_deploy_commands
from bot.cli_feeds import feeds_group
from bot.config import incomplete_platform
from bot.logs import setup_logging
from store.safe_text import strip_terminal_controls


def echo(text: str) -> None:
    """Print text that may come from an article: no escape sequence reaches the terminal."""
    click.echo(strip_terminal_controls(text))


@click.group()
@click.version_option(package_name="newsroom-bot")
@click.option("-v", "--verbose", is_flag=True, help="Log debug messages.")
def cli(verbose: bool) -> None:
    """newsroom-bot: load Dutch news articles, extract their facts, answer questions in chat."""
    setup_logging(verbose=verbose)


def workers_option(func):
    return click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=None,
        metavar="N",
        help="Extraction processes (default: the number of cores, at most 4; 1 extracts in this process).",
    )(func)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@config_options
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal).")
@workers_option
def load(paths, config_path, db, progress, workers) -> None:
    """Load article files, folders (recursively) or globs into the database.

    Example: newsbot load seeds/ --workers 2
    """
    from bot.progress import print_load_results
    from store.alerts import alert_batch
    from store.extraction.nlp import ModelNotFound
    from store.loader import load_paths

    ctx = _context(config_path, db)
    database = ctx.open_db()
    show_bar = sys.stderr.isatty() if progress is None else progress
    try:
        with print_load_results(paths, show_bar) as on_result, alert_batch(database, ctx.config.alerts.max_per_load):
            results = load_paths(
                database,
                paths,
                max_bytes=ctx.config.store.max_file_bytes,
                on_result=on_result,
                nlp_loader=ctx.pipeline_loader(),
                workers=workers,
            )
    except ModelNotFound as exc:
        raise click.UsageError(str(exc)) from None
    database.close()
    sys.exit(1 if any(r.status == "failed" for r in results) else 0)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array, one object per article.")
@click.option("--jsonl", "jsonl", metavar="FILE", help="Read JSON Lines {id, text[, date]} from FILE or -.")
@click.option(
    "--config",
    "config_path",
    metavar="FILE",
    envvar="NEWSBOT_CONFIG",
    help="TOML config (default: $NEWSBOT_CONFIG, else config.toml if present).",
)
def extract(paths, as_json, jsonl, config_path) -> None:
    """Extract facts from articles without a database.

    Example: newsbot extract --json seeds/*.txt
    """
    from bot.extract import extract_json, extract_jsonl

    ctx = _context(config_path, None)
    if bool(jsonl) == bool(as_json) or (jsonl and paths) or (as_json and not paths):
        raise click.UsageError("use either --json PATH... or --jsonl FILE|-")
    if jsonl:
        failures = extract_jsonl(ctx.nlp(), jsonl, sys.stdout)
    else:
        failures = extract_json(ctx.nlp(), paths, sys.stdout, ctx.config.store.max_file_bytes)
    sys.exit(1 if failures else 0)


@cli.command()
@click.option("--set", "set_names", multiple=True, metavar="NAME",
              help="Only this gold set (seeds, heldout, meantime, heldout2; heldout3 only when named); repeatable.")
@click.option("-v", "--verbose", is_flag=True, help="List every miss and extra per article (not for the unseen set).")
@click.option("--raise-floors", is_flag=True, help="Raise the floors to these figures minus 0.02 (never lower).")
@click.option("--config", "config_path", metavar="FILE", help="TOML config (default: config.toml if present).")
def evaluate(set_names, verbose, raise_floors, config_path) -> None:
    """Score extraction against the gold sets in tests/data: one table per set.

    Exits 1 when a figure is under its floor in tests/data/quality_floors.json.
    Example: newsbot evaluate --set meantime -v
    """
    from bot.evaluate import FINAL_SETS, SETS, below_floor, load_floors, raised_floors, save_floors
    from bot.evaluate import evaluate as evaluate_set
    from store.extraction.scoring import format_table

    known = {s.name: s for s in (*SETS, *FINAL_SETS)}
    unknown = [name for name in set_names if name not in known]
    if unknown:
        raise click.UsageError(f"unknown gold set {unknown[0]!r}; choose from {', '.join(known)}")
    chosen = [known[name] for name in set_names] if set_names else [s for s in SETS if s.exists()]
    missing = [s.name for s in chosen if not s.exists()]
    if missing or not chosen:
        raise click.UsageError(f"gold set not found: {', '.join(missing) or 'none'} (run from a repository checkout)")
    nlp = _context(config_path, None).nlp()
    floors = load_floors()
    failed = False
    for gold_set in chosen:
        score = evaluate_set(nlp, gold_set)
        click.echo(f"== {gold_set.name}{' (unseen)' if gold_set.unseen else ''}")
        click.echo(format_table(score))
        if verbose and score.errors:
            click.echo("\n".join(score.errors))
        for line in below_floor(score, floors.get(gold_set.name, {})):
            click.echo(f"UNDER FLOOR: {gold_set.name} {line}", err=True)
            failed = True
        if raise_floors and gold_set not in FINAL_SETS:
            floors[gold_set.name] = raised_floors(floors.get(gold_set.name, {}), score)
    if raise_floors:
        save_floors(floors)
        click.echo("floors raised in tests/data/quality_floors.json")
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", default=10, show_default=True, help="How many articles.")
@config_options
def search(query, limit, config_path, db) -> None:
    """Full-text search (Dutch stemming: "aanval" finds "aanvallen").

    Example: newsbot search aanval
    """
    from store.search import search_articles

    ctx = _context(config_path, db)
    database = ctx.open_db(create=False)
    rows = search_articles(database, " ".join(query), limit=limit)
    if not rows:
        click.echo("No articles found.")
    for row in rows:
        echo(f"#{row['id']}  {row['date'] or '—'}  {row['title'] or '(no title)'}")
        echo(f"    {row['snippet']}")


@cli.command()
@config_options
def stats(config_path, db) -> None:
    """Counts of articles and facts in the database.

    Example: newsbot stats
    """
    from store.stats import stats_lines, store_stats

    ctx = _context(config_path, db)
    for line in stats_lines(store_stats(ctx.open_db(create=False))):
        echo(line)


@cli.command()
@config_options
@workers_option
def reindex(config_path, db, workers) -> None:
    """Re-extract the facts of every stored article (after an upgrade); corrections are kept.

    Example: newsbot reindex --workers 2
    """
    from store.extraction.nlp import ModelNotFound
    from store.loader import reindex as reindex_all

    ctx = _context(config_path, db)
    try:
        done = reindex_all(ctx.open_db(), nlp_loader=ctx.pipeline_loader(), workers=workers)
    except ModelNotFound as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"reindexed {done} articles")


@cli.command()
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print the neutral reply as JSON.")
@config_options
def ask(text, as_json, config_path, db) -> None:
    """Run one command through the handlers and print the reply.

    Example: newsbot ask "/who Rubio"
    """
    from bot.console import ask as ask_once

    ctx = _context(config_path, db)
    output, code = ask_once(ctx.open_db(create=False), ctx.config, text, as_json=as_json, nlp_loader=ctx.nlp)
    echo(output)
    sys.exit(code)


@cli.command()
@config_options
def chat(config_path, db) -> None:
    """Open the console chat: the bot's commands at a local prompt.

    Example: newsbot chat
    """
    from bot.console import run_chat

    ctx = _context(config_path, db)
    run_chat(ctx.open_db(), ctx.config, nlp_loader=ctx.nlp)


@cli.command()
@config_options
def serve(config_path, db) -> None:
    """Run every configured adapter and the digest scheduler (the console chat when none is).

    Example: newsbot serve --config config.toml
    """
    from bot.serve import run_serve

    ctx = _context(config_path, db)
    problem = incomplete_platform(ctx.config)
    if problem:
        raise ConfigProblem(problem)
    ctx.open_db().close()  # a database problem is one line and exit 2, before anything starts
    sys.exit(run_serve(ctx.config, ctx.db_path))


@cli.command()
@click.option("--date", "date", metavar="YYYY-MM-DD", help="The day (or YYYY-MM month) of the digest (default: the last 24 hours).")
@click.option("--chat", "chat", metavar="ID", help="The subscribed chat or channel it is for.")
@config_options
def digest(date, chat, config_path, db) -> None:
    """Print the digest that would be posted.

    Example: newsbot digest --date 2025-04-24
    """
    import re

    from bot.digests import render_digest_text

    ctx = _context(config_path, db)
    if date and not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", date):
        raise click.UsageError(f"--date {date!r} is not a date; use YYYY-MM-DD or YYYY-MM")
    try:
        text = render_digest_text(ctx.open_db(), ctx.config, date=date, chat=chat)
    except ValueError:
        raise click.UsageError(f"--date {date!r} is not a date; use YYYY-MM-DD or YYYY-MM") from None
    echo(text)


register_deploy_commands(cli)
cli.add_command(feeds_group(config_options, _context), name="feeds")


def main() -> None:  # pragma: no cover - console entry point
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
