"""The reply language changes only when the person asks for one (actions/language.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from actions import language, search_exhibitors
from actions.base import NluResult
from bot.router import Incoming
from core.models import User
from core.settings import ROOT
from tests.actions.conftest import nlu

DATA = ROOT / "data"


def read(text: str) -> language.LanguageRequest | None:
    return language.lexicon(DATA).read(text)


# Phrasings written for these tests: the lexicon holds words, not these sentences.
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("could you answer me in Korean from now on?", "ko"),
        ("Please switch to Spanish.", "es"),
        ("English please", "en"),
        ("I'd like you to talk to me in German", "de"),
        ("set the language to French", "fr"),
        ("swtich to russian pls", "ru"),  # two letters swapped
        ("Kannst du bitte ab jetzt auf Englisch antworten?", "en"),
        ("stell die Sprache auf Französisch um", "fr"),
        ("auf Deutsch bitte", "de"),
        ("réponds-moi en anglais s'il te plaît", "en"),
        ("vous pouvez parler allemand ?", "de"),
        ("passe en espagnol", "es"),
        ("contéstame en inglés, por favor", "en"),
        ("¿puedes hablar en francés?", "fr"),
        ("cambia el idioma a alemán", "de"),
        ("ответь по-английски", "en"),
        ("пожалуйста, говори со мной на немецком", "de"),
        ("можешь писать по-русски?", "ru"),
        ("请用英文回答", "en"),
        ("用日语跟我说吧", "ja"),
        ("可以讲德语吗？", "de"),
        ("日本語で話して", "ja"),
        ("これから英語で返事してください", "en"),
        ("韓国語でお願いします", "ko"),
        ("영어로 대답해 주세요", "en"),
        ("앞으로 한국어로 말해줘", "ko"),
        ("Español", "es"),
    ],
)
def test_explicit_requests_name_the_language(text: str, code: str) -> None:
    assert read(text) == language.LanguageRequest(code)


@pytest.mark.parametrize(
    "text", ["change the language", "Sprache ändern", "换个语言", "言語を変更して", "언어 설정"]
)
def test_asking_to_change_without_naming_a_language(text: str) -> None:
    assert read(text) == language.LanguageRequest(None)


@pytest.mark.parametrize(
    "text",
    [
        "fromages français",
        "французский сыр",
        "just the Japanese ones",
        "only German companies",
        "Japanese whisky",
        "French cheese please",
        "exhibitors who speak German",
        "deutsche Aussteller für Werkzeugmaschinen",
        "vinos españoles, por favor",
        "des parfums français svp",
        "日本的展商",
        "日本のウイスキー",
        "독일 기계 업체",
        "don't answer in English",
        "translate hello into Spanish",
        "steak French",
        "ok",
        "",
    ],
)
def test_a_language_or_nationality_inside_another_request_is_not_a_request(text: str) -> None:
    assert read(text) is None


def _nlu_examples(split: str) -> list[tuple[str, str]]:
    marks = re.compile(r"\[([^\]]+)\]\([^)]*\)")
    examples = []
    for path in sorted(Path(DATA / split).glob("??.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in block.get("examples", "").splitlines():
                if line.strip().startswith("- "):
                    examples.append((block["intent"], marks.sub(r"\1", line.strip()[2:])))
    return examples


@pytest.mark.parametrize("split", ["nlu", "nlu_test"])
def test_nlu_examples_of_set_language_are_requests_and_no_other_example_is(split: str) -> None:
    examples = _nlu_examples(split)
    asked = [text for intent, text in examples if intent == "set_language"]
    others = [text for intent, text in examples if intent != "set_language"]
    missed = [text for text in asked if read(text) is None]
    taken = [text for text in others if read(text) is not None]
    assert len(asked) > 40 and len(others) > 2000
    assert len(missed) <= len(asked) * 0.02, missed  # typos such as "pease change to Chinese"
    assert taken == []


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
