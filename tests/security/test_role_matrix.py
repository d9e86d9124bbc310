"""Every URL of the project against every kind of visitor.

``ACCESS`` declares who may use each URL name. A URL added without a declaration fails
``test_every_url_is_declared``, so no page can ship without its row in the matrix. Each
(page, persona) pair is then its own test: allowed visitors get the page (or the page's own
redirect or validation answer), signed-in visitors without the capability get 403, and
anonymous visitors are sent to sign in (the API answers 401).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from tenantvoice.accounts.services import invitation_create
from tenantvoice.accounts.tokens import TokenNotAllowed
from tenantvoice.core.roles import Capability, Role
from tenantvoice.involvement.elections import election_create
from tenantvoice.involvement.models import Group, Level, Opportunity
from tenantvoice.involvement.services import level_join, seat_fill
from tenantvoice.plans.models import StrategyReview
from tenantvoice.residents.models import ImportRun
from tenantvoice.strategies.loader import strategy_load
from tests.complaints.helpers import complaint_answered
from tests.conftest import rows_shared_by_tests, sign_in
from tests.factories import (
    ActionFactory,
    ActivityFactory,
    ConsultationFactory,
    ExpenseClaimFactory,
    GroupFactory,
    InformationRequestFactory,
    ParticipantFactory,
    RecommendationFactory,
    ReferralFactory,
    ReviewFactory,
    ScrutinyReviewFactory,
    SeatHoldingFactory,
    SupportRequestFactory,
    SurveyFactory,
    SurveyInvitationFactory,
    TenancyMemberFactory,
    UserFactory,
    staff_user,
)
from tests.outbox import invitation_token

PUBLIC = "public"  # anyone, signed in or not
RESIDENT = Capability.USE_PORTAL
# Django REST framework endpoints: checked here by session and by token for reading; every
# method against every role is in tests/api/test_access.py.
API = "api"


@dataclass(frozen=True)
class Rule:
    allowed: Any  # PUBLIC, a Capability or API
    method: str = "get"
    # Statuses an allowed visitor may get besides 200: a redirect that is the page's own flow
    # (a form step, sign-out), 400 for an empty POST, 404 for a download with nothing in it.
    ok: tuple[int, ...] = (200,)
    # API endpoints only: the capability needed to read (the view's ``read_capability``).
    reads_with: Capability | None = None
    # API endpoints that only write (a POST step such as acknowledging a complaint): the
    # capability needed to use them; an allowed caller's empty POST gets one of ``ok``.
    writes_with: Capability | None = None
    # The id names the visiting resident's own object (their place at an activity, their
    # membership ...): any other resident gets 404, as if it did not exist
    # (tests/security/test_ownership.py asks one tenant for another's).
    own: bool = False


def api(read_capability: Capability) -> Rule:
    return Rule(API, reads_with=read_capability)


def api_step(read_capability: Capability, write_capability: Capability) -> Rule:
    """A POST-only API step; an allowed caller's empty POST is refused as incomplete (400)."""
    return Rule(API, method="post", ok=(400,), reads_with=read_capability, writes_with=write_capability)


