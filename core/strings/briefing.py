"""Strings of the briefing display, ranking, organising board and reports."""

STRINGS: dict[str, tuple[str, str]] = {}
