"""The Article 7 report, declared once: forms, their questions (fields) and their repeating tables.

Everything else is made from this declaration: the form pages (ui/report_forms.py), the checks
(domain/reporting/checks.py), the workbook (data_loaders/article7_workbook.py), the PDF, DOCX and JSON exports
(charts/article7_documents.py) and the stored record (store/reports.py keeps each form's values as checked
against it). Adding a field here adds it everywhere.

Forms follow Article 7.1 and the reporting formats as revised (see ../shared/notes/article7-reporting.md);
the guidance beside each question is our own wording of what the Guide to Reporting asks and why.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from config import NEED_AREAS
from i18n import N_

# Kinds of value a question takes: how it is asked, stored (JSON) and checked.
KINDS = ("str", "text", "int", "float", "date", "year", "enum", "bool", "geom", "iso3", "mine_types", "currency")

# Per form, on the cover page: what the State says about it this year.
FORM_STATUSES = ("changed", "unchanged", "not_applicable")
FORM_STATUS_WORDS = {"changed": N_("changed"), "unchanged": N_("unchanged since {year}"),
                     "not_applicable": N_("not applicable")}

# Anti-personnel mine types a report may name without describing them in Form H (common designations as
# Landmine Monitor and the States' reports write them). Any other type must be described in Form H first.
MINE_TYPES = (
    "improvised", "type not known",
    "APM-1", "DM-11", "DM-31", "GYATA-64", "M14", "M16", "M16A1", "M16A2", "M18A1", "M2A4", "M409",
    "MAI-75", "MI AP DV 59", "MON-50", "MON-90", "MON-100", "MON-200", "MRUD", "No 4", "OZM-3", "OZM-4",
    "OZM-72", "P-4", "PFM-1", "PFM-1S", "PMA-1", "PMA-2", "PMA-3", "PMD-6", "PMN", "PMN-1", "PMN-2", "PMN-4",
    "POM-1", "POM-2", "POM-3", "POMZ-2", "POMZ-2M", "PPM-2", "PROM-1", "R2M2", "TS-50", "Type 58", "Type 59",
    "Type 69", "Type 72", "Type 72A", "V-69", "VAL M69", "VS-50", "VS-Mk2", "Valmara 69",
)

MINE_TYPE_SEPARATOR = ";"


@dataclass(frozen=True)
class Field:
    """One question. `label` and `guidance` are English, marked for translation; `choices` for kind enum
    (stored value -> label); `required`: an empty answer blocks submission when the form is reported."""

    key: str
    label: str
    kind: str
    guidance: str
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    unit: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"field {self.key}: unknown kind {self.kind!r}")
        if (self.kind == "enum") != bool(self.choices):
            raise ValueError(f"field {self.key}: choices are for enum fields, and enum fields need them")


@dataclass(frozen=True)
class Sum:
    """A disaggregation: the parts, added, may not be larger than the total (an error names both)."""

    total: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A repeating block of rows (mined areas, stock by type, needs...). `key_field`: identifies a row to people."""

    key: str
    label: str
    guidance: str
    fields: tuple[Field, ...]
    key_field: str = ""
    sums: tuple[Sum, ...] = ()

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


@dataclass(frozen=True)
class Form:
    """A form of the report: single questions (`fields`) and repeating `tables`. `annual`: usually changes every
    year (an 'unchanged' mark is then worth a second look)."""

    key: str
    title: str
    article: str
    guidance: str
    fields: tuple[Field, ...] = ()
    tables: tuple[Table, ...] = ()
    sums: tuple[Sum, ...] = field(default=())
    annual: bool = True
    short: str = ""  # a few words, for a workbook's sheet name (Excel allows 31 characters)

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


def _count(key: str, label: str, guidance: str, **kw) -> Field:
    return Field(key, label, "int", guidance, **kw)


def _text(key: str, label: str, guidance: str, **kw) -> Field:
    return Field(key, label, "text", guidance, **kw)


