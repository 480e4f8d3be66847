"""Actions are tested directly: a real session on the demo data, a hand-made NLU result."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from actions.base import Context, Entity, NluResult
from core import users
from core.db import transaction
from core.i18n import translator
from tests.conftest import FIXED_NOW


@pytest.fixture
def make_ctx(app) -> Iterator:
    """Contexts in one open transaction (SQLite takes one writer at a time)."""
    with transaction(app.sessions) as session:

        def make(locale: str = "en", user_id: int = 500) -> Context:
            user = users.get_or_create(session, "console", user_id)
            return Context(
                session=session,
                user=user,
                t=translator(locale),
                taxonomy=app.taxonomy,
                knowledge=app.knowledge,
                codec=app.router.codec,
                now=FIXED_NOW,
                settings=app.settings,
            )

        yield make


def nlu(text: str, intent: str, **entities: str | list[str]) -> NluResult:
    found = []
    for kind, values in entities.items():
        for value in [values] if isinstance(values, str) else values:
            start = text.find(value)
            found.append(Entity(kind, value, start, start + len(value)))
    return NluResult(text=text, intent=intent, confidence=0.99, entities=tuple(found))