ACCESS: dict[str, Rule] = {
    "home": Rule(PUBLIC, ok=(200, 302)),  # signed-in visitors are sent to their own home
    "health": Rule(PUBLIC),
    "contact": Rule(PUBLIC, ok=(200, 302)),  # staff before MFA are sent to it, as on every page
    "privacy": Rule(PUBLIC, ok=(200, 302)),
    "accessibility": Rule(PUBLIC, ok=(200, 302)),
    "favicon": Rule(PUBLIC, ok=(200, 302)),
    "staff:landlord-settings": Rule(Capability.MANAGE_ACCOUNTS),
    "staff:landlord-reporting": Rule(Capability.MANAGE_ACCOUNTS),
    "staff:published-page-edit": Rule(Capability.MANAGE_ACCOUNTS),
    "accounts:sign-in": Rule(PUBLIC, ok=(200, 302)),
    "accounts:sign-out": Rule(PUBLIC, method="post", ok=(302,)),
    "accounts:mfa": Rule(PUBLIC, ok=(200, 302)),  # only staff are asked; others are sent home
    "accounts:password-reset": Rule(PUBLIC),
    # A made-up link answers 404 with a page saying so.
    "accounts:password-reset-confirm": Rule(PUBLIC, ok=(404,)),
    "accounts:confirm-email": Rule(PUBLIC, ok=(404,)),
    "portal:home": Rule(RESIDENT),
    "portal:sign-up": Rule(PUBLIC, ok=(200, 302)),
    "portal:sign-up-who": Rule(PUBLIC, ok=(200, 302)),
    "portal:sign-up-account": Rule(PUBLIC, ok=(200, 302)),
    "portal:sign-up-code": Rule(PUBLIC, ok=(200, 302)),
    "portal:sign-up-code-enter": Rule(PUBLIC, ok=(200, 302)),
    "portal:account-email": Rule(RESIDENT),
    "portal:invitation": Rule(PUBLIC, ok=(200, 302)),
    "portal:details": Rule(RESIDENT),
    "portal:details-change": Rule(RESIDENT),
    "portal:preferences": Rule(RESIDENT),
    "portal:equality": Rule(RESIDENT),
    "portal:equality-delete": Rule(RESIDENT, method="post", ok=(302,)),
    "portal:data": Rule(RESIDENT),
    "portal:data-json": Rule(RESIDENT),
    "portal:activities": Rule(RESIDENT),
    "portal:activity": Rule(RESIDENT, own=True),  # the resident's own place at an activity
    "portal:rsvp": Rule(RESIDENT, method="post", ok=(302, 400), own=True),
    "portal:expenses": Rule(RESIDENT),
    "portal:messages": Rule(RESIDENT),
    # A referral of a group the resident sits on: anyone else gets 404.
    "portal:referrals": Rule(RESIDENT),
    "portal:referral": Rule(RESIDENT, own=True),
    "staff:referrals": Rule(Capability.VIEW_REPORTS),
    "staff:referral-new": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:referral-detail": Rule(Capability.VIEW_REPORTS),
    "staff:referral-action-add": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    # Complaints: read by those who read residents' records, changed by those who handle them.
    "staff:complaints": Rule(Capability.VIEW_RESIDENTS),
    "staff:complaint": Rule(Capability.VIEW_RESIDENTS),
    "staff:complaint-new": Rule(Capability.HANDLE_COMPLAINTS),
    "staff:complaint-categories": Rule(Capability.HANDLE_COMPLAINTS),
    "staff:complaint-category": Rule(Capability.HANDLE_COMPLAINTS),
    "staff:complaint-respond": Rule(Capability.HANDLE_COMPLAINTS),
    "staff:complaint-determination": Rule(Capability.HANDLE_COMPLAINTS),
    # Possible complaints found in what residents wrote; publishing a complaint's learning.
    "staff:complaints-possible": Rule(Capability.VIEW_RESIDENTS),
    "staff:complaints-possible-scan": Rule(Capability.HANDLE_COMPLAINTS, method="post", ok=(302,)),
    # The first allowed visitor records it; the next is told it was decided already.
    "staff:complaints-possible-record": Rule(Capability.HANDLE_COMPLAINTS, method="post", ok=(302, 400)),
    "staff:complaints-possible-dismiss": Rule(Capability.HANDLE_COMPLAINTS, method="post", ok=(400,)),
    "staff:complaint-learning-outcome": Rule(Capability.HANDLE_COMPLAINTS),
    **{
        f"staff:complaint-{step}": Rule(Capability.HANDLE_COMPLAINTS, method="post", ok=(400,))
        for step in (
            "assign",
            "acknowledge",
            "extend",
            "escalate",
            "refuse",
            "withdraw",
            "new-issue",
            "from-request",
            "close-request",
            "learning",
            "ombudsman",
            "remedy-paid",
            "order-complied",
        )
    },
    # The resident's own complaints: anyone else's is not found.
    "portal:complaints": Rule(RESIDENT),
    "portal:complaint-new": Rule(RESIDENT),
    "portal:complaint": Rule(RESIDENT, own=True),
    "portal:complaint-made": Rule(RESIDENT, own=True),
    "portal:complaint-escalate": Rule(RESIDENT, method="post", ok=(302, 400), own=True),
    "notify-callback": Rule(PUBLIC, method="post", ok=(401, 302)),  # needs Notify's bearer token
    "unsubscribe": Rule(PUBLIC, ok=(200, 302)),  # the link in news: a confirm page, no sign-in
    "consultations": Rule(PUBLIC, ok=(200, 302)),
    "consultation": Rule(PUBLIC, ok=(200, 302)),
    "consultation-reply": Rule(RESIDENT, method="post", ok=(302, 400)),
    "consultation-document": Rule(PUBLIC, ok=(200, 302)),
    "staff-consultations:list": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff-consultations:new": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff-consultations:consultation-detail": Rule(Capability.MANAGE_INVOLVEMENT),
    # An empty POST: the page again with its problems (400), or a redirect with a message.
    "staff-consultations:open": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(200, 400)),
    "staff-consultations:reply": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    "staff-consultations:decide": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    "staff-consultations:feedback": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    "staff-consultations:document": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    # The consultation is open: its wording only, and removing a document is refused (400).
    "staff-consultations:consultation-edit": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff-consultations:consultation-document-remove": Rule(
        Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)
    ),
    "surveys:list": Rule(Capability.MANAGE_INVOLVEMENT),
    "surveys:new": Rule(Capability.MANAGE_INVOLVEMENT),
    "surveys:survey-detail": Rule(Capability.MANAGE_INVOLVEMENT),
    "surveys:question-new": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    # The survey is open: its wording only; a question's edit page sends the officer there (302).
    "surveys:survey-edit": Rule(Capability.MANAGE_INVOLVEMENT),
    "surveys:question-edit": Rule(Capability.MANAGE_INVOLVEMENT, ok=(302,)),
    "surveys:survey-action": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "surveys:paper-entry": Rule(Capability.MANAGE_INVOLVEMENT),
    "surveys:survey-preview": Rule(Capability.MANAGE_INVOLVEMENT),
    "surveys:responses-upload": Rule(Capability.MANAGE_INVOLVEMENT),
    "surveys:survey-results": Rule(Capability.VIEW_REPORTS),  # no personal data: counts, suppressed
    "surveys:survey-report": Rule(Capability.VIEW_REPORTS),
    "surveys:peers": Rule(Capability.MANAGE_INVOLVEMENT),
    "surveys:survey-translate": Rule(Capability.MANAGE_INVOLVEMENT),
    "survey-link": Rule(PUBLIC, ok=(200, 302, 404)),  # the token is the key; a made-up one is 404
    "survey-open": Rule(PUBLIC, ok=(200, 302)),
    "you-said-we-did": Rule(PUBLIC, ok=(200, 302)),
    "you-said-we-did-actions": Rule(PUBLIC, ok=(200, 302)),
    "portal:surveys": Rule(RESIDENT),
    "portal:survey": Rule(RESIDENT, own=True),  # a survey the resident was invited to (not public)
    "programme:list": Rule(Capability.MANAGE_INVOLVEMENT),
    "programme:new": Rule(Capability.MANAGE_INVOLVEMENT),
    "programme:programme-detail": Rule(Capability.VIEW_REPORTS),  # the Board may follow it
    "programme:milestone-done": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302,)),
    "paper-download": Rule(PUBLIC, ok=(200, 302, 404), own=True),  # 404 for anyone not invited
    "staff:activity-change": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:paper-new": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:papers-send": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "staff:expenses-report": Rule(Capability.VIEW_REPORTS),
    "campaigns:list": Rule(Capability.MANAGE_MESSAGES),
    "campaigns:new": Rule(Capability.MANAGE_MESSAGES),
    "campaigns:outbox": Rule(Capability.MANAGE_MESSAGES),
    "sends:list": Rule(Capability.MANAGE_INVOLVEMENT),
    "sends:progress": Rule(Capability.MANAGE_INVOLVEMENT),
    "sends:carry-on": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "campaigns:templates": Rule(Capability.MANAGE_MESSAGES),
    "campaigns:template": Rule(Capability.MANAGE_MESSAGES),
    "campaigns:template-restore": Rule(Capability.MANAGE_MESSAGES, method="post", ok=(302,)),
    "campaigns:template-preview": Rule(Capability.MANAGE_MESSAGES),
    "campaigns:reviews": Rule(Capability.MANAGE_MESSAGES),
    "campaigns:review-new": Rule(Capability.MANAGE_MESSAGES),
    "campaigns:review": Rule(Capability.MANAGE_MESSAGES),
    "review-document": Rule(PUBLIC, ok=(200, 302, 404), own=True),  # 404 for anyone not on the panel
    "portal:reviews": Rule(RESIDENT),
    "portal:review": Rule(RESIDENT, own=True),  # sent to a panel the resident sits on
    "campaigns:outbox-retry": Rule(Capability.MANAGE_MESSAGES, method="post", ok=(302, 400)),
    "campaigns:campaign-detail": Rule(Capability.MANAGE_MESSAGES),
    "campaigns:campaign-send": Rule(Capability.MANAGE_MESSAGES, method="post", ok=(302, 400)),
    "audiences:list": Rule(Capability.MANAGE_MESSAGES),
    "audiences:new": Rule(Capability.MANAGE_MESSAGES),
    "audiences:segment-detail": Rule(Capability.MANAGE_MESSAGES),
    "audiences:segment-edit": Rule(Capability.MANAGE_MESSAGES),
    # Without a characteristic and a category the page says where its links come from.
    "audiences:target": Rule(Capability.MANAGE_MESSAGES),
    "audiences:profiles": Rule(Capability.VIEW_REPORTS),
    # 404: an earlier persona in the loop already deleted it.
    "audiences:segment-delete": Rule(Capability.MANAGE_MESSAGES, method="post", ok=(302, 404)),
    # A staff session that has not passed MFA is sent to finish signing in first.
    "involvement:menu": Rule(PUBLIC, ok=(200, 302)),
    "involvement:levels": Rule(PUBLIC, ok=(200, 302)),
    "involvement:how": Rule(PUBLIC, ok=(200, 302)),
    "involvement:mine": Rule(RESIDENT),
    "involvement:join": Rule(RESIDENT),
    "involvement:leave": Rule(RESIDENT, method="post", ok=(302,), own=True),
    "involvement:offer": Rule(RESIDENT, method="post", ok=(302, 400), own=True),
    "staff:involvement": Rule(Capability.VIEW_RESIDENTS),
    "staff:involvement-level": Rule(Capability.VIEW_RESIDENTS),
    "staff:involvement-decide": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "staff:resident-involvement": Rule(Capability.VIEW_RESIDENTS),
    "staff:group-detail": Rule(Capability.VIEW_RESIDENTS),
    "staff:seat-new": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:seat-nomination-new": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:group-recognition": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:seat-end": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:level-leaving": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:role-new": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "involvement:elections": Rule(RESIDENT),
    "involvement:ballot": Rule(RESIDENT, ok=(200, 404)),  # 404: no ballot open for this voter
    "involvement:results": Rule(PUBLIC, ok=(200, 302, 404)),  # 404 until published
    "staff:elections": Rule(Capability.VIEW_RESIDENTS),
    "staff:election-detail": Rule(Capability.VIEW_RESIDENTS),
    "staff:election-action": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "calendar": Rule(PUBLIC, ok=(200, 302)),
    "calendar-ics": Rule(PUBLIC, ok=(200, 302)),
    "group-calendar-ics": Rule(PUBLIC, ok=(200, 302)),
    "staff:activities": Rule(Capability.VIEW_RESIDENTS),
    "staff:activity-new": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:activity-detail": Rule(Capability.VIEW_RESIDENTS),
    "staff:activity-register": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302,)),
    # The first press shows the confirmation page (200); pressing it there sends (302).
    "staff:activity-invite": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(200, 302)),
    "staff:activity-cancel": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "staff:activity-move": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "staff:activity-people": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:activity-walk-in": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:letters": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:letters-pdf": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:venues": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:letters-printed": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302,)),
    "staff:activity-minutes": Rule(Capability.MANAGE_INVOLVEMENT),
    # Without a saved draft the preview sends the officer back to write one (302).
    "staff:activity-minutes-preview": Rule(Capability.MANAGE_INVOLVEMENT, ok=(200, 302)),
    "staff:activity-action-add": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "staff:actions": Rule(Capability.VIEW_REPORTS),
    "staff:action-detail": Rule(Capability.VIEW_REPORTS),
    "staff:action-plan-report": Rule(Capability.VIEW_REPORTS),
    "staff:strategy-reviews": Rule(Capability.VIEW_REPORTS),
    "staff:strategy-review-record": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:scrutiny-reviews": Rule(Capability.VIEW_REPORTS),
    "staff:scrutiny-review": Rule(Capability.VIEW_REPORTS),
    "staff:scrutiny-tracker": Rule(Capability.VIEW_REPORTS),
    "staff:scrutiny-review-new": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:scrutiny-review-edit": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:scrutiny-milestone": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:scrutiny-request-answer": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:scrutiny-response": Rule(Capability.MANAGE_INVOLVEMENT),
    # An empty POST: the review page again with the form's problems (400); publishing a review
    # already published, or saving its report again, goes back to the page (302).
    "staff:scrutiny-stage": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    "staff:scrutiny-committee": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    "staff:scrutiny-milestone-new": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    "staff:scrutiny-request-new": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    "staff:scrutiny-evidence-new": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    "staff:scrutiny-finding-new": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    "staff:scrutiny-recommendation-new": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    "staff:scrutiny-report": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "staff:scrutiny-publish": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "staff:scrutiny-outcome": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    "portal:scrutiny-reviews": Rule(RESIDENT),
    "portal:scrutiny-review": Rule(RESIDENT, own=True),  # a review of a panel the resident sits on
    "scrutiny": Rule(PUBLIC, ok=(200, 302)),
    "scrutiny-tracker": Rule(PUBLIC, ok=(200, 302)),
    "scrutiny-review": Rule(PUBLIC, ok=(200, 302)),  # published: the world's review is
    "scrutiny-report-file": Rule(PUBLIC, ok=(200, 302)),
    # 404 for anyone not on the panel who cannot read reports.
    "scrutiny-evidence-file": Rule(PUBLIC, ok=(200, 302, 404), own=True),
    "staff:action-new": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:action-change": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:action-sub-action-new": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:action-retest": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:information-requests": Rule(Capability.VIEW_RESIDENTS),
    "staff:information-request-answer": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:standards-report": Rule(Capability.VIEW_REPORTS),
    "staff:expenses": Rule(Capability.VIEW_RESIDENTS),
    "staff:expense-action": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "staff:support-update": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "staff:resident-hours": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "staff:quarterly-return": Rule(Capability.VIEW_REPORTS),
    "staff:involvement-report": Rule(Capability.VIEW_REPORTS),
    "staff:governance-timetable": Rule(Capability.VIEW_REPORTS),
    "staff:home": Rule(Capability.USE_STAFF_AREA),
    "staff:reports": Rule(Capability.VIEW_REPORTS),
    "staff:resident-search": Rule(Capability.VIEW_RESIDENTS),
    "staff:resident-pick": Rule(Capability.VIEW_RESIDENTS),  # the picker's JSON search
    "staff:area-pick": Rule(Capability.USE_STAFF_AREA),  # the area picker's JSON search
    "staff:resident-detail": Rule(Capability.VIEW_RESIDENTS),
    "staff:resident-change": Rule(Capability.EDIT_RESIDENTS),
    "staff:resident-preferences": Rule(Capability.EDIT_RESIDENTS),
    "staff:resident-equality": Rule(Capability.VIEW_EQUALITY_DATA),
    "staff:resident-invite": Rule(Capability.EDIT_RESIDENTS, method="post", ok=(302, 400)),
    "staff:audit-log": Rule(Capability.VIEW_AUDIT_LOG),
    "staff:accounts": Rule(Capability.MANAGE_ACCOUNTS),
    "staff:account-new": Rule(Capability.MANAGE_ACCOUNTS),
    "staff:account-detail": Rule(Capability.MANAGE_ACCOUNTS),
    "staff:account-role": Rule(Capability.MANAGE_ACCOUNTS, method="post", ok=(400,)),
    "staff:account-active": Rule(Capability.MANAGE_ACCOUNTS, method="post", ok=(400,)),
    "staff:account-mfa-reset": Rule(Capability.MANAGE_ACCOUNTS, method="post", ok=(302,)),
    "staff:api-tokens": Rule(Capability.MANAGE_ACCOUNTS),
    "staff:api-token-revoke": Rule(Capability.MANAGE_ACCOUNTS, method="post", ok=(302, 400)),
    "staff:audit-export": Rule(Capability.VIEW_AUDIT_LOG),
    "staff:import-list": Rule(Capability.RUN_IMPORTS),
    "staff:import-new": Rule(Capability.RUN_IMPORTS),
    "staff:import-detail": Rule(Capability.RUN_IMPORTS),
    "staff:import-confirm": Rule(Capability.RUN_IMPORTS, method="post", ok=(302, 400)),
    "staff:import-errors": Rule(Capability.RUN_IMPORTS, ok=(200, 404)),
    # The OpenAPI description of the endpoints: documentation, no data.
    "api:schema": api(Capability.USE_STAFF_AREA),
    "api:area-list": api(Capability.VIEW_RESIDENTS),
    "api:area-detail": api(Capability.VIEW_RESIDENTS),
    "api:property-list": api(Capability.VIEW_RESIDENTS),
    "api:property-detail": api(Capability.VIEW_RESIDENTS),
    "api:tenancy-list": api(Capability.VIEW_RESIDENTS),
    "api:tenancy-detail": api(Capability.VIEW_RESIDENTS),
    "api:resident-list": api(Capability.VIEW_RESIDENTS),
    "api:resident-detail": api(Capability.VIEW_RESIDENTS),
    "api:consultation-list": api(Capability.VIEW_REPORTS),
    "api:consultation-detail": api(Capability.VIEW_REPORTS),
    "api:survey-programme-list": api(Capability.VIEW_REPORTS),
    "api:survey-list": api(Capability.VIEW_REPORTS),
    "api:survey-detail": api(Capability.VIEW_REPORTS),
    "api:scrutiny-review-list": api(Capability.VIEW_REPORTS),
    "api:scrutiny-review-detail": api(Capability.VIEW_REPORTS),
    "api:scrutiny-evidence-list": api(Capability.VIEW_REPORTS),
    "api:scrutiny-evidence-detail": api(Capability.VIEW_REPORTS),
    "api:scrutiny-recommendation-list": api(Capability.VIEW_REPORTS),
    "api:scrutiny-recommendation-detail": api(Capability.VIEW_REPORTS),
    "api:survey-add-response": api(Capability.VIEW_REPORTS),
    "api:survey-results": api(Capability.VIEW_REPORTS),
    "api:survey-programme-detail": api(Capability.VIEW_REPORTS),
    "api:segment-list": api(Capability.VIEW_REPORTS),
    "api:segment-detail": api(Capability.VIEW_REPORTS),
    "api:customer-profiles": api(Capability.VIEW_REPORTS),
    "api:level-list": api(Capability.VIEW_RESIDENTS),
    "api:level-detail": api(Capability.VIEW_RESIDENTS),
    "api:group-list": api(Capability.VIEW_RESIDENTS),
    "api:group-detail": api(Capability.VIEW_RESIDENTS),
    "api:level-membership-list": api(Capability.VIEW_RESIDENTS),
    "api:level-membership-detail": api(Capability.VIEW_RESIDENTS),
    "api:opportunity-list": api(Capability.VIEW_RESIDENTS),
    "api:opportunity-detail": api(Capability.VIEW_RESIDENTS),
    "api:seat-holding-list": api(Capability.VIEW_RESIDENTS),
    "api:seat-holding-detail": api(Capability.VIEW_RESIDENTS),
    "api:election-list": api(Capability.VIEW_RESIDENTS),
    "api:election-detail": api(Capability.VIEW_RESIDENTS),
    "api:activity-list": api(Capability.VIEW_RESIDENTS),
    "api:activity-detail": api(Capability.VIEW_RESIDENTS),
    "api:action-list": api(Capability.VIEW_REPORTS),
    "api:referral-list": api(Capability.VIEW_REPORTS),
    "api:referral-detail": api(Capability.VIEW_REPORTS),
    "api:action-detail": api(Capability.VIEW_REPORTS),
    "api:action-progress": api(Capability.VIEW_REPORTS),  # GET its history; POST needs MANAGE_INVOLVEMENT
    "api:complaint-list": api(Capability.VIEW_RESIDENTS),  # POST (record one) needs HANDLE_COMPLAINTS
    "api:complaint-detail": api(Capability.VIEW_RESIDENTS),
    "api:complaint-assign": api_step(Capability.VIEW_RESIDENTS, Capability.HANDLE_COMPLAINTS),
    "api:complaint-acknowledge": api_step(Capability.VIEW_RESIDENTS, Capability.HANDLE_COMPLAINTS),
    "api:complaint-extend": api_step(Capability.VIEW_RESIDENTS, Capability.HANDLE_COMPLAINTS),
    "api:complaint-respond": api_step(Capability.VIEW_RESIDENTS, Capability.HANDLE_COMPLAINTS),
    "api:complaint-escalate": api_step(Capability.VIEW_RESIDENTS, Capability.HANDLE_COMPLAINTS),
    "api:complaint-category-list": api(Capability.VIEW_REPORTS),
    "api:complaint-category-detail": api(Capability.VIEW_REPORTS),
    "api:complaints-report": api(Capability.VIEW_REPORTS),
    "api:representation-report": api(Capability.VIEW_REPORTS),
    # Indicators (issue 19 item 1): read by readers of reports; values typed in by involvement officers.
    "api:indicator-list": api(Capability.VIEW_REPORTS),
    "api:indicator-detail": api(Capability.VIEW_REPORTS),
    "api:indicator-record-value": api_step(Capability.VIEW_REPORTS, Capability.MANAGE_INVOLVEMENT),
    "api:indicators-report": api(Capability.VIEW_REPORTS),
    # Board packs (decision 0052): Board readers read them; officers make them.
    "api:board-pack-list": api(Capability.VIEW_REPORTS),
    "api:board-pack-detail": api(Capability.VIEW_REPORTS),
    "staff:board-packs": Rule(Capability.VIEW_REPORTS),
    "staff:board-pack": Rule(Capability.VIEW_REPORTS),
    "staff:board-pack-pdf": Rule(Capability.VIEW_REPORTS),
    "staff:board-pack-new": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:board-pack-compose": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:board-pack-change": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:board-pack-narrative": Rule(Capability.MANAGE_INVOLVEMENT),
    # Each allowed persona posts in turn: the first makes the pack final (302), the next is
    # refused as it is final (400); the first removes the section, the next finds none (404).
    "staff:board-pack-final": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    # A second officer finds the first one's job still waiting: refused in words.
    "staff:board-pack-redraw-all": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "staff:board-pack-drawing": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:board-pack-move": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    "staff:board-pack-redraw": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302,)),
    "staff:board-pack-remove": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 404)),
    "staff:indicators": Rule(Capability.VIEW_REPORTS),
    "staff:indicator": Rule(Capability.VIEW_REPORTS),
    "staff:indicator-new": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:indicator-edit": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:indicator-value": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:indicator-target": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:indicator-compute": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:indicator-values-import": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:indicator-peers": Rule(Capability.MANAGE_INVOLVEMENT),
    "api:value-for-money": api(Capability.VIEW_REPORTS),
    "staff:value-for-money": Rule(Capability.VIEW_REPORTS),
    "staff:value-for-money-cost-new": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:value-for-money-cost": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:value-for-money-cost-delete": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:charter": Rule(Capability.VIEW_REPORTS),
    "staff:charter-report": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    # The world's report is published already: publishing again is refused on the page.
    "staff:charter-publish": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    "staff:charter-comment-read": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302,)),
    "staff:charter-comment-reply": Rule(Capability.MANAGE_INVOLVEMENT),
    "api:charter-report": api(Capability.VIEW_REPORTS),
    "portal:charter-reports": Rule(RESIDENT),
    "portal:charter-report": Rule(RESIDENT),
    # The annual report to residents (decision 0057): anyone reads a published report; Board
    # readers read drafts; officers make, approve and publish it. The world's report is
    # published, so changing it is refused on the page (400).
    "annual-reports": Rule(PUBLIC, ok=(200, 302)),
    "annual-report": Rule(PUBLIC, ok=(200, 302)),
    "annual-report-easy-read": Rule(PUBLIC, ok=(200, 302)),
    "annual-report-pdf": Rule(PUBLIC, ok=(200, 302)),
    "portal:annual-report-comment": Rule(RESIDENT),
    "api:annual-report-list": api(Capability.VIEW_REPORTS),
    "api:annual-report-detail": api(Capability.VIEW_REPORTS),
    "staff:annual-reports": Rule(Capability.VIEW_REPORTS),
    "staff:annual-report-preview": Rule(Capability.VIEW_REPORTS),
    "staff:annual-report-easy-read-preview": Rule(Capability.VIEW_REPORTS),
    "staff:annual-report-pdf": Rule(Capability.VIEW_REPORTS),
    "staff:annual-report": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:annual-report-words": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:annual-report-chapter-words": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:annual-report-drawing": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:annual-report-start": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    "staff:annual-report-redraw": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    "staff:annual-report-approve": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    "staff:annual-report-reopen": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    "staff:annual-report-publish": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    # Without confirm=yes the button shows who the letters reach (the confirmation page).
    "staff:annual-report-letters": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(200,)),
    "staff:annual-report-chapter-redraw": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    "staff:annual-report-chapter-include": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(400,)),
    "staff:annual-report-comment-read": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "staff:annual-report-comment-reply": Rule(Capability.MANAGE_INVOLVEMENT),
    "api:reports-due": api(Capability.VIEW_REPORTS),
    "api:report-presentation-list": api(Capability.VIEW_REPORTS),
    "api:report-presentation-detail": api(Capability.VIEW_REPORTS),
    "staff:reporting-timetable": Rule(Capability.VIEW_REPORTS),
    "staff:reporting-duty": Rule(Capability.VIEW_REPORTS),
    "staff:reporting-draft": Rule(Capability.VIEW_REPORTS),
    "staff:reporting-present": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:reporting-presentation": Rule(Capability.VIEW_REPORTS),
    "staff:reporting-presentation-remove": Rule(Capability.MANAGE_INVOLVEMENT),
    # Complaints in numbers, the annual report and the self-assessment (issue 17 item 7).
    "staff:complaints-report": Rule(Capability.VIEW_REPORTS),
    # Who takes part (issue 18): figures of groups, for readers of reports.
    "staff:representation-report": Rule(Capability.VIEW_REPORTS),
    "staff:representation-over-time-report": Rule(Capability.VIEW_REPORTS),
    "staff:representation-board-report": Rule(Capability.VIEW_REPORTS),
    "staff:complaints-annual-report": Rule(Capability.VIEW_REPORTS),
    "staff:complaints-self-assessment": Rule(Capability.VIEW_REPORTS),
    # Both records are published in the world, so each change is refused (400) or the form is.
    "staff:complaints-annual-report-save": Rule(Capability.HANDLE_COMPLAINTS, method="post", ok=(302, 400)),
    "staff:complaints-annual-report-present": Rule(
        Capability.HANDLE_COMPLAINTS, method="post", ok=(302, 400)
    ),
    "staff:complaints-annual-report-publish": Rule(
        Capability.HANDLE_COMPLAINTS, method="post", ok=(302, 400)
    ),
    "staff:complaints-self-assessment-start": Rule(
        Capability.HANDLE_COMPLAINTS, method="post", ok=(302, 400)
    ),
    "staff:complaints-self-assessment-item": Rule(Capability.HANDLE_COMPLAINTS, method="post", ok=(302, 400)),
    "staff:complaints-self-assessment-action": Rule(
        Capability.HANDLE_COMPLAINTS, method="post", ok=(302, 400)
    ),
    "staff:complaints-self-assessment-provision": Rule(
        Capability.HANDLE_COMPLAINTS, method="post", ok=(302, 400)
    ),
    "staff:complaints-self-assessment-present": Rule(
        Capability.HANDLE_COMPLAINTS, method="post", ok=(302, 400)
    ),
    "staff:complaints-self-assessment-publish": Rule(
        Capability.HANDLE_COMPLAINTS, method="post", ok=(302, 400)
    ),
    "complaints-reports": Rule(PUBLIC, ok=(200, 302)),
    "complaints-annual-report": Rule(PUBLIC, ok=(200, 302)),
    "complaints-self-assessment": Rule(PUBLIC, ok=(200, 302)),
    # Equality impact assessments (issue 18 item 4; decision 0049): counts of groups only.
    "staff:equality-assessments": Rule(Capability.VIEW_REPORTS),
    "staff:equality-assessment": Rule(Capability.VIEW_REPORTS),
    "staff:equality-assessment-new": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:equality-assessment-change": Rule(Capability.MANAGE_INVOLVEMENT),
    "staff:equality-assessment-profile": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "staff:equality-assessment-finding": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "staff:equality-assessment-mitigation": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "staff:equality-assessment-complete": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "staff:equality-assessment-review": Rule(Capability.MANAGE_INVOLVEMENT, method="post", ok=(302, 400)),
    "api:equality-assessment-list": api(Capability.VIEW_REPORTS),  # POST (make one) needs MANAGE_INVOLVEMENT
    "api:equality-assessment-detail": api(Capability.VIEW_REPORTS),
}

