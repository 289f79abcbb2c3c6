"""Cached reads of the progress figures for the pages.

Every cached function is keyed on the database URL, the plan year, the unit, the as-of date and the
data version. The data version is read fresh on every run (`data_version()`, one tiny query); any
write on any app server bumps it, so the next run of every page misses the cache and recomputes.
The URL is part of the key so two databases in one process (tests) never share figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st
from sqlmodel import Session

from core import charts, db, metrics, plans, settings, units
from core.formatting import today_local
from core.models import OrgUnit, UnitKind
from core.strings import CATALOGUE, language, t

CACHE_ENTRIES = 256


@dataclass(frozen=True)
class UnitOption:
    id: int
    name: str
    kind: str

    @property
    def label(self) -> str:
        """'Xã Vĩnh Am', 'Cụm thi đua số 1', the federation by its own name."""
        if self.kind in (UnitKind.commune, UnitKind.town):
            key = f"unit_kind.{self.kind}"
            # Names are data, written in Vietnamese: 'Xã Vĩnh Am' needs no prefix in any language.
            prefixes = {CATALOGUE[key][0].lower(), t(key).lower()}
            if not any(self.name.lower().startswith(prefix) for prefix in prefixes):
                return t("overview.unit_option", kind=t(key), name=self.name)
        return self.name


@dataclass(frozen=True)
class ProspectRow:
    name: str
    commune: str
    workers: int | None
    ownership: str
    stage: str
    officer: str


def database_url() -> str:
    return settings.get_settings().database_url


def _session() -> Session:
    return Session(db.get_engine(), expire_on_commit=False)


def data_version() -> int:
    """Read on every run, never cached: it is what invalidates everything else."""
    with _session() as session:
        return db.data_version(session)


def default_as_of(year: int) -> dt.date:
    """Today, kept inside the plan year (31/12 once the year is over)."""
    return min(max(today_local(), dt.date(year, 1, 1)), dt.date(year, 12, 31))


def default_year(years: list[int]) -> int:
    """The latest plan year not after this year, else the earliest; `years` is not empty."""
    this_year = today_local().year
    past = [year for year in years if year <= this_year]
    return max(past) if past else min(years)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def plan_years(url: str, version: int) -> list[int]:
    with _session() as session:
        return plans.plan_years(session)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def unit_options(url: str, as_of: dt.date, version: int) -> list[UnitOption]:
    """The federation, then communes/towns valid on `as_of`, then clusters and blocks."""
    with _session() as session:
        return [
            UnitOption(id=unit.id, name=unit.name, kind=unit.kind)  # pyright: ignore[reportArgumentType]  # SQLModel: a stored row's id is set
            for unit in units.selectable_units(session, as_of)
        ]


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def progress(
    url: str, year: int, unit_id: int | None, as_of: dt.date, version: int
) -> metrics.Progress:
    with _session() as session:
        scope = units.scope_for_unit(session, unit_id, as_of)
        return metrics.progress(session, year=year, scope=scope, as_of=as_of)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def monthly(
    url: str, year: int, unit_id: int | None, as_of: dt.date, version: int
) -> list[metrics.MonthRow]:
    with _session() as session:
        scope = units.scope_for_unit(session, unit_id, as_of)
        return metrics.monthly(session, scope, year, as_of)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def breakdown(
    url: str, year: int, unit_id: int | None, as_of: dt.date, version: int, by: str
) -> list[metrics.UnitRow]:
    """Net growth per commune or per cluster, with each unit's allocated target and its pace."""
    with _session() as session:
        scope = units.scope_for_unit(session, unit_id, as_of)
        rows = metrics.breakdown(session, year=year, as_of=as_of, by=by, scope=scope)
        for row in rows:
            row.name = row.name or t("overview.unassigned")
        return rows


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def top_prospects(
    url: str, year: int, unit_id: int | None, as_of: dt.date, version: int, limit: int
) -> list[ProspectRow]:
    """The largest enterprises with ≥ 20 workers and no union, for the staff to work from."""
    with _session() as session:
        scope = units.scope_for_unit(session, unit_id, as_of)
        result = []
        for enterprise in metrics.prospects(session, scope, as_of, limit=limit):
            unit = session.get(OrgUnit, enterprise.unit_id) if enterprise.unit_id else None
            result.append(
                ProspectRow(
                    name=enterprise.name,
                    commune=unit.name if unit else (enterprise.commune_name or ""),
                    workers=enterprise.worker_count,
                    ownership=t(f"ownership.{enterprise.ownership}"),
                    stage=t(f"stage.{enterprise.stage}") if enterprise.stage else "",
                    officer=enterprise.officer or "",
                )
            )
        return result


@st.cache_data(show_spinner=False, max_entries=4 * CACHE_ENTRIES)
def _chart_spec(builder: str, lang: str, args: tuple, kwargs: tuple) -> dict:
    chart = getattr(charts, builder)(*args, **dict(kwargs))
    # Not validated against the Vega-Lite schema here: that cost about 40 % of building a chart,
    # on the first run after every write. tests/test_charts.py validates every builder instead.
    return charts.localised(chart).to_dict(validate=False)


def chart_spec(builder: str, *args, **kwargs) -> dict:
    """The localised Vega-Lite spec of `core.charts.<builder>(*args, **kwargs)`, cached: building
    an Altair chart costs tens of milliseconds, on every run of every page."""
    return _chart_spec(builder, language(), args, tuple(sorted(kwargs.items())))
