"""Query latency through ``handlers.dispatch`` on a large database: p50/p95 in milliseconds.

Each command runs once to warm caches, then ``runs`` times over varied arguments: names drawn from
the people the database mentions (full names, surnames only, lower case, one typo), search words
and phrases from the generator's vocabulary. ``/trending`` runs for the default week and for
30 days (a month of a dense archive is the heaviest read).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from pathlib import Path

SEARCHES = (
    "aanval",
    "drones",
    "begroting",
    "inflatie",
    "rechtbank",
    "museum",
    "staakt-het-vuren",
    "woningmarkt",
    "transfer",
    "explosies",
    "luchtverdediging",
    "cao",
    "kampioenschap",
    "aanvallen drones",
    "nieuwe wet",
    "gevangenen uitgewisseld",
    "energieprijzen",
    "fraudezaak",
    "werkbezoek",
    "demonstranten",
    "rode kaart",
    "motie",
    "onderhandelingen",
)


@dataclass
class Latency:
    command: str
    runs: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    errors: int  # replies of kind "error"

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank percentile (p in 0…100) of ``values``."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def sample_names(db, count: int, rng: random.Random) -> list[str]:
    """Person names as a user would type them: full, surname only, lower case, one typo."""
    people = [
        row[0]
        for row in db.execute(
            """select e.name from entities e join mentions m on m.entity_id = e.id
           where e.type = 'PER' group by e.id order by count(*) desc limit 300"""
        ).fetchall()
    ]
    if not people:
        return ["Jansen"] * count
    names = []
    for _ in range(count):
        name = rng.choice(people)
        style = rng.random()
        if style < 0.25 and " " in name:
            name = name.split(" ", 1)[1]
        elif style < 0.4:
            name = name.lower()
        elif style < 0.5 and len(name) > 5:
            i = rng.randrange(1, len(name) - 1)
            name = name[:i] + name[i + 1] + name[i] + name[i + 2 :]
        names.append(name)
    return names


def measure_queries(db_path: Path, runs: int = 200, seed: int = 11) -> list[Latency]:
    """p50/p95 of /who, /search, /quotes and /trending against the database at ``db_path``."""
    from handlers import dispatch
    from handlers.reply import Request
    from store.db import open_db

    db = open_db(db_path)
    rng = random.Random(seed)
    names = sample_names(db, runs, rng)
    searches = [rng.choice(SEARCHES) for _ in range(runs)]
    cases = [
        ("/who", "who", names),
        ("/search", "search", searches),
        ("/quotes", "quotes", names),
        ("/trending", "trending", [""] * runs),  # the default: the newest week
        ("/trending 30", "trending", ["30"] * runs),
    ]
    results = []
    for label, command, args in cases:
        dispatch(Request(command=command, args=args[0]), db)  # warm
        timings, errors = [], 0
        for arg in args:
            start = time.perf_counter()
            reply = dispatch(Request(command=command, args=arg), db)
            timings.append((time.perf_counter() - start) * 1000)
            errors += reply.kind == "error"
        results.append(
            Latency(
                label,
                len(timings),
                round(percentile(timings, 50), 2),
                round(percentile(timings, 95), 2),
                round(max(timings), 2),
                errors,
            )
        )
    db.close()
    return results
