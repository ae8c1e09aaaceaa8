"""Bytes to text for article files: UTF-8 (with BOM), UTF-16 with BOM, cp1252/latin-1, and
refusal of binary data. Dutch text saved outside UTF-8 is nearly always cp1252."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from charset_normalizer.utils import is_multi_byte_encoding

from store.model import BadArticle

BINARY_MAGIC = {
    b"%PDF-": "PDF", b"PK\x03\x04": "ZIP/Office", b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF", b"\x1f\x8b": "gzip", b"\xd0\xcf\x11\xe0": "Office (old)",
}  # fmt: skip
NON_LATIN_SCRIPTS = ("Cyrillic", "Greek", "Arabic", "Hebrew", "Thai", "Armenian", "Georgian")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else the best guess.

    A guess that is a single-byte codec for Latin script becomes cp1252, the Windows codec that
    Dutch text saved outside UTF-8 nearly always uses: charset-normalizer tends to call short Dutch
    cp1252 text cp1250 and turns "Oekraïne" into "Oekraďne".
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return checked_text(data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise BadArticle("the text is not valid UTF-16") from exc
    reject_binary(data)
    try:
        return checked_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise BadArticle("binary file: the bytes are no text in any known encoding")
    encoding = best.encoding
    if not is_multi_byte_encoding(encoding) and not any(
        script in alphabet for alphabet in best.alphabets for script in NON_LATIN_SCRIPTS
    ):
        encoding = "cp1252"
    return checked_text(decode_western(data) if encoding == "cp1252" else str(best))


def decode_html(data: bytes) -> str:
    """Like ``decode``, but bytes that are not UTF-8 follow the page's own <meta charset>."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        declared = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", data[:4096], re.I)
        if declared and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            reject_binary(data)
            name = declared.group(1).decode("ascii")
            try:
                codec = codecs.lookup(name)
            except LookupError:
                codec = None
            if codec is not None and (not codec._is_text_encoding or codec.name == "undefined"):
                raise BadArticle(f"the page declares charset {name}, which is no text encoding") from None
            encoding = codec.name if codec else None
            if encoding in ("latin-1", "iso8859-1", "ascii", "cp1252"):  # as browsers do
                return checked_text(decode_western(data))
            if encoding and not encoding.startswith(("utf-16", "utf-32")):  # browsers ignore those
                try:
                    return checked_text(data.decode(encoding))
                except UnicodeError:
                    pass
    return decode(data)


def decode_western(data: bytes) -> str:
    """cp1252, or latin-1 for the five bytes that cp1252 leaves undefined."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def reject_binary(data: bytes) -> None:
    for magic, kind in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise BadArticle(f"binary file ({kind}), not text")
    if b"\x00" in data:
        raise BadArticle("binary file: it holds NUL bytes, not text")


def checked_text(text: str) -> str:
    sample = text[:65536]
    if sample and len(CONTROL_CHARS.findall(sample)) > 0.05 * len(sample):
        raise BadArticle("binary file: mostly control characters, not text")
    return text
