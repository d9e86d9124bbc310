"""Downloads that cannot run code: text a spreadsheet would read as a formula (starting with =,
+, -, @, tab or carriage return) is neutralised in every CSV and Excel download, in one place
(core.tables), while numbers, negative ones too, stay numbers."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction
from tenantvoice.core.roles import Role
from tenantvoice.core.tables import Table, tables_csv, tables_xlsx
from tenantvoice.surveys.services import question_add, response_record
from tests.conftest import sign_in
from tests.factories import SurveyFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db

EVIL_EMAIL = "=cmd|' /c calc'!a0@example.org"  # stored in lower case, as every email is


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_formula_like_text_is_quoted_and_numbers_stay_numbers() -> None:
    table = Table(
        "=Title",
        ["+Header", "Count"],
        [
            ["=1+1", -3],
            ["-2 left", Decimal("-1.50")],
            ["@SUM(A1)", 4.25],
            ["\tTabbed", 0],
            ["\rReturned", None],
            ["Plain - text", 7],
        ],
    )
    cells = _cells(tables_csv([table]))
    assert {"'=Title", "'+Header", "'=1+1", "'-2 left", "'@SUM(A1)", "'\tTabbed", "'\rReturned"} <= set(cells)
    assert "-3" in cells and "-1.50" in cells and "Plain - text" in cells

    sheet = load_workbook(io.BytesIO(tables_xlsx([table]))).worksheets[0]
    rows = list(sheet.iter_rows(min_row=3))
    # Text is stored as text, whatever it starts with: none of it is a formula.
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert rows[0][0].value == "=1+1" and rows[0][0].data_type == "s" and rows[0][0].quotePrefix
    assert sheet["A1"].value == "=Title" and sheet["A1"].data_type == "s"
    assert rows[0][1].value == -3 and rows[0][1].data_type == "n"
    assert rows[1][1].value == -1.5 and rows[1][1].data_type == "n"


def test_the_audit_export_neutralises_an_email_address_that_is_a_formula() -> None:
    someone = UserFactory(role=Role.ENGAGEMENT_OFFICER, email=EVIL_EMAIL)
    audit_record(actor=someone, action=AuditAction.UPDATE, object_type="resident", summary="+SUM(1,2)")
    admin = sign_in(Client(), staff_user(Role.ADMINISTRATOR, "admin@example.org"))
    body = b"".join(admin.get(reverse("staff:audit-export")).streaming_content).decode()
    cells = _cells(body)
    assert "'" + EVIL_EMAIL in cells and EVIL_EMAIL not in cells
    assert "'+SUM(1,2)" in cells


def test_a_report_download_neutralises_what_officers_typed() -> None:
    survey = SurveyFactory(title='=HYPERLINK("http://evil.example","Click")', status="open")
    question = question_add(survey=survey, kind="yes_no", text="@SUM(1+1)*cmd|' /C calc'!A0")
    for _ in range(6):
        response_record(survey=survey, answers={question.pk: ["yes"]}, channel="portal")
    client = sign_in(Client(), staff_user(Role.BOARD_READER, "board@example.org"))
    url = reverse("surveys:survey-results", args=[survey.pk])
    cells = _cells(client.get(url, {"format": "csv"}).content.decode())
    assert "'" + survey.title + ": summary" in cells and "'" + question.text in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@", "\t", "\r") or cell.startswith("-")]

    book = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    texts = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell for cell in texts if cell.data_type == "f"]
    assert any(cell.value == question.text and cell.data_type == "s" for cell in texts)
