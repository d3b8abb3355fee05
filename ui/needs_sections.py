"""One need's offers on the Needs & offers page: ranked with their kind and reasons, and 'propose a partnership'."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from domain.matching import REASON_SEPARATOR, explain
from domain.needs_filters import AREA_LABELS
from domain.periods import PERIOD_STATUS_LABELS, period_status
from i18n import N_, _, current_language, translate_message
from store import Actor, InvalidRecord, PermissionDenied, StoreUnavailable, create_partnership
from ui.cached import cached_compiled_date, cached_store
from ui.clock import view_date
from ui.components import NOT_REPORTED, NOT_SAVED, format_figure, plain, render_downloads
from ui.localize import state_name
from ui.registry_data import RegistryView

# A callback runs before the page sets the language: outcomes keep the English text, translated when shown.
PROPOSED = N_("Partnership proposed: need {need} with offer {offer}.")
# Offer modalities (store.validate.MODALITIES) as the reasons and pickers name them.
MODALITY_LABELS = {"funding": N_("funding"), "equipment": N_("equipment"), "technical_expertise": N_("technical expertise"),
                   "training": N_("training"), "south_south_cooperation": N_("south south cooperation")}
HEADERS = {"rank": N_("rank"), "offer_id": N_("offer id"), "provider": N_("provider"), "kind": N_("kind"),
           "modality": N_("modality"), "offer (US$ million)": N_("offer (US$ million)"), "offer_period": N_("offer period"),
           "score": N_("score"), "reasons": N_("reasons")}


def _may_propose(actor: Actor | None, offer: pd.Series) -> bool:
    """The store decides in the end; this only hides a button that could not succeed."""
    if actor is None:
        return False
    return actor.is_admin or (actor.role == "provider" and actor.provider == offer["provider_name"])


def _propose(need_id: int, offer_id: int, actor: Actor) -> None:
    try:
        create_partnership(cached_store(), actor, {"need_id": need_id, "offer_id": offer_id, "status": "proposed"})
        st.session_state["proposed"] = ("proposed", PROPOSED.format(need=need_id, offer=offer_id))
    except InvalidRecord as error:
        # One sentence per refused field, e.g. "this need and this offer are already partners (partnership 3)".
        st.session_state["proposed"] = ("refused", "; ".join(error.problems.values()))
    except PermissionDenied as error:
        st.session_state["proposed"] = ("refused", str(error))
    except StoreUnavailable:
        st.session_state["proposed"] = ("unavailable", NOT_SAVED)  # nothing written; the offer chosen stays chosen


def _reasons(text: str) -> list[str]:
    return [translate_message(part) for part in text.split(REASON_SEPARATOR)]


def _render_outcome() -> None:
    outcome = st.session_state.pop("proposed", None)
    if outcome is None:
        return
    what, message = outcome
    if what == "proposed":
        st.success(translate_message(message), icon=":material/handshake:")
    elif what == "unavailable":
        st.error(_(message), icon=":material/cloud_off:")
    else:
        parts = "; ".join(plain(translate_message(part)) for part in message.split("; "))
        st.error(_("Not proposed: {error}").format(error=parts), icon=":material/block:")


def _render_reasons(ranked: pd.DataFrame, reasons: pd.Series) -> None:
    """Each offer's reasons in full, as a list: a grid cell would cut them off."""
    st.markdown(_("**Why each offer fits**"))
    for index, row in ranked.iterrows():
        with st.container(border=True, key=f"offer_reasons_{row['offer_id']}"):
            st.markdown(_("**{rank}. Offer {offer}: {provider}**, {modality}, score {score}").format(
                rank=row["rank"], offer=row["offer_id"], provider=plain(row["provider"]), modality=plain(row["modality"]),
                score=format_figure(row["score"], "")))
            st.caption(plain(row["kind"]))
            st.markdown("\n".join(f"- {plain(reason)}" for reason in _reasons(reasons.loc[index])))


