"""``newsbot_roles``: the titles and functions a text gives its persons.

Writes ``doc._.newsbot_roles``, a list of ``(person span, store.model.Role)``:

- a title before the name: "de Franse minister van Binnenlandse Zaken, Léa Martin",
  "VN-secretaris-generaal Jan Smit", "zijn Duitse ambtgenoot Karl Berg";
- an apposition after it: "Mark Rutte, secretaris-generaal van de NAVO,";
- a party in brackets after it: "Joris Vaal (D66)" → affiliation (a Role with text "");
- a definite description without a name ("de nieuwe bondscoach") when exactly one person in the
  document holds that title noun.

Role text has no leading article or possessive; adjectives stay; the first letter is lowered
unless it starts a proper noun, a nationality adjective or an acronym.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from store.extraction import gazetteer
from store.extraction.components.doc_index import entity_spans, lower_texts
from store.extraction.components.entity_rules import is_acronym, token_texts
from store.extraction.components.role_phrases import (
    PORTFOLIO_TITLES,
    affiliation_of,
    complement_links,
    compound_prefix,
    field_end,
    predicate_title,
    title_end,
    trailing_affiliation,
)
from store.model import Role

DETERMINERS = frozenset("de het een zijn haar hun diens wiens onze mijn jouw uw deze die dit".split())
COMPLEMENT_WORDS = frozenset("van voor de het der op en".split())
MAX_MODIFIERS = 3
MAX_COMPLEMENT = 8
APPOSITION_ADVERBS = frozenset("zelf ook eveneens inmiddels nu".split())
# Prefixes that make a compound title another person's title: "vicepremier", "oud-minister".
NOT_SPECIALISING = frozenset("vice oud ex onder adjunct loco sub co mede plaatsvervangend waarnemend".split())
ROLE_BOUNDARY = frozenset([",", ".", ")", ":", ";", "en", "bij", "aan", "van", "in", "uit", "die", "sinds"])

if not Doc.has_extension("newsbot_roles"):
    Doc.set_extension("newsbot_roles", default=None)


def is_modifier(word: str) -> bool:
    """An adjective that belongs to the role: "Amerikaanse", "demissionair", "speciale", "oud"."""
    adjectives, _ = gazetteer.nationalities()
    lower = word.lower()
    if word in adjectives or lower in gazetteer.role_modifiers():
        return True
    if lower in gazetteer.stop_words() or not word[:1].isalpha():
        return False
    if word[:1].isupper():
        if lower in gazetteer.role_modifiers():
            return True  # "Financieel directeur" at a sentence start
        return word.endswith(("se", "sche")) and (word,) not in gazetteer.places()
    return lower.endswith(("ische", "aanse", "iale", "ale", "ele", "ige"))


def complement_end(doc: Doc, title: int, limit: int) -> int:
    """End of "van Binnenlandse Zaken" / "van de VN" after a title noun at ``title``; a
    minister's portfolio may be a list ("van Wonen, Werk en Zorg") or follow "voor"
    ("commissaris voor Klimaat")."""
    index = title + 1
    portfolio = gazetteer.title_head(doc[title].text) in PORTFOLIO_TITLES
    if index >= limit or not (doc[index].text == "van" or portfolio and doc[index].text == "voor"):
        return title + 1
    end = title + 1
    step = index
    while step < limit and step - index < MAX_COMPLEMENT:
        text = doc[step].text
        if text[:1].isupper() or is_acronym(text):
            end = step + 1
        elif text not in COMPLEMENT_WORDS and not (portfolio and text == "," and step + 1 < limit
                                                   and doc[step + 1].text[:1].isupper()):
            break
        step += 1
    return end


def modifiers_start(doc: Doc, title: int) -> int:
    start = title
    if start and doc[start].text.startswith("-") and not doc[start - 1].whitespace_:
        start -= 1  # "VN" + "-secretaris-generaal", split by newsbot_entities
    while start > 0 and title - start < MAX_MODIFIERS and is_modifier(doc[start - 1].text):
        start -= 1
    return start


def role_text(doc: Doc, start: int, end: int) -> str:
    text = doc[start:end].text
    first = doc[start].text
    adjectives, _ = gazetteer.nationalities()
    keep = first in adjectives or is_acronym(first.split("-")[0]) or _named_compound(doc, start) \
        or doc[start].ent_type_ in ("ORG", "MISC") or (
        first[:1].isupper() and not doc[start].is_sent_start and first.lower() not in gazetteer.role_modifiers()
        and gazetteer.title_head(first) is None
    )
    return text if keep else text[:1].lower() + text[1:]


def _named_compound(doc: Doc, start: int) -> bool:
    """"Ajax-aanvoerder", "RTL-verslaggever": a name before the hyphen keeps its capital, also
    at a sentence start; "Oud-minister" there does not."""
    first = doc[start].text
    prefix = compound_prefix(first) if "-" in first[1:] else (
        first if start + 1 < len(doc) and doc[start + 1].text.startswith("-") and not doc[start].whitespace_ else None)
    return bool(prefix) and prefix[:1].isupper() and prefix.lower() not in gazetteer.role_modifiers() \
        and gazetteer.title_head(prefix) is None and prefix.lower() not in NOT_SPECIALISING


def make_role(doc: Doc, start: int, end: int) -> Role:
    adjectives, _ = gazetteer.nationalities()
    country = None
    for token in doc[start:end]:  # adjectives before the title noun: "Franse minister van ..."
        if gazetteer.title_head(token.text):
            break
        country = country or adjectives.get(token.text)
    span = doc[start:end]
    return Role(role_text(doc, start, end), span.start_char, span.end_char, country=country,
                affiliation=affiliation_of(doc, start, end))


def organisation_start(doc: Doc, start: int) -> int:
    """"Philips CEO Lisa Brand": an organisation's name right before a title is part of the role."""
    if start and doc[start - 1].ent_type_ in ("ORG", "MISC") and doc[start - 1].ent_iob_ in ("B", "I"):
        begin = start - 1
        while begin and doc[begin].ent_iob_ == "I":
            begin -= 1
        return begin
    return start


