"""Production settings pass Django's deployment checks and refuse unsafe configuration."""

import os
import secrets
import subprocess
import sys
from pathlib import Path


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
