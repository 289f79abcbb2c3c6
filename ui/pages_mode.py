"""Leaving Streamlit's legacy pages-directory mode, with its public API only.

An entry file with a `pages/` folder beside it starts a Streamlit server in the legacy multipage mode:
until the first `st.navigation` call in the process, a run does not execute app.py but Streamlit's
own menu of raw file names, and a page URL runs that file of pages/ directly, outside app.py. Widgets
drawn in such a run belong to another page than in the next, normal run, so a login typed there is
lost. Streamlit has no setting for this (its advice is to rename the folder, which this project keeps);
its one public lever is `st.navigation` itself, whose first call ends the mode for the whole process.

So the first run of every session, whichever file it starts in, draws nothing: it calls
`st.navigation` over every page (hidden) and runs again. By then the process has left the mode, and
it never returns to it. tests/test_pages_mode.py fails the day a Streamlit upgrade changes this.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import streamlit as st
from streamlit.navigation.page import StreamlitPage

SETTLED_KEY = "router.settled"


def settle(every_page: Callable[[], Mapping[str, Sequence[StreamlitPage]]]) -> None:
    """On the first run of a session: leave the legacy mode and run again; later runs: nothing."""
    if st.session_state.get(SETTLED_KEY):
        return
    st.session_state[SETTLED_KEY] = True
    # Every page, so the address asked for is found (no "page not found") and kept for the rerun.
    st.navigation(dict(every_page()), position="hidden")
    st.rerun()
