"""Sign-in accounts for staff and residents. A resident account points at one resident."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone

from tenantvoice.core.roles import STAFF_ROLES, Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is needed.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("role", Role.ADMINISTRATOR)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.RESIDENT, db_index=True)
    resident = models.OneToOneField(
        "residents.Resident",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="account",
        help_text="For resident accounts: the record this account may see and change.",
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # A resident's own account is not live (is_active False) until the link sent to its email
    # address has been opened (decision 0014); staff accounts are confirmed by setting a password.
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    # A new sign-in address waiting for its confirmation link; the old one works until then.
    pending_email = models.EmailField(blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_staff(self) -> bool:
        """Django's admin is not used; staff-ness comes from the role."""
        return self.role in STAFF_ROLES

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES


class Invitation(models.Model):
    """An officer's invitation for a resident to create an account without the check.

    The link goes only to the resident's recorded email address or by letter; only the
    token's hash is stored and the officer never sees the link (decision 0014).
    """

    resident = models.ForeignKey("residents.Resident", on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    # "email" or "letter": how the link was sent.
    sent_by = models.CharField(max_length=8, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for resident {self.resident_id}"

    def is_usable(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return self.used_at is None and self.expires_at > now


class SignUpCode(models.Model):
    """A one-time code sent to contact details already on the register, to prove who signs up.

    Only the code's hash is kept. A code works once, for a short time, for a few tries, and
    only in the browser session that asked for it.
    """

    resident = models.ForeignKey("residents.Resident", on_delete=models.CASCADE, related_name="sign_up_codes")
    channel = models.CharField(max_length=8)  # "email" or "sms"
    code_hash = models.CharField(max_length=64)
    session_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Sign-up code for resident {self.resident_id} by {self.channel}"
