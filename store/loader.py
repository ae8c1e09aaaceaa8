"""Load article files into the store: read → prepare (extract facts) → write, in input order.

Identity is the content hash: an unchanged article loaded again changes nothing; a changed one
from the same source replaces its earlier version and all of that version's facts in the same
transaction (``store.writer``: one user's upload never replaces another's article). Preparing runs in worker processes when there is enough to do
(``store.workers``); this process alone writes. Writes are batched, ``COMMIT_ARTICLES`` articles
a transaction, each article in its own savepoint: an article that cannot be stored leaves no
trace and the others go on, and a crash or kill -9 leaves the database as it was before the
batch (an article is reported only once it is committed).
"""

from __future__ import annotations

import glob
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from sqlite_utils import Database

from store import articles as reader
from store import linking
from store.alerts import record_stored_alerts
from store.db import write_transaction
from store.model import Article, BadArticle, BadRecord
from store.prepare import Prepared
from store.workers import default_workers, prepared_in_order
from store.writer import (  # noqa: F401 - store_article, forget_article: part of the loader's API
    FACT_TABLES,
    LoadResult,
    apply_corrections,
    find_by_hash,
    forget_article,
    insert_facts,
    store_article,
    write_article,
)

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
BATCH_SIZE = 64  # articles read from the database at a time by reindex
COMMIT_ARTICLES = 32  # articles written per transaction
MAX_NAME_BYTES = 255  # what file systems allow for a name: longer upload names are cut


def expand_paths(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str | None]]:
    """Files under ``paths`` (folders recursively, globs expanded), sorted; (path, error) pairs."""
    for raw in paths:
        raw = str(raw)
        matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
        if not matches:
            yield Path(raw), "no file matches this pattern"
        for match in matches:
            path = Path(match)
            if path.is_dir():
                for child in sorted(p for p in path.rglob("*") if p.is_file()):
                    if child.suffix.lower() in reader.SUPPORTED_SUFFIXES and not _hidden(child, path):
                        yield child, None
            elif path.exists():
                yield path, None
            else:
                yield path, "no such file or folder"


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def load_paths(
    db: Database,
    paths: Iterable[str | Path],
    nlp=None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_result: Callable[[LoadResult], None] | None = None,
    nlp_loader: Callable[[], object] | None = None,
    workers: int | None = None,
) -> list[LoadResult]:
    """Load every article file under ``paths``. Returns one result per article (or failed file),
    in input order, each passed to ``on_result`` once it is committed.

    The pipeline is ``nlp`` (used in this process), else built by ``nlp_loader`` only once some
    article needs extracting (loading unchanged files builds nothing), else the default pipeline.
    ``workers`` (default: the number of cores) worker processes prepare the articles when the
    pipeline is a ``PipelineLoader`` and there are enough of them.
    """
    results: list[LoadResult] = []

    def report(result: LoadResult) -> None:
        results.append(result)
        if on_result:
            on_result(result)

    def read_all() -> Iterator[tuple[str, Article | BadRecord]]:
        for path, error in expand_paths(paths):
            if error:
                yield str(path), BadRecord(str(path), error)
                continue
            try:
                found = reader.read_articles(path, max_bytes=max_bytes)
            except BadArticle as exc:
                found = [BadRecord(str(path), str(exc))]
            except Exception as exc:  # a reader bug must not stop the other files
                log.exception("could not read %s", path)
                found = [BadRecord(str(path), f"could not read: {type(exc).__name__}")]
            for item in found:
                yield str(path), item

    _load_articles(db, read_all(), nlp, nlp_loader, workers, report)
    return results


def load_bytes(
    db: Database,
    filename: str,
    data: bytes,
    nlp=None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    nlp_loader: Callable[[], object] | None = None,
    origin: str | None = None,
    workers: int | None = None,
) -> list[LoadResult]:
    """Load an uploaded file held in memory; ``filename`` (its base name only) picks the format.

    ``origin`` names the uploader ("telegram:123"): only that origin's articles can be replaced.
    The pipeline and ``workers`` as for ``load_paths``."""
    name = upload_name(filename)
    results: list[LoadResult] = []
    try:
        found = reader.read_bytes(name, data, max_bytes=max_bytes)
    except BadArticle as exc:
        return [LoadResult(name, "failed", str(exc), file=name)]
    except Exception as exc:  # a reader bug: one failed line, not a traceback to the chat
        log.exception("could not read the upload %s", name)
        return [LoadResult(name, "failed", f"could not read: {type(exc).__name__}", file=name)]
    for article in found:
        if isinstance(article, Article):
            article.origin = origin
    _load_articles(db, ((name, a) for a in found), nlp, nlp_loader, workers, results.append)
    return results


def _pipelines(nlp, nlp_loader) -> tuple[Callable[[], object], object | None]:
    """(a callable giving this process's pipeline, built on first use; the ``PipelineLoader``
    that worker processes can build theirs with, or None when only this process can)."""
    from store.extraction.nlp import PipelineLoader

    if nlp is not None:
        return (lambda: nlp), None
    if nlp_loader is None:
        nlp_loader = PipelineLoader(None)
    return nlp_loader, (nlp_loader if isinstance(nlp_loader, PipelineLoader) else None)


