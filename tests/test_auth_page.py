"""The login gate as a user meets it (AppTest): the Vietnamese form, the lock, the forced password
change, idle expiry, a disabled account, logging out, and each role's pages."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from core import db, login_sessions, users
from core.models import AppUser, LoginSession, utcnow
from core.strings import t
from tests.login import ensure_user, login_as
from ui import auth as ui_auth
from ui.auth import SEEN_KEY, TOKEN_KEY, USER_KEY
from ui.navigation import PAGES, allowed

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


def app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def login(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="auth.login_name").input(name)
    at.text_input(key="auth.login_password").input(password)
    return at.button[0].click().run()


def signed_in_caption(at: AppTest) -> list[str]:
    return [c.value for c in at.sidebar.caption if c.value.startswith("Đang đăng nhập")]


def test_the_login_form_speaks_vietnamese(db_env):
    at = app().run()
    assert [x.value for x in at.title] == ["Theo dõi phát triển đoàn viên"]
    assert [w.label for w in at.text_input] == ["Tên đăng nhập", "Mật khẩu"]
    assert [b.label for b in at.button] == ["Đăng nhập"]
    assert not signed_in_caption(at)


def test_a_right_password_opens_the_app(db_env):
    ensure_user("lan", "staff", "mat-khau-dung")
    at = login(app().run(), "lan", "mat-khau-dung")
    assert not at.exception
    assert signed_in_caption(at) == ["Đang đăng nhập: lan — Cán bộ chuyên trách"]
    assert at.session_state[USER_KEY] == "lan"


def test_five_wrong_passwords_lock_the_account_without_saying_so(db_env):
    ensure_user("lan", "staff", "mat-khau-dung")
    at = app().run()
    refused = t("auth.bad_credentials")
    for _ in range(5):
        login(at, "lan", "sai")
        assert [e.value for e in at.error] == [refused]
    # Locked: even the right password gets the answer an unknown name gets.
    login(at, "lan", "mat-khau-dung")
    assert [e.value for e in at.error] == [refused]
    assert not signed_in_caption(at)
    login(at, "nobody", "mat-khau-dung")
    assert [e.value for e in at.error] == [refused]


def test_a_one_time_password_must_be_changed_first(db_env):
    with db.session_scope() as session:
        users.create_user(
            session,
            username="admin",
            role="admin",
            password="mot-lan-thoi-1",
            by_user="make run",
            must_change_password=True,
        )
    at = login(app().run(), "admin", "mot-lan-thoi-1")
    assert at.info[0].value == (
        "Tài khoản «admin» đang dùng mật khẩu một lần. Hãy đặt mật khẩu mới để tiếp tục."
    )
    assert not signed_in_caption(at)
    at.text_input(key="auth.forced_old").input("mot-lan-thoi-1")
    at.text_input(key="auth.forced_new").input("mat-khau-moi-2025")
    at.text_input(key="auth.forced_again").input("mat-khau-khac-2025")
    at.button[0].click().run()
    assert [e.value for e in at.error] == [t("auth.passwords_differ")]
    at.text_input(key="auth.forced_again").input("mat-khau-moi-2025")
    at.button[0].click().run()
    assert signed_in_caption(at) == ["Đang đăng nhập: admin — Quản trị viên"]
    with db.session_scope() as session:
        user = session.exec(select(AppUser)).one()
        assert user.must_change_password is False
        assert users.verify_password(user.password_hash, "mat-khau-moi-2025")


def test_an_idle_session_expires(db_env, monkeypatch):
    monkeypatch.setenv("SESSION_IDLE_HOURS", "8")
    at = app()
    login_as(at, "lan", "staff")
    at.run()
    assert signed_in_caption(at)
    at.session_state[SEEN_KEY] = utcnow() - dt.timedelta(hours=8, minutes=1)
    at.run()
    assert not signed_in_caption(at)
    assert [w.value for w in at.warning] == [
        "Phiên làm việc đã hết hạn do không hoạt động. Vui lòng đăng nhập lại."
    ]
    assert USER_KEY not in at.session_state


def test_each_page_load_counts_as_activity(db_env):
    at = app()
    login_as(at, "lan", "staff")
    at.session_state[SEEN_KEY] = utcnow() - dt.timedelta(hours=7)
    at.run()
    assert utcnow() - at.session_state[SEEN_KEY] < dt.timedelta(minutes=1)


def test_a_disabled_account_is_logged_out_at_its_next_click(db_env):
    at = app()
    login_as(at, "lan", "staff")
    at.run()
    with db.session_scope() as session:
        session.exec(select(AppUser).where(AppUser.username == "lan")).one().disabled = True
    at.run()
    assert not signed_in_caption(at)
    assert [w.value for w in at.warning] == [
        "Tài khoản không còn hoạt động. Vui lòng liên hệ quản trị viên."
    ]


def test_log_out(db_env):
    at = app()
    login_as(at, "lan", "staff")
    at.run()
    at.sidebar.button(key="auth.logout").click().run()
    assert not signed_in_caption(at)
    assert [w.value for w in at.warning] == ["Đã đăng xuất."]


def test_change_password_from_the_sidebar(db_env):
    at = app()
    login_as(at, "lan", "staff")
    ensure_user("lan", "staff", "mat-khau-dung")
    at.run()
    at.sidebar.text_input(key="auth.old").input("mat-khau-dung")
    at.sidebar.text_input(key="auth.new").input("mat-khau-moi-2025")
    at.sidebar.text_input(key="auth.again").input("mat-khau-moi-2025")
    at.sidebar.button[0].click().run()
    assert [s.value for s in at.sidebar.success] == ["Đã đổi mật khẩu."]
    with db.session_scope() as session:
        user = session.exec(select(AppUser).where(AppUser.username == "lan")).one()
        assert users.verify_password(user.password_hash, "mat-khau-moi-2025")


ADMIN_PAGES = {"admin_users", "admin_targets", "admin_units", "admin_audit", "admin_backup"}


@pytest.mark.parametrize("role", ["viewer", "staff", "admin"])
def test_each_role_is_offered_only_its_pages(role):
    offered = {Path(e.path).stem for e in PAGES if allowed(role, e)}
    assert ADMIN_PAGES <= offered if role == "admin" else not (ADMIN_PAGES & offered)
    assert {"members", "enterprises", "unions"} <= offered
    if role == "viewer":
        assert "upload" not in offered


@pytest.mark.parametrize("page", sorted(ADMIN_PAGES))
@pytest.mark.parametrize("role", ["viewer", "staff"])
def test_an_admin_page_refuses_a_lower_role_itself(db_env, page, role):
    """Even opened directly (not through the menu), the page checks the role on the server."""
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=60)
    login_as(at, "someone", role)
    at.run()
    assert [e.value for e in at.error] == [t("auth.page_denied", role=t("role.admin"))]
    assert [x.value for x in at.title] == []


def test_a_page_opened_without_a_login_shows_the_login_form(db_env):
    at = AppTest.from_file(str(ROOT / "pages" / "members.py"), default_timeout=60).run()
    assert [x.value for x in at.title] == ["Theo dõi phát triển đoàn viên"]
    assert [w.label for w in at.text_input] == ["Tên đăng nhập", "Mật khẩu"]


def test_an_openid_connect_provider_is_offered_beside_the_password(db_env):
    at = app()
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "union-tracker",
        "client_secret": "secret",
        "server_metadata_url": "https://accounts.google.com/.well-known/openid-configuration",
        "microsoft": {"client_id": "m", "client_secret": "s", "server_metadata_url": "https://x"},
    }
    at.run()
    assert [b.label for b in at.button] == [
        "Đăng nhập",
        "Đăng nhập qua tài khoản tổ chức",
        "Đăng nhập qua microsoft",
    ]


# ---------------------------------------------------------------- a login that survives a reload


def cookie_writes(at: AppTest) -> list[tuple[str, object]]:
    """What the page's scripts do to the login cookie: ("set", token) or ("clear if", [tokens])."""
    writes = []
    for element in at.get("html"):
        body = element.proto.body
        if "document.cookie" not in body:
            continue
        if body.startswith("<script>if "):
            held = json.loads(body.split(".some(c => ")[1].split(".includes(c)")[0])
            writes.append(("clear if", [cookie.removeprefix("ugt_session=") for cookie in held]))
        else:
            writes.append(("set", body.split('"ugt_session=')[1].split('"')[0]))
    return writes


