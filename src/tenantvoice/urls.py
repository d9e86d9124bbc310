"""Every page's address, in one table: residents' portal at /my/, officers at /staff/, systems at
/api/v1/, public pages at the root.

Each app lists its own pages in its ``urls.py``, one list per namespace (``public_urls`` for
names without one); this table mounts each list once, under its prefix and namespace. The
officers' ("staff") and residents' ("portal") namespaces gather the pages of many apps
(decision 0031).
"""

from django.urls import include, path

from tenantvoice.accounts import urls as accounts
from tenantvoice.actions import urls as actions
from tenantvoice.activities import urls as activities
from tenantvoice.annual_reports import urls as annual_reports
from tenantvoice.api import urls as api
from tenantvoice.audiences import urls as audiences
from tenantvoice.boardpacks import urls as boardpacks
from tenantvoice.comms import urls as comms
from tenantvoice.complaints import urls as complaints
from tenantvoice.consultations import urls as consultations
from tenantvoice.core import urls as core
from tenantvoice.equality_impact import urls as equality_impact
from tenantvoice.indicators import urls as indicators
from tenantvoice.involvement import urls as involvement
from tenantvoice.outcomes import urls as outcomes
from tenantvoice.plans import urls as plans
from tenantvoice.portal import urls as portal
from tenantvoice.programme import urls as programme
from tenantvoice.referrals import urls as referrals
from tenantvoice.reporting import urls as reporting
from tenantvoice.representation import urls as representation
from tenantvoice.residents import urls as residents
from tenantvoice.scrutiny import urls as scrutiny
from tenantvoice.staff import urls as staff
from tenantvoice.surveys import urls as surveys
from tenantvoice.value_for_money import urls as value_for_money

portal_urls = [
    *portal.portal_urls,
    *accounts.portal_urls,
    *residents.portal_urls,
    *activities.portal_urls,
    *comms.portal_urls,
    *surveys.portal_urls,
    *referrals.portal_urls,
    *scrutiny.portal_urls,
    *complaints.portal_urls,
    *indicators.portal_urls,
    *annual_reports.portal_urls,
]

staff_urls = [
    *staff.staff_urls,
    *residents.staff_urls,
    *core.staff_urls,
    *accounts.staff_urls,
    *involvement.staff_urls,
    *activities.staff_urls,
    *comms.staff_urls,
    *actions.staff_urls,
    *plans.staff_urls,
    *referrals.staff_urls,
    *scrutiny.staff_urls,
    *complaints.staff_urls,
    *representation.staff_urls,
    *equality_impact.staff_urls,
    *indicators.staff_urls,
    *value_for_money.staff_urls,
    *reporting.staff_urls,
    *boardpacks.staff_urls,
    *annual_reports.staff_urls,
]

urlpatterns = [
    *core.public_urls,
    path("accounts/", include((accounts.accounts_urls, "accounts"))),
    path("my/", include((portal_urls, "portal"))),
    path("get-involved/", include((involvement.involvement_urls, "involvement"))),
    *activities.public_urls,
    *comms.public_urls,
    *consultations.public_urls,
    *surveys.public_urls,
    *outcomes.public_urls,
    *actions.public_urls,
    *scrutiny.public_urls,
    *complaints.public_urls,
    *annual_reports.public_urls,
    path("staff/consultations/", include((consultations.staff_consultations_urls, "staff-consultations"))),
    path("staff/surveys/", include((surveys.surveys_urls, "surveys"))),
    path("staff/programme/", include((programme.programme_urls, "programme"))),
    path("staff/campaigns/", include((comms.campaigns_urls, "campaigns"))),
    path("staff/sends/", include((comms.sends_urls, "sends"))),
    path("staff/audiences/", include((audiences.audiences_urls, "audiences"))),
    path("staff/", include((staff_urls, "staff"))),
    path("api/v1/", include((api.api_urls, "api"))),
]
