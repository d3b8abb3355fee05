"""What a State says on its own page, as data: which sections it shows and in which order, its own texts
(each with the language it was written in), its contacts and its resources; the checks a draft passes
before it is stored, and what changed between two versions (what the ISU reviews).

The committee's outline is a menu: the State chooses, the status of implementation is always shown. Texts
are Markdown with raw HTML shown as text and only http(s) links. Pure: no Streamlit, no database.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from config import NEED_AREAS
from i18n import LANGUAGES, N_

SECTION_KEYS = ("national_context", "implementation", "needs", "maps", "individualised_approach", "partnerships",
                "contacts", "resources")
ALWAYS_SHOWN = "implementation"
# The State's own texts and their length limits in characters. National context: the outline's three parts.
TEXT_LIMITS: dict[str, int] = {
    "socio_economic_impact": 4000, "gender_dimensions": 4000, "development_goals": 4000, "priorities": 4000,
    **{f"needs_{area}": 4000 for area in NEED_AREAS},
}
TEXT_SECTIONS = {"socio_economic_impact": "national_context", "gender_dimensions": "national_context",
                 "development_goals": "national_context", "priorities": "needs",
                 **{f"needs_{area}": "needs" for area in NEED_AREAS}}
CONTACT_LIMITS = {"organisation": 200, "role": 200, "email": 254, "phone": 40}
RESOURCE_KINDS = {
    "article7_report": N_("Article 7 report"), "national_website": N_("National mine action website"),
    "strategy": N_("Strategy or plan"), "monitor_profile": N_("Landmine Monitor profile"),
    "mar_profile": N_("Mine Action Review profile"), "other": N_("Other"),
}
RESOURCE_LABEL_LIMIT = 200
URL_LIMIT = 2000
MAX_CONTACTS = 20
MAX_RESOURCES = 30
WEB_SCHEMES = ("http://", "https://")
EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
PHONE = re.compile(r"^[0-9+()./ -]*$")

# Refusals, worded for people and translated where shown.
UNKNOWN_SECTION = N_("'{section}' is not a section of the page")
ALWAYS_SHOWN_HIDDEN = N_("the status of implementation is always shown")
ORDER_INCOMPLETE = N_("the order must list every section once")
TOO_LONG = N_("{length} characters; at most {limit}")
UNKNOWN_LANGUAGE = N_("language '{language}' is not one of en, fr, es")
ONLY_WEB_LINKS = N_("only http:// and https:// links are allowed, not '{link}'")
UNKNOWN_TEXT = N_("'{field}' is not a text of the page")
NOT_AN_EMAIL = N_("'{value}' is not an email address")
NOT_A_PHONE = N_("a phone number holds digits, spaces and + ( ) . / - only")
UNKNOWN_KIND = N_("'{kind}' is not a kind of resource")
NOT_A_WEB_ADDRESS = N_("'{value}' is not an http:// or https:// address")
REQUIRED = N_("required")
TOO_MANY = N_("at most {limit}")

# Finds every link a text holds, whatever its scheme (markdown-it's own check would hide javascript: links from us).
_PARSER = MarkdownIt("commonmark", {"html": False})
_PARSER.validateLink = lambda _url: True
# Draws a text for static pages: raw HTML off, and a link only to an http(s) address.
_HTML = MarkdownIt("commonmark", {"html": False})
_HTML.validateLink = lambda url: url.strip().lower().startswith(WEB_SCHEMES)


@dataclass(frozen=True)
class StateText:
    text: str
    language: str


@dataclass(frozen=True)
class Contact:
    organisation: str
    role: str = ""
    email: str = ""
    phone: str = ""
    public: bool = True  # False: shown to signed-in people only


@dataclass(frozen=True)
class Resource:
    kind: str
    label: str
    url: str


@dataclass(frozen=True)
class StatePageContent:
    """One version of a State's choices and texts. `order` lists every section; `hidden` never holds
    ALWAYS_SHOWN."""

    iso3: str
    order: tuple[str, ...] = SECTION_KEYS
    hidden: frozenset[str] = frozenset()
    texts: Mapping[str, StateText] = field(default_factory=dict)
    contacts: tuple[Contact, ...] = ()
    resources: tuple[Resource, ...] = ()

    @property
    def shown(self) -> tuple[str, ...]:
        return tuple(key for key in self.order if key not in self.hidden)

    def as_record(self) -> dict:
        """The content as plain JSON-ready values (how the store keeps a version)."""
        return {
            "order": list(self.order), "hidden": sorted(self.hidden),
            "texts": {name: {"text": t.text, "language": t.language} for name, t in sorted(self.texts.items())},
            "contacts": [vars(c).copy() for c in self.contacts], "resources": [vars(r).copy() for r in self.resources],
        }


@dataclass(frozen=True)
class PublishedPage:
    """The version a page shows: the last one the ISU published, with when and by whom."""

    content: StatePageContent
    version: int
    published_at: dt.datetime
    published_by: str


@dataclass(frozen=True)
class Change:
    """One field that differs between two versions: what the ISU sees side by side."""

    field: str
    before: str
    after: str


IA_EVENT_KINDS = {"launch": N_("Launch of the platform"), "follow_up": N_("Follow-up meeting"),
                  "stakeholder_meeting": N_("In-country stakeholder meeting"), "committee_meeting": N_("Committee meeting")}
IA_STATUSES = {"planned": N_("planned"), "held": N_("held")}


@dataclass(frozen=True)
class IADocument:
    """A report or presentation of an IA event, served as a download (never shown inline)."""

    id: int
    filename: str
    content_type: str
    size: int
    sha256: str


@dataclass(frozen=True)
class IAEvent:
    """One event of a State's Individualised Approach platform. `date`: YYYY-MM-DD or YYYY-MM (as the source
    gives it); `source`/`source_url`: where a compiled event comes from, None for one the State entered."""

    id: int
    iso3: str
    kind: str
    date: str
    venue: str
    status: str
    summary: str
    source: str | None = None
    source_url: str | None = None
    documents: tuple[IADocument, ...] = ()

    def upcoming(self, today: str) -> bool:
        """Planned and not before `today` (an ISO date; a month-only date counts as its first day)."""
        return self.status == "planned" and (self.date if len(self.date) > 7 else f"{self.date}-01") >= today


def links_in(markdown: str) -> list[str]:
    """Every link target the Markdown would render (inline links, references and autolinks)."""
    found = []

    def walk(tokens) -> Iterator:
        for token in tokens:
            yield token
            yield from walk(token.children or ())

    for token in walk(_PARSER.parse(markdown)):
        if token.type == "link_open":
            found.append(str(token.attrGet("href") or ""))
        if token.type == "image":
            found.append(str(token.attrGet("src") or ""))
    return found


def _web_only(links: list[str]) -> str | None:
    """The first link that is not to an http(s) address, if any."""
    return next((link for link in links if not link.strip().lower().startswith(WEB_SCHEMES)), None)


def check_content(iso3: str, record: Mapping) -> tuple[StatePageContent | None, dict[str, str]]:
    """The content a draft record describes, and every problem found (field -> reason, in English, marked
    for translation). With a problem the content is None: nothing of it may be stored."""
    problems: dict[str, str] = {}
    order = tuple(record.get("order") or SECTION_KEYS)
    hidden = frozenset(record.get("hidden") or ())
    for key in (*order, *hidden):
        if key not in SECTION_KEYS:
            problems["order"] = UNKNOWN_SECTION.format(section=key)
    if sorted(order) != sorted(SECTION_KEYS) and "order" not in problems:
        problems["order"] = ORDER_INCOMPLETE
    if ALWAYS_SHOWN in hidden:
        problems["hidden"] = ALWAYS_SHOWN_HIDDEN
    texts = {}
    for name, value in (record.get("texts") or {}).items():
        text, language = str(value.get("text") or ""), str(value.get("language") or "")
        where = f"texts.{name}"
        if name not in TEXT_LIMITS:
            problems[where] = UNKNOWN_TEXT.format(field=name)
        elif len(text) > TEXT_LIMITS[name]:
            problems[where] = TOO_LONG.format(length=len(text), limit=TEXT_LIMITS[name])
        elif language not in LANGUAGES:
            problems[where] = UNKNOWN_LANGUAGE.format(language=language)
        elif bad := _web_only(links_in(text)):
            problems[where] = ONLY_WEB_LINKS.format(link=bad)
        elif text.strip():
            texts[name] = StateText(text, language)
    contacts = _contacts(record.get("contacts") or [], problems)
    resources = _resources(record.get("resources") or [], problems)
    if problems:
        return None, problems
    return StatePageContent(iso3, order, hidden, texts, contacts, resources), {}


def _limited(value: object, limit: int, where: str, problems: dict[str, str]) -> str:
    text = "" if value is None else str(value).strip()
    if len(text) > limit:
        problems[where] = TOO_LONG.format(length=len(text), limit=limit)
    return text


def _contacts(rows: list[Mapping], problems: dict[str, str]) -> tuple[Contact, ...]:
    if len(rows) > MAX_CONTACTS:
        problems["contacts"] = TOO_MANY.format(limit=MAX_CONTACTS)
    contacts = []
    for number, row in enumerate(rows[:MAX_CONTACTS], start=1):
        values = {name: _limited(row.get(name), limit, f"contacts.{number}.{name}", problems)
                  for name, limit in CONTACT_LIMITS.items()}
        if not values["organisation"]:
            problems[f"contacts.{number}.organisation"] = REQUIRED
        if values["email"] and not EMAIL.match(values["email"]):
            problems[f"contacts.{number}.email"] = NOT_AN_EMAIL.format(value=values["email"])
        if not PHONE.match(values["phone"]):
            problems[f"contacts.{number}.phone"] = NOT_A_PHONE
        contacts.append(Contact(**values, public=bool(row.get("public", True))))
    return tuple(contacts)


def _resources(rows: list[Mapping], problems: dict[str, str]) -> tuple[Resource, ...]:
    if len(rows) > MAX_RESOURCES:
        problems["resources"] = TOO_MANY.format(limit=MAX_RESOURCES)
    resources = []
    for number, row in enumerate(rows[:MAX_RESOURCES], start=1):
        kind = str(row.get("kind") or "other")
        label = _limited(row.get("label"), RESOURCE_LABEL_LIMIT, f"resources.{number}.label", problems)
        url = _limited(row.get("url"), URL_LIMIT, f"resources.{number}.url", problems)
        if kind not in RESOURCE_KINDS:
            problems[f"resources.{number}.kind"] = UNKNOWN_KIND.format(kind=kind)
        if not url.lower().startswith(WEB_SCHEMES) or any(c.isspace() for c in url):
            problems[f"resources.{number}.url"] = NOT_A_WEB_ADDRESS.format(value=url)
        resources.append(Resource(kind, label or url, url))
    return tuple(resources)


def diff_content(before: StatePageContent | None, after: StatePageContent) -> list[Change]:
    """Each field that differs, as text both sides (empty where a side has none): the review's side-by-side."""
    old, new = _flat(before), _flat(after)
    return [Change(name, old.get(name, ""), new.get(name, "")) for name in dict.fromkeys([*old, *new])
            if old.get(name, "") != new.get(name, "")]


def _flat(content: StatePageContent | None) -> dict[str, str]:
    if content is None:
        return {}
    flat = {"order": ", ".join(content.order), "hidden": ", ".join(sorted(content.hidden))}
    for name in TEXT_LIMITS:
        if name in content.texts:
            text = content.texts[name]
            flat[f"texts.{name}"] = f"[{text.language}] {text.text}"
    for number, contact in enumerate(content.contacts, start=1):
        flat[f"contacts.{number}"] = " · ".join(
            [contact.organisation, contact.role, contact.email, contact.phone, "public" if contact.public else "signed-in only"])
    for number, resource in enumerate(content.resources, start=1):
        flat[f"resources.{number}"] = f"{resource.kind} · {resource.label} · {resource.url}"
    return flat


def markdown_as_text(markdown: str) -> str:
    """The State's Markdown for st.markdown with any HTML in it shown as text, never run: <, > and & are
    written as entities (Markdown keeps its emphasis, lists and http(s) links)."""
    return markdown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markdown_html(markdown: str) -> str:
    """The State's Markdown as HTML for static pages: markdown-it with raw HTML off (tags come out escaped)
    and links only to http(s) addresses (any other link is left as text)."""
    return _HTML.render(markdown)
