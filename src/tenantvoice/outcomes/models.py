"""What residents said and what was done about it ("you said, we did"), published for everyone
and sent to each resident who took part (DOMAIN.md, "Feedback loop"; decision 0036).

An outcome is about exactly one thing residents were asked: a survey or a consultation (next, a
scrutiny review or a complaint). Each kind of source is its own nullable one-to-one key, and a
check constraint says exactly one is set, rather than a generic relation: the database keeps
every key true, deleting a survey deletes its outcome, and each source joins like any other
foreign key. Adding a kind of source is a key here, its name in ``SOURCE_FIELDS`` and its
entry in ``sources.SOURCES``.
"""

from __future__ import annotations

import functools
import operator

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.text import capfirst

from tenantvoice.core.models import Correction

# The keys that name what an outcome is about, one per kind of source (sources.SOURCES says
# what each kind does when its outcome is published).
SOURCE_FIELDS = ("survey", "consultation", "review", "learning")


def exactly_one(fields: tuple[str, ...]) -> Q:
    """One of ``fields`` is set and the others are empty."""
    return functools.reduce(
        operator.or_, (Q(**{f"{f}__isnull": f != chosen for f in fields}) for chosen in fields)
    )


class Outcome(models.Model):
    """One source's "you said, we did": what residents said, what was done, and when it was
    first published."""

    survey = models.OneToOneField(
        "surveys.Survey", null=True, blank=True, on_delete=models.CASCADE, related_name="outcome"
    )
    consultation = models.OneToOneField(
        "consultations.Consultation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outcome",
    )
    review = models.OneToOneField(
        "scrutiny.Review", null=True, blank=True, on_delete=models.CASCADE, related_name="outcome"
    )
    # What a complaint taught the landlord and the change made (never who complained).
    learning = models.OneToOneField(
        "complaints.Learning",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outcome",
        verbose_name="learning from a complaint",
    )
    # The source's title when it was published (a complaint's will be written for the public).
    title = models.CharField(max_length=200)
    you_said = models.TextField("what residents said")
    we_did = models.TextField("what we did, or will do")
    # The services it is about (a consultation's), so residents can follow one service.
    service_areas = models.ManyToManyField(
        "involvement.ServiceArea", blank=True, related_name="outcomes", verbose_name="services it is about"
    )
    # The first publication; a correction keeps it (the standard counts from when residents were
    # first told) and is kept as an OutcomeCorrection.
    published_on = models.DateField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_on", "-pk"]
        indexes = [models.Index(fields=["-published_on", "-id"], name="outcome_newest_first")]
        constraints = [
            models.CheckConstraint(condition=exactly_one(SOURCE_FIELDS), name="outcome_one_source")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def source_field(self) -> str:
        """The key that is set: "survey", "consultation" ..."""
        return next(f for f in SOURCE_FIELDS if getattr(self, f"{f}_id") is not None)

    @property
    def source(self) -> models.Model:
        """The survey, consultation ... it is the outcome of."""
        source: models.Model = getattr(self, self.source_field)
        return source

    @property
    def kind(self) -> str:
        """What it is the outcome of, in words ("Survey", "Consultation")."""
        related = self._meta.get_field(self.source_field).related_model
        return capfirst(str(related._meta.verbose_name))  # type: ignore[union-attr]


class OutcomeCorrection(Correction):
    """One correction of a published outcome, kept as a version (decision 0028). Residents'
    pages show the current text."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="corrections")

    def __str__(self) -> str:
        return f"Correction of {self.field} in outcome {self.outcome_id}"

    @property
    def field_label(self) -> str:
        field = Outcome._meta.get_field(self.field)
        return capfirst(str(getattr(field, "verbose_name", self.field)))
