"""Settings for the demo and for development on one machine (SQLite by default)."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")

from .base import *  # noqa: E402,F403
from .base import VAR_DIR  # noqa: E402

VAR_DIR.mkdir(parents=True, exist_ok=True)
# Messages are printed to the console in the demo, never sent.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
