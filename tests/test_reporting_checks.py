"""The checks at submission (domain/reporting/checks.py): one test per rule, each with a report that breaks it and
one that does not; problems located by form, table, row and field, errors before warnings, keys stable."""
import dataclasses

import pytest

import i18n
from domain.reporting import checks, schema
from domain.reporting.report import Section, empty_report, read_section

COVER = {"period_from": "2025-01-01", "period_to": "2025-12-31", "date_of_submission": "2026-04-30",
         "contact_organisation": "Mine Action Centre"}
AREA = {"area_id": "BA-001", "admin_code": "BA01", "status": "confirmed", "size_m2": 1000, "mine_types": "PMA-2"}
RETAINED = {"institution": "Army", "mine_type": "PMA-2", "quantity_start": 100, "used": 5, "quantity_end": 95}


def make_report(forms: dict | None = None, year: int = 2025, status: str = "changed", since: int | None = None):
    """A report with a complete cover and every form not applicable but those given as {key: (values, tables)}."""
    report = empty_report("BIH", year)
    report.sections["cover"] = read_section(schema.form("cover"), "changed", None, COVER, {})[0]
    for key in schema.form_keys()[1:]:
        report.sections[key] = Section("not_applicable")
    for key, (values, tables) in (forms or {}).items():
        section, refused = read_section(schema.form(key), status, since, values, tables)
        assert not refused
        report.sections[key] = section
    return report


def keys(problems) -> list[str]:
    return [p.key for p in problems]


def test_a_complete_report_has_no_problem():
    report = make_report({"C": ({}, {"areas": [AREA]}), "D": ({}, {"retained": [RETAINED]})})
    assert checks.check_report(report, None) == []


def test_the_covers_required_answers_are_errors_when_blank():
    report = make_report()
    report.sections["cover"].values["contact_organisation"] = None
    [problem] = checks.check_report(report, None)
    assert (problem.key, problem.severity) == ("cover/-/-/contact_organisation/required", "error")
    assert problem.refusal.say() == "required: left blank"


def test_a_forms_required_single_answer_is_required_once_the_form_has_an_answer():
    blank_programme = make_report({"F": ({"methods": "open detonation"}, {})})
    assert keys(checks.check_report(blank_programme, None)) == ["F/-/-/programme/required"]
    answered = make_report({"F": ({"methods": "open detonation", "programme": "stockpile"}, {})})
    assert checks.check_report(answered, None) == []


def test_an_area_with_no_size_is_an_error_on_its_row():
    report = make_report({"C": ({}, {"areas": [AREA, {**AREA, "area_id": "BA-002", "size_m2": None}]})})
    [problem] = checks.check_report(report, None)
    assert problem.key == "C/areas/2/size_m2/required"
    assert problem.where() == "Form C: Location of mined areas, Mined areas, row 2, Size"


def test_a_reported_form_left_empty_is_an_error_but_voluntary_form_j_is_not():
    report = make_report()
    report.sections["F"] = Section("changed")
    report.sections["J"] = Section("changed")
    [problem] = checks.check_report(report, None)  # the form is empty: its blank required programme is not repeated
    assert problem.key == "F/-/-/-/empty"
    assert "marked changed but is empty" in problem.refusal.say()


def test_a_form_marked_unchanged_needs_a_year_before_the_reports():
    form_c = {"C": ({}, {"areas": [AREA]})}
    assert keys(checks.check_report(make_report(form_c, status="unchanged"), None)) == ["C/-/-/-/unchanged_since"]
    same_year = checks.check_report(make_report(form_c, status="unchanged", since=2025), None)
    assert keys(same_year) == ["C/-/-/-/unchanged_since"]
    assert same_year[0].refusal.params == {"since": 2025, "year": 2025}
    assert checks.check_report(make_report(form_c, status="unchanged", since=2023), None) == []


def test_a_section_status_not_in_the_list_is_an_error():
    report = make_report({"C": ({}, {"areas": [AREA]})})
    report.sections["C"].status = "done"
    assert keys(checks.check_report(report, None)) == ["C/-/-/-/status"]


