"""Exhibitor search and look-up: the catalog service."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.orm import Session

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


# The SQLite FTS5 trigram index (migration 0005); it needs three or more characters.
_FTS = table("exhibitors_fts", column("rowid"), column("search_text"))


def _keyword(word: str, dialect: str) -> ColumnElement[bool]:
    pattern = f"%{fold(word)}%"
    if dialect == "sqlite" and len(fold(word)) >= 3:
        indexed = select(_FTS.c.rowid).where(_FTS.c.search_text.like(pattern))
        return literal_column("exhibitors.rowid").in_(indexed)
    return Exhibitor.search_text.like(pattern)  # PostgreSQL: pg_trgm index (migration 0003)


def _conditions(query: SearchQuery, dialect: str) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Exhibitor.retired_at.is_(None)]
    product_terms: list[ColumnElement[bool]] = []
    if query.categories:
        in_category = select(ExhibitorCategory.exhibitor_id).where(
            ExhibitorCategory.category.in_(query.categories)
        )
        product_terms.append(Exhibitor.id.in_(in_category))
    product_terms += [_keyword(word, dialect) for word in query.keywords]
    if product_terms:
        conditions.append(or_(*product_terms))
    if query.country:
        conditions.append(Exhibitor.country == query.country)
    if query.area:
        conditions.append(Exhibitor.area == query.area)
    if query.hall:
        conditions.append(Exhibitor.hall == query.hall)
    return conditions


def search(session: Session, query: SearchQuery, page: int = 0) -> SearchPage:
    dialect = session.get_bind().dialect.name
    where = and_(*_conditions(query, dialect)) if not query.empty else Exhibitor.id.is_(None)
    total = session.scalar(select(func.count()).select_from(Exhibitor).where(where)) or 0
    page = max(0, min(page, max(0, -(-total // PAGE_SIZE) - 1)))
    items = session.scalars(
        select(Exhibitor)
        .where(where)
        .order_by(_relevance(query).desc(), Exhibitor.name_en, Exhibitor.id)
        .offset(page * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return SearchPage(items=list(items), total=total, page=page)


def _relevance(query: SearchQuery) -> ColumnElement[int]:
    """More of the wanted categories first; a keyword in the company name counts double."""
    score: ColumnElement[int] = literal(0)
    if len(query.categories) > 1:
        score = score + (
            select(func.count())
            .where(
                ExhibitorCategory.exhibitor_id == Exhibitor.id,
                ExhibitorCategory.category.in_(query.categories),
            )
            .scalar_subquery()
        )
    for word in query.keywords:
        name_hit = func.lower(Exhibitor.name_en).contains(fold(word))
        score = score + case((name_hit, 2), else_=0)
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
            or_(func.lower(Exhibitor.name_en) == needle, Exhibitor.name_zh == name.strip()),
            Exhibitor.retired_at.is_(None),
        )
    ).all()
    if exact:
        return list(exact)[:limit]
    pattern = f"%{needle}%"
    partial = session.scalars(
        select(Exhibitor)
        .where(or_(func.lower(Exhibitor.name_en).like(pattern), Exhibitor.name_zh.like(pattern)))
        .where(Exhibitor.retired_at.is_(None))
        .order_by(func.length(Exhibitor.name_en))
        .limit(limit)
    ).all()
    return list(partial) or _close_names(session, needle, limit)


def _close_names(session: Session, needle: str, limit: int) -> list[Exhibitor]:
    """Closest English names above a threshold, so "Nordik Medtec" finds Nordic Medtech."""
    if len(needle) < 4:
        return []
    rows = session.execute(
        select(Exhibitor.id, func.lower(Exhibitor.name_en)).where(Exhibitor.retired_at.is_(None))
    ).all()
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
    """Product categories in the user's language, else the exhibitor's own words."""
    categories = exhibitor.categories.split()
    if categories:
        return [taxonomy.category_name(category, locale) for category in categories]
    return exhibitor.products.split(";")
