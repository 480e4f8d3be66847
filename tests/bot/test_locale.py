import pytest

from bot.locale import client_locale, resolve, script_language, word_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("找医疗器械展商", "zh"),
        ("找 Siemens 的展位", "zh"),
        ("化粧品の出展者", "ja"),
        ("의료기기 전시업체", "ko"),
        ("выставки в Сучжоу", "ru"),
        ("French cheese exhibitors", None),
        ("Aussteller für Landmaschinen", None),
        ("8.2", None),
    ],
)
def test_script_language(text: str, expected: str | None) -> None:
    assert script_language(text) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [("zh-hans", "zh"), ("zh-TW", "zh"), ("de-AT", "de"), ("pt-br", None), (None, None)],
)
def test_client_locale(code: str | None, expected: str | None) -> None:
    assert client_locale(code) == expected


def test_saved_choice_wins_over_script_and_client() -> None:
    assert resolve("fr", "找展商", "de", "en") == "fr"
    assert resolve(None, "找展商", "de", "en") == "zh"
    assert resolve(None, "hello", "de", "en") == "de"
    assert resolve(None, "hello", None, "en") == "en"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aussteller für Landmaschinen", "de"),
        ("French cheese exhibitors", "en"),
        ("exposants de vin d'Australie", "fr"),
        ("expositores de aceite de oliva de España", "es"),
        ("where is the booth of Nordic Medtech", "en"),
        ("Nordic Medtech", None),
        ("8.2A-05", None),
        ("ok", None),
    ],
)
def test_word_language(text: str, expected: str | None) -> None:
    assert word_language(text) == expected


def test_conversation_language_comes_after_the_message_and_before_the_app() -> None:
    assert resolve(None, "", "de", "en", conversation="zh") == "zh"
    assert resolve(None, "events in Suzhou", "de", "en", conversation="zh") == "en"
    assert resolve("fr", "events in Suzhou", "de", "en", conversation="zh") == "fr"
