"""In a real browser: sign in, add an offer, see it listed and edit it, with no request leaving the machine."""
import re

from playwright.sync_api import expect

from data_loaders.registry import LOADERS

# The registry starts with the offers donors announced (data/support_pairs.csv): the new one comes after them.
NEW = int(LOADERS["support_pairs"]()["is_announcement"].sum()) + 1


def _choose(page, scope, label: str, option: str) -> None:
    scope.get_by_test_id("stSelectbox").filter(has_text=label).first.click()
    page.get_by_role("option", name=option, exact=True).click()  # the list opens outside the form


def test_an_admin_signs_in_adds_an_offer_sees_it_listed_and_edits_it(offline_page, admin_credentials):
    username, password = admin_credentials
    page = offline_page.open("/registry")
    page.set_viewport_size({"width": 1280, "height": 1600})
    offline_page.sign_in(username, password)
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.get_by_text(f"Signed in as {username}").is_visible()
    assert sidebar.get_by_role("link", name="Import").is_visible()  # an admin's page

    page.get_by_role("tab", name="Offers").click()
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Add offer"))
    _choose(page, form, "Provider kind", "organisation")
    form.get_by_role("textbox", name=re.compile(r"^Provider\W*$")).fill("Mines Advisory Group")  # marked required
    _choose(page, form, "Modality", "training")
    form.get_by_test_id("stMultiSelect").filter(has_text="Areas").click()
    page.get_by_role("option", name="risk education", exact=True).click()
    page.keyboard.press("Escape")
    form.get_by_role("textbox", name="Target states or regions").fill("Africa")
    form.get_by_role("button", name="Add offer").click()
    offline_page.wait_until_drawn()

    expect(page.get_by_text(f"Added offer {NEW}.")).to_be_visible(timeout=30_000)
    assert page.get_by_role("heading", name=f"1. All offers ({NEW})").is_visible()
    offers = page.get_by_test_id("stDataFrame").filter(visible=True).first
    # The grid draws on a canvas; its cells are also in the page, for screen readers.
    def cell(text):
        return offers.get_by_role("gridcell", name=text, exact=True, include_hidden=True)

    cell("Mines Advisory Group").wait_for(state="attached")
    assert cell("risk education").count() == 1 and cell("Africa").count() == 1  # a label, never the code
    offline_page.screenshot("registry_offer_added_1280x1600")

    # Edit it twice: the first save changes the offer's label in the picker, which the browser then
    # sends back as the picker's value; the second save must still reach the same offer.
    _choose(page, page, "Open an offer", f"{NEW} · Mines Advisory Group · training · risk education")
    offline_page.wait_until_drawn()
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name=f"Save offer {NEW}"))
    _choose(page, form, "Modality", "equipment")
    form.get_by_role("button", name=f"Save offer {NEW}").click()
    offline_page.wait_until_drawn()
    assert page.get_by_text(f"Saved offer {NEW} (version 2).").is_visible()
    form.get_by_role("textbox", name="Contact").fill("ops@example.org")
    form.get_by_role("button", name=f"Save offer {NEW}").click()
    offline_page.wait_until_drawn()
    assert page.get_by_text(f"Saved offer {NEW} (version 3).").is_visible()
