"""the word index holds what each exhibitor's products are besides what they are

A search for organic wine or alcohol-free beer tested every attribute word in eight
languages against the word array of every wine or beer exhibitor (40 µs a row on
PostgreSQL). The attributes an exhibitor's words say are now found at import and stored
as one token each ("¤organic"); every exhibitor's `search_text` is computed again.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06
"""

from core.migrations.word_index import retokenise_exhibitors

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    retokenise_exhibitors()


def downgrade() -> None:
    pass  # no schema change to undo