def test_a_period_ending_before_it_begins_is_an_error():
    report = make_report()
    report.sections["cover"].values["period_to"] = "2024-12-31"
    assert keys(checks.check_report(report, None)) == ["cover/-/-/period_to/period"]
    report.sections["cover"].values["period_to"] = "2025-01-01"
    assert checks.check_report(report, None) == []


def test_parts_larger_than_their_total_are_an_error_showing_the_figures():
    report = make_report({"J": ({"casualties_total": 10, "killed": 8, "injured": 4}, {})})
    [problem] = checks.check_report(report, None)
    assert (problem.key, problem.severity) == ("J/-/-/casualties_total/sum", "error")
    assert problem.refusal.say() == "Killed + Injured = 12 is larger than Casualties in the period = 10"
    equal = make_report({"J": ({"casualties_total": 12, "killed": 8, "injured": 4}, {})})
    assert checks.check_report(equal, None) == []


def test_a_sum_is_checked_only_with_its_total_and_a_part_given():
    no_total = make_report({"I": ({"re_women": 500, "re_men": 700}, {})})
    assert checks.check_report(no_total, None) == []
    one_part = make_report({"I": ({"re_people_reached": 100, "re_girls": 150}, {})})
    [problem] = checks.check_report(one_part, None)
    assert problem.refusal.say() == "Girls reached = 150 is larger than Risk education: people reached = 100"


def test_a_tables_sum_is_checked_on_each_row(monkeypatch):
    # No table declares a sum today: one added to the schema is checked, read at call time.
    form_d = schema.form("D")
    retained = dataclasses.replace(form_d.table("retained"), sums=(schema.Sum("quantity_start", ("used",)),))
    patched = dataclasses.replace(form_d, tables=(retained,))
    monkeypatch.setattr(schema, "FORMS", tuple(patched if f.key == "D" else f for f in schema.FORMS))
    report = make_report({"D": ({}, {"retained": [RETAINED, {**RETAINED, "used": 150, "quantity_end": 0}]})})
    errors = checks.errors(checks.check_report(report, None))
    assert keys(errors) == ["D/retained/2/quantity_start/sum"]


def test_a_field_added_to_the_schema_is_checked(monkeypatch):
    cover = schema.form("cover")
    added = schema.Field("reporting_officer", "Reporting officer", "str", "Who signs.", required=True)
    patched = dataclasses.replace(cover, fields=(*cover.fields, added))
    monkeypatch.setattr(schema, "FORMS", tuple(patched if f.key == "cover" else f for f in schema.FORMS))
    [problem] = checks.check_report(make_report(), None)
    assert problem.key == "cover/-/-/reporting_officer/required"
    assert problem.where() == "Cover page, Reporting officer"


def test_an_unknown_mine_type_is_an_error():
    report = make_report({"C": ({}, {"areas": [{**AREA, "mine_types": "PMA-2; XYZ-9"}]})})
    [problem] = checks.check_report(report, None)
    assert problem.key == "C/areas/1/mine_types/mine_type"
    assert problem.refusal.say() == ("unknown mine type 'XYZ-9': choose one from the list or describe it in Form H")


def test_listed_mine_types_are_known_whatever_their_case_and_spacing():
    report = make_report({"C": ({}, {"areas": [{**AREA, "mine_types": "pma-2;  TYPE   72a ; type not known"}]})})
    assert checks.check_report(report, None) == []


def test_a_mine_type_described_in_form_h_may_be_named_elsewhere():
    form_h = ({}, {"types": [{"mine_type": "XYZ  9", "fusing": "pressure"}]})
    named = {"B": ({}, {"stock": [{"mine_type": "xyz 9", "quantity": 10}]})}
    assert checks.check_report(make_report({**named, "H": form_h}), None) == []
    # Described in a Form H marked not applicable, it is not reported: still unknown.
    report = make_report(named)
    report.sections["H"] = Section("not_applicable", tables=form_h[1])
    assert keys(checks.check_report(report, None)) == ["B/stock/1/mine_type/mine_type"]


