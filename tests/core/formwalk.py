"""Every form class in TenantVoice, and a way to build each one for the plain words test."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from django import forms

import tenantvoice


def every_form_class() -> list[type[forms.BaseForm]]:
    found: dict[str, type[forms.BaseForm]] = {}
    for module_info in pkgutil.walk_packages(tenantvoice.__path__, "tenantvoice."):
        name = module_info.name
        if ".migrations" in name or name.startswith(("tenantvoice.settings", "tenantvoice.api")):
            continue
        if name.endswith(("__main__", ".wsgi")):
            continue
        module = importlib.import_module(name)
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, forms.BaseForm)
                and obj.__module__.startswith("tenantvoice.")
                and obj.__module__ != "tenantvoice.core.plain_errors"
            ):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return [found[key] for key in sorted(found)]
