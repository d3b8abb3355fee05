"""Who may write what: admin everything, a focal point its one state's needs, a provider its own offers."""
from __future__ import annotations

from dataclasses import dataclass

from domain.countries import to_iso3
from store.errors import PermissionDenied

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
        raise PermissionDenied("sign in to make changes; reading is open to everyone")
    return actor


def require_admin(actor: Actor | None, what: str) -> Actor:
    actor = signed_in(actor)
    if not actor.is_admin:
        raise PermissionDenied(f"only an admin may {what}")
    return actor


def check_need(actor: Actor | None, iso3: str | None) -> Actor:
    actor = signed_in(actor)
    if actor.is_admin:
        return actor
    if actor.role == "focal_point" and iso3 is not None and iso3 == actor.iso3:
        return actor
    if actor.role == "focal_point":
        raise PermissionDenied(
            f"a focal point for {actor.iso3} may only write needs of {actor.iso3}, not of {iso3 or 'no state'}"
        )
    raise PermissionDenied("only an admin or the state's focal point may write needs")


def owns_offer(actor: Actor, provider_name: str | None) -> bool:
    return actor.role == "provider" and provider_key(actor.provider) == provider_key(provider_name)


def check_offer(actor: Actor | None, provider_name: str | None) -> Actor:
    actor = signed_in(actor)
    if actor.is_admin or owns_offer(actor, provider_name):
        return actor
    if actor.role == "provider":
        raise PermissionDenied(f"provider '{actor.provider}' may only write its own offers, not those of '{provider_name}'")
    raise PermissionDenied("only an admin or the offer's provider may write offers")


def check_partnership(actor: Actor | None, need_iso3: str | None, offer_provider: str | None) -> Actor:
    """Either side of a partnership may write it: the need's focal point or the offer's provider."""
    actor = signed_in(actor)
    if actor.is_admin or owns_offer(actor, offer_provider):
        return actor
    if actor.role == "focal_point" and need_iso3 is not None and need_iso3 == actor.iso3:
        return actor
    raise PermissionDenied("only an admin, the need's focal point or the offer's provider may write this partnership")
