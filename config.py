"""Paths, limits and vocabularies shared by every layer; imports nothing from the project."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DATA_DIR = ROOT / "data"
# The read-only reference compiled by the team; `scripts/build_data.py` copies it into DATA_DIR.
REFERENCE_DIR = ROOT.parent / "shared" / "reference"

# Validation limits. No reference table is near 1 MB; 10 MB leaves room for a decade of growth
# while keeping a pasted-in binary or a runaway export from reaching the parser.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_CELL_CHARS = 10_000
MAX_ROWS = 100_000

# Natural Earth 1:50m admin-0 shapes, as scripts/build_boundaries.py ships them.
BOUNDARIES_FILE = DATA_DIR / "boundaries_50m.geojson"
# The Convention's meetings with their dates: our own compilation, beside the reference tables (not one of them).
MEETINGS_FILE = DATA_DIR / "calendar" / "convention_meetings.csv"

# The pages a presenter slide may show (a saved view is one of these paths with its query).
SLIDE_PAGES = ("overview", "country", "needs", "gaps", "changes", "sources")

NEED_AREAS = (
    "clearance",
    "risk_education",
    "victim_assistance",
    "stockpile_destruction",
    "capacity_building",
    "national_legislation",
    "other",
)
# Bands as Landmine Monitor defines them (massive >100 km², large 20-99, medium 5-19, small <5),
# plus the two descriptive values the reference uses when no area is known.
CONTAMINATION_BANDS = (
    "massive",
    "large",
    "medium",
    "small",
    "unknown",
    "improvised mines, extent unknown",
)
MEMBERSHIP_STATUSES = ("state_party", "withdrawn")
