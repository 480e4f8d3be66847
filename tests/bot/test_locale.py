"""The language of a message and of the reply (bot/locale.py), with the real lingua models."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

from bot.locale import (
    LOCALES,
    client_locale,
    function_word_language,
    message_language,
    resolve,
    script_language,
)
from core.settings import ROOT


@pytest.mark.parametrize(
    ("text", "conversation", "expected"),
    [
        ("找医疗器械展商", None, "zh"),
        ("找 Siemens 的展位", "en", "zh"),
        ("Kangaroo Valley Wines 的联系方式", "de", "zh"),
        ("化粧品の出展者", None, "ja"),
        ("医療機器", "ja", "ja"),  # kanji only, in a Japanese conversation
        ("外国人労働許可 臨港", "ja", "ja"),
        ("医療機器", "en", "zh"),
        ("医疗器械展商", "ja", "zh"),  # simplified characters Japanese does not write
        ("我想找意大利的葡萄酒展商", "ja", "zh"),  # Chinese grammar
        ("의료기기 전시업체", None, "ko"),
        ("выставки в Сучжоу", None, "ru"),
        ("где стенд Siemens Healthineers", "en", "ru"),
        # A Russian company's name in a Chinese sentence, and a Chinese one in a Russian.
        ("Северные ягоды 在哪个展位？我想买蓝莓", None, "zh"),
        ("Где стенд 华为?", None, "ru"),
        ("French cheese exhibitors", None, None),
        ("8.2", None, None),
    ],
)
def test_script_language(text: str, conversation: str | None, expected: str | None) -> None:
    assert script_language(text, conversation) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [("zh-hans", "zh"), ("zh-TW", "zh"), ("de-AT", "de"), ("pt-br", None), (None, None)],
)
def test_client_locale(code: str | None, expected: str | None) -> None:
    assert client_locale(code) == expected


def test_saved_choice_wins_over_message_conversation_and_client() -> None:
    assert resolve("fr", "找展商", "de", "en", conversation="ja") == "fr"
    assert resolve(None, "找展商", "de", "en") == "zh"
    assert resolve(None, "hello", "de", "en") == "de"
    assert resolve(None, "hello", None, "en") == "en"


def test_conversation_language_comes_after_the_message_and_before_the_app() -> None:
    assert resolve(None, "", "de", "en", conversation="zh") == "zh"
    assert resolve(None, "where are the events in Suzhou next week", "de", "en", "zh") == "en"


# --- the reported wrong-language replies --------------------------------------------------
def test_a_french_request_naming_french_is_answered_in_french() -> None:
    assert message_language("fromages français") == "fr"
    assert resolve(None, "fromages français", "en", "en") == "fr"


def test_a_russian_request_naming_french_is_answered_in_russian() -> None:
    assert resolve(None, "французский сыр", "fr", "en", conversation="fr") == "ru"


def test_an_english_refinement_naming_japanese_is_english() -> None:
    assert resolve(None, "just the Japanese ones", "zh", "en", conversation="zh") == "en"


def test_a_spanish_lingang_question_is_answered_in_spanish_not_french() -> None:
    question = "¿Cómo obtengo un visado de trabajo en Lingang?"
    assert message_language(question) == "es"
    assert resolve(None, question, "fr", "en", conversation="fr") == "es"


@pytest.mark.parametrize("text", ["lithium battery separators", "book a meeting with Alpine Dairy"])
def test_english_after_a_chinese_message_is_answered_in_english(text: str) -> None:
    assert resolve(None, text, "zh-hans", "en", conversation="zh") == "en"


@pytest.mark.parametrize(
    "text",
    ["ok", "OK!", "Nordic Medtech", "Alpine Dairy", "10:00", "8.2A-05", "6.2", "Japanese whisky"],
)
@pytest.mark.parametrize("conversation", ["zh", "de", "fr", "es", "ru"])
def test_short_or_ambiguous_messages_keep_the_conversation(text: str, conversation: str) -> None:
    assert message_language(text, conversation) in (None, conversation)
    assert resolve(None, text, "en", "en", conversation=conversation) == conversation


def test_no_company_name_of_the_catalog_changes_the_conversation() -> None:
    with (ROOT / "data" / "demo" / "exhibitors.csv").open(encoding="utf-8") as f:
        names = [row["name_en"] for row in csv.DictReader(f)]
    assert len(names) > 1000
    changed = [
        (name, conversation, found)
        for i, name in enumerate(names)
        for conversation in (LOCALES[i % len(LOCALES)], None)
        if (found := message_language(name, conversation)) not in (None, conversation)
    ]
    assert changed == []


@pytest.mark.parametrize(
    ("text", "conversation"),
    [
        ("Wo ist der Stand von Kangaroo Valley Wines?", "de"),
        ("Ich möchte einen Termin mit Sakura Robotics am Donnerstag", "de"),
        ("Welche Steuervorteile gibt es in Lingang?", "de"),
        ("Quels sont les avantages fiscaux à Lingang ?", "fr"),
        ("prendre rendez-vous avec Rhein Landtechnik demain", "fr"),
        ("¿Dónde está el stand de Fromagerie Belle Provence?", "es"),
        ("eventos de networking en Hangzhou la próxima semana", "es"),
        ("where is the booth of Fromagerie Belle Provence", "en"),
        ("what are the rules for bonded zones in Yangshan and Lingang", "en"),
    ],
)
def test_proper_nouns_inside_a_sentence_do_not_flip_it(text: str, conversation: str) -> None:
    assert resolve(None, text, "en", "en", conversation=conversation) == conversation


@pytest.mark.parametrize(
    ("text", "conversation", "name_language"),
    [
        ("info sobre Evergreen Health", "de", "en"),
        ("E-Mail von Kangaroo Valley Wines", "fr", "en"),
        ("visite chez Venezia Partners S.p.A.", "de", "en"),
        ("correo de Rhein Landtechnik", "en", "de"),
        ("le stand de Golden Dairy", "es", "en"),
        ("où est Alpine Dairy", "es", "en"),
    ],
)
def test_a_company_name_does_not_pull_a_message_into_its_language(
    text: str, conversation: str, name_language: str
) -> None:
    assert message_language(text, conversation) != name_language


@pytest.mark.parametrize(
    ("text", "conversation", "expected"),
    [
        ("reunión con Tiger Seafood Sdn Bhd", "de", "es"),
        ("eventos en Ningbo", "en", "es"),
        ("où est Alpine Dairy", "en", "fr"),
    ],
)
def test_the_words_around_a_name_tell_the_language(
    text: str, conversation: str, expected: str
) -> None:
    assert message_language(text, conversation) == expected


@pytest.mark.parametrize(
    ("text", "conversation", "expected"),
    [
        ("Haben Sie Aussteller für Landmaschinen aus Italien?", "en", "de"),
        ("je cherche des exposants de vin d'Australie", "de", "fr"),
        ("quiero reservar una reunión con Nordic Medtech mañana", "en", "es"),
        ("could you show me the exhibitors of medical devices", "es", "en"),
        ("какие мероприятия будут в Ханчжоу", "en", "ru"),
        ("ホール8.2の出展者を教えて", "zh", "ja"),
        ("다음 주 쑤저우 행사 알려줘", "ja", "ko"),
        ("临港的企业所得税优惠有哪些", "ko", "zh"),
    ],
)
def test_a_clear_message_in_another_language_changes_it(
    text: str, conversation: str, expected: str
) -> None:
    assert message_language(text, conversation) == expected


def _held_out_examples() -> list[tuple[str, str]]:
    """The NLU test split: people's messages in each language, entity marks removed."""
    marks = re.compile(r"\[([^\]]+)\]\([^)]*\)")
    examples = []
    for path in sorted(Path(ROOT / "data" / "nlu_test").glob("??.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in block.get("examples", "").splitlines():
                if line.strip().startswith("- "):
                    examples.append((path.stem, marks.sub(r"\1", line.strip()[2:])))
    return examples


def test_messages_almost_never_leave_a_conversation_in_their_own_language() -> None:
    examples = _held_out_examples()
    assert len(examples) > 2000
    left = [
        (lang, text) for lang, text in examples if message_language(text, lang) not in (None, lang)
    ]
    # What is left are English phrases in German chats ("thanks a lot") and the like.
    assert len(left) <= len(examples) * 0.002, left


def test_most_messages_tell_their_language_to_a_new_conversation() -> None:
    examples = _held_out_examples()
    told = [message_language(text) for _, text in examples]
    right = sum(found == lang for found, (lang, _) in zip(told, examples, strict=True))
    wrong = sum(found not in (None, lang) for found, (lang, _) in zip(told, examples, strict=True))
    assert right >= len(examples) * 0.85
    assert wrong <= len(examples) * 0.01


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # lingua alone is unsure of these short questions; their small words are not.
        ("Wo ist der Stand von Alpine Dairy?", "de"),
        ("Où est le stand de Kangaroo Valley Wines ?", "fr"),
        ("¿Dónde está el stand de Bodegas Torres?", "es"),
        # lingua rules German out for a loanword's letter: "é" is not in its alphabet.
        ("Kaffeemaschinen für ein Café", "de"),
        # German nouns before a comma are no name running on: "à" alone is not French.
        ("Rohkaffee Arabica, Säcke à 60–70 kg", "de"),
    ],
)
def test_small_words_tell_a_short_question_to_a_new_conversation(text: str, expected: str) -> None:
    assert message_language(text) == expected


@pytest.mark.parametrize(
    "words",
    [
        ["Käse", "Frankreich"],  # no small word at all
        ["der", "zweite"],  # one is not enough
        ["die", "des", "la", "en"],  # words of two languages count for neither
        ["der", "von", "the"],  # and one of another language spoils it
    ],
)
def test_small_words_decide_only_when_they_agree(words: list[str]) -> None:
    assert function_word_language(words) is None


def test_kanji_only_text_is_read_in_the_apps_language_before_any_conversation() -> None:
    """ "冷凍食品" could be Chinese or Japanese; a Japanese app says which."""
    assert resolve(None, "冷凍食品", "ja", "en") == "ja"
    assert resolve(None, "冷凍食品", "zh-hans", "en") == "zh"
    assert resolve(None, "冷冻食品", "ja", "en") == "zh"  # simplified: Chinese only
