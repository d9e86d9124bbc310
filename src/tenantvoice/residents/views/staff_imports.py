"""Officers' pages for importing the housing management system extract.

Every upload is checked first (a dry run) and shows what would change; the officer then
confirms, which imports the same file. Large files run on the task worker while the page
shows progress.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action
from tenantvoice.core.http import posted, posted_files
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.core.roles import Capability
from tenantvoice.residents.hms_columns import COLUMNS
from tenantvoice.residents.importing import (
    errors_as_csv,
    import_run_confirm,
    import_run_create,
    import_run_start,
)
from tenantvoice.residents.models import ImportRun, ImportStatus
from tenantvoice.residents.selectors import import_errors_for_download

MAX_UPLOAD_MB = 200
ERRORS_SHOWN = 100
RUNS_PER_PAGE = 25


class ImportUploadForm(PlainForm):
    file = forms.FileField(
        label="The extract from your housing management system",
        help_text="A CSV file (.csv) or an Excel workbook (.xlsx), one row per person. "
        f"Up to {MAX_UPLOAD_MB} MB.",
        error_messages={
            "required": "Choose the file to import.",
            "empty": "The file you chose is empty. Export the extract again.",
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    full_extract = forms.BooleanField(
        label="This is a full extract of every current tenancy",
        required=False,
        initial=True,
        help_text="Tenancies that are not in a full extract are ended. Untick this for a file "
        "that holds only some tenancies, such as one area or this week's new lets.",
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                f"The file is larger than {MAX_UPLOAD_MB} MB. Split it by area "
                "and import each part, unticking 'full extract'."
            )
        suffix = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if suffix not in {"csv", "xlsx", "xlsm", "txt"}:
            raise forms.ValidationError("The file must be a CSV file (.csv) or an Excel workbook (.xlsx).")
        return upload


class ImportConfirmForm(PlainForm):
    """Shown under a finished check. Fields appear only when the check calls for them."""

    good_rows_only = forms.BooleanField(
        label="Import the rows without problems and skip the others",
        required=False,
        help_text="The skipped rows are listed in the report so that they can be corrected in the "
        "housing management system and imported next time.",
    )
    allow_many_ended = forms.BooleanField(
        label="I have checked: these tenancies have really ended", required=False
    )

    def __init__(self, *args: object, check: ImportRun, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.check = check
        if not check.error_count:
            del self.fields["good_rows_only"]
        if not check.summary.get("many_ended"):
            del self.fields["allow_many_ended"]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if "good_rows_only" in self.fields and not data.get("good_rows_only"):
            self.add_error(
                "good_rows_only",
                "Some rows have problems, so nothing can be imported unless "
                "you choose to skip them. Or correct the file and upload "
                "it again.",
            )
        if "allow_many_ended" in self.fields and not data.get("allow_many_ended"):
            self.add_error(
                "allow_many_ended",
                "Confirm that these tenancies have ended, or check the file and upload it again.",
            )
        return data


@require_capability(Capability.RUN_IMPORTS)
def import_list(request: HttpRequest) -> HttpResponse:
    before = request.GET.get("before", "")
    runs = ImportRun.objects.select_related("created_by").order_by("-pk")
    if before.isdigit():
        runs = runs.filter(pk__lt=int(before))
    page = list(runs[: RUNS_PER_PAGE + 1])
    return render(
        request,
        "staff/imports/list.html",
        {
            "runs": page[:RUNS_PER_PAGE],
            "next_before": page[RUNS_PER_PAGE - 1].pk if len(page) > RUNS_PER_PAGE else None,
        },
    )


@require_capability(Capability.RUN_IMPORTS)
def import_new(request: HttpRequest) -> HttpResponse:
    def check_file(data: dict[str, Any]) -> ImportRun:
        run = import_run_create(
            upload=data["file"],
            by=request.user,
            dry_run=True,
            good_rows_only=False,
            full_extract=data["full_extract"],
        )
        import_run_start(run)
        return run

    return form_action(
        request,
        ImportUploadForm(posted(request), posted_files(request)),
        check_file,
        success=lambda run: redirect("staff:import-detail", pk=run.pk),
        page=lambda form: render(
            request,
            "staff/imports/new.html",
            {
                "form": form,
                "columns": COLUMNS,
                "mapping": getattr(settings, "TENANTVOICE_IMPORT_MAPPING", ""),
            },
        ),
    )


@require_capability(Capability.RUN_IMPORTS)
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ImportRun.objects.select_related("created_by", "from_check"), pk=pk)
    return _detail_page(request, run)


def _detail_page(request: HttpRequest, run: ImportRun, form: ImportConfirmForm | None = None) -> HttpResponse:
    """The run's page; ``form`` is the confirmation posted from it, with its problems."""
    # A check is confirmed from its own page; a failed import (a stopped worker, a database
    # problem) is confirmed again from its page, through the check it came from.
    check = run.from_check if run.status == ImportStatus.FAILED and run.from_check else run
    imported_as = run.imports.order_by("-pk").first()
    return render(
        request,
        "staff/imports/detail.html",
        {
            "run": run,
            "errors": run.errors[:ERRORS_SHOWN],
            "more_errors": max(0, run.error_count - ERRORS_SHOWN),
            "imported_as": imported_as,
            "confirm_form": form or (ImportConfirmForm(check=check) if _confirmable(check) else None),
            "confirm_check": check,
            "confirm_again": check != run or imported_as is not None,
            "form": form,
            "counts": _count_rows(run.summary.get("counts", {})),
        },
    )


