"""Load article files into the store: read → extract facts → write, one transaction per article.

Identity is the content hash: an unchanged article loaded again changes nothing; a changed one
from the same source replaces its earlier version and all of that version's facts in the same
transaction, so a crash leaves the database as it was before the article. The same source is
the same origin (the uploader of a chat upload, or the operator's own files) with the same url,
else the same path: one user's upload never replaces another's article.
"""

from __future__ import annotations

import glob
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from store import articles as reader
from store import linking
from store.db import write_transaction
from store.model import Article, BadArticle, BadRecord, Facts
from store.search import stem_text

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
BATCH_SIZE = 64
FACT_TABLES = ("mentions", "roles", "quotes", "numbers", "dates")
MAX_NAME_BYTES = 255  # what file systems allow for a name: longer upload names are cut


@dataclass
class LoadResult:
    path: str  # the file (or file#n for one record of a JSON Lines file)
    status: str  # loaded | unchanged | replaced | failed
    reason: str | None = None
    article_id: int | None = None
    title: str | None = None
    file: str = field(default="", repr=False)  # the file it came from, for per-file summaries
    replaced_title: str | None = None  # what a replaced article was called before

    @property
    def ok(self) -> bool:
        return self.status != "failed"


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
) -> list[LoadResult]:
    """Load every article file under ``paths``. Returns one result per article (or failed file).

    The pipeline is ``nlp``, else built by ``nlp_loader`` only once some article needs extracting
    (loading unchanged files builds nothing), else the default pipeline.
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

    _load_articles(db, read_all(), _pipeline_source(nlp, nlp_loader), report)
    return results


def load_bytes(
    db: Database,
    filename: str,
    data: bytes,
    nlp=None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    nlp_loader: Callable[[], object] | None = None,
    origin: str | None = None,
) -> list[LoadResult]:
    """Load an uploaded file held in memory; ``filename`` (its base name only) picks the format.

    ``origin`` names the uploader ("telegram:123"): only that origin's articles can be replaced."""
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
    _load_articles(db, ((name, a) for a in found), _pipeline_source(nlp, nlp_loader), results.append)
    return results


def _pipeline_source(nlp, nlp_loader) -> Callable[[], object]:
    """A zero-argument callable giving the pipeline, built on first use."""
    if nlp is not None:
        return lambda: nlp
    if nlp_loader is not None:
        return nlp_loader
    from store.extraction.nlp import shared_pipeline

    return lambda: shared_pipeline(None)


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


def _load_articles(db, items: Iterator[tuple[str, Article | BadRecord]], pipeline_source, report) -> None:
    """Skip unchanged articles, extract the rest in batches (nlp.pipe), store each atomically.

    Results are reported in input order: a bad record first flushes the articles before it."""
    from store.extraction.facts import extract_many

    pending: list[tuple[str, Article]] = []

    def flush() -> None:
        if not pending:
            return
        pipeline = pipeline_source()
        texts = ((a.text, a.date) for _, a in pending)
        for (file, article), facts in zip(pending, extract_many(pipeline, texts, batch_size=BATCH_SIZE)):
            try:
                result = store_article(db, article, facts)
            except Exception as exc:  # a database error must not stop the other files
                log.exception("could not store %s", article.path)
                result = LoadResult(article.path, "failed", f"could not store: {exc}")
            result.file = file
            report(result)
        pending.clear()

    for file, article in items:
        if isinstance(article, BadRecord):
            flush()
            report(LoadResult(article.path, "failed", article.reason, file=file))
            continue
        existing = _find_by_hash(db, article.content_hash)
        if existing is not None:
            report(LoadResult(article.path, "unchanged", None, existing["id"], existing["title"], file))
            continue
        pending.append((file, article))
        if len(pending) >= BATCH_SIZE:
            flush()
    flush()


def _find_by_hash(db: Database, content_hash: str) -> dict | None:
    rows = db.execute("select id, title from articles where content_hash = ?", [content_hash]).fetchall()
    return {"id": rows[0][0], "title": rows[0][1]} if rows else None


def _previous_version(db: Database, article: Article) -> tuple[int, str | None] | None:
    """(id, title) of the article this one replaces: the same origin's with the same url, else
    with the same path."""
    for column, value in (("url", article.url), ("path", article.path)):
        if value:
            row = db.execute(
                f"select id, title from articles where {column} = ? and origin is ? order by id desc limit 1",
                [value, article.origin],
            ).fetchone()
            if row:
                return row[0], row[1]
    return None


def store_article(db: Database, article: Article, facts: Facts) -> LoadResult:
    """Write ``article`` and its facts in one transaction, replacing an earlier version."""
    with write_transaction(db):
        # Checked under the write lock: another process may have stored it since it was read.
        existing = _find_by_hash(db, article.content_hash)
        if existing is not None:
            return LoadResult(article.path, "unchanged", None, existing["id"], existing["title"])
        previous = _previous_version(db, article)
        if previous is not None:
            _delete_article(db, previous[0])
        article_id = _insert_article(db, article, previous[0] if previous else None)
        _insert_facts(db, article_id, article, facts)
        _apply_corrections(db)
    if previous is None:
        return LoadResult(article.path, "loaded", None, article_id, article.title)
    return LoadResult(article.path, "replaced", None, article_id, article.title, replaced_title=previous[1] or "")


