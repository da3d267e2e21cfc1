import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The demo, loaded once per test module inside a transaction that is rolled back afterwards.

    Each test still runs in its own savepoint (the `db` fixture), so tests
    cannot see each other's writes.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
