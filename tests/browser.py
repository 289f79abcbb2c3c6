"""Drive the real app in Debian's chromium: a helper for every browser test.

    @pytest.mark.browser
    def test_something(demo_url, artifacts):
        with open_app(demo_url, viewport=(1920, 1080)) as page:
            page.wait_for_selector("[data-testid=stMetricValue]")
            page.screenshot(path=artifacts / "something.png")

`open_app` starts `streamlit run app.py` on a free port with the given DATABASE_URL (headless,
waiting until it answers its health check), logs in as a user of the given role (created in that
database if needed), and yields a Playwright page; everything is closed afterwards. No browser is
ever downloaded: without /usr/bin/chromium the test is skipped with a loud message, and fails when
CI=true.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
START_TIMEOUT_S = 60
RENDER_TIMEOUT_MS = 60_000


def require_chromium() -> None:
    """Skip (fail under CI=true) when Debian's chromium is not installed."""
    if CHROMIUM.exists():
        return
    message = (
        "\n" + "!" * 78 + f"\n!! BROWSER TESTS NOT RUN: {CHROMIUM} is missing."
        "\n!! Install Debian's chromium (`apt-get install chromium`, or `make test` as root)."
        "\n" + "!" * 78
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@contextlib.contextmanager
def streamlit_server(
    database_url: str, *, extra_env: dict[str, str] | None = None
) -> Iterator[str]:
    """`streamlit run app.py` in a subprocess on a free port; yields its base URL."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": database_url, **(extra_env or {})}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while not _healthy(base_url):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"streamlit did not start:\n{log.read()[-3000:]}")
                time.sleep(0.2)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextlib.contextmanager
def chromium_page(url: str, *, viewport: tuple[int, int] = (1920, 1080)) -> Iterator:
    """A fresh chromium page (Vietnamese locale, Hà Nội clock) opened at `url`."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            context = browser.new_context(
                viewport={"width": viewport[0], "height": viewport[1]},
                locale="vi-VN",
                timezone_id="Asia/Ho_Chi_Minh",
            )
            page = context.new_page()
            page.set_default_timeout(RENDER_TIMEOUT_MS)
            page.goto(url)
            yield page
        finally:
            browser.close()


def log_in(page, username: str, password: str) -> None:
    """Fill the login form the way a person would."""
    from core.strings import t

    page.get_by_label(t("auth.username")).fill(username)
    page.get_by_label(t("auth.password")).fill(password)
    page.get_by_role("button", name=t("auth.login")).click()


def wait_until_idle(page, *, charts: int = 0) -> None:
    """Wait for the script run to finish and for `charts` Vega charts to be drawn."""
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")
    if charts:
        page.wait_for_function(
            "n => document.querySelectorAll('.vega-embed canvas, .vega-embed svg').length >= n",
            arg=charts,
        )
    page.wait_for_timeout(500)  # let the last layout pass and chart transitions settle


def cut_off_texts(page) -> list[str]:
    """Texts the page shows cut short (an ellipsis, or wider than their box), and a main area wider
    than the window: what "nothing cut off" means on a given screen size."""
    return page.evaluate(
        """() => {
            const cut = [];
            const main = document.querySelector('[data-testid=stMain]');
            if (main && main.scrollWidth > main.clientWidth + 1) cut.push('<main area scrolls sideways>');
            for (const el of document.querySelectorAll('[data-testid=stMain] *')) {
                const style = getComputedStyle(el);
                const clips = style.textOverflow === 'ellipsis' || style.overflowX === 'hidden';
                if (clips && el.innerText && el.scrollWidth > el.clientWidth + 1
                        && el.closest('[data-testid=stDataFrame], .vega-embed') === null) {
                    cut.push(el.innerText.trim());
                }
            }
            return cut;
        }"""
    )


def full_screenshot(page, path: Path | str) -> None:
    """The whole page, not only the viewport: Streamlit scrolls inside its main section, so the
    viewport is grown to the content's height for the shot and then put back."""
    size = page.viewport_size
    height = page.evaluate(
        """() => Math.max(...[...document.querySelectorAll(
            '[data-testid=stMain], [data-testid=stAppViewContainer], [data-testid=stSidebarContent]'
        )].map(e => e.scrollHeight), document.documentElement.scrollHeight)"""
    )
    page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
    page.wait_for_timeout(800)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    page.wait_for_timeout(300)


@contextlib.contextmanager
def open_app(
    database_url: str,
    *,
    viewport: tuple[int, int] = (1920, 1080),
    role: str = "viewer",
    username: str | None = None,
    path: str = "",
) -> Iterator:
    """The app served on `database_url`, logged in as a user of `role`, in chromium."""
    require_chromium()
    from tests.login import ensure_user

    username = username or f"browser_{role}"
    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = database_url
    try:
        password = ensure_user(username, role)
    finally:
        if previous is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = previous
    with (
        streamlit_server(database_url) as base_url,
        chromium_page(f"{base_url}/{path}", viewport=viewport) as page,
    ):
        log_in(page, username, password)
        yield page
