"""Production settings pass Django's deployment checks and refuse unsafe configuration."""

import io
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError


def _check(tmp_path: Path, **overrides: str) -> subprocess.CompletedProcess[str]:
    # A production server's environment: nothing the test run itself set (the browser tests
    # set DJANGO_ALLOW_ASYNC_UNSAFE, which the deployment check rightly warns about).
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "tenantvoice.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_ALLOWED_HOSTS": "engage.example.org",
        "TENANTVOICE_VAR_DIR": str(tmp_path),
        **overrides,
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "tenantvoice", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean(tmp_path: Path) -> None:
    result = _check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_the_development_secret_key(tmp_path: Path) -> None:
    result = _check(tmp_path, DJANGO_SECRET_KEY="insecure-development-key-change-me")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def _cache_backend(tmp_path: Path, **overrides: str) -> str:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tenantvoice.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "TENANTVOICE_VAR_DIR": str(tmp_path),
        "TENANTVOICE_REDIS_URL": "",
        **overrides,
    }
    code = "import django; django.setup(); from django.conf import settings as s; print(s.CACHES['default'])"
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=True
    ).stdout


def test_production_keeps_the_throttles_in_the_database_or_in_redis(tmp_path: Path) -> None:
    assert "django.core.cache.backends.db.DatabaseCache" in _cache_backend(tmp_path)
    redis = _cache_backend(tmp_path, TENANTVOICE_REDIS_URL="redis://cache.internal:6379/0")
    assert "django.core.cache.backends.redis.RedisCache" in redis and "redis://cache.internal" in redis
    result = _check(tmp_path, TENANTVOICE_REDIS_URL="redis://cache.internal:6379/0")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "backend",
    ["django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache"],
)
def test_check_deploy_fails_on_a_cache_each_process_keeps_to_itself(settings: Any, backend: str) -> None:
    settings.CACHES = {"default": {"BACKEND": backend}}
    with pytest.raises(SystemCheckError, match="tenantvoice.cache.E001"):
        call_command("check", deploy=True, tags=["caches"], stdout=io.StringIO(), stderr=io.StringIO())
    # Not a fault outside a deployment check: the test settings use one.
    call_command("check", tags=["caches"], stdout=io.StringIO())


def test_check_deploy_accepts_a_shared_cache(settings: Any) -> None:
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "tenantvoice_cache"}
    }
    call_command("check", deploy=True, tags=["caches"], stdout=io.StringIO())
