"""Every catalog is complete, fresh and well-formed, and every message renders everywhere."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from core.i18n import LOCALE_DIR, translator
from core.settings import LOCALES, ROOT

FIELD = re.compile(r"\{(\w*)\}")


def catalog(path):
    with path.open("rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The template extracted from today's code, so a new string without translations fails."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "N_", "-k", "_", "-k", "gettext", "-k", "ngettext:1,2", "--no-location",
         "-o", str(pot), "bot", "actions", "core"],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    return catalog(pot)


def ids(message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


def strings(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_is_complete_and_not_fuzzy(locale: str, template) -> None:
    po = catalog(LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po")
    problems = []
    for message in template:
        if not message.id:
            continue
        found = po.get(message.id)
        if found is None:
            problems.append(f"missing: {message.id!r}")
        elif found.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(s.strip() for s in strings(found)):
            problems.append(f"untranslated: {message.id!r}")
        else:
            wanted = set(FIELD.findall(" ".join(ids(message))))
            for string in strings(found):
                if set(FIELD.findall(string)) - wanted:
                    problems.append(f"unknown placeholder in {locale}: {string!r}")
    assert not problems, "\n".join(problems[:30])


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_renders(locale: str, template) -> None:
    t = translator(locale)
    for message in template:
        if not message.id:
            continue
        singular, *plural = ids(message)
        values = {name: "X" for name in FIELD.findall(" ".join(ids(message)))}
        if plural:
            for n in (1, 2, 5, 21):
                assert t.ngettext(singular, plural[0], n).format(**values)
        else:
            assert t.gettext(singular).format(**values)


@pytest.mark.parametrize("locale", [loc for loc in LOCALES if loc != "en"])
def test_translations_differ_from_english(locale: str) -> None:
    t = translator(locale)
    assert t.gettext("Welcome!") != "Welcome!"
