"""Turn the bytes of an imported file into text.

Scraped files arrive in whatever encoding the scraper wrote: UTF-8 with or
without a byte-order mark, UTF-16 from Windows tools, or Windows-1252 from
older pages. Some were decoded with the wrong codec before they were saved,
which leaves mojibake ("â€™" for "’"); that is repaired here, once, so every
later stage sees the characters the outlet printed.
"""
from __future__ import annotations

import codecs
import re

from articles.text.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# File signatures of common non-text formats that a folder of scrapes may hold.
_BINARY_MAGIC = (b"%PDF-", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"\x7fELF")

# C0 control bytes other than tab, newline, vertical tab, form feed, carriage return.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13)) + b"\x7f"
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _cp1252_fallback(error: UnicodeDecodeError):
    """Decode bytes that are not UTF-8 as Windows-1252 (Latin-1 for its gaps).

    Files often mix the two: a UTF-8 page with one pasted cp1252 quote mark.
    """
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", "replace").replace("\ufffd", "") or bad.decode("latin-1"), error.end


def _latin1_gaps(error: UnicodeDecodeError):
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("parallax-cp1252", _cp1252_fallback)
codecs.register_error("parallax-latin1", _latin1_gaps)


def decode_bytes(data: bytes) -> str:
    """Decode a file; raise InputError for empty, binary or unreadable input."""
    if not data.strip():
        raise InputError("empty file")
    text = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise InputError(f"not valid {codec[:6]} text despite its byte-order mark") from None
            break
    if text is None:
        if data.startswith(_BINARY_MAGIC):
            raise InputError("binary file, not text")
        text = _utf16_without_bom(data)
    if text is None:
        if b"\x00" in data or _share(data, _CONTROL_BYTES) > 0.05:
            raise InputError("binary file, not text")
        text = data.decode("utf-8", "parallax-cp1252")
    if "\x00" in text:
        raise InputError("binary file, not text")
    if not text.strip():
        raise InputError("empty file")
    if text.count("\ufffd") + len(_CONTROL_CHARS.findall(text)) > max(8, len(text) // 20):
        raise InputError("text encoding not recognised")
    return repair_mojibake(text)


def _share(data: bytes, chars: bytes) -> float:
    sample = data[:65536]
    return sum(sample.count(c) for c in chars) / len(sample)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a mark: ASCII-range text leaves every other byte NUL."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    for codec, nul_side in (("utf-16-le", 1), ("utf-16-be", 0)):
        nuls = sample[nul_side::2].count(0)
        if nuls >= 0.9 * (len(sample) // 2) and not sample[1 - nul_side :: 2].count(0):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


# --- mojibake ---------------------------------------------------------------

# A UTF-8 multi-byte sequence read as Windows-1252 becomes a lead character
# (Â..ô) followed by continuation characters (bytes 0x80-0xBF as cp1252).
_CONTINUATION = "€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ\xa0¡¢£¤¥¦§¨©ª«¬\xad®¯°±²³´µ¶·¸¹º»¼½¾¿"
_MOJIBAKE = re.compile(
    "[\u00c2-\u00df][{c}]|[\u00e0-\u00ef][{c}]{{1,2}}|[\u00f0-\u00f4][{c}]{{1,3}}".format(c=re.escape(_CONTINUATION))
)
# Telltales that only mis-decoded UTF-8 produces in English text.
_TELLTALE = re.compile("â€[\x80-\xbf™œ\x9d“”˜¦¢¡‘’“”•–—]|Ã[\xa0-\xbf]|Â[\xa0-\xbf]")


def _fix_sequence(match: re.Match) -> str:
    seq = match.group(0)
    try:
        # Characters below 256 stand for their own byte (Latin-1 and cp1252
        # agree there, and cp1252's five gaps were decoded as Latin-1).
        raw = bytes(ord(ch) if ord(ch) < 256 else ch.encode("cp1252")[0] for ch in seq)
        return raw.decode("utf-8")
    except UnicodeError:
        return seq


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 ("â€™" -> "’"), only where it is plain.

    Each suspicious sequence is re-encoded and kept only if it then decodes as
    UTF-8, so correctly decoded accents elsewhere in the text are untouched.
    """
    if not _TELLTALE.search(text):
        return text
    fixed = _MOJIBAKE.sub(_fix_sequence, text)
    # The byte 0x9D (of ”) is undefined in cp1252: scrapers dropped it or
    # replaced it, leaving "â€" or "â€\ufffd" where ” was.
    return fixed.replace("â€\ufffd", "”").replace("â€", "”")
