"""Create an empty database beside the server's default one: ``pg_create_db.py URL NAME``
(for benchmarks that must run on a throwaway PostgreSQL database)."""

import sys

import dj_database_url
import psycopg
from psycopg import sql

config = dj_database_url.parse(sys.argv[1])
with psycopg.connect(host=config["HOST"] or "127.0.0.1", port=config["PORT"] or 5432,
                     user=config["USER"] or "postgres", password=config["PASSWORD"] or None,
                     dbname=config["NAME"] or "postgres", autocommit=True, connect_timeout=3) as connection:
    connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(sys.argv[2])))