# Views without require_capability, and why they may be used without one.
OPEN_VIEWS = {
    "home": "sends each visitor to the right start page",
    "health": "load balancers' health check; says nothing about data",
    "contact": "the landlord's published contact details",
    "privacy": "the privacy notice the landlord must publish (UK GDPR Articles 13 and 14)",
    "accessibility": "the accessibility statement the landlord must publish",
    "favicon": "the site's icon",
    "accounts:sign-in": "signing in",
    "accounts:sign-out": "signing out",
    "accounts:mfa": "the second sign-in step; checks the session itself",
    "portal:sign-up": "residents create accounts",
    "portal:sign-up-who": "sign-up step",
    "portal:sign-up-account": "sign-up step",
    "portal:invitation": "an invitation link",
    "portal:sign-up-code": "sign-up step: where to send a code",
    "portal:sign-up-code-enter": "sign-up step: entering the code",
    "accounts:password-reset": "asking for a reset link; the same answer for any address",
    "accounts:password-reset-confirm": "a reset link: the signed token is the key",
    "accounts:confirm-email": "an email confirmation link: the signed token is the key",
    "involvement:menu": "the public menu of ways to get involved",
    "involvement:levels": "the public comparison of levels",
    "involvement:how": "the public page of every rule and where it comes from",
    "involvement:results": "published election results, public like any election's",
    "calendar": "the public calendar of activities",
    "calendar-ics": "the public calendar as iCal",
    "survey-link": "a resident's personal survey link: the token is the key, one response per token",
    "survey-open": "a public survey's open link, rate-limited per connection",
    "you-said-we-did": "published outcomes of surveys and consultations",
    "scrutiny": "the public list of published scrutiny reviews",
    "scrutiny-tracker": "the public scrutiny tracker: published reviews only, no names",
    "scrutiny-review": "a published scrutiny review (others are not found)",
    "scrutiny-report-file": "checks itself: public once published, else readers of reports and the panel",
    "scrutiny-evidence-file": "checks itself: readers of reports and members of the review's panel",
    "you-said-we-did-actions": "the actions the landlord has chosen to show residents",
    "review-document": "checks itself: officers, and members of the group it was sent to",
    "paper-download": "checks itself: staff who see activities and the activity's participants only",
    "consultations": "the public list of consultations",
    "consultation": "a consultation's public page (drafts are not found)",
    "consultation-document": "a consultation's documents: public once it opens, officers only before",
    "notify-callback": "GOV.UK Notify's delivery receipts; checks its own bearer token",
    "unsubscribe": "the signed link in news; it can only stop news for the resident it was made for",
    "group-calendar-ics": "a group's calendar as iCal; members-only meetings show no details",
    "complaints-reports": "the list of published complaints reports and self-assessments",
    "complaints-annual-report": "a published annual complaints report (others are not found); no names",
    "annual-reports": "the list of published annual reports to residents",
    "annual-report": "a published annual report to residents (others are not found); no names",
    "annual-report-easy-read": "its easy-read version",
    "annual-report-pdf": "its PDF",
    "complaints-self-assessment": "a published self-assessment against the Code (others are not found)",
}

