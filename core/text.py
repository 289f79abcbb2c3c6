"""Text normalisation shared by import, search and records."""

from __future__ import annotations

import functools
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


@functools.lru_cache(maxsize=65536)
def _unaccent_word(word: str) -> str:
    return unaccent(word)


def search_name(full_name: str) -> str:
    """A member's `search_name`: `unaccent(full_name)`, word by word from a cache (names share their
    words, and an import derives thousands). Every writer of a member's name calls this."""
    return " ".join(_unaccent_word(word) for word in clean(full_name).lower().split(" "))


def looks_like_formula(value: str) -> bool:
    return bool(value) and value[0] in "=+-@\t\r"
