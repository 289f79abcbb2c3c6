"""Who is using the app: the login form, the session and its idle expiry, the account sidebar.

The login lives in `st.session_state` (server side): the user name and when they were last seen.
It is also a login session in the database whose token the browser keeps in a cookie
(core/login_sessions.py), so a reload, a second tab or a dropped connection does not ask for the
password again while the session is valid. Each run re-reads the account from the database, so a
disabled account or a changed role applies at the next click. Pages call `require_role("staff")` (or "viewer"/"admin") at their top: it returns
the user or stops the page with a Vietnamese message. Writes check the role again in core/.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from core import access, accounts, db, login_sessions
from core import auth as core_auth
from core.login_sessions import State
from core.models import Role, utcnow
from core.strings import t
from ui.navigation import PageEntry, ensure_router

# The acting user; the name pages have used since the foundation.
CurrentUser = access.Actor

USER_KEY = "auth.user"  # user name of the login
SEEN_KEY = "auth.seen"  # aware datetime of the last page load
PENDING_KEY = "auth.pending"  # user name that must change its one-time password first
NOTICE_KEY = "auth.notice"  # catalogue key shown once on the login form
TOKEN_KEY = "auth.token"  # token of this login's session in the database (and the cookie)
ENDED_KEY = "auth.ended"  # tokens this connection ended or found ended: never used again here
OIDC_OFF_KEY = "auth.oidc_off"  # after a logout: no automatic provider login until its button


def _stop_on_db_error(error: SQLAlchemyError) -> None:
    st.error(t("common.db_unavailable"))
    st.caption(type(error).__name__)
    st.stop()


def oidc_providers() -> list[str | None]:
    """OpenID Connect providers configured in .streamlit/secrets.toml `[auth]` (None = default)."""
    try:
        if not st.secrets.load_if_toml_exists() or "auth" not in st.secrets:
            return []
        section = st.secrets["auth"]
    except (FileNotFoundError, KeyError):
        return []
    providers: list[str | None] = []
    if "client_id" in section:
        providers.append(None)
    providers += [
        name for name, value in section.items() if hasattr(value, "get") and "client_id" in value
    ]
    return providers


def _oidc_email() -> str | None:
    if not oidc_providers():
        return None
    try:
        if not st.user.is_logged_in or st.user.get("email_verified") is False:
            return None
        return str(st.user.get("email") or "") or None
    except (AttributeError, KeyError):
        return None


def _sign_in(actor: access.Actor, *, token: str | None = None) -> None:
    """Log `actor` in for this connection. Without `token` (a login with the form or a provider) a
    new login session starts and its cookie is written at the next run."""
    state = st.session_state
    if token is None:
        try:
            with db.session_scope() as session:
                token = login_sessions.start(session, username=actor.username)
        except SQLAlchemyError as error:
            _stop_on_db_error(error)
    state[TOKEN_KEY] = token
    state[USER_KEY] = actor.username
    state[SEEN_KEY] = utcnow()
    state.pop(PENDING_KEY, None)


def sign_out(
    notice: str | None = None, reason: login_sessions.EndReason = login_sessions.EndReason.logout
) -> None:
    """Log out this connection, end its login session and have the browser forget the cookie
    (if it still holds that session: another tab may have logged in since)."""
    state = st.session_state
    token = state.pop(TOKEN_KEY, None)
    if token:
        try:
            with db.session_scope() as session:
                login_sessions.end(session, token, reason=reason)
        except SQLAlchemyError:
            pass  # the cookie is cleared anyway; the session ends by itself when idle
    _forget(token, _cookie_token())
    for key in (USER_KEY, SEEN_KEY, PENDING_KEY):
        state.pop(key, None)
    state[OIDC_OFF_KEY] = True  # a provider login of another tab must not log this one back in
    if notice:
        state[NOTICE_KEY] = notice


def _forget(*tokens: str | None) -> None:
    ended = st.session_state.setdefault(ENDED_KEY, [])
    ended.extend(token for token in tokens if token and token not in ended)


def _cookie_token() -> str | None:
    try:
        value = st.context.cookies.get(login_sessions.COOKIE)
    except (AttributeError, RuntimeError):  # no browser connection
        return None
    return value if isinstance(value, str) and value else None  # AppTest has no real cookies


def _resume_from_cookie() -> access.Actor | None:
    """The user of a valid login-session cookie brought by this connection, or None."""
    token = _cookie_token()
    if token is None or token in st.session_state.get(ENDED_KEY, ()):
        return None  # no cookie, or one this connection has already logged out of
    try:
        with db.session_scope() as session:
            actor = login_sessions.resume(session, token)
    except SQLAlchemyError as error:
        _stop_on_db_error(error)
    if actor is None:
        _forget(token)  # ended or expired: the browser forgets it
        return None
    _sign_in(actor, token=token)
    return actor


def write_cookie() -> None:
    """Keep the browser's login cookie in step with this connection.

    Streamlit cannot set a cookie from the server, so a one-line script does it in the page, on
    every run (the same script again changes nothing; sent once, it could be lost if a click
    interrupted the run). Logged in: the cookie holds this session's token. Logged out: the cookie
    is cleared only while it still holds a session this connection ended, so a login made since in
    another tab stays. Tokens are 43 URL-safe characters; the cookie is SameSite=Strict, Secure
    over https."""
    state = st.session_state
    token = state.get(TOKEN_KEY)
    attributes = "'; Path=/; SameSite=Strict' + (location.protocol === 'https:' ? '; Secure' : '')"
    if token:
        max_age = login_sessions.COOKIE_MAX_AGE_DAYS * 86400
        script = (
            f"document.cookie = {json.dumps(login_sessions.COOKIE + '=' + token)}"
            f" + '; Max-Age={max_age}' + {attributes};"
        )
    elif state.get(ENDED_KEY):
        held = json.dumps([f"{login_sessions.COOKIE}={t}" for t in state[ENDED_KEY]])
        script = (
            f"if (document.cookie.split('; ').some(c => {held}.includes(c)))"
            f" document.cookie = {json.dumps(login_sessions.COOKIE + '=')}"
            f" + '; Max-Age=0' + {attributes};"
        )
    else:
        return
    st.html(f"<script>{script}</script>", unsafe_allow_javascript=True)


def current_user() -> CurrentUser | None:
    """The logged-in user, or None (not logged in, idle too long, disabled, password to change)."""
    state = st.session_state
    username = state.get(USER_KEY)
    if username is None and PENDING_KEY not in state:
        resumed = _resume_from_cookie()
        if resumed is not None:
            return resumed
    if username is None:
        email = None if state.get(OIDC_OFF_KEY) else _oidc_email()
        if email is None:
            return None
        try:
            with db.session_scope() as session:
                outcome = core_auth.login_for_identity(session, email=email)
        except SQLAlchemyError as error:
            _stop_on_db_error(error)
        if not outcome.ok or outcome.actor is None:
            state[NOTICE_KEY] = outcome.error
            return None
        _sign_in(outcome.actor)
        return outcome.actor
    now = utcnow()
    token = state.get(TOKEN_KEY)
    # With a login session, idleness is the session's (any tab's use counts); without one (a
    # session seeded by tests), this connection's own.
    idle = token is None and login_sessions.session_expired(state.get(SEEN_KEY), now)
    if not idle:
        try:
            with db.session_scope() as session:
                actor = accounts.load_actor(session, username)
                shared = (
                    State.open if token is None else login_sessions.touch(session, token, now=now)
                )
        except SQLAlchemyError as error:
            _stop_on_db_error(error)
        idle = shared == State.idle
    if idle:
        sign_out("auth.expired", reason=login_sessions.EndReason.idle)
        if _oidc_email() is not None:
            st.logout()  # else the provider's cookie would log the user straight back in
        return None
    if actor is None:
        sign_out("auth.account_gone", reason=login_sessions.EndReason.disabled)
        return None
    if shared == State.ended:  # logged out in another tab, or the password changed
        sign_out("auth.session_ended")
        return None
    state[SEEN_KEY] = now
    return actor


def require_role(min_role: str) -> CurrentUser:
    """Call first on every page: the user if their role may open it, else stop with a message.

    It also draws the account box in the sidebar (log out, change password). A page reached without
    the router's gate (a page URL opened first thing after a restart) shows the login form here.
    """
    ensure_router()
    user = current_user()
    if user is None:
        login_page()
        st.stop()
    account_sidebar(user)
    if not user.can(min_role):
        st.error(t("auth.page_denied", role=t(f"role.{min_role}")))
        st.stop()
    return user


def denied_page(entry: PageEntry) -> Callable[[], None]:
    """The page drawn at the address of a page the user's role may not open."""

    def draw() -> None:
        st.title(t(entry.title_key), anchor=False)
        require_role(entry.min_role)

    return draw


