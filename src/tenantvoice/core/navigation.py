"""The staff menu, its sections and the links each reader may follow.

Whether a reader may open a page is read from the page's own view: ``require_capability``
marks each view with the capability it needs. The menu, the breadcrumbs and the homes ask
:func:`can_open`, so no page links anyone to a page that would answer 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, resolve, reverse

from .models import Nation
from .roles import Capability, has_capability

# A view name's capability, once looked up (the URL configuration does not change at run time).
_CAPABILITIES: dict[str, Capability | None] = {}


def view_capability(name: str, *args: Any) -> Capability | None:
    """The capability the view behind URL ``name`` requires (None: anyone may open it)."""
    if name not in _CAPABILITIES:
        func: Any = resolve(reverse(name, args=args)).func
        capability = None
        while func is not None and capability is None:
            capability = getattr(func, "required_capability", None)
            func = getattr(func, "__wrapped__", None)
        _CAPABILITIES[name] = capability
    return _CAPABILITIES[name]


def can_open(user: Any, name: str, *args: Any) -> bool:
    """Whether ``user`` may open the page at URL ``name`` (with ``args``)."""
    try:
        capability = view_capability(name, *args)
    except NoReverseMatch:
        return False
    return capability is None or has_capability(user, capability)


@dataclass(frozen=True)
class MenuItem:
    name: str  # URL name, without arguments
    label: str
    # The landlord's nations the page is for (empty: every landlord). The Scottish Social
    # Housing Charter is reported on by landlords in Scotland only, and the landlord's nation
    # (``core.models.Landlord.nation``, from the strategy's ``[landlord] nation``) is what says
    # so: Charter indicators are set up by the landlord itself, so their absence says nothing.
    nations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    items: tuple[MenuItem, ...]
    # View names (shell patterns) of the pages that belong to the section.
    pages: tuple[str, ...]


REPORTS = Section(
    "reports",
    "Reports",
    (
        MenuItem("staff:reports", "All reports"),
        MenuItem("staff:standards-report", "Service standards"),
        MenuItem("staff:quarterly-return", "Quarterly return"),
        MenuItem("staff:involvement-report", "Involvement in numbers"),
        MenuItem("staff:governance-timetable", "Governance timetable"),
        MenuItem("staff:expenses-report", "Expenses by budget code"),
        MenuItem("staff:action-plan-report", "Strategy action plans"),
        MenuItem("staff:strategy-reviews", "Strategy reviews"),
        MenuItem("staff:scrutiny-tracker", "Scrutiny tracker"),
        MenuItem("staff:complaints-report", "Complaints in numbers"),
        MenuItem("audiences:profiles", "Customer profiles"),
        MenuItem("staff:representation-report", "Who takes part"),
        MenuItem("staff:indicators", "Indicators and targets"),
        MenuItem("staff:value-for-money", "Value for money"),
        MenuItem("staff:charter", "Scottish Charter return", nations=(Nation.SCOTLAND,)),
        MenuItem("staff:reporting-timetable", "Reports due"),
        MenuItem("staff:board-packs", "Board packs"),
        MenuItem("staff:annual-reports", "Annual report to residents"),
    ),
    (
        "staff:reports",
        "staff:*-report",
        "staff:quarterly-return",
        "staff:governance-timetable",
        "staff:strategy-review*",
        "staff:scrutiny-tracker",
        "staff:complaints-annual-report*",
        "staff:complaints-self-assessment*",
        "audiences:profiles",
        "staff:indicator*",
        "staff:value-for-money*",
        "staff:charter*",
        "staff:reporting-*",
        "staff:board-pack*",
        "staff:annual-report*",
    ),
)

SECTIONS: tuple[Section, ...] = (
    Section(
        "residents",
        "Residents",
        (MenuItem("staff:resident-search", "Find a resident"), MenuItem("staff:import-list", "Imports")),
        ("staff:resident-*", "staff:import-*"),
    ),
    Section(
        "involvement",
        "Involvement",
        (MenuItem("staff:involvement", "Levels and groups"), MenuItem("staff:elections", "Elections")),
        (
            "staff:involvement",
            "staff:involvement-*",
            "staff:group-*",
            "staff:seat-*",
            "staff:role-new",
            "staff:election*",
        ),
    ),
    Section(
        "meetings",
        "Meetings",
        (
            MenuItem("staff:activities", "Meetings and events"),
            MenuItem("staff:information-requests", "Requests for information"),
            MenuItem("staff:expenses", "Expense claims"),
            MenuItem("staff:venues", "Venues"),
        ),
        (
            "staff:activit*",
            "staff:paper-new",
            "staff:papers-send",
            "staff:information-request*",
            "staff:expense*",
            "staff:support-update",
            "staff:venues",
        ),
    ),
    Section(
        "have-your-say",
        "Have your say",
        (
            MenuItem("staff-consultations:list", "Consultations"),
            MenuItem("surveys:list", "Surveys"),
            MenuItem("programme:list", "Survey programme"),
            MenuItem("surveys:peers", "Peer groups"),
        ),
        ("staff-consultations:*", "surveys:*", "programme:*"),
    ),
    Section(
        "messages",
        "Messages",
        (
            MenuItem("campaigns:list", "Campaigns"),
            MenuItem("campaigns:outbox", "Outbox"),
            MenuItem("staff:letters", "Letters to print"),
            MenuItem("sends:list", "Mass sends"),
            MenuItem("campaigns:templates", "Message templates"),
            MenuItem("campaigns:reviews", "Readers panel"),
            MenuItem("audiences:list", "Saved audiences"),
        ),
        ("campaigns:*", "sends:*", "audiences:*", "staff:letters*"),
    ),
    Section(
        "accountability",
        "Accountability",
        (
            MenuItem("staff:actions", "Action tracker"),
            MenuItem("staff:action-new", "Add an action"),
            MenuItem("staff:scrutiny-reviews", "Scrutiny reviews"),
            MenuItem("staff:referrals", "Referrals to the Board"),
            MenuItem("staff:equality-assessments", "Equality impact assessments"),
        ),
        # Every scrutiny page but the tracker, which is a report.
        (
            "staff:actions",
            "staff:action-*",
            "staff:referral*",
            "staff:scrutiny-[!t]*",
            "staff:equality-assessment*",
        ),
    ),
    Section(
        "complaints",
        "Complaints",
        (
            MenuItem("staff:complaints", "Complaints"),
            MenuItem("staff:complaint-new", "Record a complaint"),
            MenuItem("staff:complaints-possible", "Possible complaints"),
            MenuItem("staff:complaint-categories", "Complaint categories"),
        ),
        ("staff:complaint*",),
    ),
    REPORTS,
    Section(
        "settings",
        "Settings",
        (
            MenuItem("staff:accounts", "Staff accounts"),
            MenuItem("staff:api-tokens", "API tokens"),
            MenuItem("staff:landlord-settings", "Contact details and pages"),
            MenuItem("staff:audit-log", "Audit log"),
        ),
        (
            "staff:account*",
            "staff:api-token*",
            "staff:landlord-settings",
            "staff:published-page-edit",
            "staff:audit-*",
        ),
    ),
)


def section_of(view_name: str) -> Section | None:
    """The section a page belongs to; reports first, since they sit among other pages' names."""
    for section in (REPORTS, *SECTIONS):
        if any(fnmatchcase(view_name, pattern) for pattern in section.pages):
            return section
    return None