def open_sessions(username: str) -> list[LoginSession]:
    with db.session_scope() as session:
        user = session.exec(select(AppUser).where(AppUser.username == username)).one()
        return login_sessions.open_sessions(session, user.id)


def test_logging_in_starts_a_login_session_and_writes_its_cookie(db_env):
    ensure_user("lan", "staff", "mat-khau-dung")
    at = login(app().run(), "lan", "mat-khau-dung")
    token = at.session_state[TOKEN_KEY]
    assert cookie_writes(at) == [("set", token)]
    [stored] = open_sessions("lan")
    assert stored.token_hash == login_sessions.hash_token(token)
    at.run()
    # The same script at every run: one lost to an interrupted run is sent again.
    assert cookie_writes(at) == [("set", token)]


def test_a_new_connection_with_the_cookie_is_logged_in_without_the_form(db_env, monkeypatch):
    ensure_user("lan", "staff", "mat-khau-dung")
    token = login(app().run(), "lan", "mat-khau-dung").session_state[TOKEN_KEY]
    monkeypatch.setattr(ui_auth, "_cookie_token", lambda: token)
    reloaded = app().run()  # F5: a new Streamlit session bringing the cookie
    assert signed_in_caption(reloaded) == ["Đang đăng nhập: lan — Cán bộ chuyên trách"]
    assert reloaded.session_state[TOKEN_KEY] == token
    assert cookie_writes(reloaded) == [("set", token)]
    assert len(open_sessions("lan")) == 1  # the same session, not a new one


