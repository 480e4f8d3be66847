"""The development set for company names (data/names_dev, `make names-dev`) stays usable:
its catalog imports with the project's importer, its look-ups name exhibitors that exist in
every language, and replies saying a company is unknown are scored as such."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter

from actions.base import CallbackCodec, Reply
from bot.app import build
from core.i18n import translator
from core.settings import LOCALES, ROOT
from tests.conftest import base_settings

DEV = ROOT / "data" / "names_dev"
_SPEC = importlib.util.spec_from_file_location("catalog_eval", ROOT / "scripts/catalog_eval.py")
assert _SPEC and _SPEC.loader
catalog_eval = importlib.util.module_from_spec(_SPEC)
sys.modules["catalog_eval"] = catalog_eval
_SPEC.loader.exec_module(catalog_eval)

NOT_FOUND = "I couldn’t find an exhibitor called “{name}”."


def test_the_development_catalog_imports_cleanly(database_url: str) -> None:
    container = build(base_settings(database_url))
    try:
        report, dropped = catalog_eval.import_catalog(container, DEV / "exhibitors.csv")
        assert report.ok, report.errors[:3]
        assert report.created >= 150 and dropped == []
    finally:
        container.engine.dispose()


def test_every_language_asks_for_known_and_unknown_companies() -> None:
    ids = {row["id"] for row in catalog_eval.catalog_rows(DEV / "exhibitors.csv")}
    queries = catalog_eval.load_queries(DEV / "queries.yml")
    assert Counter(q.lang for q in queries).keys() == set(LOCALES)
    assert min(Counter(q.lang for q in queries).values()) >= 10
    assert {q.lang for q in queries if q.kind == "unknown"} == set(LOCALES)
    for query in queries:
        assert (query.expect in ids) if query.kind == "lookup" else not query.expect, query


def test_a_not_found_reply_is_a_hit_for_an_unknown_company() -> None:
    codec = CallbackCodec("test-secret")
    unknown = catalog_eval.Query("de", "unknown", "Wo ist Acme?", "unknown")
    said = translator("de").gettext(NOT_FOUND).format(name="Acme")
    assert catalog_eval.score(unknown, Reply(said + "\nHinweis"), codec, {}).hit
    card = Reply("<b>Acme GmbH</b>\nHalle 1.1, Stand <b>1.1A-01</b>")
    assert not catalog_eval.score(unknown, card, codec, {"A": "1.1A-01"}).hit
    menu = Reply(
        translator("de").gettext("Which company? Tell me its name, e.g. “booth of Nordic Medtech”.")
    )
    assert not catalog_eval.score(unknown, menu, codec, {}).hit
