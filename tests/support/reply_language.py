"""Which of the eight locales a reply was written in, read off the gettext catalogs.

Every reply is built from the catalog of one locale, so the pieces of that catalog's
translations that occur in the reply tell its language far more surely than a language
identifier would on text full of company names and booths. Pieces that two locales share
("Lingang") say nothing and are left out.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from functools import cache

from babel.messages.pofile import read_po

from core.settings import LOCALES, ROOT

# Cut at placeholders, tags, line breaks and punctuation: what is left is the locale's words.
_BREAKS = re.compile(r"\{[^}]*\}|<[^>]+>|\n|%\(\w+\)s|[:：.。!！?？,，;；()（）«»“”\"'·—–…▶◀•]")
_TAG = re.compile(r"<[^>]*>")
_CJK_LOCALES = frozenset({"zh", "ja", "ko"})


@cache
def catalog_fragments() -> dict[str, frozenset[str]]:
    """Each locale's translated phrases, cut into pieces, keeping only the pieces that belong
    to that locale alone."""
    pieces: dict[str, set[str]] = {}
    for code in LOCALES:
        path = ROOT / "locales" / code / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as f:
            catalog = read_po(f, locale=code if code != "zh" else "zh_Hans_CN")
        found: set[str] = set()
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for text in strings:
                for piece in _BREAKS.split(text or ""):
                    piece = piece.strip()
                    if len(piece) >= (2 if code in _CJK_LOCALES else 5):
                        found.add(piece)
        pieces[code] = found
    everywhere = Counter(p for found in pieces.values() for p in found)
    return {
        code: frozenset(p for p in found if everywhere[p] == 1) for code, found in pieces.items()
    }


def language_cover(text: str) -> dict[str, int]:
    """How many characters of `text` (HTML or plain) each locale's catalog phrases cover."""
    plain = html.unescape(_TAG.sub("", text))
    return {
        code: sum(len(piece) for piece in pieces if piece in plain)
        for code, pieces in catalog_fragments().items()
    }


def reply_language(text: str) -> str | None:
    """The locale whose catalog phrases cover most of `text`; None if none does."""
    cover = language_cover(text)
    best = max(cover, key=cover.__getitem__)
    return best if cover[best] else None


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
