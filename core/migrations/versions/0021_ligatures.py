"""Ligatures are written out in the word index

French labels write "bœuf" and "œufs"; buyers mostly type "boeuf" and "oeufs". Words are
now indexed with œ and æ written out, so every exhibitor's `search_text` is computed again.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06
"""

from core.migrations.word_index import retokenise_exhibitors

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    retokenise_exhibitors()


def downgrade() -> None:
    pass  # no schema change to undo