def role_before(doc: Doc, person: Span, lowers: list[str] | None = None, texts: list[str] | None = None,
                starts: list[bool] | None = None) -> Role | None:
    """"de Duitse bondskanselier Karl Berg", "minister van Wonen, Joris Vaal".

    ``lowers``, ``texts``, ``starts``: the lower-case token texts, the token texts and the
    sentence starts (``token.is_sent_start``) of ``doc``, when the caller has them."""
    if lowers is None:
        lowers = lower_texts(doc)
    if texts is None:
        texts = token_texts(doc)
    if starts is None:
        starts = sentence_starts(doc)
    end = person.start
    if end and texts[end - 1] == ",":
        end -= 1
    _, multi = gazetteer.titles()
    for title in multi:  # "officier van justitie Jan de Vries"
        words = title.split()
        begin = end - len(words)
        if begin >= 0 and lowers[begin:end] == words:
            return make_role(doc, modifiers_start(doc, begin), end)
    for title in range(end - 1, max(end - 1 - MAX_COMPLEMENT, -1), -1):
        text = texts[title]
        if gazetteer.title_head(text):
            if complement_end(doc, title, end) == end \
                    or complement_links(doc, field_end(doc, title, end), end) == end:
                return make_role(doc, organisation_start(doc, modifiers_start(doc, title)), end)
            return None
        if text in (".", "(", ")") or starts[title] and title < end - 1:
            return None
        if text == "," and not (title + 1 < end and texts[title + 1][:1].isupper()):
            return None
    return None


def sentence_starts(doc: Doc) -> list[bool]:
    """``[bool(token.is_sent_start) for token in doc]``, without a Token object per token."""
    return (doc.to_array(SENT_START).astype(numpy.int64) == 1).tolist()


