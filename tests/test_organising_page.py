"""The organising board page (pages/organising.py) through AppTest: the pipeline counts, filters,
and the move form only for staff."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core import db, organising
from core.formatting import fmt_int, today_local
from core.strings import t
from tests.browser import ROOT
from tests.login import login_as


def open_board(role: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    login_as(at, f"organising_{role}", role)
    at.run()
    at.switch_page("pages/organising.py").run()
    assert not at.exception, at.exception
    return at


def board(url: str) -> tuple[dict, list]:
    with db.session_scope(db.engine_for(url)) as session:
        today = today_local()
        return organising.stage_counts(session, on=today), organising.board(session, on=today)


def test_a_viewer_sees_the_pipeline_read_only(demo_url):
    counts, cards = board(demo_url)
    at = open_board("viewer")
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics[t("organising.total")] == fmt_int(sum(counts.values()))
    assert metrics[t("organising.stage.none")] == fmt_int(counts[None])
    assert metrics[t("stage.campaigning")] == fmt_int(counts["campaigning"])
    assert t("organising.read_only") in [caption.value for caption in at.caption]
    [frame] = at.dataframe
    assert list(frame.value[t("organising.col.name")]) == [card.name for card in cards]
    assert t("organising.move.submit") not in [button.label for button in at.button]


def test_filters(demo_url):
    _counts, cards = board(demo_url)
    at = open_board("viewer")
    at.selectbox(key="organising_stage").set_value("campaigning").run()
    names = list(at.dataframe[0].value[t("organising.col.name")])
    assert names == [card.name for card in cards if card.stage == "campaigning"]
    at.selectbox(key="organising_stage").set_value("*").run()
    at.text_input(key="organising_search").input(cards[0].tax_code).run()
    assert list(at.dataframe[0].value[t("organising.col.name")]) == [cards[0].name]


def test_staff_are_asked_to_pick_one(demo_url):
    at = open_board("staff")
    assert t("organising.move.pick") in [caption.value for caption in at.caption]
    assert t("organising.read_only") not in [caption.value for caption in at.caption]
