"""Fills translations into the locale catalogs from a Python file holding a dict
`T = {msgid: {locale: msgstr}}` (plural msgids as tuples, msgstr as tuples), and rewrites
every catalog in the project's width. Usage: python scripts/translate.py FILE [FILE...]"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent


def main(paths: list[str]) -> None:
    table: dict[object, dict[str, object]] = {}
    for path in paths:
        table.update(runpy.run_path(path)["T"])
    for po_path in sorted((ROOT / "locales").glob("*/LC_MESSAGES/messages.po")):
        locale = po_path.parts[-3]
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=locale)
        for message in catalog:
            key = message.id
            if key in table and locale in table[key]:
                message.string = table[key][locale]
                message.flags.discard("fuzzy")
        with po_path.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False)


if __name__ == "__main__":
    main(sys.argv[1:])
