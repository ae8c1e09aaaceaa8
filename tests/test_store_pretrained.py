"""A pretrained pipeline as ``[nlp] model``: its entities are merged with ours.

The "pretrained" pipeline is made here: blank Dutch plus an entity_ruler that labels like
spaCy's OntoNotes models (PERSON, GPE, NORP), saved to disk and loaded by path.
"""

from __future__ import annotations

import spacy

from store.extraction.facts import extract
from store.extraction.nlp import build_pipeline


def make_tiny_model(path) -> None:
    tiny = spacy.blank("nl")
    ruler = tiny.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "PERSON", "pattern": "Jan Jansen"},
        {"label": "NORP", "pattern": "Nederlandse"},
        {"label": "GPE", "pattern": "Zwolle"},
        {"label": "DATE", "pattern": "dinsdag"},
    ])
    tiny.to_disk(path)


def test_pretrained_entities_are_merged(tmp_path):
    make_tiny_model(tmp_path / "tiny")
    nlp = build_pipeline(str(tmp_path / "tiny"))
    assert nlp.pipe_names[0] == "entity_ruler"
    facts = extract(nlp, "De Nederlandse ondernemer Jan Jansen opende dinsdag in Zwolle een fabriek met "
                         "burgemeester Peter Snijders en minister-president Dick Schoof.")
    assert [(e.name, e.type) for e in facts.entities] == [
        ("Jan Jansen", "PER"),  # PERSON → PER, from the model
        ("Zwolle", "LOC"),  # GPE → LOC
        ("Peter Snijders", "PER"),  # ours, where the model found nothing
        ("Dick Schoof", "PER"),
    ]  # NORP ("Nederlandse") and DATE ("dinsdag") are dropped
    assert [r.text for r in facts.entities[3].roles] == ["minister-president"]
