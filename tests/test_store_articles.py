"""store.articles: every format, encoding and refusal, and the five seeds against the gold files."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.articles import SUPPORTED_SUFFIXES, read_articles, read_bytes
from store.dates import normalise_date
from store.model import Article, BadArticle, BadRecord

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "data" / "seeds" / "gold"
SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))

SEED_LIKE = (
    " date 2025-04 In de nachtelijke uren heeft Rusland opnieuw Kiev aangevallen met een grootschalige inzet van\n"
    "\n"
    "raketten en drones. Volgens Oekraïense autoriteiten zijn bij de zwaarste aanval op de hoofdstad\n"
    "\n"
    "in 2025 zeker twaalf mensen om het leven gekomen. De aanval veroorzaakte ernstige schade aan\n"
    "\n"
    "gebouwen.\n"
    "\n"
    "Tijdens een persmoment in het Witte Huis benadrukte Trump dat zijn regering “veel druk”\n"
    "\n"
    "uitoefent op Moskou en dat er de afgelopen dagen concrete stappen zijn gezet richting een\n"
    "\n"
    "vredesovereenkomst. Opmerkelijk genoeg liet Trump ook weten dat er druk wordt uitgeoefend.\n"
    "\n"
    "De Amerikaanse minister van Buitenlandse Zaken, Marco Rubio, bevestigde dat er dit weekend\n"
    "\n"
    "nieuwe onderhandelingen op de agenda staan.\n"
)
SEED_LIKE_TEXT = (
    "In de nachtelijke uren heeft Rusland opnieuw Kiev aangevallen met een grootschalige inzet van "
    "raketten en drones. Volgens Oekraïense autoriteiten zijn bij de zwaarste aanval op de hoofdstad "
    "in 2025 zeker twaalf mensen om het leven gekomen. De aanval veroorzaakte ernstige schade aan "
    "gebouwen.\n\n"
    "Tijdens een persmoment in het Witte Huis benadrukte Trump dat zijn regering “veel druk” "
    "uitoefent op Moskou en dat er de afgelopen dagen concrete stappen zijn gezet richting een "
    "vredesovereenkomst. Opmerkelijk genoeg liet Trump ook weten dat er druk wordt uitgeoefend. "
    "De Amerikaanse minister van Buitenlandse Zaken, Marco Rubio, bevestigde dat er dit weekend "
    "nieuwe onderhandelingen op de agenda staan."
)
NORMAL_TEXT = (
    "Trump schreef vrijdag op Truth Social dat hij Poetin vroeg om de levens van Oekraïense militairen te sparen.\n"
    "\n"
    "„We hebben hele goede gesprekken gehad”, aldus Trump.\n"
    "\n"
    "Belafspraak\n"
    "\n"
    "Poetin verkoopt de huid van de Russische beer duur\n"
    "\n"
    "De Verenigde Staten kwamen afgelopen week met een voorstel voor een bestand van dertig dagen."
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Rusland valt Kiev opnieuw aan | Nieuwsdienst</title>
<meta property="og:title" content="Rusland valt Kiev opnieuw aan">
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="https://nieuws.example/buitenland/kiev">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/binnenland">Binnenland</a></li>
<li><a href="/buitenland">Buitenland</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="ad">Advertentie: Koop nu uw nieuwe fiets met 20% korting bij FietsPlaza!</div>
<main><article>
<h1>Rusland valt Kiev opnieuw aan</h1>
<p>In de nachtelijke uren heeft Rusland opnieuw Kiev aangevallen met een grootschalige inzet van
raketten en drones. Volgens Oekraïense autoriteiten zijn zeker twaalf mensen om het leven gekomen
en raakten er ruim negentig gewond.</p>
<p>De Amerikaanse president Donald Trump sprak zich ongewoon fel uit tegen zijn Russische
ambtsgenoot. „Vladimir, STOP!” schreef Trump op zijn sociale platform Truth Social. Hij noemde de
aanval „onnodig” en „zeer slecht getimed” gezien de lopende vredesgesprekken.</p>
<p>De Amerikaanse minister van Buitenlandse Zaken, Marco Rubio, bevestigde dat er dit weekend
nieuwe onderhandelingen op de agenda staan en riep beide partijen op om concessies te doen.</p>
<p>NAVO-secretaris-generaal Mark Rutte, die eveneens in Washington was voor overleg, gaf aan dat
Kiev zich constructief opstelt. „Ik denk dat Oekraïne echt meewerkt aan een oplossing,” zei hij.</p>
</article></main>
<aside><h2>Meest gelezen</h2><ul><li><a href="/a">Weerbericht: regen op komst</a></li>
<li><a href="/b">Files rond Utrecht</a></li></ul></aside>
<footer><p>© 2025 Nieuwsdienst B.V. Alle rechten voorbehouden. Privacybeleid | Cookies</p></footer>
</body>
</html>
"""


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# --- plain text ----------------------------------------------------------------------------


