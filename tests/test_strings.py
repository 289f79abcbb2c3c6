"""The catalogue of user-facing strings: every area module is loaded, every key has both languages
with the same placeholders, every key the code names exists, and no key is left that no code names."""

from __future__ import annotations

import pkgutil
import re
import string
from pathlib import Path

import core.strings
from core.labels import CHOICE_PREFIX
from core.strings import AREAS, CATALOGUE

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("core", "pages", "ui", "bench")


def _code() -> str:
    files = [*ROOT.glob("*.py")]
    for folder in CODE_DIRS:
        files += [p for p in (ROOT / folder).rglob("*.py") if "core/strings" not in p.as_posix()]
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


CODE = _code()
# Keys built at run time: t(f"member_status.{status}"), "choice:export.status",
# choice_label("union_status") and the choice columns of core.labels.
DYNAMIC_PREFIXES = (
    set(re.findall(r"""f["']([a-z_]+(?:\.[a-z_-]+)*\.)\{""", CODE))
    | {f"{prefix}." for prefix in re.findall(r'"choice:([a-z_.]+)"', CODE)}
    | {f"{prefix}." for prefix in re.findall(r'choice_label\("([a-z_.]+)"\)', CODE)}
    | {f"{prefix}." for prefix in CHOICE_PREFIX.values()}
)


# Vietnamese writes the quarter in Roman numerals, English in digits: both are passed.
DIFFERENT_NUMERALS = {"quarter.label", "quarter.short"}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_area_module_is_in_the_catalogue() -> None:
    modules = {m.name for m in pkgutil.iter_modules(core.strings.__path__)}
    assert {m.__name__.rsplit(".", 1)[1] for m in AREAS} == modules


def test_a_key_is_defined_in_one_area_only() -> None:
    assert sum(len(m.STRINGS) for m in AREAS) == len(CATALOGUE)


def test_every_string_has_both_languages_with_the_same_placeholders() -> None:
    bad = {
        key: (vi, en)
        for key, (vi, en) in CATALOGUE.items()
        if not vi.strip()
        or not en.strip()
        or (_fields(vi) != _fields(en) and key not in DIFFERENT_NUMERALS)
    }
    assert bad == {}


def test_every_key_the_code_names_exists() -> None:
    named = set(re.findall(r"""\bt\(\s*["']([a-z_][a-z0-9_.-]*)["']""", CODE))
    assert sorted(named - CATALOGUE.keys()) == []


def test_no_key_is_left_that_no_code_names() -> None:
    orphans = [
        key
        for key in CATALOGUE
        if f'"{key}"' not in CODE
        and f"'{key}'" not in CODE
        and not any(key.startswith(prefix) for prefix in DYNAMIC_PREFIXES)
    ]
    assert orphans == []


def test_the_orphan_check_can_fail() -> None:
    assert {"overview.gauge.", "union_status.", "export.status."} <= DYNAMIC_PREFIXES
    assert '"import.report.file"' not in CODE
