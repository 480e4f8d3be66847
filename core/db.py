"""Engine, sessions and schema migrations (Alembic) for SQLite and PostgreSQL."""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK = 0x4445_4C54_4100  # an advisory lock key of our own ("DELTA")


def make_engine(url: str, pool_size: int = 5) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=10)
        event.listen(engine, "begin", _forget_writes)
        event.listen(engine, "before_cursor_execute", _note_write)
        return engine
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


# --- which tables a transaction wrote (PostgreSQL) -------------------------------------
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)
WRITTEN = "written_tables"


def _forget_writes(connection: Connection) -> None:
    connection.info[WRITTEN] = set()


def _note_write(
    connection: Connection, _cursor: Any, statement: str, *_args: Any, **_kwargs: Any
) -> None:
    found = _WRITE.match(statement)
    if found:
        connection.info.setdefault(WRITTEN, set()).add(found[1].lower())


def relax_commit_unless_written(session: Session, light: set[str]) -> None:
    """Lets PostgreSQL acknowledge this transaction's commit before its WAL reaches the disk
    when it wrote only `light` tables (the conversation's state): a crash can then lose that
    last update, never a booking. Any other write keeps the commit fully durable."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return
    if connection.info.get(WRITTEN, set()) <= light:
        session.execute(text("SET LOCAL synchronous_commit TO OFF"))


def _sqlite_begin(connection: Any) -> None:
    # pysqlite's own transaction handling is switched off (see _sqlite_pragmas) so that
    # savepoints work; IMMEDIATE takes the write lock up front, so concurrent writers queue
    # on busy_timeout instead of failing when a read transaction turns into a write.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    _switch_to_wal(cursor)
    # With WAL, NORMAL syncs at checkpoints, not at every commit: a commit survives a crash
    # of the app (the SIGKILL case); only a power cut can lose the last few. Every message
    # writes its conversation's state, so a full sync per message would dominate its time.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _switch_to_wal(cursor: Any, patience: float = 30.0) -> None:
    """WAL is a property of the file, so only the first connection to a new database has to
    switch it. That switch needs the file to itself, and SQLite may answer "locked" at once,
    without waiting on busy_timeout, when processes starting together open it at the same
    moment: so wait and try again here."""
    deadline = time.monotonic() + patience
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; a no-op when it is there already."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Workers starting together: one migrates, the others wait and find it done.
            connection.execute(text("select pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


SessionFactory = sessionmaker[Session]


def session_factory(engine: Engine) -> SessionFactory:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: SessionFactory) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    with factory() as session, session.begin():
        yield session
