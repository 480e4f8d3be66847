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
