"""Seeding: data/ stated needs and support pairs become reference records once; a restart adds nothing."""
from data_loaders.registry import LOADERS
from store import list_import_batches, list_needs, list_support_records, open_store


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
    assert [b["kind"] for b in list_import_batches(second)] == ["seed", "seed"]
    second.close()
