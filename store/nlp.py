"""Build the spaCy pipeline: ``spacy.blank("nl")`` plus our components, in a fixed order.

    sentencizer → newsbot_sentences → newsbot_entities → newsbot_roles
                → newsbot_quotes → newsbot_numbers → newsbot_dates

Each ``newsbot_*`` component lives in ``store/components/<name>.py`` and registers itself with
``@Language.factory`` when imported. When ``model`` names an installed pretrained pipeline, that
pipeline is the base: its NER runs first and ``newsbot_entities`` merges its entities with ours.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language

# Order matters: quotes need entities (speakers) and sentences; roles need entities.
COMPONENTS = (
    "newsbot_sentences",
    "newsbot_entities",
    "newsbot_roles",
    "newsbot_quotes",
    "newsbot_numbers",
    "newsbot_dates",
)


class ModelNotFound(Exception):
    """The configured ``[nlp] model`` is not an installed spaCy pipeline."""


def _register_components() -> None:
    for name in COMPONENTS:
        importlib.import_module(f"store.components.{name.removeprefix('newsbot_')}")


def build_pipeline(model: str | None = None) -> Language:
    """The extraction pipeline; ``model`` is an installed spaCy pipeline name or path, or None."""
    _register_components()
    if model:
        try:
            nlp = spacy.load(model, exclude=["lemmatizer"])
        except OSError as exc:
            raise ModelNotFound(f"[nlp] model = {model!r} is not an installed spaCy pipeline: {exc}") from None
        if nlp.lang != "nl":
            raise ModelNotFound(f"[nlp] model = {model!r} is a {nlp.lang!r} pipeline; a Dutch (nl) one is needed")
    else:
        nlp = spacy.blank("nl")
    if not nlp.has_pipe("sentencizer") and not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
        nlp.add_pipe("sentencizer")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=4)
def shared_pipeline(model: str | None = None) -> Language:
    """One pipeline per model per process: building it loads gazetteers, which takes a while."""
    return build_pipeline(model)
