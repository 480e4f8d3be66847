"""Which words ask for a reply language and which name one (core/language_names.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from core.language_names import LanguageRequest, lexicon, spoken_language
from core.settings import ROOT

DATA = ROOT / "data"


def read(text: str) -> LanguageRequest | None:
    return lexicon(DATA).read(text)


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
    assert read(text) == LanguageRequest(code)


@pytest.mark.parametrize(
    "text", ["change the language", "Sprache ändern", "换个语言", "言語を変更して", "언어 설정"]
)
def test_asking_to_change_without_naming_a_language(text: str) -> None:
    assert read(text) == LanguageRequest(None)


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


# --- the language the booth's staff speak ------------------------------------------------
@pytest.mark.parametrize(
    ("locale", "text", "code", "named"),
    [
        ("fr", "des exposants qui parlent français ?", "fr", "français"),
        ("ja", "日本語が通じる出展社", "ja", "日本語"),
        ("de", "Aussteller mit deutschsprachigen Mitarbeitern", "de", "deutschsprachigen"),
        ("zh", "会说俄语的食品展商", "ru", "俄语"),
    ],
)
def test_a_language_beside_a_word_of_speaking_is_the_staffs(
    locale: str, text: str, code: str, named: str
) -> None:
    spoken = spoken_language(DATA, locale, text)
    assert spoken is not None and spoken.code == code
    assert [text[start:end] for start, end in spoken.spans] == [named]


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("fr", "vins allemands"),
        ("en", "Japanese whisky"),
        ("de", "Wer spricht hier Deutsch und Englisch?"),
    ],
)
def test_a_nationality_or_two_languages_is_no_staff_language(locale: str, text: str) -> None:
    assert spoken_language(DATA, locale, text) is None