PERSONAS = (
    "anonymous",
    "resident",
    "stranger",  # a resident with an account and no involvement: none of the resident's objects
    "administrator",
    "officer",
    "manager",
    "board",
    "staff_without_mfa",
    "inactive",
)
STAFF = {
    "administrator": Role.ADMINISTRATOR,
    "officer": Role.ENGAGEMENT_OFFICER,
    "manager": Role.MANAGER,
    "board": Role.BOARD_READER,
}


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            yield from _walk(pattern.url_patterns, f"{namespace}:{inner}".strip(":") if inner else namespace)
        elif pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern


def url_names() -> set[str]:
    return {name for name, _ in _walk(get_resolver().url_patterns)}


def test_every_url_is_declared() -> None:
    undeclared = url_names() - set(ACCESS)
    assert not undeclared, f"Declare who may use these URLs in ACCESS: {sorted(undeclared)}"


def test_every_declared_url_exists() -> None:
    assert not set(ACCESS) - url_names()


def test_every_page_names_its_capability_or_says_why_not() -> None:
    for name, pattern in _walk(get_resolver().url_patterns):
        if name in OPEN_VIEWS:
            continue
        callback = pattern.callback
        if hasattr(callback, "cls"):  # Django REST framework: permission classes
            classes = callback.cls.permission_classes
            assert classes and "AllowAny" not in {c.__name__ for c in classes}, name
            # The matrix's declaration must be the capability the endpoint really asks for.
            assert getattr(callback.cls, "read_capability", None) == ACCESS[name].reads_with, name
            continue
        assert getattr(callback, "required_capability", None), f"{name} has no require_capability"


