"""The signed-in user as the workspace knows them, from the identity provider's claims, and
which e-mail domains may use the workspace (RAADSRADAR_ALLOWED_DOMAINS)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping

from core.workspace import rules

ALLOWED_DOMAINS_ENV = "RAADSRADAR_ALLOWED_DOMAINS"
NAME_MAX = 120


@dataclasses.dataclass(frozen=True)
class User:
    """Who acts: `id` decides ownership (the e-mail address, else the provider's subject),
    `name` is what colleagues read next to a change."""

    id: str
    name: str
    email: str | None = None


def from_claims(claims: Mapping[str, object]) -> User | None:
    """The user from st.user's claims, or None when nobody is signed in."""
    if not claims.get("is_logged_in"):
        return None
    email = rules.clean_line(claims.get("email") or "").lower() or None
    subject = rules.clean_line(claims.get("sub") or "")
    ident = email or subject
    if not ident:
        return None
    shown = rules.clean_line(claims.get("name") or "") or email or subject
    return User(id=ident[:320], name=shown[:NAME_MAX], email=email)


def allowed_domains(value: str | None = None) -> frozenset[str]:
    """Domains from RAADSRADAR_ALLOWED_DOMAINS ('minbzk.nl, vng.nl'); empty = everyone."""
    if value is None:
        value = os.environ.get(ALLOWED_DOMAINS_ENV, "")
    parts = value.replace(";", ",").replace(" ", ",").split(",")
    return frozenset(p.strip().lower().lstrip("@") for p in parts if p.strip())


def is_allowed(user: User, claims: Mapping[str, object], domains: frozenset[str]) -> bool:
    """True when no domains are set, or the user's verified address is in one of them.

    An address the provider marks as unverified (email_verified false) does not count: anyone
    could type it at some providers.
    """
    if not domains:
        return True
    if not user.email or "@" not in user.email or claims.get("email_verified") is False:
        return False
    return user.email.rsplit("@", 1)[1] in domains
