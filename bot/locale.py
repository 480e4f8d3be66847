"""Which locale to answer in: saved choice, else the message's script, else the app's."""

from __future__ import annotations

import unicodedata

from core.settings import LOCALES


def script_language(text: str) -> str | None:
    """A language only when the script makes it unambiguous (kana, hangul, Han, Cyrillic)."""
    kana = hangul = han = cyrillic = latin = 0
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith(("HIRAGANA", "KATAKANA")):
            kana += 1
        elif name.startswith("HANGUL"):
            hangul += 1
        elif name.startswith("CJK UNIFIED"):
            han += 1
        elif name.startswith("CYRILLIC"):
            cyrillic += 1
        elif name.startswith("LATIN"):
            latin += 1
    if kana:
        return "ja"
    if hangul >= 2:
        return "ko"
    if han >= 2:
        return "zh"
    if cyrillic >= 3 and cyrillic > latin:
        return "ru"
    return None


def client_locale(language_code: str | None) -> str | None:
    """Telegram's IETF tag ("zh-hans", "de-AT") to one of our locales."""
    if not language_code:
        return None
    primary = language_code.replace("_", "-").split("-")[0].lower()
    return primary if primary in LOCALES else None


def resolve(saved: str | None, text: str, client_language: str | None, default: str) -> str:
    return saved or script_language(text) or client_locale(client_language) or default
