"""The briefing display (pages/display.py, ui/briefing.py, ui/slides.py) through AppTest: every slide
draws the figures core computes, the controls move and pause it, the quarter can be chosen, and a
view-only link opens it without a login while a revoked, expired or unknown one is refused."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from streamlit.testing.v1 import AppTest

from core import briefing, charts, db, display_links, metrics
from core.access import Actor
from core.formatting import fmt_date, fmt_int, fmt_pct
from core.ranking import Level, Ranking, RankRow
from core.strings import t
from tests.browser import ROOT
from tests.login import login_as
from ui import slides

ADMIN = Actor(username="admin", role="admin")


def slide_html(at: AppTest) -> str:
    bodies = [html.value for html in at.html if 'class="bd"' in html.value]
    assert len(bodies) == 1, [html.value[:80] for html in at.html]
    return bodies[0]


def slide_name(at: AppTest) -> str:
    return re.search(r'data-slide="([a-z_]+)"', slide_html(at)).group(1)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def open_display() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    login_as(at, "display_viewer", "viewer")
    at.run()
    at.switch_page("pages/display.py").run()
    assert not at.exception, at.exception
    return at


def progress_on(url: str, on: dt.date) -> metrics.Progress:
    with db.session_scope(db.engine_for(url)) as session:
        return metrics.progress(session, year=2025, as_of=on)


def test_every_slide_in_turn_with_its_figures_and_the_as_of_time(demo_url):
    at = open_display()
    seen = []
    for _ in briefing.SLIDES:
        html = slide_html(at)
        text = text_of(html)
        seen.append(slide_name(at))
        assert "Số liệu từ 01/01 đến hết ngày 31/12/2025" in text
        assert re.search(r"Cập nhật lúc \d\d/\d\d/\d{4} \d\d:\d\d", text)
        assert "Giao ban Quý IV/2025".upper() in text.upper()
        at.button(key="display_next").click().run()
        assert not at.exception, at.exception
    assert seen == list(briefing.SLIDES)
    assert slide_name(at) == "targets"  # round again


def test_the_headline_slide_shows_the_progress_figures(demo_url):
    at = open_display()
    p = progress_on(demo_url, dt.date(2025, 12, 31))
    text = text_of(slide_html(at))
    for gauge in charts.gauges(p):
        assert t(f"briefing.gauge.{gauge.key}") in text
        assert gauge.fmt(gauge.actual) in text, gauge.key
        if gauge.target is not None:
            assert f"/ {gauge.fmt(gauge.target)}" in text
    assert fmt_int(2360) == fmt_int(p.net_growth)  # the demo ends 2025 near, not at, 2.500


def test_previous_pause_and_a_chosen_quarter(demo_url):
    at = open_display()
    at.button(key="display_previous").click().run()
    assert slide_name(at) == "quarters"
    at.button(key="display_pause").click().run()
    assert t("briefing.paused") in text_of(slide_html(at))
    assert at.session_state["display_paused"] is True
    # The second quarter: figures to 30/06, and the quarters slide compares Q2 with Q1.
    period = at.selectbox(key="display_period")
    assert period.options == [
        "Quý IV/2025",
        "Quý III/2025",
        "Quý II/2025",
        "Quý I/2025",
    ]
    period.select_index(2).run()
    assert not at.exception, at.exception
    text = text_of(slide_html(at))
    assert "Số liệu từ 01/01 đến hết ngày 30/06/2025" in text
    assert "Quý II so với Quý I" in text
    with db.session_scope(db.engine_for(demo_url)) as session:
        figures = briefing.figures(session, year=2025, quarter=2)
    q1, q2 = figures.quarters
    assert f"Thực tăng {fmt_int(q1.net_growth)} {fmt_int(q2.net_growth)}" in text
    at.button(key="display_next").click().run()
    assert slide_name(at) == "targets"
    p = progress_on(demo_url, dt.date(2025, 6, 30))
    assert fmt_int(p.net_growth) in text_of(slide_html(at))


def view_only(token: str | None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    if token is not None:
        at.query_params[display_links.QUERY_PARAM] = token
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_view_only_link_opens_the_display_without_a_login(demo_url):
    with db.session_scope(db.engine_for(demo_url)) as session:
        _link, token = display_links.create_link(session, actor=ADMIN, label="TV")
    at = view_only(token)
    assert slide_name(at) == "targets"
    assert not at.text_input  # no login form
    # Previous, pause, next: no way out to the rest of the app.
    assert [b.key for b in at.button] == ["display_previous", "display_pause", "display_next"]


def test_a_view_only_link_shows_figures_and_names_no_person(demo_url):
    with db.session_scope(db.engine_for(demo_url)) as session:
        _link, token = display_links.create_link(session, actor=ADMIN, label="TV")
        figures = briefing.figures(session, year=2025, quarter=4)
    idle = figures.duty_slide.idle_members
    assert idle == ["Lê Thị Ngọc"]  # a committee member with no activity in the quarter
    count_line = t("duties.slide_idle", n=fmt_int(len(idle)))

    at = view_only(token)
    at.button(key="display_next").click().run()
    assert slide_name(at) == "duties"
    text = text_of(slide_html(at))
    assert count_line in text
    assert "Lê Thị Ngọc" not in text
    # No slide served through a link names them.
    for slide in briefing.SLIDES:
        html = slides.frame(
            figures,
            slide,
            slides.chart_svgs(figures, slide),
            federation="LĐLĐ",
            refreshed_at=dt.datetime(2026, 1, 5, 8, 0),
            footer_note="",
            names=False,
        )
        assert "Lê Thị Ngọc" not in html, slide

    # A logged-in viewer on the display page still sees who they are.
    at = open_display()
    at.button(key="display_next").click().run()
    assert slide_name(at) == "duties"
    assert f"{count_line}: Lê Thị Ngọc" in text_of(slide_html(at))


@pytest.mark.parametrize("state", ["revoked", "expired", "unknown"])
def test_a_refused_link_shows_a_plain_message(demo_url, state):
    now = dt.datetime.now(dt.UTC)
    with db.session_scope(db.engine_for(demo_url)) as session:
        link, token = display_links.create_link(
            session, actor=ADMIN, label="TV", days=1, now=now - dt.timedelta(days=3)
        )
        if state == "revoked":
            link.expires_at = now + dt.timedelta(days=1)
            display_links.revoke(session, actor=ADMIN, link_id=link.id)
    at = view_only(token if state != "unknown" else "no-such-token")
    bodies = [html.value for html in at.html]
    assert not any('class="bd"' in body for body in bodies)
    message = text_of(" ".join(bodies))
    assert t(f"display_link.refused.{state}") in message
    assert t("display_link.refused.detail") in message
    assert not at.text_input and not at.button


def test_without_a_link_the_login_gate_stays(demo_url):
    at = view_only(None)
    assert at.text_input  # the login form
    assert not any('class="bd"' in html.value for html in at.html)


def _row(rank: int, name: str, pct: float | None, net: int, previous_rank: int) -> RankRow:
    return RankRow(
        id=rank,
        name=name,
        kind="commune",
        members=100,
        admissions=net,
        departures=0,
        net_growth=net,
        new_unions=0,
        target_net_growth=None if pct is None else round(100 * net / pct),
        target_new_unions=None,
        pct_net_growth=pct,
        pct_new_unions=None,
        net_growth_prev=0,
        new_unions_prev=0,
        pct_net_growth_prev=None,
        rank=rank,
        rank_prev=previous_rank,
    )


def test_leader_board_escapes_names_and_marks_changes():
    result = Ranking(
        year=2025,
        level=Level.commune,
        as_of=dt.date(2025, 6, 30),
        previous_end=dt.date(2025, 3, 31),
        rows=[
            _row(1, "<script>alert(1)</script>", 120.0, 60, 3),
            _row(2, "Xã B & C", 40.0, 20, 1),
            _row(3, "Xã D", None, 5, 3),
        ],
    )
    html = slides.leaderboard(result)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Xã B &amp; C" in html
    text = text_of(html)
    assert fmt_pct(120.0) in text and fmt_pct(40.0) in text
    assert "▲ 2" in text and "▼ 1" in text
    # 120 % fills the bar; 40 % of it is a third; the pace by 30/06 is about half the year.
    assert 'style="width:100.0%' in html and 'style="width:33.3%' in html


def test_prospect_names_are_escaped(demo_url):
    with db.session_scope(db.engine_for(demo_url)) as session:
        figures = briefing.figures(session, year=2025, quarter=4)
    card = figures.top_prospects[0]
    figures.top_prospects[0] = type(card)(**{**card.__dict__, "name": '<img src=x onerror="1">'})
    html = slides.slide_organising(figures)
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;1&quot;&gt;" in html
    assert fmt_int(sum(figures.pipeline.values())) in text_of(html)
    assert fmt_date(figures.as_of) == "31/12/2025"


def test_exit_goes_back_to_the_overview(demo_url):
    at = open_display()
    at.button(key="display_exit").click().run()
    assert not at.exception, at.exception
    assert not any('class="bd"' in html.value for html in at.html)
    # The overview's gauges are drawn instead.
    assert t("overview.gauge.net_growth") in [metric.label for metric in at.metric]


def test_when_the_database_goes_away_the_last_slide_stays_with_a_notice(demo_url, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from ui import data

    at = open_display()
    shown = slide_html(at)

    def unreachable() -> int:
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(data, "data_version", unreachable)
    at.run()
    assert not at.exception, at.exception
    assert slide_html(at) == shown
    assert t("briefing.offline") in " ".join(html.value for html in at.html)
    monkeypatch.undo()
    at.run()
    assert t("briefing.offline") not in " ".join(html.value for html in at.html)