def staff_menu(request: HttpRequest, nation: str | None = None) -> dict[str, Any]:
    """The sections ``request.user`` may open, each with its pages, and which one is current.
    ``nation`` is the landlord's (read here when not given): pages for other nations are left out.

    A section the reader cannot open (a board reader on a survey's results, which sit under
    Have your say) is shown as Reports when the page is one the reader opens as a report.
    """
    user = request.user
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    if nation is None:
        from .selectors import landlord_get

        nation = str(landlord_get().nation)
    sections = []
    for section in SECTIONS:
        items = [
            {"label": item.label, "url": reverse(item.name), "current": reverse(item.name) == request.path}
            for item in section.items
            if can_open(user, item.name) and (not item.nations or nation in item.nations)
        ]
        if items:
            sections.append(
                {"key": section.key, "label": section.label, "url": items[0]["url"], "items": items}
            )
    current_section = section_of(view_name)
    current_key = current_section.key if current_section else ""
    visible = {s["key"] for s in sections}
    if current_key and current_key not in visible and match is not None:
        needed = getattr(match.func, "required_capability", None)
        current_key = REPORTS.key if needed == Capability.VIEW_REPORTS else ""
    current = None
    for entry in sections:
        entry["current"] = entry["key"] == current_key
        if entry["current"]:
            current = entry
    return {"sections": sections, "current": current}


def lazy_staff_menu(request: HttpRequest, nation: str | None = None) -> Callable[[], dict[str, Any]]:
    """:func:`staff_menu` computed once, and only if the template asks for it."""
    cache: dict[str, dict[str, Any]] = {}

    def menu() -> dict[str, Any]:
        if "menu" not in cache:
            cache["menu"] = staff_menu(request, nation)
        return cache["menu"]

    return menu
