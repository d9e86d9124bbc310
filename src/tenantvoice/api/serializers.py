"""What the API shows and accepts. Validation only: every write goes through a service.

Serializers check the shape of the input (types, lengths, a postcode's form, a reference not
already taken). The rules of a change (an area not moved under itself, a tenancy not ending
before it starts) are the services', whose ``DomainError`` api.exceptions answers with a 400
against the field, so they are not repeated here (decision 0035).

Equality answers (special category data) are deliberately absent: no serializer here names
them, and a test proves none of their fields appear in a response.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.db.models import Model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tenantvoice.core.phones import PhoneError, normalise_phone
from tenantvoice.residents.models import Area, Property, Resident, Tenancy, TenancyMember
from tenantvoice.residents.normalise import format_postcode, is_valid_postcode

from .selectors import current_memberships

POSTCODE_MESSAGE = "Enter a full UK postcode, like M15 4AB."
UPRN_MESSAGE = "A UPRN is 1 to 12 digits, with no letters or spaces."


class PlainRelatedField(serializers.PrimaryKeyRelatedField[Any]):
    """A link by id, with errors that say what was expected in plain words."""

    def __init__(self, noun: str, **kwargs: Any) -> None:
        kwargs.setdefault(
            "error_messages",
            {
                "does_not_exist": f"There is no {noun} with id {{pk_value}}.",
                "incorrect_type": f"Give the {noun}'s id as a whole number.",
                "required": f"Give the {noun}'s id.",
                "null": f"Give the {noun}'s id.",
            },
        )
        super().__init__(**kwargs)


class PhoneNumberField(serializers.CharField):
    """A phone number, accepted as people write it and stored and given back in E.164
    (``core.phones``, the same rule as every form and the import)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault(
            "help_text",
            "In E.164, like +447700900123. A UK number may be sent as people write it, like 07700 900123.",
        )
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        text = super().to_internal_value(data)
        try:
            return normalise_phone(text)
        except PhoneError as exc:
            raise serializers.ValidationError(str(exc), code=exc.code) from None


def _unique_ref(model: type[Model], value: str | None, instance: Model | None, noun: str) -> None:
    if not value:
        return
    others = model._default_manager.filter(hms_ref=value)
    if instance is not None:
        others = others.exclude(pk=instance.pk)
    if others.exists():
        raise serializers.ValidationError(f"Another {noun} already has the reference {value}.")


def _ref_field(label: str, *, required: bool = True) -> serializers.CharField:
    return serializers.CharField(
        max_length=64,
        required=required,
        allow_blank=not required,
        allow_null=not required,
        help_text=f"The housing management system's {label} reference; unique.",
        error_messages={
            "blank": f"Give the {label} reference.",
            "max_length": "A reference is at most 64 characters.",
        },
    )


