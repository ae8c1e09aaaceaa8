#!/usr/bin/env python3
"""Sanity checks for the held-out gold: JSON loads, every quote/number text and
entity name/alias occurs verbatim in its article (whitespace collapsed), quote
speakers are entity names unless speaker_is_entity is false, borderline == 1-4
words, date/title match the header. Also lists quoted spans without a gold
quote (only the nickname ‘Vos’ in h04 is expected). Standard library only."""
import glob, json, os, re
D = os.path.dirname(os.path.abspath(__file__))
bad = 0
tot = [0,0,0]
for gf in sorted(glob.glob(D + '/gold/*.json')):
    g = json.load(open(gf, encoding='utf-8'))
    raw = open(os.path.join(D, g['article']), encoding='utf-8').read()
    text = re.sub(r'\s+', ' ', raw)
    errs = []
    first = raw.split('\n', 1)[0]
    m = re.match(r' date (\d{4}-\d{2}-\d{2}) ', first)
    if m:
        if g['date'] != m.group(1) or g['title'] is not None: errs.append('date/title')
    else:
        if g['date'] is not None or g['title'] != first: errs.append('title')
    names = {}
    for e in g['entities']:
        assert set(e) <= {'name','type','aliases','roles','alt_types','affiliation'}, e
        assert e['type'] in ('PER','ORG','LOC','MISC')
        if e['name'] in names: errs.append('dup entity ' + e['name'])
        names[e['name']] = e
        for n in [e['name']] + e['aliases']:
            if not re.search(r'(?<!\w)' + re.escape(n) + r'(?!\w)', text, re.I):
                errs.append('entity form not in text: ' + n)
        for r in e.get('roles', []):
            if r.lower() not in text.lower(): errs.append('role not in text: ' + r)
        if e.get('affiliation') and e['affiliation'] not in names and e['affiliation'] not in [x['name'] for x in g['entities']]:
            pass
    for q in g['quotes']:
        if q['text'] not in text: errs.append('quote not verbatim: ' + q['text'])
        if q.get('speaker_is_entity', True) and q['speaker'] not in names: errs.append('speaker not entity: ' + q['speaker'])
        if q['text'].endswith(','): errs.append('trailing comma')
        nw = len(re.findall(r'\w+', q['text']))
        if (nw <= 4) != bool(q.get('borderline')): errs.append(f'borderline? {nw} words: {q["text"]}')
    for n in g['numbers']:
        if n['text'] not in text: errs.append('number not verbatim: ' + n['text'])
        assert isinstance(n['value'], (int, float)), n
        if n['qualifier'] and n['qualifier'].lower() not in n['text'].lower(): errs.append('qualifier not in text ' + str(n))
    # all quoted spans in the article
    spans = re.findall(r'„([^”]*)”|“([^”]*)”|"([^"]*)"|‘([^’]*(?:’\w[^’]*)*)’', text)
    spans = [next(s for s in t if s) for t in spans]
    gq = [q['text'] for q in g['quotes']]
    for s in spans:
        s2 = s.rstrip(',').strip()
        if not any(s2 == t or t in s2 or s2 in t for t in gq):
            print('   (unannotated quoted span)', g['article'], repr(s2))
    print(g['article'], 'words', len(text.split()), 'E', len(g['entities']), 'Q', len(g['quotes']),
          'Qb', sum(1 for q in g['quotes'] if q.get('borderline')), 'N', len(g['numbers']))
    tot[0]+=len(g['entities']); tot[1]+=len(g['quotes']); tot[2]+=len(g['numbers'])
    for e in errs: print('  ERR', e); bad += 1
print('total E/Q/N', tot, 'errors', bad)
raise SystemExit(1 if bad else 0)
