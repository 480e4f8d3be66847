"""Turns the small HTML subset of replies into plain text (the console) or into text runs a
web page draws with textContent (no HTML from a reply ever reaches the page's DOM as markup)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.S)
_TAG = re.compile(r"</?(b|i|code)>")
MARKS = ("b", "i", "code")


def to_plain(text: str) -> str:
    def link(match: re.Match[str]) -> str:
        url, label = unescape(match.group(1)), match.group(2)
        return label if unescape(label) == url else f"{label} ({url})"

    return unescape(_TAG.sub("", _LINK.sub(link, text)))


def safe_url(url: str) -> bool:
    """Only web links; a javascript: or data: URL in a catalog never becomes a link."""
    return re.match(r"https?://[^\s\"'<>]+$", url, re.IGNORECASE) is not None


Run = dict[str, str | bool]


class _Runs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[Run] = []
        self.marks: list[str] = []
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in MARKS:
            self.marks.append(tag)
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.href = href if safe_url(href) else None

    def handle_endtag(self, tag: str) -> None:
        if tag in self.marks:
            del self.marks[len(self.marks) - 1 - self.marks[::-1].index(tag)]
        elif tag == "a":
            self.href = None

    def handle_data(self, data: str) -> None:
        run: Run = {"t": data}
        run.update({mark: True for mark in self.marks})
        if self.href:
            run["href"] = self.href
        last = self.runs[-1] if self.runs else None
        if last is not None and {k: v for k, v in last.items() if k != "t"} == {
            k: v for k, v in run.items() if k != "t"
        }:
            last["t"] = str(last["t"]) + data
        else:
            self.runs.append(run)


def to_runs(text: str) -> list[Run]:
    """[{"t": text, "b": True, "href": url}, ...]: the reply's text with its bold, italic,
    code and links; anything else in it is text."""
    parser = _Runs()
    parser.feed(text)
    parser.close()
    return parser.runs
