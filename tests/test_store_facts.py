"""store.extraction.facts: a processed Doc turned into Facts (entities, roles, quotes, numbers, dates)."""

from __future__ import annotations

from store.extraction.facts import extract, extract_many, facts_from_doc
from store.model import facts_json

TEXT = (
    "De Amerikaanse president Donald Trump sprak met premier Dick Schoof in het Witte Huis. "
    "„We zijn dicht bij een akkoord”, aldus Trump. Bij de aanval vielen zeker twaalf doden."
)


def test_extract_collects_every_kind_of_fact(nlp):
    facts = extract(nlp, TEXT, "2025-04")
    summary = [(e.name, e.type, e.aliases, [r.text for r in e.roles]) for e in facts.entities]
    assert summary == [
        ("Donald Trump", "PER", ["Trump"], ["Amerikaanse president"]),
        ("Dick Schoof", "PER", [], ["premier"]),
        ("Witte Huis", "ORG", [], []),
    ]
    assert [(q.text, q.speaker, q.speaker_is_entity) for q in facts.quotes] == [
        ("We zijn dicht bij een akkoord", "Donald Trump", True)
    ]
    assert [(n.value, n.qualifier) for n in facts.numbers] == [(12, "zeker")]
    assert [TEXT[s:e] for s, e in facts.sentences][1] == "„We zijn dicht bij een akkoord”, aldus Trump."
    assert facts.sentences == [(0, 86), (87, 132), (133, 173)]


def test_mentions_point_into_the_text(nlp):
    facts = extract(nlp, TEXT)
    trump = facts.entities[0]
    assert [(m.start, m.end, m.text) for m in trump.mentions] == [(25, 37, "Donald Trump"), (126, 131, "Trump")]
    assert all(TEXT[m.start : m.end] == m.text for e in facts.entities for m in e.mentions)


def test_party_goes_to_affiliation(nlp):
    facts = extract(nlp, "Demissionair defensieminister Ruben Brekelmans (VVD) noemt het onacceptabel.")
    person = facts_json(facts)["entities"][0]
    assert (person["name"], person["roles"], person["affiliation"]) == (
        "Ruben Brekelmans", ["demissionair defensieminister"], "VVD",
    )


def test_extract_many_streams_in_order(nlp):
    items = [("Koning Willem-Alexander bezocht Groningen.", "2025-05-01"), ("Ajax verloor van PSV.", None)]
    names = [[e.name for e in facts.entities] for facts in extract_many(nlp, items, batch_size=1)]
    assert names == [["Willem-Alexander", "Groningen"], ["Ajax", "PSV"]]


def test_facts_from_a_doc_without_our_extensions(entity_nlp):
    # a pipeline without quote/number/date components: those facts are simply empty
    facts = facts_from_doc(entity_nlp("Minister-president Schoof sprak in Utrecht."))
    assert ([e.name for e in facts.entities], facts.quotes, facts.numbers, facts.dates) == (
        ["Schoof", "Utrecht"], [], [], []
    )