def _login_form() -> None:
    with st.form("auth.login_form"):
        username = st.text_input(t("auth.username"), key="auth.login_name")
        password = st.text_input(
            t("auth.password"),
            type="password",
            key="auth.login_password",
            autocomplete="current-password",
        )
        submitted = st.form_submit_button(t("auth.login"), type="primary")
    if not submitted:
        return
    try:
        with db.session_scope() as session:
            outcome = core_auth.attempt_login(session, username=username, password=password)
    except SQLAlchemyError as error:
        _stop_on_db_error(error)
    if not outcome.ok or outcome.actor is None:
        st.error(outcome.message())
        return
    if outcome.must_change_password:
        st.session_state[PENDING_KEY] = outcome.actor.username
    else:
        _sign_in(outcome.actor)
    st.rerun()


def _oidc_buttons() -> None:
    from streamlit.errors import StreamlitAuthError, StreamlitMissingAuthlibError

    providers = oidc_providers()
    if not providers:
        return
    st.caption(t("auth.or"))
    for provider in providers:
        label = t("auth.oidc_login", provider=provider or t("auth.oidc_default"))
        if st.button(label, key=f"auth.oidc.{provider or 'default'}"):
            st.session_state.pop(NOTICE_KEY, None)
            st.session_state.pop(OIDC_OFF_KEY, None)
            try:
                st.login(provider) if provider else st.login()
            except (StreamlitAuthError, StreamlitMissingAuthlibError) as error:
                st.error(t("auth.oidc_unavailable", detail=type(error).__name__))


