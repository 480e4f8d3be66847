"""SQLite: an FTS5 trigram index over the exhibitors' search text, kept in step by triggers

Substring search ("化妆品", "robot") then uses the index instead of scanning the table.
PostgreSQL has pg_trgm indexes for the same (revision 0003).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TRIGGERS = {
    "exhibitors_fts_insert": (
        "AFTER INSERT ON exhibitors BEGIN "
        "INSERT INTO exhibitors_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END"
    ),
    "exhibitors_fts_delete": (
        "AFTER DELETE ON exhibitors BEGIN "
        "INSERT INTO exhibitors_fts(exhibitors_fts, rowid, search_text) "
        "VALUES ('delete', old.rowid, old.search_text); END"
    ),
    "exhibitors_fts_update": (
        "AFTER UPDATE OF search_text ON exhibitors BEGIN "
        "INSERT INTO exhibitors_fts(exhibitors_fts, rowid, search_text) "
        "VALUES ('delete', old.rowid, old.search_text); "
        "INSERT INTO exhibitors_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END"
    ),
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        "CREATE VIRTUAL TABLE exhibitors_fts USING fts5("
        "search_text, content='exhibitors', content_rowid='rowid', tokenize='trigram')"
    )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute("INSERT INTO exhibitors_fts(exhibitors_fts) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS exhibitors_fts")
