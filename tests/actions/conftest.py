"""Actions are tested directly: a real session on the demo data (or a catalog in
exhibitors' own words), a hand-made NLU result."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager

import pytest

from actions.base import Context, Entity, NluResult
from bot.app import Container
from core import users
from core.db import transaction
from core.i18n import translator
from core.imports import import_exhibitors
from tests.actions import search_eval
from tests.conftest import FIXED_NOW, base_settings, make_container


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


# --- a catalog in exhibitors' own words, for requests the model reads only in part -------
CATALOG_C = search_eval.HEADER + "".join(
    f"{row}\n"
    for row in (
        "C01,Niagara Frost,,CA,food,8.2,8.2C-01,VQA Icewine (Vidal; Cabernet Franc),,,en,,",
        "C02,Mosel Hartmann,,DE,food,8.2,8.2C-02,Eiswein Riesling;Riesling Spätlese,,,de,,",
        "C03,Rioja Alta,,ES,food,8.2,8.2C-03,Vino tinto Rioja Reserva,,,es,,",
        "C04,Milano Espresso,,IT,equipment,4.1,4.1C-04,Macchine per caffè espresso professionali,,,it,,",
        "C05,Torino Torrefazione,,IT,food,8.2,8.2C-05,Caffè in grani;Espresso blend,,,it,,",
        "C06,Seoul Implant,,KR,medical,6.1,6.1C-06,치과용 임플란트 픽스처,,,ko,,",
        "C07,Alpen Ortho,,CH,medical,6.1,6.1C-07,Hip implants;Knee prostheses,,,de,,",
        "C08,Lakeland Potato,,NL,food,8.2,8.2C-08,Frozen French fries 9x9 mm;Hash browns,,,nl,,",
        "C09,Paris Boulangerie,,FR,food,8.2,8.2C-09,Croissants surgelés,,,fr,,",
        "C10,Plzeň Export,,CZ,food,8.2,8.2C-10,Czech pilsner lager,,,cs,,",
        "C11,Rosenheim Brauhaus,,DE,food,8.2,8.2C-11,Hefeweißbier;Helles,,,de,,",
        "C12,Chanthaburi Durian,,TH,food,8.2,8.2C-12,Premium Freeze-Dried Monthong Durian,,泰国冻干榴莲,th,,",
        "C13,Raub Musang King,,MY,food,8.2,8.2C-13,Musang King durian – frozen whole fruit,,,en,,",
        "C14,Tokaj Borház,,HU,food,8.2,8.2C-14,Tokaji Aszú 6 puttonyos,,匈牙利托卡伊贵腐甜白,hu,,",
        "C15,Copenhagen Hearing,,DK,medical,6.1,6.1C-15,Rechargeable hearing instruments,,,da,,",
        "C16,Nordfjord Sjømat,,NO,food,8.2,8.2C-16,Fresh Atlantic salmon (superior grade),,,no,,",
        "C17,Schwaben Robotik,,DE,equipment,4.1,4.1C-17,Industrieroboter;Schweißroboter,,,de,,",
        "C18,Jalisco Agave,,MX,food,8.2,8.2C-18,Tequila 100% agave reposado,,,es,,",
        "C19,Ulm Sudhaus,,DE,equipment,4.1,4.1C-19,Sudhausanlagen,German know-how in craft brewing systems,,de,,",
        "C20,Suzhou Automation Institute,苏州工业机器人研究所,CN,equipment,4.1,4.1C-20,Servo motors,,,zh,,",
    )
)


@asynccontextmanager
async def container_with(
    database_url: str, catalog: str, **settings: object
) -> AsyncIterator[Container]:
    """The app over a database holding this catalog (CSV text), with other settings."""
    container = make_container(base_settings(database_url, **settings))
    with transaction(container.sessions) as session:
        report = import_exhibitors(session, catalog.encode(), container.taxonomy)
        assert report.ok, report.errors[:3]
    try:
        yield container
    finally:
        await container.aclose()


@pytest.fixture
async def catalog_c(database_url: str) -> AsyncIterator[Container]:
    async with container_with(database_url, CATALOG_C) as container:
        yield container


@contextmanager
def contexts_over(container: Container, user_id: int) -> Iterator[Callable[..., Context]]:
    """Contexts of one person over a container's catalog, in one open transaction."""
    with transaction(container.sessions) as session:

        def make(locale: str = "en") -> Context:
            return Context(
                session=session,
                user=users.get_or_create(session, "console", user_id),
                t=translator(locale),
                taxonomy=container.taxonomy,
                knowledge={},
                codec=container.router.codec,
                now=FIXED_NOW,
                settings=container.settings,
            )

        yield make


@pytest.fixture
def c_ctx(catalog_c: Container) -> Iterator:
    with contexts_over(catalog_c, 701) as make:
        yield make
