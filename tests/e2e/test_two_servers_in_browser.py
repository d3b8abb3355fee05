"""Two `streamlit run serve.py` servers on one PostgreSQL database, as replicas behind a load balancer run:
a need added on one is listed on the other after a reload; the same need edited on both, one save wins and
the other is told, keeping what was typed. In Chromium, each server in its own browser context (cookies hold
the sign-in and ignore the port), with no request leaving the machine."""
from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
import uuid

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.engine import make_url

from store.engine import make_engine
from store.schema import need
from tests.e2e.conftest import ROOT, OfflinePage, streamlit_servers

ADMIN, FOCAL = "e2e-admin", "e2e-focal-afg"
ADDED = "Two-server test: survey of the northern districts"
BY_A = "Two-server test: survey of the northern districts, Kunar and Nuristan first"
BY_B = "Two-server test: survey of the northern districts, Badakhshan first"


@pytest.fixture(scope="module")
def database_url():
    """A database of its own on TEST_DATABASE_URL's server, dropped afterwards (with any connection left)."""
    if not (base := os.environ.get("TEST_DATABASE_URL")):
        if os.environ.get("E2E_REQUIRED") or os.environ.get("CI"):
            pytest.fail("TEST_DATABASE_URL is not set but E2E_REQUIRED or CI is")
        pytest.skip("TEST_DATABASE_URL is not set: two servers need a PostgreSQL to share")
    base_url = make_url(base)
    name = f"e2e_two_{uuid.uuid4().hex[:12]}"  # lower case letters, digits and _: nothing to quote
    server = make_engine(base_url.render_as_string(hide_password=False)).execution_options(isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    yield base_url.set(database=name).render_as_string(hide_password=False)
    with server.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
    server.dispose()


@pytest.fixture(scope="module")
def app_env(database_url) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name != "MBC_STORE_PATH"}
    return env | {"DATABASE_URL": database_url}


@pytest.fixture(scope="module")
def passwords(app_env) -> dict[str, str]:
    """An admin (signs in on server A) and AFG's focal point (on server B), added with the users command,
    which also migrates and seeds the new database."""
    users = {ADMIN: ["--role", "admin"], FOCAL: ["--role", "focal_point", "--iso3", "AFG"]}
    passwords = {}
    for username, role in users.items():
        passwords[username] = secrets.token_urlsafe(18)
        subprocess.run([sys.executable, "-m", "store", "users", "add", username, *role, "--password-stdin"],
                       input=passwords[username] + "\n", text=True, env=app_env, cwd=ROOT, check=True,
                       capture_output=True)
    return passwords


@pytest.fixture(scope="module")
def server_logs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("two_servers")
    return folder / "a_stderr.log", folder / "b_stderr.log"


@pytest.fixture(scope="module")
def two_servers(chromium_path, app_env, passwords, server_logs):
    """Both started at the same moment on the same database."""
    with streamlit_servers((app_env, server_logs[0]), (app_env, server_logs[1])) as urls:
        yield urls


@pytest.fixture
def pages(browser, two_servers, server_logs):
    """One page per server, each in its own browser context (Playwright's new_page makes one)."""
    opened = [OfflinePage(browser, url) for url in two_servers]
    yield opened
    for page in opened:
        page.page.close()
    for page in opened:
        assert page.outside == [], f"requests left the machine: {page.outside}"
        assert page.errors == [], f"JavaScript errors on {page.base_url}: {page.errors}"
    for log in server_logs:
        assert "Traceback" not in log.read_text(), f"{log.name}:\n{log.read_text()}"


def _choose(page, scope, label: str, option: str) -> None:
    box = scope.get_by_test_id("stSelectbox").filter(has_text=label).first
    # At the bottom edge of a 720 px window the list does not open: bring the box to the middle first.
    box.evaluate("element => element.scrollIntoView({block: 'center'})")
    box.click()
    page.get_by_role("option", name=option, exact=True).click()  # the list opens outside the form


def _textbox(scope, label: str):
    return scope.get_by_role("textbox", name=re.compile(rf"^{label}\W*$"))  # required fields are marked *


def _shot(offline_page: OfflinePage, name: str, show, block: str = "center") -> None:
    """A 1280x720 screenshot with `show` scrolled to the window's centre (or its start or end)."""
    show.evaluate("(element, block) => element.scrollIntoView({block})", block)
    offline_page.page.wait_for_timeout(300)
    offline_page.screenshot(f"two_servers_{name}")