def test_seed_like_text_header_and_wrapping(tmp_path):
    [article] = read_articles(write(tmp_path, "a.txt", SEED_LIKE))
    assert article == Article(path=str(tmp_path / "a.txt"), text=SEED_LIKE_TEXT, date="2025-04", format="txt")


def test_text_with_headline(tmp_path):
    content = (
        "Duitsland verwijt Poetin spelletjes te spelen\n"
        "Rusland en de VS gaan verder onderhandelen.\nAdvertentie\nDe Duitse minister reageert."
    )
    [article] = read_articles(write(tmp_path, "b.txt", content))
    assert article.title == "Duitsland verwijt Poetin spelletjes te spelen"
    assert article.text == "Rusland en de VS gaan verder onderhandelen.\nDe Duitse minister reageert."
    assert article.date is None


def test_date_header_on_its_own_line_then_headline(tmp_path):
    content = (
        " date 2025-04-03\nKiev opnieuw aangevallen\n\n"
        "In de nacht vielen zeker twaalf doden bij een aanval op de hoofdstad."
    )
    [article] = read_articles(write(tmp_path, "c.txt", content))
    assert (article.date, article.title) == ("2025-04-03", "Kiev opnieuw aangevallen")
    assert article.text == "In de nacht vielen zeker twaalf doden bij een aanval op de hoofdstad."


def test_normal_text_is_kept_as_it_is(tmp_path):
    [article] = read_articles(write(tmp_path, "d.txt", NORMAL_TEXT))
    assert article.text == NORMAL_TEXT
    assert article.title is None


def test_line_endings_bom_zero_width_and_blank_runs(tmp_path):
    content = "\ufeffEerste alinea met een\u200b zin.   \r\n\r\n\r\n\r\nTweede alinea.\rDerde regel.\n"
    [article] = read_articles(write(tmp_path, "e.txt", content))
    assert article.text == "Eerste alinea met een zin.\n\nTweede alinea.\nDerde regel."


def test_classic_hard_wrap_is_rejoined():
    content = (
        "De Amerikaanse minister van Buitenlandse Zaken, Marco Rubio, bevestigde\n"
        "dat er dit weekend nieuwe onderhandelingen op de agenda staan en riep\n"
        "beide partijen op om concessies te doen.\n"
        "\n"
        "NAVO-secretaris-generaal Mark Rutte, die eveneens in Washington was,\n"
        "gaf aan dat Kiev zich constructief opstelt.\n"
    )
    [article] = read_bytes("f.txt", content.encode())
    assert article.text == (
        "De Amerikaanse minister van Buitenlandse Zaken, Marco Rubio, bevestigde dat er dit weekend "
        "nieuwe onderhandelingen op de agenda staan en riep beide partijen op om concessies te doen.\n\n"
        "NAVO-secretaris-generaal Mark Rutte, die eveneens in Washington was, gaf aan dat Kiev zich "
        "constructief opstelt."
    )


def test_invalid_header_date_is_not_fatal():
    [article] = read_bytes("g.txt", b" date 2025-13 Een zin over de oorlog.")
    assert (article.date, article.text) == (None, "Een zin over de oorlog.")


# --- Markdown, JSON, HTML ------------------------------------------------------------------


