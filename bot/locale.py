"""Which locale to answer in.

Order: the person's saved choice (made only by asking for a language, see
actions/language.py); else the language of this message when it is clear; else the
conversation's language, which is the last clear message's (button presses, company names,
"ok" or "10:00" tell nothing); else the app's language (Telegram `language_code`); else the
default.

A message's language: a script that belongs to one of the eight languages decides alone
(kana: ja, hangul: ko, Cyrillic: ru, Han: zh, except kanji-only words in a Japanese
conversation); Latin-script text is identified by lingua, and changes the conversation's
language only when lingua is sure of it: a confidence of 0.75 puts it ahead of every other
language by at least 0.5, as the eight confidences sum to 1.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from core.datafiles import read_yaml
from core.settings import LOCALES, ROOT

_LINGUA = {
    "zh": Language.CHINESE,
    "en": Language.ENGLISH,
    "ja": Language.JAPANESE,
    "ko": Language.KOREAN,
    "de": Language.GERMAN,
    "fr": Language.FRENCH,
    "es": Language.SPANISH,
    "ru": Language.RUSSIAN,
}
assert set(_LINGUA) == set(LOCALES)

# lingua's confidence (its eight values sum to 1) a Latin-script message needs for its
# language to be taken: to start a conversation's language (or to leave one held in another
# script), and to change it from another Latin-script language. Measured on the
# NLU examples (data/nlu*): at 0.75, 0.2% of en/de/fr/es messages change a conversation in
# their own language, mostly English phrases in German or Spanish chats ("thanks a lot");
# lower values also flip on loanwords ("mis citas de matchmaking" reads as English).
START_CONFIDENCE = 0.6
SWITCH_CONFIDENCE = 0.75
LATIN_SCRIPT_LOCALES = frozenset({"en", "de", "fr", "es"})
# Two words ("fromages français") need near certainty; one word never suffices: it is a name,
# a product or a greeting that every language uses.
TWO_WORD_CONFIDENCE = 0.95
MIN_WORDS = 2
# Small words of one language only (data/function_words.yml) that tell a message's language
# when lingua is unsure.
FUNCTION_WORDS = ROOT / "data" / "function_words.yml"
MIN_FUNCTION_WORDS = 2
_EDGE_PUNCTUATION = re.compile(r"^[^\w']+|[^\w']+$")

_LETTERS = re.compile(r"[^\W\d_]")
# Chinese places and names in pinyin ("Lingang", "Suzhou", "Yangshan") read to lingua as
# English or French; a capitalised word made of two or more pinyin syllables, with a spelling
# that marks pinyin, is taken for such a name.
_PINYIN_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|iao|ian|ang|eng|ong|uai|uan|ing|ai|ei|ao|ou|an|en|er|ia|ie|iu|in"
    r"|ua|uo|ui|un|ue|a|o|e|i|u|v)"
)
_PINYIN_NAME = re.compile(rf"(?i)(?=.*(?:zh|x|q|ng|ao|ou|ui|iu))(?:{_PINYIN_SYLLABLE}){{2,}}")


class LanguageIdentifier:
    """lingua restricted to the eight languages, its models loaded once (1.5 s on an idle
    machine; left lazy, someone's first message in each language would wait for them)."""

    def __init__(self) -> None:
        self._detector: LanguageDetector = (
            LanguageDetectorBuilder.from_languages(*_LINGUA.values())
            .with_preloaded_language_models()
            .build()
        )
        self._codes = {language: code for code, language in _LINGUA.items()}

    def confidences(self, text: str) -> dict[str, float]:
        values = self._detector.compute_language_confidence_values(text)
        return {self._codes[v.language]: v.value for v in values}


_identifier: LanguageIdentifier | None = None
_identifier_lock = threading.Lock()


def identifier() -> LanguageIdentifier:
    """The process's one identifier; the composition root builds it at start-up."""
    global _identifier
    if _identifier is None:
        with _identifier_lock:
            if _identifier is None:
                _identifier = LanguageIdentifier()
    return _identifier


# --- scripts ---------------------------------------------------------------------------
def _script_counts(text: str) -> dict[str, int]:
    counts = {"kana": 0, "hangul": 0, "han": 0, "cyrillic": 0}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith(("HIRAGANA", "KATAKANA")):
            counts["kana"] += 1
        elif name.startswith("HANGUL"):
            counts["hangul"] += 1
        elif name.startswith("CJK"):
            counts["han"] += 1
        elif name.startswith("CYRILLIC"):
            counts["cyrillic"] += 1
    return counts


# Words of Chinese grammar that Japanese does not write in kanji.
_CHINESE_WORDS = frozenset("我你们吗呢吧哪什么这那没")


def _is_chinese(text: str) -> bool:
    """Han text that Japanese could not have written: a simplified character outside the
    Japanese character set (JIS X 0208, via EUC-JP), or a word of Chinese grammar. lingua
    cannot tell them apart: it calls every text without kana Chinese."""
    return any(ch in _CHINESE_WORDS or not _in_japanese_set(ch) for ch in text if _is_han(ch))


def _is_han(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("CJK UNIFIED")


def _in_japanese_set(ch: str) -> bool:
    try:
        ch.encode("euc_jp")
    except UnicodeEncodeError:
        return False
    return True


def script_language(text: str, conversation: str | None = None) -> str | None:
    """The language a script gives away; Latin words beside it are names ("找 Siemens 的展位")."""
    counts = _script_counts(text)
    if counts["kana"]:
        return "ja"
    if counts["hangul"]:
        return "ko"
    if counts["han"] and _more_han_than_cyrillic(text, counts):
        return "ja" if conversation == "ja" and not _is_chinese(text) else "zh"
    if counts["cyrillic"] >= 2:
        return "ru"
    return None


def _more_han_than_cyrillic(text: str, counts: dict[str, int]) -> bool:
    """Whether Han says more of the message than Cyrillic does: a Han character is about
    half a word, a Cyrillic one a letter ("Таёжные дары 在哪里？我想找松子仁" is Chinese
    around a Russian company's name)."""
    cyrillic_words = len(re.findall(r"[\u0400-\u04ff]+", text))
    return counts["han"] >= counts["cyrillic"] or counts["han"] >= 2 * cyrillic_words


# --- Latin-script text --------------------------------------------------------------------
def _words(text: str) -> list[str]:
    return [token for token in text.split() if _LETTERS.search(token)]


def _is_capitalised(word: str) -> bool:
    letter = _LETTERS.search(word)
    return letter is not None and letter.group().isupper()


def _without_names(words: list[str]) -> list[str]:
    """Drops what reads as a proper noun: Chinese names in pinyin, two or more capitalised
    words in a row ("Nordic Medtech", "Alpine Dairy") and acronyms ("ABB"); another single
    capitalised word stays, since German writes every noun so."""
    kept: list[str] = []
    run: list[str] = []

    def end_run() -> None:
        if len(run) == 1 and not _is_acronym(run[0]):
            kept.append(run[0])
        run.clear()

    for word in [*(w for w in words if not _is_pinyin_name(w)), ""]:
        if word and _is_capitalised(word):
            run.append(word)
            if _CLAUSE_END.search(word):
                end_run()  # "Rohkaffee Arabica, Säcke à 60 kg": no name runs past a comma
            continue
        end_run()
        if word:
            kept.append(word)
    return kept


_CLAUSE_END = re.compile(r"[,;:.!?]$")


def _is_pinyin_name(word: str) -> bool:
    letters = "".join(_LETTERS.findall(word))
    return letters[:1].isupper() and _PINYIN_NAME.fullmatch(letters) is not None


def _is_acronym(word: str) -> bool:
    letters = _LETTERS.findall(word)
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def latin_language(text: str, conversation: str | None = None) -> str | None:
    words = _words(text)
    if len(words) < MIN_WORDS or all(_is_capitalised(w) for w in words):
        return None  # "ok", "Landmaschinen", "Nordic Medtech", "Alpine Dairy"
    content = _without_names(words)
    if len(content) < MIN_WORDS:
        content = words
    confidences = identifier().confidences(" ".join(content))
    best = max(confidences, key=confidences.__getitem__)
    if best == conversation:
        return best
    small_words = function_word_language(content)
    if small_words and small_words != best:
        # lingua rules a language out by a letter it does not use: "Kaffeemaschinen für
        # ein Café" is not German to it for its "é". Two small words of one language say more.
        return small_words
    if len(words) == MIN_WORDS:
        needed = TWO_WORD_CONFIDENCE
    elif conversation in LATIN_SCRIPT_LOCALES:
        needed = SWITCH_CONFIDENCE  # lingua may take one of them for another
    else:
        needed = START_CONFIDENCE  # a new conversation, or one in a script this text lacks
    return best if confidences[best] >= needed else function_word_language(content)


def function_word_language(words: list[str]) -> str | None:
    """The one Latin-script language whose small words ("ist", "der", "von") the message
    uses at least twice, when it uses none of another's."""
    lists = _function_words()
    counts = {code: 0 for code in lists}
    for word in words:
        folded = _EDGE_PUNCTUATION.sub("", word.casefold().replace("’", "'"))
        for code, known in lists.items():
            counts[code] += folded in known
    found = [code for code, count in counts.items() if count]
    return found[0] if len(found) == 1 and counts[found[0]] >= MIN_FUNCTION_WORDS else None


@cache
def _function_words() -> dict[str, frozenset[str]]:
    lists = {code: set(words) for code, words in read_yaml(FUNCTION_WORDS).items()}
    shared = Counter(word for words in lists.values() for word in words)
    return {code: frozenset(w for w in words if shared[w] == 1) for code, words in lists.items()}


def message_language(text: str, conversation: str | None = None) -> str | None:
    """The language of a typed message, or None when it does not tell one."""
    return script_language(text, conversation) or latin_language(text, conversation)


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
    hint = expected_language(conversation, client_language)
    return reply_language(saved, message_language(text, hint), hint, default)


def reply_language(saved: str | None, detected: str | None, hint: str | None, default: str) -> str:
    """A chosen language first, then the message's own, then the one expected of it."""
    return saved or detected or hint or default


def expected_language(conversation: str | None, client_language: str | None) -> str | None:
    """The language a message is most likely in: the conversation's, and with no
    conversation yet the app's (an ambiguous message, kanji only: "冷凍食品")."""
    return conversation or client_locale(client_language)
