"""gettext catalogs and Babel formatting in the user's locale, times in Asia/Shanghai."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from core.settings import DISPLAY_TZ, LOCALES, ROOT

LOCALE_DIR = ROOT / "locales"
DOMAIN = "messages"
SHANGHAI = ZoneInfo(DISPLAY_TZ)
# Babel locale ids: Chinese means Simplified Chinese.
_BABEL_IDS = {"zh": "zh_Hans_CN"}


def N_(message: str) -> str:
    """Marks a string for extraction; translated later where it is shown."""
    return message


@cache
def _translations(locale: str) -> NullTranslations:
    loaded = Translations.load(str(LOCALE_DIR), [locale], DOMAIN)
    if not isinstance(loaded, Translations) and locale != "en":
        # English is the source language and works without a catalog.
        raise RuntimeError(
            f"no compiled catalog for {locale!r} in {LOCALE_DIR}; run `make locales`"
        )
    return loaded


@dataclass(frozen=True)
class Translator:
    """Everything a reply needs to speak one locale."""

    locale: str

    @property
    def babel_locale(self) -> Locale:
        return Locale.parse(_BABEL_IDS.get(self.locale, self.locale))

    def gettext(self, message: str) -> str:
        return _translations(self.locale).ugettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _translations(self.locale).ungettext(singular, plural, n)

    def datetime(self, value: dt.datetime, fmt: str = "medium") -> str:
        """Date and time in the locale's order, the time without seconds ("9:00 AM")."""
        pattern = self.babel_locale.datetime_formats[fmt]
        return str(pattern).replace("{1}", self.date(value, fmt)).replace("{0}", self.time(value))

    def date(self, value: dt.datetime, fmt: str = "medium") -> str:
        return format_date(value.astimezone(SHANGHAI).date(), fmt, locale=self.babel_locale)

    def date_only(self, value: dt.date, fmt: str = "medium") -> str:
        return format_date(value, fmt, locale=self.babel_locale)

    def time(self, value: dt.datetime, fmt: str = "short") -> str:
        return format_time(value.astimezone(SHANGHAI), fmt, locale=self.babel_locale)

    def day(self, value: dt.datetime | dt.date) -> str:
        """A short weekday and date ("Fri, Nov 5", "11月5日周五")."""
        if isinstance(value, dt.datetime):
            value = value.astimezone(SHANGHAI).date()
        return format_skeleton("MMMEd", value, locale=self.babel_locale)

    def number(self, value: float) -> str:
        return str(format_decimal(value, locale=self.babel_locale))

    def join(self, items: Sequence[str]) -> str:
        return format_list(list(items), locale=self.babel_locale) if items else ""

    def language_name(self, code: str) -> str:
        """A language's name in this locale ("德语" for de in Chinese)."""
        try:
            name = Locale.parse(code).get_display_name(self.babel_locale) or code
        except (ValueError, UnknownLocaleError):
            return code
        return name[:1].upper() + name[1:] if self.locale not in {"zh", "ja", "ko"} else name

    @staticmethod
    def autonym(code: str) -> str:
        """A language's own name ("Deutsch"), as users look for it in a menu."""
        own = Locale.parse(code)
        name = own.get_display_name(own) or code
        return name[:1].upper() + name[1:]


def translator(locale: str) -> Translator:
    return Translator(locale if locale in LOCALES else "en")
