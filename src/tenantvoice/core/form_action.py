"""One way to handle a form action (decision 0032): validate the form, call one service, then
redirect, or show the page again with the error summary at status 400.

A view builds its form and says, as plain functions, which service to call, where to go once it
has worked, and how to draw the page with a form in it::

    form = ProgrammeForm(posted(request))
    return form_action(
        request,
        form,
        lambda data: programme_create(by=request.user, **data),
        success=lambda made: redirect_with_message(request, "Programme made.", "programme:list"),
        page=lambda form: render(request, "programme/new.html", {"form": form}),
        refusals=(ProgrammeError,),
    )

A refusal the service raises (a domain error) becomes an error of the form, on the field it
names (``exc.field``) or on the form as a whole, in the service's own words; the page shows it
in its error summary like any other error. A ``ValidationError`` keeps its messages, so a
refusal with several reasons lists each. A button with nothing to fill in posts a
:class:`~tenantvoice.core.forms.ButtonForm`, which holds the refusal the same way.

A big send is confirmed first: given ``confirm``, a valid form shows the confirmation page it
returns, whose button posts the same data again with ``confirm=yes``; only then is the service
called.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect

from tenantvoice.core.pickers import hold_errors, searching

F = TypeVar("F", bound=BaseForm)
T = TypeVar("T")

# The refusals a service raises. Every app's error will extend
# ``tenantvoice.core.errors.DomainError(ValueError)`` (issue 14 item 3); until then a view names
# its app's errors in ``refusals``.
REFUSALS: tuple[type[Exception], ...] = (ValueError,)


def confirmed(request: HttpRequest) -> bool:
    """Whether the officer pressed the confirmation page's button (not the first button)."""
    return request.method == "POST" and request.POST.get("confirm") == "yes"


def form_action(
    request: HttpRequest,
    form: F,
    service: Callable[[dict[str, Any]], T],
    *,
    success: Callable[[T], HttpResponse],
    page: Callable[[F], HttpResponse],
    confirm: Callable[[dict[str, Any]], HttpResponse] | None = None,
    also_valid: Sequence[BaseForm] = (),
    refusals: tuple[type[Exception], ...] = REFUSALS,
) -> HttpResponse:
    """Handle one form's action and answer the request.

    On a POST with ``form`` (and every form in ``also_valid``) valid: call ``service`` with the
    form's cleaned data and answer ``success(result)``, usually a redirect. A refusal (one of
    ``refusals``) raised by the service, or by ``confirm``, is added to the form. Otherwise,
    and on a GET, answer ``page(form)``: with status 400 if a form was posted with errors (200
    while a picker on any of the forms is still searching, which is not an error, and then
    with no form showing errors).
    """
    posted = request.method == "POST"
    every_form: list[BaseForm] = [form, *also_valid]
    # Every form is checked (not stopping at the first invalid one): one of them may be in the
    # middle of a picker's search, and then nothing is saved and no form shows its problems.
    valid = [f.is_valid() for f in every_form]
    if posted and searching(every_form):
        for f in every_form:
            hold_errors(f)
        return page(form)
    if posted and all(valid):
        try:
            if confirm is not None and not confirmed(request):
                return confirm(form.cleaned_data)
            result = service(form.cleaned_data)
        except refusals as refusal:
            # A ValidationError keeps its messages as they are (several stay several).
            message = refusal if isinstance(refusal, ValidationError) else str(refusal)
            form.add_error(_field_of(form, refusal), message)
        else:
            return success(result)
    response = page(form)
    if posted and response.status_code == 200 and any(f.errors for f in every_form):
        response.status_code = 400
    return response


def _field_of(form: BaseForm, refusal: Exception) -> str | None:
    """The form's field a refusal names, if the form has it; else the form as a whole."""
    field = getattr(refusal, "field", None)
    return field if isinstance(field, str) and field in form.fields else None


def redirect_with_message(
    request: HttpRequest, message: str, to: str, *args: Any, **kwargs: Any
) -> HttpResponseRedirect:
    """Say what was done (on the next page) and go there: ``to`` is a URL name or a path."""
    messages.success(request, message)
    answer: HttpResponseRedirect = redirect(to, *args, **kwargs)
    return answer


@contextmanager
def refusal_on(field: str, *kinds: type[Exception]) -> Iterator[None]:
    """A refusal of one of ``kinds`` raised inside belongs to the form's ``field``.

    For services whose errors do not yet name their field (issue 14 item 3 gives every domain
    error an optional ``field``, set where it is raised); then this goes."""
    try:
        yield
    except kinds as refusal:
        refusal.field = field  # type: ignore[attr-defined]
        raise