def test_every_open_view_is_declared_public() -> None:
    """A view excused from require_capability must also be open in the matrix, and exist."""
    assert set(OPEN_VIEWS) <= url_names()
    assert all(ACCESS[name].allowed == PUBLIC for name in OPEN_VIEWS)


def world_build() -> dict[str, Any]:
    """One of everything the URLs need: a resident (tenant one, whose objects the URLs name), an
    import, an invitation; the people who visit; a stranger and a neighbour (tenant two) with
    objects of their own (tests/security/test_ownership.py)."""
    member = TenancyMemberFactory()
    resident = member.resident
    resident.email = "tenant@example.org"
    resident.save()
    run = ImportRun.objects.create(
        original_name="hms.csv",
        file="imports/hms.csv",
        status="checked",
        dry_run=True,
        errors=[{"row": 2, "column": "email", "value": "x", "problem": "bad", "message": "Row 2"}],
        error_count=1,
    )
    admin = staff_user(Role.ADMINISTRATOR, "inviter@example.org")
    invited = TenancyMemberFactory().resident_id
    invitation_create(resident_id=invited, created_by=admin)
    token = invitation_token(invited)  # only the message sent to the resident holds it
    strategy_load("southway")
    level = Level.objects.get(slug="collective")
    membership = level_join(resident=resident, level=level, consent_wording="I agree")
    group = Group.objects.get(slug="southway-consultative-group")
    holding = seat_fill(
        category=group.seat_categories.get(slug="ward-councillors"),
        person_name="Cllr A",
        started_on=dt.date(2026, 1, 1),
    )
    election = election_create(
        category=group.seat_categories.get(slug="elected-tenants"),
        title="SCG 2026",
        seats=7,
        nominations_close_on=dt.date(2026, 1, 1),
        voting_opens_on=dt.date(2026, 1, 2),
        voting_closes_on=dt.date(2026, 1, 3),
    )

    activity = ActivityFactory(
        title="Panel meeting",
        group=group,
        starts_at=timezone.now(),
        ends_at=timezone.now() + dt.timedelta(hours=2),
        format="online",
    )

    action = ActionFactory(
        activity=activity, title="Chase repairs", owner_name="Olu", due_on=dt.date(2026, 1, 10), public=True
    )
    information_request = InformationRequestFactory(
        group=group, received_on=dt.date(2026, 1, 5), question="Void rates?", resident=None
    )

    place = ParticipantFactory(activity=activity, resident=resident)
    from decimal import Decimal

    claim = ExpenseClaimFactory(resident=resident, description="Bus", amount=Decimal("4.50"))
    support = SupportRequestFactory(participant=place, kind="hearing_loop")
    world = {
        "claim": claim,
        "support": support,
        "place": place,
        "action": action,
        "information_request": information_request,
        "activity": activity,
        "election": election,
        "resident": resident,
        "run": run,
        "token": token,
        "staff_account": staff_user(Role.ENGAGEMENT_OFFICER, "colleague@example.org"),
        "level": level,
        "group": group,
        "membership": membership,
        "holding": holding,
        "opportunity": Opportunity.objects.order_by("pk").first(),
        # Southway's strategy reviews itself every 12 months: its first review, waiting.
        "strategy_review": StrategyReview.objects.get(),
    }
    # What only some URLs need, made now so that every test shares it.
    for make in (
        _consultation_objects,
        _send_run,
        _paper,
        _review,
        _programme_objects,
        _messaging_objects,
        _scrutiny,
        _complaints,
        _complaint_reports,
        _equality_assessment,
        _charter,
        _annual_report,
    ):
        make(world)
    world["invited_survey"] = _invited_survey(resident)
    world["referral"] = ReferralFactory(group=_panel(resident), title="Lighting on the estate")
    world["stranger"] = TenancyMemberFactory().resident  # a tenant with no involvement at all
    world["users"] = _visitors(world)
    world["sessions"] = {persona: _session(persona, user) for persona, user in world["users"].items()}
    world["neighbour"] = _neighbour()
    return world


