"""Store fixtures: every test runs on a fresh SQLite file, and on a fresh PostgreSQL schema when
TEST_DATABASE_URL is set (`.ci/run` sets it), so runs never see each other's rows."""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.schema import CreateSchema, DropSchema

from store import Actor, open_store
from store.engine import make_engine

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])

ADMIN = Actor("ana", "admin")
FOCAL_AFG = Actor("fp_afg", "focal_point", iso3="AFG")
FOCAL_COL = Actor("fp_col", "focal_point", iso3="COL")
NORWAY = Actor("nor", "provider", provider="Norway")
HALO = Actor("halo", "provider", provider="HALO Trust")

NEED = {"iso3": "AFG", "area": "clearance", "description": "survey of two districts", "amount": "1,500,000",
        "currency": "USD", "period": "2026-2027", "urgency": "high"}
OFFER = {"provider_kind": "organisation", "provider_name": "HALO Trust", "modality": "technical expertise",
         "areas": ["clearance"], "targets": ["Asia"], "contact": "ops@example.org"}


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
        return
    base = make_url(os.environ["TEST_DATABASE_URL"])
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(base.render_as_string(hide_password=False))
    with admin.begin() as conn:
        conn.execute(CreateSchema(schema))
    yield base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    with admin.begin() as conn:
        conn.execute(DropSchema(schema, cascade=True))
    admin.dispose()


@pytest.fixture
def store(database_url):
    opened = open_store(database_url, seed=False)
    yield opened
    opened.close()