def _forced_change_form(username: str) -> None:
    st.info(t("auth.must_change", name=username))
    with st.form("auth.forced_change_form"):
        old = st.text_input(t("auth.one_time_password"), type="password", key="auth.forced_old")
        new = st.text_input(t("auth.new_password"), type="password", key="auth.forced_new")
        again = st.text_input(
            t("auth.new_password_again"), type="password", key="auth.forced_again"
        )
        submitted = st.form_submit_button(t("auth.change_password"), type="primary")
    if st.button(t("auth.cancel"), key="auth.forced_cancel"):
        sign_out()
        st.rerun()
    if not submitted:
        return
    if new != again:
        st.error(t("auth.passwords_differ"))
        return
    actor = access.Actor(username=username, role=Role.viewer)
    try:
        with db.session_scope() as session:
            accounts.change_password(session, actor=actor, old_password=old, new_password=new)
    except access.AccessError as error:
        st.error(error.message())
        return
    except SQLAlchemyError as error:
        _stop_on_db_error(error)
    _sign_in(actor)
    st.session_state[NOTICE_KEY] = "auth.password_changed"
    st.rerun()


def login_page() -> None:
    """The Vietnamese login form (or the forced password change after a one-time password)."""
    write_cookie()
    st.title(t("app.title"))
    st.caption(t("app.federation"))
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice == "auth.password_changed":
        st.success(t(notice))
    elif notice:
        st.warning(t(notice))
    pending = st.session_state.get(PENDING_KEY)
    if pending:
        _forced_change_form(pending)
        return
    st.subheader(t("auth.login_heading"))
    _login_form()
    _oidc_buttons()


def account_sidebar(user: CurrentUser) -> None:
    """Who is logged in, change password, log out: drawn in the sidebar by `require_role`."""
    with st.sidebar:
        st.caption(
            t(
                "auth.signed_in_as",
                name=user.full_name or user.username,
                role=t(f"role.{user.role}"),
            )
        )
        with st.expander(t("auth.change_password")):
            with st.form("auth.change_form", clear_on_submit=True):
                old = st.text_input(t("auth.old_password"), type="password", key="auth.old")
                new = st.text_input(t("auth.new_password"), type="password", key="auth.new")
                again = st.text_input(
                    t("auth.new_password_again"), type="password", key="auth.again"
                )
                submitted = st.form_submit_button(t("auth.change_password"))
            if submitted:
                _change_own_password(user, old, new, again)
        if st.button(t("auth.logout"), key="auth.logout", icon=":material/logout:"):
            oidc = _oidc_email() is not None
            sign_out("auth.logged_out")
            if oidc:
                st.logout()
            st.rerun()
        write_cookie()


def _change_own_password(user: CurrentUser, old: str, new: str, again: str) -> None:
    if new != again:
        st.error(t("auth.passwords_differ"))
        return
    try:
        with db.session_scope() as session:
            accounts.change_password(
                session,
                actor=user,
                old_password=old,
                new_password=new,
                keep_token=st.session_state.get(TOKEN_KEY),
            )
    except access.AccessError as error:
        st.error(error.message())
        return
    except SQLAlchemyError as error:
        _stop_on_db_error(error)
    st.success(t("auth.password_changed"))
