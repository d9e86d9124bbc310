"""Widgets every app's forms share. Search-then-pick is ``tenantvoice.core.pickers``; the
register's pickers (residents, areas) are ``tenantvoice.residents.widgets`` (decisions 0027, 0039)."""

from __future__ import annotations

from django import forms


class Radios(forms.RadioSelect):
    """Radios whose field id is the first option's, so the error summary can link to it."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)


class Checkboxes(forms.CheckboxSelectMultiple):
    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)