def test_markdown_with_front_matter_keeps_month_precision(tmp_path):
    content = (
        "---\ntitle: Rubio bevestigt gesprekken\ndate: 2025-04\nsource: NOS\nurl: https://example.org/a\n---\n"
        "## Onderhandelingen\n\nMarco Rubio **bevestigde** dat er *dit weekend* nieuwe\n"
        "[onderhandelingen](https://example.org/b) op de agenda staan.\n"
    )
    [article] = read_articles(write(tmp_path, "a.md", content))
    assert article == Article(
        path=str(tmp_path / "a.md"),
        text=(
            "Onderhandelingen\n\n"
            "Marco Rubio bevestigde dat er dit weekend nieuwe\nonderhandelingen op de agenda staan."
        ),
        title="Rubio bevestigt gesprekken",
        date="2025-04",
        url="https://example.org/a",
        source="NOS",
        format="md",
    )


def test_markdown_heading_becomes_title_and_datetime_becomes_day():
    content = "---\ndate: 2025-04-03T10:00:00Z\n---\n# Kiev *opnieuw* aangevallen\n\nZeker twaalf mensen kwamen om.\n"
    [article] = read_bytes("b.markdown", content.encode())
    assert (article.title, article.date) == ("Kiev opnieuw aangevallen", "2025-04-03")
    assert article.text == "Zeker twaalf mensen kwamen om."


def test_json_object(tmp_path):
    record = {"title": "Titel", "date": "2025-04-03T10:00:00Z", "text": "De tekst.\r\nTweede regel.",
              "url": "https://example.org", "source": "ANP"}  # fmt: skip
    [article] = read_articles(write(tmp_path, "a.json", json.dumps(record)))
    assert article == Article(path=str(tmp_path / "a.json"), text="De tekst.\nTweede regel.", title="Titel",
                              date="2025-04-03", url="https://example.org", source="ANP", format="json")  # fmt: skip


def test_json_array_numbers_items(tmp_path):
    content = json.dumps([{"text": "Eerste.", "date": "3 april 2025"}, {"body": "Tweede.", "date": "maart 2025"}])
    articles = read_articles(write(tmp_path, "a.json", content))
    assert [(a.path, a.text, a.date) for a in articles] == [
        (f"{tmp_path / 'a.json'}#1", "Eerste.", "2025-04-03"),
        (f"{tmp_path / 'a.json'}#2", "Tweede.", "2025-03"),
    ]


@pytest.mark.parametrize("name", ["a.jsonl", "a.ndjson", "a.json"])
def test_json_lines_use_line_numbers(tmp_path, name):
    content = '{"text": "Eerste.", "date": "2025-04"}\n\n{"text": "Derde.", "title": "T"}\n'
    articles = read_articles(write(tmp_path, name, content))
    assert [(a.name, a.text, a.date, a.title) for a in articles] == [
        (f"{name}#1", "Eerste.", "2025-04", None),
        (f"{name}#3", "Derde.", None, "T"),
    ]


def test_html_page_main_text_title_and_date(tmp_path):
    path = write(tmp_path, "page.html", HTML_PAGE.format(published="2025-03-14T10:00:00Z"))
    [article] = read_articles(path)
    assert (article.title, article.date, article.format) == ("Rusland valt Kiev opnieuw aan", "2025-03-14", "html")
    assert article.url == "https://nieuws.example/buitenland/kiev"
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[1].startswith("De Amerikaanse president Donald Trump sprak zich ongewoon fel uit")
    assert "„Vladimir, STOP!” schreef Trump" in article.text
    for noise in ("FietsPlaza", "Meest gelezen", "Alle rechten", "Binnenland"):
        assert noise not in article.text


def test_html_month_date_keeps_its_precision():
    [article] = read_bytes("page.htm", HTML_PAGE.format(published="2025-03").encode())
    assert article.date == "2025-03"


def test_html_meta_charset_is_honoured():
    page = HTML_PAGE.replace('charset="utf-8"', 'charset="windows-1252"').format(published="2025-03-14")
    [article] = read_bytes("page.html", page.encode("cp1252"))
    assert "Oekraïense autoriteiten" in article.text
    assert "„Vladimir, STOP!”" in article.text


