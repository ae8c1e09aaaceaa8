"""Full-text search with Dutch stemming over FTS5.

FTS5 has no Dutch stemmer, so the loader stores a stemmed shadow of each article
(``articles.text_stemmed``, Snowball's Dutch stemmer) and queries are stemmed alike:
"aanval" finds "aanvallen". User query text is always quoted token by token, so FTS5 syntax in
it ("AND", "(", "*", a stray quote) is searched as words and never raises.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer
from sqlite_utils import Database

from store.names import strip_diacritics

_WORD = re.compile(r"\w+", re.UNICODE)
_STEMMER = snowballstemmer.stemmer("dutch")


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    return _STEMMER.stemWord(strip_diacritics(word.lower()))


def stem_text(text: str) -> str:
    """Every word of ``text`` stemmed, space-separated: the shadow column FTS indexes."""
    return " ".join(stem_word(w) for w in _WORD.findall(text))


def fts_query(query: str) -> str | None:
    """The user's words, stemmed and each quoted for FTS5 (implicit AND). None when no words."""
    words = [stem_word(w) for w in _WORD.findall(query)]
    words = [w for w in words if w]
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def search_articles(db: Database, query: str, limit: int = 10, offset: int = 0) -> list[dict]:
    """Articles matching every word of ``query``, best first: id, title, date, snippet, rank."""
    match = fts_query(query)
    if match is None:
        return []
    rows = db.execute(
        """
        select articles.id, articles.title, articles.date, articles.text, articles_fts.rank as rank
        from articles_fts join articles on articles.id = articles_fts.rowid
        where articles_fts match ?
        order by articles_fts.rank, articles.date desc
        limit ? offset ?
        """,
        [match, limit, offset],
    ).fetchall()
    stems = set(match.replace('"', "").split())
    return [
        {"id": r[0], "title": r[1], "date": r[2], "snippet": snippet(r[3], stems), "rank": r[4]}
        for r in rows
    ]


def snippet(text: str, stems: set[str], width: int = 160) -> str:
    """A window of ``text`` around the first word whose stem is searched for."""
    for match in _WORD.finditer(text):
        if stem_word(match.group()) in stems:
            start = max(0, match.start() - width // 3)
            end = min(len(text), start + width)
            # widen to word boundaries
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            while end < len(text) and not text[end].isspace():
                end += 1
            piece = " ".join(text[start:end].split())
            return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")
    return " ".join(text[:width].split()) + ("…" if len(text) > width else "")
