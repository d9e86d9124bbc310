"""One domain error (decision 0035): every app's refusal is a DomainError, and the API answers
it with a 400 against the field it names, in one place."""

from __future__ import annotations

import pytest

from tenantvoice.accounts.services import AccountNotCreated, NotAllowed
from tenantvoice.activities.governance import TimetableError
from tenantvoice.activities.services import ActivityError, LateNotice
from tenantvoice.api.exceptions import exception_handler
from tenantvoice.comms.campaigns import CampaignError
from tenantvoice.comms.reviews import ReviewError
from tenantvoice.comms.sends import SendError
from tenantvoice.comms.services import BadLink
from tenantvoice.comms.templating import TemplateError
from tenantvoice.consultations.services import ConsultationError
from tenantvoice.core.errors import DomainError
from tenantvoice.demo.landlord import DemoRefused
from tenantvoice.involvement.eligibility import RuleError
from tenantvoice.involvement.services import InvolvementError, NotEligible
from tenantvoice.outcomes.sources import OutcomeError
from tenantvoice.programme.services import ProgrammeError
from tenantvoice.residents.importing import ImportFileError
from tenantvoice.strategies.loader import StrategyError
from tenantvoice.strategies.standards import StandardsError
from tenantvoice.surveys.services import SurveyError

APP_ERRORS = [
    AccountNotCreated,
    ActivityError,
    BadLink,
    CampaignError,
    ConsultationError,
    DemoRefused,
    ImportFileError,
    InvolvementError,
    NotAllowed,
    OutcomeError,
    ProgrammeError,
    ReviewError,
    RuleError,
    SendError,
    StandardsError,
    StrategyError,
    SurveyError,
    TemplateError,
    TimetableError,
]


@pytest.mark.parametrize("error", APP_ERRORS, ids=lambda e: e.__name__)
def test_every_apps_refusal_is_a_domain_error_and_still_a_value_error(error: type[Exception]) -> None:
    assert issubclass(error, DomainError) and issubclass(error, ValueError)


def test_a_domain_error_carries_its_field_and_plain_message() -> None:
    about_one = DomainError("Give the survey a title.", field="title")
    assert (about_one.field, about_one.message) == ("title", "Give the survey a title.")
    assert about_one.as_dict() == {"title": ["Give the survey a title."]}
    assert DomainError("Closed.").as_dict() == {"non_field_errors": ["Closed."]}
    # A subclass may be about one field whatever the instance says.
    assert LateNotice("Too late.").as_dict() == {"late_notice_reason": ["Too late."]}
    # Several reasons stay separate.
    assert NotEligible(["Too young.", "Not a tenant."]).as_dict() == {
        "non_field_errors": ["Too young.", "Not a tenant."]
    }


def test_the_api_handler_answers_a_domain_error_with_a_400_against_its_field() -> None:
    response = exception_handler(DomainError("There is already an area called North.", field="name"), {})
    assert response is not None
    assert (response.status_code, response.data) == (
        400,
        {"name": ["There is already an area called North."]},
    )