def test_after_logging_out_the_cookie_no_longer_logs_in(db_env, monkeypatch):
    ensure_user("lan", "staff", "mat-khau-dung")
    at = login(app().run(), "lan", "mat-khau-dung")
    token = at.session_state[TOKEN_KEY]
    monkeypatch.setattr(ui_auth, "_cookie_token", lambda: token)
    at.sidebar.button(key="auth.logout").click().run()
    assert cookie_writes(at) == [("clear if", [token])]  # the browser forgets it
    assert [w.value for w in at.warning] == ["Đã đăng xuất."]
    at.run()  # the connection still carries the old cookie: it must not log back in
    assert not signed_in_caption(at)
    assert open_sessions("lan") == []
    reloaded = app().run()
    assert not signed_in_caption(reloaded)
    assert [w.label for w in reloaded.text_input] == ["Tên đăng nhập", "Mật khẩu"]


def two_tabs(monkeypatch) -> tuple[AppTest, AppTest, str]:
    """lan logs in in a first tab; a second tab of the same browser brings the cookie."""
    ensure_user("lan", "staff", "mat-khau-dung")
    first = login(app().run(), "lan", "mat-khau-dung")
    token = first.session_state[TOKEN_KEY]
    monkeypatch.setattr(ui_auth, "_cookie_token", lambda: token)
    return first, app().run(), token


def last_used(ago: dt.timedelta) -> None:
    """The (only) login session was last used `ago`."""
    with db.session_scope() as session:
        session.exec(select(LoginSession)).one().last_seen_at = utcnow() - ago


