"""Shared fixtures: real SQLite and PostgreSQL databases, the real NLU server, the app."""

from __future__ import annotations

import os
import shutil
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.exc import OperationalError

from bot.app import Container, build
from bot.nlu_service import NluService
from core.db import transaction
from core.imports import import_events, import_exhibitors
from core.settings import ROOT, Settings

FIXED_NOW = datetime(2026, 11, 24, 4, 0, tzinfo=UTC)  # noon in Shanghai
PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
DEMO = ROOT / "data" / "demo"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _postgres_missing() -> str | None:
    try:
        with create_engine(PG_URL).connect() as connection:
            connection.execute(text("select 1"))
    except OperationalError as exc:
        return f"PostgreSQL not reachable at {PG_URL}: {exc.orig}"
    return None


def base_settings(database_url: str, **overrides: object) -> Settings:
    settings = Settings(
        database_url=database_url,
        nlu_url=f"http://127.0.0.1:{_free_port()}",  # nothing listens: NLU "down"
        nlu_token="test-nlu-token",
        nlu_manage=False,
        callback_secret="test-callback-secret",
        telegram_token="123456:TEST-TOKEN-never-logged",
        admin_ids=frozenset({9001}),
    )
    return replace(settings, **overrides)  # type: ignore[arg-type]


def seed_demo(container: Container) -> None:
    with transaction(container.sessions) as session:
        report = import_exhibitors(
            session, (DEMO / "exhibitors.csv").read_bytes(), container.taxonomy, demo=True
        )
        assert report.ok, report.errors[:3]
        report = import_events(
            session, (DEMO / "events.csv").read_bytes(), container.taxonomy, demo=True
        )
        assert report.ok, report.errors[:3]


def make_container(settings: Settings) -> Container:
    container = build(settings)
    container.router.clock = lambda: FIXED_NOW
    return container


def extensions_in_public(connection: Connection) -> None:
    """The migrations' extensions live in public, visible from every test schema; one left
    in a test schema by an interrupted run is moved back."""
    for name in ("pg_trgm", "btree_gist"):
        where = connection.scalar(
            text(
                "select n.nspname from pg_extension e "
                "join pg_namespace n on n.oid = e.extnamespace where e.extname = :name"
            ),
            {"name": name},
        )
        if where is None:
            connection.execute(text(f"create extension {name} with schema public"))
        elif where != "public":
            connection.execute(text(f"alter extension {name} set schema public"))


@contextmanager
def postgres_schema() -> Iterator[str]:
    """The URL of a fresh PostgreSQL schema, dropped afterwards; skips the test when the
    server is unreachable."""
    missing = _postgres_missing()
    if missing:
        pytest.skip(missing)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as connection:
        extensions_in_public(connection)
        connection.execute(text(f'create schema "{schema}"'))
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema},public"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'drop schema "{schema}" cascade'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each test gets an empty database: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    with postgres_schema() as url:
        yield url


@pytest.fixture(scope="session")
def seeded_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the demo catalog and events, built once and copied per test."""
    path = tmp_path_factory.mktemp("seed") / "seeded.db"
    container = build(base_settings(f"sqlite:///{path}"))
    seed_demo(container)
    container.engine.dispose()
    return path


@pytest.fixture(scope="module")
def postgres_seeded() -> Iterator[str]:
    """One PostgreSQL schema with the demo data for a whole test module (each test its own
    user)."""
    with postgres_schema() as url:
        container = make_container(base_settings(url))
        seed_demo(container)
        container.engine.dispose()
        yield url


@pytest.fixture
def seeded_url(seeded_sqlite: Path, tmp_path: Path) -> str:
    target = tmp_path / "app.db"
    shutil.copy(seeded_sqlite, target)
    return f"sqlite:///{target}"


@pytest.fixture
async def app(seeded_url: str) -> AsyncIterator[Container]:
    """The assistant on the demo data with the NLU service down."""
    container = make_container(base_settings(seeded_url))
    yield container
    await container.aclose()


@pytest.fixture(scope="session")
def nlu_server() -> Iterator[NluService]:
    model = ROOT / "models" / "nlu.tar.gz"
    running = os.environ.get("TEST_NLU_URL")
    if running:
        # A server already running the current model (token "test-nlu-token"), to save the
        # model's load time between runs while developing; tests that restart it are skipped.
        yield NluService(running, "test-nlu-token", model)
        return
    if not model.exists():
        pytest.fail("no trained NLU model: run `make train` (make test does it)")
    service = NluService(f"http://127.0.0.1:{_free_port()}", "test-nlu-token", model)
    service.start()
    try:
        assert service.wait_ready(240), f"NLU service did not start; see {service.log_file}"
        yield service
    finally:
        service.stop()


@pytest.fixture
async def nlu_app(seeded_url: str, nlu_server: NluService) -> AsyncIterator[Container]:
    """The assistant on the demo data with the real NLU model."""
    container = make_container(base_settings(seeded_url, nlu_url=nlu_server.url))
    yield container
    await container.aclose()
