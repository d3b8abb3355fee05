"""A real `streamlit run` on 127.0.0.1 and Debian's headless Chromium, with every outside request recorded."""
from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_healthy(process: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit at {url} exited with code {process.returncode}:\n{log.read_text()}")
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit at {url} did not become healthy within 60 s")


@contextmanager
def streamlit_servers(*runs: tuple[dict[str, str], Path]) -> Iterator[list[str]]:
    """`streamlit run serve.py`, one per (environment, stderr log), all started at once; yields their URLs
    when all are healthy, and stops them all on the way out."""
    ports: list[int] = []
    while len(ports) < len(runs):  # two sockets closed in a row may be handed the same port
        if (port := _free_port()) not in ports:
            ports.append(port)
    started: list[tuple[subprocess.Popen, str, Path]] = []
    with ExitStack() as files:
        try:
            for (env, log), port in zip(runs, ports, strict=True):
                process = subprocess.Popen(
                    [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.address", "127.0.0.1",
                     "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
                     "--server.fileWatcherType", "none"],
                    cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=files.enter_context(log.open("w")),
                )
                started.append((process, f"http://127.0.0.1:{port}", log))
            for process, url, log in started:
                _wait_until_healthy(process, url, log)
            yield [url for _, url, _ in started]
        finally:
            for process, _, _ in started:
                process.terminate()
            for process, _, _ in started:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        if os.environ.get("E2E_REQUIRED"):
            pytest.fail("Debian chromium is not installed but E2E_REQUIRED is set")
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def store_env(tmp_path_factory) -> dict[str, str]:
    """The app's environment: a fresh SQLite store in a temporary folder, never the developer's own."""
    env = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    env["MBC_STORE_PATH"] = str(tmp_path_factory.mktemp("store") / "store.sqlite3")
    return env


@pytest.fixture(scope="session")
def admin_credentials(store_env) -> tuple[str, str]:
    """An admin of the temporary store, added with the users command; its password is new every session."""
    username, password = "e2e-admin", secrets.token_urlsafe(18)
    subprocess.run([sys.executable, "-m", "store", "users", "add", username, "--role", "admin", "--password-stdin"],
                   input=password + "\n", text=True, env=store_env, cwd=ROOT, check=True, capture_output=True)
    return username, password


@pytest.fixture(scope="session")
def server_log(tmp_path_factory) -> Path:
    """What the server writes to stderr: a failed warm-up or page shows here as a traceback."""
    return tmp_path_factory.mktemp("server") / "stderr.log"


@pytest.fixture(scope="session")
def server_url(chromium_path, store_env, admin_credentials, server_log) -> str:
    with streamlit_servers((store_env, server_log)) as (url,):
        yield url


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class OfflinePage:
    """A page where any request to another host is aborted and recorded, and JS errors are kept."""

    def __init__(self, browser, base_url: str, viewport=(1280, 720)):
        self.base_url = base_url
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.base_url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, path: str):
        self.page.goto(self.base_url + path)
        self.wait_until_drawn()
        return self.page

    def wait_until_drawn(self):
        # "notRunning" is also the state before the first run starts: wait for a finished run that drew something.
        self.page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"] '
                                    '[data-testid="stMain"] [data-testid="stElementContainer"]', timeout=60_000)
        self.page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
        self.page.wait_for_timeout(500)

    def sign_in(self, username: str, password: str) -> None:
        """Through the sidebar's sign-in popover, as a person does."""
        self.page.get_by_test_id("stSidebar").get_by_role("button", name="Sign in").click()
        form = self.page.get_by_test_id("stForm").filter(has=self.page.get_by_role("textbox", name="Username"))
        form.get_by_role("textbox", name="Username").fill(username)
        form.get_by_role("textbox", name="Password").fill(password)
        form.get_by_role("button", name="Sign in").click()
        self.wait_until_drawn()

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture
def offline_page(browser, server_url):
    page = OfflinePage(browser, server_url)
    yield page
    page.page.close()
    assert page.outside == [], f"requests left the machine: {page.outside}"
    assert page.errors == [], f"JavaScript errors: {page.errors}"
