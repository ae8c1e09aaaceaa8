"""Doc → Facts: entities with canonical names and aliases, roles, quotes, numbers, dates.

STUB — being written. Public API:

    build_pipeline(model: str | None = None) -> spacy.Language
    extract(nlp, text: str, date: str | None = None) -> Facts
    extract_many(nlp, items: Iterable[tuple[str, str | None]], batch_size=64) -> Iterator[Facts]
        Streams: one Facts per (text, date), in order, using nlp.pipe.
"""
