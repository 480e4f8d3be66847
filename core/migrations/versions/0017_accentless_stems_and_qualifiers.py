"""the word index stems words without their accents, and marks hyphen qualifiers

People often type French, Spanish and German without accents ("equipos de ecografia"); a
word is now stemmed without its accents, so the accented and the bare spelling share one
stem ("ecografía" and "ecografia" give "ecografi"). A word joined to the next by a hyphen gets a token of its own ("ǂbio" of
"Bio-Riesling"), for searches by what a product must be ("vin bio"). Every exhibitor's
`search_text` is computed again.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""

from core.migrations.word_index import retokenise_exhibitors

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    retokenise_exhibitors()


def downgrade() -> None:
    pass  # no schema change to undo
