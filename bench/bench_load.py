"""Load: the project served by gunicorn under production settings on PostgreSQL, with N
simulated residents, officers and an API client clicking with think time for a fixed time,
beside the bare `/health/` view measured in the same run. Or, with --alone, each page timed on
its own at two register sizes, and how its cost grows.

Targets (issue 15 item 4, at 1,000,000 residents and 50 users): every resident page p95 under
100 ms and within 5x of `/health/`; every staff page and API list p95 under 300 ms; no errors;
every page alone at most 1.5x slower at 500,000 households than at 50,000.

    .venv/bin/python bench/bench_load.py [--households 5000] [--users 50] [--seconds 60]
    .venv/bin/python bench/bench_load.py --alone [--sizes 50000,500000] [--repeat 5]

The database (`postgres://postgres@127.0.0.1:5432/tv_load_<households>_<seed>`, trust auth;
another server with --postgres) is built with `tenantvoice demo` - the synthetic landlord and the
demo's involvement, activities, consultation and surveys - and reused when it is already there;
it is dropped at the end unless --keep-db.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESIDENT_TARGET_MS = 100.0
RESIDENT_TARGET_RATIO = 5.0
STAFF_TARGET_MS = 300.0
GROWTH_TARGET = 1.5
READY = "LOAD-BENCH-READY"

# What the build prints (in the local settings, where the demo runs): the survey, a surname and
# a postcode to search for, and an API token for the engagement officer.
FACTS = """
import json
from rest_framework.authtoken.models import Token
from tenantvoice.accounts.models import User
from tenantvoice.residents.models import Property, Resident
from tenantvoice.surveys.models import Survey
survey = Survey.objects.filter(responses__isnull=False).distinct().order_by("pk").first()
resident = Resident.objects.exclude(last_name="").order_by("pk")[Resident.objects.count() // 2]
postcode = Property.objects.exclude(postcode="").order_by("pk").values_list("postcode", flat=True)[0]
token, _ = Token.objects.get_or_create(user=User.objects.get(email="officer@demo.example.org"))
print("LOAD-BENCH-READY" + json.dumps({"survey": survey.pk, "surname": resident.last_name,
      "postcode": postcode, "token": token.key, "residents": Resident.objects.count()}))
"""


# --- the database -------------------------------------------------------------------------


def _admin(postgres: str, sql: str) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(f"{postgres}/postgres", autocommit=True) as connection:
        cursor = connection.execute(sql)
        return cursor.fetchall() if cursor.description else []


def _tenantvoice(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own command line
        [str(BIN / "tenantvoice"), *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(f"tenantvoice {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def local_env(url: str, scratch: Path) -> dict[str, str]:
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="tenantvoice.settings.local")
    env["TENANTVOICE_VAR_DIR"] = str(scratch)
    return env


def database(postgres: str, households: int, seed: int, scratch: Path) -> tuple[str, dict[str, object]]:
    """Build (or reuse) the database for this size and seed; its URL and the facts pages need."""
    name = f"tv_load_{households}_{seed}"
    url = f"{postgres}/{name}"
    env = local_env(url, scratch)
    exists = _admin(postgres, f"SELECT 1 FROM pg_database WHERE datname = '{name}'")  # noqa: S608
    if exists:
        # Brought to the code's schema (a newer migration may add a summary or an index), then
        # analysed again, as a deployment would.
        print(f"Reusing {url} (migrating it first)", flush=True)
        _tenantvoice(env, "migrate", "--verbosity", "0")
        _admin_db(url, "ANALYZE")
    else:
        print(f"Building {url}: {households:,} households with the demo (not measured) ...", flush=True)
        started = time.perf_counter()
        _admin(postgres, f'CREATE DATABASE "{name}"')
        _tenantvoice(env, "migrate", "--verbosity", "0")
        _tenantvoice(env, "demo", "--households", str(households), "--seed", str(seed))
        # As autovacuum would on a live database: without statistics the planner guesses.
        _admin_db(url, "ANALYZE")
        print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    out = _tenantvoice(env, "shell", "-c", FACTS)
    facts = json.loads(out.split(READY, 1)[1])
    print(f"  {facts['residents']:,} residents", flush=True)
    return url, facts


def _admin_db(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(sql)


def drop(postgres: str, url: str) -> None:
    name = url.rsplit("/", 1)[1]
    _admin(postgres, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"Dropped {name} (keep it with --keep-db)", flush=True)


# --- the server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(url: str, scratch: Path, workers: int, threads: int) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="tenantvoice.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=url,
        # The benchmark is the proxy: it ends "TLS" and says so with X-Forwarded-Proto (the
        # production settings' SECURE_PROXY_SSL_HEADER), and gives the client's address.
        TENANTVOICE_TRUSTED_PROXIES="1",
        TENANTVOICE_VAR_DIR=str(scratch),
    )
    command = [
        str(BIN / "gunicorn"),
        "tenantvoice.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--log-level",
        "warning",
        "--timeout",
        "120",
    ]
    server = subprocess.Popen(command, env=env, cwd=scratch)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _ = Client(port).get("/health/")
            if status == 200:
                return server, port
        except OSError:
            pass
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before it answered")
        time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer /health/ within 60 s")


# --- the client -----------------------------------------------------------------------------


class Client:
    """One browser (or API client): its own connection and cookies, behind a "TLS" proxy.

    Cookies are kept by hand: production marks them Secure, which a cookie jar would rightly
    not send over the plain HTTP between this "proxy" and gunicorn."""

    def __init__(self, port: int, token: str = "") -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.token = token
        self.connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: dict[str, str] | None = None) -> tuple[int, bytes]:
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "192.0.2.10",
            "Accept-Encoding": "identity",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        data = None
        if body is not None:
            data = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://127.0.0.1:{self.port}"
            headers["Referer"] = f"https://127.0.0.1:{self.port}{path}"
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        self.location = response.getheader("Location", "")
        return response.status, content

    def get(self, path: str) -> tuple[int, bytes]:
        return self.request("GET", path)

    def post_form(self, path: str, fields: dict[str, str]) -> int:
        _, page = self.get(path)
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not found:
            raise SystemExit(f"No form on {path}")
        status, _ = self.request("POST", path, {"csrfmiddlewaretoken": found.group(1).decode(), **fields})
        return status


def sign_in(port: int, email: str, scratch: Path, url: str) -> Client:
    """A signed-in session; for staff, the second step with the demo authenticator's code."""
    client = Client(port)
    status = client.post_form("/accounts/sign-in/", {"email": email, "password": "tenantvoice-demo"})
    if status != 302:
        raise SystemExit(f"Signing in {email} answered {status}")
    if "/accounts/mfa/" in client.location:
        path = urlsplit(client.location).path + "?" + urlsplit(client.location).query
        for _ in range(3):
            # `tenantvoice demo_code`, as a person trying the demo would; a code is used once,
            # so when the last sign-in took this step's code, wait for the next.
            code = _tenantvoice(local_env(url, scratch), "demo_code", email).split()[0]
            if client.post_form(path, {"code": code}) == 302:
                break
            time.sleep(10)
        else:
            raise SystemExit(f"The MFA step for {email} kept refusing the code")
    return client


# --- the pages ------------------------------------------------------------------------------


@dataclass
class Page:
    name: str
    kind: str  # "resident", "staff", "api" or "health"
    path: str
    weight: int = 1
    api_pages: int = 0  # follow `next` this many pages deep


def pages(facts: dict[str, object]) -> list[Page]:
    survey = facts["survey"]
    weight = "&".join(f"weight={v}" for v in ("tenure_group", "property_type", "age_band", "area"))
    return [
        Page("health", "health", "/health/", 0),
        Page("resident home", "resident", "/my/", 4),
        Page("resident details", "resident", "/my/details/", 2),
        Page("resident surveys", "resident", "/my/surveys/", 2),
        Page("resident activities", "resident", "/my/activities/", 2),
        Page("get involved", "resident", "/get-involved/", 2),
        Page("involvement levels", "resident", "/get-involved/levels/", 1),
        Page("staff home", "staff", "/staff/", 4),
        Page("search by surname", "staff", f"/staff/residents/?{urlencode({'q': facts['surname']})}", 4),
        Page("search by postcode", "staff", f"/staff/residents/?{urlencode({'q': facts['postcode']})}", 3),
        Page("involvement in numbers", "staff", "/staff/reports/involvement/", 2),
        Page("involvement in numbers, XLSX", "staff", "/staff/reports/involvement/?format=xlsx", 1),
        Page("survey results weighted", "staff", f"/staff/surveys/{survey}/results/?{weight}", 1),
        Page("printable survey report", "staff", f"/staff/surveys/{survey}/results/report/", 1),
        Page("API residents", "api", "/api/v1/residents/", 2, api_pages=4),
        Page("API tenancies", "api", "/api/v1/tenancies/", 1, api_pages=3),
        Page("API properties", "api", "/api/v1/properties/", 1, api_pages=2),
    ]


@dataclass
class Samples:
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    size: dict[str, int] = field(default_factory=dict)  # bytes of the last answer
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, seconds: float, ok: bool, size: int = 0) -> None:
        with self.lock:
            self.times.setdefault(name, []).append(seconds)
            self.size[name] = size
            if not ok:
                self.errors[name] = self.errors.get(name, 0) + 1


