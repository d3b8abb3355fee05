"""Every source by the name of its reference file."""
from data_loaders import (
    article5,
    article5_history,
    casualties,
    global_casualties,
    global_figures,
    individualised_approach,
    stated_needs,
    states_not_party,
    states_parties,
    support_by_donor,
    support_by_recipient,
    support_pairs,
    victim_assistance,
)
from data_loaders.source import Source

_MODULES = (
    article5, article5_history, casualties, victim_assistance, stated_needs, support_by_donor,
    support_by_recipient, support_pairs, individualised_approach, states_parties, states_not_party,
    global_figures, global_casualties,
)
SOURCES: dict[str, Source] = {module.SOURCE.name: module.SOURCE for module in _MODULES}
LOADERS = {module.SOURCE.name: getattr(module, f"load_{module.SOURCE.name}") for module in _MODULES}
