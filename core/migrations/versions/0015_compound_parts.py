"""the word index holds the parts of German compounds

A compound's last part is a token of its own and its other parts are marked tokens
("Edelstahlkochtöpfe": "kochtopf", "topf", "·edelstahl", "·koch"), so every exhibitor's
`search_text` is computed again (the SQLite word index follows by its triggers, the
PostgreSQL token array is generated from the text).

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

from core.fulltext import index_text

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    exhibitors = sa.table(
        "exhibitors",
        sa.column("id"),
        sa.column("products"),
        sa.column("description_en"),
        sa.column("description_zh"),
        sa.column("categories"),
        sa.column("search_text"),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(
            exhibitors.c.id,
            exhibitors.c.products,
            exhibitors.c.description_en,
            exhibitors.c.description_zh,
            exhibitors.c.categories,
            exhibitors.c.search_text,
        )
    ).all()
    for exhibitor_id, products, description_en, description_zh, categories, before in rows:
        tokens = index_text(
            products.split(";"), (description_en, description_zh), categories.split()
        )
        if tokens != before:
            bind.execute(
                exhibitors.update()
                .where(exhibitors.c.id == exhibitor_id)
                .values(search_text=tokens)
            )


def downgrade() -> None:
    pass  # the marked tokens do no harm to the search before this revision
