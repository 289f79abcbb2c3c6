"""What a spreadsheet cell holds and the error of one that cannot be read: the few names the
reader (in its child process) shares with the parsers, kept apart so the child loads no models."""

from __future__ import annotations

import datetime as dt

from core.errors import CatalogueError

Cell = str | int | float | bool | dt.date | dt.datetime | None


class Invalid(CatalogueError, ValueError):
    """A cell that cannot be read; `key` names the reason in the catalogue."""
