"""Russian abbreviations written with a slash are one word in the word index

"ж/д перевозки" (rail freight), "с/х техника" (farm machinery) and "с/м филе" (frozen
fillet) were indexed as single letters on either side of a break; the two letters are
now one word, as in the requests that name them. Every exhibitor's `search_text` is
computed again.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06
"""

from core.migrations.word_index import retokenise_exhibitors

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    retokenise_exhibitors()


def downgrade() -> None:
    pass  # no schema change to undo
