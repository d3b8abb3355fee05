"""The Individualised Approach platform in the store: events kept by the State's focal point and reviewed by the
ISU, documents checked by their content and kept with their checksum, the compiled history seeded once."""
import hashlib
import io
import zipfile

import pytest
from PIL import Image
from sqlalchemy import func, select, update

from store import (
    Actor,
    DocumentDamaged,
    InvalidRecord,
    NotFound,
    PermissionDenied,
    StaleEdit,
    add_ia_document,
    create_ia_event,
    ia_event_review,
    list_ia_events,
    list_pending_ia_events,
    open_store,
    publish_ia_event,
    read_ia_document,
    record_history,
    return_ia_event,
    seed_ia_history,
    update_ia_event,
)
from store.schema import audit_log, ia_document, ia_event, import_batch
from tests.store.conftest import ADMIN, FOCAL_AFG, FOCAL_COL, NORWAY

EVENT = {"iso3": "AFG", "kind": "follow_up", "date": "2031-03-12", "venue": "Kabul", "status": "planned",
         "summary": "Follow-up with partners on the [2030 plan](https://example.org/plan)."}
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")


def office(main_part: str, content_type: str, extra: dict | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", f'<?xml version="1.0"?><Types><Override PartName="/{main_part}" '
                                                f'ContentType="{content_type}"/></Types>')
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(main_part, "<document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = office("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
PPTX = office("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml")
XLSX = office("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
DOCM = office("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml",
              {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macros"})


def picture(format_: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format=format_)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
    return buffer.getvalue()


def counts(store) -> tuple[int, int, int]:
    with store.engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(table)).scalar_one()
                     for table in (ia_event, ia_document, audit_log))


def test_an_admins_event_is_published_a_focal_points_waits_for_review(store):
    by_admin = create_ia_event(store, ADMIN, {**EVENT, "iso3": "COL", "date": "2030-11"})
    by_state = create_ia_event(store, FOCAL_AFG, {k: v for k, v in EVENT.items() if k != "iso3"})
    assert (by_state.iso3, by_state.kind, by_state.date, by_state.status) == ("AFG", "follow_up", "2031-03-12", "planned")
    assert by_state.source is None and by_state.documents == ()
    assert list_ia_events(store) == [by_admin]  # the public sees what is published
    assert list_ia_events(store, "AFG") == []
    assert list_ia_events(store, "AFG", FOCAL_AFG) == [by_state]
    assert list_ia_events(store, None, FOCAL_COL) == [by_admin]
    assert list_ia_events(store, None, ADMIN) == [by_admin, by_state]  # by date: November 2030, then March 2031
    assert list_pending_ia_events(store, ADMIN) == [by_state]
    review = ia_event_review(store, FOCAL_AFG, by_state.id)
    assert (review["version"], review["review_status"], review["comment"]) == (1, "pending", None)

    assert publish_ia_event(store, ADMIN, by_state.id) == by_state
    assert list_ia_events(store, "AFG") == [by_state]
    assert list_pending_ia_events(store, ADMIN) == []
    assert [e["action"] for e in record_history(store, "ia_event", by_state.id)] == ["create", "update"]


def test_the_isu_returns_an_event_and_the_states_edit_sends_it_back_for_review(store):
    event = create_ia_event(store, FOCAL_AFG, EVENT)
    with pytest.raises(InvalidRecord):
        return_ia_event(store, ADMIN, event.id, "")
    return_ia_event(store, ADMIN, event.id, "Which partners?")
    review = ia_event_review(store, FOCAL_AFG, event.id)
    assert (review["review_status"], review["comment"], review["version"]) == ("returned", "Which partners?", 2)
    assert list_ia_events(store, "AFG") == []
    changed = update_ia_event(store, FOCAL_AFG, event.id, {"venue": "Kabul, with UNMAS and HALO"}, 2)
    assert changed.venue == "Kabul, with UNMAS and HALO"
    assert ia_event_review(store, ADMIN, event.id)["review_status"] == "pending"
    publish_ia_event(store, ADMIN, event.id)
    with pytest.raises(PermissionDenied, match="only an event waiting for review"):
        publish_ia_event(store, ADMIN, event.id)
    held = update_ia_event(store, ADMIN, event.id, {"status": "held"}, 4)
    assert held.status == "held" and list_ia_events(store, "AFG") == [held]  # an admin's edit stays published


def test_an_edit_based_on_an_older_version_is_refused(store):
    event = create_ia_event(store, ADMIN, EVENT)
    update_ia_event(store, ADMIN, event.id, {"venue": "Herat"}, 1)
    with pytest.raises(StaleEdit) as error:
        update_ia_event(store, FOCAL_AFG, event.id, {"venue": "Kandahar"}, 1)
    assert error.value.changes["venue"] == ("Kabul", "Herat")
    assert list_ia_events(store, "AFG")[0].venue == "Herat"


@pytest.mark.parametrize("actor, reason", [
    (FOCAL_COL, "a focal point for COL may only keep the Individualised Approach events of COL, not of AFG"),
    (NORWAY, "only an admin or the State's focal point"),
    (None, "sign in"),
])
def test_only_the_states_focal_point_or_an_admin_keeps_its_events(store, actor, reason):
    event = create_ia_event(store, FOCAL_AFG, EVENT)
    before = counts(store)
    with pytest.raises(PermissionDenied, match=reason):
        create_ia_event(store, actor, EVENT)
    with pytest.raises(PermissionDenied, match=reason):
        update_ia_event(store, actor, event.id, {"venue": "x"}, 1)
    with pytest.raises(PermissionDenied, match=reason):
        add_ia_document(store, actor, event.id, "report.pdf", PDF)
    with pytest.raises(PermissionDenied, match=reason):
        ia_event_review(store, actor, event.id)
    with pytest.raises(PermissionDenied):
        publish_ia_event(store, actor, event.id)
    with pytest.raises(PermissionDenied):
        list_pending_ia_events(store, actor)
    assert counts(store) == before
    assert list_ia_events(store, "AFG", actor) == []  # pending: not theirs to see


@pytest.mark.parametrize("values, field", [
    ({"kind": "party"}, "kind"), ({"status": "maybe"}, "status"), ({"date": "2031-02-30"}, "date"),
    ({"date": "March 2031"}, "date"), ({"venue": ""}, "venue"), ({"iso3": "XXX"}, "iso3"),
    ({"summary": "x" * 4001}, "summary"), ({"summary": "[report](javascript:alert(1))"}, "summary"),
])
def test_an_event_that_breaks_the_rules_is_refused_and_nothing_stored(store, values, field):
    with pytest.raises(InvalidRecord) as error:
        create_ia_event(store, ADMIN, {**EVENT, **values})
    assert field in error.value.problems
    assert counts(store) == (0, 0, 0)


@pytest.mark.parametrize("filename, data, kind, content_type", [
    ("report.pdf", PDF, "pdf", "application/pdf"),
    ("notes.docx", DOCX, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("slides.pptx", PPTX, "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ("budget.xlsx", XLSX, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("map.png", picture("PNG"), "png", "image/png"),
    ("photo.jpeg", picture("JPEG"), "jpeg", "image/jpeg"),
])
def test_documents_of_each_allowed_kind_are_kept_with_their_checksum(store, filename, data, kind, content_type):
    event = create_ia_event(store, ADMIN, EVENT)
    document = add_ia_document(store, ADMIN, event.id, filename, data)
    assert (document.filename, document.content_type, document.size) == (filename, content_type, len(data))
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert list_ia_events(store, "AFG")[0].documents == (document,)
    assert read_ia_document(store, document.id) == (document, data)


def test_the_type_comes_from_the_content_and_the_name_is_only_a_download_name(store):
    event = create_ia_event(store, ADMIN, EVENT)
    renamed = add_ia_document(store, ADMIN, event.id, "../../etc/passwd\x00\x1b[31m.exe", PDF)
    assert renamed.content_type == "application/pdf"
    assert renamed.filename == "passwd[31m.exe.pdf"
    long = add_ia_document(store, ADMIN, event.id, "C:\\Users\\me\\" + "a" * 400 + ".docx", DOCX)
    assert long.filename.endswith(".docx") and len(long.filename) <= 150 and "\\" not in long.filename
    assert add_ia_document(store, ADMIN, event.id, "", picture("PNG")).filename == "document.png"


ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 400
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>"


@pytest.mark.parametrize("filename, data, reason", [
    ("report.pdf", ELF, "this is an executable program, not a PDF"),
    ("report.pdf", b"MZ\x90\x00\x03" + b"\x00" * 400, "this is an executable program, not a PDF"),
    ("report.pdf", b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 400, "this is an executable program, not a PDF"),
    ("big.pdf", PDF + b"\x00" * (25 * 1024 * 1024), "the file is 25.0 MB; at most 20 MB"),
    ("map.svg", SVG, "this is an SVG image (it can hold scripts), not a document"),
    ("map.png", SVG, "this is an SVG image"),
    ("page.html", HTML, "this is an HTML page, not a document"),
    ("notes.docx", HTML, "this is an HTML page, not a DOCX"),
    ("notes.docm", DOCM, "this is a macro-enabled Office file"),
    ("notes.docx", DOCM, "this is a macro-enabled Office file"),
    ("notes.docx", zip_bomb(), "this archive unpacks to 30 MB: refused"),
    ("archive.docx", office("readme.txt", "text/plain"), "this is a ZIP archive, not a Word, PowerPoint or Excel file"),
    ("notes.txt", b"plain words", "the content is not that of any known document"),
    ("empty.pdf", b"", "the file is empty"),
    ("report.pdf", b"%PDF-1.4\n cut off", "the file is damaged"),
])
def test_a_file_that_is_not_an_allowed_document_is_refused_and_nothing_stored(store, filename, data, reason):
    event = create_ia_event(store, ADMIN, EVENT)
    before = counts(store)
    with pytest.raises(InvalidRecord) as error:
        add_ia_document(store, ADMIN, event.id, filename, data)
    assert error.value.problems["file"].startswith(reason), error.value.problems
    assert counts(store) == before


def test_a_focal_points_document_waits_for_the_isus_review_with_its_event(store):
    event = create_ia_event(store, ADMIN, EVENT)
    document = add_ia_document(store, FOCAL_AFG, event.id, "report.pdf", PDF)
    assert list_ia_events(store, "AFG") == [event]  # as published, without the document
    with pytest.raises(NotFound):  # not published: not readable by the public
        read_ia_document(store, document.id)
    assert read_ia_document(store, document.id, actor=FOCAL_AFG)[1] == PDF
    publish_ia_event(store, ADMIN, event.id)
    assert list_ia_events(store, "AFG")[0].documents == (document,)
    assert read_ia_document(store, document.id)[1] == PDF


def test_documents_kept_in_a_folder_are_named_by_their_checksum_and_checked_on_read(store, tmp_path, monkeypatch):
    folder = tmp_path / "documents"
    monkeypatch.setenv("MBC_DOCUMENTS_DIR", str(folder))
    event = create_ia_event(store, ADMIN, EVENT)
    document = add_ia_document(store, ADMIN, event.id, "report.pdf", PDF)
    assert [p.name for p in folder.iterdir()] == [document.sha256]
    with store.engine.connect() as conn:
        row = conn.execute(select(ia_document)).mappings().one()
    assert row["data"] is None and row["stored_name"] == document.sha256
    assert read_ia_document(store, document.id) == (document, PDF)

    (folder / document.sha256).write_bytes(PDF.replace(b"Catalog", b"Katalog"))
    with pytest.raises(DocumentDamaged, match=f"document {document.id} is damaged"):
        read_ia_document(store, document.id)
    (folder / document.sha256).unlink()
    with pytest.raises(DocumentDamaged):
        read_ia_document(store, document.id)


def test_a_document_changed_in_the_database_is_refused_on_read(store):
    event = create_ia_event(store, ADMIN, EVENT)
    document = add_ia_document(store, ADMIN, event.id, "report.pdf", PDF)
    with store.engine.begin() as conn:
        conn.execute(update(ia_document).values(data=PDF + b"appended"))
    with pytest.raises(DocumentDamaged):
        read_ia_document(store, document.id)
    with pytest.raises(NotFound):
        read_ia_document(store, document.id + 1)


def by_state(events) -> dict[str, list]:
    found: dict[str, list] = {}
    for event in events:
        found.setdefault(event.iso3, []).append(event)
    return found


def test_the_compiled_ia_history_is_seeded_once_published_with_its_sources(store):
    seed_ia_history(store)
    seed_ia_history(store)
    events = list_ia_events(store)
    assert len(events) == 11  # the 12 rows of data/individualised_approach.csv less the one about no State
    states = by_state(events)
    sudan, zimbabwe = states["SDN"], states["ZWE"]
    assert [(e.kind, e.date) for e in sudan] == [("launch", "2017-06-08"), ("stakeholder_meeting", "2017-10"),
                                                ("follow_up", "2018-02")]
    assert sudan[0].source_url.startswith("https://") and "GE.18-15809" in sudan[0].source
    assert [(e.kind, e.date) for e in zimbabwe][:3] == [("launch", "2017-12"), ("follow_up", "2018-02"),
                                                       ("stakeholder_meeting", "2018-03")]
    assert "Sixteenth Meeting" in zimbabwe[0].summary and "16MSP" in zimbabwe[0].venue
    assert [(e.date, e.kind) for e in states["SRB"]] == [("2018-06", "committee_meeting")]
    assert [(e.date, e.kind) for e in states["LKA"]] == [("2018-06-08", "launch")]
    assert all(e.status == "held" and (e.source or e.source_url) for e in events)
    assert all(e.summary and e.venue for e in events)
    with store.engine.connect() as conn:
        batches = conn.execute(select(import_batch.c.added).where(import_batch.c.source == "individualised_approach"))
        assert batches.scalars().all() == [11]
    assert all(record_history(store, "ia_event", e.id)[0]["actor"] == "seed" for e in events)


def test_open_store_seeds_the_ia_history_and_a_removed_event_stays_removed(database_url):
    opened = open_store(database_url)
    try:
        assert len(list_ia_events(opened, "SDN")) == 3
        with opened.engine.begin() as conn:
            conn.execute(ia_event.delete().where(ia_event.c.iso3 == "SRB"))
        opened.close()
        opened = open_store(database_url)
        assert list_ia_events(opened, "SRB") == []
    finally:
        opened.close()


def test_a_published_event_stays_public_as_published_while_the_states_change_waits_for_review(store):
    seed_ia_history(store)
    seeded = list_ia_events(store, "SRB")[0]
    focal_srb = Actor("fp_srb", "focal_point", iso3="SRB")
    document = add_ia_document(store, focal_srb, seeded.id, "report.pdf", PDF)
    assert list_ia_events(store, "SRB") == [seeded]  # the public: the published version, without the new document
    assert list_ia_events(store, "SRB", FOCAL_COL) == [seeded]
    assert list_ia_events(store, "SRB", focal_srb)[0].documents == (document,)  # the State sees its change
    assert ia_event_review(store, focal_srb, seeded.id)["review_status"] == "pending"
    with pytest.raises(NotFound):  # added since: not the public's until published
        read_ia_document(store, document.id)
    assert read_ia_document(store, document.id, actor=focal_srb)[1] == PDF

    publish_ia_event(store, ADMIN, seeded.id)
    assert list_ia_events(store, "SRB")[0].documents == (document,)
    assert read_ia_document(store, document.id)[1] == PDF

    review = ia_event_review(store, focal_srb, seeded.id)
    moved = update_ia_event(store, focal_srb, seeded.id, {"venue": "Belgrade"}, review["version"])
    public = list_ia_events(store, "SRB")
    assert [(e.venue, e.documents) for e in public] == [(seeded.venue, (document,))]
    assert list_ia_events(store, "SRB", focal_srb) == [moved] and moved.venue == "Belgrade"
    assert moved in list_ia_events(store, None, ADMIN)
    assert read_ia_document(store, document.id)[1] == PDF  # published with the last version: still downloadable

    return_ia_event(store, ADMIN, seeded.id, "Which venue?")
    assert [e.venue for e in list_ia_events(store, "SRB")] == [seeded.venue]
    review = ia_event_review(store, focal_srb, seeded.id)
    update_ia_event(store, focal_srb, seeded.id, {"venue": "Belgrade, Palace of Serbia"}, review["version"])
    assert [e.venue for e in list_ia_events(store, "SRB")] == [seeded.venue]
    publish_ia_event(store, ADMIN, seeded.id)
    assert [e.venue for e in list_ia_events(store, "SRB")] == ["Belgrade, Palace of Serbia"]


def test_a_document_an_admin_adds_to_a_published_event_is_public_at_once(store):
    event = create_ia_event(store, ADMIN, EVENT)
    update_ia_event(store, FOCAL_AFG, event.id, {"venue": "Herat"}, 1)
    document = add_ia_document(store, ADMIN, event.id, "report.pdf", PDF)
    public = list_ia_events(store, "AFG")
    assert [(e.venue, e.documents) for e in public] == [("Kabul", (document,))]
    assert read_ia_document(store, document.id)[1] == PDF
    assert list_ia_events(store, "AFG", FOCAL_AFG)[0].venue == "Herat"
