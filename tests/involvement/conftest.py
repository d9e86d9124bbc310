"""Helpers for the involvement tests: residents in households, strategies loaded."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tenantvoice.residents.models import MemberRole, Resident, Tenure
from tenantvoice.strategies.loader import strategy_load
from tests.factories import PropertyFactory, ResidentFactory, TenancyFactory, TenancyMemberFactory

CONSENT = "I agree to Housing for Women keeping my details to contact me about getting involved."


def make_resident(
    *, tenure: str = Tenure.ASSURED, role: str = MemberRole.TENANT, managed_for: str = "", **kwargs: object
) -> Resident:
    """A resident in a current tenancy of the given tenure, as named tenant or household member."""
    tenancy = TenancyFactory(tenure=tenure, property=PropertyFactory(managed_for=managed_for))
    return TenancyMemberFactory(tenancy=tenancy, role=role, resident=ResidentFactory(**kwargs)).resident


@pytest.fixture
def resident_maker(db: None) -> Callable[..., Resident]:
    return make_resident


@pytest.fixture
def load(db: None) -> Callable[[str], dict[str, int]]:
    return strategy_load
