"""Slowing down guessing (passwords, MFA codes, tenancy checks) without locking anyone out.

Each guarded action names the identities an attempt belongs to (an account and client address
together, an account, an address, ...). Each identity has a :class:`Rule`: a number of failures
that cost nothing, then a wait before the next attempt that doubles with each further failure,
up to a ceiling. While any identity of an attempt must wait, the attempt is answered "wait"
(HTTP 429) without looking at the password or code; once the wait is over, a right answer is
accepted as always. The counters live in the default cache, which every web process must
share (a system check makes ``check --deploy`` fail otherwise). Decision 0015 explains the
identities each action uses and why.

Usage::

    with throttle.attempt("sign-in", {"pair": f"{email} {ip}", "address": ip}) as attempt:
        if attempt.wait_seconds:
            return too_many(attempt.wait_text)   # the password is not checked
        if check_password():
            attempt.succeeded(clear=["pair"])
        else:
            attempt.failed()
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.crypto import salted_hmac

from tenantvoice.core.text import counted

# How long a claim on an identity lasts if the request holding it dies before releasing it.
CLAIM_SECONDS = 30


@dataclass(frozen=True)
class Rule:
    """How patient to be with one kind of identity.

    ``free`` failures cost nothing; after that the next attempt waits ``first_wait`` seconds,
    doubling with each further failure up to ``max_wait``. The count is forgotten
    ``forget_after`` seconds after the last failure. ``one_at_a_time`` identities (an account, a
    session) are checked by one request at a time, so a burst of parallel guesses cannot slip
    through before the first is counted; identities many people share (an address behind a
    landlord's office network) are not, so that two neighbours never wait for each other.
    """

    free: int
    first_wait: int = 1
    max_wait: int = 15 * 60
    forget_after: int = 24 * 60 * 60
    one_at_a_time: bool = True

    def wait_after(self, failures: int) -> int:
        """Seconds to wait after the last of ``failures`` failures before trying again."""
        if failures < self.free or failures <= 0:
            return 0
        # Capped before exponentiating, so a huge count cannot make a huge number.
        doublings = min(failures - self.free, 40)
        return int(min(self.max_wait, self.first_wait * 2**doublings))


def _rules(scope: str) -> dict[str, Rule]:
    configured: Mapping[str, Mapping[str, Mapping[str, Any]]] = settings.TENANTVOICE_THROTTLES
    if scope not in configured:
        raise KeyError(f"No throttle rules for {scope!r} in TENANTVOICE_THROTTLES.")
    return {kind: Rule(**values) for kind, values in configured[scope].items()}


def _now() -> float:
    # One place for the clock, so tests can move it on instead of sleeping.
    return time.time()


def _key(scope: str, kind: str, identity: str) -> str:
    # Keyed with the secret key, so an email or IP address never sits in the cache in clear and
    # cannot be found from it by hashing a list of addresses.
    digest = salted_hmac("tenantvoice.core.throttle", identity.strip().lower()).hexdigest()
    return f"throttle:{scope}:{kind}:{digest}"


def _state(key: str) -> tuple[int, float]:
    value = cache.get(key)
    if isinstance(value, dict):
        return int(value.get("n", 0)), float(value.get("at", 0.0))
    return 0, 0.0


def wait_text(seconds: int) -> str:
    """A wait in words ("3 seconds", "2 minutes", "1 hour"), rounded up so it is never longer."""
    if seconds < 60:
        return counted(seconds, "second", "seconds")
    minutes = math.ceil(seconds / 60)
    if minutes < 60 or minutes % 60:
        return counted(minutes, "minute", "minutes")
    hours = minutes // 60
    return counted(hours, "hour", "hours")


@dataclass
class _Identity:
    kind: str
    key: str
    rule: Rule
    failures: int = 0
    claim: str = ""


@dataclass
class Attempt:
    """One attempt at a guarded action. ``wait_seconds`` is 0 when it may go ahead."""

    scope: str
    identities: list[_Identity]
    wait_seconds: int = 0
    _done: bool = field(default=False, repr=False)

    @property
    def wait_text(self) -> str:
        return wait_text(self.wait_seconds)

    def failed(self) -> None:
        """Count a wrong password, code or detail against every identity of the attempt."""
        if self.wait_seconds or self._done:
            return
        now = _now()
        for identity in self.identities:
            if identity.claim:
                failures = identity.failures  # nobody else can have changed it: we hold the claim
            else:
                failures, _ = _state(identity.key)
            failures += 1
            timeout = max(identity.rule.forget_after, identity.rule.wait_after(failures) + 60)
            cache.set(identity.key, {"n": failures, "at": now}, timeout=timeout)
        self._release()

    def succeeded(self, *, clear: Iterable[str] = ()) -> None:
        """A right answer: forget the failures of the ``clear`` kinds of identity (only those
        the person has now proved themselves for; never a shared address's)."""
        if self.wait_seconds or self._done:
            return
        kinds = set(clear)
        cache.delete_many([i.key for i in self.identities if i.kind in kinds])
        self._release()

    def _release(self) -> None:
        self._done = True
        claims = [i.claim for i in self.identities if i.claim]
        if claims:
            cache.delete_many(claims)
        for identity in self.identities:
            identity.claim = ""


def _claim(identity: _Identity) -> bool:
    """Take the right to check ``identity``'s next answer; False when another request has it or
    the count moved on since it was read (the caller then answers "wait a second")."""
    claim = f"{identity.key}:claim:{identity.failures}"
    if not cache.add(claim, 1, timeout=CLAIM_SECONDS):
        return False
    if _state(identity.key)[0] != identity.failures:
        cache.delete(claim)
        return False
    identity.claim = claim
    return True


def _identities(scope: str, identities: Mapping[str, str]) -> list[_Identity]:
    rules = _rules(scope)
    return [
        _Identity(kind=kind, key=_key(scope, kind, value), rule=rules[kind])
        for kind, value in identities.items()
        if value
    ]


def _wait(chosen: list[_Identity]) -> int:
    current = _now()
    waits = [0]
    for identity in chosen:
        failures, at = _state(identity.key)
        identity.failures = failures
        waits.append(math.ceil(at + identity.rule.wait_after(failures) - current))
    return max(waits)


@contextmanager
def attempt(scope: str, identities: Mapping[str, str]) -> Iterator[Attempt]:
    """Begin an attempt at ``scope`` for ``identities`` (kind -> value; empty values ignored).

    Inside the block, call :meth:`Attempt.failed` or :meth:`Attempt.succeeded`; leaving it
    without either (an invalid form, an exception) counts nothing and frees the identities.
    """
    chosen = _identities(scope, identities)
    result = Attempt(scope=scope, identities=chosen, wait_seconds=_wait(chosen))
    if not result.wait_seconds:
        for identity in chosen:
            exclusive = identity.rule.one_at_a_time or identity.failures >= identity.rule.free
            if exclusive and not _claim(identity):
                # Another request is checking an answer for this identity at this moment.
                result.wait_seconds = 1
                result._release()
                break
    try:
        yield result
    finally:
        if not result._done:
            result._release()


def wait_seconds(scope: str, identities: Mapping[str, str]) -> int:
    """Seconds before ``identities`` may try ``scope`` again (0: now). For identities that anyone
    can make anew (a session) or many share (an address), where :func:`attempt`'s one request at
    a time would add nothing."""
    return _wait(_identities(scope, identities))


def record_failure(scope: str, identities: Mapping[str, str]) -> None:
    """Count one failure against each of ``identities`` (see :func:`wait_seconds`)."""
    result = Attempt(scope=scope, identities=_identities(scope, identities))
    result.failed()


def clear(scope: str, identities: Mapping[str, str]) -> None:
    """Forget the failures of ``identities`` (after a right answer that proves them)."""
    cache.delete_many([i.key for i in _identities(scope, identities)])


def too_many(response: HttpResponse, wait: int) -> HttpResponse:
    """Make ``response`` (a page that says how long to wait) the 429 answer, with Retry-After."""
    response.status_code = 429
    response["Retry-After"] = str(max(1, wait))
    return response
