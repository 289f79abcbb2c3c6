"""The overview in a real browser: the gauges show what `python -m core progress --json` prints, at
projector (1920×1080) and laptop (1366×768) sizes; screenshots go to test-artifacts/."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from core.formatting import fmt_int, fmt_pct
from core.strings import t
from tests import browser
from tests.browser import ROOT, cut_off_texts, full_screenshot, open_app, wait_until_idle

SCREENS = ((1920, 1080), (1366, 768))  # projector, laptop
# The bullet charts of the six gauges plus the cumulative and monthly charts.
CHARTS_ON_FIRST_SCREEN = 8
GAUGES = (
    ("overview.gauge.net_growth", "net_growth", fmt_int),
    ("overview.gauge.workers_month_net_growth", "workers_month_net_growth", fmt_int),
    ("overview.gauge.new_unions", "new_unions", fmt_int),
    ("overview.gauge.workers_month_new_unions", "workers_month_new_unions", fmt_int),
    ("overview.gauge.non_state_coverage_pct", "non_state_coverage_pct", fmt_pct),
    (
        "overview.gauge.enterprises_20plus_with_union_pct",
        "enterprises_20plus_with_union_pct",
        fmt_pct,
    ),
)


def progress_json(database_url: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "core", "progress", "--year", "2025", "--json"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def shown_metrics(page) -> dict[str, str]:
    """Metric label -> value as the browser shows them."""
    shown = {}
    for metric in page.locator("[data-testid=stMetric]").all():
        label = metric.locator("[data-testid=stMetricLabel]").inner_text().strip()
        shown[label] = metric.locator("[data-testid=stMetricValue]").inner_text().strip()
    return shown


@pytest.mark.browser
def test_overview_gauges_show_the_cli_figures(demo_url, artifacts):
    expected = progress_json(demo_url)
    with open_app(demo_url, viewport=SCREENS[0], username="lanhdao") as page:
        seen = {}
        for width, height in SCREENS:
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_selector("[data-testid=stMetricValue]")
            wait_until_idle(page, charts=CHARTS_ON_FIRST_SCREEN)
            page.screenshot(path=artifacts / f"overview-{width}.png")
            full_screenshot(page, artifacts / f"overview-{width}-full.png")
            seen[width] = (shown_metrics(page), cut_off_texts(page))
        body = page.locator("body").inner_text()
        title = page.title()
        deploy_buttons = page.locator("[data-testid=stAppDeployButton]").count()
        page.get_by_test_id("stMainMenuButton").click()
        menu = page.get_by_test_id("stMainMenuPopover").inner_text()

    for width, (shown, cut_off) in seen.items():
        for label_key, json_key, fmt in GAUGES:
            assert shown[t(label_key)] == fmt(expected[json_key]), (width, label_key)
        assert shown[t("overview.admissions")] == fmt_int(expected["admissions"])
        assert shown[t("overview.departures")] == fmt_int(expected["departures"])
        assert shown[t("overview.prospects")] == fmt_int(expected["prospects"])
        assert cut_off == [], width
    # The demo year: 2.360 of 2.500, 80,5 % against 95,0 %.
    assert seen[1920][0][t("overview.gauge.net_growth")] == "2.360"
    assert "2.360 / 2.500 (94,4 %)" in body
    assert "80,5 % / 95,0 %" in body
    assert t("common.as_of", date="31/12/2025") in body
    assert "Traceback" not in body and "Error" not in body
    # The product's title; no Deploy button and no developer entries in the menu.
    assert title == f"{t('nav.overview')} · {t('app.title')}"
    assert deploy_buttons == 0
    assert not {"Deploy", "Clear cache", "Rerun", "Settings"} & set(menu.splitlines())


def test_without_chromium_browser_tests_skip_loudly_but_fail_under_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(browser, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="BROWSER TESTS NOT RUN"):
        browser.require_chromium()

    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="BROWSER TESTS NOT RUN"):
        browser.require_chromium()
