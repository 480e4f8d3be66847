"""The web chat's page: its words in the visitor's language (gettext, rendered into the page
and served per locale as JSON), and its own assets, all from our origin."""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from html import escape
from pathlib import Path
from string import Template

from core.i18n import N_, Translator, translator
from core.settings import LOCALES

STATIC = Path(__file__).resolve().parent / "web_static"
ASSET_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
}

# Everything the page itself says; replies come from the actions, in the same language.
STRINGS = {
    "title": N_("Delta Expo Assistant"),
    "tagline": N_("CIIE Shanghai · exhibitors, meetings, Lingang, Delta events"),
    "language": N_("Language"),
    "log": N_("Conversation"),
    "you": N_("You:"),
    "assistant": N_("Assistant:"),
    "message": N_("Your message"),
    "placeholder": N_("Ask about exhibitors, meetings, Lingang…"),
    "send": N_("Send"),
    "typing": N_("The assistant is typing…"),
    "unreachable": N_(
        "The assistant cannot be reached right now. Check your connection and try again."
    ),
    "retry": N_("Try again"),
    "rate_limited": N_("You are sending messages too quickly. Please wait a moment."),
    "too_large": N_("Your message is too long."),
    "forbidden": N_("This request did not come from the chat page. Reload the page."),
    "download": N_("Download {filename}"),
    "new_message": N_("New message"),
    "reconnecting": N_("Connection lost; reconnecting…"),
    "menu": N_("Menu"),
    "help": N_("Help"),
    "privacy": N_("Privacy"),
    "delete": N_("Delete my data"),
    "cookie": N_(
        "This page keeps one cookie: a random number that links you to your meetings and "
        "alerts. No account, no phone number."
    ),
    "noscript": N_("This chat needs JavaScript. Please allow it, or open the page in a browser."),
    "opens_new": N_("(opens in a new tab)"),
}


def strings(locale: str) -> dict[str, str]:
    t = translator(locale)
    return {key: t.gettext(message) for key, message in STRINGS.items()}


def _json_for_html(value: object) -> str:
    """JSON that cannot end the element it sits in, or start markup."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@dataclass(frozen=True)
class Asset:
    body: bytes
    gzipped: bytes
    media_type: str
    version: str


def load_assets(folder: Path = STATIC) -> dict[str, Asset]:
    assets: dict[str, Asset] = {}
    for path in sorted(folder.iterdir()):
        media_type = ASSET_TYPES.get(path.suffix)
        if media_type is None:
            continue
        body = path.read_bytes()
        assets[path.name] = Asset(
            body=body,
            gzipped=gzip.compress(body, 9, mtime=0),
            media_type=media_type,
            version=hashlib.sha256(body).hexdigest()[:12],
        )
    return assets


class Page:
    """The chat page per locale, built once (it holds nothing about the visitor)."""

    def __init__(self, assets: dict[str, Asset], folder: Path = STATIC) -> None:
        self.template = Template((folder / "index.html").read_text(encoding="utf-8"))
        self.assets = assets
        self._cache: dict[str, str] = {}

    def html(self, locale: str) -> str:
        if locale not in self._cache:
            self._cache[locale] = self._render(translator(locale))
        return self._cache[locale]

    def _render(self, t: Translator) -> str:
        words = strings(t.locale)
        values = {key: escape(text) for key, text in words.items()}
        values.update(
            lang=t.locale,
            strings_json=_json_for_html(words),
            language_options="".join(
                f'<option value="{code}"{" selected" if code == t.locale else ""}'
                f' lang="{code}">{escape(t.autonym(code))}</option>'
                for code in LOCALES
            ),
            **{"v_" + name.replace(".", "_"): asset.version for name, asset in self.assets.items()},
        )
        return self.template.substitute(values)