def test_a_need_added_on_one_server_shows_on_the_other_and_of_two_edits_one_wins_the_other_keeps_its_text(
        pages, passwords, database_url):
    a, b = pages
    for offline_page, username in ((a, ADMIN), (b, FOCAL)):
        offline_page.open("/registry")
        offline_page.sign_in(username, passwords[username])
        expect(offline_page.page.get_by_test_id("stSidebar").get_by_text(f"Signed in as {username}")).to_be_visible()
    page_a, page_b = a.page, b.page

    # Server A: add a need through the registry form (the Needs tab is the first one).
    form = page_a.get_by_test_id("stForm").filter(has=page_a.get_by_role("button", name="Add need"))
    _textbox(form, "State").fill("AFG")
    _choose(page_a, form, "Area", "clearance")
    _textbox(form, "Period").fill("2026-2027")
    _textbox(form, "Description").fill(ADDED)
    form.get_by_role("button", name="Add need").click()
    added = page_a.get_by_text(re.compile(r"^Added need \d+\.$"))
    expect(added).to_be_visible(timeout=30_000)
    a.wait_until_drawn()
    need_id = int(re.search(r"\d+", added.inner_text()).group())
    _shot(a, "a_need_added", added)

    # Server B: the page it drew before knows nothing of it; after a reload (still signed in) it is listed.
    assert page_b.get_by_role("gridcell", name=ADDED, exact=True, include_hidden=True).count() == 0
    page_b.reload()
    b.wait_until_drawn()
    expect(page_b.get_by_test_id("stSidebar").get_by_text(f"Signed in as {FOCAL}")).to_be_visible()
    needs_b = page_b.get_by_test_id("stDataFrame").filter(visible=True).first
    listed = needs_b.get_by_role("gridcell", name=ADDED, exact=True, include_hidden=True)
    listed.wait_for(state="attached", timeout=30_000)
    assert needs_b.get_by_role("gridcell", name=str(need_id), exact=True, include_hidden=True).count() == 1
    _shot(b, "b_need_listed_after_reload", needs_b, "end")

    # Both open the same need, at version 1.
    label = f"{need_id} · AFG · clearance · {ADDED}"
    forms = []
    for offline_page in (a, b):
        page = offline_page.page
        _choose(page, page, "Open a need", label)
        save = page.get_by_role("button", name=f"Save need {need_id}")
        expect(save).to_be_visible(timeout=30_000)
        offline_page.wait_until_drawn()
        forms.append(page.get_by_test_id("stForm").filter(has=save))
        expect(_textbox(forms[-1], "Description")).to_have_value(ADDED)
    form_a, form_b = forms

    # A saves first: saved.
    _textbox(form_a, "Description").fill(BY_A)
    form_a.get_by_role("button", name=f"Save need {need_id}").click()
    saved = page_a.get_by_text(f"Saved need {need_id} (version 2).")
    expect(saved).to_be_visible(timeout=30_000)
    a.wait_until_drawn()
    _shot(a, "a_saved_first", saved)

    # B saves its own change to the version it opened: told, nothing lost.
    _textbox(form_b, "Description").fill(BY_B)
    form_b.get_by_role("button", name=f"Save need {need_id}").click()
    told = page_b.get_by_text(f"Not saved: {ADMIN} changed this need since you opened it (version 1 → 2). "
                              "Your values are still in the form below; nothing was lost.")
    expect(told).to_be_visible(timeout=30_000)
    b.wait_until_drawn()
    expect(_textbox(form_b, "Description")).to_have_value(BY_B)
    _shot(b, "b_told_and_keeps_its_text", _textbox(form_b, "Description"), "end")  # the warning above it

    # The store holds A's text, at version 2, from A's user; B's refused save wrote nothing.
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            row = conn.execute(select(need.c.description, need.c.version, need.c.updated_by)
                               .where(need.c.id == need_id)).one()
    finally:
        engine.dispose()
    assert tuple(row) == (BY_A, 2, ADMIN)

    # And B, choosing to load the latest, reads A's text from its own server.
    page_b.get_by_role("button", name="Discard my values, load the latest").click()
    # Until the run ends, Streamlit may show the form twice (the old one moved up as the warning goes).
    expect(told).to_be_hidden(timeout=30_000)
    b.wait_until_drawn()
    expect(_textbox(form_b, "Description")).to_have_value(BY_A)
    _shot(b, "b_loaded_the_latest", _textbox(form_b, "Description"))
    for offline_page in (a, b):
        assert offline_page.page.get_by_test_id("stException").count() == 0
