from django.urls import path
from rest_framework.routers import DefaultRouter

from . import (
    actions,
    annual_reports,
    audiences,
    boardpacks,
    complaints,
    consultations,
    engagement,
    equality_impact,
    indicators,
    referrals,
    reporting,
    representation,
    scrutiny,
    value_for_money,
    views,
)

router = DefaultRouter()
router.include_root_view = False
router.register("areas", views.AreaViewSet, basename="area")
router.register("properties", views.PropertyViewSet, basename="property")
router.register("tenancies", views.TenancyViewSet, basename="tenancy")
router.register("residents", views.ResidentViewSet, basename="resident")
router.register("levels", engagement.LevelViewSet, basename="level")
router.register("groups", engagement.GroupViewSet, basename="group")
router.register("level-memberships", engagement.LevelMembershipViewSet, basename="level-membership")
router.register("opportunities", engagement.OpportunityViewSet, basename="opportunity")
router.register("seat-holdings", engagement.SeatHoldingViewSet, basename="seat-holding")
router.register("elections", engagement.ElectionViewSet, basename="election")
router.register("activities", engagement.ActivityViewSet, basename="activity")
router.register("consultations", consultations.ConsultationViewSet, basename="consultation")
router.register("surveys", consultations.SurveyViewSet, basename="survey")
router.register("survey-programmes", consultations.ProgrammeViewSet, basename="survey-programme")
router.register("actions", actions.ActionViewSet, basename="action")
router.register("referrals", referrals.ReferralViewSet, basename="referral")
router.register("complaints", complaints.ComplaintViewSet, basename="complaint")
router.register("indicators", indicators.IndicatorViewSet, basename="indicator")
router.register("report-presentations", reporting.PresentationViewSet, basename="report-presentation")
router.register("board-packs", boardpacks.BoardPackViewSet, basename="board-pack")
router.register("annual-reports", annual_reports.AnnualReportViewSet, basename="annual-report")
router.register("complaint-categories", complaints.ComplaintCategoryViewSet, basename="complaint-category")
router.register("segments", audiences.SegmentViewSet, basename="segment")
router.register(
    "equality-impact-assessments", equality_impact.EqualityAssessmentViewSet, basename="equality-assessment"
)
router.register("scrutiny-reviews", scrutiny.ReviewViewSet, basename="scrutiny-review")
router.register("scrutiny-evidence", scrutiny.EvidenceViewSet, basename="scrutiny-evidence")
router.register(
    "scrutiny-recommendations", scrutiny.RecommendationViewSet, basename="scrutiny-recommendation"
)

# Under /api/v1/, names "api:..." (tenantvoice/urls.py mounts it, decision 0031).
api_urls = [
    path("schema/", views.SchemaView.as_view(), name="schema"),
    # Figures, not a list of rows: one answer per reporting year.
    path("complaints-report/", complaints.ComplaintsReportView.as_view(), name="complaints-report"),
    path("customer-profiles/", audiences.CustomerProfilesView.as_view(), name="customer-profiles"),
    # Who takes part (issue 18 item 6): figures for a population on a date.
    path("representation/", representation.RepresentationView.as_view(), name="representation-report"),
    path("indicators-report/", indicators.IndicatorsReportView.as_view(), name="indicators-report"),
    path("value-for-money/", value_for_money.ValueForMoneyView.as_view(), name="value-for-money"),
    path("charter-report/", indicators.CharterReportView.as_view(), name="charter-report"),
    # The reporting timetable: each duty's periods to today, a few dozen a year.
    path("reports-due/", reporting.ReportsDueView.as_view(), name="reports-due"),
    *router.urls,
]
