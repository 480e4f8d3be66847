"""Which of the eight locales a reply was written in, read off the gettext catalogs.

Every reply is built from the catalog of one locale, so the fragments of that catalog's
translations (the text between placeholders) that occur in the reply tell its language far
more surely than a language identifier would on text full of company names and booths.
Fragments that two locales share ("OK", "Lingang") say nothing and are left out.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from functools import cache

from babel.messages.pofile import read_po

from core.settings import LOCALES, ROOT

_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}|<[^>]*>|\n")
_TAG = re.compile(r"<[^>]*>")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _pieces(translation: str) -> set[str]:
    found = set()
    for piece in _PLACEHOLDER.split(translation):
        piece = piece.strip(" .,:;!?·•-–—()«»“”\"'")
        # Long enough to be the locale's own words, not a stray short token.
        if len(piece) >= (2 if _CJK.search(piece) else 6):
            found.add(piece)
    return found


@cache
def fragments() -> dict[str, frozenset[str]]:
    per_locale: dict[str, set[str]] = {}
    for code in LOCALES:
        with (ROOT / "locales" / code / "LC_MESSAGES" / "messages.po").open("rb") as po:
            catalog = read_po(po)
        pieces: set[str] = set()
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for string in strings:
                pieces |= _pieces(string or "")
        per_locale[code] = pieces
    shared = Counter(piece for pieces in per_locale.values() for piece in pieces)
    return {
        code: frozenset(piece for piece in pieces if shared[piece] == 1)
        for code, pieces in per_locale.items()
    }


def reply_language(text: str) -> str | None:
    """The locale whose catalog wrote most of `text` (HTML or plain); None if none did."""
    plain = html.unescape(_TAG.sub("", text))
    scores = {
        code: sum(len(piece) for piece in pieces if piece in plain)
        for code, pieces in fragments().items()
    }
    best = max(scores, key=lambda code: scores[code])
    return best if scores[best] else None


# Short conversations, each in one language (commands and "2つ目" follow the conversation);
# every message gets exactly one text reply. People's Telegram apps all say English, so
# only the messages tell the language.
CONVERSATIONS = (
    ("en", ("hello", "find medical devices exhibitors", "the second one", "/help", "events in Suzhou")),
    ("zh", ("找医疗器械展商", "第二家", "临港企业所得税优惠", "下一页", "/meetings")),
    ("en", ("where is the booth of Nordic Medtech", "their website", "thanks", "/language", "menu")),
    ("de", ("Wo ist der Stand von Alpine Dairy?", "Käse aus Frankreich", "weitere", "hallo", "/help")),
    ("fr", ("fromages français", "le deuxième", "événements à Hangzhou", "merci", "/privacy")),
    ("ja", ("臨港の法人税優遇", "医療機器の出展者", "2つ目", "こんにちは", "/help")),
    ("ko", ("의료기기 전시업체", "두 번째", "안녕하세요", "항저우 행사", "/meetings")),
    ("ru", ("выставки в Сучжоу", "медицинское оборудование", "второй", "спасибо", "/help")),
    ("es", ("quesos de Francia", "el segundo", "eventos en Suzhou", "hola", "/privacy")),
)  # fmt: skip
