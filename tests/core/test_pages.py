"""The public start page and the health check."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_visitors_see_the_landlord_welcome_with_sign_in_and_sign_up(client: Client) -> None:
    page = client.get("/").content.decode()
    assert "Sign in" in page and "Create an account" in page
    assert 'lang="en"' in page


@pytest.mark.django_db
def test_officers_land_on_the_staff_home(officer_client: Client) -> None:
    assert officer_client.get("/")["Location"] == "/staff/"


@pytest.mark.django_db
def test_residents_land_on_my_account(tenant_client: Client) -> None:
    assert tenant_client.get("/")["Location"] == "/my/"


@pytest.mark.django_db
def test_health_check_answers(client: Client) -> None:
    assert client.get("/health/").json() == {"status": "ok"}


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy(client: Client) -> None:
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
