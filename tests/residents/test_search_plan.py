"""On PostgreSQL the officers' search reads one page off an index in the page's own order, so a
surname shared by thousands costs the same as a rare one (issue 15; migration 0012). The test
forbids sorting and scanning the table: if no index gives the rows in the page's order, the plan
still has to sort, and says so."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenantvoice.residents.selectors import search_residents
from tests.factories import make_resident

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's"),
]


@pytest.mark.parametrize("query", ["smith", "ann smith", "smith ann"])
def test_a_name_search_walks_the_index_in_order_and_sorts_nothing(query: str) -> None:
    for first in ("Ann", "Bob", "Cy"):
        make_resident(first_name=first, last_name="Smith")
    with CaptureQueriesContext(connection) as queries:
        page = search_residents(query=query)
    assert page.residents
    sql = next(q["sql"] for q in queries.captured_queries if 'ORDER BY "residents_resident"' in q["sql"])
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "resident_name_byte_order" in plan, plan
    assert "Sort" not in plan, plan