def upload_name(filename: str, max_bytes: int = MAX_NAME_BYTES) -> str:
    """A sender's file name as a safe label: the base name, no control characters, ≤ 255 bytes."""
    printable = "".join(c for c in filename if c.isprintable())
    name = Path(printable.replace("\\", "/")).name
    if name in ("", ".", ".."):
        return "upload.txt"
    suffix = Path(name).suffix if len(Path(name).suffix.encode()) < 16 else ""
    stem = name[: len(name) - len(suffix)] if suffix else name
    room = max_bytes - len(suffix.encode())
    return stem.encode()[:room].decode(errors="ignore") + suffix


def _load_articles(db, items: Iterator[tuple[str, Article | BadRecord]], nlp, nlp_loader, workers, report) -> None:
    """Skip unchanged articles, prepare the rest (in workers, when it pays), store them in
    batches; results are reported in input order."""
    pipeline_source, pipeline_loader = _pipelines(nlp, nlp_loader)

    def to_prepare() -> Iterator[tuple[object, Article | None]]:
        for file, article in items:
            if isinstance(article, BadRecord):
                yield LoadResult(article.path, "failed", article.reason, file=file), None
                continue
            existing = find_by_hash(db, article.content_hash)
            if existing is not None:
                yield LoadResult(article.path, "unchanged", None, existing["id"], existing["title"], file), None
            else:
                yield (file, article), article

    batch: list = []
    for key, prepared in prepared_in_order(to_prepare(), workers or default_workers(), pipeline_source, pipeline_loader):
        batch.append(key if prepared is None else (*key, prepared))
        if len(batch) >= COMMIT_ARTICLES:
            _write_batch(db, batch, report)
            batch = []
    _write_batch(db, batch, report)


def _write_batch(db: Database, batch: list, report) -> None:
    """Store the prepared articles of ``batch`` in one transaction, then report every entry of it
    in order (results that needed no writing pass through)."""
    to_store = [entry for entry in batch if not isinstance(entry, LoadResult)]
    stored = iter(_store_all(db, to_store) if to_store else [])
    for entry in batch:
        report(entry if isinstance(entry, LoadResult) else next(stored))


def _store_all(db: Database, entries: list[tuple[str, Article, Prepared | str]]) -> list[LoadResult]:
    """One write transaction; each article in a savepoint, so one failure costs that article only."""
    results = []
    try:
        with write_transaction(db):
            for file, article, prepared in entries:
                if isinstance(prepared, str):
                    result = LoadResult(article.path, "failed", prepared)
                else:
                    result = _store_one(db, article, prepared)
                result.file = file
                results.append(result)
            if any(r.status in ("loaded", "replaced") for r in results):
                apply_corrections(db)
                record_stored_alerts(db, [(a, r) for (_, a, _), r in zip(entries, results)])
    except Exception as exc:  # the transaction itself failed: nothing of the batch was stored
        log.exception("could not store a batch of %d articles", len(entries))
        return [LoadResult(a.path, "failed", f"could not store: {exc}", file=f) for f, a, _ in entries]
    return results


def _store_one(db: Database, article: Article, prepared: Prepared) -> LoadResult:
    try:
        with write_transaction(db):  # a savepoint inside the batch's transaction
            return write_article(db, article, prepared)
    except Exception as exc:
        if not db.conn.in_transaction:  # SQLite gave up the whole transaction (disk full…)
            raise
        log.exception("could not store %s", article.path)
        return LoadResult(article.path, "failed", f"could not store: {exc}")


def reindex(
    db: Database,
    nlp=None,
    on_progress: Callable[[int, int], None] | None = None,
    nlp_loader: Callable[[], object] | None = None,
    workers: int | None = None,
) -> int:
    """Re-extract the facts (and digest summary) of every stored article, after an upgrade;
    corrections are replayed. The pipeline and ``workers`` as for ``load_paths``."""
    pipeline_source, pipeline_loader = _pipelines(nlp, nlp_loader)
    ids = [row[0] for row in db.execute("select id from articles order by id").fetchall()]

    def stored() -> Iterator[tuple[int, Article]]:
        for start in range(0, len(ids), BATCH_SIZE):
            batch = ids[start : start + BATCH_SIZE]
            marks = ",".join("?" * len(batch))
            rows = db.execute(f"select id, text, date, title from articles where id in ({marks}) order by id", batch)
            for article_id, text, date, title in rows.fetchall():
                yield article_id, Article(path=f"#{article_id}", text=text, date=date, title=title)

    done = 0
    pending: list[tuple[int, Article, Prepared | str]] = []

    def write() -> None:
        nonlocal done
        with write_transaction(db):
            for article_id, article, prepared in pending:
                if isinstance(prepared, str):
                    log.error("could not reindex article %d: %s", article_id, prepared)
                    continue
                for table in FACT_TABLES:
                    db.execute(f"delete from {table} where article_id = ?", [article_id])
                linking.forget_article(db, article_id)
                insert_facts(db, article_id, article, prepared.facts)
                db.execute(
                    "update articles set summary = ? where id = ?",
                    [json.dumps(prepared.summary, ensure_ascii=False), article_id],
                )
                done += 1
        if on_progress and pending:
            on_progress(done, len(ids))
        pending.clear()

    items = ((pair, pair[1]) for pair in stored())
    for (article_id, article), prepared in prepared_in_order(items, workers or default_workers(), pipeline_source, pipeline_loader):
        pending.append((article_id, article, prepared))
        if len(pending) >= COMMIT_ARTICLES:
            write()
    write()
    with write_transaction(db):
        linking.drop_orphans(db)
        apply_corrections(db)
    return done