def _choices(*pairs: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(pairs)


AREA_CHOICES = tuple((area, area.replace("_", " ")) for area in NEED_AREAS)
_MINE_TYPE = Field("mine_type", N_("Mine type"), "mine_types", N_(
    "The type's designation (for example PMN-2). A type not in the list must first be described in Form H."),
    required=True)
_LOTS = Field("lot_numbers", N_("Lot numbers"), "str", N_("If known: the lots, so stocks can be traced to destruction."))

COVER = Form("cover", N_("Cover page"), "7.1, 7.2", N_(
    "Who reports, for which period, and who to contact. Each form below is marked changed, unchanged since the "
    "year it was last reported, or not applicable, so a form that did not change need not be written again."),
    fields=(
        Field("period_from", N_("Reporting period from"), "date", N_(
            "Normally 1 January of the year reported (Article 7.2: information updated annually)."), required=True),
        Field("period_to", N_("Reporting period to"), "date", N_("Normally 31 December of the year reported."),
              required=True),
        Field("date_of_submission", N_("Date of submission"), "date", N_(
            "The date the report is sent to the Secretary-General. Annual reports are due by 30 April."),
            required=True),
        Field("contact_organisation", N_("Contact: organisation"), "str", N_(
            "The national authority or ministry that can answer questions on this report."), required=True),
        Field("contact_name", N_("Contact: name"), "str", N_("The person to contact about this report.")),
        Field("contact_phone", N_("Contact: telephone"), "str", N_("With the country code.")),
        Field("contact_email", N_("Contact: email"), "str", N_("An address that will still be read next year.")),
    ),
)

FORM_A = Form("A", N_("Form A: National implementation measures"), "7.1(a), 9", N_(
    "The legal, administrative and other measures taken to prevent and suppress anything the Convention "
    "prohibits, including penal sanctions (Article 9). A State without such legislation says what steps it is "
    "taking and when it expects them to be completed."),
    tables=(Table("measures", N_("Measures"), N_("One row per law, regulation, directive or other measure."), (
        Field("type", N_("Type of measure"), "enum", N_("What kind of instrument it is."), required=True,
              choices=_choices(("legislation", N_("legislation")), ("regulation", N_("regulation")),
                               ("administrative", N_("administrative measure")),
                               ("military_directive", N_("military directive")), ("other", N_("other"))),),
        Field("title", N_("Title"), "str", N_("The instrument's title as published."), required=True),
        Field("reference", N_("Reference"), "str", N_("Its official number or gazette reference.")),
        Field("date_adopted", N_("Date adopted"), "date", N_("When it was adopted or entered into force.")),
        Field("status", N_("Status"), "enum", N_("Whether it is in force or still in preparation."),
              choices=_choices(("in_force", N_("in force")), ("draft", N_("draft")),
                               ("under_review", N_("under review")))),
        Field("penal_sanctions", N_("Includes penal sanctions"), "bool", N_(
            "Article 9 asks for penal sanctions for prohibited activity by persons or on territory under the "
            "State's jurisdiction or control.")),
        _text("description", N_("Description"), N_("What the measure does, in a few sentences.")),
    ), key_field="title"),),
    annual=False,
    short=N_("National measures"),
)

FORM_B = Form("B", N_("Form B: Stockpiled anti-personnel mines"), "7.1(b), 4", N_(
    "The total of anti-personnel mines the State owns or holds, or that are under its jurisdiction or control, "
    "by type, quantity and, if possible, lot. Since the Eighth Meeting, stocks found after the stockpile "
    "destruction deadline are reported too, with the plan to destroy them."),
    tables=(
        Table("stock", N_("Stockpile by type"), N_("One row per mine type (and lot, where known)."), (
            _MINE_TYPE,
            _count("quantity", N_("Quantity"), N_("Mines of this type held at the end of the period."), required=True),
            _LOTS,
        ), key_field="mine_type"),
        Table("found", N_("Stocks found after the deadline"), N_(
            "Previously unknown stockpiles discovered after the Article 4 deadline."), (
            _MINE_TYPE,
            _count("quantity", N_("Quantity"), N_("Mines found."), required=True),
            Field("date_found", N_("Date found"), "date", N_("When the stock was discovered.")),
            Field("location", N_("Location"), "str", N_("Where it was found.")),
            _text("destruction_plan", N_("Destruction plan"), N_("How and when these mines will be destroyed.")),
        ), key_field="mine_type"),
    ),
    short=N_("Stockpiled mines"),
)

FORM_C = Form("C", N_("Form C: Location of mined areas"), "7.1(c), 5", N_(
    "To the extent possible, every area known or suspected to contain anti-personnel mines, with the type and "
    "quantity of mines in each and when they were emplaced. Separating suspected (SHA) from confirmed (CHA) "
    "areas, with a size for each, gives the evidence-based baseline the States Parties asked for."),
    tables=(Table("areas", N_("Mined areas"), N_("One row per suspected or confirmed hazardous area."), (
        Field("area_id", N_("Area identifier"), "str", N_("The national database's identifier for the area."),
              required=True),
        Field("admin_area", N_("Administrative area"), "str", N_("The province, region or district it lies in.")),
        Field("admin_code", N_("Administrative area code"), "str", N_(
            "The area's code (P-code or the national code), so areas can be mapped and compared year to year."),
            required=True),
        Field("status", N_("Suspected or confirmed"), "enum", N_(
            "Suspected: evidence of mines, not yet confirmed by survey. Confirmed: direct evidence of mines."),
            required=True, choices=_choices(("suspected", N_("suspected (SHA)")), ("confirmed", N_("confirmed (CHA)")))),
        Field("size_m2", N_("Size"), "float", N_("The area's size in square metres at the end of the period."),
              required=True, unit="m²"),
        Field("mine_types", N_("Mine types"), "mine_types", N_(
            "The types known or suspected in the area, separated by ';'. 'type not known' where no one knows.")),
        _count("estimated_quantity", N_("Estimated quantity"), N_("The estimated number of mines, if known.")),
        Field("date_emplaced", N_("When emplaced"), "str", N_("The year or period the mines were laid, if known.")),
        Field("geometry", N_("Geometry (GeoJSON)"), "geom", N_(
            "Optional: the area's point or polygon as GeoJSON (longitude, latitude), for the maps.")),
    ), key_field="area_id"),),
    short=N_("Mined areas"),
)

FORM_D = Form("D", N_("Form D: Mines retained or transferred"), "7.1(d), 3", N_(
    "Mines retained for the development of and training in detection, clearance or destruction techniques, or "
    "transferred for destruction: the institutions authorised, the types and quantities, and (the expanded form "
    "since the Sixth Meeting) what they were used for and what use is planned. The number retained should not "
    "exceed the minimum absolutely necessary."),
    tables=(Table("retained", N_("Retained mines"), N_("One row per institution and mine type."), (
        Field("institution", N_("Institution"), "str", N_("The institution authorised to hold the mines."),
              required=True),
        _MINE_TYPE,
        _count("quantity_start", N_("Held at start of period"), N_("Mines held on 1 January."), required=True),
        _count("used", N_("Used in the period"), N_("Consumed in training or development during the year.")),
        _count("transferred_out", N_("Transferred out"), N_("Transferred to another holder or for destruction.")),
        _count("transferred_in", N_("Transferred in"), N_("Received from another holder.")),
        _count("quantity_end", N_("Held at end of period"), N_(
            "Mines held on 31 December: the start, less used and transferred out, plus transferred in."),
            required=True),
        Field("purpose", N_("Purpose"), "enum", N_("Why the mines are kept or were transferred."),
              choices=_choices(("training", N_("training")), ("development", N_("development")),
                               ("destruction", N_("destruction")))),
        _text("planned_use", N_("Planned use"), N_("What the mines will be used for, and when.")),
        _text("actual_use", N_("Actual use"), N_("What they were used for in the period.")),
    ), key_field="institution"),),
    short=N_("Retained mines"),
)

FORM_E = Form("E", N_("Form E: Conversion of production facilities"), "7.1(e)", N_(
    "The status of programmes to convert or decommission facilities that produced anti-personnel mines. A State "
    "that never produced them says so in words rather than leaving the form empty."),
    tables=(Table("facilities", N_("Facilities"), N_("One row per production facility."), (
        Field("name", N_("Facility"), "str", N_("Its name or designation."), required=True),
        Field("location", N_("Location"), "str", N_("Where it is.")),
        Field("status", N_("Status"), "enum", N_("How far conversion or decommissioning has gone."), required=True,
              choices=_choices(("never_produced", N_("never produced")), ("completed", N_("completed")),
                               ("in_progress", N_("in progress")), ("planned", N_("planned")))),
        Field("date_completed", N_("Date completed"), "date", N_("When conversion was completed.")),
        _text("description", N_("Description"), N_("What was done.")),
    ), key_field="name"),),
    fields=(_text("statement", N_("Statement"), N_("For example: 'never produced anti-personnel mines'.")),),
    annual=False,
    short=N_("Production facilities"),
)

FORM_F = Form("F", N_("Form F: Destruction programmes"), "7.1(f), 4, 5", N_(
    "The programmes to destroy stockpiled mines (Article 4) and mines in mined areas (Article 5): methods, "
    "sites, the safety and environmental standards applied, and the plan's milestones. The plan with annual "
    "milestones is what progress is measured against."),
    fields=(
        Field("programme", N_("Programme"), "enum", N_("Which obligation the programme serves."), required=True,
              choices=_choices(("stockpile", N_("stockpile destruction (Article 4)")),
                               ("mined_areas", N_("mined areas (Article 5)")), ("both", N_("both")))),
        _text("methods", N_("Methods"), N_("How mines are destroyed (open burning, detonation, industrial...).")),
        _text("standards", N_("Standards"), N_("National mine action standards and the IMAS they follow.")),
        _text("description", N_("Description"), N_("Anything else about the programme.")),
    ),
    tables=(
        Table("sites", N_("Destruction sites"), N_("One row per site."), (
            Field("name", N_("Site"), "str", N_("Its name."), required=True),
            Field("location", N_("Location"), "str", N_("Where it is.")),
        ), key_field="name"),
        Table("milestones", N_("Plan milestones"), N_("The area the plan expects to release, year by year."), (
            Field("year", N_("Year"), "year", N_("The plan's year."), required=True),
            Field("target_m2", N_("Area to release"), "float", N_("Square metres the plan expects to release."),
                  unit="m²"),
        ), key_field="year"),
    ),
    short=N_("Destruction programmes"),
)

FORM_G = Form("G", N_("Form G: Mines destroyed"), "7.1(g), 4, 5", N_(
    "The types and quantities of anti-personnel mines destroyed in the period, separately for stockpiles "
    "(Article 4), mined areas (Article 5) and stocks found after the deadline, with lots for stockpiles."),
    tables=(Table("destroyed", N_("Mines destroyed"), N_("One row per article and mine type."), (
        Field("article", N_("Under"), "enum", N_("Which obligation the destruction served."), required=True,
              choices=_choices(("art4", N_("Article 4 (stockpile)")), ("art5", N_("Article 5 (mined areas)")),
                               ("found", N_("stocks found later")))),
        _MINE_TYPE,
        _count("quantity", N_("Quantity"), N_("Mines destroyed in the period."), required=True),
        _LOTS,
        Field("date", N_("Date"), "date", N_("When, if a single date.")),
    ), key_field="mine_type"),),
    short=N_("Mines destroyed"),
)

FORM_H = Form("H", N_("Form H: Technical characteristics"), "7.1(h)", N_(
    "For each type produced, owned or held: at least the dimensions, fusing, explosive content and metallic "
    "content, so deminers can find and destroy them safely. A type described here may be named in other forms."),
    tables=(Table("types", N_("Mine types"), N_("One row per type."), (
        Field("mine_type", N_("Mine type"), "str", N_("The type's designation."), required=True),
        Field("dimensions_mm", N_("Dimensions"), "str", N_("In millimetres."), unit="mm"),
        Field("fusing", N_("Fusing"), "str", N_("How the mine is triggered.")),
        Field("explosive_type", N_("Explosive"), "str", N_("The explosive's type.")),
        Field("explosive_g", N_("Explosive content"), "float", N_("In grams."), unit="g"),
        Field("metal_g", N_("Metallic content"), "float", N_("In grams: what a detector can find."), unit="g"),
        _text("other", N_("Other information"), N_("Colour, markings, anything that helps identify it.")),
    ), key_field="mine_type"),),
    annual=False,
    short=N_("Technical data"),
)

FORM_I = Form("I", N_("Form I: Warning the population"), "7.1(i), 5.2", N_(
    "The measures taken to give an immediate and effective warning to the population about mined areas: "
    "marking, fencing, monitoring and risk education. People reached are counted by sex and age, because who is "
    "at risk differs: this is what the Guide asks."),
    fields=(
        _count("re_people_reached", N_("Risk education: people reached"), N_("Everyone reached in the period.")),
        _count("re_women", N_("Women reached"), N_("Women (18 and over).")),
        _count("re_men", N_("Men reached"), N_("Men (18 and over).")),
        _count("re_girls", N_("Girls reached"), N_("Girls (under 18).")),
        _count("re_boys", N_("Boys reached"), N_("Boys (under 18).")),
    ),
    sums=(Sum("re_people_reached", ("re_women", "re_men", "re_girls", "re_boys")),),
    tables=(Table("measures", N_("Warning measures"), N_("One row per measure (and area, where it applies)."), (
        Field("area_id", N_("Area identifier"), "str", N_("The Form C area it concerns, if one.")),
        Field("type", N_("Measure"), "enum", N_("What was done."), required=True,
              choices=_choices(("marking", N_("marking")), ("fencing", N_("fencing")),
                               ("monitoring", N_("monitoring")), ("risk_education", N_("risk education")),
                               ("other", N_("other")))),
        _text("description", N_("Description"), N_("What, where and for whom.")),
        Field("date", N_("Date"), "date", N_("When, if a single date.")),
    ), key_field="type"),),
    short=N_("Warnings"),
)

_CASUALTY_FIELDS = (
    _count("casualties_total", N_("Casualties in the period"), N_(
        "Everyone killed or injured by anti-personnel mines (and, where the State reports them, other explosive "
        "ordnance) in the year.")),
    _count("killed", N_("Killed"), N_("People killed.")),
    _count("injured", N_("Injured"), N_("People injured who survived.")),
    _count("casualties_female", N_("Female casualties"), N_("Women and girls.")),
    _count("casualties_male", N_("Male casualties"), N_("Men and boys.")),
    _count("casualties_adults", N_("Adult casualties"), N_("18 and over.")),
    _count("casualties_children", N_("Child casualties"), N_("Under 18: children are a large share of casualties.")),
    _count("survivors_total", N_("Survivors"), N_("The number of mine survivors known in the country, if known.")),
    _text("survivors_situation", N_("Situation of survivors"), N_(
        "Their access to emergency care, rehabilitation, psychological support, education and work.")),
    _text("socio_economic", N_("Socio-economic inclusion"), N_(
        "Measures for survivors' livelihoods and inclusion, and the socio-economic impact of mines.")),
    _text("services", N_("Services"), N_("The services available and who provides them.")),
)

FORM_J = Form("J", N_("Form J: Other relevant matters"), "7.1, voluntary", N_(
    "Voluntary, and where most of what the Convention's action plans ask is reported: land released by method, "
    "victim assistance, and cooperation and assistance (needs, and assistance given and received). Figures here "
    "feed the State's page and the committees' analyses."),
    fields=(
        Field("cancelled_m2", N_("Land cancelled by non-technical survey"), "float", N_(
            "Area found to hold no evidence of mines, released without clearance."), unit="m²"),
        Field("reduced_m2", N_("Land reduced by technical survey"), "float", N_(
            "Area released by technical survey."), unit="m²"),
        Field("cleared_m2", N_("Land cleared"), "float", N_("Area released by clearance."), unit="m²"),
        *_CASUALTY_FIELDS,
        _text("gender_diversity", N_("Gender and diversity"), N_(
            "How the needs of women, girls, boys and men and of diverse groups are taken into account, in plans, "
            "needs and partnerships.")),
        _text("other_matters", N_("Other matters"), N_(
            "Anything else: Claymore or OZM-72 type mines, foreign stockpiles, mines of an improvised nature.")),
    ),
    sums=(
        Sum("casualties_total", ("killed", "injured")),
        Sum("casualties_total", ("casualties_female", "casualties_male")),
        Sum("casualties_total", ("casualties_adults", "casualties_children")),
    ),
    tables=(
        Table("needs", N_("Needs"), N_("What the State needs from others, by area, to meet its obligations."), (
            Field("area", N_("Area"), "enum", N_("Which area of work."), required=True, choices=AREA_CHOICES),
            Field("amount", N_("Amount"), "float", N_("What is needed, if costed.")),
            Field("currency", N_("Currency"), "currency", N_("ISO 4217 code, such as USD or EUR.")),
            Field("period", N_("Period"), "str", N_("The years the need covers, such as 2026-2028.")),
            _text("description", N_("Description"), N_("What the need is for, and who benefits.")),
        ), key_field="area"),
        Table("assistance_received", N_("Assistance received"), N_("Support received in the period."), (
            Field("source", N_("From"), "str", N_("The State or organisation that gave it."), required=True),
            Field("area", N_("Area"), "enum", N_("Which area of work."), choices=AREA_CHOICES),
            Field("amount", N_("Amount"), "float", N_("How much, if financial.")),
            Field("currency", N_("Currency"), "currency", N_("ISO 4217 code.")),
        ), key_field="source"),
        Table("assistance_given", N_("Assistance given"), N_("Support given to other States in the period."), (
            Field("recipient", N_("To"), "iso3", N_("The State that received it (ISO3 code or name)."), required=True),
            Field("area", N_("Area"), "enum", N_("Which area of work."), choices=AREA_CHOICES),
            Field("amount", N_("Amount"), "float", N_("How much, if financial.")),
            Field("currency", N_("Currency"), "currency", N_("ISO 4217 code.")),
        ), key_field="recipient"),
    ),
    short=N_("Other matters"),
)

FORMS: tuple[Form, ...] = (COVER, FORM_A, FORM_B, FORM_C, FORM_D, FORM_E, FORM_F, FORM_G, FORM_H, FORM_I, FORM_J)


# Read at call time, never copied at import: a test (or a later edition of the formats) that changes FORMS
# changes every page, check, workbook and export made from it.
def forms() -> tuple[Form, ...]:
    return FORMS


def form_keys() -> tuple[str, ...]:
    return tuple(f.key for f in FORMS)


def form(key: str) -> Form:
    return next(f for f in FORMS if f.key == key)