@pytest.fixture(scope="module")
def module_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with rows_shared_by_tests(django_db_blocker):
        yield world_build()


@pytest.fixture
def world(module_world: dict[str, Any], db: None) -> dict[str, Any]:
    """The module's world, built once rather than for each of the 245 tests (decision 0037).
    Each test writes inside its own savepoint, rolled back after it; the objects are copied
    so that nothing a test changes on them reaches the next test (as Django's setUpTestData)."""
    return copy.deepcopy(module_world)


def _kwargs(pattern: URLPattern, world: dict[str, Any]) -> dict[str, Any]:
    names = set(pattern.pattern.regex.groupindex)
    name = pattern.name or ""
    if "uidb64" in names:
        return {"uidb64": "MQ", "token": "made-up-token"}
    if "token" in names:
        return {"token": world["token"]}
    if "page" in names:
        return {"page": "privacy"}
    if "slug" in names and name.startswith("template"):
        return {"slug": "activity_invitation"}
    if "slug" in names:
        return {"slug": world["group"].slug if "seat" in name or "group" in name else world["level"].slug}
    if names & {"year", "pk"} and name.startswith("annual-report"):
        report = _annual_report(world)
        if "year" in names:
            return {"year": report.year}
        if name.startswith("annual-report-chapter"):
            return {"pk": report.chapters.order_by("pk").first().pk}
        if name in ("annual-report-comment-read", "annual-report-comment-reply"):
            return {"pk": report.comments.order_by("pk").first().pk}
        return {"pk": report.pk}
    if "year" in names and name.startswith("charter"):
        return {"year": _charter(world).report.year}
    if "pk" in names and name.startswith("charter"):
        return {"pk": _charter(world).pk}
    if "year" in names:
        return {"year": _complaint_reports(world)["year"]}
    if "aspect" in names:
        return {"pk": _equality_assessment(world).pk, "aspect": "age"}
    if "pk" in names:
        if name.startswith("indicator"):
            return {"pk": _indicator(world).pk}
        if name.startswith("value-for-money-cost"):
            from tests.factories import InvolvementCostFactory

            return {"pk": InvolvementCostFactory().pk}
        if name.startswith(("reporting-presentation", "report-presentation")):
            return {"pk": _report_presented(world).pk}
        if name.startswith("reporting"):
            return {"pk": _report_presented(world).duty_id}
        if name in ("board-pack-narrative", "board-pack-move", "board-pack-redraw", "board-pack-remove"):
            return {"pk": _board_pack(world).sections.order_by("pk").first().pk}
        if name.startswith("board-pack"):
            return {"pk": _board_pack(world).pk}
        if name.startswith("equality-assessment"):
            return {"pk": _equality_assessment(world).pk}
        if name.startswith("complaints-self-assessment"):
            return {"pk": _complaint_reports(world)["item"].pk}
        if name.startswith("complaint"):
            objects = _complaints(world)
            return {"pk": objects.get(name, objects["complaint"]).pk}
        if name.startswith("scrutiny"):
            objects = _scrutiny(world)
            api_names = {
                "scrutiny-evidence-detail": "scrutiny-evidence-file",
                "scrutiny-recommendation-detail": "scrutiny-response",
            }
            return {"pk": objects.get(api_names.get(name, name), objects["scrutiny-review"]).pk}
        if name.startswith(("account-", "api-token")):
            return {"pk": world["staff_account"].pk}
        if name in ("progress", "carry-on"):
            return {"pk": _send_run(world).pk}
        if name == "survey-programme-detail":
            return {"pk": _programme_objects(world)["programme-detail"].pk}
        if name.startswith("consultation") or name in ("open", "reply", "decide", "feedback", "document"):
            return {"pk": _consultation_objects(world)[name].pk}
        if name == "question-edit":
            return {"pk": _survey(world).questions.get().pk}
        if name in (
            "survey-detail",
            "survey-edit",
            "question-new",
            "survey-action",
            "paper-entry",
            "survey-results",
            "survey-report",
            "survey-preview",
            "survey-translate",
            "responses-upload",
            "survey-add-response",
            "survey-open",
        ):
            return {"pk": _survey(world).pk}
        if name == "survey":
            return {"pk": world["invited_survey"].pk}
        if name in ("review", "review-document"):
            return {"pk": _review(world).pk}
        if name == "paper-download":
            return {"pk": _paper(world).pk}
        if name in ("paper-new", "papers-send"):
            return {"pk": world["activity"].pk}
        if name in ("programme-detail", "milestone-done"):
            return {"pk": _programme_objects(world)[name].pk}
        if name.startswith(("campaign-", "segment-")):
            return {"pk": _messaging_objects(world)[name.split("-")[0]].pk}
        if name == "strategy-review-record":
            return {"pk": world["strategy_review"].pk}
        if "import" in name:
            return {"pk": world["run"].pk}
        if name in ("seat-end", "role-new"):
            return {"pk": world["holding"].pk}
        if name in ("involvement-decide", "leave", "offer", "level-leaving"):
            return {"pk": world["membership"].pk}
        api_objects = {
            "level-detail": "level",
            "group-detail": "group",
            "level-membership-detail": "membership",
            "opportunity-detail": "opportunity",
            "seat-holding-detail": "holding",
            "election-detail": "election",
        }
        if name in api_objects:
            return {"pk": world[api_objects[name]].pk}
        # By the resident's own home, not by the resident's id: on PostgreSQL ids of different
        # tables drift apart once earlier tests have run.
        tenancy = world["resident"].memberships.select_related("tenancy__property").first().tenancy
        home = {
            "tenancy-detail": tenancy,
            "property-detail": tenancy.property,
            "area-detail": tenancy.property.area,
        }
        if name in home:
            return {"pk": home[name].pk}
        if name in ("activity", "rsvp"):  # the portal's pages about a resident's own invitation
            return {"pk": world["place"].pk}
        if "activity" in name:
            return {"pk": world["activity"].pk}
        if name == "expense-action":
            return {"pk": world["claim"].pk}
        if name == "support-update":
            return {"pk": world["support"].pk}
        if name.startswith("referral"):
            return {"pk": world["referral"].pk}
        if name.startswith("action-"):
            return {"pk": world["action"].pk}
        if name == "information-request-answer":
            return {"pk": world["information_request"].pk}
        if "election" in name or name in ("ballot", "results"):
            return {"pk": world["election"].pk}
        return {"pk": world["resident"].pk}
    return {}


def _consultation_objects(world: dict[str, Any]) -> dict[str, Any]:
    """An open consultation with a document, made on first use."""
    if "consultation" not in world:
        from django.core.files.base import ContentFile

        from tenantvoice.consultations.models import ConsultationDocument

        consultation = ConsultationFactory(
            title="Rent policy", summary="s", likely_effect="e", closes_on=dt.date(2099, 1, 1), status="open"
        )
        document = ConsultationDocument(consultation=consultation, title="Paper")
        document.file.save("paper.txt", ContentFile(b"Proposal"), save=True)
        world["consultation"], world["consultation_document"] = consultation, document
    consultation = world["consultation"]
    return {
        "consultation-document": world["consultation_document"],
        **dict.fromkeys(
            ["consultation", "consultation-reply", "open", "reply", "decide", "feedback", "document"],
            consultation,
        ),
        "consultation-detail": consultation,
        "consultation-edit": consultation,
        "consultation-document-remove": world["consultation_document"],
    }


def _complaint_reports(world: dict[str, Any]) -> dict[str, Any]:
    """Last year's self-assessment and annual report, presented and published."""
    if "complaint_reports" not in world:
        from tenantvoice.complaints.assessment import (
            annual_report_save,
            assessment_start,
            record_present,
            record_publish,
        )
        from tenantvoice.complaints.models import SelfAssessmentItem
        from tenantvoice.core.reporting_year import ReportingYear

        year = ReportingYear.of(timezone.localdate()).first - 1
        assessment = assessment_start(year=year)
        SelfAssessmentItem.objects.filter(assessment=assessment).update(compliance="yes", evidence="Policy")
        report = annual_report_save(year=year, member_responsible="Ms A Board")
        for record in (assessment, report):
            record_present(record=record, meeting=world["activity"], response="Noted.")
            record_publish(record=record)
        world["complaint_reports"] = {"year": year, "item": assessment.items.first()}
    return world["complaint_reports"]  # type: ignore[no-any-return]


