"""Hostile text is data: stored and read back literally, tables intact, never executed."""
import pytest
from sqlalchemy import inspect

from store import create_need, create_offer, get_need, get_offer, list_needs
from tests.store.conftest import ADMIN, NEED, OFFER

HOSTILE = ["'); DROP TABLE need;--", "<script>alert(1)</script>", '=HYPERLINK("http://x")', "[x](javascript:alert(1))"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_and_read_back_literally(store, text):
    # A period must be one we can date, so the hostile text rides after a range.
    need = create_need(store, ADMIN, {**NEED, "description": text, "notes": text, "period": f"2026-2027 {text}"})
    offer = create_offer(store, ADMIN, {**OFFER, "provider_name": text, "conditions": text, "contact": text})

    assert {get_need(store, need["id"])[f] for f in ("description", "notes")} == {text}
    assert get_need(store, need["id"])["period"] == f"2026-2027 {text}"
    assert {get_offer(store, offer["id"])[f] for f in ("provider_name", "conditions", "contact")} == {text}
    assert {"need", "offer", "audit_log"} <= set(inspect(store.engine).get_table_names())
    assert [n["description"] for n in list_needs(store)] == [text]
