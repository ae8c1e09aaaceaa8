"""``newsbot_entities``: rule-based Dutch NER (PER/ORG/LOC/MISC) with one canonical name per entity.

Writes ``doc.ents``; each entity span's ``id_`` is the key of its canonical entity
(``store.names.identity_key`` of the canonical name), and ``doc._.newsbot_entity_names`` maps that
key to the canonical name, the fullest form written in the document ("Marit Vos" for the
mentions "Trump" and "president Trump").

With a pretrained pipeline before it, the model's entities are kept (labels mapped to CoNLL:
PERSON→PER, GPE/LOC/FAC→LOC, ORG→ORG, EVENT/WORK_OF_ART/PRODUCT/LAW/LANGUAGE→MISC; NORP, dates
and numbers dropped) and ours are added where they do not overlap. On overlap the model wins:
its spans come from context we cannot see with rules; ours fill the gaps it leaves.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from operator import itemgetter

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span

from store.extraction import gazetteer
from store.extraction.components import lexicon
from store.extraction.components.doc_index import remember_entity_spans, text_of
from store.extraction.components.doc_view import remember_token_texts
from store.extraction.components.entity_rules import STRONG, Candidate, bare, candidates, is_org_word
from store.extraction.components.lexicon import SPLIT, Word, split_parts
from store.extraction.name_lists import list_types
from store.names import identity_key, normalize

PRETRAINED_LABELS = {
    "PERSON": "PER", "PER": "PER",
    "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "ORG": "ORG",
    "EVENT": "MISC", "WORK_OF_ART": "MISC", "PRODUCT": "MISC", "LAW": "MISC", "LANGUAGE": "MISC",
    "MISC": "MISC",
}
LEADING_ARTICLES = ("de ", "het ", "De ", "Het ")
NAME_SUFFIX_KEYS = frozenset([identity_key("jr"), identity_key("sr")])  # "Mark J. Hollander jr."
CLUB_PREFIXES = frozenset("FC SC AFC VV SV RKC".split())  # sports clubs named after their town

if not Doc.has_extension("newsbot_entity_names"):
    Doc.set_extension("newsbot_entity_names", default=None)


def surface(span: Span) -> str:
    """The name form of a mention: no genitive, no leading article ("het Kremlin" → "Kremlin")."""
    return surface_of(text_of(span.doc)[span.start_char : span.end_char])  # span.text, no Tokens


@lru_cache(maxsize=65536)
def surface_of(mention: str) -> str:
    """``surface`` of a mention's text."""
    words = mention.split()
    words[-1] = bare(words[-1])
    text = " ".join(words)
    for article in LEADING_ARTICLES:
        if text.startswith(article) and len(words) > 1 and not list_types(words):
            return text[len(article):]  # but "De Wever", "De Kuip": the article is part of the name
    return text


class Mention:
    """A typed name's token range and name form, before it becomes an entity ``Span``: linking
    only needs these, so no Span is built per candidate and then again per entity."""

    __slots__ = ("start", "end", "form")

    def __init__(self, start: int, end: int, form: str) -> None:
        self.start, self.end, self.form = start, end, form


class Cluster:
    """Mentions of one real-world entity within one document."""

    def __init__(self) -> None:
        self.forms: list[str] = []
        self.spans: list[Mention] = []
        self.labels: Counter = Counter()
        self.strongest: dict[str, int] = {}  # label → the strongest evidence for it
        self.place: str | None = None
        self._name: str | None = None  # name and label, until the next add or absorb
        self._label: str | None = None

    def add(self, span: Mention, label: str, strength: int, place: str | None) -> None:
        self.spans.append(span)
        self.forms.append(span.form)
        self.labels[label] += 10 * strength + 1
        self.strongest[label] = max(self.strongest.get(label, 0), strength)
        self.place = self.place or place
        self._name = self._label = None

    def absorb(self, other: Cluster, keep_label: bool = False) -> None:
        self.spans.extend(other.spans)
        self.forms.extend(other.forms)
        if not keep_label:
            self.labels.update(other.labels)
        self.place = self.place or other.place
        self._name = self._label = None

    def make_person(self) -> None:
        self.labels = Counter({"PER": sum(self.labels.values())})
        self.strongest = {"PER": max(self.strongest.values())}
        self._label = None

    @property
    def name(self) -> str:
        """The fullest form: most words, then most characters, then the first written."""
        if self._name is None:
            best, best_size = None, None
            for form in self.forms:
                size = (len(form.split()), len(form))
                if best_size is None or size > best_size:
                    best, best_size = form, size
            self._name = best
        return self._name

    @property
    def label(self) -> str:
        if self._label is None:
            self._label = max(self.labels.items(), key=itemgetter(1))[0]  # most_common(1), cheaper
        return self._label