def role_after(doc: Doc, person: Span) -> Role | None:
    """"Mark Rutte, secretaris-generaal van de NAVO,"."""
    index = person.end
    if index + 2 < len(doc) and doc[index].lower_ in ("uit", "van") and doc[index + 1].ent_type_ == "LOC":
        index += 2  # "Ann Ward uit Texas, zelf arts,"
        while index < len(doc) and doc[index].ent_type_ == "LOC" and doc[index].ent_iob_ == "I":
            index += 1
    if index + 1 >= len(doc) or doc[index].text != ",":
        return None
    step = index + 1
    capacity = doc[step].lower_ == "als" or doc[step].lower_ == "die" and step + 1 < len(doc) \
        and doc[step + 1].lower_ == "als"  # "Ria Kok, die als voorzitter van de bond …"
    if capacity:
        step += 1 if doc[step].lower_ == "als" else 2
    if doc[step].lower_ in APPOSITION_ADVERBS:
        step += 1
    if doc[step].lower_ in DETERMINERS:
        step += 1
    first = step
    step = past_modifiers(doc, step)
    if step >= len(doc):
        return None
    title_stop = title_end(doc, step, len(doc))
    if title_stop is None:
        return None
    end = max(complement_end(doc, title_stop - 1, len(doc)),
              complement_links(doc, field_end(doc, title_stop - 1, len(doc)), len(doc)))
    if end == step + 1 and not capacity and end + 1 < len(doc) and doc[end].is_lower and doc[end].is_alpha \
            and doc[end].lower_ not in ROLE_BOUNDARY and doc[end + 1].text in ROLE_BOUNDARY:
        end += 1  # a field: "hoogleraar sterrenkunde aan de …"
    if end < len(doc) and doc[end].text not in ROLE_BOUNDARY and not capacity:
        return None
    return make_role(doc, first, end)


def past_modifiers(doc: Doc, step: int) -> int:
    """The token after at most MAX_MODIFIERS modifiers that are not title heads ("Amerikaanse")."""
    start = step
    while step < len(doc) and step - start < MAX_MODIFIERS and is_modifier(doc[step].text) \
            and not gazetteer.title_head(doc[step].text):
        step += 1
    return step


def coordinated_role(doc: Doc, first: Role | None) -> Role | None:
    """"X, directeur van Stedin en oud-wethouder van Arnhem,": a second role after "en"."""
    if first is None:
        return None
    span = doc.char_span(first.start, first.end, alignment_mode="expand")
    step = span.end + 1 if span is not None and span.end < len(doc) and doc[span.end].lower_ == "en" else None
    if step is None or step >= len(doc):
        return None
    if doc[step].lower_ in DETERMINERS:
        step += 1
    start = step
    step = past_modifiers(doc, step)
    stop = title_end(doc, step, len(doc)) if step < len(doc) else None
    if stop is None:
        return None
    end = complement_links(doc, field_end(doc, stop - 1, len(doc)), len(doc))
    if end < len(doc) and doc[end].text not in ROLE_BOUNDARY:
        return None
    return make_role(doc, start, end)


def party_after(doc: Doc, person: Span) -> str | None:
    """"Joris Vaal (D66)" → "D66"."""
    index = person.end
    if index + 2 < len(doc) and doc[index].text == "(" and doc[index + 2].text == ")":
        party = doc[index + 1].text
        if sum(c.isupper() for c in party) >= 2 and len(party) <= 12:
            return party
    return None


def unnamed_roles(doc: Doc, named: list[tuple[Span, Role]], persons: list[Span],
                  texts: list[str] | None = None, lowers: list[str] | None = None) -> list[tuple[Span, Role]]:
    """"de nieuwe bondscoach" with no name: the one person holding that title noun, if unique."""
    holders: dict[str, set[str]] = {}
    first_span: dict[str, Span] = {}
    for span, role in named:
        head = gazetteer.title_head(role.text.split()[-1]) if role.text else None
        if head:
            holders.setdefault(head, set()).add(span.id_ or span.text)
            first_span.setdefault(span.id_ or span.text, span)
    if not holders:
        return []
    # only a title noun held by exactly one person counts; a word whose title head is one ends
    # in it, so the other words need no ``title_head``
    unique = tuple(head for head, keys in holders.items() if len(keys) == 1)
    if not unique:
        return []
    texts = token_texts(doc) if texts is None else texts
    lowers = lower_texts(doc) if lowers is None else lowers
    person_tokens = {i for p in persons for i in range(p.start, p.end)}
    found = []
    for index, lower in enumerate(lowers):
        if not lower.endswith(unique):
            continue
        head = gazetteer.title_head(texts[index])
        if not head or len(holders.get(head, ())) != 1 or index + 1 >= len(doc):
            continue
        token = doc[index]
        if token.i + 1 in person_tokens or (token.i and doc[token.i - 1].lower_ not in ("de", "het")
                                           and not is_modifier(doc[token.i - 1].text)):
            continue
        start = modifiers_start(doc, token.i)
        if start == 0 or doc[start - 1].lower_ not in ("de", "het") or start == token.i:
            continue  # only definite descriptions with an adjective: "de nieuwe bondscoach"
        (key,) = holders[head]
        found.append((first_span[key], make_role(doc, start, token.i + 1)))
    return found


