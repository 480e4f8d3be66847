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
    contexts = []

    def make(locale: str = "en") -> Context:
        session_cm = transaction(app.sessions)
        session = session_cm.__enter__()
        contexts.append(session_cm)
        user = users.get_or_create(session, "console", 500)
        return Context(
            session=session,
            user=user,
            t=translator(locale),
            taxonomy=app.taxonomy,
            knowledge=app.knowledge,
            codec=app.router.codec,
            now=FIXED_NOW,
        )

    yield make
    for session_cm in contexts:
        session_cm.__exit__(None, None, None)


def nlu(text: str, intent: str, **entities: str | list[str]) -> NluResult:
    found = []
    for kind, values in entities.items():
        for value in [values] if isinstance(values, str) else values:
            start = text.find(value)
            found.append(Entity(kind, value, start, start + len(value)))
    return NluResult(text=text, intent=intent, confidence=0.99, entities=tuple(found))