def _indicator(world: dict[str, Any]) -> Any:
    """A typed-in indicator with a value."""
    if "indicator" not in world:
        from tests.factories import IndicatorValueFactory

        world["indicator"] = IndicatorValueFactory().indicator
    return world["indicator"]


def _charter(world: dict[str, Any]) -> Any:
    """A published Charter report to tenants with the resident's comment on it."""
    if "charter_comment" not in world:
        from tenantvoice.indicators.services import (
            charter_comment_make,
            charter_report_publish,
            charter_report_save,
        )

        report = charter_report_save(year=2025, introduction="Our year.")
        charter_report_publish(report=report)
        world["charter_comment"] = charter_comment_make(
            report=report, resident=world["resident"], text="Good."
        )
    return world["charter_comment"]


def _annual_report(world: dict[str, Any]) -> Any:
    """The last ended year's annual report to residents, approved, published and commented on."""
    if "annual_report" not in world:
        from tenantvoice.activities.models import ActivityKind
        from tenantvoice.annual_reports.services import (
            annual_report_comment_make,
            report_approve,
            report_create,
            report_publish,
            report_update,
        )
        from tenantvoice.core.reporting_year import ReportingYear

        report = report_create(year=ReportingYear.of(timezone.localdate()).first - 1)
        report_update(report=report, officer_words="Our year.", panel_words="We approve.")
        meeting = ActivityFactory(kind=ActivityKind.MEETING, group=world["group"], starts_at=timezone.now())
        report_approve(report=report, meeting=meeting, decided="Approved.")
        report_publish(report=report)
        annual_report_comment_make(report=report, resident=world["resident"], text="Good.")
        world["annual_report"] = report
    return world["annual_report"]


def _report_presented(world: dict[str, Any]) -> Any:
    """A duty to report to the group quarterly, its first quarter presented at a meeting."""
    if "report_presented" not in world:
        from tests.factories import ReportPresentationFactory

        world["report_presented"] = ReportPresentationFactory(duty__group=world["group"])
    return world["report_presented"]


def _board_pack(world: dict[str, Any]) -> Any:
    """A draft Board pack for the world's meeting with one section drawn."""
    if "board_pack" not in world:
        from tenantvoice.boardpacks.services import pack_create, section_add

        today = timezone.localdate()
        pack = pack_create(
            title="Board pack",
            meeting=world["activity"],
            period_start=today - dt.timedelta(days=90),
            period_end=today,
        )
        section_add(pack=pack, kind="standards")
        world["board_pack"] = pack
    return world["board_pack"]


def _equality_assessment(world: dict[str, Any]) -> Any:
    """An equality impact assessment of the group, its figures drawn."""
    if "equality_assessment" not in world:
        from tenantvoice.equality_impact.services import assessment_create

        world["equality_assessment"] = assessment_create(
            title="Panel EIA", subject_kind="group", group=world["group"], owner=world["staff_account"]
        )
    return world["equality_assessment"]


def _scrutiny(world: dict[str, Any]) -> dict[str, Any]:
    """A published scrutiny review whose panel the resident sits on, with one of each thing its
    pages name: a milestone, a request for evidence, an evidence file, a recommendation."""
    if "scrutiny_review" not in world:
        from django.core.files.base import ContentFile

        from tenantvoice.scrutiny.models import Evidence, EvidenceRequest, Milestone

        review = ScrutinyReviewFactory(panel=_panel(world["resident"]), report="We found voids slow.")
        review.report_file.save("report.txt", ContentFile(b"Report"), save=True)
        evidence = Evidence(review=review, kind="document", title="Voids policy")
        evidence.file.save("policy.txt", ContentFile(b"Policy"), save=True)
        world["scrutiny_review"] = review
        world["scrutiny_objects"] = {
            "scrutiny-review": review,
            "scrutiny-milestone": Milestone.objects.create(
                review=review, title="Visit", due_on=dt.date(2027, 1, 5)
            ),
            "scrutiny-request-answer": EvidenceRequest.objects.create(
                review=review,
                question="Void times",
                officer_name="Head of Repairs",
                asked_on=dt.date(2026, 1, 5),
                due_on=dt.date(2026, 1, 19),
                working_days=10,
            ),
            "scrutiny-evidence-file": evidence,
            "scrutiny-response": RecommendationFactory(review=review),
        }
        review.published_on = dt.date(2026, 2, 1)
        review.save()
    return world["scrutiny_objects"]  # type: ignore[no-any-return]


def _complaints(world: dict[str, Any]) -> dict[str, Any]:
    """The resident's complaint, answered at stage 1 with an upheld point, compensation, an
    action and learning, and taken to the Ombudsman, who ordered something; a category."""
    if "complaint" not in world:
        world["complaint_objects"] = complaint_answered(world["resident"], world["staff_account"])
        world["complaint"] = world["complaint_objects"]["complaint"]
    return world["complaint_objects"]  # type: ignore[no-any-return]


def _send_run(world: dict[str, Any]) -> Any:
    """A mass send of survey invitations, waiting for the worker."""
    if "send_run" not in world:
        from tenantvoice.comms.models import SendRun

        world["send_run"] = SendRun.objects.create(
            kind="survey_invitation", object_id=_survey(world).pk, title="S"
        )
    return world["send_run"]


def _survey(world: dict[str, Any]) -> Any:
    if "survey" not in world:
        from tenantvoice.surveys.services import question_add

        survey = SurveyFactory(title="Repairs", status="open", public=True)
        question_add(survey=survey, kind="yes_no", text="Happy?")
        world["survey"] = survey
    return world["survey"]


def _review(world: dict[str, Any]) -> Any:
    if "review" not in world:
        from django.core.files.base import ContentFile

        from tenantvoice.comms.models import Review

        review = Review(
            title="Leaflet", group=_panel(world["resident"]), closes_on=dt.date(2099, 1, 1), text="Draft"
        )
        review.document.save("leaflet.txt", ContentFile(b"Draft leaflet"), save=True)
        world["review"] = review
    return world["review"]


def _paper(world: dict[str, Any]) -> Any:
    if "paper" not in world:
        from django.core.files.base import ContentFile

        from tenantvoice.activities.models import Paper

        paper = Paper(activity=world["activity"], title="Agenda")
        paper.file.save("agenda.txt", ContentFile(b"1. Apologies"), save=True)
        world["paper"] = paper
    return world["paper"]


def _programme_objects(world: dict[str, Any]) -> dict[str, Any]:
    if "programme" not in world:
        from tenantvoice.programme.services import programme_create

        world["programme"] = programme_create(title="TenantLink", starts_on=dt.date(2027, 1, 4), count=2)
    programme = world["programme"]
    return {"programme-detail": programme, "milestone-done": programme.surveys.first().milestones.first()}


def _messaging_objects(world: dict[str, Any]) -> dict[str, Any]:
    """A draft campaign and a saved segment, made on first use (most URLs do not need them)."""
    if "campaign" not in world:
        from tenantvoice.audiences.models import Segment
        from tenantvoice.audiences.rules import Audience
        from tenantvoice.comms.campaigns import campaign_create

        world["campaign"] = campaign_create(
            name="Newsletter",
            subject="News",
            body="Dear ((name))",
            sms="",
            audience=Audience(),
            purpose="news",
            by=None,
        )
        world["segment"] = Segment.objects.create(name="Everyone", rules={})
    return {"campaign": world["campaign"], "segment": world["segment"]}


def _panel(member: Any) -> Any:
    """A readers panel with ``member`` in one of its seats since April 2025."""
    from tenantvoice.involvement.models import OpportunityKind

    panel = GroupFactory(kind=OpportunityKind.READERS_PANEL)
    SeatHoldingFactory(seat_category__group=panel, resident=member, started_on=dt.date(2025, 4, 1))
    return panel


def _invited_survey(resident: Any) -> Any:
    """An open survey, not public, that ``resident`` is invited to."""
    from tenantvoice.surveys.services import question_add

    survey = SurveyFactory(title="Estate survey", public=False)
    question_add(survey=survey, kind="yes_no", text="Is the estate clean?")
    SurveyInvitationFactory(survey=survey, resident=resident)
    return survey


