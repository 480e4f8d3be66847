"""Product search by whole words: `search_text` holds stemmed word tokens and CJK character
pairs (core/fulltext.py), indexed as words instead of trigrams

SQLite: the FTS5 table of revision 0005 is rebuilt with a tokenizer that splits on spaces
only (the tokens are already normalised). PostgreSQL: a stored generated column holds the
tokens as an array, with a GIN index, instead of the trigram index of revision 0003. Existing rows get their
tokens here; their categories (and the new category hierarchy) come with the next import.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

from core.migrations.word_index import retokenise_exhibitors

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

FTS_TRIGGERS = {
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


def _rebuild_fts(tokenizer: str) -> None:
    for name in FTS_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS exhibitors_fts")
    op.execute(
        "CREATE VIRTUAL TABLE exhibitors_fts USING fts5("
        f"search_text, content='exhibitors', content_rowid='rowid', tokenize=\"{tokenizer}\")"
    )
    for name, body in FTS_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute("INSERT INTO exhibitors_fts(exhibitors_fts) VALUES ('rebuild')")



def upgrade() -> None:
    retokenise_exhibitors()
    if op.get_bind().dialect.name == "sqlite":
        # "ascii": spaces separate tokens, every non-ASCII character belongs to one;
        # "_" joins the two words of a phrase token and marks description tokens.
        _rebuild_fts("ascii tokenchars '_'")
        return
    op.execute("DROP INDEX IF EXISTS ix_exhibitors_search_trgm")
    # Stored, so that rows already found are not split again for every condition.
    op.execute(
        "ALTER TABLE exhibitors ADD COLUMN search_tokens text[] "
        "GENERATED ALWAYS AS (string_to_array(search_text, ' ')) STORED"
    )
    # fastupdate off: imports come in batches, and a pending list left by one would be
    # read through by every search until the next vacuum.
    op.execute(
        "CREATE INDEX ix_exhibitors_search_words ON exhibitors "
        "USING gin (search_tokens) WITH (fastupdate = off)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_fts("trigram")
        return
    op.execute("DROP INDEX IF EXISTS ix_exhibitors_search_words")
    op.execute("ALTER TABLE exhibitors DROP COLUMN IF EXISTS search_tokens")
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_exhibitors_search_trgm "
        "ON exhibitors USING gin (search_text gin_trgm_ops)"
    )
