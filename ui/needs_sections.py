"""One need's offers on the Needs & offers page: ranked with reasons, and 'propose a partnership'."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from domain.matching import explain
from store import Actor, InvalidRecord, PermissionDenied, create_partnership
from ui.cached import cached_store
from ui.components import NOT_REPORTED, format_figure, plain
from ui.registry_data import RegistryView


def _may_propose(actor: Actor | None, offer: pd.Series) -> bool:
    """The store decides in the end; this only hides a button that could not succeed."""
    if actor is None:
        return False
    return actor.is_admin or (actor.role == "provider" and actor.provider == offer["provider_name"])


def _propose(need_id: int, offer_id: int, actor: Actor) -> None:
    try:
        create_partnership(cached_store(), actor, {"need_id": need_id, "offer_id": offer_id, "status": "proposed"})
        st.session_state["proposed"] = f"Partnership proposed: need {need_id} with offer {offer_id}."
    except (PermissionDenied, InvalidRecord) as error:
        st.session_state["proposed"] = f"Not proposed: {error}"


def render_matches_for(registry: RegistryView, need_id: int, actor: Actor | None) -> None:
    need = registry.coverage.set_index("need_id").loc[need_id]
    st.subheader(f"Offers that fit need {need_id}: {need['state_name']}, {need['area'].replace('_', ' ')}")
    amount = format_figure(need["usd_million"], "US$ million") if not pd.isna(need["usd_million"]) else format_figure(
        need["amount"], need["currency"] or "")
    st.markdown(f"{plain(need['description'])}  \n**Amount:** {plain(amount)} · **period:** {plain(need['period'])} · "
                f"**status:** {plain(need['status'] if isinstance(need['status'], str) else 'not stated')}")
    if message := st.session_state.pop("proposed", None):
        st.info(message)
    pairs = registry.matches.pairs[registry.matches.pairs["need_id"] == need_id]
    if pairs.empty:
        st.info(f"No open offer fits this need yet: {NOT_REPORTED} by any provider.", icon=":material/info:")
        return
    offers = registry.matches.offers.set_index("offer_id")
    ranked = pairs.assign(
        reasons=explain(pairs, registry.matches.needs, registry.matches.offers),
        provider=pairs["offer_id"].map(offers["provider_name"]), modality=pairs["offer_id"].map(offers["modality"]),
        offer_usd_million=pairs["offer_id"].map(offers["usd_million"]), offer_period=pairs["offer_id"].map(offers["period"]),
    )[["rank_for_need", "offer_id", "provider", "modality", "offer_usd_million", "offer_period", "score", "reasons"]]
    st.dataframe(ranked.rename(columns={"rank_for_need": "rank", "offer_usd_million": "offer (US$ million)"}),
                 hide_index=True, width="stretch", key="ranked_offers", placeholder=NOT_REPORTED)
    st.caption("Score: target 3 (this state) / 2 (its region) / 1 (any state); +1 modality serves the area; up to +2 "
               "for the share of the amount covered; +1 periods overlap; +1 provider supported this state before.")
    own = [o for o in ranked["offer_id"] if _may_propose(actor, offers.loc[o])]
    if own:
        choice = st.selectbox("Your offer", own, key="propose_offer",
                              format_func=lambda o: f"offer {o}: {offers.at[o, 'provider_name']}, {offers.at[o, 'modality']}")
        st.button("Propose a partnership", key="propose", type="primary", on_click=_propose, args=(need_id, choice, actor))
    elif actor is None:
        st.caption("Providers signed in can propose a partnership from here.")
