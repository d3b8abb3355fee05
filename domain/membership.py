"""Treaty membership of a state on a given date, from ratification, entry into force and withdrawal."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from i18n import N_

MEMBERSHIP_LABELS = {
    "state_party": N_("State Party"),
    "withdrawn": N_("Withdrawn"),
    "withdrawing": N_("State Party (withdrawal notified)"),
    "not_yet_in_force": N_("Joined, not yet in force"),
    "not_party": N_("Not party"),
}


def compute_membership(states_parties: pd.DataFrame, on: dt.date) -> pd.Series:
    """Status on `on` per row: withdrawn, withdrawing, state_party, not_yet_in_force or not_party."""
    day = on.isoformat()  # ISO date strings compare in date order
    joined = states_parties["ratification_or_accession_date"].fillna("9999") <= day
    in_force = states_parties["entry_into_force_date"].fillna("9999") <= day
    notified = states_parties["withdrawal_notified_date"].fillna("9999") <= day
    withdrawn = states_parties["withdrawal_effective_date"].fillna("9999") <= day
    status = np.select(
        [withdrawn, notified & in_force, in_force, joined],
        ["withdrawn", "withdrawing", "state_party", "not_yet_in_force"],
        default="not_party",
    )
    return pd.Series(status, index=states_parties.index, name="membership_status", dtype="string")
