"""One need's offers on the Needs & offers page: ranked with reasons, and 'propose a partnership'."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from domain.matching import REASON_SEPARATOR, explain
from domain.needs_filters import AREA_LABELS
from domain.state_names import state_name
from i18n import N_, _, current_language, translate_message
from store import Actor, InvalidRecord, PermissionDenied, create_partnership
from ui.cached import cached_compiled_date, cached_store
from ui.components import NOT_REPORTED, format_figure, plain, render_downloads
from ui.registry_data import RegistryView

# A callback runs before the page sets the language: it keeps the English text, translated when shown.
PROPOSED = N_("Partnership proposed: need {need} with offer {offer}.")
NOT_PROPOSED = N_("Not proposed: {error}")
# Offer modalities (store.validate.MODALITIES) as the reasons and pickers name them.
MODALITY_LABELS = {"funding": N_("funding"), "equipment": N_("equipment"), "technical_expertise": N_("technical expertise"),
                   "training": N_("training"), "south_south_cooperation": N_("south south cooperation")}


def _may_propose(actor: Actor | None, offer: pd.Series) -> bool:
    """The store decides in the end; this only hides a button that could not succeed."""
    if actor is None:
        return False
    return actor.is_admin or (actor.role == "provider" and actor.provider == offer["provider_name"])


def _propose(need_id: int, offer_id: int, actor: Actor) -> None:
    try:
        create_partnership(cached_store(), actor, {"need_id": need_id, "offer_id": offer_id, "status": "proposed"})
        st.session_state["proposed"] = PROPOSED.format(need=need_id, offer=offer_id)
    except (PermissionDenied, InvalidRecord) as error:
        st.session_state["proposed"] = NOT_PROPOSED.format(error=error)


def _reasons(text: str) -> str:
    return REASON_SEPARATOR.join(translate_message(part) for part in text.split(REASON_SEPARATOR))


def render_matches_for(registry: RegistryView, need_id: int, actor: Actor | None) -> None:
    need = registry.coverage.set_index("need_id").loc[need_id]
    st.subheader(_("Offers that fit need {need}: {state}, {area}").format(
        need=need_id, state=state_name(need["iso3"], need["state_name"]), area=_(AREA_LABELS.get(need["area"], need["area"]))))
    amount = format_figure(need["usd_million"], "US$ million") if not pd.isna(need["usd_million"]) else format_figure(
        need["amount"], need["currency"] or "")
    status = need["status"].replace("_", " ") if isinstance(need["status"], str) else "not stated"
    st.markdown(_("{description}  \n**Amount:** {amount} · **period:** {period} · **status:** {status}").format(
        description=plain(need["description"]), amount=plain(amount), period=plain(need["period"]), status=plain(_(status))))
    if message := st.session_state.pop("proposed", None):
        st.info(translate_message(message))
    pairs = registry.matches.pairs[registry.matches.pairs["need_id"] == need_id]
    if pairs.empty:
        st.info(_("No open offer fits this need yet: {not_reported} by any provider.").format(not_reported=_(NOT_REPORTED)),
                icon=":material/info:")
        return
    offers = registry.matches.offers.set_index("offer_id")
    reasons = explain(pairs, registry.matches.needs, registry.matches.offers)
    ranked = pairs.assign(
        reasons=reasons.map(_reasons) if current_language() != "en" else reasons,
        provider=pairs["offer_id"].map(offers["provider_name"]), modality=pairs["offer_id"].map(offers["modality"]),
        offer_usd_million=pairs["offer_id"].map(offers["usd_million"]), offer_period=pairs["offer_id"].map(offers["period"]),
    )[["rank_for_need", "offer_id", "provider", "modality", "offer_usd_million", "offer_period", "score", "reasons"]]
    headers = {"rank": N_("rank"), "offer_id": N_("offer id"), "provider": N_("provider"), "modality": N_("modality"),
               "offer (US$ million)": N_("offer (US$ million)"), "offer_period": N_("offer period"), "score": N_("score"),
               "reasons": N_("reasons")}
    st.dataframe(ranked.rename(columns={"rank_for_need": "rank", "offer_usd_million": "offer (US$ million)"}),
                 hide_index=True, width="stretch", key="ranked_offers", placeholder=_(NOT_REPORTED),
                 column_config={column: st.column_config.Column(_(label)) for column, label in headers.items()})
    render_downloads(ranked.assign(as_of=cached_compiled_date()), f"offers_for_need_{need_id}", N_("these offers"))
    st.caption(_("Score: target 3 (this state) / 2 (its region) / 1 (any state); +1 modality serves the area; up to +2 "
                 "for the share of the amount covered; +1 periods overlap; +1 provider supported this state before."))
    own = [o for o in ranked["offer_id"] if _may_propose(actor, offers.loc[o])]
    if own:
        names = {o: _("offer {offer}: {provider}, {modality}").format(
            offer=o, provider=offers.at[o, "provider_name"],
            modality=_(MODALITY_LABELS.get(offers.at[o, "modality"], offers.at[o, "modality"]))) for o in own}
        choice = st.selectbox(_("Your offer"), own, key="propose_offer", format_func=names.get)
        st.button(_("Propose a partnership"), key="propose", type="primary", on_click=_propose, args=(need_id, choice, actor))
    elif actor is None:
        st.caption(_("Providers signed in can propose a partnership from here."))
