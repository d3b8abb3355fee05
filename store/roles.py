"""Who may write what: admin everything, a focal point its one state's needs, a provider its own offers."""
from __future__ import annotations

from dataclasses import dataclass

from domain.countries import to_iso3
from i18n import N_
from store.errors import PermissionDenied

# Refusals, in English here; marked so the pages show them in the reader's language.
SIGN_IN = N_("sign in to make changes; reading is open to everyone")
OWN_STATE_ONLY = N_("a focal point for {own} may only write needs of {own}, not of {other}")
NEEDS_WRITERS = N_("only an admin or the state's focal point may write needs")
OWN_OFFERS_ONLY = N_("provider '{own}' may only write its own offers, not those of '{other}'")
OFFER_WRITERS = N_("only an admin or the offer's provider may write offers")
PARTNERSHIP_WRITERS = N_("only an admin, the need's focal point or the offer's provider may write this partnership")


ROLES = ("admin", "focal_point", "provider")


@dataclass(frozen=True)
class Actor:
    """A signed-in person. Anonymous visitors are `None`: they read, never write."""

    username: str
    role: str
    iso3: str | None = None  # focal points only
    provider: str | None = None  # providers only: a state or an organisation name

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def provider_key(name: str | None) -> str | None:
    """One key per provider whatever the spelling: a state's ISO3, else the name case- and space-folded."""
    if not name or not name.strip():
        return None
    match = to_iso3(name)
    return match.iso3 if match.is_state else " ".join(name.split()).casefold()


def provider_kind(name: str | None) -> str:
    return "state" if name and to_iso3(name).is_state else "organisation"


def signed_in(actor: Actor | None) -> Actor:
    if actor is None:
        raise PermissionDenied(SIGN_IN)
    return actor


def require_admin(actor: Actor | None, refusal: str) -> Actor:
    """`refusal`: the whole sentence said to a non-admin (marked N_ by the caller, so it translates as one)."""
    actor = signed_in(actor)
    if not actor.is_admin:
        raise PermissionDenied(refusal)
    return actor


def check_need(actor: Actor | None, iso3: str | None) -> Actor:
    actor = signed_in(actor)
    if actor.is_admin:
        return actor
    if actor.role == "focal_point" and iso3 is not None and iso3 == actor.iso3:
        return actor
    if actor.role == "focal_point":
        raise PermissionDenied(
            OWN_STATE_ONLY.format(own=actor.iso3, other=iso3 or "no state")
        )
    raise PermissionDenied(NEEDS_WRITERS)


def owns_offer(actor: Actor, provider_name: str | None) -> bool:
    return actor.role == "provider" and provider_key(actor.provider) == provider_key(provider_name)


def check_offer(actor: Actor | None, provider_name: str | None) -> Actor:
    actor = signed_in(actor)
    if actor.is_admin or owns_offer(actor, provider_name):
        return actor
    if actor.role == "provider":
        raise PermissionDenied(OWN_OFFERS_ONLY.format(own=actor.provider, other=provider_name))
    raise PermissionDenied(OFFER_WRITERS)


def check_partnership(actor: Actor | None, need_iso3: str | None, offer_provider: str | None) -> Actor:
    """Either side of a partnership may write it: the need's focal point or the offer's provider."""
    actor = signed_in(actor)
    if actor.is_admin or owns_offer(actor, offer_provider):
        return actor
    if actor.role == "focal_point" and need_iso3 is not None and need_iso3 == actor.iso3:
        return actor
    raise PermissionDenied(PARTNERSHIP_WRITERS)