def _confirmable(check: ImportRun) -> bool:
    """A finished check can be imported, and imported again if every import of it failed
    (nothing from a failed import was saved: each file is written in one transaction)."""
    if check.status != ImportStatus.CHECKED:
        return False
    return not check.imports.exclude(status=ImportStatus.FAILED).exists()


NOT_CONFIRMABLE = "This check has already been imported, or it cannot be imported."


@require_POST
@require_capability(Capability.RUN_IMPORTS)
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    check = get_object_or_404(ImportRun, pk=pk)
    if not _confirmable(check):
        messages.info(request, NOT_CONFIRMABLE)
        return redirect("staff:import-detail", pk=check.pk)

    def confirm_import(data: dict[str, Any]) -> ImportRun:
        with transaction.atomic():
            # Locked and checked again, so that two officers cannot both import one check.
            locked = ImportRun.objects.select_for_update().get(pk=pk)
            if not _confirmable(locked):
                raise ValueError(NOT_CONFIRMABLE)
            run = import_run_confirm(
                locked,
                by=request.user,
                good_rows_only=data.get("good_rows_only", False),
                allow_many_ended=data.get("allow_many_ended", False),
            )
        import_run_start(run)  # after the lock: a small file is imported now
        return run

    return form_action(
        request,
        ImportConfirmForm(request.POST, check=check),
        confirm_import,
        success=lambda run: redirect("staff:import-detail", pk=run.pk),
        page=lambda form: _detail_page(request, check, form),
    )


@require_capability(Capability.RUN_IMPORTS)
def import_errors(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ImportRun, pk=pk)
    if not run.errors:
        raise Http404("This import has no problems to download.")
    if not request.user.is_authenticated:  # for the type checker; the decorator ensures it
        raise PermissionDenied
    errors = import_errors_for_download(run, reader=request.user, request=request)
    response = HttpResponse(errors_as_csv(errors), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{run.pk}-problems.csv"'
    return response


def _count_rows(counts: dict[str, dict[str, int]]) -> list[dict[str, object]]:
    """The summary counts as table rows, in the order officers read them."""
    order = ("residents", "tenancies", "memberships", "properties", "areas")
    labels = {"memberships": "household memberships"}
    return [{"noun": labels.get(noun, noun), **counts[noun]} for noun in order if noun in counts]
