"""The reply language changes only when the person asks for one (actions/language.py)."""

from __future__ import annotations

import pytest

from actions import language, search_exhibitors
from actions.base import NluResult
from bot.router import Incoming
from core.models import User
from core.settings import ROOT
from tests.actions.conftest import nlu

DATA = ROOT / "data"


# --- the action ---------------------------------------------------------------------
def test_an_explicit_request_saves_the_language_and_answers_in_it(make_ctx) -> None:
    ctx = make_ctx("en")
    reply = language.set_language(ctx, nlu("reply in French", "set_language", language="French"))
    assert ctx.user.locale == "fr"
    assert reply.text == ctx.t.gettext("From now on I will answer in {language}.").format(
        language=ctx.t.autonym("fr")
    )
    assert ctx.t.locale == "fr"


@pytest.mark.parametrize(
    ("locale", "text", "entities"),
    [
        ("fr", "fromages français", {"product": "fromages", "language": "français"}),
        ("ru", "французский сыр", {"product": "сыр", "language": "французский"}),
        ("en", "just the Japanese ones", {"language": "Japanese"}),
        ("en", "only German companies", {"language": "German"}),
        ("en", "Japanese whisky", {"product": "whisky", "language": "Japanese"}),
    ],
)
def test_a_nationality_in_a_request_searches_and_keeps_the_setting(
    make_ctx, locale: str, text: str, entities: dict[str, str]
) -> None:
    ctx = make_ctx(locale)
    result = nlu(text, "set_language", **entities)
    reply = language.set_language(ctx, result)
    assert ctx.user.locale is None
    assert ctx.t.locale == locale
    assert reply.text == search_exhibitors.search_exhibitors(ctx, result).text
    query = search_exhibitors.build_query(ctx, result)
    assert query.country is not None


def test_a_question_about_languages_offers_the_choice(make_ctx) -> None:
    ctx = make_ctx("en")
    reply = language.set_language(ctx, nlu("which languages do you know?", "set_language"))
    assert ctx.user.locale is None
    assert reply.text == "Choose your language:" and len(reply.buttons) == 2


@pytest.mark.parametrize(("args", "code"), [("de", "de"), ("Deutsch", "de"), ("中文", "zh")])
def test_language_command_with_a_language_switches(make_ctx, args: str, code: str) -> None:
    ctx = make_ctx("en")
    ctx.command_args = args
    language.choose_language(ctx)
    assert ctx.user.locale == code


def test_language_command_without_a_language_offers_the_choice(make_ctx) -> None:
    ctx = make_ctx("en")
    ctx.command_args = "whisky"
    reply = language.choose_language(ctx)
    assert ctx.user.locale is None and reply.buttons


# --- through the router -----------------------------------------------------------------
class SetLanguageParser:
    """What the NLU model answered for these messages: set_language with a language entity."""

    async def parse(self, text: str) -> NluResult:
        word = text.split()[-1]
        return nlu(text, "set_language", language=word)


async def test_a_nationality_never_changes_the_saved_language(app) -> None:
    app.router.nlu = SetLanguageParser()
    said = Incoming("console", 31, "fromages français", "en")
    reply = await app.router.handle_text(said)
    assert "exposant" in reply.text
    with app.sessions() as session:
        user = session.query(User).filter_by(external_id=31).one()
        assert user.locale is None and user.message_locale == "fr"

    russian = await app.router.handle_text(Incoming("console", 31, "французский сыр", "en"))
    assert "экспонент" in russian.text

    switched = await app.router.handle_text(Incoming("console", 31, "answer in German", "en"))
    assert "Deutsch" in switched.text
    with app.sessions() as session:
        assert session.query(User).filter_by(external_id=31).one().locale == "de"
