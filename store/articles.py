"""Read article files (plain text, Markdown with front matter, JSON, JSON Lines, saved HTML).

STUB — being written. Public API:

    read_articles(path: Path, max_bytes: int = 5 MiB) -> list[Article]
        Raises BadArticle with a plain reason (empty, binary, too large, unreadable, no text...).
    read_bytes(name: str, data: bytes, max_bytes: int = ...) -> list[Article]
        The same from bytes already in memory (an upload); ``name`` decides the format.
"""
