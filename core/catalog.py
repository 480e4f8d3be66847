"""Exhibitor search and look-up: the catalog service."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process
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
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from core.fulltext import DESCRIPTION, phrase_variants
from core.models import Exhibitor, ExhibitorCategory
from core.taxonomy import Taxonomy, fold

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

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


# The word index (migration 0009): SQLite FTS5 over `search_text`, whose tokens are
# separated by spaces; PostgreSQL a GIN index over the same tokens as an array.
_FTS = table("exhibitors_fts", column("rowid"), column("exhibitors_fts"))


def _token_array() -> ColumnElement[Any]:
    """PostgreSQL: the index text as an array, the expression of the GIN index (0009)."""
    return func.string_to_array(Exhibitor.search_text, literal_column("' '"))


def _has_all(tokens: list[str], dialect: str) -> ColumnElement[bool]:
    """Every token in the exhibitor's index text, for the ranking of rows already found."""
    if dialect == "postgresql":
        wanted = cast(postgresql.array(tokens), postgresql.ARRAY(Text))
        return _token_array().op("@>")(wanted)
    padded = " " + Exhibitor.search_text + " "
    return and_(*(func.instr(padded, f" {token} ") > 0 for token in tokens))


def _phrase(phrase: str, dialect: str) -> ColumnElement[bool] | None:
    """A product phrase in an exhibitor's product list or description, word for word."""
    variants = phrase_variants(phrase)
    zones = [*variants, *([DESCRIPTION + t for t in tokens] for tokens in variants)]
    if not zones:
        return None
    if dialect == "sqlite":
        match = " OR ".join("(" + " AND ".join(f'"{t}"' for t in zone) + ")" for zone in zones)
        indexed = select(_FTS.c.rowid).where(_FTS.c.exhibitors_fts.op("MATCH")(match))
        return literal_column("exhibitors.rowid").in_(indexed)
    return or_(*(_has_all(zone, dialect) for zone in zones))


def _conditions(query: SearchQuery, dialect: str) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    product_terms: list[ColumnElement[bool]] = []
    if query.categories:
        # Imports record every ancestor of an exhibitor's categories (hearing aids are
        # medical devices too), so a parent category finds its sub-categories here.
        in_category = select(ExhibitorCategory.exhibitor_id).where(
            ExhibitorCategory.category.in_(query.categories)
        )
        product_terms.append(Exhibitor.id.in_(in_category))
    product_terms += [c for phrase in query.keywords if (c := _phrase(phrase, dialect)) is not None]
    if query.categories or query.keywords:
        conditions.append(or_(*product_terms) if product_terms else literal(False))
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
    dialect = session.get_bind().dialect.name
    where = and_(*_conditions(query, dialect)) if not query.empty else Exhibitor.id.is_(None)
    total = session.scalar(select(func.count()).select_from(Exhibitor).where(where)) or 0
    page = max(0, min(page, max(0, -(-total // PAGE_SIZE) - 1)))
    items = session.scalars(
        select(Exhibitor)
        .where(where)
        .order_by(_relevance(query, dialect).desc(), Exhibitor.name_en, Exhibitor.id)
        .offset(page * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return SearchPage(items=list(items), total=total, page=page)


def _relevance(query: SearchQuery, dialect: str) -> ColumnElement[int]:
    """The exhibitor's own words first: a searched phrase in its product list counts most,
    in its description less; then the number of wanted categories it has."""
    score: ColumnElement[int] = literal(0)
    for phrase in query.keywords:
        variants = phrase_variants(phrase)
        if variants:
            in_products = or_(*(_has_all(tokens, dialect) for tokens in variants))
            in_description = or_(
                *(_has_all([DESCRIPTION + t for t in tokens], dialect) for tokens in variants)
            )
            score = score + case((in_products, 4), else_=0) + case((in_description, 2), else_=0)
    if len(query.categories) > 1 or query.keywords:
        score = score + (
            select(func.count())
            .where(
                ExhibitorCategory.exhibitor_id == Exhibitor.id,
                ExhibitorCategory.category.in_(query.categories),
            )
            .scalar_subquery()
        )
    return score


def facets(session: Session, query: SearchQuery, limit: int = 3) -> dict[str, list[str]]:
    """The most frequent countries and areas among the results, for "refine" buttons."""
    where = and_(*_conditions(query, session.get_bind().dialect.name))
    found: dict[str, list[str]] = {}
    for name, field in (("country", Exhibitor.country), ("area", Exhibitor.area)):
        rows = session.execute(
            select(field, func.count())
            .where(where)
            .group_by(field)
            .order_by(func.count().desc(), field)
            .limit(limit + 1)
        ).all()
        found[name] = [str(value) for value, _ in rows]
    return found


def find_by_name(session: Session, name: str, limit: int = 5) -> list[Exhibitor]:
    """Exhibitors whose English or Chinese name matches; exact matches first, then typos."""
    needle = fold(name)
    if len(needle) < 2:
        return []
    exact = session.scalars(
        select(Exhibitor).where(
            or_(func.lower(Exhibitor.name_en) == needle, Exhibitor.name_zh == name.strip())
        )
    ).all()
    if exact:
        return list(exact)[:limit]
    pattern = f"%{needle}%"
    partial = session.scalars(
        select(Exhibitor)
        .where(or_(func.lower(Exhibitor.name_en).like(pattern), Exhibitor.name_zh.like(pattern)))
        .order_by(func.length(Exhibitor.name_en))
        .limit(limit)
    ).all()
    return list(partial) or _close_names(session, needle, limit)


def _close_names(session: Session, needle: str, limit: int) -> list[Exhibitor]:
    """Closest English names above a threshold, so "Nordik Medtec" finds Nordic Medtech."""
    if len(needle) < 4:
        return []
    rows = session.execute(select(Exhibitor.id, func.lower(Exhibitor.name_en))).all()
    names: dict[str, str] = {exhibitor_id: name for exhibitor_id, name in rows}
    best = process.extract(needle, names, scorer=fuzz.WRatio, score_cutoff=88, limit=limit)
    ids = [exhibitor_id for _, _, exhibitor_id in best]
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
