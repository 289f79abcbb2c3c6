"""What the record pages (members, enterprises, unions, admin) share: running a write and saying
why it was refused, keeping the rows a user is editing as they were read (so a save made on an old
version is refused, not written over), a pager, and applying a data editor's changes row by row."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from core import db
from core.access import Actor
from core.formatting import fmt_int
from core.strings import t
from ui import actions

PAGE_SIZES = (25, 50, 100, 200)


def flash(prefix: str, message: str) -> None:
    """A message shown once at the top of the page after the rerun that follows a save."""
    st.session_state[f"{prefix}.flash"] = message


def show_flash(prefix: str) -> None:
    message = st.session_state.pop(f"{prefix}.flash", None)
    if message:
        st.success(message, icon=":material/check_circle:")


def run_write(action: Callable[..., Any], *, actor: Actor, **kwargs) -> tuple[Any, str | None]:
    """One core write in its own transaction: (result, None), or (None, why it was refused)."""

    def in_transaction() -> Any:
        with db.session_scope() as session:
            return action(session, actor=actor, **kwargs)

    return actions.run_action(in_transaction)


def write(prefix: str, action: Callable[..., Any], *, actor: Actor, done: str, **kwargs) -> bool:
    """Run a write; on success remember `done` for the next run, else show the refusal now."""
    _, refused = run_write(action, actor=actor, **kwargs)
    if refused:
        st.error(refused, icon=actions.REFUSED_ICON)
        return False
    flash(prefix, done)
    return True


def read(load: Callable[[Any], Any]) -> Any:
    """`load(session)` in a read-only session; stops the page with a message if the database fails."""
    with actions.attempt(), db.session_scope() as session:
        return load(session)
    st.stop()


def current_data_version() -> int:
    return read(db.data_version)


def held(key: str, ident: Any, load: Callable[[], Any], *, table: bool = False) -> Any:
    """The rows as they were read when this view (`ident`) was opened.

    They are read again when the view changes, after `forget(key)` (a save, the reload button), or
    when the data changed elsewhere while nothing is being edited in its `table` editor. A single
    record shown with its forms (`table` False) stays as read until saved or reloaded. So a save
    carries the versions the user saw, and a change made meanwhile is refused, not written over.
    """
    version = current_data_version()
    state = st.session_state.get(key)
    if state and state["ident"] == ident:
        pending = not table or bool(edited_rows(editor_key(key)))
        if pending or state["version"] == version:
            return state["value"]
    value = load()
    generation = (state or {}).get("generation", 0) + 1
    st.session_state[key] = {
        "ident": ident,
        "value": value,
        "version": version,
        "generation": generation,
    }
    return value


def editor_key(key: str) -> str:
    """The data editor's key for the rows held under `key`: new rows, a fresh editor."""
    state = st.session_state.get(key) or {}
    return f"{key}.editor.{state.get('generation', 0)}"


def is_outdated(key: str) -> bool:
    state = st.session_state.get(key)
    return bool(state) and state["version"] != current_data_version()


def forget(*keys: str) -> None:
    for key in keys:
        st.session_state.pop(key, None)


def reset_page_on_change(prefix: str, chosen: Any) -> None:
    """Back to the first page when the search or a filter changes."""
    if st.session_state.get(f"{prefix}.filter") != chosen:
        st.session_state[f"{prefix}.filter"] = chosen
        st.session_state[f"{prefix}.page"] = 1


def choice_filter(where, label: str, choices: dict[Any, str], *, key: str) -> Any:
    """A filter over named records (units, unions): "Tất cả" first, then the names."""
    return where.selectbox(
        label,
        [None, *choices],
        format_func=lambda i: t("records.all") if i is None else choices[i],
        key=key,
    )


def load_page(prefix: str, list_key: str, search: Callable[..., Any], chosen: Any) -> Any:
    """The page of `search(session, chosen, page=, page_size=)` the pager points at, held as read
    (see `held`) so that a save made on it is checked against those versions."""
    page = st.session_state.get(f"{prefix}.page", 1)
    size = st.session_state.get(f"{prefix}.page_size", PAGE_SIZES[1])
    return held(
        list_key,
        (chosen, page, size),
        lambda: read(lambda s: search(s, chosen, page=page, page_size=size)),
        table=True,
    )


def pager(prefix: str, total: int, *, noun_key: str) -> tuple[int, int]:
    """Page number and size chosen above a table; the count in words beside them."""
    left, middle, right = st.columns([3, 1, 1], vertical_alignment="bottom")
    size = right.selectbox(t("records.page_size"), PAGE_SIZES, index=1, key=f"{prefix}.page_size")
    pages = max(1, math.ceil(total / size))
    if st.session_state.get(f"{prefix}.page", 1) > pages:
        st.session_state[f"{prefix}.page"] = pages
    page = middle.number_input(
        t("records.page"), min_value=1, max_value=pages, step=1, key=f"{prefix}.page"
    )
    left.caption(t("records.found", n=fmt_int(total), noun=t(noun_key), page=page, pages=pages))
    return int(page), int(size)


def edited_rows(editor_key: str) -> dict[int, dict[str, Any]]:
    """The data editor's pending changes: row position -> {column: new value}."""
    state = st.session_state.get(editor_key) or {}
    return dict(state.get("edited_rows") or {})


def clean_cell(value: Any) -> Any:
    """A data-editor cell as core expects it: NaN/NaT/empty text become None, Timestamps dates."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, str):
        if not value.strip():
            return None
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                return value
    return value


def save_edits(
    prefix: str,
    editor_key: str,
    rows: list[dict],
    save_row: Callable[[dict, dict[str, Any]], tuple[Any, str | None]],
    *,
    label: Callable[[dict], str],
) -> bool:
    """Apply each edited row in its own transaction; report the rows saved and each refusal."""
    changes = edited_rows(editor_key)
    saved, refusals = 0, []
    for position, columns in sorted(changes.items()):
        row = rows[int(position)]
        _, refused = save_row(row, {name: clean_cell(value) for name, value in columns.items()})
        if refused:
            refusals.append(f"**{label(row)}** — {refused}")
        else:
            saved += 1
    if saved:
        flash(prefix, t("records.rows_saved", n=fmt_int(saved)))
    for refusal in refusals:
        st.error(refusal, icon=":material/block:")
    return not refusals


def choice_label(prefix: str) -> Callable[[Any], str]:
    """format_func for a selectbox of enum values (None shown as «tất cả»)."""
    return lambda value: t("records.all") if value is None else t(f"{prefix}.{value}")
