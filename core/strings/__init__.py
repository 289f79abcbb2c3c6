"""The catalogue of every user-facing string, Vietnamese first, English beside it.

Each area keeps its strings in its own module (one dict of key -> (vi, en)); `t()` looks a key up in
all of them. The APP_LANG setting (vi or en) chooses the language.
"""

from __future__ import annotations

from core.settings import SettingsError, get_settings
from core.strings import admin, briefing, cli, common, duties, importing, ops, overview, records

AREAS = (common, overview, cli, importing, records, admin, briefing, duties, ops)

CATALOGUE: dict[str, tuple[str, str]] = {}
for _module in AREAS:
    _clash = CATALOGUE.keys() & _module.STRINGS.keys()
    if _clash:
        raise RuntimeError(f"string keys defined twice: {sorted(_clash)}")
    CATALOGUE.update(_module.STRINGS)


def language() -> str:
    try:
        return get_settings().app_lang
    except SettingsError:
        # The message that reports a bad setting must still be sayable.
        return "vi"


def t(key: str, **values: object) -> str:
    vi, en = CATALOGUE[key]
    text = en if language() == "en" else vi
    return text.format(**values) if values else text
