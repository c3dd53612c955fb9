"""The search back ends, one per database; chosen by the connection in use."""

from django.db import connection


def get_backend():
    if connection.vendor == "postgresql":
        from articles.search.backends.postgresql import PostgresBackend

        return PostgresBackend()
    if connection.vendor == "sqlite":
        from articles.search.backends.sqlite import SqliteBackend

        return SqliteBackend()
    raise NotImplementedError(f"no search back end for {connection.vendor}")
