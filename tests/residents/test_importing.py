"""Importing the HMS extract through the service and the ``import-residents`` command."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from tenantvoice.core.models import AuditAction, AuditEvent
from tenantvoice.residents.hms_columns import COLUMN_NAMES
from tenantvoice.residents.importing import (
    ImportFileError,
    MappingError,
    TooManyEnded,
    import_file,
    mapping_load,
)
from tenantvoice.residents.models import (
    Area,
    ImportStatus,
    Property,
    Resident,
    Tenancy,
    TenancyMember,
)

AS_OF = dt.date(2026, 11, 2)


def person(ref: str, tenancy: str | None = "T1", prop: str = "H1", **values: str) -> dict[str, str]:
    """One canonical row: a person in a tenancy (or with none) with sensible defaults."""
    row = {
        "person_ref": ref,
        "first_name": f"First{ref}",
        "last_name": f"Last{ref}",
        "date_of_birth": "1960-04-01",
        "email": f"{ref.lower()}@example.org",
    }
    if tenancy:
        row.update(
            {
                "tenancy_ref": tenancy,
                "tenure": "secure",
                "tenancy_start": "2010-01-04",
                "property_ref": prop,
                "address_line_1": f"{prop[1:]} Oak Street",
                "town": "Leeds",
                "postcode": "LS1 4AP",
                "area": "North > Riverside > Oak Estate",
                "property_type": "general_needs",
                "location": "urban",
            }
        )
    row.update(values)
    return row


def write_csv(
    path: Path, rows: list[dict[str, str]], headings: list[str] | None = None, encoding: str = "utf-8"
) -> Path:
    headings = headings or list(COLUMN_NAMES)
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.DictWriter(handle, fieldnames=headings, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def three_households() -> list[dict[str, str]]:
    return [
        person("P1", "T1", "H1", relationship="tenant"),
        person("P2", "T1", "H1", relationship="joint_tenant"),
        person("P3", "T1", "H1", relationship="household_member", email=""),
        person("P4", "T2", "H2"),
        person("P5", "T3", "H3", tenure="assured", area="South > Hill Top"),
        person("P6", None, resident_kind="applicant"),
    ]


@pytest.fixture
def extract(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "hms.csv", three_households())


def run(path: Path, **kwargs: Any) -> Any:
    kwargs.setdefault("as_of", AS_OF)
    return import_file(path, **kwargs)


@pytest.mark.django_db
class TestFirstImport:
    def test_creates_every_record_from_one_row_per_person(self, extract: Path) -> None:
        result = run(extract)

        assert result.status == ImportStatus.COMPLETED
        assert result.counts["residents"]["added"] == 6
        assert result.counts["properties"]["added"] == 3
        assert result.counts["tenancies"]["added"] == 3
        assert result.counts["memberships"]["added"] == 5
        assert result.counts["areas"]["added"] == 5  # North, Riverside, Oak Estate, South, Hill Top
        assert Resident.objects.count() == 6
        household = Tenancy.objects.get(hms_ref="T1")
        roles = dict(household.members.values_list("resident__hms_ref", "role"))
        assert roles == {"P1": "tenant", "P2": "joint_tenant", "P3": "household_member"}
        applicant = Resident.objects.get(hms_ref="P6")
        assert applicant.kind == "applicant"
        assert not applicant.memberships.exists()

    def test_builds_the_area_hierarchy_and_search_keys(self, extract: Path) -> None:
        run(extract)

        estate = Area.objects.get(full_name="North > Riverside > Oak Estate")
        assert estate.parent is not None and estate.parent.name == "Riverside"
        home = Property.objects.get(hms_ref="H1")
        assert home.area == estate
        assert home.postcode_key == "LS14AP"
        assert Resident.objects.get(hms_ref="P1").last_name_key == "lastp1"

    def test_is_audited(self, extract: Path) -> None:
        run(extract)

        event = AuditEvent.objects.get(action=AuditAction.IMPORT)
        assert "hms.csv" in event.summary and "6 added" in event.summary


@pytest.mark.django_db
class TestReimport:
    def test_the_same_extract_again_changes_nothing(self, extract: Path) -> None:
        run(extract)
        before = list(Resident.objects.order_by("pk").values_list("pk", "updated_at"))

        again = run(extract)

        for noun in ("residents", "properties", "tenancies", "memberships"):
            assert again.counts[noun]["added"] == again.counts[noun]["updated"] == 0, noun
        assert again.counts["tenancies"]["ended"] == 0
        assert list(Resident.objects.order_by("pk").values_list("pk", "updated_at")) == before

    def test_a_later_extract_adds_updates_and_ends_departed(self, tmp_path: Path, extract: Path) -> None:
        run(extract)
        later = [
            person("P1", "T1", "H1", relationship="tenant", email="new.p1@example.org"),
            person("P2", "T1", "H1", relationship="joint_tenant"),
            # P3 has moved out of T1; T2 (P4) has ended; P7 is a new household.
            person("P5", "T3", "H3", tenure="assured", area="South > Hill Top"),
            person("P6", None, resident_kind="applicant"),
            person("P7", "T4", "H2"),
        ]
        result = run(write_csv(tmp_path / "later.csv", later), as_of=dt.date(2026, 12, 1))

        assert result.counts["residents"] == {"added": 1, "updated": 1, "unchanged": 3}
        assert Resident.objects.get(hms_ref="P1").email == "new.p1@example.org"
        assert result.counts["tenancies"]["ended"] == 1
        last_day = dt.date(2026, 11, 30)
        assert Tenancy.objects.get(hms_ref="T2").end_date == last_day
        assert TenancyMember.objects.get(resident__hms_ref="P4").end_date == last_day
        assert TenancyMember.objects.get(resident__hms_ref="P3").end_date == last_day
        assert TenancyMember.objects.get(resident__hms_ref="P1").end_date is None
        assert Tenancy.objects.current(dt.date(2026, 12, 1)).count() == 3
        # P4's record stays: a former tenant is still a person we hold data on.
        assert Resident.objects.filter(hms_ref="P4").exists()

    def test_a_partial_extract_ends_nothing(self, tmp_path: Path, extract: Path) -> None:
        run(extract)
        result = run(write_csv(tmp_path / "one.csv", [person("P4", "T2", "H2")]), full_extract=False)

        assert result.counts["tenancies"]["ended"] == 0
        assert Tenancy.objects.current(AS_OF).count() == 3

    def test_an_empty_cell_keeps_a_known_preference(self, tmp_path: Path) -> None:
        run(write_csv(tmp_path / "a.csv", [person("P1", preferred_channel="sms", large_print="Y")]))
        run(write_csv(tmp_path / "b.csv", [person("P1", preferred_channel="", large_print="")]))

        resident = Resident.objects.get(hms_ref="P1")
        assert resident.preferred_channel == "sms"
        assert resident.large_print is True

    def test_a_cut_short_extract_is_refused(self, tmp_path: Path) -> None:
        rows = [person(f"P{n}", f"T{n}", f"H{n}") for n in range(1, 61)]
        run(write_csv(tmp_path / "all.csv", rows))

        with pytest.raises(TooManyEnded, match="would end 50 of the 60 current tenancies"):
            run(write_csv(tmp_path / "short.csv", rows[:10]))
        assert Tenancy.objects.current(AS_OF).count() == 60
        checked = run(write_csv(tmp_path / "short.csv", rows[:10]), dry_run=True)
        assert checked.many_ended and "would end 50 of the 60" in checked.notes[-1]
        result = run(write_csv(tmp_path / "short.csv", rows[:10]), allow_many_ended=True)
        assert result.counts["tenancies"]["ended"] == 50


@pytest.mark.django_db
class TestDryRun:
    def test_reports_what_would_change_and_saves_nothing(self, extract: Path) -> None:
        result = run(extract, dry_run=True)

        assert result.status == ImportStatus.CHECKED
        assert result.counts["residents"]["added"] == 6
        assert Resident.objects.count() == Area.objects.count() == 0
        assert not AuditEvent.objects.filter(action=AuditAction.IMPORT).exists()


@pytest.mark.django_db
class TestBadRows:
    def bad_file(self, tmp_path: Path) -> Path:
        rows = three_households()
        rows[1]["date_of_birth"] = "31/02/1970"
        rows[3]["email"] = "not-an-email"
        rows[3]["postcode"] = "LS1"
        rows[4]["tenure"] = "rent-to-buy"
        return write_csv(tmp_path / "bad.csv", rows)

    def test_a_file_with_bad_rows_imports_nothing_and_names_each_problem(self, tmp_path: Path) -> None:
        result = run(self.bad_file(tmp_path))

        assert result.status == ImportStatus.REJECTED
        assert Resident.objects.count() == 0
        assert "Nothing was imported: 3 rows of 6 have problems" in result.message
        found = {(e.row, e.column, e.value) for e in result.errors}
        assert found == {
            (3, "date_of_birth", "31/02/1970"),
            (5, "email", "not-an-email"),
            (5, "postcode", "LS1"),
            (6, "tenure", "rent-to-buy"),
        }
        by_column = {e.column: e.problem for e in result.errors}
        assert by_column["date_of_birth"] == "'31/02/1970' is not a real date. Use DD/MM/YYYY."
        assert "is not a tenure TenantVoice knows" in by_column["tenure"]
        assert (
            "Row 5, column postcode: 'LS1' is not a full UK postcode"
            in [e.message for e in result.errors if e.column == "postcode"][0]
        )

    def test_a_check_reports_the_problems_and_what_the_good_rows_would_change(self, tmp_path: Path) -> None:
        result = run(self.bad_file(tmp_path), dry_run=True)

        assert result.status == ImportStatus.CHECKED
        assert len(result.errors) == 4
        assert result.counts["residents"]["added"] == 3
        assert "3 rows of 6 have problems" in result.message
        assert Resident.objects.count() == 0

    def test_the_officer_can_import_only_the_good_rows(self, tmp_path: Path) -> None:
        result = run(self.bad_file(tmp_path), good_rows_only=True)

        assert result.status == ImportStatus.COMPLETED
        assert result.rows_imported == 3 and result.rows_skipped == 3
        assert set(Resident.objects.values_list("hms_ref", flat=True)) == {"P1", "P3", "P6"}

    def test_good_rows_only_never_ends_what_a_bad_row_names(self, tmp_path: Path, extract: Path) -> None:
        run(extract)
        result = run(self.bad_file(tmp_path), good_rows_only=True)

        assert result.counts["tenancies"]["ended"] == 0
        assert result.counts["memberships"]["ended"] == 0
        assert Tenancy.objects.current(AS_OF).count() == 3

    def test_rows_for_one_tenancy_must_agree(self, tmp_path: Path) -> None:
        rows = three_households()
        rows[1]["tenure"] = "assured"
        result = run(write_csv(tmp_path / "x.csv", rows))

        assert result.status == ImportStatus.REJECTED
        [error] = result.errors
        assert error.row == 3 and error.column == "tenure"
        assert "differs from row 2 for the same tenancy T1" in error.problem

    @pytest.mark.parametrize(
        ("changes", "column", "words"),
        [
            ({"first_name": ""}, "first_name", "this is empty"),
            ({"date_of_birth": "2090-01-01"}, "date_of_birth", "is in the future"),
            ({"tenancy_end": "2001-01-01"}, "tenancy_end", "cannot end before it starts"),
            ({"uprn": "12AB"}, "uprn", "up to 12 digits"),
            ({"large_print": "maybe"}, "large_print", "is not Y or N"),
            ({"area": "North >  > Oak"}, "area", "empty area name"),
            ({"property_ref": ""}, "property_ref", "needs its property's reference"),
        ],
    )
    def test_each_kind_of_problem_is_explained(
        self, tmp_path: Path, changes: dict[str, str], column: str, words: str
    ) -> None:
        result = run(write_csv(tmp_path / "x.csv", [person("P1", **changes)]))

        assert result.status == ImportStatus.REJECTED
        assert any(e.column == column and words in e.problem for e in result.errors), result.errors

    def test_the_same_person_twice_is_a_problem(self, tmp_path: Path) -> None:
        result = run(write_csv(tmp_path / "x.csv", [person("P1"), person("P1", "T2", "H2")]))

        assert "the same person is already on row 2" in result.errors[0].problem


@pytest.mark.django_db
class TestFileProblems:
    def test_a_missing_required_column_names_it(self, tmp_path: Path) -> None:
        path = write_csv(
            tmp_path / "x.csv", [person("P1")], headings=[c for c in COLUMN_NAMES if c != "last_name"]
        )
        with pytest.raises(ImportFileError, match="has no last_name column"):
            run(path)

    def test_an_empty_file(self, tmp_path: Path) -> None:
        path = tmp_path / "empty.csv"
        path.write_text("")
        with pytest.raises(ImportFileError, match="is empty"):
            run(path)

    def test_an_old_excel_file(self, tmp_path: Path) -> None:
        path = tmp_path / "old.xls"
        path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
        with pytest.raises(ImportFileError, match=r"old-style Excel file \(.xls\)"):
            run(path)

    def test_a_heading_twice(self, tmp_path: Path) -> None:
        path = tmp_path / "x.csv"
        path.write_text("person_ref,first_name,last_name,Last Name\nP1,A,B,C\n")
        with pytest.raises(ImportFileError, match="appears twice"):
            run(path, full_extract=False)

    def test_windows_encoded_csv_is_read(self, tmp_path: Path) -> None:
        path = write_csv(
            tmp_path / "win.csv", [person("P1", last_name="Ní Bhriain", town="Cóbh")], encoding="cp1252"
        )
        run(path)
        assert Resident.objects.get().last_name == "Ní Bhriain"


@pytest.mark.django_db
class TestFormatsAndMapping:
    def test_xlsx(self, tmp_path: Path) -> None:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(list(COLUMN_NAMES))
        for row in three_households():
            sheet.append([row.get(c, "") for c in COLUMN_NAMES])
        sheet.append([])
        sheet["G2"] = dt.datetime(1955, 3, 9)  # Excel holds dates as dates
        path = tmp_path / "hms.xlsx"
        book.save(path)

        result = run(path)

        assert result.counts["residents"]["added"] == 6
        assert Resident.objects.get(hms_ref="P1").date_of_birth == dt.date(1955, 3, 9)

    def test_a_mapping_renames_columns_and_translates_codes(self, tmp_path: Path) -> None:
        mapping_file = tmp_path / "map.toml"
        mapping_file.write_text(
            'date_formats = ["%d.%m.%Y"]\n'
            "[columns]\n"
            'person_ref = "Person No"\ntenancy_ref = "Tenancy No"\nproperty_ref = "Prop Ref"\n'
            'tenure = "Tenancy Type"\ndate_of_birth = "DOB"\n'
            "[values.tenure]\n"
            'SEC = "secure"\nASST = "assured_shorthold"\n'
        )
        rows = [
            {
                "Person No": "P1",
                "first_name": "Ann",
                "last_name": "Lee",
                "DOB": "09.03.1955",
                "Tenancy No": "T1",
                "Tenancy Type": "sec",
                "Prop Ref": "H1",
                "address_line_1": "1 Oak St",
                "postcode": "ls14ap",
            }
        ]
        path = write_csv(tmp_path / "theirs.csv", rows, headings=list(rows[0]))

        result = run(path, mapping=mapping_load(mapping_file))

        assert result.status == ImportStatus.COMPLETED, result.errors
        assert Tenancy.objects.get().tenure == "secure"
        assert Resident.objects.get().date_of_birth == dt.date(1955, 3, 9)
        assert Property.objects.get().postcode == "LS1 4AP"

    def test_a_mapping_naming_an_unknown_column_is_refused(self, tmp_path: Path) -> None:
        mapping_file = tmp_path / "map.toml"
        mapping_file.write_text('[columns]\nshoe_size = "Shoe"\n')
        with pytest.raises(MappingError, match="shoe_size"):
            mapping_load(mapping_file)


@pytest.mark.django_db
class TestCommand:
    def test_imports_and_prints_the_summary(self, extract: Path, capsys: pytest.CaptureFixture[str]) -> None:
        call_command("import-residents", str(extract))

        out = capsys.readouterr().out
        assert "Residents: 6 added, 0 updated, 0 unchanged." in out
        assert Resident.objects.count() == 6

    def test_dry_run(self, extract: Path, capsys: pytest.CaptureFixture[str]) -> None:
        call_command("import-residents", str(extract), "--dry-run")

        assert "Nothing was saved" in capsys.readouterr().out
        assert Resident.objects.count() == 0

    def test_a_bad_file_fails_with_the_report(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        rows = three_households()
        rows[0]["email"] = '=HYPERLINK("x")'
        path = write_csv(tmp_path / "bad.csv", rows)
        report = tmp_path / "errors.csv"

        with pytest.raises(CommandError, match="Nothing was imported"):
            call_command("import-residents", str(path), "--errors-csv", str(report))

        assert "Row 2, column email" in capsys.readouterr().err
        lines = list(csv.reader(report.open()))
        assert lines[0] == ["Row", "Column", "Value", "Problem"]
        assert lines[1][:3] == ["2", "email", '\'=HYPERLINK("x")']  # cannot run in Excel

    def test_no_such_file(self) -> None:
        with pytest.raises(CommandError, match="There is no file at"):
            call_command("import-residents", "/nonexistent/hms.csv")


def test_the_documented_example_mapping_loads() -> None:
    example = Path(__file__).resolve().parents[2] / "docs" / "examples" / "hms-mapping.example.toml"
    mapping = mapping_load(example)
    assert mapping.columns["person_ref"] == "Person No"
    assert mapping.values["tenure"]["sec"] == "secure"


@pytest.mark.django_db
def test_a_file_with_a_long_name_imports_and_its_whole_name_is_in_the_audit_log(
    extract: Path, tmp_path: Path
) -> None:
    """File names are often longer than an audit row's object id (64 characters): the import
    must not fail at its last step, and the log must still name the file in full."""
    long_name = tmp_path / ("Tenancy extract from the housing management system, December, final v2" + ".csv")
    long_name.write_bytes(extract.read_bytes())

    result = run(long_name)

    assert result.status == ImportStatus.COMPLETED
    event = AuditEvent.objects.get(action=AuditAction.IMPORT)
    assert long_name.name in event.summary
    assert len(event.object_id) <= 64
