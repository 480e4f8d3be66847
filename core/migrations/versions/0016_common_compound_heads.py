"""the word index splits compounds whose head is a common word

"Mineralwasser" and "Sonnenbrille" are commoner than one of their parts, so they were
kept whole; a head commoner than the compound now splits them ("Wasser" finds
"Mineralwasser"), as does the one two-letter head, "Öl" ("Rapsöl"). Every exhibitor's
`search_text` is computed again.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

from core.migrations.word_index import retokenise_exhibitors

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    retokenise_exhibitors()


def downgrade() -> None:
    pass  # the extra tokens do no harm to the search before this revision
