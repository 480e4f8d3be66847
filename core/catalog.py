"""Exhibitor search and look-up: the catalog service."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Text,
    and_,
    case,
    cast,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from core import names
from core.fulltext import CATEGORY, DESCRIPTION, phrase_variants
from core.models import CatalogSource, Exhibitor
from core.taxonomy import Taxonomy

PAGE_SIZE = 5


@dataclass(frozen=True)
class SearchQuery:
    categories: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    country: str | None = None
    area: str | None = None
    hall: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.categories or self.keywords or self.country or self.area or self.hall)


@dataclass(frozen=True)
class SearchPage:
    items: list[Exhibitor]
    total: int
    page: int
    # The most frequent countries and areas among all results, for "refine" buttons.
    facets: dict[str, list[str]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


# The word index (migration 0009): SQLite FTS5 over `search_text`, whose tokens are
# separated by spaces; PostgreSQL a GIN index over the same tokens stored as an array.
_FTS = table("exhibitors_fts", column("rowid"), column("exhibitors_fts"))
_TOKENS: ColumnElement[Any] = literal_column("exhibitors.search_tokens")


def _token_array(tokens: list[str]) -> ColumnElement[Any]:
    return cast(postgresql.array(tokens), postgresql.ARRAY(Text))


def _has_any(variants: list[list[str]], dialect: str) -> ColumnElement[bool]:
    """All tokens of one of the variants in the exhibitor's index text."""
    if dialect == "sqlite":
        # One FTS look-up for them all; SQLite then probes the row set per exhibitor.
        expression = " OR ".join("(" + " AND ".join(f'"{t}"' for t in v) + ")" for v in variants)
        indexed = select(_FTS.c.rowid).where(_FTS.c.exhibitors_fts.op("MATCH")(expression))
        return literal_column("exhibitors.rowid").in_(indexed)
    singles = [tokens[0] for tokens in variants if len(tokens) == 1]
    several = [tokens for tokens in variants if len(tokens) > 1]
    conditions = [_TOKENS.op("&&")(_token_array(singles))] if singles else []
    conditions += [_TOKENS.op("@>")(_token_array(tokens)) for tokens in several]
    return or_(*conditions)


def _ranked_has_any(variants: list[list[str]], dialect: str) -> ColumnElement[bool]:
    """`_has_any` for rows already found: PostgreSQL finds a token in the text faster than
    it splits the text into an array once per row."""
    if dialect == "sqlite":
        return _has_any(variants, dialect)
    padded = " " + Exhibitor.search_text + " "
    return or_(*(and_(*(func.strpos(padded, f" {t} ") > 0 for t in v)) for v in variants))


def _described(variants: list[list[str]]) -> list[list[str]]:
    return [[DESCRIPTION + token for token in tokens] for tokens in variants]


def _conditions(query: SearchQuery, dialect: str) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Exhibitor.retired_at.is_(None)]
    # Imports index every ancestor of an exhibitor's categories (hearing aids are medical
    # devices too), so a parent category finds its sub-categories here.
    wanted = [[CATEGORY + category] for category in query.categories]
    for phrase in query.keywords:
        variants = phrase_variants(phrase)
        wanted += variants + _described(variants)
    if query.categories or query.keywords:
        conditions.append(_has_any(wanted, dialect) if wanted else literal(False))
    if query.country:
        conditions.append(Exhibitor.country == query.country)
    if query.area:
        conditions.append(Exhibitor.area == query.area)
    if query.hall:
        conditions.append(Exhibitor.hall == query.hall)
    return conditions


def count(session: Session, query: SearchQuery) -> int:
    where = and_(*_conditions(query, session.get_bind().dialect.name))
    return session.scalar(select(func.count()).select_from(Exhibitor).where(where)) or 0


def search(session: Session, query: SearchQuery, page: int = 0) -> SearchPage:
    """One page of results, with the total and facets from a single pass over them."""
    if session.get_bind().dialect.name != "postgresql":
        return _search(session, query, page, "sqlite")
    # PostgreSQL's planner prices reading each row's word array too low and would scan
    # the whole table for a broad category; the GIN index is several times faster.
    before = session.scalar(text("SELECT current_setting('enable_seqscan')"))
    session.execute(text("SELECT set_config('enable_seqscan', 'off', true)"))
    try:
        return _search(session, query, page, "postgresql")
    finally:
        session.execute(
            text("SELECT set_config('enable_seqscan', :before, true)"), {"before": before}
        )


