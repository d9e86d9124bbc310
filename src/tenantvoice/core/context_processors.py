from django.http import HttpRequest

from .navigation import lazy_staff_menu
from .roles import Capability, has_capability
from .selectors import landlord_get


def landlord(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    staff = has_capability(user, Capability.USE_STAFF_AREA)
    landlord = landlord_get()
    return {
        "landlord": landlord,
        "can_use_staff_area": staff,
        # A callable: the menu is worked out only when a page draws it.
        "staff_menu": lazy_staff_menu(request, str(landlord.nation)) if staff else None,
        "can_use_portal": has_capability(user, Capability.USE_PORTAL),
        "can_view_residents": has_capability(user, Capability.VIEW_RESIDENTS),
        "can_run_imports": has_capability(user, Capability.RUN_IMPORTS),
        "can_view_audit_log": has_capability(user, Capability.VIEW_AUDIT_LOG),
        "can_manage_messages": has_capability(user, Capability.MANAGE_MESSAGES),
        "can_manage_involvement": has_capability(user, Capability.MANAGE_INVOLVEMENT),
        "can_manage_accounts": has_capability(user, Capability.MANAGE_ACCOUNTS),
    }