def visit(client: Client, page: Page, samples: Samples | None, name: str | None = None) -> float:
    """One page (and, for an API list, `next` a few pages deep, timed as "<name> (deeper)")."""
    started = time.perf_counter()
    try:
        status, body = client.get(page.path)
        ok = status == 200
    except OSError:
        ok, body = False, b""
    elapsed = time.perf_counter() - started
    if samples is not None:
        samples.add(name or page.name, elapsed, ok, len(body))
    path = page.path
    for _ in range(page.api_pages if ok else 0):
        try:
            following = json.loads(body).get("next")
        except ValueError:
            following = None
        if not following:
            break
        split = urlsplit(following)
        path = f"{split.path}?{split.query}"
        started = time.perf_counter()
        try:
            status, body = client.get(path)
            ok = status == 200
        except OSError:
            ok, body = False, b""
        if samples is not None:
            samples.add(f"{page.name} (next pages)", time.perf_counter() - started, ok, len(body))
    return elapsed


def quantile(ordered: list[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


# --- the two modes --------------------------------------------------------------------------


def run_load(args: argparse.Namespace, scratch: Path) -> int:
    url, facts = database(args.postgres, args.households, args.seed, scratch)
    server, port = serve(url, scratch, args.workers, args.threads)
    try:
        sessions = {
            "resident": [
                sign_in(port, e, scratch, url)
                for e in ("tenant@demo.example.org", "householder@demo.example.org")
            ],
            "staff": [
                sign_in(port, e, scratch, url)
                for e in ("officer@demo.example.org", "manager@demo.example.org", "admin@demo.example.org")
            ],
        }
        all_pages = pages(facts)
        by_kind = {kind: [p for p in all_pages if p.kind == kind] for kind in ("resident", "staff", "api")}
        samples = Samples()
        stop = time.monotonic() + args.seconds
        # Personas: half residents, a third officers, the rest API clients, as issue 15 describes.
        personas = ["resident", "staff", "resident", "api", "staff", "resident"]

        def user(number: int) -> None:
            rng = random.Random(args.seed * 1000 + number)
            persona = personas[number % len(personas)]
            client = Client(port, token=str(facts["token"]) if persona == "api" else "")
            if persona != "api":
                client.cookies = dict(rng.choice(sessions[persona]).cookies)
            choices = by_kind[persona]
            health = Client(port)
            while time.monotonic() < stop:
                visit(client, rng.choices(choices, [p.weight for p in choices])[0], samples)
                if rng.random() < 0.3:
                    visit(health, all_pages[0], samples)
                time.sleep(rng.uniform(0.5, 1.5))

        print(
            f"{args.users} users for {args.seconds} s against gunicorn "
            f"({args.workers} workers x {args.threads} threads) ...",
            flush=True,
        )
        threads = [threading.Thread(target=user, args=(n,), daemon=True) for n in range(args.users)]
        for thread in threads:
            thread.start()
            time.sleep(min(0.05, 1.0 / max(args.users, 1)))
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(30)
        if not args.keep_db:
            drop(args.postgres, url)

    health = sorted(samples.times.get("health", [0.001]))
    health_p95 = quantile(health, 0.95)
    kinds = {p.name: p.kind for p in all_pages}
    print(f"\n{'page':34} {'p50':>8} {'p95':>8} {'p99':>8} {'count':>6} {'errors':>6} {'p95/health':>10}")
    missed = []
    for name in sorted(samples.times, key=lambda n: (n != "health", n)):
        ordered = sorted(samples.times[name])
        p50, p95, p99 = (quantile(ordered, q) for q in (0.5, 0.95, 0.99))
        errors = samples.errors.get(name, 0)
        ratio = p95 / health_p95
        print(f"{name:34} {p50:6.0f}ms {p95:6.0f}ms {p99:6.0f}ms {len(ordered):6} {errors:6} {ratio:9.1f}x")
        kind = kinds.get(name, "api")
        if errors:
            missed.append(f"{name}: {errors} errors")
        if kind == "resident" and (p95 > RESIDENT_TARGET_MS or ratio > RESIDENT_TARGET_RATIO):
            missed.append(f"{name}: p95 {p95:.0f} ms, {ratio:.1f}x /health/")
        if kind in ("staff", "api") and p95 > STAFF_TARGET_MS:
            missed.append(f"{name}: p95 {p95:.0f} ms")
    total = sum(len(v) for v in samples.times.values())
    print(
        f"\n{total:,} requests in {args.seconds} s ({total / args.seconds:.1f} a second); "
        f"/health/ p95 {health_p95:.0f} ms"
    )
    print(
        f"Targets (at 1,000,000 residents): resident pages p95 < {RESIDENT_TARGET_MS:.0f} ms and "
        f"< {RESIDENT_TARGET_RATIO:.0f}x /health/, staff pages and API lists p95 < {STAFF_TARGET_MS:.0f} ms, "
        "no errors"
    )
    for line in missed:
        print(f"  misses: {line}")
    print(f"{verdict(not missed)} at {facts['residents']:,} residents")
    return 0 if not missed else 1


def run_alone(args: argparse.Namespace, scratch: Path) -> int:
    sizes = [int(s) for s in args.sizes.split(",")]
    if len(sizes) != 2:
        raise SystemExit("--sizes takes two sizes, small,large")
    medians: list[dict[str, float]] = []
    kilobytes: list[dict[str, float]] = []
    residents = []
    for households in sizes:
        url, facts = database(args.postgres, households, args.seed, scratch)
        residents.append(facts["residents"])
        server, port = serve(url, scratch, 1, 1)
        try:
            clients = {
                "resident": sign_in(port, "tenant@demo.example.org", scratch, url),
                "staff": sign_in(port, "officer@demo.example.org", scratch, url),
                "api": Client(port, token=str(facts["token"])),
                "health": Client(port),
            }
            timings: dict[str, float] = {}
            sizes_kb: dict[str, float] = {}
            for page in pages(facts):
                client = clients[page.kind]
                visit(client, page, None)  # warm: caches, the connection, the plan
                samples = Samples()
                for _ in range(args.repeat):
                    visit(client, page, samples)
                for name, values in samples.times.items():
                    timings[name] = statistics.median(values) * 1000
                    sizes_kb[name] = samples.size[name] / 1024
                    if samples.errors.get(name):
                        print(f"  {name}: {samples.errors[name]} errors", flush=True)
            medians.append(timings)
            kilobytes.append(sizes_kb)
        finally:
            server.terminate()
            server.wait(30)
            if not args.keep_db:
                drop(args.postgres, url)
    small, large = medians
    header = f"{sizes[0]:,} households"
    header2 = f"{sizes[1]:,} households"
    print(
        f"\nEach page alone (median of {args.repeat}, warmed), "
        f"residents {residents[0]:,} and {residents[1]:,}:"
    )
    print(f"{'page':34} {header:>18} {header2:>18} {'large/small':>11} {'answer, small/large':>20}")
    missed = []
    for name in small:
        ratio = large.get(name, 0.0) / small[name]
        answer = f"{kilobytes[0][name]:.0f}/{kilobytes[1].get(name, 0):.0f} KB"
        print(f"{name:34} {small[name]:16.1f}ms {large.get(name, 0.0):16.1f}ms {ratio:10.2f}x {answer:>20}")
        if name != "health" and ratio > GROWTH_TARGET:
            missed.append(f"{name}: {ratio:.2f}x")
    print(
        f"Target: every page at most {GROWTH_TARGET}x slower at 500,000 households than at 50,000 "
        "(checked here at the sizes given)"
    )
    for line in missed:
        print(f"  grows: {line}")
    print(verdict(not missed))
    return 0 if not missed else 1


def verdict(passed: bool) -> str:
    return "MEETS TARGET" if passed else "MISSES TARGET"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=5000, help="register size for the load run")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--alone", action="store_true", help="time each page alone at two sizes")
    parser.add_argument("--sizes", default="5000,50000", help="with --alone: small,large households")
    parser.add_argument("--repeat", type=int, default=5, help="with --alone: times each page")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep-db", action="store_true", help="keep the database for the next run")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(
        "--postgres", default="postgres://postgres@127.0.0.1:5432", help="server, no database"
    )
    args = parser.parse_args()
    import atexit
    import shutil
    import tempfile

    scratch = Path(tempfile.mkdtemp(prefix="tenantvoice-load-"))
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    (scratch / "static").mkdir()  # production serves collected static files from here
    return run_alone(args, scratch) if args.alone else run_load(args, scratch)


if __name__ == "__main__":
    sys.exit(main())
