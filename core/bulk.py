"""Large fills of the exhibitors table without per-row upkeep of its word index.

Kept up row by row, the word index costs more than everything else a 20,000-row first
import does (PostgreSQL merges each row's 60-odd tokens into its GIN index one at a time;
SQLite's triggers add each row to the FTS5 table). Built once after the fill, it costs a
fraction of that. Everything happens inside the import's transaction, so a failed import
leaves the indexes as they were.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import TextClause, text
from sqlalchemy.orm import Session

# Below this many rows written, upkeep row by row is cheaper than building anew.
BULK_MIN_ROWS = 2_000


def is_bulk(written: int, stored: int) -> bool:
    """A fill worth rebuilding the indexes for: many rows, at least as many as were there
    (a first import, or a new year's catalog replacing most of the old one)."""
    return written >= max(BULK_MIN_ROWS, stored)


@contextmanager
def deferred_word_index(session: Session, bulk: bool) -> Iterator[None]:
    """Inside: the exhibitors' secondary indexes (PostgreSQL) or the triggers that feed the
    FTS5 table (SQLite) are gone; afterwards they are back and up to date. On PostgreSQL
    the exhibitors table stays locked until the import commits: searches wait for the
    finished catalog instead of reading the one being replaced."""
    if not bulk:
        yield
        return
    if session.get_bind().dialect.name == "postgresql":
        with _postgres_indexes_rebuilt(session):
            yield
    else:
        with _sqlite_fts_rebuilt(session):
            yield


def refresh_statistics(session: Session) -> None:
    """PostgreSQL's counts of the exhibitors' words, after an import changed them: without
    them the planner takes a rare word ("organic") for a common one and reads every row
    (200 ms instead of 13 for "organic wine" at 20,000 exhibitors). SQLite's word index
    needs none."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ANALYZE exhibitors"))


@contextmanager
def _postgres_indexes_rebuilt(session: Session) -> Iterator[None]:
    # The primary key, unique indexes and those behind other constraints stay: they guard
    # integrity during the fill.
    found = session.execute(
        text(
            "SELECT index_class.relname, pg_get_indexdef(ix.indexrelid) "
            "FROM pg_index ix JOIN pg_class index_class ON index_class.oid = ix.indexrelid "
            "WHERE ix.indrelid = 'exhibitors'::regclass "
            "AND NOT ix.indisunique AND NOT ix.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)"
        )
    ).all()
    for name, _ in found:
        session.execute(text(f'DROP INDEX "{name}"'))
    yield
    for _, definition in found:
        session.execute(_verbatim(definition))


@contextmanager
def _sqlite_fts_rebuilt(session: Session) -> Iterator[None]:
    found = session.execute(
        text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name = 'exhibitors' AND sql LIKE '%exhibitors_fts%'"
        )
    ).all()
    for name, _ in found:
        session.execute(text(f'DROP TRIGGER "{name}"'))
    yield
    for _, definition in found:
        session.execute(_verbatim(definition))
    if found:
        session.execute(text("INSERT INTO exhibitors_fts(exhibitors_fts) VALUES ('rebuild')"))


def _verbatim(statement: str) -> TextClause:
    """A stored definition as SQL, its colons ("::regconfig") not taken for parameters."""
    return text(statement.replace(":", "\\:"))
