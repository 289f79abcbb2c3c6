"""Router: page config, login gate, st.navigation over pages/, nothing else."""

import streamlit as st

from core.settings import SettingsError, get_settings
from core.strings import t
from ui import auth, briefing
from ui.navigation import ensure_router, menu

ensure_router()
st.set_page_config(page_title=t("app.title"), page_icon="📈", layout="wide")
try:
    get_settings()
except SettingsError as error:  # a bad setting stops the app with its name, not a traceback
    st.error(t("common.bad_setting", problem=str(error)))
    st.stop()

# A view-only display link (/?display=<token>) opens the briefing display alone, without a login.
if display_token := briefing.link_requested():
    briefing.serve_link(display_token)
    st.stop()

user = auth.current_user()
if user is None:
    # Logged out (or never in): no menu, not even the one of the login that just ended, and the
    # page asked for (its URL) shows the login form through its own `require_role`, then opens.
    st.navigation(menu(None, auth.denied_page), position="hidden").run()
    st.stop()
# expanded: every page stays listed; folding hides the admin pages behind an English "View more".
st.navigation(menu(user.role, auth.denied_page), position="sidebar", expanded=True).run()
