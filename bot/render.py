"""Turns the small HTML subset of replies into plain text for the console."""

from __future__ import annotations

import re
from html import unescape

_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.S)
_TAG = re.compile(r"</?(b|i|code)>")


def to_plain(text: str) -> str:
    def link(match: re.Match[str]) -> str:
        url, label = unescape(match.group(1)), match.group(2)
        return label if unescape(label) == url else f"{label} ({url})"

    return unescape(_TAG.sub("", _LINK.sub(link, text)))