def render_matches_for(registry: RegistryView, need_id: int, actor: Actor | None) -> None:
    need = registry.coverage.set_index("need_id").loc[need_id]
    st.subheader(_("Offers that fit need {need}: {state}, {area}").format(
        need=need_id, state=state_name(need["iso3"], need["state_name"]), area=_(AREA_LABELS.get(need["area"], need["area"]))))
    amount = format_figure(need["usd_million"], "US$ million") if not pd.isna(need["usd_million"]) else format_figure(
        need["amount"], need["currency"] or "")
    status = need["status"].replace("_", " ") if isinstance(need["status"], str) else "not stated"
    dated = _(PERIOD_STATUS_LABELS[period_status(need["period"], view_date())])
    st.markdown(_("{description}  \n**Amount:** {amount} · **period:** {period} ({dated}) · **status:** {status}").format(
        description=plain(need["description"]), amount=plain(amount), period=plain(need["period"]), dated=dated,
        status=plain(_(status))))
    _render_outcome()
    pairs = registry.matches.pairs[registry.matches.pairs["need_id"] == need_id]
    if pairs.empty:
        st.info(_("No open offer fits this need yet: {not_reported} by any provider.").format(not_reported=_(NOT_REPORTED)),
                icon=":material/info:")
        return
    offers = registry.matches.offers.set_index("offer_id")
    reasons = explain(pairs, registry.matches.needs, registry.matches.offers)
    modality = pairs["offer_id"].map(offers["modality"])
    ranked = pairs.assign(
        reasons=reasons.map(lambda text: REASON_SEPARATOR.join(_reasons(text))) if current_language() != "en" else reasons,
        provider=pairs["offer_id"].map(offers["provider_name"]),
        kind=pairs["offer_id"].map(registry.offer_info["kind"]).map(translate_message),
        modality=modality.map(lambda m: _(MODALITY_LABELS.get(m, m))),
        offer_usd_million=pairs["offer_id"].map(offers["usd_million"]), offer_period=pairs["offer_id"].map(offers["period"]),
        source=pairs["offer_id"].map(registry.offer_info["source_url"]),
    )[["rank_for_need", "offer_id", "provider", "kind", "modality", "offer_usd_million", "offer_period", "score", "reasons",
       "source"]].rename(columns={"rank_for_need": "rank", "offer_usd_million": "offer (US$ million)"})
    st.dataframe(ranked.drop(columns="reasons"), hide_index=True, width="stretch", key="ranked_offers",
                 placeholder=_(NOT_REPORTED),
                 column_config={**{column: st.column_config.Column(_(label)) for column, label in HEADERS.items()},
                                "kind": st.column_config.TextColumn(_("kind"), width="large"),
                                "source": st.column_config.LinkColumn(_("source"), display_text=r"https?://(?:www\.)?([^/]+)")})
    st.caption(_("Score: target 3 (this state) / 2 (its region) / 1 (any state); +1 modality serves the area; up to +2 "
                 "for the share of the amount covered; +1 periods overlap; +1 provider supported this state before. "
                 "An announced offer is what a donor announced for this state (pledge, commitment), as its source says: "
                 "not a payment."))
    _render_reasons(ranked, reasons)
    render_downloads(ranked.assign(as_of=cached_compiled_date()), f"offers_for_need_{need_id}", N_("these offers"))
    own = [o for o in ranked["offer_id"] if _may_propose(actor, offers.loc[o])]
    if own:
        names = {o: _("offer {offer}: {provider}, {modality}").format(
            offer=o, provider=offers.at[o, "provider_name"],
            modality=_(MODALITY_LABELS.get(offers.at[o, "modality"], offers.at[o, "modality"]))) for o in own}
        choice = st.selectbox(_("Your offer"), own, key="propose_offer", format_func=names.get)
        st.button(_("Propose a partnership"), key="propose", type="primary", on_click=_propose, args=(need_id, choice, actor))
    elif actor is None:
        st.caption(_("Providers signed in can propose a partnership from here."))
