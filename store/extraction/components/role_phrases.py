"""The parts of a role around its title noun, for ``newsbot_roles``.

- the complement, kept whole: "voorzitter van de Tweede Kamer", "hoogleraar staatsrecht aan de
  Universiteit Leiden", "analist bij Rabo Research", "minister van handel in Chili";
- multi-word titles that start at a token ("chief executive officer", "officier van justitie");
- the organisation a role belongs to (its affiliation): the name in the complement ("trainer van
  Heracles" → Heracles) or the compound's first part ("Ajax-aanvoerder" → Ajax);
- predicates and capacities after a name: "De Vries is sinds maart burgemeester van Kampen",
  "Smit, die burgemeester van Kampen wordt,", "Jansen werd geïnstalleerd als wethouder".
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from store.extraction import gazetteer
from store.extraction.components.dutch_words import ADVERBS

COMPLEMENT_PREPOSITIONS = frozenset("van voor bij aan in op of for at".split())
COMPLEMENT_DETERMINERS = frozenset("de het der den".split())
AFFILIATION_PREPOSITIONS = frozenset("van bij aan voor".split())
NAME_JOINERS = frozenset("van de der den & of and the".split())
MAX_LINKS = 2
MAX_LOWER_WORDS = 2
PORTFOLIO_TITLES = frozenset("minister staatssecretaris commissaris wethouder gedeputeerde".split())
COPULAS = frozenset("is was wordt werd blijft bleef".split())
PREDICATE_ADVERBS = frozenset("al nog ook inmiddels nu sinds vanaf per officieel tijdelijk formeel kort".split())
# Verbs of taking or holding a capacity: "werkt als notaris", "werd geïnstalleerd als wethouder".
CAPACITY_VERBS = frozenset(
    "werkt werkte werkten werken fungeert fungeerde dient diende begon begint treedt trad aan op "
    "geïnstalleerd benoemd aangesteld gekozen herkozen aangetreden beëdigd ingehuldigd gepresenteerd "
    "zal zou gaat ging heeft had".split()
)
APPOINTING = frozenset("benoemd benoemde benoemden benoemt gekozen verkozen koos kozen promoveerde gepromoveerd".split())
MAX_PREDICATE_GAP = 4  # words between a copula and the title: "sinds 1 maart 2024"
MAX_CAPACITY_GAP = 4  # words between the name and "als": "werd gisteren geïnstalleerd als"


def _is_name_token(token) -> bool:
    text = token.text
    if token.is_digit and token.i and token.doc[token.i - 1].text[:1].isupper():
        return True  # "Local 1520"
    return bool(text) and (text[:1].isupper() or token.ent_type_ in ("ORG", "LOC", "MISC")) and not token.is_punct


def _is_lower_noun(token) -> bool:
    lower = token.lower_
    return token.is_alpha and token.text.islower() and len(lower) >= 3 and lower not in gazetteer.stop_words() \
        and lower not in COPULAS


def field_end(doc: Doc, title: int, limit: int) -> int:
    """A field right after the title: "hoogleraar staatsrecht", "directeur inkoop"."""
    after = title + 1
    if after >= limit or not _is_lower_noun(doc[after]):
        return title + 1
    end = after + 1
    if end + 1 < limit and doc[end].lower_ == "en" and _is_lower_noun(doc[end + 1]):
        end += 2  # "directeur inkoop en logistiek bij Stedin"
    if end == limit or doc[end].lower_ in COMPLEMENT_PREPOSITIONS \
            or doc[end].text in (",", ".", ")") and gazetteer.title_head(doc[after].text) is None:
        return end
    return title + 1


def complement_links(doc: Doc, start: int, limit: int) -> int:
    """End of up to two prepositional links from ``start``: "van de Franse vakbond CGT",
    "bij Rabo Research", "aan de Universiteit van Gent", "van handel in Chili"."""
    end = start
    links = 0
    i = start
    while links < MAX_LINKS and i < limit and doc[i].lower_ in COMPLEMENT_PREPOSITIONS:
        j = i + 1
        while j < limit and doc[j].lower_ in COMPLEMENT_DETERMINERS:
            j += 1
        k = j
        lowers = 0
        while k < limit and lowers < MAX_LOWER_WORDS and not _is_name_token(doc[k]) and _is_lower_noun(doc[k]):
            k += 1
            lowers += 1
        if k < limit and _is_name_token(doc[k]):
            while k < limit and (_is_name_token(doc[k])
                                 or doc[k].lower_ in NAME_JOINERS and k + 1 < limit and _is_name_token(doc[k + 1])):
                k += 1
        if k == j:
            break
        end = i = k
        links += 1
    return end


def multi_title_at(doc: Doc, i: int, limit: int) -> int | None:
    """End of a multi-word title starting at token ``i`` ("chief executive officer"), longest first."""
    _, multi = gazetteer.titles()
    best = None
    for title in multi:
        words = title.split()
        end = i + len(words)
        if end <= limit and [t.lower_ for t in doc[i:end]] == words and (best is None or end > best):
            best = end
    return best


def title_end(doc: Doc, i: int, limit: int) -> int | None:
    """End of the title (single or multi-word) at token ``i``, or None."""
    multi = multi_title_at(doc, i, limit)
    if multi is not None:
        return multi
    return i + 1 if gazetteer.title_head(doc[i].text) else None


def affiliation_of(doc: Doc, start: int, end: int) -> str | None:
    """The organisation a role at [start, end) belongs to: a name in its complement, else the
    first part of a compound title ("Ajax-aanvoerder", "RTL-verslaggever")."""
    portfolio = gazetteer.title_head(doc[start].text) in PORTFOLIO_TITLES or any(
        gazetteer.title_head(t.text) in PORTFOLIO_TITLES for t in doc[start:end][:4])
    for i in range(start, end - 1):  # "burgemeester van Kampen", "analist bij Rabo Research"
        lower = doc[i].lower_
        if lower not in AFFILIATION_PREPOSITIONS:
            continue
        if portfolio and lower in ("van", "voor") and not (i + 1 < end and doc[i + 1].ent_type_ == "LOC"):
            continue  # a portfolio ("wethouder van Onderwijs"), not a place ("wethouder van Arnhem")
        j = i + 1
        while j < end and (doc[j].lower_ in COMPLEMENT_DETERMINERS or _is_lower_noun(doc[j]) and j - i <= 3
                           or doc[j].text in gazetteer.nationalities()[0] and j + 1 < end
                           and doc[j + 1].text.islower()):
            j += 1  # "van de Franse vakbond CGT"
        k = j
        while k < end and (_is_name_token(doc[k]) or doc[k].lower_ in NAME_JOINERS and k > j) \
                and (doc[k].ent_type_ != "PER" or lower in ("bij", "aan")):
            k += 1
        while k > j and doc[k - 1].lower_ in NAME_JOINERS:
            k -= 1
        if k > j:
            return doc[j:k].text
    for token in doc[start:end]:
        if token.ent_type_ == "ORG" and token.ent_iob_ == "B":
            span = next((e for e in doc.ents if e.start == token.i), None)
            if span is not None and span.end <= end:
                return span.text
    first = doc[start].text
    prefix = compound_prefix(first)
    if prefix is None and start + 1 < end and doc[start + 1].text.startswith("-") and not doc[start].whitespace_:
        prefix = first  # "VN" + "-secretaris-generaal", split by the recogniser
    if prefix and prefix[:1].isupper() and prefix.lower() not in gazetteer.role_modifiers() \
            and gazetteer.title_head(prefix) is None and prefix not in gazetteer.nationalities()[0]:
        return prefix
    return None


def compound_prefix(word: str) -> str | None:
    """The part before a compound title: "GroenLinks-PvdA-Kamerlid" → "GroenLinks-PvdA"."""
    if "-" not in word[1:]:
        return None
    head = gazetteer.title_head(word)
    if head and word.lower().endswith(head) and len(word) > len(head) + 1:
        return word[: len(word) - len(head)].rstrip("-") or None
    return word.split("-")[0]


def trailing_affiliation(doc: Doc, person: Span, title: str) -> str | None:
    """"trainer Erik ten Hag van Heracles": the organisation named right after the name; after
    a portfolio title only a place ("minister X van Klimaat" names a portfolio)."""
    i = person.end
    if i + 1 < len(doc) and doc[i].lower_ in AFFILIATION_PREPOSITIONS:
        if gazetteer.title_head(title) in PORTFOLIO_TITLES and doc[i + 1].ent_type_ != "LOC":
            return None
        return affiliation_of(doc, i, complement_links(doc, i, len(doc)))
    return None


def predicate_title(doc: Doc, person: Span) -> tuple[int, int] | None:
    """Token range of the title a predicate or capacity after ``person`` gives:

    "De Vries is sinds maart burgemeester van Kampen", "De Vries, die burgemeester van Kampen
    wordt,", "De Vries werd gisteren geïnstalleerd als wethouder van Onderwijs"."""
    n = len(doc)
    i = person.end
    relative = i + 1 < n and doc[i].text == "," and doc[i + 1].lower_ == "die"
    if relative:
        i += 2
    if i < n and doc[i].lower_ in COPULAS:
        j = i + 1
        gap = 0
        while j < n and gap < MAX_PREDICATE_GAP and gazetteer.title_head(doc[j].text) is None \
                and (doc[j].lower_ in PREDICATE_ADVERBS or doc[j].like_num or gap and doc[j].is_alpha
                     and doc[j - 1].lower_ in ("sinds", "vanaf", "per")):
            j += 1
            gap += 1
        found = _title_from(doc, j)
        if found is not None:
            return found
    if relative:  # "die burgemeester van Kampen wordt"
        found = _title_from(doc, i)
        if found is not None and found[1] < n and doc[found[1]].lower_ in COPULAS:
            return found
    for j in range(i, min(n, i + MAX_CAPACITY_GAP + 1)):
        lower = doc[j].lower_
        if lower == "als" and j > i or lower == "tot" and _appointed(doc, person, j):
            return _title_from(doc, j + 1)
        if lower not in CAPACITY_VERBS and lower not in COPULAS and lower not in PREDICATE_ADVERBS \
                and lower not in ADVERBS:
            break  # "… een afspraak maken als de trainer …": "als" starts a clause there
    return None


def _appointed(doc: Doc, person: Span, tot: int) -> bool:
    """"benoemde X tot CEO", "X wordt benoemd tot president": a verb of appointing around."""
    start = person.sent.start if person.sent is not None else max(0, person.start - 4)
    return any(doc[k].lower_ in APPOINTING for k in range(start, tot) if not person.start <= k < person.end)


def _title_from(doc: Doc, j: int) -> tuple[int, int] | None:
    """"(de) (nieuwe) burgemeester van Kampen" from token ``j``: (title start, role end)."""
    from store.extraction.components.roles import is_modifier

    n = len(doc)
    if j < n and doc[j].lower_ in ("de", "het"):
        j += 1
    start = j
    while j < n and j - start < 3 and is_modifier(doc[j].text) and gazetteer.title_head(doc[j].text) is None:
        j += 1
    if j >= n:
        return None
    end = title_end(doc, j, n)
    if end is None:
        return None
    end = complement_links(doc, field_end(doc, end - 1, n), n) if end == j + 1 else complement_links(doc, end, n)
    return start, end
