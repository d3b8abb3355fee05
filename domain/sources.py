"""A cited source as the product shows it: the one rule for which addresses become links, and their label.

Only http(s) addresses are ever links (a `javascript:` or `data:` address in the data stays text), and the
dashboard's own page of a published Article 7 report (`/reporting?iso3=XXX&year=YYYY&published=DATE`), which
a figure taken from that report cites. A web link is named by its site, without www; a report's link by the
report ("Article 7 report 2025 (Angola), published 2 May 2026"), in the reader's language.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

from i18n import N_, _, format_date

NO_SOURCE = N_("source not given")
ARTICLE7_SOURCE = N_("Article 7 report {year} ({state}), published {date}")
# The date of publication rides in the link (the /reporting page reads only iso3 and year): every page that shows
# a source has only its address, and the label must say when the report was published.
_ARTICLE7_LINK = re.compile(r"/reporting\?iso3=(?P<iso3>[A-Z]{3})&year=(?P<year>\d{4})&published=(?P<date>\d{4}-\d{2}-\d{2})")


def article7_link(iso3: str, year: int, published: dt.date) -> str:
    """The link a figure from a published Article 7 report cites: the report's page on this dashboard."""
    return f"/reporting?iso3={iso3}&year={int(year)}&published={published.isoformat()}"


def is_article7_link(url: object) -> bool:
    return isinstance(url, str) and _ARTICLE7_LINK.fullmatch(url.strip()) is not None


def web_address(url: object) -> str | None:
    """`url` if it is an http(s) address with a host or a published report's page here, else None: what may be put
    in an href."""
    if not isinstance(url, str):
        return None
    if is_article7_link(url):
        return url.strip()
    parsed = urlparse(url.strip())
    return url.strip() if parsed.scheme in ("http", "https") and parsed.netloc else None


def source_label(url: object) -> str:
    """A short label for a source link: its host without www, or the Article 7 report it is the page of."""
    if not isinstance(url, str) or not url:
        return NO_SOURCE
    if found := _ARTICLE7_LINK.fullmatch(url.strip()):
        return article7_label(found["iso3"], int(found["year"]), dt.date.fromisoformat(found["date"]))
    host = urlparse(url).netloc
    return host.removeprefix("www.") or url


def article7_label(iso3: str, year: int, published: dt.date) -> str:
    """"Article 7 report 2025 (Angola), published 2 May 2026" in the reader's language (the State's name too)."""
    from domain.countries import country_name  # pycountry: loaded with the first report's label, not with every page
    from domain.state_names import state_name

    return _(ARTICLE7_SOURCE).format(year=year, state=state_name(iso3, country_name(iso3) or iso3),
                                     date=format_date(published))
