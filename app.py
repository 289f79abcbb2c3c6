"""Router: page config, login gate, st.navigation over pages/, nothing else."""

import streamlit as st

from core.strings import t
from ui import auth

st.set_page_config(page_title=t("app.title"), page_icon="📈", layout="wide")

user = auth.current_user()
if user is None:
    auth.login_page()
    st.stop()

pages = {
    t("nav.section.dashboard"): [
        st.Page(
            "pages/overview.py", title=t("nav.overview"), icon=":material/monitoring:", default=True
        ),
    ],
}
st.navigation(pages, position="sidebar").run()
