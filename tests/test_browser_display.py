"""The briefing display in Debian's chromium, opened through a view-only link as on the meeting-room
TV: every slide at 1920×1080 and 1280×720 (screenshots in test-artifacts/display-*.png), a write
made during the meeting appears at the next refresh, and revoked or expired links are refused."""

from __future__ import annotations

import datetime as dt

import pytest

from core import briefing, db, demo, display_links, membership
from core.access import Actor
from core.formatting import fmt_int
from core.models import GrassrootsUnion, Member
from core.strings import t
from core.text import unaccent
from tests.browser import chromium_page, require_chromium, streamlit_server, wait_until_idle
from tests.conftest import migrated_url

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REFRESH_SECONDS = 2
ADMIN = Actor(username="admin", role="admin")


@pytest.fixture(scope="module")
def display_db(tmp_root) -> str:
    """A district demo database of its own: this test writes to it."""
    require_chromium()
    url = migrated_url("sqlite", tmp_root, "browser_display")
    with db.session_scope(db.engine_for(url)) as session:
        if demo.is_empty(session):
            demo.seed(session)
    return url


def links(url: str) -> dict[str, str]:
    now = dt.datetime.now(dt.UTC)
    with db.session_scope(db.engine_for(url)) as session:
        _, valid = display_links.create_link(session, actor=ADMIN, label="TV phòng họp")
        revoked_link, revoked = display_links.create_link(session, actor=ADMIN, label="TV cũ")
        display_links.revoke(session, actor=ADMIN, link_id=revoked_link.id)
        _, expired = display_links.create_link(
            session, actor=ADMIN, label="TV mượn", days=1, now=now - dt.timedelta(days=2)
        )
    return {"valid": valid, "revoked": revoked, "expired": expired}


def current_slide(page) -> str:
    return page.locator(".bd").first.get_attribute("data-slide")


def wait_for_slide(page, name: str) -> None:
    page.wait_for_function(
        "name => document.querySelector('.bd') && document.querySelector('.bd').dataset.slide === name",
        arg=name,
    )


def click(page, key: str) -> None:
    page.locator(f".st-key-{key} button").first.click()
    page.mouse.move(1, 1)  # no tooltip over the slide


def layout_problems(page, name: str) -> list[str]:
    """Cards that spill over the footer or out of the screen, and boxes whose text overflows.

    The display reruns every REFRESH_SECONDS and Streamlit replaces the slide's DOM while it does,
    so a measurement that finds no whole slide is taken again rather than read as a failure."""
    for _ in range(20):
        problems = page.evaluate(LAYOUT_CHECK, name)
        if problems is not None:
            return problems
        page.wait_for_timeout(250)
    raise AssertionError(f"slide {name} never stood still long enough to measure")


LAYOUT_CHECK = """name => {
        const problems = [];
        const slide = document.querySelector('.bd');
        if (!slide || slide.dataset.slide !== name) return null;
        const footer = slide.querySelector('.bd-foot');
        if (!footer) return null;
        const foot = footer.getBoundingClientRect();
        if (slide.scrollHeight > window.innerHeight + 1) problems.push('slide taller than screen');
        for (const card of slide.querySelectorAll('.bd-card, .bd-head')) {
            const box = card.getBoundingClientRect();
            if (card.classList.contains('bd-card') && box.bottom > foot.top + 1)
                problems.push('card over footer: ' + card.innerText.slice(0, 40));
            if (box.right > window.innerWidth + 1) problems.push('off screen: ' + card.innerText.slice(0, 40));
            if (card.scrollHeight > card.clientHeight + 2 || card.scrollWidth > card.clientWidth + 2)
                problems.push('overflow: ' + card.innerText.slice(0, 40));
        }
        return problems;
    }"""


COUNT_BLINKS = """() => {
    window.slideMutations = 0;
    window.slideGone = 0;
    new MutationObserver(() => {
        window.slideMutations++;
        if (!document.querySelector('.bd')) window.slideGone++;
    }).observe(document.body, {childList: true, subtree: true});
}"""


def headline_net_growth(page) -> str:
    return page.locator(".bd-gauge .bd-ring-value").first.inner_text()


def admit_members(url: str, count: int, on: dt.date) -> None:
    with db.session_scope(db.engine_for(url)) as session:
        union = session.get(GrassrootsUnion, 1)
        for n in range(count):
            name = f"Đoàn Viên Mới {n + 1}"
            membership.admit_member(
                session=session,
                member=Member(full_name=name, search_name=unaccent(name), gender="female"),
                union_id=union.id,
                on=on,
                by_user="browser-test",
            )


def test_the_display_on_a_tv_through_a_view_only_link(display_db, artifacts):
    tokens = links(display_db)
    env = {"DISPLAY_REFRESH_SECONDS": str(REFRESH_SECONDS)}
    with streamlit_server(display_db, extra_env=env) as base:
        with chromium_page(f"{base}/?display={tokens['valid']}", viewport=(1920, 1080)) as page:
            wait_for_slide(page, "targets")
            wait_until_idle(page)
            click(page, "display_pause")
            page.wait_for_selector(f".bd-foot:has-text('{t('briefing.paused')}')")
            # Every slide, in order, at 1920×1080.
            for number, name in enumerate(briefing.SLIDES, start=1):
                wait_for_slide(page, name)
                page.wait_for_timeout(800)
                assert layout_problems(page, name) == [], name
                assert page.locator("[data-testid=stException]").count() == 0
                page.screenshot(path=artifacts / f"display-{number}-{name}.png")
                click(page, "display_next")
            wait_for_slide(page, "targets")
            before = headline_net_growth(page)
            assert before == fmt_int(2360)  # the demo district at the end of 2025

            # An upload during the meeting: five admissions dated in the quarter shown. The new
            # figure replaces the old one in place: the slide never leaves the screen (no blink).
            page.evaluate(COUNT_BLINKS)
            admit_members(display_db, 5, dt.date(2025, 12, 30))
            page.wait_for_function(
                "value => (document.querySelector('.bd-gauge .bd-ring-value') || {}).innerText === value",
                arg=fmt_int(2365),
                timeout=(REFRESH_SECONDS * 5) * 1000,
            )
            assert current_slide(page) == "targets"  # still paused
            page.wait_for_timeout(REFRESH_SECONDS * 2 * 1000)  # two more refreshes
            assert page.evaluate("window.slideMutations") > 0
            assert page.evaluate("window.slideGone") == 0
            page.screenshot(path=artifacts / "display-after-refresh.png")

            # The same slides on a 1280×720 screen.
            page.set_viewport_size({"width": 1280, "height": 720})
            for number, name in enumerate(briefing.SLIDES, start=1):
                wait_for_slide(page, name)
                page.wait_for_timeout(800)
                assert layout_problems(page, name) == [], f"{name} at 1280×720"
                page.screenshot(path=artifacts / f"display-1280x720-{number}-{name}.png")
                click(page, "display_next")

            # Unpaused, it rotates by itself.
            wait_for_slide(page, "targets")
            click(page, "display_pause")
            wait_for_slide(page, "monthly")

        for state in ("revoked", "expired"):
            with chromium_page(f"{base}/?display={tokens[state]}", viewport=(1920, 1080)) as page:
                page.wait_for_selector(".bd-message")
                text = page.locator(".bd-message").inner_text()
                assert t(f"display_link.refused.{state}") in text
                assert page.locator(".bd").count() == 0
                assert page.get_by_label(t("auth.password")).count() == 0
                page.screenshot(path=artifacts / f"display-link-{state}.png")
