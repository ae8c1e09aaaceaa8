"""Doc → Facts: entities with canonical names and aliases, roles, quotes, numbers, dates.

    extract(nlp, text, date=None) -> Facts
    extract_many(nlp, items, batch_size=64) -> Iterator[Facts]   # streams, one article at a time
    facts_from_doc(doc, date=None) -> Facts

Facts are plain data (no spaCy objects), so they pickle: worker processes send them back to the
writer. A text over ``pieces.PIECE_CHARS`` is extracted in pieces (see ``pieces``).

The components agree on these Doc extensions (each may be missing, None means empty):
``doc._.newsbot_entity_names`` (entity key → canonical name, from ``newsbot_entities``),
``doc._.newsbot_roles`` (``(person span, Role)``, from ``newsbot_roles``), ``doc._.quotes``
(``(Quote, speaker span or None)``), ``doc._.numbers`` (``Number``) and ``doc._.dates``
(``DateMention``). ``date`` (the article date, for relative dates) is set as
``doc._.article_date`` before the pipeline runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from store.extraction.components.doc_index import entity_spans, remember_text, text_of
from store.extraction.nlp import release_memory
from store.extraction.pieces import PIECE_CHARS, merge_facts, split_pieces
from store.model import Entity, Facts, Mention, Quote, Role
from store.names import identity_key, normalize

for _name in ("quotes", "numbers", "dates", "article_date", "newsbot_roles", "newsbot_entity_names"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def extract(nlp: Language, text: str, date: str | None = None, piece_chars: int = PIECE_CHARS) -> Facts:
    """The facts of one article text (in pieces when it is longer than ``piece_chars``)."""
    if len(text) <= piece_chars:
        return facts_from_doc(nlp(_with_date(nlp, text, date)), date)
    parts = []
    for offset, piece in split_pieces(text, piece_chars):
        parts.append((offset, facts_from_doc(nlp(_with_date(nlp, piece, date)), date)))
        release_memory()  # each piece's Doc and arrays are garbage now: give the heap back
    return merge_facts(parts)


def extract_many(
    nlp: Language, items: Iterable[tuple[str, str | None]], batch_size: int = 64
) -> Iterator[Facts]:
    """One Facts per ``(text, date)``, in order. ``batch_size`` is kept for callers: our
    components have no batched ``pipe``, so one article at a time is as fast as ``nlp.pipe``
    and holds one Doc at a time."""
    for text, date in items:
        yield extract(nlp, text, date)


def _with_date(nlp: Language, text: str, date: str | None) -> Doc:
    doc = nlp.make_doc(text)
    remember_text(doc, text)
    doc._.article_date = date
    return doc


def _entities(doc: Doc) -> tuple[list[Entity], dict[str, Entity]]:
    """Entities in order of first mention, keyed by entity key (the span's ``id_``)."""
    from store.extraction.components.entities import surface_of

    names = doc._.newsbot_entity_names or {}
    text = text_of(doc)
    by_key: dict[str, Entity] = {}
    known: dict[str, set[str]] = {}  # entity key → normalized name and aliases
    for span in entity_spans(doc):
        span_id = span.id_
        mention = text[span.start_char : span.end_char]  # span.text, without Token objects
        form = surface_of(mention)
        name = names.get(span_id) or form
        key = span_id or identity_key(name)
        entity = by_key.get(key)
        if entity is None:
            entity = by_key[key] = Entity(name=name, type=span.label_, key=identity_key(name) or normalize(name))
            known[key] = {normalize(name)}
        entity.mentions.append(Mention(span.start_char, span.end_char, mention))
        folded = normalize(form)
        if folded not in known[key]:
            entity.aliases.append(form)
            known[key].add(folded)
    return list(by_key.values()), by_key


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """``(s.start_char, s.end_char) for s in doc.sents``, from arrays instead of Span objects."""
    if not doc.has_annotation("SENT_START"):
        return []
    if len(doc) == 0:
        return []
    columns = doc.to_array([SENT_START, IDX, LENGTH]).astype(numpy.int64)
    starts = numpy.concatenate(([0], numpy.flatnonzero(columns[1:, 0] == 1) + 1))
    lasts = numpy.concatenate((starts[1:], [len(columns)])) - 1
    ends = columns[lasts, 1] + columns[lasts, 2]
    return list(zip(columns[starts, 1].tolist(), ends.tolist()))


def _entity_of(span: Span, by_key: dict[str, Entity], doc: Doc) -> Entity | None:
    if span.id_ in by_key:
        return by_key[span.id_]
    for ent in entity_spans(doc):  # a span that overlaps an entity (a speaker span from another component)
        if ent.start < span.end and span.start < ent.end:
            return by_key.get(ent.id_)
    return None


def _add_roles(doc: Doc, by_key: dict[str, Entity]) -> None:
    parties: dict[int, str] = {}
    for span, role in doc._.newsbot_roles or []:
        entity = _entity_of(span, by_key, doc)
        if entity is None:
            continue
        if role.affiliation:
            parties[id(entity)] = role.affiliation
        if role.text:
            entity.roles.append(role)
    for entity in by_key.values():
        entity.roles = _distinct_roles(entity.roles)
        party = parties.get(id(entity))
        if party and entity.roles and not any(r.affiliation for r in entity.roles):
            entity.roles[0].affiliation = party


def _distinct_roles(roles: list[Role]) -> list[Role]:
    """One role per title: "president" is dropped next to "Amerikaanse president"."""
    words = [set(normalize(r.text).split()) for r in roles]
    kept = []
    for index, role in enumerate(roles):
        mine = words[index]
        if any(mine < other for other in words):
            continue
        if any(words[k] == mine for k in range(index)):
            continue
        kept.append(role)
    return kept


def _quotes(doc: Doc, by_key: dict[str, Entity]) -> list[Quote]:
    quotes = []
    for item in doc._.quotes or []:
        quote, speaker = item if isinstance(item, tuple) else (item, None)
        if speaker is not None:
            entity = _entity_of(speaker, by_key, doc)
            if entity is not None:
                quote.speaker = entity.name
                quote.speaker_is_entity = True
            elif quote.speaker is None:
                quote.speaker = speaker.text
        quotes.append(quote)
    return quotes


def facts_from_doc(doc: Doc, date: str | None = None) -> Facts:
    """Collect the facts the pipeline left on ``doc``."""
    entities, by_key = _entities(doc)
    _add_roles(doc, by_key)
    return Facts(
        entities=entities,
        quotes=_quotes(doc, by_key),
        numbers=list(doc._.numbers or []),
        dates=list(doc._.dates or []),
        sentences=_sentences(doc),
    )
