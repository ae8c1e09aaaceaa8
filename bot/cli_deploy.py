"""The deployment commands: ``config``, ``slack-manifest``, ``backup`` and ``healthcheck``."""

from __future__ import annotations

import sys

import click

from bot.cli_context import ConfigProblem, config_options, context


def register_deploy_commands(group: click.Group) -> None:
    for command in (show_config, slack_manifest_command, backup, healthcheck):
        group.add_command(command)


@click.command("config")
@config_options
def show_config(config_path, db) -> None:
    """Print the effective configuration (secrets masked) and where each value came from.

    Example: NEWSBOT_DIGEST_TIME=06:45 newsbot config
    """
    from bot.config_show import render_config

    ctx = context(config_path, db)
    config = ctx.config
    if db:
        config.store.db = db
        config.sources["store.db"] = "--db"
    click.echo(render_config(config), nl=False)


@click.command("slack-manifest")
@click.option("--url", metavar="URL", help="HTTP mode: the bot's public URL (serves /slack/events).")
@click.option("--yaml", "as_yaml", is_flag=True, help="YAML instead of JSON.")
@click.option("--umbrella-only", is_flag=True, help="Only the /newsbot command, not one per command.")
@click.option("--name", default="newsroom-bot", show_default=True, help="The app's and the bot user's name.")
@config_options
def slack_manifest_command(url, as_yaml, umbrella_only, name, config_path, db) -> None:
    """Print the Slack app manifest ([slack] mode decides Socket Mode or HTTP).

    Example: newsbot slack-manifest > manifest.json
    """
    from bot.manifest import render, slack_manifest

    ctx = context(config_path, db)
    try:
        manifest = slack_manifest(ctx.config, url=url, umbrella_only=umbrella_only, name=name)
    except ValueError as exc:
        raise ConfigProblem(str(exc)) from None
    click.echo(render(manifest, as_yaml), nl=False)


@click.command()
@click.argument("target", metavar="FILE")
@click.option("--overwrite", is_flag=True, help="Replace FILE if it exists.")
@config_options
def backup(target, overwrite, config_path, db) -> None:
    """Copy the database to FILE online (serve and loads keep running); the copy is checked.

    Example: newsbot backup backups/newsroom-$(date +%F).db
    """
    from bot.backup import BackupError, backup_database

    ctx = context(config_path, db)
    try:
        result = backup_database(ctx.db_path, target, overwrite=overwrite)
    except BackupError as exc:
        raise ConfigProblem(str(exc)) from None
    click.echo(result.describe(ctx.db_path))


@click.command()
@config_options
def healthcheck(config_path, db) -> None:
    """Ask the running serve's GET /healthz ([serve] health_port): exit 0 when healthy, else 1.

    Example: newsbot healthcheck   (the container's HEALTHCHECK)
    """
    from bot.health import ask_running_server

    ctx = context(config_path, db)
    port = ctx.config.serve.health_port
    if not port:
        raise ConfigProblem("[serve] health_port is not set (NEWSBOT_SERVE_HEALTH_PORT); serve has no health endpoint")
    healthy, body = ask_running_server(port)
    click.echo(body.strip(), err=not healthy)
    sys.exit(0 if healthy else 1)
