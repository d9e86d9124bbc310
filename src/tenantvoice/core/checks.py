"""System checks of how a deployment is configured."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import CheckMessage, Error, Tags, register
from django.utils.module_loading import import_string

# Caches that each process keeps to itself (or not at all): throttle counters in one would let
# every extra web process multiply the guesses allowed, and forget them on each restart.
PER_PROCESS_CACHES = (LocMemCache, DummyCache)


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The default cache (the throttles' counters) must be shared by every process."""
    backend = str(settings.CACHES.get("default", {}).get("BACKEND", ""))
    try:
        backend_class = import_string(backend)
    except ImportError:
        return []  # Django's own checks report a cache that cannot be loaded
    if isinstance(backend_class, type) and issubclass(backend_class, PER_PROCESS_CACHES):
        return [
            Error(
                f"The default cache ({backend}) is kept inside each process, so sign-in and other "
                "throttles would count separately in every web process and forget on restart.",
                hint="Use the database cache (the default in tenantvoice.settings.base) or set "
                "TENANTVOICE_REDIS_URL. See decision 0015.",
                id="tenantvoice.cache.E001",
            )
        ]
    return []
