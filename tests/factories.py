"""factory_boy factories for the resident register and accounts."""

from __future__ import annotations

import datetime as dt

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenantvoice.accounts.models import User
from tenantvoice.core.roles import Role
from tenantvoice.residents import services as resident_services
from tenantvoice.residents.models import (
    Area,
    AreaLevel,
    MemberRole,
    Property,
    PropertyType,
    Resident,
    Tenancy,
    TenancyMember,
    Tenure,
)

PASSWORD = "correct-horse-battery-staple"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Area {n}")
    level = AreaLevel.AREA
    full_name = factory.LazyAttribute(
        lambda a: a.name if a.parent is None else f"{a.parent.full_name} > {a.name}"
    )
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        return resident_services.area_get_or_create_path(
            names=kwargs["full_name"].split(" > "), levels=None, leaf_level=kwargs["level"]
        )


class PropertyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Property

    hms_ref = factory.Sequence(lambda n: f"P{n:07d}")
    address_line_1 = factory.Sequence(lambda n: f"{n % 200 + 1} Oak Road")
    town = "Manchester"
    postcode = factory.Sequence(lambda n: f"M{n % 30 + 1} {n % 9 + 1}AB")
    postcode_key = factory.LazyAttribute(lambda p: p.postcode.replace(" ", "").upper())
    address_key = factory.LazyAttribute(lambda p: p.address_line_1.lower())
    area = factory.SubFactory(AreaFactory)
    property_type = PropertyType.GENERAL_NEEDS


class TenancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenancy

    hms_ref = factory.Sequence(lambda n: f"T{n:07d}")
    property = factory.SubFactory(PropertyFactory)
    tenure = Tenure.ASSURED
    start_date = dt.date(2015, 4, 1)


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    hms_ref = factory.Sequence(lambda n: f"R{n:07d}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    first_name_key = factory.LazyAttribute(lambda r: r.first_name.lower())
    last_name_key = factory.LazyAttribute(lambda r: r.last_name.lower())
    date_of_birth = dt.date(1970, 5, 17)
    email = factory.LazyAttribute(lambda r: f"{r.hms_ref.lower()}@example.org")
    accepts_email = True
    preferred_channel = "email"


class TenancyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TenancyMember

    tenancy = factory.SubFactory(TenancyFactory)
    resident = factory.SubFactory(ResidentFactory)
    role = MemberRole.TENANT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"User {n}")
    role = Role.RESIDENT
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]  # noqa: N805
        if create:
            obj.save()


def staff_user(role: str, email: str) -> User:
    """A staff account with a confirmed authenticator app."""
    user = UserFactory(role=role, email=email)
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user


def household(*, tenure: str = Tenure.ASSURED, members: int = 1, **resident_kwargs: object) -> Tenancy:
    """A tenancy with a named tenant and ``members - 1`` other household members."""
    tenancy = TenancyFactory(tenure=tenure)
    TenancyMemberFactory(tenancy=tenancy, resident=ResidentFactory(**resident_kwargs), role=MemberRole.TENANT)
    for _ in range(members - 1):
        TenancyMemberFactory(tenancy=tenancy, role=MemberRole.HOUSEHOLD_MEMBER)
    return tenancy
