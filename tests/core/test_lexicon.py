"""Goods in a buyer's words read in English: by a dictionary entry's stems, the head of a
phrase, a German compound's parts; nothing without the file or in a language with no
dictionary."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.lexicon import Lexicon
from core.settings import Settings
from tests.support.freedict import FRENCH, GERMAN, build_lexicon, write_dictionary


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> Lexicon:
    folder = tmp_path_factory.mktemp("lexicon")
    write_dictionary(folder / "dictd", "deu-eng", GERMAN)
    write_dictionary(folder / "dictd", "fra-eng", FRENCH)
    return Lexicon(build_lexicon(folder / "dictd", folder / "lexicon.sqlite"))


def _english(lexicon: Lexicon, phrase: str, language: str) -> tuple[str, ...]:
    translation = lexicon.in_english(phrase, language)
    return translation.english if translation else ()


def test_an_entry_is_found_by_its_stems(lexicon: Lexicon) -> None:
    assert _english(lexicon, "Marillen", "de") == ("apricot",)
    # A translation of three words is followed by its last two, as labels shorten it.
    assert "kitchen exhaust hood" in _english(lexicon, "Dunstabzugshauben", "de")
    assert "exhaust hood" in _english(lexicon, "Dunstabzugshauben", "de")


def test_a_phrase_is_read_by_its_head_before_a_small_word(lexicon: Lexicon) -> None:
    assert _english(lexicon, "getrocknete Marillen aus der Wachau", "de") == ("apricot",)
    assert _english(lexicon, "hottes de cuisine", "fr") == ("hood", "basket")


def test_a_german_compound_is_read_by_its_parts(lexicon: Lexicon) -> None:
    assert _english(lexicon, "Edelstahlhauben", "de") == ("stainless steel hood", "hood", "bonnet")


def test_nothing_is_translated_without_an_entry_a_dictionary_or_the_file(
    lexicon: Lexicon, tmp_path: Path
) -> None:
    assert lexicon.in_english("Sojabohnen", "de") is None
    assert lexicon.in_english("Marillen", "ru") is None
    missing = Lexicon(tmp_path / "none.sqlite")
    assert not missing.available and missing.in_english("Marillen", "de") is None


def test_the_lexicon_built_at_set_up_reads_german_and_french() -> None:
    """`make setup` builds it from Debian's FreeDict packages."""
    built = Lexicon(Settings().lexicon_path)
    assert built.available
    assert "apricot" in _english(built, "Marillen", "de")
    assert any("sink" in e for e in _english(built, "Edelstahlspülen", "de"))
    assert "toy" in _english(built, "jouets en bois", "fr")
