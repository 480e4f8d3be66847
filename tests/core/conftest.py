"""An empty, migrated database (SQLite file or PostgreSQL schema) per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.db import SessionFactory, make_engine, migrate, session_factory


@pytest.fixture
def migrated(database_url: str) -> Iterator[SessionFactory]:
    engine = make_engine(database_url)
    migrate(engine)
    yield session_factory(engine)
    engine.dispose()
