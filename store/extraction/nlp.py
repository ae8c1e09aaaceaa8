"""Build the spaCy pipeline: ``spacy.blank("nl")`` plus our components, in a fixed order.

    newsbot_sentences → newsbot_entities → newsbot_roles
                      → newsbot_quotes → newsbot_numbers → newsbot_dates

Each ``newsbot_*`` component lives in ``store/extraction/components/<name>.py`` and registers itself with
``@Language.factory`` when imported. When ``model`` names an installed pretrained pipeline, that
pipeline is the base: its NER runs first and ``newsbot_entities`` merges its entities with ours,
and its parser or senter sets the sentence boundaries that ``newsbot_sentences`` repairs (without
one, ``newsbot_sentences`` applies spaCy's ``sentencizer`` rule itself, on token arrays).
"""

from __future__ import annotations

import ctypes
import gc
import importlib
from dataclasses import dataclass
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
        importlib.import_module(f"store.extraction.components.{name.removeprefix('newsbot_')}")


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
    for name in COMPONENTS:
        nlp.add_pipe(name)
    release_memory()
    return nlp


def release_memory() -> None:
    """Collect garbage and hand the freed heap back to the system (glibc keeps it otherwise).

    Building the pipeline decodes large word lists and drops them again (~30 MB), and so does
    extracting a very long text piece by piece; collecting then also keeps the first full
    collection from falling in the middle of the next articles."""
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError):  # not glibc
        pass


@lru_cache(maxsize=4)
def shared_pipeline(model: str | None = None) -> Language:
    """One pipeline per model per process: building it loads gazetteers, which takes a while."""
    return build_pipeline(model)


@dataclass(frozen=True)
class PipelineLoader:
    """Builds (once per process) the pipeline for ``model``: a plain value, so worker processes
    can be told which pipeline to build for themselves."""

    model: str | None = None

    def __call__(self) -> Language:
        return shared_pipeline(self.model)
