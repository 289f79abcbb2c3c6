"""Cached reads for the ranking, organising, reports and display pages.

Like `ui.data`, every cached function is keyed on the database URL and the data version (read fresh
on every run with `ui.data.data_version()`), so any write anywhere drops what was cached.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st
from sqlmodel import Session

from core import db, organising, quarters, ranking, reports
from core.formatting import today_local

CACHE_ENTRIES = 64


def _session() -> Session:
    return Session(db.get_engine(), expire_on_commit=False)


def period_options(years: list[int]) -> list[tuple[int, int | None]]:
    """(year, quarter) choices, newest first: each begun quarter of each plan year."""
    today = today_local()
    options: list[tuple[int, int | None]] = []
    for year in sorted(years, reverse=True):
        begun = quarters.quarters_so_far(year, today)
        options += [(year, quarter) for quarter in reversed(begun)]
    return options


def default_period(options: list[tuple[int, int | None]]) -> int:
    """The index of the quarter to show first: the latest begun quarter of this year or before."""
    this_year = today_local().year
    for index, (year, _quarter) in enumerate(options):
        if year <= this_year:
            return index
    return 0


def period_as_of(year: int, quarter: int | None) -> dt.date:
    return quarters.as_of_for(year, quarter, today_local())


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def ranking_of(url: str, year: int, level: str, as_of: dt.date, version: int) -> ranking.Ranking:
    with _session() as session:
        return ranking.ranking(session, year=year, level=level, as_of=as_of)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def board(url: str, on: dt.date, version: int) -> list[organising.Card]:
    with _session() as session:
        return organising.board(session, on=on)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def stage_counts(url: str, on: dt.date, version: int) -> dict[str | None, int]:
    with _session() as session:
        return organising.stage_counts(session, on=on)


@st.cache_data(show_spinner=False, max_entries=8)
def report_file(url: str, year: int, quarter: int | None, version: int, today: dt.date) -> bytes:
    with _session() as session:
        return reports.report_bytes(session, year=year, quarter=quarter, today=today)


@st.cache_data(show_spinner=False, max_entries=8)
def chart_files(
    url: str, year: int, quarter: int | None, version: int, today: dt.date
) -> dict[str, bytes]:
    with _session() as session:
        return reports.chart_pngs(session, year=year, quarter=quarter, today=today)
