"""The seeds loaded into a fresh database, for the round-trip benchmarks."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seeded_db(folder: Path, name: str = "seeds.db") -> Path:
    from store.db import open_db
    from store.loader import load_paths

    path = folder / name
    db = open_db(path)
    load_paths(db, [ROOT / "seeds"])
    db.close()
    return path
