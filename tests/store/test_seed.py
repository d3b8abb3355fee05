"""Seeding: data/ stated needs, support pairs and their announcements (as offers) become reference records once;
a restart adds nothing."""
from data_loaders.registry import LOADERS
from store import list_import_batches, list_needs, list_offers, list_support_records, open_store
from store.seed import SEEDS, reference_records, seed_reference


def test_first_start_seeds_reference_records_and_the_second_seeds_nothing(database_url):
    first = open_store(database_url)
    needs, support = list_needs(first), list_support_records(first)
    first.close()

    assert len(needs) == len(LOADERS["stated_needs"]())
    assert all(n["is_reference"] and n["source_url"] for n in needs)
    assert all(n["reference_source"].startswith("data/stated_needs.csv row") for n in needs)
    pairs = LOADERS["support_pairs"]()
    assert len(support) == len(pairs)
    assert sum(s["is_announcement"] for s in support) == int(pairs["is_announcement"].sum()) > 0

    second = open_store(database_url)
    assert len(list_needs(second)) == len(needs)
    assert len(list_support_records(second)) == len(support)
    # One seed batch per source, the default slide deck and the IA history included; the restart added none.
    assert sorted(b["source"] for b in list_import_batches(second) if b["kind"] == "seed") == [
        "announced_offers", "default_slides", "individualised_approach", "stated_needs", "support_pairs"]
    second.close()


def test_each_announcement_becomes_one_offer_labelled_and_sourced_once(database_url):
    pairs = LOADERS["support_pairs"]()
    announced = pairs[pairs["is_announcement"]]
    first = open_store(database_url)
    offers = list_offers(first)
    first.close()

    assert len(offers) == len(announced) == 19
    assert all(o["is_reference"] and o["status"] == "open" and o["modality"] == "funding" for o in offers)
    assert {o["announced_as"] for o in offers} <= {"pledge", "commitment", "announcement", "pledge/announcement"}
    assert sorted(o["source_url"] for o in offers) == sorted(announced["source_url"])
    assert all(o["reference_source"].startswith("data/support_pairs.csv row") for o in offers)
    assert sorted(o["targets"][0] for o in offers) == sorted(announced["iso3"])
    # Dated from the announcement, never as a payment period the source does not give.
    assert all(o["period"] == f"from {o['announced_year']}" for o in offers if o["announced_year"])
    laos = next(o for o in offers if o["targets"] == ["LAO"] and o["usd_million"] == 90)
    assert (laos["provider_name"], laos["areas"], laos["announced_year"]) == (
        "United States", ["clearance", "victim_assistance"], 2016)
    iraq = next(o for o in offers if o["targets"] == ["IRQ"])
    assert iraq["notes"].startswith("Areas not stated by the source")

    second = open_store(database_url)
    assert len(list_offers(second)) == len(offers)
    assert sorted(b["source"] for b in list_import_batches(second)) == [
        "announced_offers", "default_slides", "individualised_approach", "stated_needs", "support_pairs"]
    second.close()


def test_a_database_seeded_before_offers_existed_gets_them_once(database_url):
    store = open_store(database_url, seed=False)
    with store.engine.begin() as conn:
        SEEDS["stated_needs"](conn)
        SEEDS["support_pairs"](conn)
    assert seed_reference(store) == ["announced_offers"]
    assert seed_reference(store) == []
    assert len(list_offers(store)) == 19
    store.close()


def test_the_reference_records_read_without_a_database_are_those_a_fresh_store_holds(database_url):
    """What pages show while the database cannot be reached (store.seed.reference_records) is what the seed writes,
    ids included: the same records, the same numbers."""
    store = open_store(database_url)
    stored = {"need": list_needs(store), "offer": list_offers(store), "support": list_support_records(store)}
    store.close()
    embedded = reference_records()
    for kind, rows in stored.items():
        by_id = {row["id"]: row for row in embedded[kind]}
        assert sorted(by_id) == sorted(row["id"] for row in rows), kind
        for row in rows:
            same = {field: value for field, value in row.items()
                    if field not in ("created_at", "updated_at", "import_batch_id")}
            assert {field: by_id[row["id"]][field] for field in same} == same, (kind, row["id"])
