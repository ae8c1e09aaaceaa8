"""Everything the loader computes from an article before it writes: facts, search stems, summary.

``prepare`` is the CPU-heavy half of a load (spaCy and our components, the Dutch stemmer, the
digest summary), kept apart from the database so that worker processes can run it; its result
is plain data that pickles. The writer only links entities and inserts rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from store.digest import summary_from_sentences
from store.extraction.facts import extract
from store.model import Article, Facts
from store.search import stem_text


@dataclass
class Prepared:
    facts: Facts
    text_stemmed: str  # title and text stemmed: the shadow column full-text search indexes
    summary: list[str] = field(default_factory=list)  # the digest's summary sentences


def prepare(nlp, article: Article) -> Prepared:
    """The facts, stems and summary of ``article``."""
    facts = extract(nlp, article.text, article.date)
    summary = article_summary(article.text, facts.sentences, nlp.tokenizer)
    return Prepared(facts, searchable_stems(article), summary)


def searchable_stems(article: Article) -> str:
    return stem_text(f"{article.title or ''}\n{article.text}")


def article_summary(text: str, sentences: list[tuple[int, int]], tokenizer=None) -> list[str]:
    """The digest's summary, from the sentence spans the pipeline found."""
    found = [" ".join(text[start:end].split()) for start, end in sentences]
    return summary_from_sentences([s for s in found if s], tokenizer=tokenizer)
