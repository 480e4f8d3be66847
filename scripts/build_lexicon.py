"""Build the dictionary file core.lexicon reads (var/lexicon.sqlite) from FreeDict's
German, French and Spanish dictionaries into and from English (dictd files, as Debian's
dict-freedict-* packages install them in /usr/share/dictd).

Kept: nouns (what buyers name goods with), their English translations of at most four
words without the notes in brackets, the commonest English first (wordfreq), three per
word. From an English-to-X dictionary, each X word is read back as its English headword.
Run by `make setup`; a dictionary that is missing is left out, and with none the file has
no translations.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.lexicon import MAX_WORDS, STEMMERS, TRANSLATIONS, key  # noqa: E402

# (buyer's language, dictionary, whether it translates from English).
DICTIONARIES = (
    ("de", "deu-eng", False),
    ("fr", "fra-eng", False),
    ("fr", "eng-fra", True),
    ("es", "spa-eng", False),
    ("es", "eng-spa", True),
)
# French words the French-English dictionaries lack, read through German (WikDict's French-
# German dictionaries, from Wiktionary, are ten times larger): "quincaillerie" is
# Eisenwaren, hardware. (buyer's language, dictionary, whether it translates into it.)
THROUGH_GERMAN = (("fr", "fra-deu", False), ("fr", "deu-fra", True))
# A German noun, one word with a capital: what the German-English dictionary has.
_GERMAN_NOUN = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+$")
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
# Pronunciation, grammar and usage notes: "/butɛj/", "<n, fem>", "[Br.]", "(of a car)".
_NOTES = re.compile(r"/[^/\n]*/|<[^>]*>|\[[^\]]*\]|\([^)]*\)|\{[^}]*\}")
_NOUN = re.compile(r"<[^>]*\b(?:n|noun|masc|fem|neut)\b[^>]*>")
_NUMBERED = re.compile(r"^\d+\.\s*")
_NOT_A_SENSE = ("Synonym", "see:", "Note:", "Notes:", "Example", '"', "Antonym")


def _number(text: str) -> int:
    value = 0
    for ch in text:
        value = value * 64 + _B64.index(ch)
    return value


def entries(folder: Path, name: str) -> Iterator[tuple[str, str]]:
    """Each (headword, entry text) of a dictd dictionary, in its index's order."""
    data = gzip.decompress((folder / f"freedict-{name}.dict.dz").read_bytes())
    with (folder / f"freedict-{name}.index").open(encoding="utf-8") as index:
        for line in index:
            head, offset, length = line.rstrip("\n").split("\t")
            if head.startswith("00-database"):
                continue
            start = _number(offset)
            yield head, data[start : start + _number(length)].decode("utf-8")


def is_noun(entry: str, language: str) -> bool:
    """Whether an entry's first line marks it a noun, or has no mark: in German, whose
    nouns are capitalised, with a capital (the Spanish dictionaries mark none)."""
    first = entry.split("\n", 1)[0]
    if _NOUN.search(first):
        return True
    return "<" not in first and (language != "de" or first[:1].isupper())


def senses(entry: str) -> list[str]:
    """The translations an entry gives, notes removed, in its order."""
    found: list[str] = []
    for line in entry.split("\n")[1:]:
        text = line.strip()
        if not text or text.startswith(_NOT_A_SENSE):
            continue
        text = _NOTES.sub(" ", _NUMBERED.sub("", text))
        for part in re.split(r"[,;]", text):
            words = part.split()
            if words and len(words) <= MAX_WORDS and not any(w.endswith(":") for w in words):
                found.append(" ".join(words))
    return list(dict.fromkeys(found))


def read(folders: list[Path]) -> dict[tuple[str, str], list[str]]:
    """(language, key) -> English translations, from every dictionary found in one of the
    folders (the first that has it), then those through German for words still lacking."""
    table: dict[tuple[str, str], list[str]] = defaultdict(list)
    for language, name, reverse in DICTIONARIES:
        for word, english in _pairs(folders, name, language, reverse):
            if (stemmed := key(word, language)) and english not in table[language, stemmed]:
                table[language, stemmed].append(english)
    through: dict[tuple[str, str], list[str]] = defaultdict(list)
    for language, name, reverse in THROUGH_GERMAN:
        for word, german in _pairs(folders, name, language, reverse):
            stemmed = key(word, language)
            if not stemmed or (language, stemmed) in table or not _GERMAN_NOUN.match(german):
                continue
            for english in commonest(table.get(("de", key(german, "de")), []))[:1]:
                if english not in through[language, stemmed]:
                    through[language, stemmed].append(english)
    table.update(through)
    return table


def _pairs(
    folders: list[Path], name: str, language: str, reverse: bool
) -> Iterator[tuple[str, str]]:
    """(word of `language`, its translation) of each noun entry of a dictionary; `reverse`:
    the dictionary translates into `language`."""
    folder = next((f for f in folders if (f / f"freedict-{name}.index").is_file()), None)
    if folder is None:
        print(f"lexicon: no {name} dictionary in {', '.join(map(str, folders))}")
        return
    source = name.split("-")[0]
    for head, entry in entries(folder, name):
        if not is_noun(entry, "de" if source == "deu" else language):
            continue
        for sense in senses(entry):
            yield (sense, head) if reverse else (head, sense)


def commonest(translations: list[str]) -> list[str]:
    """The translations, the commonest English first (multi-word phrases by their rarest
    word, as wordfreq combines them), ties in the dictionary's order."""
    from wordfreq import zipf_frequency

    ranked = sorted(
        enumerate(translations), key=lambda pair: (-zipf_frequency(pair[1], "en"), pair[0])
    )
    return [english for _, english in ranked][:TRANSLATIONS]


def write(table: dict[tuple[str, str], list[str]], out: Path) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    building = out.with_suffix(".building")
    building.unlink(missing_ok=True)
    db = sqlite3.connect(building)
    db.execute("CREATE TABLE translations (language TEXT, key TEXT, english TEXT, rank INTEGER)")
    rows = [
        (language, stemmed, english, rank)
        for (language, stemmed), translations in table.items()
        for rank, english in enumerate(commonest(translations))
    ]
    db.executemany("INSERT INTO translations VALUES (?, ?, ?, ?)", rows)
    db.execute("CREATE INDEX translations_by_key ON translations (language, key)")
    db.commit()
    db.close()
    building.replace(out)
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, action="append", help="dictd folders")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "lexicon.sqlite")
    args = parser.parse_args(argv)
    table = read(args.source or [Path("/usr/share/dictd")])
    count = write(table, args.out)
    languages = sorted({language for language, _ in table})
    print(f"lexicon: {count} translations ({', '.join(languages) or 'none'}) in {args.out}")
    return 0


if __name__ == "__main__":
    assert set(STEMMERS) >= {language for language, _, _ in DICTIONARIES}
    raise SystemExit(main())
