"""Subject access cannot forget a model: every model that refers to a resident is either shown
by a section of "Everything we hold about you" or left out on purpose, with the reason.

A model refers to a resident when it has a foreign key (or one-to-one or many-to-many field)
to ``residents.Resident``; to an account (which may be a resident's); through a chain of
foreign keys to a row that does (``Answer -> Response -> Resident``, ``Vote -> Nomination ->
Resident``); or when it keeps a resident's id as a plain number (``AuditEvent.resident_id``).
Chains do not run on through accounts: that an officer created a survey does not make every
question of it about a resident.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.test.utils import isolate_apps

from tenantvoice.core.personal_data import exclusions, section_specs
from tenantvoice.residents.models import Resident

Path = tuple[str, ...]
MAX_HOPS = 4


def _forward_relations(model: type[models.Model]) -> list[models.Field]:  # type: ignore[type-arg]
    fields = [f for f in model._meta.fields if f.is_relation and f.related_model is not None]
    return [*fields, *model._meta.many_to_many]


def _paths(
    model: type[models.Model], hops: int = 0, seen: frozenset[type[models.Model]] = frozenset()
) -> list[Path]:
    user_model = get_user_model()
    found: list[Path] = []
    for field in _forward_relations(model):
        target = field.related_model
        if target is Resident:
            found.append((field.name,))
        elif target is user_model:
            if hops == 0:  # an account is a person; rows that point at one are not chains
                found.append((field.name, "resident"))
        elif isinstance(target, type) and hops < MAX_HOPS and target not in seen and target is not model:
            found += [(field.name, *rest) for rest in _paths(target, hops + 1, seen | {model})]
    if hops == 0:
        found += [
            (f.name,)
            for f in model._meta.fields
            if not f.is_relation and f.name in ("resident_id", "resident")  # a resident kept as a number
        ]
    return found


def references(candidates: Iterable[type[models.Model]]) -> dict[type[models.Model], list[Path]]:
    """Each concrete model among ``candidates`` that refers to a resident, with its paths."""
    result = {}
    for model in candidates:
        if model._meta.proxy or model is Resident:
            continue
        paths = _paths(model)
        if paths:
            result[model] = paths
    return result


def unaccounted(candidates: Iterable[type[models.Model]]) -> list[str]:
    covered = {model for spec in section_specs() for model in spec.covers}
    excluded = exclusions()
    missing = []
    for model, paths in references(candidates).items():
        if model in covered:
            continue
        for path in paths:
            if (model._meta.label, path[0]) not in excluded:
                missing.append(f"{model._meta.label}.{'.'.join(path)}")
    return sorted(missing)


def test_every_model_that_refers_to_a_resident_is_exported_or_left_out_with_a_reason() -> None:
    missing = unaccounted(apps.get_models())
    assert not missing, (
        "These refer to a resident but are in no subject access section and not left out on purpose: "
        f"{', '.join(missing)}. Add a section for them in the app's subject_access.py, or "
        "not_exported(Model, 'field', reason=...) there if they must not be shown."
    )


def test_the_walk_finds_direct_chained_numeric_and_account_references() -> None:
    found = {model._meta.label: paths for model, paths in references(apps.get_models()).items()}
    assert ("recipient",) in found["comms.Message"]
    assert ("response", "resident") in found["surveys.Answer"]
    assert ("response", "invitation", "resident") in found["surveys.Answer"]
    assert ("participant", "resident") in found["activities.SupportRequest"]
    assert found["involvement.Vote"] == [("nomination", "resident")]
    assert ("resident_id",) in found["core.AuditEvent"] and ("actor", "resident") in found["core.AuditEvent"]
    assert ("created_by", "resident") in found["surveys.Survey"]
    # A question belongs to a survey an officer wrote: that is not a reference to a resident.
    assert "surveys.Question" not in found and "surveys.PeerFigure" not in found


@isolate_apps("tenantvoice.portal")
def test_a_new_model_that_refers_to_a_resident_fails_until_it_is_covered() -> None:
    class Badge(models.Model):  # noqa: DJ008
        resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "portal"

    class BadgeAward(models.Model):  # noqa: DJ008
        badge = models.ForeignKey(Badge, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "portal"

    assert unaccounted([Badge, BadgeAward]) == ["portal.Badge.resident", "portal.BadgeAward.badge.resident"]


def test_every_exclusion_names_a_real_reference_and_gives_a_reason() -> None:
    found = {
        (model._meta.label, path[0])
        for model, paths in references(apps.get_models()).items()
        for path in paths
    }
    for key, reason in exclusions().items():
        assert key in found, f"{key} is left out of subject access but does not refer to a resident"
        assert len(reason) > 20, key


def test_every_section_covers_models_that_refer_to_a_resident() -> None:
    referring = set(references(apps.get_models())) | {Resident}
    for spec in section_specs():
        for model in spec.covers:
            assert model in referring, (
                f"{spec.key} covers {model._meta.label}, which holds nothing about a resident"
            )
