"""The one shape of a refusal that reaches a user: a catalogue key and the values that fill it."""

from __future__ import annotations

from core.strings import t


class CatalogueError(Exception):
    """Raised with `key` (a catalogue entry) and `values`; `message()` says it in the user's language."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def message(self) -> str:
        return t(self.key, **self.values)
