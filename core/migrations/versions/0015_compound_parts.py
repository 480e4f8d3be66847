"""the word index holds the parts of German compounds

A compound's last part is a token of its own and its other parts are marked tokens
("Edelstahlkochtöpfe": "kochtopf", "topf", "·edelstahl", "·koch"), so every exhibitor's
`search_text` is computed again (the SQLite word index follows by its triggers, the
PostgreSQL token array is generated from the text).

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-05
"""

from core.migrations.word_index import retokenise_exhibitors

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    retokenise_exhibitors()


def downgrade() -> None:
    pass  # the marked tokens do no harm to the search before this revision
