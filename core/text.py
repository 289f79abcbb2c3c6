"""Text normalisation shared by import, search and records."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def clean(value: str) -> str:
    """NFC, no stray or repeated spaces (line breaks inside a cell become one space)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def unaccent(value: str) -> str:
    """Lower-case without diacritics: 'Nguyễn Văn An' -> 'nguyen van an'. đ has no decomposition."""
    decomposed = unicodedata.normalize("NFD", clean(value).lower())
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.replace("đ", "d")


def looks_like_formula(value: str) -> bool:
    return bool(value) and value[0] in "=+-@\t\r"