def test_not_applicable_forms_are_not_checked():
    report = make_report({"C": ({}, {"areas": [{**AREA, "size_m2": None, "mine_types": "XYZ-9"}]}),
                          "D": ({}, {"retained": [{**RETAINED, "quantity_end": 1}]})})
    assert checks.check_report(report, None) != []
    report.sections["C"].status = "not_applicable"
    report.sections["D"].status = "not_applicable"
    assert checks.check_report(report, None) == []


def test_retained_mines_that_do_not_balance_are_a_warning_with_the_figures():
    report = make_report({"D": ({}, {"retained": [RETAINED, {**RETAINED, "institution": "Police", "quantity_end": 90}]})})
    [problem] = checks.check_report(report, None)
    assert (problem.key, problem.severity) == ("D/retained/2/quantity_end/balance", "warning")
    assert problem.refusal.params == {"end": 90, "start": 100, "used": 5, "out": 0, "transferred_in": 0, "expected": 95}
    assert problem.refusal.say() == "held at end 90, but start 100 - used 5 - out 0 + in 0 = 95"


def test_retained_mines_balance_counting_transfers_and_only_with_both_holdings():
    moved = {**RETAINED, "used": 5, "transferred_out": 20, "transferred_in": 10, "quantity_end": 85}
    no_start = {**RETAINED, "quantity_start": None, "quantity_end": 1}
    report = make_report({"D": ({}, {"retained": [moved, no_start]})})
    # The row with no start is an error (required), not a balance warning.
    assert keys(checks.check_report(report, None)) == ["D/retained/2/quantity_start/required"]


def previous_year(forms: dict) -> object:
    return make_report(forms, year=2024)


def test_land_released_larger_than_the_area_left_the_year_before_is_a_warning():
    before = previous_year({"C": ({}, {"areas": [{**AREA, "size_m2": 10_000}]})})
    released = {"C": ({}, {"areas": [{**AREA, "size_m2": 5_000}]}), "J": ({"cleared_m2": 8_000, "reduced_m2": 4_000}, {})}
    [problem] = checks.check_report(make_report(released), before)
    assert (problem.key, problem.severity) == ("J/-/-/-/released_more_than_left", "warning")
    assert problem.refusal.params == {"year": 2025, "released": 12_000, "previous_year": 2024, "left": 10_000}
    within = {**released, "J": ({"cleared_m2": 8_000}, {})}
    assert checks.check_report(make_report(within), before) == []
    assert checks.check_report(make_report(released), previous_year({})) == []  # no Form C the year before


@pytest.mark.parametrize("this_year, last_year, warned", [(1_000, 99, True), (1_000, 100, False), (9, 100, True),
                                                          (10, 100, False), (1_000, 0, False)])
def test_a_figure_ten_times_or_a_tenth_of_last_years_is_a_warning(this_year, last_year, warned):
    report = make_report({"I": ({"re_people_reached": this_year}, {})})
    before = previous_year({"I": ({"re_people_reached": last_year}, {})})
    problems = checks.check_report(report, before)
    assert keys(problems) == (["I/-/-/re_people_reached/tenfold"] if warned else [])


def test_a_tenfold_warning_shows_both_figures_and_the_earlier_year():
    report = make_report({"B": ({}, {"stock": [{"mine_type": "PMA-2", "quantity": 3_000}, {"mine_type": "PMN",
                                                                                           "quantity": 2_000}]})})
    before = previous_year({"B": ({}, {"stock": [{"mine_type": "PMA-2", "quantity": 400}]})})
    [problem] = checks.check_report(report, before)
    assert (problem.key, problem.severity) == ("B/stock/-/quantity/tenfold", "warning")
    assert problem.refusal.params == {"figure": "mines stockpiled", "value": 5_000, "year": 2025, "previous": 400,
                                      "previous_year": 2024}
    assert problem.refusal.say() == "mines stockpiled 5000 in 2025: more than ten times the 400 of 2024"


