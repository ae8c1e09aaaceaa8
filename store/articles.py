"""Read article files (plain text, Markdown with front matter, JSON, JSON Lines, saved HTML).

    read_articles(path, max_bytes=5 MiB) -> list[Article]
    read_bytes(name, data, max_bytes=5 MiB) -> list[Article]   (an upload; ``name`` picks the format)

Anything that is not a readable article raises ``BadArticle`` with a plain reason. A JSON array
is read as a whole: one bad item fails the whole file, naming the item. A JSON Lines file is a
feed of independent records: a bad line becomes a ``BadRecord`` naming the line, in its place
among the articles, and the other lines still load. Only regular files are read (a device or a
named pipe would never end), and never more than the size limit.

Plain text follows the seeds: an optional `` date YYYY-MM[-DD]`` header (the body may go on on the
same line), an optional headline line, and lines hard-wrapped at ~90 characters with a blank line
after every line, which are rejoined into paragraphs (see ``unwrap``). Characters inside a line
are never changed, apart from dropping a BOM and zero-width characters.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from pathlib import Path

import frontmatter
import trafilatura
import yaml

from store.dates import normalise_date
from store.decoding import decode, decode_html
from store.model import Article, BadArticle, BadRecord
from store.safe_text import strip_terminal_controls

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 5 * MB
FORMATS = {
    ".txt": "txt", ".md": "md", ".markdown": "md", ".json": "json", ".jsonl": "jsonl",
    ".ndjson": "jsonl", ".html": "html", ".htm": "html",
}  # fmt: skip
SUPPORTED_SUFFIXES = set(FORMATS)
TEXT_FIELDS = ("text", "body", "content")  # JSON: the first one present is the article text

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
SURROGATE = re.compile("[\ud800-\udfff]")  # JSON's "\ud800" escapes decode to these: no text
NOT_REGULAR = ((stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISFIFO, "a named pipe"),
               (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))  # fmt: skip
BOILERPLATE_LINES = {"advertentie", "advertisement"}  # ad markers left by copy-paste from sites

DATE_HEADER = re.compile(r"\A[ \t]*date[ \t]*:?[ \t]+(\d{4}(?:-\d{1,2}){0,2})\b[ \t]*", re.I)
SENTENCE_END = re.compile(r"[.!?:…][\"”’»)\]]*$")  # a bare closing quote is no sentence end
CONTINUES = re.compile(r"[,;\-–—(]$")
LINKING_WORDS = {"de", "het", "een", "van", "en", "in", "op", "met", "te", "voor", "aan", "om", "dat",
                 "die", "naar", "bij", "tot", "uit", "of", "door", "over", "als", "maar"}  # fmt: skip


def read_articles(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article | BadRecord]:
    """The articles in the file at ``path``; the size is checked before anything is read."""
    path = Path(path)
    if path.is_dir():
        raise BadArticle("this is a folder, not a file")
    return read_bytes(str(path), read_regular_file(path, max_bytes), max_bytes)


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``: opened without blocking (a named pipe
    is refused, not waited on) and read no further than the limit (a growing file stops there)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise BadArticle(os_reason(exc)) from exc
    try:
        mode = os.fstat(fd).st_mode
        for is_kind, kind in NOT_REGULAR:
            if is_kind(mode):
                raise BadArticle(f"not a regular file ({kind})")
        check_size(os.fstat(fd).st_size, max_bytes)
        with os.fdopen(fd, "rb", closefd=False) as file:
            data = file.read(max_bytes + 1)
        check_size(len(data), max_bytes)
        return data
    except OSError as exc:
        raise BadArticle(os_reason(exc)) from exc
    finally:
        os.close(fd)


def read_bytes(name: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article | BadRecord]:
    """The articles in ``data``, read as the format that the suffix of ``name`` says."""
    check_size(len(data), max_bytes)
    suffix = Path(name).suffix.lower()
    if suffix and suffix not in FORMATS:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise BadArticle(f"unsupported file type {suffix!r} (supported: {supported})")
    fmt = FORMATS.get(suffix, "txt")
    if not data:
        raise BadArticle("empty file")
    text = decode_html(data) if fmt == "html" else decode(data)
    if not text.strip():
        raise BadArticle("no text: the file holds only whitespace")
    reader = {"txt": read_plain, "md": read_markdown, "json": read_json, "jsonl": read_json_lines,
              "html": read_html}  # fmt: skip
    return reader[fmt](name, text)


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise BadArticle(
            f"file too large: {size / MB:.2f} MB ({size} bytes), "
            f"the limit is {max_bytes / MB:g} MB ({max_bytes} bytes)"
        )


def os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, PermissionError):
        return "cannot read the file: permission denied"
    if isinstance(exc, IsADirectoryError):
        return "this is a folder, not a file"
    return f"cannot read the file: {exc.strerror or exc}"


# --- cleaning ------------------------------------------------------------------------------


def clean_text(text: str, rewrap: bool = True) -> str:
    """Normalised line endings, no BOM or zero-width characters, no trailing blanks, paragraphs."""
    text = normalise_lines(text)
    if rewrap:
        text = unwrap(text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def normalise_lines(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = ZERO_WIDTH.sub("", strip_terminal_controls(text))
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line.strip().lower() not in BOILERPLATE_LINES)


def ends_sentence(line: str) -> bool:
    return bool(SENTENCE_END.search(line))


def unwrap(text: str) -> str:
    """Rejoin hard-wrapped lines into paragraphs; text that is not hard-wrapped stays as it is.

    Hard-wrapped means: no line is much longer than the wrap width (the 90th percentile of the
    line lengths, 40 to 130 characters), and at least 40% of the lines fill that width and stop
    without a sentence end. In the seeds' shape every line is followed by a blank line, so
    only two or more blank lines are a sure paragraph break; in the classic shape the lines of a
    paragraph follow each other and a blank line is the break. Between two lines of a paragraph
    candidate, ``joins`` decides.
    """
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 3:
        return text
    lengths = sorted(len(line) for line in lines)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    wrapped = sum(len(line) >= 0.75 * width and not ends_sentence(line) for line in lines)
    if not 40 <= width <= 130 or lengths[-1] > 1.25 * width or wrapped < 0.4 * len(lines):
        return text
    blank_gaps = len(re.findall(r"\S\n\n(?=\S)", text))
    seeds_shape = blank_gaps >= 0.8 * (len(lines) - 1)
    breaks = r"\n{3,}" if seeds_shape else r"\n{2,}"
    paragraphs = []
    for block in re.split(breaks, text):
        rows = [line for line in block.split("\n") if line.strip()]
        if not rows:
            continue
        joined = rows[0]
        for i in range(1, len(rows)):
            joined += " " if joins(rows, i - 1, width) else "\n\n"
            joined += rows[i]
        paragraphs.append(joined)
    return "\n\n".join(paragraphs)


def joins(rows: list[str], i: int, width: int) -> bool:
    """Whether wrapped line ``i`` goes on in line ``i + 1`` (else a paragraph ends after it).

    A line without a sentence end goes on; one with a sentence end goes on only when it is as long
    as the wrapped lines around it (the wrap fell on a sentence end), or when the next line starts
    in lower case. Short headings ("Onderhandelingen") stay paragraphs of their own.
    """
    line, following = rows[i], rows[i + 1]
    if is_heading(rows, i, width) or is_heading(rows, i + 1, width):
        return False
    if following[:1].islower() or not ends_sentence(line):
        return True
    return len(line) >= 0.75 * width


def is_heading(rows: list[str], i: int, width: int) -> bool:
    line = rows[i]
    if len(line) >= 0.6 * width or ends_sentence(line) or CONTINUES.search(line):
        return False
    if not (line[:1].isupper() or line[:1].isdigit()):
        return False
    return i + 1 >= len(rows) or not rows[i + 1][:1].islower()


# --- formats -------------------------------------------------------------------------------


def make_article(path: str, text: str, fmt: str, rewrap: bool = True, **meta) -> Article:
    for value in (text, *meta.values()):
        check_no_surrogates(value)
    body = clean_text(text, rewrap)
    if not body:
        raise BadArticle("no article text after cleaning")
    title, url, source = (plain(meta.get(key)) for key in ("title", "url", "source"))
    return Article(path=path, text=body, title=title, date=normalise_date(meta.get("date")),
                   url=url, source=source, format=fmt)  # fmt: skip


def check_no_surrogates(value: object) -> None:
    """Unpaired surrogates (JSON's "\\ud800") are no characters: SQLite and UTF-8 refuse them."""
    if isinstance(value, str) and (found := SURROGATE.search(value)):
        raise BadArticle(f"the text holds an unpaired surrogate (\\u{ord(found.group()):04x}), not text")


def plain(value: object) -> str | None:
    """A metadata value as one line of text; lists, mappings and blanks give None."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return re.sub(r"\s+", " ", strip_terminal_controls(str(value))).strip() or None


def read_plain(name: str, text: str) -> list[Article]:
    """The seeds' plain text: optional date header, optional headline, wrapped body."""
    text = normalise_lines(text)
    date = None
    header = DATE_HEADER.match(text)
    if header:
        date, text = header.group(1), text[header.end() :]
    title = None
    if not header or text.startswith("\n"):
        title, text = split_headline(text)
    return [make_article(name, text, "txt", title=title, date=date)]


def split_headline(text: str) -> tuple[str | None, str]:
    """(headline, rest) when the first line is a headline: short, no sentence end, more follows."""
    lines = text.lstrip("\n").split("\n")
    first = lines[0].strip()
    rest = [line for line in lines[1:] if line.strip()]
    if not rest or not first or len(first.split()) > 20 or ends_sentence(first):
        return None, text
    following = rest[0].strip()
    if CONTINUES.search(first) or not (first[0].isupper() or first[0].isdigit()):
        return None, text
    wrapped = len(first) >= 0.8 * len(following) and not ends_sentence(following)
    if following[:1].islower() or wrapped or first.split()[-1] in LINKING_WORDS:
        return None, text  # a wrapped line, not a headline
    return first, "\n".join(lines[1:])


def read_markdown(name: str, text: str) -> list[Article]:
    """Markdown with optional YAML front matter (title, date, source, url); markup stripped."""
    try:
        post = frontmatter.loads(text.lstrip("\ufeff"))
    except (yaml.YAMLError, ValueError, TypeError, AttributeError) as exc:
        reason = str(exc).strip().split("\n")[0]
        raise BadArticle(f"the front matter is not valid YAML: {reason}") from exc
    meta = post.metadata if isinstance(post.metadata, dict) else {}
    body = normalise_lines(post.content)
    title = meta.get("title")
    heading = re.match(r"\s*#[ \t]+(.+?)[ \t#]*(?:\n|$)", body)
    if heading and title in (None, ""):
        title, body = strip_markdown(heading.group(1)), body[heading.end() :]
    return [make_article(name, strip_markdown(body), "md", title=title, date=meta.get("date"),
                         url=meta.get("url"), source=meta.get("source"))]  # fmt: skip


def strip_markdown(text: str) -> str:
    """Light markup removal: heading marks, emphasis, images, links → their text."""
    text = re.sub(r"(?m)^#{1,6}[ \t]+(.*?)[ \t#]*$", r"\1", text)
    text = re.sub(r"!\[[^\]\n]*\]\([^)\n]*\)", "", text)
    text = re.sub(r"\[([^\]\n]+)\]\([^)\n]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    return re.sub(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])", r"\1", text)


def read_json(name: str, text: str) -> list[Article]:
    """A JSON object, an array of objects, or JSON Lines saved as .json."""
    try:
        document = json.loads(text)
    except RecursionError as exc:
        raise BadArticle("not valid JSON: nested too deeply") from exc
    except json.JSONDecodeError as exc:
        if len([line for line in text.split("\n") if line.strip()]) > 1 and first_line_is_object(text):
            return read_json_lines(name, text)
        raise BadArticle(f"not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    except ValueError as exc:  # an integer longer than Python converts
        raise BadArticle(f"not valid JSON: {json_value_reason(exc)}") from exc
    if isinstance(document, list):
        if not document:
            raise BadArticle("the JSON array is empty")
        return [record_article(f"{name}#{n}", item, f"item {n}: ") for n, item in enumerate(document, 1)]
    return [record_article(name, document, "", fmt="json")]


def first_line_is_object(text: str) -> bool:
    first = next(line for line in text.lstrip("\ufeff").split("\n") if line.strip())
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


def json_value_reason(exc: ValueError) -> str:
    """The reason ``json.loads`` gave, in a line; its integer limit gets a plain one."""
    if "digits" in str(exc):
        return f"a number with more than {sys.get_int_max_str_digits()} digits"
    return str(exc).split("\n")[0]


def read_json_lines(name: str, text: str) -> list[Article | BadRecord]:
    """One JSON object a line (blank lines are skipped); a bad line is a ``BadRecord``."""
    articles: list[Article | BadRecord] = []
    for n, line in enumerate(text.lstrip("\ufeff").split("\n"), 1):
        if not line.strip():
            continue
        try:
            articles.append(record_article(f"{name}#{n}", json_line(line, n), f"line {n}: ", fmt="jsonl"))
        except BadArticle as exc:
            articles.append(BadRecord(f"{name}#{n}", str(exc)))
    if not articles:
        raise BadArticle("no text: the file holds only blank lines")
    return articles


def json_line(line: str, n: int) -> object:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadArticle(f"line {n}: not valid JSON ({exc.msg})") from exc
    except RecursionError as exc:
        raise BadArticle(f"line {n}: not valid JSON (nested too deeply)") from exc
    except ValueError as exc:
        raise BadArticle(f"line {n}: not valid JSON ({json_value_reason(exc)})") from exc


def record_article(path: str, record: object, where: str, fmt: str = "json") -> Article:
    if not isinstance(record, dict):
        raise BadArticle(f'{where}expected an object with a "text" field, got {type(record).__name__}')
    text = next((record[key] for key in TEXT_FIELDS if key in record), None)
    if text is None:
        raise BadArticle(f'{where}no "text" field')
    if not isinstance(text, str):
        raise BadArticle(f'{where}"text" is not a string')
    try:
        return make_article(path, text, fmt, **{k: record.get(k) for k in ("title", "date", "url", "source")})
    except BadArticle as exc:
        raise BadArticle(f"{where}{exc}") from None


def read_html(name: str, html: str) -> list[Article]:
    """A saved web page: main text, title, date and url by trafilatura.

    Fast mode skips the fallback extractors, which return the menu of a page without an article.
    The date comes from the page's own publication metadata with its written precision; trafilatura's
    wider date search is off because it invents days (a bare "2025-03" became the 23rd, and a
    "© 2025" footer became 2025-01-01).
    """
    try:
        found = trafilatura.bare_extraction(
            html, fast=True, with_metadata=True, include_comments=False, favor_precision=True,
            date_extraction_params={"extensive_search": False})  # fmt: skip
    except (ValueError, TypeError, AttributeError, LookupError):  # lxml on hostile markup
        found = None
    if found is None or not (found.text or "").strip():
        raise BadArticle("no main text found in the HTML page")
    lines = [line for line in (found.text or "").split("\n") if line.strip()]
    if found.title and lines and lines[0].strip() == found.title.strip():
        lines = lines[1:]  # the <h1> repeats the title
    date = published_date(html) or found.date
    return [make_article(name, "\n\n".join(lines), "html", rewrap=False, title=found.title, date=date,
                         url=found.url, source=found.sitename)]  # fmt: skip


META_TAG = re.compile(r"<meta\s[^>]*>", re.I)
META_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*["']([^"']*)["']""")
PUBLISHED_KEYS = {"article:published_time", "og:published_time", "datepublished", "date", "pubdate",
                  "dc.date", "dcterms.date"}  # fmt: skip


def published_date(html: str) -> str | None:
    """The publication date in the page's <meta> tags, normalised; None when there is none."""
    for tag in META_TAG.findall(html[:200_000]):
        attributes = {key.lower(): value for key, value in META_ATTRIBUTE.findall(tag)}
        key = attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or ""
        if key.lower() in PUBLISHED_KEYS and (date := normalise_date(attributes.get("content"))):
            return date
    return None


