"""Tài khoản (admin): who may use the app and as what — create an account (its one-time password
is shown once), change a role, disable or enable, reset a password, lift a lock."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import accounts
from core.formatting import fmt_datetime
from core.models import Role, utcnow
from core.strings import t
from ui import auth
from ui import records_widgets as rw

user = auth.require_role("admin")
P = "admin_users"
LIST = "admin_users.rows"
ROLES = [r.value for r in Role]
PASSWORD_KEY = "admin_users.password"


def load_users() -> list[dict]:
    def load(session) -> list[dict]:
        return [
            {
                "id": u.id,
                "username": u.username,
                "full_name": u.full_name,
                "role": u.role,
                "disabled": u.disabled,
                "locked_until": u.locked_until,
                "must_change_password": u.must_change_password,
                "last_login_at": u.last_login_at,
                "version": u.version,
            }
            for u in accounts.list_users(session)
        ]

    return rw.held(LIST, "all", lambda: rw.read(load), table=True)


def users_table(rows: list[dict]) -> pd.DataFrame:
    now = utcnow()
    return pd.DataFrame(
        {
            t("field.username"): [r["username"] for r in rows],
            t("field.full_name"): [r["full_name"] or "" for r in rows],
            t("field.role"): [t(f"role.{r['role']}") for r in rows],
            t("admin_users.state"): [state_of(r, now) for r in rows],
            t("admin_users.last_login"): [fmt_datetime(r["last_login_at"]) for r in rows],
        },
        dtype=object,
    )


def state_of(row: dict, now) -> str:
    if row["disabled"]:
        return t("admin_users.disabled")
    if row["locked_until"] and row["locked_until"] > now:
        return t("admin_users.locked", until=fmt_datetime(row["locked_until"]))
    if row["must_change_password"]:
        return t("admin_users.must_change")
    return t("admin_users.active")


def show_password_once() -> None:
    shown = st.session_state.pop(PASSWORD_KEY, None)
    if shown:
        name, password = shown
        st.warning(t("admin_users.password_once", name=name), icon=":material/key:")
        st.code(password, language=None)


def after(done: str) -> None:
    rw.flash(P, done)
    rw.forget(LIST)
    st.rerun()


def create_form() -> None:
    with st.expander(t("admin_users.create_heading"), icon=":material/person_add:"):
        with st.form("admin_users.create_form", clear_on_submit=True):
            username = st.text_input(t("field.username"), help=t("admin_users.username_help"))
            full_name = st.text_input(t("field.full_name"))
            role = st.selectbox(t("field.role"), ROLES, format_func=lambda r: t(f"role.{r}"))
            submitted = st.form_submit_button(t("admin_users.create"), type="primary")
        if not submitted:
            return
        result, refused = rw.run_write(
            accounts.create_account, actor=user, username=username, role=role, full_name=full_name
        )
        if refused:
            st.error(refused)
            return
        _, password = result
        st.session_state[PASSWORD_KEY] = (username.strip(), password)
        after(t("admin_users.created", name=username.strip()))


def manage(row: dict) -> None:
    st.subheader(row["username"], anchor=False)
    common = {"user_id": row["id"]}
    role_col, state_col = st.columns(2)
    with role_col, st.form("admin_users.role_form"):
        role = st.selectbox(
            t("field.role"),
            ROLES,
            index=ROLES.index(row["role"]),
            format_func=lambda r: t(f"role.{r}"),
        )
        if st.form_submit_button(t("admin_users.change_role")):
            if rw.write(
                P,
                accounts.set_role,
                actor=user,
                done=t("records.saved"),
                role=role,
                expected_version=row["version"],
                **common,
            ):
                rw.forget(LIST)
                st.rerun()
    with state_col:
        label = "admin_users.enable" if row["disabled"] else "admin_users.disable"
        if st.button(t(label), key="admin_users.toggle"):
            if rw.write(
                P,
                accounts.set_disabled,
                actor=user,
                done=t("records.saved"),
                disabled=not row["disabled"],
                expected_version=row["version"],
                **common,
            ):
                rw.forget(LIST)
                st.rerun()
        if row["locked_until"] and row["locked_until"] > utcnow():
            if st.button(t("admin_users.unlock"), key="admin_users.unlock"):
                if rw.write(
                    P,
                    accounts.unlock,
                    actor=user,
                    done=t("records.saved"),
                    expected_version=row["version"],
                    **common,
                ):
                    rw.forget(LIST)
                    st.rerun()
        if st.button(t("admin_users.reset_password"), key="admin_users.reset"):
            password, refused = rw.run_write(
                accounts.reset_password, actor=user, expected_version=row["version"], **common
            )
            if refused:
                st.error(refused)
            else:
                st.session_state[PASSWORD_KEY] = (row["username"], password)
                after(t("admin_users.password_reset", name=row["username"]))


st.title(t("admin_users.heading"), anchor=False)
rw.show_flash(P)
show_password_once()
rows = load_users()
st.dataframe(users_table(rows), hide_index=True, width="stretch")
create_form()
st.divider()
by_id = {r["id"]: r for r in rows}
picked = st.selectbox(
    t("admin_users.pick"),
    [None, *by_id],
    format_func=lambda i: t("members.pick_none") if i is None else by_id[i]["username"],
    key="admin_users.pick",
)
if picked is not None:
    manage(by_id[picked])
