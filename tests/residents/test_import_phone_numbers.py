"""Phone numbers in an HMS extract are stored in E.164, and one that is not a number is a problem on
its row, in the row-by-row report (decision 0033)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from tenantvoice.residents.hms_columns import COLUMN_NAMES
from tenantvoice.residents.importing import errors_as_csv, mapping_load
from tenantvoice.residents.models import ImportStatus, Resident

from .test_importing import person, run, write_csv

pytestmark = pytest.mark.django_db


def test_numbers_are_stored_in_e164_however_the_hms_wrote_them(tmp_path: Path) -> None:
    rows = [
        person("P1", mobile_phone="07700 900123", other_phone="(0161) 496 0000"),
        person("P2", mobile_phone="+44 (0) 7700 900 124"),  # longer than the stored column
        person("P3", "T2", "H2", mobile_phone="7700900125", other_phone="1632960126"),
    ]
    path = write_csv(tmp_path / "hms.csv", rows)

    assert run(path).status == ImportStatus.COMPLETED

    phones = {r.hms_ref: (r.mobile_phone, r.other_phone) for r in Resident.objects.all()}
    assert phones == {
        "P1": ("+447700900123", "+441614960000"),
        "P2": ("+447700900124", ""),
        "P3": ("+447700900125", "+441632960126"),
    }
    again = run(path)
    assert again.counts["residents"] == {"added": 0, "updated": 0, "unchanged": 3}


def test_a_workbook_that_kept_numbers_as_numbers_loses_no_zero(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(COLUMN_NAMES))
    row = person("P1")
    sheet.append([row.get(c, "") for c in COLUMN_NAMES])
    sheet.cell(row=2, column=list(COLUMN_NAMES).index("mobile_phone") + 1, value=7700900123)
    path = tmp_path / "hms.xlsx"
    book.save(path)

    run(path)

    assert Resident.objects.get().mobile_phone == "+447700900123"


def test_a_phone_that_is_not_a_number_is_a_problem_on_its_row(tmp_path: Path) -> None:
    rows = [
        person("P1", mobile_phone="07700 900123"),
        person("P2", mobile_phone="call me maybe"),
        person("P3", "T2", "H2", other_phone="12345"),
        person("P4", "T3", "H3", mobile_phone="7.7009E+09"),
    ]
    path = write_csv(tmp_path / "hms.csv", rows)

    result = run(path)

    assert result.status == ImportStatus.REJECTED and not Resident.objects.exists()
    found = {(e.row, e.column, e.value): e.problem for e in result.errors}
    assert found == {
        (3, "mobile_phone", "call me maybe"): "'call me maybe' is not a phone number. "
        "Enter a phone number using numbers only, for example 07700 900123.",
        (4, "other_phone", "12345"): "'12345' is not a whole phone number. "
        "Enter a phone number with 10 or 11 numbers, for example 07700 900123.",
        (5, "mobile_phone", "7.7009E+09"): "'7.7009E+09' is a phone number that Excel has rounded, so "
        "its last numbers are lost. Format the phone number column as Text in Excel and type the "
        "number again.",
    }
    report = errors_as_csv(e.as_dict() for e in result.errors)
    assert "Row,Column,Value,Problem" in report and "call me maybe" in report

    kept = run(path, good_rows_only=True)
    assert kept.rows_imported == 1
    assert Resident.objects.get().mobile_phone == "+447700900123"


def test_a_mapping_file_can_say_which_placeholders_mean_no_number(tmp_path: Path) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_text('[values.mobile_phone]\n"n/a" = ""\n"none" = ""\n')
    path = write_csv(tmp_path / "hms.csv", [person("P1", mobile_phone="N/A", other_phone="0161 496 0000")])

    result = run(path, mapping=mapping_load(mapping))

    assert result.status == ImportStatus.COMPLETED, result.errors
    assert (Resident.objects.get().mobile_phone, Resident.objects.get().other_phone) == ("", "+441614960000")
