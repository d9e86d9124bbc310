"""Counting failed attempts (sign-in, account checks) to slow down guessing."""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def _key(scope: str, identity: str) -> str:
    # Hashed so an email address or IP never sits in the cache in clear.
    return f"throttle:{scope}:{hashlib.sha256(identity.lower().encode()).hexdigest()}"


def attempts_exceeded(*, scope: str, identities: list[str], limit: int) -> bool:
    """Whether any of ``identities`` (an email, an IP) has failed ``limit`` times already."""
    return any(int(cache.get(_key(scope, i), 0)) >= limit for i in identities if i)


def attempt_failed(*, scope: str, identities: list[str], window_seconds: int) -> None:
    for identity in identities:
        if not identity:
            continue
        key = _key(scope, identity)
        if not cache.add(key, 1, timeout=window_seconds):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=window_seconds)


def attempts_clear(*, scope: str, identities: list[str]) -> None:
    cache.delete_many([_key(scope, i) for i in identities if i])
