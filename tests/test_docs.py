"""The README documents every setting and every command that exists (and nothing that doesn't)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from core import settings
from core.cli import build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _table_rows(heading: str) -> list[list[str]]:
    section = README.split(heading, 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        if line.startswith("| ") and not line.startswith("| ---"):
            rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip("|"))])
    return rows[1:]


def test_every_setting_is_documented_with_its_default_and_help():
    rows = {row[0].strip("`"): row for row in _table_rows("## Cài đặt / Settings")}
    assert set(rows) == set(settings.SETTINGS)
    for name, (default, help_text) in settings.SETTINGS.items():
        documented_default = rows[name][1].strip("`")
        if name == "DATABASE_URL":
            assert default.endswith(documented_default.removeprefix("sqlite:///"))
        else:
            assert documented_default == default
        assert rows[name][2] == help_text


def test_every_setting_in_the_table_is_a_typed_field():
    fields = {field.name for field in dataclasses.fields(settings.Settings)}
    assert fields == {name.lower() for name in settings.SETTINGS}


def test_every_command_is_documented():
    parser = build_parser()
    commands = set(parser._subparsers._group_actions[0].choices)
    documented = {
        row[0].strip("`").split()[0] for row in _table_rows("## Dòng lệnh / Command line")
    }
    assert documented == commands