def test_each_tenfold_figure_has_its_own_key():
    figures = {"C": ({}, {"areas": [{**AREA, "size_m2": 100}]}), "J": ({"casualties_total": 2, "cleared_m2": 5}, {}),
               "G": ({}, {"destroyed": [{"article": "art4", "mine_type": "PMN", "quantity": 1}]}),
               "D": ({}, {"retained": [{**RETAINED, "quantity_start": 1, "used": 0, "quantity_end": 1}]})}
    before = {"C": ({}, {"areas": [{**AREA, "size_m2": 100_000}]}), "J": ({"casualties_total": 50, "cleared_m2": 500}, {}),
              "G": ({}, {"destroyed": [{"article": "art4", "mine_type": "PMN", "quantity": 100}]}),
              "D": ({}, {"retained": [{**RETAINED, "quantity_start": 20, "used": 0, "quantity_end": 20}]})}
    problems = checks.check_report(make_report(figures), previous_year(before))
    assert keys(problems) == ["C/areas/-/size_m2/tenfold", "D/retained/-/quantity_end/tenfold",
                              "G/destroyed/-/quantity/tenfold", "J/-/-/casualties_total/tenfold", "J/-/-/-/tenfold"]
    assert all("less than a tenth" in p.refusal.say() for p in problems)


def test_errors_come_before_warnings_each_in_form_then_row_order():
    report = make_report({"C": ({}, {"areas": [AREA, {**AREA, "size_m2": None}, {**AREA, "admin_code": None}]}),
                          "D": ({}, {"retained": [{**RETAINED, "quantity_end": 1}, {**RETAINED, "institution": None}]}),
                          "I": ({"re_people_reached": 1, "re_men": 2}, {})})
    report.sections["cover"].values["date_of_submission"] = None
    problems = checks.check_report(report, previous_year({"I": ({"re_people_reached": 100}, {})}))
    assert keys(problems) == ["cover/-/-/date_of_submission/required", "C/areas/2/size_m2/required",
                              "C/areas/3/admin_code/required", "D/retained/2/institution/required",
                              "I/-/-/re_people_reached/sum", "D/retained/1/quantity_end/balance",
                              "I/-/-/re_people_reached/tenfold"]
    assert [p.severity for p in problems] == ["error"] * 5 + ["warning"] * 2
    assert keys(checks.errors(problems)) == keys(problems)[:5]
    assert keys(checks.warnings(problems)) == keys(problems)[5:]


def test_keys_are_stable_and_say_where_and_what():
    report = make_report({"D": ({}, {"retained": [{**RETAINED, "quantity_end": 1}]})})
    first, again = checks.check_report(report, None), checks.check_report(report, None)
    assert keys(first) == keys(again) == ["D/retained/1/quantity_end/balance"]
    # The key names the place and the rule, not the figures: a changed figure keeps its confirmation's key.
    report.sections["D"].tables["retained"][0]["quantity_end"] = 2
    assert keys(checks.check_report(report, None)) == keys(first)


def test_refused_answers_become_errors_where_they_were_typed():
    _section, refused = read_section(schema.form("C"), "changed", None, {}, {"areas": [AREA, {**AREA, "size_m2": "big"}]})
    [problem] = checks.problems_from_fields(refused)
    assert (problem.key, problem.severity) == ("C/areas/2/size_m2/value", "error")
    assert problem.refusal.say() == "'big' is not a number"


def test_labels_in_a_reason_are_said_in_the_readers_language(monkeypatch):
    french = {"Killed": "Tués", "Injured": "Blessés", "Casualties in the period": "Victimes sur la période",
              checks.SUM_TOO_LARGE: "{parts} = {added} dépasse {total_label} = {total}",
              "Form J: Other relevant matters": "Formulaire J : autres questions pertinentes"}
    monkeypatch.setattr(i18n, "_translations", lambda language: french if language == "fr" else {})
    [problem] = checks.check_report(make_report({"J": ({"casualties_total": 10, "killed": 8, "injured": 4}, {})}), None)
    with i18n.using_language("fr"):
        assert problem.refusal.say() == "Tués + Blessés = 12 dépasse Victimes sur la période = 10"
        assert problem.where() == "Formulaire J : autres questions pertinentes, Victimes sur la période"
