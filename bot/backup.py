"""``newsbot backup FILE``: a consistent copy of the database while serve and loads keep running.

SQLite's online backup API copies one snapshot: in WAL mode the copy holds a read transaction,
which never blocks the writer, so serve and ``newsbot load`` go on undisturbed. The copy is
written to a temporary file beside FILE, checked with ``PRAGMA integrity_check`` and only then
renamed to FILE, so FILE is never a half-written database.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path


class BackupError(Exception):
    """Why no backup was made, in one line."""


@dataclass(frozen=True)
class BackupResult:
    target: Path
    articles: int
    size: int  # bytes

    def describe(self, source: str | Path) -> str:
        return (
            f"backed up {source} to {self.target}: {self.articles} articles, "
            f"{self.size / 1024 / 1024:.1f} MB, integrity ok"
        )


def backup_database(source: str | Path, target: str | Path, *, overwrite: bool = False) -> BackupResult:
    """Copy ``source`` to ``target`` online; raises ``BackupError`` (no file is left behind)."""
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise BackupError(f"no database at {source}; nothing to back up")
    if target.exists() and not overwrite:
        raise BackupError(f"{target} already exists; choose a new file or pass --overwrite")
    if target.exists() and target.resolve() == source.resolve():
        raise BackupError(f"{target} is the database itself")
    if target.is_dir():
        raise BackupError(f"{target} is a folder; give a file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(handle)
    try:
        _copy(source, Path(temporary))
        articles = _check(Path(temporary))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return BackupResult(target, articles, target.stat().st_size)


def _copy(source: Path, temporary: Path) -> None:
    try:
        reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot open {source}: {exc}") from None
    try:
        writer = sqlite3.connect(temporary)
        try:
            reader.backup(writer)  # all pages in one step: one consistent snapshot
        finally:
            writer.close()
    except sqlite3.Error as exc:
        raise BackupError(f"backup of {source} failed: {exc}") from None
    finally:
        reader.close()


def _check(path: Path) -> int:
    """Run integrity_check on the copy; the number of articles in it."""
    connection = sqlite3.connect(path)
    try:
        result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise BackupError(f"the copy failed its integrity check: {'; '.join(result[:3])}")
        tables = {row[0] for row in connection.execute("select name from sqlite_master where type = 'table'")}
        if "articles" not in tables:
            return 0
        return connection.execute("select count(*) from articles").fetchone()[0]
    finally:
        connection.close()
