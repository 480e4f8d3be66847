"""Traditional Chinese characters are read as simplified ones in the word index

Hong Kong and Taiwan exhibitors write their products in traditional characters ("汽車
LED大燈總成"); requests and the taxonomy mostly in simplified ones. Both are now folded to
simplified characters, so every exhibitor's `search_text` is computed again.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06
"""

from core.migrations.word_index import retokenise_exhibitors

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    retokenise_exhibitors()


def downgrade() -> None:
    pass  # no schema change to undo
