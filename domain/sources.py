"""A cited source as the product shows it: the one rule for which addresses become links, and their label.

Only http(s) addresses are ever links (a `javascript:` or `data:` address in the data stays text);
a link is named by its site, without www.
"""
from __future__ import annotations

from urllib.parse import urlparse

from i18n import N_

NO_SOURCE = N_("source not given")


def web_address(url: object) -> str | None:
    """`url` if it is an http(s) address with a host, else None: what may be put in an href."""
    if not isinstance(url, str):
        return None
    parsed = urlparse(url.strip())
    return url.strip() if parsed.scheme in ("http", "https") and parsed.netloc else None


def source_label(url: object) -> str:
    """A short label for a source link: its host without www."""
    if not isinstance(url, str) or not url:
        return NO_SOURCE
    host = urlparse(url).netloc
    return host.removeprefix("www.") or url
