"""The officers' import pages: upload, check, confirm, progress and the problems report."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings as SettingsWrapper

from tenantvoice.accounts.models import User
from tenantvoice.core.models import AuditAction, AuditEvent
from tenantvoice.residents.hms_columns import COLUMN_NAMES
from tenantvoice.residents.models import ImportRun, ImportStatus, Resident, Tenancy
from tests.conftest import sign_in
from tests.residents.test_importing import person, three_households


@pytest.fixture(autouse=True)
def media(settings: SettingsWrapper, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(rows: list[dict[str, str]], name: str = "hms.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMN_NAMES), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(), content_type="text/csv")


def check(client: Client, rows: list[dict[str, str]], full_extract: bool = True) -> ImportRun:
    data: dict[str, object] = {"file": upload(rows)}
    if full_extract:
        data["full_extract"] = "on"
    response = client.post(reverse("staff:import-new"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportRun.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[-1])


@pytest.mark.django_db
class TestCheckThenConfirm:
    def test_upload_checks_first_and_saves_nothing(self, officer_client: Client) -> None:
        run = check(officer_client, three_households())

        assert run.dry_run and run.status == ImportStatus.CHECKED
        assert Resident.objects.count() == 0
        page = officer_client.get(reverse("staff:import-detail", args=[run.pk])).content.decode()
        assert "What the import would change" in page
        assert "Import hms.csv" in page  # the confirm button

    def test_confirm_imports_the_checked_file(self, officer_client: Client, officer: User) -> None:
        run = check(officer_client, three_households())

        response = officer_client.post(reverse("staff:import-confirm", args=[run.pk]))

        imported = ImportRun.objects.get(from_check=run)
        assert response["Location"] == reverse("staff:import-detail", args=[imported.pk])
        assert imported.status == ImportStatus.COMPLETED and not imported.dry_run
        assert Resident.objects.count() == 6
        assert AuditEvent.objects.filter(action=AuditAction.IMPORT, actor=officer).exists()
        page = officer_client.get(reverse("staff:import-detail", args=[run.pk])).content.decode()
        assert "This check was imported" in page

    def test_a_check_cannot_be_imported_twice(self, officer_client: Client) -> None:
        run = check(officer_client, three_households())
        officer_client.post(reverse("staff:import-confirm", args=[run.pk]))
        officer_client.post(reverse("staff:import-confirm", args=[run.pk]))

        assert ImportRun.objects.filter(from_check=run).count() == 1

    def test_a_stopped_import_is_failed_and_can_be_confirmed_again_from_its_page(
        self, officer_client: Client
    ) -> None:
        from tenantvoice.worker.recovery import STOPPED_IMPORT, recover_stale_work

        run = check(officer_client, three_households())
        officer_client.post(reverse("staff:import-confirm", args=[run.pk]))
        stopped = ImportRun.objects.get(from_check=run)
        # As a worker killed mid-import leaves it (its transaction rolled back: nothing saved).
        Resident.objects.all().delete()
        ImportRun.objects.filter(pk=stopped.pk).update(
            status=ImportStatus.RUNNING, claimed_by="gone-host:1:stopped", finished_at=None
        )
        ImportRun.objects.filter(pk=stopped.pk).update(started_at=timezone.now() - dt.timedelta(hours=1))
        recover_stale_work()

        page = officer_client.get(reverse("staff:import-detail", args=[stopped.pk])).content.decode()
        assert STOPPED_IMPORT in page
        assert "Confirm the import again" in page
        assert reverse("staff:import-confirm", args=[run.pk]) in page
        response = officer_client.post(reverse("staff:import-confirm", args=[run.pk]))

        again = ImportRun.objects.filter(from_check=run).latest("pk")
        assert again.pk != stopped.pk and again.status == ImportStatus.COMPLETED
        assert response["Location"] == reverse("staff:import-detail", args=[again.pk])
        assert Resident.objects.count() == 6
        officer_client.post(reverse("staff:import-confirm", args=[run.pk]))
        assert ImportRun.objects.filter(from_check=run).count() == 2, "not again once one succeeded"

    def test_a_partial_extract_is_recorded(self, officer_client: Client) -> None:
        run = check(officer_client, three_households(), full_extract=False)
        assert not run.full_extract


@pytest.mark.django_db
class TestProblems:
    def bad_rows(self) -> list[dict[str, str]]:
        rows = three_households()
        rows[2]["email"] = "no-at-sign"
        return rows

    def test_problems_are_listed_row_by_row(self, officer_client: Client) -> None:
        run = check(officer_client, self.bad_rows())

        page = officer_client.get(reverse("staff:import-detail", args=[run.pk])).content.decode()
        assert "Problems found (1)" in page
        assert "&#x27;no-at-sign&#x27; is not a valid email address." in page

    def test_confirming_needs_the_choice_to_skip_bad_rows(self, officer_client: Client) -> None:
        run = check(officer_client, self.bad_rows())

        response = officer_client.post(reverse("staff:import-confirm", args=[run.pk]))

        assert response.status_code == 400
        assert "nothing can be imported unless you choose to skip them" in response.content.decode()
        assert Resident.objects.count() == 0
        officer_client.post(reverse("staff:import-confirm", args=[run.pk]), {"good_rows_only": "on"})
        assert Resident.objects.count() == 5

    def test_the_report_downloads_as_csv_and_is_audited(self, officer_client: Client) -> None:
        run = check(officer_client, self.bad_rows())

        response = officer_client.get(reverse("staff:import-errors", args=[run.pk]))

        assert response["Content-Type"].startswith("text/csv")
        lines = list(csv.reader(io.StringIO(response.content.decode())))
        assert lines[1][:3] == ["4", "email", "no-at-sign"]
        assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="import").exists()

    def test_a_file_that_is_not_a_spreadsheet(self, officer_client: Client) -> None:
        response = officer_client.post(
            reverse("staff:import-new"),
            {"file": SimpleUploadedFile("notes.pdf", b"%PDF-1.4"), "full_extract": "on"},
        )

        assert response.status_code == 400
        assert "must be a CSV file (.csv) or an Excel workbook (.xlsx)" in response.content.decode()

    def test_no_file_chosen(self, officer_client: Client) -> None:
        response = officer_client.post(reverse("staff:import-new"), {"full_extract": "on"})
        assert "Choose the file to import." in response.content.decode()

    def test_a_file_without_headings_it_needs(self, officer_client: Client) -> None:
        response = officer_client.post(
            reverse("staff:import-new"),
            {"file": SimpleUploadedFile("x.csv", b"name,address\nAnn,1 Oak St\n"), "full_extract": "on"},
        )
        run = ImportRun.objects.get()
        assert response.status_code == 302
        assert run.status == ImportStatus.FAILED
        assert "has no person_ref, first_name or last_name column" in run.message

    def test_many_ended_tenancies_need_a_tick(self, officer_client: Client) -> None:
        rows = [person(f"P{n}", f"T{n}", f"H{n}") for n in range(1, 41)]
        officer_client.post(reverse("staff:import-confirm", args=[check(officer_client, rows).pk]))
        run = check(officer_client, rows[:5])

        response = officer_client.post(reverse("staff:import-confirm", args=[run.pk]))
        assert response.status_code == 400
        assert "Confirm that these tenancies have ended" in response.content.decode()
        officer_client.post(reverse("staff:import-confirm", args=[run.pk]), {"allow_many_ended": "on"})
        assert Tenancy.objects.filter(end_date__isnull=True).count() == 5


@pytest.mark.django_db
class TestLargeFilesInTheBackground:
    def test_a_large_file_is_queued_and_shows_progress(
        self, officer_client: Client, settings: SettingsWrapper
    ) -> None:
        settings.TENANTVOICE_BACKGROUND_IMPORT_ROWS = 3
        # The job is queued when the upload commits; tests never commit, so it stays queued.
        run = check(officer_client, three_households())

        assert run.status == ImportStatus.QUEUED
        page = officer_client.get(reverse("staff:import-detail", args=[run.pk])).content.decode()
        assert 'id="import-progress"' in page and "Rows checked: 0 of 6" in page
        assert "import-progress.js" in page

    def test_the_worker_runs_it_once(
        self, officer_client: Client, settings: SettingsWrapper, django_capture_on_commit_callbacks: object
    ) -> None:
        settings.TENANTVOICE_BACKGROUND_IMPORT_ROWS = 3
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            run = check(officer_client, three_households())
        run.refresh_from_db()
        assert run.status == ImportStatus.CHECKED and run.rows_done == 6

        from tenantvoice.residents.tasks import run_import

        assert run_import.call(run.pk) == "already started"


@pytest.mark.django_db
def test_the_list_shows_each_run(officer_client: Client) -> None:
    run = check(officer_client, three_households())
    page = officer_client.get(reverse("staff:import-list")).content.decode()
    assert reverse("staff:import-detail", args=[run.pk]) in page and "hms.csv" in page


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["import-list", "import-new"])
def test_only_roles_that_run_imports_may(client: Client, manager: User, name: str) -> None:
    assert sign_in(client, manager).get(reverse(f"staff:{name}")).status_code == 403
