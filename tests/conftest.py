"""Shared fixtures: a real SQLite file, the real spaCy pipeline (built once), a seeded database."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def nlp():
    """The real extraction pipeline, built once per test session."""
    from store.nlp import shared_pipeline

    return shared_pipeline(None)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "newsroom.db"


@pytest.fixture
def db(db_path):
    from store.db import open_db

    database = open_db(db_path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def seeded_db_path(tmp_path_factory, nlp) -> Path:
    """The five seed articles loaded once into a database file; copy it before writing."""
    from store.db import open_db
    from store.loader import load_paths

    path = tmp_path_factory.mktemp("seeded") / "seeds.db"
    database = open_db(path)
    results = load_paths(database, [SEEDS], nlp=nlp)
    assert [r.status for r in results] == ["loaded"] * 5
    database.close()
    return path


@pytest.fixture
def seeded_db(seeded_db_path, tmp_path):
    """A private, writable copy of the seeded database."""
    import shutil

    from store.db import open_db

    copy = tmp_path / "seeded.db"
    shutil.copy(seeded_db_path, copy)
    database = open_db(copy)
    yield database
    database.close()
