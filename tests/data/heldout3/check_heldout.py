#!/usr/bin/env python3
"""Sanity checks for the held-out gold set (standard library only).

    python3 check_heldout.py [DIR]

- every gold JSON loads and has the gold/README.md schema keys;
- date/title agree with the article header;
- every entity name and alias, quote text and number text occurs verbatim in
  the article after whitespace runs are collapsed (names also on word boundaries);
- every quote text sits inside a pair of quote marks;
- every quote-mark span in the article is annotated (or listed as a non-quote);
- speakers with speaker_is_entity != false are entity names;
- no two entities share a name or alias.
"""
import json
import re
import sys
from pathlib import Path

BASE = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent)
OPEN = "„“\"‘'"
CLOSE = "”\"’'"
# quote-mark spans that are not reported words (titles), per article
NOT_QUOTES = {}
# spans opened by these marks: („ ”) (“ ”) (" ") (‘ ’)
SPAN = re.compile(r"„([^”]+)”|“([^”]+)”|\"([^\"]+)\"|‘([^’]+)’(?!\w)"
                  r"|(?<!\w)'((?:[^']|(?<=\w)'(?=\w))+)'(?!\w)")

def collapse(s):
    return re.sub(r"\s+", " ", s).strip()

errors = 0
def err(msg):
    global errors
    errors += 1
    print("ERROR", msg)

golds = sorted((BASE / "gold").glob("*.json"))
for gf in golds:
    g = json.loads(gf.read_text(encoding="utf-8"))
    art = BASE / g["article"]
    if art.stem != gf.stem:
        err(f"{gf.name}: article name mismatch")
    raw = art.read_text(encoding="utf-8")
    text = collapse(raw)
    for key in ("article", "date", "title", "entities", "quotes", "numbers"):
        if key not in g:
            err(f"{gf.name}: missing key {key}")
    m = re.match(r" date (\d{4}-\d{2}-\d{2})\n", raw)
    if m:
        if g["date"] != m.group(1) or g["title"] != raw.splitlines()[1].strip():
            err(f"{gf.name}: date/title header mismatch")
    else:
        if g["date"] is not None or g["title"] != raw.splitlines()[0].strip():
            err(f"{gf.name}: title mismatch")
    seen = {}
    for e in g["entities"]:
        if set(e) - {"name", "type", "aliases", "roles", "affiliation", "alt_types"}:
            err(f"{gf.name}: odd entity keys {e}")
        if e["type"] not in {"PER", "ORG", "LOC", "MISC"}:
            err(f"{gf.name}: bad type {e}")
        for n in [e["name"], *e["aliases"]]:
            if not re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text):
                err(f"{gf.name}: entity form not in text: {n!r}")
            k = n.lower()
            if k in seen:
                err(f"{gf.name}: {n!r} used by two entities")
            seen[k] = e["name"]
        for r in e.get("roles") or []:
            if r.lower() not in text.lower():
                err(f"{gf.name}: role not in text: {r!r}")
    names = {e["name"] for e in g["entities"]}
    annotated = set()
    for q in g["quotes"]:
        if q["text"] not in text:
            err(f"{gf.name}: quote not in text: {q['text'][:50]!r}")
        if not re.search("[" + OPEN + "]" + re.escape(q["text"]) + ",?[" + CLOSE + "]", text):
            err(f"{gf.name}: quote not inside quote marks: {q['text'][:50]!r}")
        if q.get("speaker_is_entity", True) and q["speaker"] not in names:
            err(f"{gf.name}: speaker is not an entity name: {q['speaker']!r}")
        annotated.add(q["text"].rstrip(","))
    for m in SPAN.finditer(text):
        span = next(s for s in m.groups() if s is not None).rstrip(",")
        if span not in annotated and span not in NOT_QUOTES.get(art.name, set()):
            err(f"{gf.name}: quote span not annotated: {span[:50]!r}")
    for n in g["numbers"]:
        if n["text"] not in text:
            err(f"{gf.name}: number text not in text: {n['text']!r}")
        if not isinstance(n["value"], (int, float)):
            err(f"{gf.name}: value not numeric: {n}")
        if n["qualifier"] is not None and n["qualifier"].lower() not in n["text"].lower():
            err(f"{gf.name}: qualifier not in number text: {n}")
    print(f"{gf.name}: {len(text.split())} words, {len(g['entities'])} entities, "
          f"{sum(len(e.get('roles') or []) for e in g['entities'])} roles, "
          f"{len(g['quotes'])} quotes ({sum(1 for q in g['quotes'] if not q.get('borderline'))} counted), "
          f"{len(g['numbers'])} numbers")
print("errors:", errors)
sys.exit(1 if errors else 0)
