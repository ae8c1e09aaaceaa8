"""What every ``newsbot`` command shares: the config and database behind ``--config`` and ``--db``.

Config and environment problems are one line and exit code 2 (``ConfigProblem``).
"""

from __future__ import annotations

import click

from bot.config import Config, ConfigError, load_config
from bot.logs import setup_logging


class ConfigProblem(click.ClickException):
    """A config or environment value that cannot be used: one line, exit code 2."""

    exit_code = 2


class DatabaseError(click.ClickException):
    """A database file that cannot be used: one line, exit code 2."""

    exit_code = 2


class Context:
    def __init__(self, config_path: str | None, db: str | None):
        self.config_path = config_path
        self.db_override = db
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            try:
                self._config = load_config(self.config_path)
            except ConfigError as exc:
                raise ConfigProblem(str(exc)) from None
            _apply_log_config(self._config)
        return self._config

    @property
    def db_path(self) -> str:
        config = self.config  # validated even when --db makes [store] db moot
        return self.db_override or config.store.db

    def open_db(self, *, create: bool = True):
        """The database; read-only commands pass ``create=False`` and never create one."""
        from store.db import DatabaseProblem, open_db

        try:
            return open_db(self.db_path, create=create)
        except DatabaseProblem as exc:
            raise DatabaseError(str(exc)) from None

    def nlp(self):
        from store.extraction.nlp import ModelNotFound, shared_pipeline

        try:
            return shared_pipeline(self.config.nlp.model)
        except ModelNotFound as exc:
            raise click.UsageError(str(exc)) from None

    def pipeline_loader(self):
        """The configured pipeline as a plain value that worker processes can build too."""
        from store.extraction.nlp import PipelineLoader

        return PipelineLoader(self.config.nlp.model)


def config_options(func):
    func = click.option("--db", "db", metavar="FILE", help="SQLite database (overrides [store] db).")(func)
    func = click.option(
        "--config",
        "config_path",
        metavar="FILE",
        envvar="NEWSBOT_CONFIG",
        help="TOML config (default: $NEWSBOT_CONFIG, else config.toml if present).",
    )(func)
    return func


def _apply_log_config(config: Config) -> None:
    """[log] level and format (``-v`` still means DEBUG); the config's secrets are redacted from logs."""
    from bot.config_show import secret_values
    from bot.logs import redact

    redact.add(secret_values(config))
    root = click.get_current_context(silent=True)
    verbose = bool(root and root.find_root().params.get("verbose"))
    setup_logging(config.log.level, config.log.format, verbose=verbose)


def context(config_path: str | None, db: str | None) -> Context:
    return Context(config_path, db)
