"""The Value for Money statement of involvement and the costs it is made from, under
/staff/reports/value-for-money/ (decision 0055). Readers of reports (managers and the board)
read the statement; officers who manage involvement record the costs. Every form posts to its
own address, calls one service and comes back to the statement, or shows the form again with
the refusal in words (decision 0032)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tenantvoice.core.access import require_capability
from tenantvoice.core.charts import bar_chart
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted
from tenantvoice.core.reporting_year import ReportingYear, year_chosen
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.suppression import Hidden
from tenantvoice.core.tables import download

from .forms import CostForm
from .models import InvolvementCost
from .selectors import cost_get, costs_in, statement_years
from .services import CostError, cost_change, cost_delete, cost_record
from .statement import statement_tables, value_for_money_statement

REFUSALS = (CostError,)


@require_capability(Capability.VIEW_REPORTS)
def statement(request: HttpRequest) -> HttpResponse:
    """The year's statement: what involvement cost against what it achieved, and the costs."""
    years = statement_years()
    year = year_chosen(request.GET.get("year", ""), years)
    made = value_for_money_statement(year)
    tables = statement_tables(made)
    exported = download(tables, request.GET.get("format", ""), f"value-for-money-{year.first}")
    if exported is not None:
        return exported
    can_record = has_capability(request.user, Capability.MANAGE_INVOLVEMENT)
    return render(
        request,
        "value_for_money/statement.html",
        {
            "statement": made,
            "tables": tables,
            "chart": bar_chart(
                f"What involvement cost, {year.label}, in pounds",
                [
                    (line.label, None if isinstance(line.amount, Hidden) else float(line.amount))
                    for line in made.costs
                ],
            ),
            "year": year,
            "years": years,
            "costs": list(costs_in(year)) if can_record else [],
            "can_record": can_record,
        },
    )


def _form_page(request: HttpRequest, form: CostForm, cost: InvolvementCost | None = None) -> HttpResponse:
    context: dict[str, Any] = {"form": form, "cost": cost}
    if cost is not None:
        context["delete_form"] = ButtonForm()
    return render(request, "value_for_money/cost_form.html", context)


def _back(request: HttpRequest, message: str, cost: InvolvementCost | None) -> HttpResponse:
    response = redirect_with_message(request, message, "staff:value-for-money")
    if cost is not None:
        response["Location"] += f"?year={ReportingYear.of(cost.spent_on).first}#costs"
    return response


@require_capability(Capability.MANAGE_INVOLVEMENT)
def cost_new(request: HttpRequest) -> HttpResponse:
    return form_action(
        request,
        CostForm(posted(request)),
        lambda data: cost_record(by=request.user, data=data, request=request),
        success=lambda made: _back(request, "Cost recorded.", made),
        page=lambda form: _form_page(request, form),
        refusals=REFUSALS,
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def cost_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cost = cost_get(pk)
    initial = {
        "kind": cost.kind,
        "spent_on": cost.spent_on,
        "amount": cost.amount,
        "description": cost.description,
        "staff_hours": cost.staff_hours,
        "group": cost.group_id,
    }
    return form_action(
        request,
        CostForm(posted(request), initial=initial),
        lambda data: cost_change(cost=cost, by=request.user, data=data, request=request),
        success=lambda changed: _back(request, "Cost changed.", changed),
        page=lambda form: _form_page(request, form, cost),
        refusals=REFUSALS,
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def cost_remove(request: HttpRequest, pk: int) -> HttpResponse:
    cost = cost_get(pk)
    return form_action(
        request,
        ButtonForm(posted(request)),
        lambda data: cost_delete(cost=cost, by=request.user, request=request),
        success=lambda _: _back(request, "Cost deleted.", cost),
        page=lambda form: _form_page(request, CostForm(initial={}), cost),
        refusals=REFUSALS,
    )
