"""The pages a landlord must publish: contact details set by an administrator and shown in every
footer, an editable privacy notice and accessibility statement from complete templates, and a
favicon (issue 11, item 11)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tenantvoice.core.models import AuditEvent
from tenantvoice.core.published import page_template
from tenantvoice.core.selectors import landlord_get

pytestmark = pytest.mark.django_db

CONTACT = {
    "phone": "0300 123 4567",
    "email": "hello@riverside.example.org",
    "address": "1 River Street\nManchester\nM1 1AA",
    "opening_hours": "Monday to Friday, 9am to 5pm",
}


def test_an_administrator_sets_the_contact_details_and_every_footer_shows_them(admin_client: Client) -> None:
    url = reverse("staff:landlord-settings")
    assert admin_client.get(url).status_code == 200
    bad = admin_client.post(url, CONTACT | {"phone": "call me", "email": "not-an-email"})
    assert bad.status_code == 400 and "Enter a phone number" in bad.content.decode()
    assert admin_client.post(url, CONTACT).status_code == 302
    landlord = landlord_get()
    # The number is stored in E.164 (decision 0033) and shown as people write it.
    assert (landlord.phone, landlord.email, landlord.address) == (
        "+443001234567",
        CONTACT["email"],
        CONTACT["address"],
    )
    [event] = AuditEvent.objects.filter(object_type="landlord")
    assert event.changes["phone"] == ["", "+443001234567"] and event.actor_label == "ada.admin@example.org"
    visitor = Client()
    for page in ("/", "/calendar/", "/contact/", "/privacy/"):
        html = visitor.get(page).content.decode()
        assert 'href="tel:+443001234567">0300 123 4567<' in html, page
        assert "hello@riverside.example.org" in html, page
        assert "1 River Street<br>Manchester" in html and "Monday to Friday, 9am to 5pm" in html, page
        assert 'href="/privacy/"' in html and 'href="/accessibility/"' in html, page


def test_officers_cannot_change_the_landlords_details(officer_client: Client) -> None:
    assert officer_client.post(reverse("staff:landlord-settings"), CONTACT).status_code == 403
    assert officer_client.get(reverse("staff:published-page-edit", args=["privacy"])).status_code == 403
    assert landlord_get().phone == ""


def test_every_contact_us_in_a_residents_page_links_to_the_contact_details(tenant_client: Client) -> None:
    html = tenant_client.get(reverse("portal:details")).content.decode()
    assert '<a href="/contact/">contact us</a>' in html


def test_the_privacy_notice_starts_from_a_template_with_everything_the_ico_lists(client: Client) -> None:
    landlord = landlord_get()
    landlord.email = "dpo@riverside.example.org"
    landlord.save()
    html = client.get("/privacy/").content.decode()
    for heading in (
        "Who we are",
        "Our data protection officer",
        "What information we hold",
        "Where the information comes from",
        "Why we use it and the law that allows us",
        "Who we share it with",
        "How long we keep it",
        "Your rights",
        "Complaints",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert "Article 9(2)(a)" in html and "Schedule 1, paragraph 8" in html  # equality data
    assert '<a href="https://ico.org.uk/make-a-complaint/" rel="nofollow">' in html
    assert "dpo@riverside.example.org" in html and landlord.name in html  # ((email)), ((name)) filled


def test_the_accessibility_statement_has_the_gov_uk_model_headings(client: Client) -> None:
    html = client.get("/accessibility/").content.decode()
    for heading in (
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website&#x27;s accessibility",
        "Non-accessible content",
        "What we&#x27;re doing to improve accessibility",
        "Preparation of this accessibility statement",
    ):
        assert f"<h2>{heading}</h2>" in html, heading
    assert "<h3>Compliance status</h3>" in html and "<h3>Disproportionate burden</h3>" in html
    assert "[not set: an administrator adds it under Contact details]" in html  # no phone yet


def test_an_administrator_edits_a_page_and_no_html_survives(admin_client: Client) -> None:
    url = reverse("staff:published-page-edit", args=["accessibility"])
    assert page_template("accessibility")[:40] in admin_client.get(url).content.decode()
    text = (
        "# About <script>alert(1)</script>\n\nWe answer within ((opening_hours)).\n"
        '<img src=x onerror="alert(2)">\n\n- one\n- two [link](javascript:alert(3))\n\n'
        "Write to access@riverside.example.org"
    )
    preview = admin_client.post(url, {"text": text, "preview": "1"})
    assert ">Preview</h2>" in preview.content.decode() and "<script>" not in preview.content.decode()
    assert landlord_get().accessibility_statement == ""  # a preview saves nothing
    assert admin_client.post(url, {"text": text}).status_code == 302
    html = Client().get("/accessibility/").content.decode()
    assert "<h2>About &lt;script&gt;alert(1)&lt;/script&gt;</h2>" in html
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in html and "<img" not in html
    assert "<ul><li>one</li><li>two [link](javascript:alert(3))</li></ul>" in html
    assert '<a href="mailto:access@riverside.example.org">' in html
    assert (
        AuditEvent.objects.filter(
            object_type="landlord", summary="Changed the accessibility statement"
        ).count()
        == 1
    )
    assert admin_client.post(url, {"text": ""}).status_code == 400
    assert admin_client.get(reverse("staff:published-page-edit", args=["cookies"])).status_code == 404


def test_saving_the_template_unchanged_keeps_following_the_template(admin_client: Client) -> None:
    url = reverse("staff:published-page-edit", args=["privacy"])
    admin_client.post(url, {"text": page_template("privacy").replace("\n", "\r\n")})
    assert landlord_get().privacy_notice == ""


def test_the_favicon_answers_and_every_page_links_to_it(client: Client) -> None:
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon["Content-Type"] == "image/x-icon"
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    html = client.get("/").content.decode()
    assert 'rel="icon" href="/static/tenantvoice/favicon.svg"' in html
    assert client.get("/static/tenantvoice/favicon-32.png").status_code == 200
