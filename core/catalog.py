"""Exhibitor search and look-up: the catalog service."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from core.models import Exhibitor
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


def _conditions(query: SearchQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    product_terms: list[ColumnElement[bool]] = [
        Exhibitor.categories.contains(f" {category} ") for category in query.categories
    ]
    product_terms += [Exhibitor.search_text.contains(fold(word)) for word in query.keywords]
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
    where = and_(*_conditions(query)) if not query.empty else Exhibitor.id.is_(None)
    total = session.scalar(select(func.count()).select_from(Exhibitor).where(where)) or 0
    page = max(0, min(page, max(0, -(-total // PAGE_SIZE) - 1)))
    items = session.scalars(
        select(Exhibitor)
        .where(where)
        .order_by(Exhibitor.name_en, Exhibitor.id)
        .offset(page * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return SearchPage(items=list(items), total=total, page=page)


def find_by_name(session: Session, name: str, limit: int = 5) -> list[Exhibitor]:
    """Exhibitors whose English or Chinese name matches; exact matches first."""
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
    return list(
        session.scalars(
            select(Exhibitor)
            .where(
                or_(func.lower(Exhibitor.name_en).like(pattern), Exhibitor.name_zh.like(pattern))
            )
            .order_by(func.length(Exhibitor.name_en))
            .limit(limit)
        ).all()
    )


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
