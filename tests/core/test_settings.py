import pytest

from core.settings import Settings


def test_settings_come_from_the_environment() -> None:
    settings = Settings.from_env(
        {"ADMIN_IDS": "1, 2;3", "DEFAULT_LOCALE": "de", "TELEGRAM_TOKEN": "t", "NLU_MANAGE": "0"}
    )
    assert settings.admin_ids == frozenset({1, 2, 3})
    assert settings.default_locale == "de" and not settings.nlu_manage


def test_secrets_are_not_in_the_repr() -> None:
    settings = Settings.from_env({"TELEGRAM_TOKEN": "123:SECRET", "CALLBACK_SECRET": "cbsecret"})
    assert "SECRET" not in repr(settings) and "cbsecret" not in repr(settings)


def test_unknown_default_locale_is_refused() -> None:
    with pytest.raises(ValueError, match="DEFAULT_LOCALE"):
        Settings.from_env({"DEFAULT_LOCALE": "pt"})


def test_matchmaking_settings_and_blank_values() -> None:
    settings = Settings.from_env(
        {"EXPO_START": "2027-11-05", "SLOT_MINUTES": "45", "SLOT_START": "10:00", "EXPO_DAYS": ""}
    )
    assert str(settings.expo_start) == "2027-11-05" and settings.slot_minutes == 45
    assert settings.slot_start.hour == 10 and settings.expo_days == 6


def test_several_nlu_servers_or_one() -> None:
    several = Settings.from_env(
        {"NLU_URLS": "http://nlu-a:5005/, http://nlu-b:5005 http://nlu-c:5005", "NLU_URL": "x"}
    )
    assert several.nlu_servers == ("http://nlu-a:5005", "http://nlu-b:5005", "http://nlu-c:5005")
    assert several.nlu_url == "http://nlu-a:5005"  # where a managed server would listen
    one = Settings.from_env({"NLU_URL": "http://127.0.0.1:5099/", "NLU_CHECK_INTERVAL": "3"})
    assert one.nlu_servers == ("http://127.0.0.1:5099",) and one.nlu_check_interval == 3.0
    assert Settings.from_env({}).nlu_servers == ("http://127.0.0.1:5005",)


def test_a_generated_nlu_token_never_reads_as_an_option() -> None:
    # Rasa takes `--auth-token -abc…` for a missing value followed by an unknown option.
    tokens = [Settings().nlu_token for _ in range(2000)]
    assert not any(token.startswith("-") for token in tokens)
    assert len(set(tokens)) == 2000 and min(map(len, tokens)) >= 32


def test_telegram_concurrency_and_api_address() -> None:
    settings = Settings.from_env(
        {"TELEGRAM_CONCURRENCY": "8", "TELEGRAM_API_URL": "http://127.0.0.1:8081/bot"}
    )
    assert settings.telegram_concurrency == 8
    assert settings.telegram_api_url == "http://127.0.0.1:8081/bot"
    defaults = Settings.from_env({"TELEGRAM_CONCURRENCY": "", "TELEGRAM_API_URL": ""})
    assert defaults.telegram_concurrency == 64
    assert defaults.telegram_api_url == "https://api.telegram.org/bot"