def _neighbour() -> dict[str, Any]:
    """Tenant two, with one of each object a resident's own URLs name."""
    from django.core.files.base import ContentFile

    from tenantvoice.activities.models import Paper

    resident = TenancyMemberFactory().resident
    level = Level.objects.get(slug="collective")
    place = ParticipantFactory(resident=resident, activity__title="Neighbours' meeting")
    paper = Paper(activity=place.activity, title="Neighbours' agenda")
    paper.file.save("neighbours.txt", ContentFile(b"1. Apologies"), save=True)
    review = ReviewFactory(group=_panel(resident))
    review.document.save("neighbours-leaflet.txt", ContentFile(b"Draft"), save=True)
    from tenantvoice.scrutiny.models import Evidence

    scrutiny_review = ScrutinyReviewFactory(panel=_panel(resident))
    evidence = Evidence(review=scrutiny_review, kind="document", title="Neighbours' evidence")
    evidence.file.save("neighbours-evidence.txt", ContentFile(b"Evidence"), save=True)
    return {
        "resident": resident,
        "user": UserFactory(role=Role.RESIDENT, email="neighbour@example.org", resident=resident),
        "place": place,
        "membership": level_join(resident=resident, level=level, consent_wording="I agree"),
        "survey": _invited_survey(resident),
        "review": review,
        "paper": paper,
        "referral": ReferralFactory(group=_panel(resident), title="Neighbours' referral"),
        "scrutiny_review": scrutiny_review,
        "scrutiny_evidence": evidence,
        "complaint": complaint_answered(
            resident, staff_user(Role.ENGAGEMENT_OFFICER, "neighbours.officer@example.org")
        )["complaint"],
    }


def _visitors(world: dict[str, Any]) -> dict[str, Any]:
    """An account for each persona but the anonymous visitor."""
    inactive = staff_user(Role.ADMINISTRATOR, "gone@example.org")
    inactive.is_active = False
    inactive.save()
    return {
        "resident": UserFactory(role=Role.RESIDENT, email="me@example.org", resident=world["resident"]),
        "stranger": UserFactory(role=Role.RESIDENT, email="stranger@example.org", resident=world["stranger"]),
        "inactive": inactive,
        "staff_without_mfa": staff_user(Role.ADMINISTRATOR, "nomfa@example.org"),
        **{persona: staff_user(role, f"{persona}@example.org") for persona, role in STAFF.items()},
    }


def _session(persona: str, user: Any) -> str:
    """A signed-in session's key, made once with the world; each test's use of it is rolled back."""
    client = Client()
    if persona in ("inactive", "staff_without_mfa"):
        client.force_login(user)  # an inactive account's session, or a staff one before MFA
    else:
        sign_in(client, user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _client(persona: str, world: dict[str, Any]) -> Client:
    client = Client()
    if persona != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = world["sessions"][persona]
    return client


def _may(persona: str, rule: Rule) -> bool:
    from tenantvoice.core.roles import ROLE_CAPABILITIES

    if rule.allowed == PUBLIC:
        return True
    if persona in ("anonymous", "inactive", "staff_without_mfa"):
        return False
    role = Role.RESIDENT if persona in ("resident", "stranger") else STAFF[persona]
    needed = (rule.writes_with or rule.reads_with) if rule.allowed == API else rule.allowed
    return needed in ROLE_CAPABILITIES[role]


def _problem(name: str, persona: str, client: Client, url: str) -> str:
    """What is wrong with ``persona``'s answer from ``url``; empty when it is right."""
    rule = ACCESS[name]
    response = getattr(client, rule.method)(url)
    status = response.status_code
    location = response.get("Location", "") if status == 302 else ""
    mfa_url = reverse("accounts:mfa")
    to_sign_in = location.startswith(reverse("accounts:sign-in"))
    wrong = f"{persona} got {status} {location}".strip()
    if persona == "stranger" and rule.own:
        return "" if status == 404 else wrong  # another resident's object is not found
    if rule.allowed == API:
        if _may(persona, rule):
            return "" if status in (rule.ok if rule.writes_with else (200,)) else wrong
        # The API never redirects: 401 without a usable sign-in (anonymous, inactive), 403 when
        # signed in without the capability or, for staff, without MFA in this session.
        expected = 401 if persona in ("anonymous", "inactive") else 403
        return "" if status == expected else wrong
    if _may(persona, rule):
        if status not in rule.ok or (rule.allowed != PUBLIC and (to_sign_in or location.startswith(mfa_url))):
            return wrong
        return ""
    if persona in ("anonymous", "inactive"):
        # An inactive account's session signs nobody in: it is treated as anonymous.
        return "" if to_sign_in else wrong
    if persona == "staff_without_mfa":
        # The second step is required before any staff page or the portal.
        return "" if location.startswith(mfa_url) else wrong
    return "" if status == 403 else wrong


@pytest.mark.parametrize("name", sorted(ACCESS))
def test_access(name: str, world: dict[str, Any]) -> None:
    """Every kind of visitor against one URL (one world per URL keeps the matrix quick)."""
    pattern = dict(_walk(get_resolver().url_patterns))[name]
    url = reverse(name, kwargs=_kwargs(pattern, world))
    problems = [p for persona in PERSONAS if (p := _problem(name, persona, _client(persona, world), url))]
    assert not problems, f"{name} ({url}): " + "; ".join(problems)


TOKEN_HOLDERS = ("resident", "administrator", "officer", "manager", "board", "inactive")


def _token_problem(name: str, holder: str, url: str) -> str:
    """What is wrong with the answer to ``holder``'s token (or a made-up one) from ``url``."""
    from tenantvoice.core.roles import ROLE_CAPABILITIES

    if holder == "made-up":
        key = "0" * 40
    else:
        role = Role.RESIDENT if holder == "resident" else STAFF.get(holder, Role.ADMINISTRATOR)
        # No authenticator device: an administrator-issued token stands in for the second
        # factor (decision 0003), so these are deliberately staff accounts without MFA.
        user = UserFactory(role=role, email=f"{holder}.system@example.org", is_active=holder != "inactive")
        if holder == "resident":
            # Residents cannot hold a token (decision 0014); one that reaches them anyway is refused.
            try:
                Token.objects.create(user=user)
            except TokenNotAllowed:
                pass
            else:
                return "a resident's account was given a token"
            user.role = Role.ENGAGEMENT_OFFICER
            key = Token.objects.create(user=user).key
            type(user).objects.filter(pk=user.pk).update(role=Role.RESIDENT)
            status = Client().get(url, HTTP_AUTHORIZATION=f"Token {key}").status_code
            return "" if status == 401 else f"resident's token got {status}, not 401"
        key = Token.objects.create(user=user).key
        rule = ACCESS[name]
        if holder != "inactive" and (rule.writes_with or rule.reads_with) in ROLE_CAPABILITIES[role]:
            status = getattr(Client(), rule.method)(url, HTTP_AUTHORIZATION=f"Token {key}").status_code
            allowed = rule.ok if rule.writes_with else (200,)
            return "" if status in allowed else f"{holder}'s token got {status}"
    expected = 401 if holder in ("inactive", "made-up") else 403
    status = getattr(Client(), ACCESS[name].method)(url, HTTP_AUTHORIZATION=f"Token {key}").status_code
    return "" if status == expected else f"{holder}'s token got {status}, not {expected}"


@pytest.mark.parametrize("name", sorted(n for n, rule in ACCESS.items() if rule.allowed == API))
def test_api_by_token(name: str, world: dict[str, Any]) -> None:
    """Systems use tokens: each role's token reads only what the role may read."""
    pattern = dict(_walk(get_resolver().url_patterns))[name]
    url = reverse(name, kwargs=_kwargs(pattern, world))
    problems = [p for holder in (*TOKEN_HOLDERS, "made-up") if (p := _token_problem(name, holder, url))]
    assert not problems, f"{name} ({url}): " + "; ".join(problems)


@pytest.mark.django_db
def test_api_tokens_cannot_reach_pages(world: dict[str, Any]) -> None:
    """A system's API token is for /api/v1/ only: it signs nobody in to the pages."""
    officer = staff_user(Role.ENGAGEMENT_OFFICER, "system@example.org")
    token = Token.objects.create(user=officer)
    response = Client().get(reverse("staff:resident-search"), HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))
