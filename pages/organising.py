"""Vận động thành lập CĐCS: the prospects by organising stage; staff move them between stages."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import db, organising
from core.formatting import fmt_int, today_local
from core.metrics import PROSPECT_MIN_WORKERS
from core.models import OrganisingStage
from core.strings import t
from core.text import unaccent
from ui import actions, auth, data
from ui import briefing_data as bd

NOTICE_KEY = "organising_notice"

user = auth.require_role("viewer")


def stage_name(stage: str | None) -> str:
    return t(f"stage.{stage}") if stage else t("organising.stage.none")


def draw_pipeline(counts: dict[str | None, int]) -> None:
    st.metric(t("organising.total"), fmt_int(sum(counts.values())))
    for column, (stage, count) in zip(st.columns(len(counts)), counts.items(), strict=True):
        column.metric(stage_name(stage), fmt_int(count), border=True)


def filtered(cards: list[organising.Card]) -> list[organising.Card]:
    stage_column, officer_column, search_column = st.columns([1, 1, 2])
    stages = ["*", *organising.STAGES]
    with stage_column:
        stage = st.selectbox(
            t("organising.filter_stage"),
            stages,
            format_func=lambda s: t("organising.all") if s == "*" else stage_name(s),
            key="organising_stage",
        )
    officers = ["*", *sorted({card.officer for card in cards if card.officer})]
    with officer_column:
        officer = st.selectbox(
            t("organising.filter_officer"),
            officers,
            format_func=lambda o: t("organising.all") if o == "*" else o,
            key="organising_officer",
        )
    with search_column:
        search = st.text_input(t("organising.filter_search"), key="organising_search")
    wanted = unaccent(search) if search else ""
    return [
        card
        for card in cards
        if (stage == "*" or card.stage == stage)
        and (officer == "*" or card.officer == officer)
        and (not wanted or wanted in unaccent(card.name) or wanted in (card.tax_code or ""))
    ]


def table(cards: list[organising.Card]) -> pd.io.formats.style.Styler:
    frame = pd.DataFrame(
        {
            t("organising.col.name"): [card.name for card in cards],
            t("organising.col.tax_code"): [card.tax_code or "" for card in cards],
            t("organising.col.commune"): [card.commune for card in cards],
            t("organising.col.workers"): [card.worker_count for card in cards],
            t("organising.col.ownership"): [t(f"ownership.{card.ownership}") for card in cards],
            t("organising.col.stage"): [stage_name(card.stage) for card in cards],
            t("organising.col.since"): [card.stage_since for card in cards],
            t("organising.col.days"): [card.days_in_stage for card in cards],
            t("organising.col.officer"): [card.officer or "" for card in cards],
        }
    )

    def number(value) -> str:
        return "" if value is None or pd.isna(value) else fmt_int(value)

    def day(value) -> str:
        return "" if value is None or pd.isna(value) else value.strftime("%d/%m/%Y")

    return frame.style.format(  # pyright: ignore[reportReturnType]  # pandas types .format() as its base class
        {
            t("organising.col.workers"): number,
            t("organising.col.days"): number,
            t("organising.col.since"): day,
        },
        na_rep="",
    )


def move_form(card: organising.Card) -> None:
    st.subheader(t("organising.move.heading"), anchor=False)
    st.markdown(t("organising.move.enterprise", name=card.name))
    stages = [stage.value for stage in OrganisingStage]
    with st.form(f"organising_move_{card.enterprise_id}_{card.version}"):
        stage_column, date_column, officer_column = st.columns(3)
        stage = stage_column.selectbox(
            t("organising.move.stage"),
            stages,
            index=stages.index(card.stage) if card.stage in stages else 0,
            format_func=stage_name,
        )
        on = date_column.date_input(
            t("organising.move.on"),
            value=today_local(),
            max_value=today_local(),
            format="DD/MM/YYYY",
        )
        officer = officer_column.text_input(t("organising.move.officer"), value=card.officer or "")
        if st.form_submit_button(t("organising.move.submit"), type="primary"):
            with actions.attempt() as outcome, db.session_scope() as session:
                organising.move_stage(
                    session,
                    actor=user,
                    enterprise_id=card.enterprise_id,
                    stage=stage,
                    on=on,
                    officer=officer,
                    expected_version=card.version,
                )
            if not outcome.ok:
                return
            st.session_state[NOTICE_KEY] = t(
                "organising.move.done", name=card.name, stage=stage_name(stage)
            )
            st.rerun()


def main() -> None:
    version = data.data_version()
    url = data.database_url()
    today = today_local()
    st.title(t("organising.title"), anchor=False)
    st.caption(t("organising.caption", n=PROSPECT_MIN_WORKERS))
    if notice := st.session_state.pop(NOTICE_KEY, None):
        st.success(notice)
    draw_pipeline(bd.stage_counts(url, today, version))
    cards = filtered(bd.board(url, today, version))
    if not cards:
        st.info(t("organising.none"))
        return
    can_move = user.can("staff")
    if not can_move:
        st.caption(t("organising.read_only"))
        st.dataframe(table(cards), hide_index=True, width="stretch")
        return
    st.caption(t("organising.move.pick"))
    event = st.dataframe(
        table(cards),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="organising_table",
    )
    rows = event.selection.rows if event and event.selection else []
    if rows and rows[0] < len(cards):
        move_form(cards[rows[0]])


with actions.attempt():
    main()
