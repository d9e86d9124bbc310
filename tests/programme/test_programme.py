"""A year's survey programme from the strategy, with each survey's cycle and late milestones."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tenantvoice.programme.models import Milestone, Programme
from tenantvoice.programme.services import (
    ProgrammeError,
    milestone_done,
    milestone_state,
    programme_create,
    step_offsets,
)
from tenantvoice.strategies.loader import strategy_load

pytestmark = pytest.mark.django_db


def test_winchester_tenantlink_ten_surveys_on_a_four_week_cycle() -> None:
    strategy_load("winchester")
    programme = programme_create(title="TenantLink 2027", starts_on=dt.date(2027, 1, 4))
    surveys = list(programme.surveys.all())
    assert len(surveys) == 10 and programme.cycle_weeks == 4
    first = surveys[0]
    due = [m.due_on for m in first.milestones.order_by("due_on")]
    # Week 1 survey, week 2 report and meeting, week 3 feedback, week 4 prepare the next.
    assert due == [dt.date(2027, 1, 10), dt.date(2027, 1, 17), dt.date(2027, 1, 24), dt.date(2027, 1, 31)]
    assert surveys[1].starts_on == dt.date(2027, 2, 9)  # spread evenly through the year
    assert surveys[-1].starts_on < dt.date(2028, 1, 4)


def test_cycles_that_cannot_fit_are_refused() -> None:
    with pytest.raises(ProgrammeError, match="do not fit in a year"):
        programme_create(title="Too many", starts_on=dt.date(2027, 1, 4), count=20, cycle_weeks=4)
    assert step_offsets(2) == [3, 6, 9, 13]


def test_milestone_states() -> None:
    programme = programme_create(title="P", starts_on=dt.date(2027, 1, 4), count=1, cycle_weeks=4)
    survey_out = Milestone.objects.filter(planned__programme=programme).order_by("due_on").first()
    assert survey_out is not None
    assert milestone_state(survey_out, dt.date(2027, 1, 4)).label == "Due this week"
    assert milestone_state(survey_out, dt.date(2027, 1, 11)).label == "Overdue"
    milestone_done(milestone=survey_out, on=dt.date(2027, 1, 12))
    assert milestone_state(survey_out, dt.date(2027, 1, 20)).label == "Done late"


def test_officer_plans_the_year_and_ticks_off_a_milestone(officer_client: Client) -> None:
    strategy_load("winchester")
    form = officer_client.get(reverse("programme:new")).content.decode()
    assert 'value="10"' in form  # surveys a year from the strategy
    bad = officer_client.post(reverse("programme:new"), {"starts_on": "31/2/2027"})
    assert "Enter the date like 4/1/2027" in bad.content.decode()
    officer_client.post(
        reverse("programme:new"),
        {
            "title": "TenantLink 2027",
            "starts_on": "4/1/2027",
            "count": "2",
            "cycle_weeks": "4",
            "titles": "Repairs\nCommunal cleaning",
        },
    )
    programme = Programme.objects.get()
    page = officer_client.get(reverse("programme:programme-detail", args=[programme.pk])).content.decode()
    assert "1. Repairs" in page and "2. Communal cleaning" in page
    milestone = Milestone.objects.filter(planned__title="Repairs").order_by("due_on").first()
    assert milestone is not None
    officer_client.post(reverse("programme:milestone-done", args=[milestone.pk]))
    milestone.refresh_from_db()
    assert milestone.done_on is not None
