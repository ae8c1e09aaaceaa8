"""Entity identity on a generated corpus: how many entities, the largest alias sets, persons
holding more than one first name, the load rate, and (``--order``) whether loading the same
articles in reverse gives the same people.

    python -m bench.identity [--count 10000] [--order 1500] [--out bench/out]

The generator's cast shares surnames on purpose (600 people drawn from one list of surnames), so
a linker that joins people by surname shows here as entities with many first names.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench.ingest import corpus_folder

OUT = Path(__file__).resolve().parent / "out"


def people(db) -> list[tuple]:
    """Every person: name, sorted aliases, sorted roles, the files of the articles naming them."""
    table = []
    for entity_id, name in db.execute("select id, name from entities where type = 'PER' order by name"):
        aliases = sorted(a for (a,) in db.execute("select alias from aliases where entity_id = ?", [entity_id]))
        roles = sorted({r for (r,) in db.execute("select role from roles where entity_id = ?", [entity_id])})
        paths = sorted({p for (p,) in db.execute(
            "select a.path from mentions m join articles a on a.id = m.article_id where m.entity_id = ?", [entity_id]
        )})
        table.append((name, aliases, roles, paths))
    return table


def first_names(db) -> dict[str, set[str]]:
    """Person → the first names among its aliases (more than one: people were joined)."""
    from store.names import identity_key, person_parts

    found: dict[str, set[str]] = {}
    for name, alias in db.execute(
        "select e.name, a.alias from aliases a join entities e on e.id = a.entity_id where e.type = 'PER'"
    ):
        given = person_parts(identity_key(alias))[0]
        if given:
            found.setdefault(name, set()).add(given.split()[0])
    return found


def fresh_db(path: Path):
    from store.db import open_db

    for stale in path.parent.glob(path.name + "*"):
        stale.unlink()
    return open_db(path)


def load_files(db, nlp, files: list[Path]) -> None:
    from store.loader import load_bytes

    for file in files:
        load_bytes(db, file.name, file.read_bytes(), nlp=nlp)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.identity", description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--order", type=int, default=0, help="also load this many articles forward and reversed")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    from store.extraction.nlp import shared_pipeline
    from store.loader import load_paths

    nlp = shared_pipeline(None)
    folder = corpus_folder(args.out, args.count)
    db = fresh_db(args.out / "identity.db")
    start = time.perf_counter()
    load_paths(db, [folder], nlp=nlp)
    seconds = time.perf_counter() - start
    print(f"{args.count} articles in {seconds:.1f} s: {args.count / seconds:.1f} articles/s")
    counts = dict(db.execute("select type, count(*) from entities group by type").fetchall())
    print("entities:", sum(counts.values()), counts)
    for entity_type, name, size, aliases in db.execute(
        """select e.type, e.name, count(*), group_concat(a.alias, ' | ') from entities e
           join aliases a on a.entity_id = e.id group by e.id order by count(*) desc, e.name limit 5"""
    ):
        print(f"largest alias set: {name} ({entity_type}) {size}: {aliases}")
    mixed = {name: firsts for name, firsts in first_names(db).items() if len(firsts) > 1}
    print("persons with two or more first names:", len(mixed))
    if args.order:
        files = sorted(folder.glob("*.txt"))[: args.order]
        tables = []
        for label, order in (("forward", files), ("reverse", files[::-1])):
            ordered = fresh_db(args.out / f"identity-{label}.db")
            load_files(ordered, nlp, order)
            tables.append(people(ordered))
        print(f"{args.order} articles forward and reversed: {len(tables[0])} persons, same table: {tables[0] == tables[1]}")


if __name__ == "__main__":
    main()
