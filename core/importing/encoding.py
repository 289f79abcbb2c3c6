"""Text garbled by a wrong code page, put right or refused, never kept as it came.

Two ways it reaches us: a CSV pasted together from a UTF-8 file and a Windows-1258 one (decoded
here line by line, each part in its own encoding), and cells that were UTF-8 read in a legacy code
page before they reached us («Nguyá»…n» for «Nguyễn»: Excel opening a UTF-8 CSV, then saved),
restored with ftfy, or by hand for Windows-1258, which ftfy does not know.
"""

from __future__ import annotations

import codecs
import functools
import re

import ftfy
from ftfy.badness import is_bad

from core.importing.cell import Invalid

# A valid UTF-8 sequence of two to four bytes: text in a legacy code page almost never holds one.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_LEGACY = "cp1258"


def _legacy_bytes(error: UnicodeDecodeError) -> tuple[str, int]:
    return error.object[error.start : error.end].decode(_LEGACY, errors="replace"), error.end


def _c1_bytes(error: UnicodeEncodeError) -> tuple[bytes, int]:
    # Windows reads the few bytes its code page leaves undefined as the C1 controls of that value.
    chars = error.object[error.start : error.end]
    if all("\x80" <= ch <= "\x9f" for ch in chars):
        return chars.encode("latin-1"), error.end
    raise error


codecs.register_error("import-legacy-bytes", _legacy_bytes)
codecs.register_error("import-c1-bytes", _c1_bytes)


def decode_mixed(data: bytes) -> str:
    """Bytes that are not UTF-8 as a whole: each line in UTF-8 where it is, else in Windows-1258;
    a line holding both is read part by part. Bytes neither can read become U+FFFD (refused)."""
    return "\n".join(_decode_line(line) for line in data.split(b"\n"))


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _UTF8_SEQUENCE.search(line):
        return line.decode("utf-8", errors="import-legacy-bytes")
    return line.decode(_LEGACY, errors="replace")


def _vietnamese_like(text: str) -> bool:
    """Only Latin letters, their marks and common punctuation: what a name or address is made of."""
    return all(
        ord(ch) < 0x250
        or 0x300 <= ord(ch) < 0x370
        or 0x1E00 <= ord(ch) < 0x1F00
        or 0x2010 <= ord(ch) < 0x2070
        for ch in text
    )


def _from_cp1258(text: str) -> str | None:
    """UTF-8 read as Windows-1258, read again as UTF-8; None when `text` is not that."""
    try:
        raw = text.encode(_LEGACY, errors="import-c1-bytes")
    except UnicodeEncodeError:
        return None
    try:
        restored = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if restored == text or not _vietnamese_like(restored):
        return None
    return restored


def _read_as(byte_values: range) -> str:
    """What the code pages that garble Vietnamese make of these bytes (undefined ones: C1)."""
    chars = {chr(b) for b in byte_values}  # Latin-1, and Windows' reading of undefined bytes
    for codec in ("cp1252", _LEGACY):
        chars.update(bytes(byte_values).decode(codec, errors="ignore"))
    return "".join(sorted(chars))


# UTF-8's lead byte then a continuation byte, as a legacy code page shows them («á»», «Ä‘»):
# every garbled Vietnamese text has one, typed text practically never.
_GARBLED_PAIR = re.compile(
    f"[{re.escape(_read_as(range(0xC2, 0xF5)))}][{re.escape(_read_as(range(0x80, 0xC0)))}]"
)


@functools.lru_cache(maxsize=65536)
def restored(text: str) -> str | None:
    """`text` put right when a wrong code page garbled it; None when nothing was wrong.
    Invalid (with the reason) when it is garbled beyond repair."""
    if text.isascii():
        return None
    if not _GARBLED_PAIR.search(text):
        if "\ufffd" in text:  # bytes no code page could read
            raise Invalid("import.reason.mojibake", value=text[:80])
        return None
    fixed = _from_cp1258(text) or ftfy.fix_encoding(text)
    if "\ufffd" in fixed or is_bad(fixed):
        raise Invalid("import.reason.mojibake", value=text[:80])
    return fixed if fixed != text else None
