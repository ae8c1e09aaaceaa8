"""Very long texts in pieces: split at paragraph or sentence boundaries, facts merged back.

spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters), and one Doc of that size holds
hundreds of megabytes. A text over ``PIECE_CHARS`` is cut into pieces of at most that many
characters — at the last paragraph break before the limit, else the last sentence end, else the
last space — each piece is extracted on its own, and the pieces' facts are shifted by the piece's
offset and merged: the same entity (key and type) found in several pieces is one entity, and a
person named by surname alone in one piece is the one person with that full name in another
(as the pipeline does within one text). News articles are far shorter than a piece, so for them
nothing changes.
"""

from __future__ import annotations

import re
from dataclasses import replace

from store.model import Entity, Facts

PIECE_CHARS = 100_000
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?…][\"”’»)\]]*\s")


def split_pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """``(offset, piece)`` pairs covering ``text`` in order, each piece at most ``limit`` characters."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return pieces


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece from ``start`` ends: a boundary in the second half of the window, so no
    piece is tiny; at ``limit`` itself only for text without any space."""
    floor = start + (limit - start) // 2
    window = text[floor:limit]
    for pattern in (_PARAGRAPH, _SENTENCE_END):
        ends = [m.end() for m in pattern.finditer(window)]
        if ends:
            return floor + ends[-1]
    space = window.rfind(" ")
    return floor + space + 1 if space >= 0 else limit


def merge_facts(parts: list[tuple[int, Facts]]) -> Facts:
    """The facts of the pieces (``(offset, facts)`` in text order) as the facts of the whole text."""
    merged = Facts()
    by_key: dict[tuple[str, str], Entity] = {}
    for offset, facts in parts:
        for entity in facts.entities:
            shifted_mentions = [replace(m, start=m.start + offset, end=m.end + offset) for m in entity.mentions]
            shifted_roles = [replace(r, start=r.start + offset, end=r.end + offset) for r in entity.roles]
            known = by_key.get((entity.key, entity.type))
            if known is None:
                known = by_key[(entity.key, entity.type)] = Entity(
                    name=entity.name, type=entity.type, aliases=list(entity.aliases), key=entity.key
                )
                merged.entities.append(known)
            else:
                known.aliases += [a for a in (entity.name, *entity.aliases) if a != known.name and a not in known.aliases]
            known.mentions += shifted_mentions
            known.roles += [r for r in shifted_roles if r.text not in {k.text for k in known.roles}]
        merged.quotes += [replace(q, start=q.start + offset, end=q.end + offset) for q in facts.quotes]
        merged.numbers += [replace(n, start=n.start + offset, end=n.end + offset) for n in facts.numbers]
        merged.dates += [replace(d, start=d.start + offset, end=d.end + offset) for d in facts.dates]
        merged.sentences += [(start + offset, end + offset) for start, end in facts.sentences]
    renamed: dict[str, str] = {}
    merged.entities = _surnames_folded(merged.entities, renamed)
    for quote in merged.quotes:
        if quote.speaker_is_entity and quote.speaker in renamed:
            quote.speaker = renamed[quote.speaker]
    return merged


def _surnames_folded(entities: list[Entity], renamed: dict[str, str]) -> list[Entity]:
    """Each person known only by a surname joins the one person whose full name ends in it
    (``renamed`` collects surname → full name)."""
    people = [e for e in entities if e.type == "PER"]
    kept = []
    for entity in entities:
        fuller = [p for p in people if entity.type == "PER" and " " not in entity.key and p.key.endswith(" " + entity.key)]
        if len(fuller) != 1 or not entity.key:
            kept.append(entity)
            continue
        target = fuller[0]
        renamed[entity.name] = target.name
        target.aliases += [a for a in (entity.name, *entity.aliases) if a != target.name and a not in target.aliases]
        target.mentions = sorted(target.mentions + entity.mentions, key=lambda m: m.start)
        target.roles += [r for r in entity.roles if r.text not in {k.text for k in target.roles}]
    return kept
