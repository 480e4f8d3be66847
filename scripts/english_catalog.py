"""English is the source language: its catalog is the template with msgstr = msgid."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    template = read_po((ROOT / "locales/messages.pot").open("rb"), locale="en")
    for message in template:
        if message.id:
            message.string = message.id
        message.flags.discard("fuzzy")
    template.fuzzy = False
    target = ROOT / "locales/en/LC_MESSAGES/messages.po"
    with target.open("wb") as handle:
        write_po(handle, template, width=100, omit_header=False)


if __name__ == "__main__":
    main()