def test_logging_out_in_one_tab_logs_the_other_out_at_its_next_click(db_env, monkeypatch):
    first, second, _ = two_tabs(monkeypatch)
    assert signed_in_caption(second)
    first.sidebar.button(key="auth.logout").click().run()
    second.run()
    assert not signed_in_caption(second)
    assert [w.value for w in second.warning] == [
        "Phiên đăng nhập đã kết thúc: đã đăng xuất ở một thẻ khác hoặc mật khẩu vừa được đổi."
        " Vui lòng đăng nhập lại."
    ]


def test_an_idle_cookie_asks_for_the_password(db_env, monkeypatch):
    monkeypatch.setenv("SESSION_IDLE_HOURS", "8")
    ensure_user("lan", "staff", "mat-khau-dung")
    token = login(app().run(), "lan", "mat-khau-dung").session_state[TOKEN_KEY]
    last_used(dt.timedelta(hours=8, minutes=1))
    monkeypatch.setattr(ui_auth, "_cookie_token", lambda: token)
    reloaded = app().run()
    assert not signed_in_caption(reloaded)
    assert cookie_writes(reloaded) == [("clear if", [token])]
    assert open_sessions("lan") == []


def test_a_tab_left_open_overnight_does_not_log_out_the_tab_in_use(db_env, monkeypatch):
    monkeypatch.setenv("SESSION_IDLE_HOURS", "8")
    old_tab, busy_tab, _ = two_tabs(monkeypatch)
    old_tab.session_state[SEEN_KEY] = utcnow() - dt.timedelta(hours=9)  # untouched since last night
    old_tab.run()
    assert signed_in_caption(old_tab)  # the session was used this morning, in the other tab
    busy_tab.run()
    assert signed_in_caption(busy_tab)
    assert len(open_sessions("lan")) == 1


def test_a_session_no_tab_used_for_the_idle_limit_ends_in_every_tab(db_env, monkeypatch):
    monkeypatch.setenv("SESSION_IDLE_HOURS", "8")
    first, second, _ = two_tabs(monkeypatch)
    last_used(dt.timedelta(hours=8, minutes=1))
    first.run()
    assert [w.value for w in first.warning] == [
        "Phiên làm việc đã hết hạn do không hoạt động. Vui lòng đăng nhập lại."
    ]
    second.run()
    assert not signed_in_caption(second)
    with db.session_scope() as session:
        assert session.exec(select(LoginSession.end_reason)).one() == "idle"


def test_logging_out_clears_the_cookie_only_if_it_still_holds_that_session(db_env, monkeypatch):
    """Two tabs of one browser: X logged in in the first, then Y in the second (the cookie is now
    Y's). X logging out must not clear Y's cookie: the clearing script checks the value first."""
    ensure_user("lan", "staff", "mat-khau-dung")
    ensure_user("hoa", "staff", "mat-khau-hoa")
    lan = login(app().run(), "lan", "mat-khau-dung")
    lan_token = lan.session_state[TOKEN_KEY]
    hoa = login(app().run(), "hoa", "mat-khau-hoa")
    lan.sidebar.button(key="auth.logout").click().run()
    assert cookie_writes(lan) == [("clear if", [lan_token])]
    assert hoa.session_state[TOKEN_KEY] not in cookie_writes(lan)[0][1]


def test_after_a_logout_a_provider_login_of_another_tab_does_not_log_back_in(db_env, monkeypatch):
    ensure_user("lan@ldld.vn", "staff")
    monkeypatch.setattr(ui_auth, "_oidc_email", lambda: "lan@ldld.vn")
    monkeypatch.setattr(ui_auth.st, "logout", lambda: None)
    at = app().run()
    assert signed_in_caption(at)  # logged in through the provider
    at.sidebar.button(key="auth.logout").click().run()
    at.run()
    assert not signed_in_caption(at)
    assert open_sessions("lan@ldld.vn") == []