def anaphoric_titles(doc: Doc, roles: list[tuple[Span, Role]]) -> list[tuple[Span, Role]]:
    """"toen de trainer Jansen had gebeld": a bare "de TITLE" already held by someone else
    refers to that person; the name after it is another person (who has no role of their own)."""
    holder: dict[str, str] = {}
    has_other: dict[str, int] = {}
    for span, _role in roles:
        has_other[span.id_] = has_other.get(span.id_, 0) + 1
    kept = []
    for span, role in roles:
        head = gazetteer.title_head(role.text) if role.text and " " not in role.text else None
        start = doc.char_span(role.start, role.end)
        earlier = holder.get(head) if head else None
        if earlier and earlier != span.id_ and has_other[span.id_] == 1 and start is not None \
                and start.start and doc[start.start - 1].lower_ == "de" and span.start == start.end:
            continue
        if role.text:
            words = role.text.split()
            holder.setdefault(gazetteer.title_head(words[-1]) or "", span.id_)
        kept.append((span, role))
    return kept


def specialised_titles(doc: Doc, roles: list[tuple[Span, Role]], persons: list[Span],
                       lowers: list[str]) -> list[tuple[Span, Role]]:
    """"Prins Floris … De kroonprins": "de" + a compound title whose head is a title that
    exactly one person holds refers to that person ("vicepremier", "oud-minister": another one)."""
    holders: dict[str, dict[str, Span]] = {}
    for span, role in roles:
        head = gazetteer.title_head(role.text.split()[-1]) if role.text else None
        if head:
            holders.setdefault(head, {}).setdefault(span.id_ or span.text, span)
    if not holders:
        return []
    heads = tuple(holders)
    held = {role.text.lower() for _, role in roles}
    person_tokens = {i for p in persons for i in range(p.start, p.end)}
    found = []
    for index, lower in enumerate(lowers):
        if not lower.endswith(heads) or lower in holders or lower in held or index == 0 \
                or lowers[index - 1] not in ("de", "het") or index + 1 in person_tokens \
                or gazetteer.title_head(lower) is None:
            continue
        head = max((h for h in heads if lower.endswith(h)), key=len)
        prefix = lower[: -len(head)].rstrip("-")
        if len(holders[head]) != 1 or len(prefix) < 3 or prefix in NOT_SPECIALISING:
            continue
        (span,) = holders[head].values()
        found.append((span, make_role(doc, index, index + 1)))
        held.add(lower)
    return found


class RoleFinder:
    """The ``newsbot_roles`` component."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        gazetteer.warm()

    def __call__(self, doc: Doc) -> Doc:
        persons = [ent for ent in entity_spans(doc) if ent.label_ == "PER"]
        roles: list[tuple[Span, Role]] = []
        lowers = lower_texts(doc) if persons else []
        texts = token_texts(doc) if persons else []
        starts = sentence_starts(doc) if persons else []
        for person in persons:
            after = role_after(doc, person)
            if after is None:
                predicate = predicate_title(doc, person)
                after = make_role(doc, *predicate) if predicate else None
            before = role_before(doc, person, lowers, texts, starts)
            if before is not None and before.affiliation is None and " " not in before.text:
                before.affiliation = trailing_affiliation(doc, person, before.text)  # "trainer X van Heracles"
            found = [r for r in (before, after, coordinated_role(doc, after)) if r]
            party = party_after(doc, person)
            if party:
                for role in found:
                    role.affiliation = role.affiliation or party
                if not found:
                    span = doc[person.end + 1 : person.end + 2]
                    found.append(Role("", span.start_char, span.end_char, affiliation=party))
            roles.extend((person, role) for role in found)
        roles = anaphoric_titles(doc, roles)
        roles.extend(unnamed_roles(doc, roles, persons, texts or None, lowers or None))
        roles.extend(specialised_titles(doc, roles, persons, lowers))
        doc._.newsbot_roles = roles
        return doc


@Language.factory("newsbot_roles", assigns=["doc._.newsbot_roles"], requires=["doc.ents"])
def make_roles(nlp: Language, name: str) -> RoleFinder:
    return RoleFinder(nlp, name)
