"""The refusals of a record write: one catalogue key, and for invalid input each field's reason."""

from __future__ import annotations

from core.errors import CatalogueError
from core.labels import field_label
from core.strings import t


class RecordError(CatalogueError, ValueError):
    """A write refused; `key` names the catalogue message, `values` fill it."""


Reason = tuple[str, dict]  # a catalogue key and the values that fill it


def reason(key: str, **values: object) -> Reason:
    return key, values


class InvalidInput(RecordError):
    """Input that the import would refuse too; `errors` maps each field to its reason."""

    def __init__(self, errors: dict[str, Reason]) -> None:
        super().__init__("record.invalid")
        self.errors = errors

    def reasons(self) -> dict[str, str]:
        """Each field's reason in the user's language."""
        return {name: t(key, **values) for name, (key, values) in self.errors.items()}

    def message(self) -> str:
        listed = "; ".join(f"{field_label(name)}: {text}" for name, text in self.reasons().items())
        return t("record.invalid", errors=listed)