# --- encodings -----------------------------------------------------------------------------

DUTCH = "Zelensky noemde het „onacceptabel”. België en Oekraïne: café één."


@pytest.mark.parametrize(
    "data",
    [DUTCH.encode("utf-8"), DUTCH.encode("utf-8-sig"), DUTCH.encode("cp1252"), DUTCH.encode("utf-16")],
    ids=["utf-8", "utf-8-sig", "cp1252", "utf-16"],
)
def test_encodings(data):
    assert read_bytes("a.txt", data)[0].text == DUTCH


def test_latin_1():
    text = "België, Oekraïne en café: één zin."
    assert read_bytes("a.txt", text.encode("latin-1"))[0].text == text


def test_longer_cp1252_text_stays_cp1252():
    text = "De Oekraïense president zei „nee”. Het café in België is dicht, aldus de minister. " * 5
    assert read_bytes("a.md", text.encode("cp1252"))[0].text == text.strip()


# --- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.txt", b"", "empty file"),
        ("a.txt", b"  \n\r\n\t ", "no text: the file holds only whitespace"),
        ("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG), not text"),
        ("a.txt", b"abc\x00\x00def", "binary file: it holds NUL bytes, not text"),
        ("a.txt", bytes(range(1, 9)) * 20, "binary file: mostly control characters, not text"),
        ("a.txt", b"\xef\xbb\xbf\xe2\x80\x8b", "no article text after cleaning"),
        ("a.json", b'{"title": "T"}', 'no "text" field'),
        ("a.json", b'[{"text": "ok"}, {"title": "T"}]', 'item 2: no "text" field'),
        ("a.json", b'{"text": "ok",\n "title": }', "not valid JSON: Expecting value at line 2"),
        ("a.json", b'{"text": 5}', '"text" is not a string'),
        ("a.json", b'[{"text": "ok"}, {"text": " \\n "}]', "item 2: no article text after cleaning"),
        ("a.json", b"[]", "the JSON array is empty"),
        ("a.json", b"[" * 50000, "not valid JSON: nested too deeply"),
        ("a.md", b"---\ntitle: [unclosed\n---\nTekst.",
         "the front matter is not valid YAML: while parsing a flow sequence"),
        ("a.html", b"<html><body><nav>Home</nav></body></html>", "no main text found in the HTML page"),
        ("a.pdf", b"%PDF-1.4",
         "unsupported file type '.pdf' (supported: .htm, .html, .json, .jsonl, .markdown, .md, .ndjson, .txt)"),
    ],
)
def test_bad_articles(name, data, reason):
    with pytest.raises(BadArticle) as caught:
        read_bytes(name, data)
    assert str(caught.value) == reason


@pytest.mark.parametrize(
    ("data", "bad"),
    [
        (b'{"text": "ok"}\n{"text": "ok"}\n{"text": broken}\n', BadRecord("a.jsonl#3", "line 3: not valid JSON (Expecting value)")),
        (b'{"text": "ok"}\n["a"]\n', BadRecord("a.jsonl#2", 'line 2: expected an object with a "text" field, got list')),
    ],
)
def test_a_bad_json_lines_line_is_a_bad_record_in_its_place(data, bad):
    found = read_bytes("a.jsonl", data)
    assert bad in found
    assert all(item.text == "ok" for item in found if item != bad)


def test_too_large_is_refused_before_reading(tmp_path):
    path = write(tmp_path, "big.txt", "Een zin. " * 200)
    with pytest.raises(BadArticle) as caught:
        read_articles(path, max_bytes=1024)
    assert str(caught.value) == "file too large: 0.00 MB (1800 bytes), the limit is 0.000976562 MB (1024 bytes)"
    with pytest.raises(BadArticle, match=r"the limit is 5 MB \(5242880 bytes\)$"):
        read_bytes("big.txt", b"x" * (5 * 1024 * 1024 + 1))


