"""Which locale to answer in.

Order: the user's saved choice; else the language of this message when it is clear (its
script, or common words for Latin-script languages); else the language of the user's last
clear message (button presses carry no text); else the app's language (Telegram
`language_code`); else the default.
"""

from __future__ import annotations

import re
import unicodedata

from core.settings import LOCALES

# Frequent words that mark a language in short chat messages (no word is in two lists).
_MARKERS = {
    "en": {
        "the",
        "is",
        "are",
        "where",
        "what",
        "show",
        "find",
        "me",
        "please",
        "for",
        "events",
        "exhibitors",
        "booth",
        "how",
        "which",
        "who",
        "any",
        "and",
        "of",
        "in",
        "about",
    },
    "de": {
        "der",
        "die",
        "das",
        "und",
        "ist",
        "ich",
        "für",
        "mit",
        "nicht",
        "ein",
        "eine",
        "wo",
        "gibt",
        "es",
        "aussteller",
        "veranstaltungen",
        "bitte",
        "welche",
        "zeig",
        "suche",
        "aus",
        "von",
        "im",
        "auf",
        "wie",
    },
    "fr": {
        "le",
        "les",
        "des",
        "est",
        "je",
        "pour",
        "avec",
        "pas",
        "un",
        "une",
        "où",
        "sont",
        "exposants",
        "du",
        "au",
        "quels",
        "quelles",
        "événements",
        "à",
        "qui",
        "vous",
        "bonjour",
        "merci",
        "salons",
        "cherche",
    },
    "es": {
        "el",
        "los",
        "las",
        "es",
        "yo",
        "para",
        "con",
        "una",
        "dónde",
        "hay",
        "expositores",
        "eventos",
        "del",
        "quién",
        "qué",
        "por",
        "favor",
        "busco",
        "hola",
        "gracias",
        "y",
    },
}
_WORDS = re.compile(r"[^\W\d_]+")


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


def word_language(text: str) -> str | None:
    """en, de, fr or es when marker words make one clearly ahead of the others."""
    words = [w.casefold() for w in _WORDS.findall(text)]
    scores = {lang: sum(w in markers for w in words) for lang, markers in _MARKERS.items()}
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= 1 and top > second:
        return best
    return None


def message_language(text: str) -> str | None:
    return script_language(text) or word_language(text)


def client_locale(language_code: str | None) -> str | None:
    """Telegram's IETF tag ("zh-hans", "de-AT") to one of our locales."""
    if not language_code:
        return None
    primary = language_code.replace("_", "-").split("-")[0].lower()
    return primary if primary in LOCALES else None


def resolve(
    saved: str | None,
    text: str,
    client_language: str | None,
    default: str,
    conversation: str | None = None,
) -> str:
    return (
        saved or message_language(text) or conversation or client_locale(client_language) or default
    )
