"""What migrations that change how the word index reads products share."""

import sqlalchemy as sa
from alembic import op

from core.attributes import load_attributes
from core.countries import TAXONOMY_DIR
from core.fulltext import index_text


def retokenise_exhibitors() -> None:
    """Computes every exhibitor's `search_text` again with today's tokenizer and
    attribute words (the SQLite word index follows by its triggers, the PostgreSQL token
    array is generated from it)."""
    attributes = load_attributes(TAXONOMY_DIR / "attributes.yml")
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
            products.split(";"), (description_en, description_zh), categories.split(), attributes
        )
        if tokens != before:
            bind.execute(
                exhibitors.update()
                .where(exhibitors.c.id == exhibitor_id)
                .values(search_text=tokens)
            )