@lru_cache(maxsize=65536)
def key_of(name: str) -> str:
    """The identity key of a name form: Zelenskyy = Zelensky, but Janssen ≠ Jansen."""
    return identity_key(name)


def person_of(cluster: Cluster) -> tuple[str, str]:
    """(first word, last word) of a full name's key: "Donald J. Trump" and "Donald Trump" are one
    person here, "Anna Bos" and "Bram Bos" two."""
    words = [w for w in key_of(cluster.name).split() if w not in NAME_SUFFIX_KEYS]
    return words[0], words[-1]


def link(typed: list[tuple[Mention, str, int, str | None]], texts: list[str]) -> list[Cluster]:
    """Group mentions: same identity key or gazetteer place; a surname or first name joins a full
    name when exactly one person in the text has it (with "Anna Bos" and "Bram Bos" in one text a
    bare "Bos" stays on its own). ``texts`` are the Doc's token texts."""
    by_key: dict[str, Cluster] = {}
    for span, label, strength, place in typed:
        key = f"place:{place}" if place else key_of(span.form)
        cluster = by_key.get(key)
        if cluster is None:
            cluster = by_key[key] = Cluster()
        cluster.add(span, label, strength, place)
    clusters = list(by_key.values())
    persons = [c for c in clusters if c.label == "PER" and len(c.name.split()) > 1]
    parts: dict[str, list[Cluster]] = defaultdict(list)
    for person in persons:
        words = [w for w in key_of(person.name).split() if w not in NAME_SUFFIX_KEYS]
        for index in range(1, len(words)):
            parts[" ".join(words[index:])].append(person)
        parts[words[0]].append(person)
    merged = []
    for cluster in clusters:
        owners = [p for p in parts.get(key_of(cluster.name), []) if p is not cluster]
        place = gazetteer.places().get(tuple(cluster.name.split()))
        is_place = place is not None and place.kind != "city"  # a town may share a surname
        one_person = len({person_of(p) for p in owners}) == 1
        if owners and one_person and not is_place and (cluster.label != "ORG" or cluster.strongest["ORG"] < STRONG):
            # a surname, first name or shorter form joins the person: "Hollander", "Bin Rashid";
            # also a surname that a name list also knows as a company ("Smid")
            owner = max(owners, key=lambda c: (len(c.name.split()), len(c.spans)))
            owner.absorb(cluster, keep_label=True)
            continue
        if owners and not is_place and max(cluster.strongest.values()) < STRONG:
            cluster.make_person()  # the surname of several people here ("Bos"), whatever a list says
        merged.append(cluster)
    return join_short_forms(merged, bracketed_acronyms(typed, texts))


def initials(name: str) -> str:
    """"Nationale Kustwacht Dienst" → "NKD", "Hoge Raad" → "HR" (capitalised words only)."""
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def short_forms(org: Cluster) -> set[str]:
    """Other ways a text refers to an organisation: its head ("Kamer" for "Tweede Kamer",
    "Kustwacht Dienst" for "Nationale Kustwacht Dienst"), its initials ("NKD"), and its name without
    the organisation word ("Dijkstra" for "Dijkstra Groep", "Emmen" for "FC Emmen")."""
    words = org.name.split()
    forms = {" ".join(words[index:]) for index in range(1, len(words)) if is_org_word(words[-1])}
    if org.label == "MISC" and len(words) > 1:
        forms.add(words[-1])  # a product by its model: "A350" for "Airbus A350"
        return forms
    if len(words) > 1 and "O" in list_types(words[:1]) and not any(is_org_word(w) for w in words[1:]):
        forms.add(words[0])  # a company by its listed short name: "Zentrax" for "Zentrax Systems"
    if len(words) > 1:
        forms.add(initials(org.name))
        rest = [w for w in words if not is_org_word(w) and w not in CLUB_PREFIXES]
        if rest and len(rest) < len(words) and all(w[:1].isupper() for w in rest):
            forms.add(" ".join(rest))
    return forms


