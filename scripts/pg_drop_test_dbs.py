"""Drop the test databases a run left behind: ``pg_drop_test_dbs.py URL PREFIX``.

pytest-django drops its databases itself, but a browser test's live server thread can still
hold a connection at that moment, so PostgreSQL refuses; WITH (FORCE) ends those sessions.
"""

import sys

import dj_database_url
import psycopg
from psycopg import sql

config = dj_database_url.parse(sys.argv[1])
prefix = sys.argv[2]
with psycopg.connect(host=config["HOST"] or "127.0.0.1", port=config["PORT"] or 5432,
                     user=config["USER"] or "postgres", password=config["PASSWORD"] or None,
                     dbname=config["NAME"] or "postgres", autocommit=True, connect_timeout=3) as connection:
    names = [row[0] for row in connection.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE %s", (f"{prefix}%",))]
    for name in names:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