def _insert_article(db: Database, article: Article, reuse_id: int | None) -> int:
    row = {
        "path": article.path,
        "url": article.url,
        "source": article.source,
        "title": article.title,
        "date": article.date,
        "date_precision": article.date_precision,
        "text": article.text,
        "text_stemmed": stem_text(f"{article.title or ''}\n{article.text}"),
        "content_hash": article.content_hash,
        "word_count": len(article.text.split()),
        "format": article.format,
        "origin": article.origin,
        "loaded_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    if reuse_id is not None:
        row["id"] = reuse_id  # a replaced article keeps its id, so /article N still works
    cursor = db.conn.execute(_insert_sql("articles", row), list(row.values()))
    return reuse_id if reuse_id is not None else cursor.lastrowid


def _insert_facts(db: Database, article_id: int, article: Article, facts: Facts) -> None:
    text = article.text
    linked = linking.link_article(db, article_id, text, facts)
    mentions, roles = [], []
    for entity, link in zip(facts.entities, linked):
        entity_id = link.entity_id
        for m in entity.mentions:
            mentions.append(
                {
                    "article_id": article_id,
                    "entity_id": entity_id,
                    "name_id": link.name_id,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "sentence": facts.sentence_at(text, m.start),
                }
            )
        for r in entity.roles:
            roles.append(
                {
                    "entity_id": entity_id,
                    "article_id": article_id,
                    "role": r.text,
                    "country": r.country,
                    "affiliation": r.affiliation,
                    "start": r.start,
                    "end": r.end,
                    "date": article.date,
                    "name_id": link.name_id,
                }
            )
    by_name = {}
    for entity, link in zip(facts.entities, linked):
        for name in (entity.name, *entity.aliases):
            by_name.setdefault(name, link)
    speakers = [by_name.get(q.speaker) if q.speaker_is_entity else None for q in facts.quotes]
    quotes = [
        {
            "article_id": article_id,
            "entity_id": speaker.entity_id if speaker else None,
            "name_id": speaker.name_id if speaker else None,
            "speaker": q.speaker,
            "text": q.text,
            "start": q.start,
            "end": q.end,
            "verb": q.verb,
            "confidence": q.confidence,
        }
        for q, speaker in zip(facts.quotes, speakers)
    ]
    numbers = [
        {
            "article_id": article_id,
            "value": n.value,
            "what": n.what,
            "category": n.category,
            "text": n.text,
            "qualifier": n.qualifier,
            "start": n.start,
            "end": n.end,
            "sentence": n.sentence or facts.sentence_at(text, n.start),
        }
        for n in facts.numbers
    ]
    dates = [
        {"article_id": article_id, "text": d.text, "value": d.value, "start": d.start, "end": d.end}
        for d in facts.dates
    ]
    for table, rows in (("mentions", mentions), ("roles", roles), ("quotes", quotes), ("numbers", numbers), ("dates", dates)):
        if rows:
            _insert_rows(db, table, rows)
    linking.finish_article(db, article_id)


def _insert_rows(db: Database, table: str, rows: list[dict]) -> None:
    """Plain executemany: sqlite-utils' insert_all re-checks the schema on every call, which
    cost more than the inserts themselves (bench/: ~1 s per 1,000 articles). Rows share keys."""
    db.conn.executemany(_insert_sql(table, rows[0]), [list(row.values()) for row in rows])


def _insert_sql(table: str, columns) -> str:
    names = list(columns)
    return f"insert into {table} ({', '.join(names)}) values ({', '.join('?' * len(names))})"


def _delete_article(db: Database, article_id: int) -> None:
    for table in FACT_TABLES:
        db.execute(f"delete from {table} where article_id = ?", [article_id])
    linking.forget_article(db, article_id)
    db.execute("delete from articles where id = ?", [article_id])
    linking.drop_orphans(db)


def forget_article(db: Database, article_id: int) -> bool:
    """Remove an article and its facts. False when there is no such article."""
    with write_transaction(db):
        if not db.execute("select 1 from articles where id = ?", [article_id]).fetchone():
            return False
        _delete_article(db, article_id)
    return True


def reindex(db: Database, nlp=None, on_progress: Callable[[int, int], None] | None = None) -> int:
    """Re-extract the facts of every stored article (after an upgrade); corrections are replayed."""
    from store.extraction.facts import extract_many
    from store.extraction.nlp import shared_pipeline

    pipeline = nlp if nlp is not None else shared_pipeline(None)
    ids = [row[0] for row in db.execute("select id from articles order by id").fetchall()]
    done = 0
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        rows = [
            db.execute("select id, text, date from articles where id = ?", [i]).fetchone() for i in batch
        ]
        for (article_id, text, date), facts in zip(rows, extract_many(pipeline, ((r[1], r[2]) for r in rows))):
            with write_transaction(db):
                for table in FACT_TABLES:
                    db.execute(f"delete from {table} where article_id = ?", [article_id])
                linking.forget_article(db, article_id)
                article = Article(path="", text=text, date=date)
                _insert_facts(db, article_id, article, facts)
            done += 1
            if on_progress:
                on_progress(done, len(ids))
    with write_transaction(db):
        linking.drop_orphans(db)
        _apply_corrections(db)
    return done


def _apply_corrections(db: Database) -> None:
    """Replay admin corrections (merges, roles) so that they survive every reload and reindex."""
    from store.corrections import apply_corrections

    apply_corrections(db)