def bracketed_acronyms(typed: list[tuple[Mention, str, int, str | None]], texts: list[str]) -> dict[str, str]:
    """"Raad voor Verkeersveiligheid (RVV)": the acronym in brackets right after a name → that name."""
    found = {}
    for (before, label, _, _), (span, _, _, _) in zip(typed, typed[1:]):
        if label not in ("PER", "LOC") and span.end - span.start == 1 and before.end == span.start - 1 \
                and span.end < len(texts) and texts[span.start - 1] == "(" and texts[span.end] == ")":
            found[span.form] = before.form
    return found


def join_short_forms(clusters: list[Cluster], aliases: dict[str, str] | None = None) -> list[Cluster]:
    """A short form of an organisation written in the same text joins it (see ``short_forms``);
    a place joins only a club named after it ("Emmen" → "FC Emmen"), not "Hogeschool Zwolle"."""
    orgs = [c for c in clusters if c.label in ("ORG", "MISC") and len(c.name.split()) > 1]
    if not orgs and not aliases:
        return clusters
    owners: dict[str, Cluster] = {}
    for org in sorted(orgs, key=lambda c: -len(c.spans)):
        for form in short_forms(org):
            owners.setdefault(form, org)
    by_form = {form: c for c in clusters for form in c.forms}
    for acronym, name in (aliases or {}).items():
        if name in by_form and by_form[name].label != "PER":
            owners[acronym] = by_form[name]
    kept = []
    for cluster in clusters:
        owner = owners.get(cluster.name)
        if owner is not None and owner is not cluster and cluster.label != "PER" or (
                owner is not None and cluster.label == "PER" and len(cluster.name.split()) == 1):
            if cluster.place is None or owner.name.split()[0] in CLUB_PREFIXES:
                owner.absorb(cluster, keep_label=True)
                continue
        kept.append(cluster)
    return kept


def merge_pretrained(doc: Doc, ours: list[Candidate], texts: list[str]) -> list[tuple[Mention, str, int, str | None]]:
    """The model's entities (labels mapped) plus ours where they do not overlap; ``texts`` are
    the Doc's token texts."""
    typed = []
    taken = set()
    for ent in doc.ents:
        label = PRETRAINED_LABELS.get(ent.label_)
        if label:
            typed.append((Mention(ent.start, ent.end, surface(ent)), label, STRONG + 1, None))
            taken.update(range(ent.start, ent.end))
    text = text_of(doc)
    idx = doc.to_array(IDX).tolist() if ours else []
    for c in ours:
        if not taken.intersection(range(c.start, c.end)):
            form = surface_of(text[idx[c.start] : idx[c.end - 1] + len(texts[c.end - 1])])  # Span.text
            typed.append((Mention(c.start, c.end, form), c.label, c.strength, c.place))
    typed.sort(key=lambda item: item[0].start)
    return typed


def split_tokens(doc: Doc, words: list[Word]) -> bool:
    """"OVSE-waarnemer" → "OVSE" + "-waarnemer", so OVSE can be an entity;
    "Bull." → "Bull" + "." where the tokenizer kept a full stop on a capitalised word
    (``lexicon.split_parts``). Returns whether anything was split."""
    todo = [index for index, word in enumerate(words) if word.flags & SPLIT]
    if not todo:
        return False
    with doc.retokenize() as retokenizer:
        for index in todo:
            token = doc[index]
            parts = split_parts(words[index].text)
            heads = [(token, k + 1) for k in range(len(parts) - 1)] + [token.head]
            retokenizer.split(token, parts, heads=heads)
    return True


class EntityRecognizer:
    """The ``newsbot_entities`` component."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        gazetteer.warm()

    def __call__(self, doc: Doc) -> Doc:
        words = lexicon.words(doc)
        if split_tokens(doc, words):
            words = lexicon.words(doc)
        found, v = candidates(doc, words)
        remember_token_texts(doc, v.texts)
        typed = merge_pretrained(doc, found, v.texts)
        names: dict[str, str] = {}
        spans = []
        for cluster in link(typed, v.texts):
            name, label = cluster.name, cluster.label
            key = key_of(name) or normalize(name)
            names[key] = name
            for span in cluster.spans:
                spans.append(Span(doc, span.start, span.end, label=label, span_id=key))
        spans.sort(key=lambda s: s.start)
        doc.ents = spans
        remember_entity_spans(doc, spans)  # the same spans ``doc.ents`` would build again
        doc._.newsbot_entity_names = names
        return doc


@Language.factory("newsbot_entities", assigns=["doc.ents", "doc._.newsbot_entity_names"])
def make_entities(nlp: Language, name: str) -> EntityRecognizer:
    return EntityRecognizer(nlp, name)
