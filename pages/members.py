"""Đoàn viên: find members (name without diacritics, CCCD), page through them, correct their
details in place, admit, transfer, record a departure, re-admit, correct a mistaken event, delete
and restore. Leadership reads; staff edit. Every action is checked again in core.records."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core import records
from core.formatting import fmt_date, today_local
from core.models import LeaveReason, MemberStatus, Role
from core.paging import Page
from core.records import MemberFilter
from core.strings import t
from ui import auth
from ui import records_widgets as rw

user = auth.require_role("viewer")
CAN_EDIT = user.can(Role.staff)
P = "members"
LIST = "members.rows"
DETAIL = "members.detail"
# Editable in the list; a foreign worker's contract and application only in the member's form.
EDITABLE = tuple(f for f in records.MEMBER_FIELDS if f not in records.FOREIGN_WORKER_FIELDS)
GENDERS = ("male", "female")


def pick_filter() -> MemberFilter:
    text_col, unit_col, union_col, status_col, bin_col = st.columns(
        [3, 2, 2.4, 1.6, 1], vertical_alignment="bottom"
    )
    text = text_col.text_input(
        t("members.search"), placeholder=t("members.search_hint"), key="members.text"
    )
    units = dict(rw.read(records.unit_choices))
    unit_id = rw.choice_filter(unit_col, t("common.unit"), units, key="members.unit")
    unions = dict(rw.read(records.union_choices))
    union_id = rw.choice_filter(union_col, t("field.union_id"), unions, key="members.union")
    status = status_col.selectbox(
        t("field.status"),
        [None, *(s.value for s in MemberStatus)],
        format_func=rw.choice_label("member_status"),
        key="members.status",
    )
    deleted = CAN_EDIT and bin_col.toggle(t("records.bin"), key="members.bin")
    chosen = MemberFilter(
        text=text, unit_id=unit_id, union_id=union_id, status=status, deleted=deleted
    )
    rw.reset_page_on_change("members", chosen)
    return chosen


def table_of(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "full_name": [r["full_name"] for r in rows],
            "birth": [r["birth"] for r in rows],
            "gender": [r["gender"] for r in rows],
            "id_number": [r["id_number"] or "" for r in rows],
            "nationality": [r["nationality"] or "" for r in rows],
            "card_no": [r["card_no"] or "" for r in rows],
            "union_name": [r["union_name"] or "" for r in rows],
            "status": [t(f"member_status.{r['status']}") for r in rows],
            "joined_on": [fmt_date(r["joined_on"]) for r in rows],
            "left_on": [fmt_date(r["left_on"]) for r in rows],
        },
        dtype=object,
    )


def column_config() -> dict:
    text = st.column_config.TextColumn
    return {
        "full_name": text(t("field.full_name"), width="medium"),
        "birth": text(t("field.birth"), help=t("members.birth_help")),
        "gender": st.column_config.SelectboxColumn(
            t("field.gender"), options=GENDERS, format_func=lambda g: t(f"gender.{g}")
        ),
        "id_number": text(t("field.id_number")),
        "nationality": text(t("field.nationality")),
        "card_no": text(t("field.card_no")),
        "union_name": text(t("field.union_id"), width="medium"),
        "status": text(t("field.status")),
        "joined_on": text(t("field.joined_on")),
        "left_on": text(t("field.left_on")),
    }


def save_row(row: dict, changes: dict) -> tuple[object, str | None]:
    return rw.run_write(
        records.update_member,
        actor=user,
        member_id=row["id"],
        expected_version=row["version"],
        changes=changes,
    )


def draw_table(result: Page, f: MemberFilter) -> None:
    if not result.rows:
        st.info(t("members.none"))
        return
    editable = CAN_EDIT and not f.deleted
    table = table_of(result.rows)
    if editable:
        key = rw.editor_key(LIST)
        st.data_editor(
            table,
            key=key,
            hide_index=True,
            width="stretch",
            column_config=column_config(),
            disabled=[c for c in table.columns if c not in EDITABLE],
        )
        pending = rw.edited_rows(key)
        save, reload, note = st.columns([1, 1, 4], vertical_alignment="center")
        if save.button(
            t("records.save_changes", n=len(pending)),
            type="primary",
            disabled=not pending,
            key="members.save",
        ):
            ok = rw.save_edits(P, key, result.rows, save_row, label=lambda row: row["full_name"])
            if ok:
                rw.forget(LIST, DETAIL)
                st.rerun()
        if reload.button(t("records.reload"), key="members.reload"):
            rw.forget(LIST, DETAIL)
            st.rerun()
        if pending and rw.is_outdated(LIST):
            note.warning(t("records.outdated"), icon=":material/update:")
    else:
        st.dataframe(table, hide_index=True, width="stretch", column_config=column_config())


# ---------------------------------------------------------------- one member


def load_detail(member_id: int) -> dict:
    def load(session) -> dict:
        member = records.get_member(session, member_id)
        union = records.union_name(session, member.union_id)
        return {
            "member": member.model_dump(),
            "union_name": union,
            "history": records.member_history(session, member_id, with_voided=True),
        }

    return rw.held(DETAIL, member_id, lambda: rw.read(load))


def pick_member(rows: list[dict]) -> int | None:
    ids = [row["id"] for row in rows]
    labels = {
        row["id"]: " — ".join(
            part for part in (row["full_name"], row["id_number"], row["union_name"]) if part
        )
        for row in rows
    }
    if st.session_state.get("members.pick") not in [None, *ids]:
        st.session_state["members.pick"] = None
    return st.selectbox(
        t("members.pick"),
        [None, *ids],
        format_func=lambda i: t("members.pick_none") if i is None else labels[i],
        key="members.pick",
    )


def history_table(history: list[records.EventRow]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("field.occurred_on"): [fmt_date(e.occurred_on) for e in history],
            t("members.event"): [t(f"event.{e.kind}") for e in history],
            t("field.union_id"): [e.union_name for e in history],
            t("members.other_union"): [e.other_union_name or "" for e in history],
            t("field.reason"): [t(f"reason.{e.reason}") if e.reason else "" for e in history],
            t("members.event_state"): [
                t("members.voided") if e.deleted_at else "" for e in history
            ],
        },
        dtype=object,
    )


def act(action, message_key: str, **kwargs) -> None:
    """Run a write on the member shown; after it, read the list and the member again."""
    if rw.write(P, action, actor=user, done=t(message_key), **kwargs):
        rw.forget(LIST, DETAIL)
        st.rerun()


def draw_detail(member_id: int) -> None:
    detail = load_detail(member_id)
    member = detail["member"]
    version = member["version"]
    st.subheader(member["full_name"], anchor=False)
    status = t(f"member_status.{member['status']}")
    st.caption(
        t(
            "members.summary",
            union=detail["union_name"] or "–",
            status=status,
            joined=fmt_date(member["joined_on"]) or "–",
        )
        + (f" · {t('members.deleted')}" if member["deleted_at"] else "")
    )
    live = [e for e in detail["history"] if e.deleted_at is None]
    show_voided = st.toggle(t("members.show_voided"), key="members.show_voided")
    shown = detail["history"] if show_voided else live
    st.dataframe(history_table(shown), hide_index=True, width="stretch")
    if not CAN_EDIT:
        return
    if rw.is_outdated(DETAIL):
        st.warning(t("records.outdated"), icon=":material/update:")
    if st.button(t("records.reload"), key="members.detail_reload"):
        rw.forget(DETAIL)
        st.rerun()
    common = {"member_id": member_id, "expected_version": version}
    if member["deleted_at"]:
        if st.button(t("members.restore"), key="members.restore", type="primary"):
            act(records.restore_member, "members.restored", **common)
        return
    unions = dict(rw.read(records.union_choices))
    tabs = [t("members.tab_edit")]
    if member["status"] == MemberStatus.active:
        tabs += [t("members.tab_transfer"), t("members.tab_leave")]
    else:
        tabs += [t("members.tab_readmit")]
    tabs += [t("members.tab_correct"), t("members.tab_delete")]
    panes = dict(zip(tabs, st.tabs(tabs), strict=True))
    with panes[t("members.tab_edit")]:
        edit_form(member, common)
    if member["status"] == MemberStatus.active:
        with panes[t("members.tab_transfer")]:
            with st.form("members.transfer_form"):
                others = [i for i in unions if i != member["union_id"]]
                to_union = st.selectbox(
                    t("members.to_union"), others, format_func=unions.__getitem__
                )
                on = date_input("members.transfer_on")
                if st.form_submit_button(t("members.transfer"), type="primary"):
                    act(
                        records.transfer_member,
                        "members.transferred",
                        to_union_id=to_union,
                        on=on,
                        **common,
                    )
        with panes[t("members.tab_leave")]:
            with st.form("members.leave_form"):
                reason = st.selectbox(
                    t("field.reason"),
                    [r.value for r in LeaveReason],
                    format_func=lambda r: t(f"reason.{r}"),
                )
                on = date_input("members.leave_on")
                if st.form_submit_button(t("members.leave"), type="primary"):
                    act(records.record_departure, "members.left", on=on, reason=reason, **common)
    else:
        with panes[t("members.tab_readmit")]:
            with st.form("members.readmit_form"):
                union_id = st.selectbox(
                    t("field.union_id"), list(unions), format_func=unions.__getitem__
                )
                on = date_input("members.readmit_on")
                if st.form_submit_button(t("members.readmit"), type="primary"):
                    act(
                        records.readmit_member,
                        "members.readmitted",
                        union_id=union_id,
                        on=on,
                        **common,
                    )
    with panes[t("members.tab_correct")]:
        correct_forms(live, common)
    with panes[t("members.tab_delete")]:
        st.caption(t("members.delete_help"))
        with st.form("members.delete_form"):
            sure = st.checkbox(t("members.delete_confirm"))
            if st.form_submit_button(t("members.delete")):
                if sure:
                    act(records.delete_member, "members.deleted_done", **common)
                else:
                    st.warning(t("records.confirm_first"))


def date_input(key: str) -> dt.date:
    return st.date_input(
        t("field.occurred_on"),
        value=today_local(),
        max_value=today_local(),
        format="DD/MM/YYYY",
        key=key,
    )


def edit_form(member: dict, common: dict) -> None:
    with st.form("members.edit_form"):
        left, right = st.columns(2)
        name = left.text_input(t("field.full_name"), value=member["full_name"])
        birth = left.text_input(
            t("field.birth"),
            value=records.birth_text(member["birth_date"], member["birth_year"]),
            help=t("members.birth_help"),
        )
        gender = left.selectbox(
            t("field.gender"),
            [None, *GENDERS],
            index=([None, *GENDERS]).index(member["gender"]),
            format_func=lambda g: "–" if g is None else t(f"gender.{g}"),
        )
        id_number = left.text_input(
            t("field.id_number"), value=member["cccd"] or member["passport_no"] or ""
        )
        nationality = right.text_input(t("field.nationality"), value=member["nationality"] or "")
        card_no = right.text_input(t("field.card_no"), value=member["card_no"] or "")
        contract = right.number_input(
            t("field.contract_months"), min_value=0, step=1, value=member["contract_months"]
        )
        application = right.checkbox(
            t("field.has_application"), value=bool(member["has_application"])
        )
        if not st.form_submit_button(t("records.save"), type="primary"):
            return
    values = {
        "full_name": name,
        "birth": birth,
        "gender": gender,
        "id_number": id_number,
        "nationality": nationality,
        "card_no": card_no,
        "contract_months": contract,
        "has_application": True
        if application
        else (None if member["has_application"] is None else False),
    }
    current = {
        "full_name": member["full_name"],
        "birth": records.birth_text(member["birth_date"], member["birth_year"]),
        "gender": member["gender"],
        "id_number": member["cccd"] or member["passport_no"] or "",
        "nationality": member["nationality"] or "",
        "card_no": member["card_no"] or "",
        "contract_months": member["contract_months"],
        "has_application": member["has_application"],
    }
    changes = {k: v for k, v in values.items() if v != current[k]}
    if not changes:
        st.info(t("records.nothing_changed"))
        return
    act(records.update_member, "records.saved", changes=changes, **common)


def correct_forms(live: list[records.EventRow], common: dict) -> None:
    if not live:
        return
    labels = {
        e.id: f"{fmt_date(e.occurred_on)} — {t(f'event.{e.kind}')} — {e.union_name}" for e in live
    }
    with st.form("members.correct_form"):
        event_id = st.selectbox(t("members.event"), list(labels), format_func=labels.__getitem__)
        on = st.date_input(
            t("members.right_date"), value=None, max_value=today_local(), format="DD/MM/YYYY"
        )
        reason = st.selectbox(
            t("members.right_reason"),
            [None, *(r.value for r in LeaveReason)],
            format_func=lambda r: "–" if r is None else t(f"reason.{r}"),
        )
        if st.form_submit_button(t("members.correct")):
            act(
                records.correct_event,
                "members.corrected",
                event_id=event_id,
                on=on,
                reason=reason,
                **common,
            )
    latest = live[-1]
    st.caption(t("members.void_help", event=labels[latest.id]))
    if st.button(t("members.void"), key="members.void"):
        act(records.void_event, "members.voided_done", event_id=latest.id, **common)


# ---------------------------------------------------------------- admitting


def admit_form() -> None:
    with st.expander(t("members.admit_heading"), icon=":material/person_add:"):
        unions = dict(rw.read(lambda s: records.union_choices(s, open_on=today_local())))
        with st.form("members.admit_form", clear_on_submit=False):
            left, right = st.columns(2)
            name = left.text_input(t("field.full_name"))
            birth = left.text_input(t("field.birth"), help=t("members.birth_help"))
            gender = left.selectbox(
                t("field.gender"), GENDERS, format_func=lambda g: t(f"gender.{g}")
            )
            id_number = left.text_input(t("field.id_number"))
            card_no = left.text_input(t("field.card_no"))
            union_id = right.selectbox(
                t("field.union_id"), list(unions), format_func=unions.__getitem__
            )
            on = right.date_input(
                t("members.admitted_on"),
                value=today_local(),
                max_value=today_local(),
                format="DD/MM/YYYY",
            )
            nationality = right.text_input(t("field.nationality"), value="VN")
            contract = right.number_input(
                t("field.contract_months"), min_value=0, step=1, value=None
            )
            application = right.checkbox(t("field.has_application"))
            submitted = st.form_submit_button(t("members.admit"), type="primary")
        if not submitted:
            return
        if union_id is None:
            st.error(t("members.no_union"))
            return
        values = {
            "full_name": name,
            "birth": birth,
            "gender": gender,
            "id_number": id_number,
            "card_no": card_no,
            "nationality": nationality,
            "contract_months": contract,
            "has_application": application or None,
        }
        if rw.write(
            P,
            records.admit_member,
            actor=user,
            done=t("members.admitted", name=name.strip()),
            values=values,
            union_id=union_id,
            on=on,
        ):
            rw.forget(LIST)
            st.rerun()


st.title(t("members.heading"), anchor=False)
rw.show_flash(P)
member_filter = pick_filter()
result = rw.load_page("members", LIST, records.search_members, member_filter)
rw.pager("members", result.total, noun_key="members.noun")
draw_table(result, member_filter)
if CAN_EDIT:
    admit_form()
st.divider()
picked = pick_member(result.rows)
if picked is not None:
    draw_detail(picked)