def test_folder_and_missing_file(tmp_path):
    with pytest.raises(BadArticle, match="^this is a folder, not a file$"):
        read_articles(tmp_path)
    with pytest.raises(BadArticle, match="^file not found$"):
        read_articles(tmp_path / "nope.txt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode, so chmod 000 proves nothing")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "secret.txt", "Tekst.")
    path.chmod(0)
    try:
        with pytest.raises(BadArticle, match="^cannot read the file: permission denied$"):
            read_articles(path)
    finally:
        path.chmod(0o600)


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-04", "2025-04"), ("2025-04-03", "2025-04-03"), ("2025-04-03T10:00:00Z", "2025-04-03"),
        ("2025", "2025"), (2025, "2025"), ("3 april 2025", "2025-04-03"), ("vrijdag 14 maart 2025", "2025-03-14"),
        ("mrt. 2025", "2025-03"), ("14-03-2025", "2025-03-14"), ("2025-02-30", None), ("2025-13", None),
        ("31 juni 2025", None), ("gisteren", None), (None, None), (True, None),
    ],
)  # fmt: skip
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


# --- the seeds -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_matches_gold(name):
    gold = json.loads((GOLD / name.replace(".txt", ".json")).read_text(encoding="utf-8"))
    [article] = read_articles(SEEDS / name)
    assert (article.date, article.title) == (gold["date"], gold["title"])
    text = collapse(article.text)
    for fact in gold["quotes"] + gold["numbers"]:
        assert collapse(fact["text"]) in text
    assert "\n\n\n" not in article.text and article.text == article.text.strip()
    # nothing lost: the file's words minus the header, the headline and "Advertentie" markers
    words = collapse((SEEDS / name).read_text(encoding="utf-8")).split()
    if gold["date"]:
        words = words[2:]
    if gold["title"]:
        words = words[len(gold["title"].split()) :]
    assert text.split() == [word for word in words if word != "Advertentie"]


def test_seed_000_wrapped_sentences_are_rejoined():
    [article] = read_articles(SEEDS / "000_5d1d5f554ff8995c.txt")
    assert article.text.startswith(
        "In de nachtelijke uren heeft Rusland opnieuw Kiev aangevallen met een grootschalige inzet van raketten"
    )
    assert "met een grootschalige inzet van raketten en drones." in article.text
    assert "“De komende dagen worden beslissend.”" in article.text
    assert [p[:40] for p in article.text.split("\n\n")] == [
        "In de nachtelijke uren heeft Rusland opn",
        "De aanval heeft niet alleen de Oekraïens",
        "Opmerkelijk genoeg liet Trump ook weten ",
        "Toch verloopt het vredesproces niet zond",
    ]


def test_seed_001_headline_is_the_title():
    [article] = read_articles(SEEDS / "001_381fc01c96dd84e7.txt")
    assert article.title == "Duitsland verwijt Poetin spelletjes te spelen na nieuwe aanvallen"
    assert article.text.startswith("Rusland en de Verenigde Staten")
    assert "Advertentie" not in article.text


@pytest.mark.parametrize(
    ("name", "headings"),
    [("003_f477c49fb5cfa348.txt", ["Onderhandelingen"]), ("004_4f2c25d349a29361.txt", ["Belafspraak", "Maximalistische eisen"])],
)
def test_seed_headings_stay_paragraphs(name, headings):
    [article] = read_articles(SEEDS / name)
    paragraphs = article.text.split("\n\n")
    for heading in headings:
        assert heading in paragraphs


# --- property: anything in, articles or BadArticle out ---------------------------------------


@pytest.mark.parametrize("suffix", [".txt", ".json", ".md", ".html"])
@settings(max_examples=150, deadline=None)
@given(data=st.one_of(st.binary(max_size=400), st.text(max_size=300).map(str.encode)))
def test_any_bytes_give_articles_or_bad_article(suffix, data):
    try:
        articles = read_bytes("x" + suffix, data)
    except BadArticle as exc:
        assert str(exc)
    else:
        assert articles and all(a.text.strip() == a.text and a.text for a in articles)


def test_supported_suffixes():
    assert SUPPORTED_SUFFIXES == {".txt", ".md", ".markdown", ".json", ".jsonl", ".ndjson", ".html", ".htm"}
