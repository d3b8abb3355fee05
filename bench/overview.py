"""Print how the overview compares with a bare Streamlit page, measured in headless Chromium.

Figures: cold start (server spawn to a fully drawn page: script finished, map and table on screen),
rerun after a filter change (click to the next frame after the new view is on screen, map shapes
included), and the bytes of the map sent to the browser (its outline and the view that colours it).
The overview runs as the README starts it (serve.py). Its disk cache (validated tables, panel,
projected map) is kept between runs as on any server; a cold start with an empty cache shows the first
start after an install or a data change, and a State Party page opened as a server's first page shows
what a shared link to one state costs (spawn to its charts and map drawn). Both are printed as ratios
to the bare page's cold start. The first rerun asks for a view never computed; later ones flip between
two views the page has kept. The same reruns are measured on the overview as the data stood on an earlier date
(AS_OF_PATH: an older data edition, its own cache entries). Run: python bench/overview.py [--runs 3].
Prints; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
OVERVIEW_DRAWN = (".mbc-map .mbc-state", ".mbc-table .mbc-tr")
# A State Party page is drawn when its four plotly charts (casualties, land release, outlook, support) and its
# regional map's canvas are on screen. Cambodia has all of them.
COUNTRY_PATH = "/country?iso3=KHM"
AS_OF_PATH = "/?as_of=2026-11-28"  # the edition of 2026-11-27, before edition 3
COUNTRY_DRAWN = ('[data-testid="stDeckGlJsonChart"] canvas',)
COUNTRY_CHARTS = "document.querySelectorAll('.js-plotly-plot .main-svg').length >= 4"


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(script: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str, float]:
    port = _port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.address", "127.0.0.1", "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                return process, url, started
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{script} did not start")


def _wait_done(page, drawn: tuple[str, ...], drawn_when: str | None = None) -> None:
    page.wait_for_selector(DONE, timeout=60_000)
    for selector in drawn:
        page.wait_for_selector(selector, timeout=60_000)
    if drawn_when:
        page.wait_for_function(drawn_when, timeout=60_000)


# What a person sees: the page's text, plus (on the overview) the map's legend and how many states the map and
# the table show. A rerun ends when this changes. The map's script sets every colour and the legend in one step,
# so a changed legend means a recoloured map. textContent, not innerText: the probe runs every frame and must not
# force a layout of its own.
VIEW = """() => { const text = Array.from(document.querySelectorAll('[data-testid="stMarkdownContainer"], .mbc-legend'))
    .map(e => e.textContent).join('|');
  return text + '#' + document.querySelectorAll('.mbc-map .mbc-state').length + '#'
    + document.querySelectorAll('.mbc-tbody .mbc-tr').length; }"""
CHANGED = f"before => {{ const now = ({VIEW})(); return now !== null && now !== before; }}"
# The time of each click, as the page received it: the clock starts there, not while Playwright looks for the element.
CLICK_CLOCK = "document.addEventListener('click', (e) => { window.benchClickAt = e.timeStamp; }, true);"


def _rerun_seconds(page, toggle: str) -> float:
    """From the click on `toggle` to the next animation frame after the page shows the new view."""
    page.wait_for_timeout(300)
    target = page.get_by_text(toggle, exact=True)
    target.wait_for()
    before = page.evaluate(VIEW)
    target.click()
    page.wait_for_function(CHANGED, arg=before, timeout=10_000, polling="raf")
    end = page.evaluate("() => new Promise(r => requestAnimationFrame(() => r(performance.now())))")
    return (end - page.evaluate("window.benchClickAt")) / 1000


def first_render(browser, path: str, drawn: tuple[str, ...], drawn_when: str, env: dict[str, str] | None = None) -> float:
    """Server spawn to a fully drawn `path`, the first page the server is asked for (no rerun measured)."""
    process, url, started = _serve("serve.py", env)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(url + path)
        _wait_done(page, drawn, drawn_when)
        seconds = time.perf_counter() - started
        page.close()
        return seconds
    finally:
        process.terminate()
        process.wait(timeout=10)


def measure(browser, script: str, drawn: tuple[str, ...], toggle: str, env: dict[str, str] | None = None,
            path: str = "") -> dict:
    process, url, started = _serve(script, env)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.add_init_script(CLICK_CLOCK)
        received = {"ws": 0, "static": 0}
        page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.__setitem__(
            "ws", received["ws"] + len(frame if isinstance(frame, (bytes, str)) else b""))))
        page.on("response", lambda r: received.__setitem__(
            "static", received["static"] + (len(r.body()) if "/app/static/" in r.url else 0)))
        page.goto(url + path)
        _wait_done(page, drawn)
        cold = time.perf_counter() - started
        page.wait_for_timeout(500)
        load_bytes = dict(received)
        # The map as it arrived: the outline and the view that colours it (the component keeps both).
        load_bytes["map"] = page.evaluate("""() => { const map = document.querySelector('.mbc-map');
            if (!map) return 0;
            const view = map.closest('.mbc-view');
            return new TextEncoder().encode(view.mbcOutline + JSON.stringify(view.mbcView)).length; }""")
        reruns = [_rerun_seconds(page, toggle) for _ in range(8)]
        page.close()
        return {"cold": cold, "first_rerun": reruns[0], "rerun": statistics.median(reruns[1:]), **load_bytes}
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[dict]] = {"bare": [], "overview": [], "as_of": []}
    empty_cache: list[float] = []
    country: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        # Interleaved, so that a slower minute of the machine weighs on every figure alike.
        for _ in range(args.runs):
            results["bare"].append(measure(browser, "bench/bare_app.py", (), "Rerun me"))
            results["overview"].append(measure(browser, "serve.py", OVERVIEW_DRAWN, "Article 5 obligation"))
            results["as_of"].append(measure(browser, "serve.py", OVERVIEW_DRAWN, "Article 5 obligation",
                                            path=AS_OF_PATH))
            country.append(first_render(browser, COUNTRY_PATH, COUNTRY_DRAWN, COUNTRY_CHARTS))
            with tempfile.TemporaryDirectory() as empty:
                empty_cache.append(measure(browser, "serve.py", OVERVIEW_DRAWN, "Article 5 obligation",
                                           env={**os.environ, "MBC_CACHE_DIR": empty})["cold"])
        browser.close()
    median = {name: {k: statistics.median(r[k] for r in runs) for k in runs[0]} for name, runs in results.items()}
    bare, overview, as_of = median["bare"], median["overview"], median["as_of"]
    print(f"runs={args.runs} (medians; 1280x720 headless Chromium, server spawn to fully drawn page)")
    print(f"cold_start bare={bare['cold']:.2f}s overview={overview['cold']:.2f}s "
          f"ratio={overview['cold'] / bare['cold']:.2f} (target <= 1.5)")
    empty, state_page = statistics.median(empty_cache), statistics.median(country)
    print(f"cold_start overview with an empty disk cache (first start after an install or a data change)="
          f"{empty:.2f}s ratio={empty / bare['cold']:.2f} (target <= 1.5)")
    print(f"first_render state party page {COUNTRY_PATH} (server spawn to its charts and map drawn)="
          f"{state_page:.2f}s ratio={state_page / bare['cold']:.2f} (target <= 1.5)")
    print(f"rerun bare={bare['rerun']:.3f}s overview={overview['rerun']:.3f}s ratio={overview['rerun'] / bare['rerun']:.2f} "
          "(target <= 1.3)")
    print(f"rerun as of an earlier date ({AS_OF_PATH}) overview={as_of['rerun']:.3f}s "
          f"ratio={as_of['rerun'] / bare['rerun']:.2f} (target <= 1.3); first rerun={as_of['first_rerun']:.3f}s "
          f"ratio={as_of['first_rerun'] / bare['rerun']:.2f}; cold_start={as_of['cold']:.2f}s")
    print(f"first rerun to a view never computed: overview={overview['first_rerun']:.3f}s "
          f"ratio={overview['first_rerun'] / bare['rerun']:.2f}")
    print(f"bytes websocket bare={bare['ws']:.0f} overview={overview['ws']:.0f}; "
          f"served from /app/static={overview['static']:.0f}")
    print(f"map_payload_bytes={overview['map']:.0f} (the map's outline and view, legend included; target <= 1000000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