class AreaSerializer(serializers.ModelSerializer[Area]):
    # The metaclass moves declared fields away, so this does not hide Field.parent at run time.
    parent = PlainRelatedField(  # type: ignore[assignment]
        "area", queryset=Area.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Area
        fields = ["id", "name", "level", "parent", "full_name"]
        read_only_fields = ["id", "full_name"]

    def validate_name(self, value: str) -> str:
        value = value.strip()
        if ">" in value:
            raise serializers.ValidationError('An area\'s name cannot contain ">".')
        return value


class PropertySerializer(serializers.ModelSerializer[Property]):
    hms_ref = _ref_field("property")
    area = PlainRelatedField("area", queryset=Area.objects.all(), required=False, allow_null=True)
    area_name = serializers.CharField(source="area.full_name", read_only=True, default=None, allow_null=True)

    class Meta:
        model = Property
        fields = [
            "id",
            "hms_ref",
            "address_line_1",
            "address_line_2",
            "address_line_3",
            "town",
            "postcode",
            "uprn",
            "area",
            "area_name",
            "property_type",
            "location",
            "managed_for",
            "updated_at",
        ]
        read_only_fields = ["id", "updated_at"]
        extra_kwargs = {
            "postcode": {"error_messages": {"max_length": POSTCODE_MESSAGE}},
            "uprn": {"error_messages": {"max_length": UPRN_MESSAGE}},
        }

    def validate_hms_ref(self, value: str) -> str:
        _unique_ref(Property, value, self.instance, "property")
        return value

    def validate_postcode(self, value: str) -> str:
        if not is_valid_postcode(value):
            raise serializers.ValidationError(POSTCODE_MESSAGE)
        return format_postcode(value)

    def validate_uprn(self, value: str) -> str:
        value = value.strip()
        if value and not (value.isascii() and value.isdigit() and len(value) <= 12):
            raise serializers.ValidationError(UPRN_MESSAGE)
        return value


class TenancySerializer(serializers.ModelSerializer[Tenancy]):
    hms_ref = _ref_field("tenancy")
    property = PlainRelatedField("property", queryset=Property.objects.all())
    property_ref = serializers.CharField(source="property.hms_ref", read_only=True)
    is_current = serializers.SerializerMethodField()

    class Meta:
        model = Tenancy
        fields = [
            "id",
            "hms_ref",
            "property",
            "property_ref",
            "tenure",
            "start_date",
            "end_date",
            "is_current",
            "updated_at",
        ]
        read_only_fields = ["id", "updated_at"]

    def get_is_current(self, obj: Tenancy) -> bool:
        return obj.is_current()

    def validate_hms_ref(self, value: str) -> str:
        _unique_ref(Tenancy, value, self.instance, "tenancy")
        return value


class MembershipSerializer(serializers.ModelSerializer[TenancyMember]):
    tenancy_id = serializers.IntegerField(read_only=True)
    tenancy_ref = serializers.CharField(source="tenancy.hms_ref", read_only=True)
    tenure = serializers.CharField(source="tenancy.tenure", read_only=True)
    property_id = serializers.IntegerField(source="tenancy.property_id", read_only=True)
    property_ref = serializers.CharField(source="tenancy.property.hms_ref", read_only=True)

    class Meta:
        model = TenancyMember
        fields = ["tenancy_id", "tenancy_ref", "role", "tenure", "property_id", "property_ref"]
        read_only_fields = fields


class ResidentSerializer(serializers.ModelSerializer[Resident]):
    hms_ref = _ref_field("person", required=False)
    mobile_phone = PhoneNumberField()
    other_phone = PhoneNumberField()
    current_tenancies = serializers.SerializerMethodField(
        help_text="Current memberships of current tenancies. Read only: they come from the HMS."
    )

    class Meta:
        model = Resident
        fields = [
            "id",
            "hms_ref",
            "kind",
            "title",
            "first_name",
            "last_name",
            "preferred_name",
            "display_name",
            "date_of_birth",
            "email",
            "mobile_phone",
            "other_phone",
            "correspondence_address",
            "correspondence_postcode",
            "preferred_channel",
            "accepts_email",
            "accepts_sms",
            "accepts_phone",
            "accepts_letter",
            "accepts_portal",
            "consents_to_news",
            "news_consent_at",
            "language",
            "needs_interpreter",
            "large_print",
            "braille",
            "audio",
            "easy_read",
            "translation",
            "support_needs",
            "current_tenancies",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "display_name", "news_consent_at", "created_at", "updated_at"]
        extra_kwargs = {
            "correspondence_postcode": {"error_messages": {"max_length": POSTCODE_MESSAGE}},
        }

    @extend_schema_field(MembershipSerializer(many=True))
    def get_current_tenancies(self, obj: Resident) -> list[dict[str, Any]]:
        members = getattr(obj, "current_memberships", None)
        if members is None:
            # A single record just written: one query, never on a list.
            members = current_memberships().filter(resident=obj).select_related("tenancy__property")
        # One membership serializer for the whole page: building one per resident built its
        # fields again each time, a third of a 50-resident page's time.
        return [self._membership.to_representation(member) for member in members]

    @cached_property
    def _membership(self) -> MembershipSerializer:
        return MembershipSerializer()

    def validate_hms_ref(self, value: str | None) -> str | None:
        # Blank is "no reference": stored as NULL so that many unmatched people can exist.
        value = (value or "").strip() or None
        _unique_ref(Resident, value, self.instance, "resident")
        return value

    def validate_correspondence_postcode(self, value: str) -> str:
        if value.strip() and not is_valid_postcode(value):
            raise serializers.ValidationError(POSTCODE_MESSAGE)
        return format_postcode(value) if value.strip() else ""
