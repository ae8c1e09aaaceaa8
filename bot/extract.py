"""``newsbot extract``: facts as JSON without a database."""

from __future__ import annotations

import json
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TextIO

from store.articles import read_articles
from store.extraction.facts import extract_many
from store.loader import expand_paths
from store.model import BadArticle, BadRecord, facts_json

BATCH = 32


def extract_json(nlp, paths: Iterable[str], out: TextIO, max_bytes: int) -> int:
    """Print a JSON array, one object per article; problems go to stderr. Returns the failures."""
    articles, failures = [], 0
    for path, error in expand_paths(paths):
        if error is None:
            try:
                for item in read_articles(path, max_bytes=max_bytes):
                    if isinstance(item, BadRecord):
                        print(f"failed     {item.path}: {item.reason}", file=sys.stderr)
                        failures += 1
                    else:
                        articles.append(item)
                continue
            except BadArticle as exc:
                error = str(exc)
        print(f"failed     {path}: {error}", file=sys.stderr)
        failures += 1
    out.write("[")
    for i, (article, facts) in enumerate(zip(articles, extract_many(nlp, ((a.text, a.date) for a in articles), BATCH))):
        obj = {"article": article.name, "date": article.date, "title": article.title, **facts_json(facts), "text": article.text}
        out.write(("," if i else "") + "\n" + json.dumps(obj, ensure_ascii=False))
    out.write("\n]\n")
    return failures


def extract_jsonl(nlp, source: str, out: TextIO) -> int:
    """Stream JSON Lines {id, text[, date]} → {id, entities, quotes, numbers}; flat memory."""
    stream = sys.stdin if source == "-" else open(source, encoding="utf-8")
    failures = 0
    try:
        records = _records(stream)
        pairs = ((rec, (rec["text"], rec.get("date"))) for rec in records)
        # Tee the records alongside their texts without holding more than one batch.
        buffered: deque[dict] = deque()

        def texts() -> Iterator[tuple[str, str | None]]:
            for rec, item in pairs:
                buffered.append(rec)
                yield item

        for facts in extract_many(nlp, texts(), BATCH):
            rec = buffered.popleft()
            if rec.get("_error"):
                out.write(json.dumps({"id": rec.get("id"), "error": rec["_error"]}, ensure_ascii=False) + "\n")
                failures += 1
                continue
            out.write(json.dumps({"id": rec.get("id"), **facts_json(facts)}, ensure_ascii=False) + "\n")
    finally:
        if stream is not sys.stdin:
            stream.close()
    return failures


def _records(stream: TextIO) -> Iterator[dict]:
    """Each non-blank line as a dict with a string "text"; a bad line becomes an error record."""
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                raise ValueError('expected an object with a string "text"')
        except ValueError as exc:
            yield {"id": None, "text": "", "_error": f"line {number}: {exc}"}
            continue
        yield rec
