"""The briefing display on screen: full-screen slides that rotate and refresh themselves.

One fragment runs every DISPLAY_REFRESH_SECONDS: it reads the data version (one tiny query), takes the
quarter's figures from the cache (recomputed only when the data changed) and draws the current slide;
when not paused it moves on to the next slide once the current one has been shown for a full period.
Previous / pause / next are buttons (keys ←, Space, →) floating over the footer, with the quarter.

Opened with a view-only link (`/?display=<token>`), the link is checked again at every refresh: a
revoked or expired link turns the screen into a plain message at the next refresh. Whoever holds a
link is not known to us, so its screen shows figures and names no person; a logged-in viewer on the
display page sees the names the overview already shows them.
"""

from __future__ import annotations

import datetime as dt
import time

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from core import briefing, db, display_links, settings
from core.formatting import now_local, today_local
from core.metrics import NoPlan
from core.quarters import quarter_label
from core.strings import language, t
from ui import briefing_data as bd
from ui import data, slides

SLIDE_KEY = "display_slide"
SHOWN_AT_KEY = "display_shown_at"
PAUSED_KEY = "display_paused"
PERIOD_KEY = "display_period"
LAST_KEY = "display_last_html"  # the last slide drawn, kept on screen if the database goes away
CACHE_ENTRIES = 24


def refresh_seconds() -> int:
    return settings.get_settings().display_refresh_seconds


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def figures(
    url: str, year: int, quarter: int | None, version: int, today: dt.date
) -> briefing.BriefingFigures:
    with Session(db.get_engine(), expire_on_commit=False) as session:
        return briefing.figures(session, year=year, quarter=quarter, today=today)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def chart_svgs(
    url: str, year: int, quarter: int | None, version: int, today: dt.date, slide: str, lang: str
) -> dict[str, str]:
    return slides.chart_svgs(figures(url, year, quarter, version, today), slide)


def link_check(token: str) -> display_links.LinkCheck:
    with db.session_scope() as session:
        return display_links.check(session, token)


def _go(step: int) -> None:
    state = st.session_state
    state[SLIDE_KEY] = (state.get(SLIDE_KEY, 0) + step) % len(briefing.SLIDES)
    state[SHOWN_AT_KEY] = time.monotonic()


def _toggle_pause() -> None:
    state = st.session_state
    state[PAUSED_KEY] = not state.get(PAUSED_KEY, False)
    state[SHOWN_AT_KEY] = time.monotonic()


def _advance_if_due(period: int) -> None:
    """Move to the next slide when the current one has had its full period on screen."""
    state = st.session_state
    now = time.monotonic()
    if SLIDE_KEY not in state:
        state[SLIDE_KEY] = 0
        state[SHOWN_AT_KEY] = now
        return
    if not state.get(PAUSED_KEY, False) and now - state.get(SHOWN_AT_KEY, now) >= period - 0.5:
        state[SLIDE_KEY] = (state[SLIDE_KEY] + 1) % len(briefing.SLIDES)
        state[SHOWN_AT_KEY] = now


def controls(options: list[tuple[int, int | None]], *, allow_exit: bool) -> tuple[int, int | None]:
    """Previous / pause / next, the quarter, and (for a logged-in user) the way out."""
    paused = st.session_state.get(PAUSED_KEY, False)
    with st.container(key="display_controls", horizontal=True):
        st.button(
            "◀",
            key="display_previous",
            on_click=_go,
            args=(-1,),
            help=t("briefing.control.previous"),
            shortcut="Left",
        )
        st.button(
            "▶ " + t("briefing.control.play") if paused else "❚❚ " + t("briefing.control.pause"),
            key="display_pause",
            on_click=_toggle_pause,
            help=t("briefing.control.pause_help"),
            shortcut="Space",
        )
        st.button(
            "▶",
            key="display_next",
            on_click=_go,
            args=(1,),
            help=t("briefing.control.next"),
            shortcut="Right",
        )
        if st.session_state.get(PERIOD_KEY) not in options:
            st.session_state[PERIOD_KEY] = options[bd.default_period(options)]
        period = st.selectbox(
            t("briefing.control.quarter"),
            options,
            format_func=lambda option: quarter_label(*option),
            key=PERIOD_KEY,
            label_visibility="collapsed",
        )
        if allow_exit and st.button(t("briefing.control.exit"), key="display_exit", shortcut="Esc"):
            st.switch_page("pages/overview.py")
    return period


def show(*, token: str | None = None, allow_exit: bool = False) -> None:
    """Draw the display. With `token`, only while that view-only link is valid."""
    st.html(slides.CSS)
    period_seconds = refresh_seconds()

    @st.fragment(run_every=period_seconds)
    def screen() -> None:
        try:
            draw_screen(token=token, allow_exit=allow_exit, period_seconds=period_seconds)
        except SQLAlchemyError:
            # The database is away (restarting, network): keep the last slide on the TV with a
            # line saying so, and try again at the next refresh.
            last = st.session_state.get(LAST_KEY)
            st.html(last or slides.message(t("common.db_unavailable")))
            if last:
                st.html(slides.offline_banner(t("briefing.offline")))

    screen()


def draw_screen(*, token: str | None, allow_exit: bool, period_seconds: int) -> None:
    if token is not None:
        check = link_check(token)
        if not check.ok:
            st.session_state.pop(LAST_KEY, None)
            st.html(
                slides.message(
                    t(f"display_link.refused.{check.status}"),
                    t("display_link.refused.detail"),
                )
            )
            return
    version = data.data_version()
    url = data.database_url()
    years = data.plan_years(url, version)
    options = bd.period_options(years)
    if not options:
        st.html(slides.message(t("common.no_plan")))
        return
    _advance_if_due(period_seconds)
    slide = briefing.SLIDES[st.session_state[SLIDE_KEY]]
    # A container, not st.empty(): at each refresh an empty placeholder would replace the slide
    # until the new one is drawn, and the TV would blink every period. A container keeps the old
    # slide on screen until the new one takes its place.
    placeholder = st.container()
    year, quarter = controls(options, allow_exit=allow_exit)
    today = today_local()
    try:
        current = figures(url, year, quarter, version, today)
    except NoPlan:
        placeholder.html(slides.message(t("common.no_plan")))
        return
    svgs = chart_svgs(url, year, quarter, version, today, slide, language())
    paused = st.session_state.get(PAUSED_KEY, False)
    note = t("briefing.paused") if paused else t("briefing.rotating", seconds=period_seconds)
    html = slides.frame(
        current,
        slide,
        svgs,
        federation=t("briefing.federation"),
        refreshed_at=now_local(),
        footer_note=note,
        names=token is None,
    )
    st.session_state[LAST_KEY] = html
    placeholder.html(html)


def link_requested() -> str | None:
    """The token of a view-only link in the URL (`?display=...`), if any."""
    token = st.query_params.get(display_links.QUERY_PARAM)
    return token or None


def serve_link(token: str) -> None:
    """The whole app for a view-only link: the display and nothing else, no login."""

    def briefing_display() -> None:
        show(token=token)

    st.navigation(
        [st.Page(briefing_display, title=t("nav.display"), url_path="briefing", default=True)],
        position="hidden",
    ).run()
