"""The dictionary file is built from FreeDict's dictd files: nouns only, notes in brackets
left out, the commonest English first, and a dictionary that is missing left out."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.support.freedict import FRENCH, GERMAN, build_lexicon, write_dictionary


def _rows(path: Path) -> list[tuple[str, str, str, int]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT language, key, english, rank FROM translations").fetchall()


def test_nouns_are_kept_with_their_translations_commonest_first(tmp_path: Path) -> None:
    write_dictionary(tmp_path / "dictd", "deu-eng", GERMAN)
    rows = _rows(build_lexicon(tmp_path / "dictd", tmp_path / "lexicon.sqlite"))
    haube = [(english, rank) for language, key, english, rank in rows if key == "haub"]
    assert haube == [("hood", 0), ("bonnet", 1)]
    assert ("de", "marill", "apricot", 0) in rows  # "[Ös.]", a note, is no translation
    assert not any(english == "to dry" for *_, english, _ in rows)  # a verb


def test_a_missing_dictionary_is_left_out(tmp_path: Path) -> None:
    write_dictionary(tmp_path / "dictd", "fra-eng", FRENCH)
    rows = _rows(build_lexicon(tmp_path / "dictd", tmp_path / "lexicon.sqlite"))
    assert {language for language, *_ in rows} == {"fr"}
    assert [english for *_, english, _ in rows] == ["hood", "basket"]