def _search(session: Session, query: SearchQuery, page: int, dialect: str) -> SearchPage:
    where = and_(*_conditions(query, dialect)) if not query.empty else Exhibitor.id.is_(None)
    groups = _groups(session, where)
    total = sum(groups.values())
    page = max(0, min(page, max(0, -(-total // PAGE_SIZE) - 1)))
    items = session.scalars(
        select(Exhibitor)
        .where(where)
        .order_by(_relevance(query, dialect).desc(), Exhibitor.name_en, Exhibitor.id)
        .offset(page * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return SearchPage(items=list(items), total=total, page=page, facets=_top(groups))


def _groups(session: Session, where: ColumnElement[bool]) -> dict[tuple[str, str], int]:
    rows = session.execute(
        select(Exhibitor.country, Exhibitor.area, func.count())
        .where(where)
        .group_by(Exhibitor.country, Exhibitor.area)
    ).all()
    return {(str(country), str(area)): found for country, area, found in rows}


def _top(groups: dict[tuple[str, str], int], limit: int = 3) -> dict[str, list[str]]:
    totals: dict[str, Counter[str]] = {"country": Counter(), "area": Counter()}
    for (country, area), found in groups.items():
        totals["country"][country] += found
        totals["area"][area] += found
    return {
        name: sorted(counts, key=lambda value: (-counts[value], value))[: limit + 1]
        for name, counts in totals.items()
    }


def _relevance(query: SearchQuery, dialect: str) -> ColumnElement[int]:
    """The exhibitor's own words first: a searched phrase in its product list counts most,
    in its description less; then each wanted category it has (several for a specific
    product: ice wine and wine)."""
    score: ColumnElement[int] = literal(0)
    for phrase in query.keywords:
        if variants := phrase_variants(phrase):
            score = score + case((_ranked_has_any(variants, dialect), 4), else_=0)
            score = score + case((_ranked_has_any(_described(variants), dialect), 2), else_=0)
    if len(query.categories) > 1 or query.keywords:
        for category in query.categories:
            score = score + case((_ranked_has_any([[CATEGORY + category]], dialect), 1), else_=0)
    return score


def facets(session: Session, query: SearchQuery, limit: int = 3) -> dict[str, list[str]]:
    """The most frequent countries and areas among the results, for "refine" buttons."""
    where = and_(*_conditions(query, session.get_bind().dialect.name))
    return _top(_groups(session, where), limit)


def find_by_name(session: Session, name: str, limit: int = 5) -> list[Exhibitor]:
    """The exhibitors a company name means, equally good matches only: an exact match on
    any of their names or aliases, else the longest name inside it or the names it begins,
    else the closest spellings (see core.names)."""
    return _exhibitors(session, [m.exhibitor_id for m in names.find(session, name)][:limit])


def _close_names(session: Session, name: str, limit: int) -> list[Exhibitor]:
    """Exhibitors whose names come close to one that matched nothing, to suggest instead."""
    return _exhibitors(session, [m.exhibitor_id for m in names.suggest(session, name, limit)])


def suggestions(session: Session, name: str, limit: int = 3) -> list[Exhibitor]:
    return _close_names(session, name, limit)


def _exhibitors(session: Session, ids: list[str]) -> list[Exhibitor]:
    if not ids:
        return []
    found = {e.id: e for e in session.scalars(select(Exhibitor).where(Exhibitor.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def get(session: Session, exhibitor_id: str) -> Exhibitor | None:
    return session.get(Exhibitor, exhibitor_id)


def display_name(exhibitor: Exhibitor, locale: str) -> str:
    """The name in the user's language where we have it, else English."""
    if locale == "zh" and exhibitor.name_zh:
        return exhibitor.name_zh
    return exhibitor.name_en


def product_names(exhibitor: Exhibitor, taxonomy: Taxonomy, locale: str) -> list[str]:
    """The exhibitor's own product words as the catalog gives them; the names of its
    categories in the user's language only when it lists no products."""
    own = [product.strip() for product in exhibitor.products.split(";") if product.strip()]
    if own:
        return own
    return [taxonomy.category_name(category, locale) for category in exhibitor.categories.split()]


def mark_source(session: Session, kind: str, *, demo: bool, now: datetime) -> CatalogSource:
    """Records whether the exhibitors or events just imported are the demo data."""
    found = session.get(CatalogSource, kind)
    if found is None:
        found = CatalogSource(kind=kind, demo=demo, imported_at=now)
        session.add(found)
    else:
        found.demo, found.imported_at = demo, now
    return found


def is_demo(session: Session, kind: str) -> bool:
    found = session.get(CatalogSource, kind)
    return bool(found and found.demo)
