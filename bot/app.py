"""The composition root: builds every service from Settings. Tests build it the same way."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from bot import locale
from bot.nlu_client import NluClient
from bot.router import Router
from core.db import SessionFactory, make_engine, migrate, session_factory
from core.lingang import Entry, load_knowledge_base
from core.settings import Settings
from core.taxonomy import Taxonomy, load_taxonomy


@dataclass(repr=False)  # it holds the taxonomy: see core.taxonomy.Taxonomy
class Container:
    settings: Settings
    engine: Engine
    sessions: SessionFactory
    taxonomy: Taxonomy
    knowledge: dict[str, Entry]
    nlu: NluClient
    router: Router

    async def aclose(self) -> None:
        await self.nlu.aclose()
        self.engine.dispose()


def pool_size(settings: Settings) -> int:
    """Database connections: one per worker thread, and a few for the jobs."""
    return min(settings.telegram_concurrency, 20) + 4


def worker_threads(container: Container) -> int:
    """Threads for the database work of updates. SQLite lets one transaction write at a time
    (every transaction here begins IMMEDIATE): one thread queues the work in order, without
    SQLite's sleeping retries. PostgreSQL works on as many as there are connections."""
    if container.engine.dialect.name == "sqlite":
        return 1
    return pool_size(container.settings) - 4


def build(settings: Settings) -> Container:
    engine = make_engine(settings.database_url, pool_size=pool_size(settings))
    migrate(engine)
    sessions = session_factory(engine)
    taxonomy = load_taxonomy(settings.data_dir)
    knowledge = load_knowledge_base(settings.data_dir)
    locale.identifier()  # loads the language models now rather than on someone's first message
    nlu = NluClient(
        settings.nlu_servers,
        settings.nlu_token,
        settings.nlu_timeout,
        check_interval=settings.nlu_check_interval,
    )
    router = Router(
        settings=settings, sessions=sessions, nlu=nlu, taxonomy=taxonomy, knowledge=knowledge
    )
    return Container(settings, engine, sessions, taxonomy, knowledge, nlu, router)
